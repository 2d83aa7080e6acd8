/*
 * libgit2 set up for reading repositories nobody has vetted: no configuration
 * from outside the repository itself, and libgit2's last error as text.
 */
#ifndef DEPUTY_REPO_GIT_SETUP_H
#define DEPUTY_REPO_GIT_SETUP_H

#include <stdbool.h>

/*
 * Empties libgit2's global, XDG, system and ProgramData search paths, so that
 * neither the user's nor the system's configuration (url rewrites, helpers,
 * attributes, excludes) changes what deputy reads or fetches; with
 * @any_owner, repositories owned by another user open too (auditing them is
 * the point, and nothing from them is ever run). libgit2's options are
 * process-wide and reset by the last git_libgit2_shutdown(), so callers set
 * them after each git_libgit2_init(). 0 or ERR_GIT.
 */
int git_setup_isolated(bool any_owner);

/* libgit2's last error message, or a fixed text when there is none. Static. */
const char *git_setup_message(void);

#endif
