/*
 * stdlib-shadow: a PyPI requirement for a name that is a standard-library
 * module, or a name people type for one (telnet, bzip, urllib2).
 */
#include "rules/checks.h"

#include <string.h>

#include "intel/intel.h"

void
stdlib_shadow_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep)
{
	const char *module;
	struct finding *f;
	int rank;

	if (dep->language == LANG_R)
		return;         /* R's own packages: base-shadow */
	if (dep->ecosystem != ECO_PYPI || !rules_dep_has_registry_name(dep))
		return;
	if (dep->kind == DEP_LIBRARY_CALL)
		return;         /* importing a standard module is what it is for */
	module = intel_stdlib_module(ctx->intel, dep->normalized);
	if (!module)
		return;
	rank = intel_pypi_rank(ctx->intel, dep->normalized);
	if (rank > 0) {
		/*
		 * A popular project of that name: a backport (dataclasses, typing)
		 * or an unrelated project (Zope's DateTime). People install it on
		 * purpose; say so quietly rather than cry wolf.
		 */
		f = rule_report(ctx, rule, dep, NULL,
				"%s is also the standard-library module %s; the PyPI project of "
				"that name (download rank %d) is a backport or another package, "
				"likely unneeded on current Python", dep->name, module, rank);
		if (f)
			f->severity = SEV_INFO;
	} else if (strcmp(module, dep->name) == 0 ||
		   strcmp(dep->normalized, module) == 0) {
		f = rule_report(ctx, rule, dep, NULL,
				"%s is a standard-library module and needs no installation; "
				"PyPI would install whatever was uploaded under that name",
				dep->name);
	} else {
		f = rule_report(ctx, rule, dep, NULL,
				"%s names the standard-library module %s, which needs no "
				"installation; PyPI would install whatever was uploaded under "
				"that name", dep->name, module);
	}
	if (!f)
		return;
	f->imitates = module;
	f->imitates_rank = rank;
}
