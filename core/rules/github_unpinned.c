/*
 * github-unpinned: an R package installed from GitHub, GitLab, Bitbucket, a
 * git URL or a forge's archive URL at anything but a full commit hash.
 */
#include "rules/checks.h"

#include <string.h>

static const char *
what(const struct dep *dep)
{
	return dep_label_or(dep, "the package");
}

/* 7 to 39 hex digits: how people abbreviate a commit. */
static bool
is_short_sha(const char *ref)
{
	size_t n = rules_hex_length(ref);

	return n >= 7 && n < 40;
}

void
github_unpinned_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep)
{
	const char *ref = dep->vcs_ref;

	if (dep->language != LANG_R || dep->kind == DEP_DOCUMENTATION ||
	    dep->kind == DEP_CONSTRAINT)
		return;
	if (rules_report_archive_ref(rule, ctx, dep))
		return;         /* install_url() of a GitHub archive of a branch */
	if (!rules_is_hosted(dep) && dep->ecosystem != ECO_VCS)
		return;
	if (rules_is_commit_sha(ref))
		return;
	if (dep->dynamic)
		rule_report(ctx, rule, dep, NULL,
			    "the repository is computed when the code runs and no literal "
			    "commit hash pins it: deputy cannot tell what is installed");
	else if (!ref || !ref[0])
		rule_report(ctx, rule, dep, NULL,
			    "%s names no ref: the default branch is installed, whatever was "
			    "pushed to it last", what(dep));
	else if (ref[0] == '#')
		rule_report(ctx, rule, dep, NULL,
			    "%s installs pull request %s: whatever its author pushes to it "
			    "next is installed", what(dep), ref);
	else if (strcmp(ref, "*release") == 0)
		rule_report(ctx, rule, dep, NULL,
			    "%s follows its latest release (*release), which changes with every "
			    "release the owner publishes", what(dep));
	else if (is_short_sha(ref))
		rule_report(ctx, rule, dep, NULL,
			    "%s is pinned to '%s', an abbreviated commit hash that a commit "
			    "pushed later can also match; write all 40 digits", what(dep), ref);
	else
		rule_report(ctx, rule, dep, NULL,
			    "%s follows '%s', a branch or tag that can be moved to other code",
			    what(dep), ref);
}
