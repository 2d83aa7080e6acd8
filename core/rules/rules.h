/*
 * Running the catalog: every rule looks at every declaration and option line
 * and reports findings with evidence.
 */
#ifndef DEPUTY_RULES_RULES_H
#define DEPUTY_RULES_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "deputy/arena.h"
#include "deputy/finding.h"
#include "deputy/rule.h"

struct intel;

/* A growing array of findings (heap; the caller frees @items). */
struct findings {
	struct finding *items;
	size_t len;
	size_t cap;
};

/* A file that reads another: pip's -r FILE (or -c FILE), both paths in the snapshot. */
struct rules_include {
	const char *from, *to;
	bool constraint;
};

/* What the catalog looks at; every array may be empty (NULL). */
struct rules_input {
	struct dep *const *deps;
	size_t n_deps;
	struct index_option *const *options;
	size_t n_options;
	/* which file reads which: a -c file pins the installs it is read with */
	const struct rules_include *includes;
	size_t n_includes;
};

/*
 * Runs every rule of the catalog. Messages and other strings go into @arena.
 * Returns 0 or ERR_NOMEM.
 */
int rules_run(struct findings *out, struct arena *arena, const struct intel *intel,
	      const struct rules_input *in);

/* What a rule's check gets (defined in rules.c). */
struct rule_pins;

struct rule_ctx {
	struct arena *arena;
	const struct intel *intel;
	struct findings *out;
	const struct rule_pins *pins;  /* exact pins from constraint and lock files; may be NULL */
	int error;               /* sticky ERR_NOMEM */
};

/*
 * Context for the pin checks: pip applies a constraints file's == pins to the
 * requirements of the same install, and a lock file fixes what its own
 * manifest's loose entries install. Built once per run (rules/pins.c);
 * NULL when out of memory.
 */
struct rule_pins *rule_pins_new(const struct rules_input *in);
void rule_pins_free(struct rule_pins *pins);
/*
 * Where @dep's version is fixed by another declaration: "constraint FILE" or
 * "lock FILE" (static or in @arena), or NULL when it is not.
 */
const char *rule_pins_source(const struct rule_pins *pins, const struct dep *dep);

/*
 * Reports a finding on @dep (or, with @dep NULL, on @opt). @message is a
 * printf format over repository text passed as %s arguments. Returns the
 * finding (in @ctx->out, valid until the next report) so the caller can
 * add evidence (imitates, rank, technique, source), or NULL when out of memory.
 */
struct finding *rule_report(struct rule_ctx *ctx, const struct rule *rule,
			    const struct dep *dep, const struct index_option *opt,
			    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

#endif
