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
	if (dep->kind != DEP_INSTALL_COMMAND && dep->kind != DEP_DOCUMENTATION) {
		rule_report(ctx, rule, dep, NULL,
			    "%s holds an environment variable that pip fills in at install "
			    "time; its value is not in the repository", dep->raw);
		return;
	}
	/* a command: name the word, one of several a command may hold */
	const char *spec = dep->spec ? dep->spec : "";
	rule_report(ctx, rule, dep, NULL,
		    "%s%s in `%s` is filled in when the command runs (a variable or a "
		    "command's output); its value is not in the repository", dep_label_or(dep, ""),
		    spec, dep->raw ? dep->raw : "");
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
