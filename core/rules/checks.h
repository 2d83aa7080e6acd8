/*
 * The checks of the catalog, one file each (core/rules/<rule>.c), and the
 * helpers they share. Only rules.c's table refers to the checks.
 */
#ifndef DEPUTY_RULES_CHECKS_H
#define DEPUTY_RULES_CHECKS_H

#include <stdbool.h>

#include "deputy/dep.h"
#include "deputy/rule.h"
#include "deputy/sv.h"
#include "rules/rules.h"

void known_malicious_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep);
void typosquat_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep);
void stdlib_shadow_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep);
void not_in_registry_check(const struct rule *rule, struct rule_ctx *ctx,
			   const struct dep *dep);
void abandoned_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep);
void unpinned_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep);
void mutable_ref_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep);
void insecure_url_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep);
void insecure_url_check_option(const struct rule *rule, struct rule_ctx *ctx,
			       const struct index_option *opt);
void extra_index_check_option(const struct rule *rule, struct rule_ctx *ctx,
			      const struct index_option *opt);
void curl_pipe_shell_check(const struct rule *rule, struct rule_ctx *ctx,
			   const struct dep *dep);
void unhashed_lock_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep);
void untrusted_source_check_option(const struct rule *rule, struct rule_ctx *ctx,
				   const struct index_option *opt);
void dynamic_deps_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep);
void local_code_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep);
void env_var_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep);
void env_var_check_option(const struct rule *rule, struct rule_ctx *ctx,
			  const struct index_option *opt);

/* How a look-alike differs from the name it imitates. */
enum lookalike_edit {
	EDIT_NONE,
	EDIT_SEPARATOR,
	EDIT_ADDED,       /* the declared name has one letter more */
	EDIT_DELETED,     /* ... one letter less */
	EDIT_REPLACED,
	EDIT_LOOKALIKE,   /* replaced by a letter that looks the same (l/I/1, o/0) */
	EDIT_SWAPPED,
};

/* The popular name a declared name imitates, as typosquat_find sees it. */
struct lookalike {
	const char *target;       /* normalised: borrowed from the intel, or @buf */
	char buf[200];            /* a target the intel keeps no string for */
	int rank;                 /* the target's download rank, 0 when not popular */
	const char *technique;    /* "one letter deleted", ... (static) */
	const char *description;  /* for a message: "is one letter away from" (static) */
	enum lookalike_edit edit;
};

/*
 * Techniques for a name that no PyPI project has (typosquat_new.c), tried when
 * the popular-name comparison finds nothing. Each fills @out and returns the
 * cost of the resemblance (how much was changed), or a negative value.
 */
/* @normalized is a popular name cut short ("keras-preprocess"). */
double typosquat_cut_short(struct lookalike *out, const struct intel *intel,
			   const char *normalized);
/* @stripped has the letters of a popular name in another order ("matlibplot"). */
double typosquat_rearranged(struct lookalike *out, const struct intel *intel,
			    const char *stripped);
/*
 * @normalized is one edit from an existing PyPI project, popular or not
 * ("lightseeq"); @out->target points into @out->buf.
 */
double typosquat_near_existing(struct lookalike *out, const struct intel *intel,
			       const char *normalized);

/*
 * The single edit between @a and @b (lower case, no separators) as seen from
 * @a: EDIT_ADDED when @a has one letter more, ... EDIT_NONE when they are
 * equal or further apart. *@technique gets how a person makes that edit
 * ("letter doubled", "neighbouring key typed", ...; static, "" for none).
 */
enum lookalike_edit edit_classify(const char *a, const char *b, const char **technique);
/*
 * The optimal-string-alignment distance between @a and @b (insertions,
 * deletions, substitutions, adjacent swaps) when at most @max, else @max + 1.
 */
int edit_distance_at_most(const char *a, const char *b, int max);

/*
 * The most popular name within one edit of @normalized that is popular enough
 * for the resemblance to matter (the name itself excluded), or false. Does
 * not look at whether @normalized is popular itself.
 */
bool typosquat_find(struct lookalike *out, const struct intel *intel, const char *normalized);

/*
 * The single edit that turns @target into @name once both are in lower case
 * and stripped of separators ('-', '.', '_'): fills @out (target = @target,
 * rank 0, technique, description) and returns true; false when the two are
 * not one edit apart or are the same name.
 */
bool typosquat_classify(struct lookalike *out, const char *name, const char *target);

/*
 * The CRAN or base package @name (as written, any case) imitates, when it is
 * neither itself and close enough to one to count; *@base tells which list
 * the target is on (typosquat_r.c).
 */
bool typosquat_cran_find(struct lookalike *out, bool *base, const struct intel *intel,
			 const char *name);
/* The R part of typosquat: CRAN names and GitHub owners (typosquat_r.c). */
void typosquat_r_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep);

/* R rules (one file each). */
void github_unpinned_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep);
void remote_source_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep);
void cran_shadow_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep);
void repo_name_mismatch_check(const struct rule *rule, struct rule_ctx *ctx,
			      const struct dep *dep);
void base_shadow_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep);
void nonstandard_repo_check_option(const struct rule *rule, struct rule_ctx *ctx,
				   const struct index_option *opt);
void rprofile_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep);

/*
 * @url is a repository R users are meant to install from: CRAN (any
 * *.r-project.org host, a mirror R lists, the "@CRAN@" placeholder, the
 * getOption("repos") default), Bioconductor, R-universe or Posit Package
 * Manager (nonstandard_repo.c).
 */
bool rules_r_repo_is_standard(const struct intel *intel, const char *url);

/* qsort()/bsearch() order of an array of C strings (rules.c). */
int rules_cmp_cstr(const void *a, const void *b);
/* The last component of a '/'-separated path (borrowed from @path). */
const char *rules_basename(const char *path);
/*
 * @path is a file whose index options are declared sources (pyproject.toml,
 * Pipfile, lock files, environment.yml) rather than pip's own options
 * (untrusted_source.c).
 */
bool rules_declares_sources(const char *path);
/*
 * The host of @url ("scheme://[user@]host[:port]/..."), lower case, into @out
 * (@cap bytes, cut when longer); "" when @url has no "://" (r_remote.c).
 */
void rules_url_host(char *out, size_t cap, const char *url);
/* @host is @domain or one of its subdomains. */
bool rules_host_is(const char *host, const char *domain);
/*
 * @url is PyPI itself: https:// on pypi.org, pypi.python.org or
 * files.pythonhosted.org (not test.pypi.org, where anyone uploads anything).
 */
bool rules_url_is_pypi(const char *url);

/*
 * The ref of a source archive a forge makes of a repository (GitHub's
 * /archive/REF.zip, codeload, GitLab's /-/archive/REF/...): *@ref points into
 * @url, *@forge is "GitHub" or "GitLab". False for any other URL
 * (archive_ref.c).
 */
bool rules_archive_ref(const char *url, struct sv *ref, const char **forge);
/*
 * Reports @dep with @rule when it downloads such an archive of a branch or
 * tag (not a full commit, no --hash); returns whether it did.
 */
bool rules_report_archive_ref(const struct rule *rule, struct rule_ctx *ctx,
			      const struct dep *dep);

/* ECO_GITHUB, ECO_GITLAB or ECO_BITBUCKET. */
bool rules_is_hosted(const struct dep *dep);
/* The length of @ref when it is all hexadecimal digits; 0 otherwise (NULL too). */
size_t rules_hex_length(const char *ref);
/* @ref is a full commit hash: SHA-1 (40 digits) or SHA-256 (64). */
bool rules_is_commit_sha(const char *ref);

/* The owner and repository of a hosted or git declaration, borrowed from it. */
struct r_repo {
	struct sv owner;         /* empty when unknown (a bare git URL) */
	struct sv repo;
};

/*
 * Splits the name of a hosted declaration ("owner/repo", after an optional
 * "github::" or "pkg=") or the URL of a git one. False when it has neither.
 */
bool rules_r_repo(struct r_repo *out, const struct dep *dep);

/*
 * The R package a hosted or git declaration installs: dep->package, else its
 * repository name (copied into ctx->arena). NULL when unknown, or when out of
 * memory (then ctx->error is set).
 */
const char *rules_r_package(struct rule_ctx *ctx, const struct dep *dep);

/*
 * The declaration asks a package registry for a package by name (PyPI, CRAN,
 * Bioconductor) and has a name to judge.
 */
bool rules_dep_has_registry_name(const struct dep *dep);

#endif
