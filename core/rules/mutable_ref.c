/*
 * mutable-ref: a requirement fetched from a repository (git+https://...@ref,
 * a GitHub or GitLab remote, a forge's archive of a branch) whose ref is not
 * a full commit hash.
 */
#include "rules/checks.h"

#include <string.h>

static const char *
what(const struct dep *dep)
{
	return dep_label_or(dep, "the requirement");
}

void
mutable_ref_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep)
{
	if (dep->language == LANG_R)
		return;         /* github-unpinned, with R's ref forms */
	if (dep->kind == DEP_CONSTRAINT || dep->kind == DEP_DOCUMENTATION)
		return;
	if (rules_report_archive_ref(rule, ctx, dep))
		return;
	if (dep->ecosystem != ECO_VCS && dep->ecosystem != ECO_GITHUB &&
	    dep->ecosystem != ECO_GITLAB)
		return;
	if (!dep->vcs_ref || !dep->vcs_ref[0])
		rule_report(ctx, rule, dep, NULL,
			    "%s names no ref: the default branch is installed, whatever it "
			    "holds at the time", what(dep));
	else if (rules_is_commit_sha(dep->vcs_ref))
		return;
	else if (strchr(dep->vcs_ref, '$'))
		rule_report(ctx, rule, dep, NULL,
			    "%s follows '%s', filled in when the command runs: whatever branch, "
			    "tag or commit it names then", what(dep), dep->vcs_ref);
	else
		rule_report(ctx, rule, dep, NULL,
			    "%s follows '%s', a branch, tag or short hash that can be moved to "
			    "other code", what(dep), dep->vcs_ref);
}
