/*
 * known-malicious: the declaration names a package that a public report
 * showed to be malicious (data/known-malicious.json).
 */
#include "rules/checks.h"

#include "deputy/diag.h"
#include "intel/intel.h"

void
known_malicious_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep)
{
	const struct malicious *m;
	struct finding *f;

	if (!rules_dep_has_registry_name(dep))
		return;
	m = intel_find_malicious(ctx->intel, dep->ecosystem, dep->normalized);
	if (!m)
		return;
	if (m->imitates)
		f = rule_report(ctx, rule, dep, NULL,
				"%s is a known-malicious package that imitated %s (%s)",
				dep->name, m->imitates, m->id);
	else
		f = rule_report(ctx, rule, dep, NULL, "%s is a known-malicious package (%s): %s",
				dep->name, m->id, m->summary);
	if (!f)
		return;
	f->imitates = m->imitates;
	f->source = m->source;
	if (m->imitates && m->ecosystem == ECO_PYPI) {
		char *norm = dep_normalize_name(ctx->arena, sv_from_cstr(m->imitates));
		if (!norm) {
			ctx->error = ERR_NOMEM;
			return;
		}
		f->imitates_rank = intel_pypi_rank(ctx->intel, norm);
	}
}
