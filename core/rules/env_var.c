/*
 * env-var: a requirement or option line holding ${NAME}, which pip expands
 * from the installing machine's environment (kept as written by the reader),
 * or an install command's word holding $NAME or $(command), which the shell
 * fills in.
 */
#include "rules/checks.h"

#include <string.h>

/* pip expands only ${NAME} with NAME in [A-Z0-9_] (req_file.py's ENV_VAR_RE). */
static const char *
find_var(const char *s)
{
	for (const char *p = s ? strstr(s, "${") : NULL; p; p = strstr(p + 2, "${")) {
		const char *q = p + 2;
		while ((*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9') || *q == '_')
			q++;
		if (*q == '}' && q > p + 2)
			return p;
	}
	return NULL;
}

void
env_var_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep)
{
	if (!dep->env_var)
		return;
	rule_report(ctx, rule, dep, NULL,
		    "%s holds a variable (or a command's output) that is filled in at "
		    "install time; its value is not in the repository", dep->raw);
}

void
env_var_check_option(const struct rule *rule, struct rule_ctx *ctx,
		     const struct index_option *opt)
{
	if (!find_var(opt->value))
		return;
	rule_report(ctx, rule, NULL, opt,
		    "%s %s takes its value from the environment at install time",
		    index_option_str(opt->kind), opt->value);
}
