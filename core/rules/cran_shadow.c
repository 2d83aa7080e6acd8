/*
 * cran-shadow: an R package installed from GitHub, GitLab or Bitbucket when
 * CRAN publishes a package of the same name.
 */
#include "rules/checks.h"

#include "intel/intel.h"

void
cran_shadow_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep)
{
	const char *package;

	if (dep->language != LANG_R || !rules_is_hosted(dep))
		return;
	if (dep->kind != DEP_INSTALL_COMMAND && dep->kind != DEP_MANIFEST &&
	    dep->kind != DEP_LOCK)
		return;
	package = rules_r_package(ctx, dep);
	if (!package || !intel_cran_has(ctx->intel, package))
		return;
	if (intel_r_base_package(ctx->intel, package, NULL))
		return;         /* base-shadow says more */
	if (rules_is_commit_sha(dep->vcs_ref)) {
		struct finding *f = rule_report(
			ctx, rule, dep, NULL,
			"%s installs %s from %s although CRAN publishes %s: the commit %.12s is "
			"fixed, but unlike the CRAN release nobody at CRAN checked it",
			dep->name, package, ecosystem_str(dep->ecosystem), package, dep->vcs_ref);
		if (f)
			f->severity = SEV_LOW;
		return;
	}
	rule_report(ctx, rule, dep, NULL,
		    "%s installs %s from %s although CRAN publishes %s: the CRAN release was "
		    "checked on submission, this copy is whatever the account holds now",
		    dep->name, package, ecosystem_str(dep->ecosystem), package);
}
