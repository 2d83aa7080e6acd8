/*
 * dynamic-deps: a setup.py whose dependency list deputy could not read
 * without running it (core/detect/setup_py.c records such a place as a
 * dynamic declaration).
 */
#include "rules/checks.h"

#include <string.h>


void
dynamic_deps_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep)
{
	if (!dep->dynamic || dep->language != LANG_PYTHON)
		return;
	if (strcmp(rules_basename(dep->file), "setup.py") != 0)
		return;
	rule_report(ctx, rule, dep, NULL,
		    "%s is computed when setup.py runs: not read", dep->raw && dep->raw[0] ?
		    dep->raw : "a dependency list");
}
