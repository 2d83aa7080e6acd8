/*
 * repo-name-mismatch: an R package installed from a repository whose name is
 * not the package's name as the call or DESCRIPTION gives it.
 */
#include "rules/checks.h"

#include <string.h>
#include <strings.h>

/* The last '/'-separated part of @path. */
static const char *
last_part(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

void
repo_name_mismatch_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep)
{
	struct r_repo repo;

	if (dep->language != LANG_R || !dep->package || !dep->package[0])
		return;
	if (!rules_r_repo(&repo, dep))
		return;
	if (sv_eq_nocase(repo.repo, sv_from_cstr(dep->package)))
		return;
	/* A package in a subfolder is named after the folder, not the repository. */
	if (dep->subdir && dep->subdir[0] && strcasecmp(last_part(dep->subdir), dep->package) == 0)
		return;
	rule_report(ctx, rule, dep, NULL,
		    "the repository %.*s is named differently from the package %s it is said "
		    "to hold: check that it is that package's own repository",
		    (int)repo.repo.len, repo.repo.ptr, dep->package);
}
