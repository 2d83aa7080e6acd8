/*
 * The look-alike verdict on one package name, as the typosquat and
 * stdlib-shadow rules give it (known-malicious aside): what the benchmarks of
 * detection quality measure, and what the rules report.
 */
#ifndef DEPUTY_RULES_LOOKALIKE_H
#define DEPUTY_RULES_LOOKALIKE_H

#include <stdbool.h>

#include "deputy/dep.h"

struct intel;

struct lookalike_verdict {
	const char *rule;         /* "typosquat" or "stdlib-shadow" (static) */
	const char *target;       /* the imitated package or module: borrowed from the
				     intel, or @target_buf */
	char target_buf[200];
	int target_rank;          /* its download rank, 0 when unknown */
	int own_rank;             /* the name's own download rank, 0 when not popular */
	const char *technique;    /* how the name differs: "one letter deleted", ... (static) */
};

/*
 * Judges @name (as written) for @eco (ECO_PYPI or ECO_CRAN). True, with @out
 * filled, when a rule would flag it as a look-alike; false when not.
 */
bool lookalike_judge(struct lookalike_verdict *out, const struct intel *intel,
		     enum ecosystem eco, const char *name);

#endif
