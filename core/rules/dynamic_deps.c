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
	/*
	 * The reader's raw text is "KEYWORD=TEXT": TEXT is the name the value
	 * is read from (extras_require={"test": tests_require}), or the keyword
	 * again for any other expression; "**=**" for setup(**kwargs).
	 */
	size_t kw = dep->raw ? strcspn(dep->raw, "=") : 0;
	const char *val = dep->raw && dep->raw[kw] ? dep->raw + kw + 1 : "";

	if (kw == 2 && strncmp(dep->raw, "**", 2) == 0)
		rule_report(ctx, rule, dep, NULL, "setup()'s **keyword arguments are computed "
			    "when setup.py runs: not read");
	else if (kw > 0 && val[0] && (strlen(val) != kw || strncmp(val, dep->raw, kw) != 0))
		rule_report(ctx, rule, dep, NULL, "%.*s (from %s) is computed when setup.py "
			    "runs: not read", (int)kw, dep->raw, val);
	else if (kw > 0)
		rule_report(ctx, rule, dep, NULL, "%.*s is computed when setup.py runs: not read",
			    (int)kw, dep->raw);
	else
		rule_report(ctx, rule, dep, NULL, "a dependency list is computed when setup.py "
			    "runs: not read");
}
