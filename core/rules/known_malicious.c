/*
 * known-malicious: the declaration names a package that a public report
 * showed to be malicious (data/known-malicious.json): a registry name, or a
 * GitHub repository or account.
 */
#include "rules/checks.h"

#include "deputy/diag.h"
#include "intel/intel.h"

/* The entry for "owner/repo" of a GitHub declaration, else for its owner. */
static const struct malicious *
find_github(struct rule_ctx *ctx, const struct dep *dep)
{
	const struct malicious *m;
	struct r_repo repo;
	char *key;

	if (!rules_r_repo(&repo, dep))
		return NULL;
	key = arena_printf(ctx->arena, "%.*s/%.*s", (int)repo.owner.len, repo.owner.ptr,
			   (int)repo.repo.len, repo.repo.ptr);
	if (!key) {
		ctx->error = ERR_NOMEM;
		return NULL;
	}
	m = intel_find_malicious(ctx->intel, ECO_GITHUB, key);
	if (m)
		return m;
	key[repo.owner.len] = '\0';
	return intel_find_malicious(ctx->intel, ECO_GITHUB, key);
}

void
known_malicious_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep)
{
	const struct malicious *m;
	struct finding *f;

	if (dep->ecosystem == ECO_GITHUB)
		m = find_github(ctx, dep);
	else if (rules_dep_has_registry_name(dep))
		m = intel_find_malicious(ctx->intel, dep->ecosystem, dep->normalized);
	else
		return;
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
	f->report_id = m->id;
	f->summary = m->summary && m->summary[0] ? m->summary : NULL;
	f->references = m->references && m->references[0] ? m->references : NULL;
	if (m->imitates && m->ecosystem == ECO_PYPI) {
		char *norm = dep_normalize_name(ctx->arena, sv_from_cstr(m->imitates));
		if (!norm) {
			ctx->error = ERR_NOMEM;
			return;
		}
		f->imitates_rank = intel_pypi_rank(ctx->intel, norm);
	}
}
