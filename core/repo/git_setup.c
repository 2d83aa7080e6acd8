/* libgit2's process-wide options for deputy, and its last error as text. */
#include "repo/git_setup.h"

#include <git2.h>

#include "deputy/diag.h"

int
git_setup_isolated(bool any_owner)
{
	static const int levels[] = {
		GIT_CONFIG_LEVEL_SYSTEM, GIT_CONFIG_LEVEL_XDG,
		GIT_CONFIG_LEVEL_GLOBAL, GIT_CONFIG_LEVEL_PROGRAMDATA,
	};

	if (any_owner && git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0) < 0)
		return ERR_GIT;
	for (size_t i = 0; i < sizeof(levels) / sizeof(levels[0]); i++)
		if (git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, levels[i], "") < 0)
			return ERR_GIT;
	return 0;
}

const char *
git_setup_message(void)
{
	const git_error *e = git_error_last();

	return e && e->message ? e->message : "unknown libgit2 error";
}
