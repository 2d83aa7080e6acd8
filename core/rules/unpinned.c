/*
 * unpinned: a registry requirement without one exact version or a hash, in a
 * file that installs (manifests, locks, install commands).
 */
#include "rules/checks.h"

void
unpinned_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep)
{
	/*
	 * Only PyPI: an R DESCRIPTION cannot pin, and URL and VCS requirements
	 * have rules of their own (mutable-ref). Constraint files only narrow
	 * what other lines install; documentation and imports install nothing.
	 */
	if (dep->language == LANG_R)
		return;
	if (dep->ecosystem != ECO_PYPI || dep->editable || dep->dynamic || !dep->name)
		return;         /* a computed name has no version to pin */
	if (dep->kind != DEP_MANIFEST && dep->kind != DEP_LOCK &&
	    dep->kind != DEP_INSTALL_COMMAND)
		return;
	if (dep_is_pinned(dep) || dep->n_hashes > 0)
		return;
	if (ctx->pins && rule_pins_source(ctx->pins, dep))
		return;     /* a constraints file or a lock beside it fixes the version */
	if (dep->spec && dep->spec[0])
		rule_report(ctx, rule, dep, NULL,
			    "%s allows any version matching '%s'; the newest one is installed",
			    dep->name, dep->spec);
	else
		rule_report(ctx, rule, dep, NULL,
			    "%s has no version: whatever release is newest gets installed",
			    dep->name);
}
