/*
 * abandoned: a PyPI project whose last release is more than five years older
 * than the bundled intel: unmaintained code, and a name that a new owner may
 * take over.
 */
#include "rules/checks.h"

#include <stdio.h>

#include "intel/intel.h"

#define ABANDONED_MONTHS (5 * 12)

/* The intel snapshot's month as year * 12 + month - 1. */
static int
snapshot_month(void)
{
	int year, month;

	if (sscanf(intel_snapshot_date(), "%4d-%2d", &year, &month) != 2)
		return 0;
	return year * 12 + month - 1;
}

void
abandoned_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep)
{
	int last, now = snapshot_month();
	struct finding *f;

	if (dep->language == LANG_R || dep->ecosystem != ECO_PYPI ||
	    !rules_dep_has_registry_name(dep) || dep->kind == DEP_LIBRARY_CALL)
		return;
	last = intel_pypi_last_release(ctx->intel, dep->normalized);
	if (last == 0 || now == 0 || now - last <= ABANDONED_MONTHS)
		return;
	f = rule_report(ctx, rule, dep, NULL,
			"%s had its last release in %04d-%02d, %d years before the intel "
			"snapshot of %s", dep->name, last / 12, last % 12 + 1, (now - last) / 12,
			intel_snapshot_date());
	if (f)
		f->imitates_rank = intel_pypi_rank(ctx->intel, dep->normalized);
}
