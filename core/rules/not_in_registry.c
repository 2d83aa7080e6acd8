/*
 * not-in-registry: a PyPI name that no project on PyPI has (the bundled list of
 * every existing project): a typo nobody has registered yet, or a private
 * package whose name anyone can still claim on PyPI.
 */
#include "rules/checks.h"

#include "intel/intel.h"

/* @dep is looked up on PyPI: no --index-url, or one that is PyPI itself. */
static bool
asks_pypi(const struct dep *dep)
{
	return !dep->index_url || rules_url_is_pypi(dep->index_url);
}

void
not_in_registry_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep)
{
	struct finding *f;

	if (dep->language == LANG_R || dep->ecosystem != ECO_PYPI ||
	    !rules_dep_has_registry_name(dep) || dep->kind == DEP_LIBRARY_CALL)
		return;
	if (intel_pypi_exists(ctx->intel, dep->normalized))
		return;
	/* other rules say it better */
	if (intel_find_malicious(ctx->intel, ECO_PYPI, dep->normalized) ||
	    intel_stdlib_module(ctx->intel, dep->normalized))
		return;
	if (dep->extra_index) {
		f = rule_report(ctx, rule, dep, NULL,
				"%s is not a PyPI project, and an extra index is in force: pip also "
				"asks PyPI, where anyone can register the name (dependency "
				"confusion)", dep->name);
		if (f)
			f->severity = SEV_HIGH;
	} else if (asks_pypi(dep)) {
		rule_report(ctx, rule, dep, NULL,
			    "%s is not a PyPI project (bundled list of %s): a typo or a private "
			    "name that anyone can still register", dep->name,
			    intel_snapshot_date());
	}
}
