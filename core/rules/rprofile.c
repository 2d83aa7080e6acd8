/*
 * rprofile: a package loaded, installed or sourced from an .Rprofile, which R
 * runs at every start in that folder (or Rprofile.site, at every start).
 */
#include "rules/checks.h"

#include <string.h>

static bool
is_profile(const char *path)
{
	const char *base = rules_basename(path);

	return strcmp(base, ".Rprofile") == 0 || strcmp(base, "Rprofile.site") == 0;
}

void
rprofile_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep)
{
	const char *what = dep->name && dep->name[0] ? dep->name
			 : dep->url ? dep->url : "a computed name";

	if (!dep->file || !is_profile(dep->file))
		return;
	switch (dep->kind) {
	case DEP_LIBRARY_CALL:
		rule_report(ctx, rule, dep, NULL,
			    "loads %s at every start of R in this folder, before any script runs",
			    what);
		break;
	case DEP_INSTALL_COMMAND:
		rule_report(ctx, rule, dep, NULL,
			    "installs %s at every start of R in this folder, before any script "
			    "runs", what);
		break;
	case DEP_REMOTE_SOURCE:
		rule_report(ctx, rule, dep, NULL,
			    "runs code from %s at every start of R in this folder, before any "
			    "script runs", what);
		break;
	default:
		break;
	}
}
