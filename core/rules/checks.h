/*
 * The checks of the catalog, one file each (core/rules/<rule>.c), and the
 * helpers they share. Only rules.c's table refers to the checks.
 */
#ifndef DEPUTY_RULES_CHECKS_H
#define DEPUTY_RULES_CHECKS_H

#include <stdbool.h>

#include "deputy/dep.h"
#include "deputy/rule.h"
#include "rules/rules.h"

void known_malicious_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep);
void typosquat_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep);
void stdlib_shadow_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep);
void unpinned_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep);
void mutable_ref_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep);
void insecure_url_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep);
void insecure_url_check_option(const struct rule *rule, struct rule_ctx *ctx,
			       const struct index_option *opt);
void extra_index_check_option(const struct rule *rule, struct rule_ctx *ctx,
			      const struct index_option *opt);
void env_var_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep);
void env_var_check_option(const struct rule *rule, struct rule_ctx *ctx,
			  const struct index_option *opt);

/* The popular name a declared name imitates, as typosquat_find sees it. */
struct lookalike {
	const char *target;       /* normalised, borrowed from the intel */
	int rank;
	const char *technique;    /* "one letter deleted", ... (static) */
	const char *description;  /* for a message: "is one letter away from" (static) */
};

/*
 * The most popular name within one edit of @normalized that is popular enough
 * for the resemblance to matter (the name itself excluded), or false. Does
 * not look at whether @normalized is popular itself.
 */
bool typosquat_find(struct lookalike *out, const struct intel *intel, const char *normalized);

/*
 * The declaration asks a package registry for a package by name (PyPI, CRAN,
 * Bioconductor) and has a name to judge.
 */
bool rules_dep_has_registry_name(const struct dep *dep);

#endif
