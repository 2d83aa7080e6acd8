/*
 * Packages installed from git repositories: R's install_github() and
 * friends, a DESCRIPTION's Remotes, Python VCS requirements. With --online
 * each ref is resolved to the commit it points at today, and the package's
 * DESCRIPTION, pyproject.toml or setup.cfg is read at that commit (its own
 * Remotes followed in turn); without it each stays unresolved, with the reason.
 */
#ifndef DEPUTY_RESOLVE_REMOTES_H
#define DEPUTY_RESOLVE_REMOTES_H

#include <stdbool.h>
#include <stddef.h>

#include "deputy/arena.h"
#include "deputy/dep.h"
#include "deputy/diag.h"
#include "deputy/graph.h"

struct intel;
struct pkg_records;

/* At most this many repositories in one scan, and this many Remotes deep. */
#define REMOTES_MAX 200
#define REMOTES_DEPTH 10

struct remotes_opts {
	bool online;                 /* false: nothing is fetched; every entry says why */
	const char *github_base;     /* replaces https://github.com; NULL: that */
	const char *gitlab_base;     /* replaces https://gitlab.com; NULL: that */
	const char *cache_dir;       /* bare repositories fetched (remote/remote.h); needed online */
	long timeout_s;              /* per repository (its ref and its commit); 0: a minute */
};

/*
 * The repositories that @deps name and, online, those their Remotes name, in
 * *@out (in @arena, *@n_out of them). What each package file says becomes a
 * record appended to @records, provenance "owner/repo@1a2b3c4:DESCRIPTION".
 * A repository that cannot be read is a warning at its declaration and an
 * entry with its error. 0 or ERR_NOMEM.
 */
int remotes_resolve(struct graph_remote **out, size_t *n_out, struct pkg_records *records,
		    struct arena *arena, struct diags *diags, const struct intel *intel,
		    struct dep *const *deps, size_t n_deps, const struct remotes_opts *opts);

/* A declaration of a package installed from a git repository (the kinds above). */
bool remotes_is_git_dep(const struct dep *dep);

/*
 * The package name a repository's declaration suggests before its package
 * file is read: R's "pkg=" or subfolder or repository name, a Python
 * requirement's name or the repository name. In @arena; NULL when none.
 */
const char *remotes_guess_name(struct arena *arena, const struct dep *dep);

#endif
