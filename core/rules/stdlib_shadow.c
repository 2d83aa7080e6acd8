/*
 * stdlib-shadow: a PyPI requirement for a name that is a standard-library
 * module, or a name people type for one (telnet, bzip, urllib2).
 */
#include "rules/checks.h"

#include <string.h>

#include "intel/intel.h"
#include "rules/python_guard.h"

/*
 * A backport kept behind a marker that no Python with the module meets
 * (`dataclasses; python_version < "3.7"`): exactly what the rule's fix asks
 * for. Only the marker's Python comparisons count: one that also names a
 * platform or an extra might hold anywhere else.
 */
static bool
guarded_backport(const struct intel *intel, const struct dep *dep)
{
	int since = intel_stdlib_since(intel, dep->normalized);

	return since >= 0 && dep->marker && python_guard_excludes(dep->marker, since);
}

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
	if (rank > 0 && guarded_backport(ctx->intel, dep))
		return;
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
