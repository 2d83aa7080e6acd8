/*
 * R remote specifications, the strings that remotes/devtools/pak and a
 * DESCRIPTION's Remotes field use to name code outside CRAN:
 *
 *   spec     = [type "::"] body
 *   type     = "github" | "gitlab" | "bitbucket" | "git" | "url" | "local" | "bioc"
 *            | "cran" | "svn" | "deps" | "any"
 *   body     = [package "="] owner "/" repo ["/" subdir] [ "@" ref | "#" pr | "@*release" ]
 *              (github, gitlab, bitbucket; the default type)
 *            | url                                            (git, url, svn)
 *            | path                                           (local)
 *            | package ["@" version]                          (cran, bioc, no type)
 *
 * after the remotes package's parse_repo_spec() and pak's "Package
 * references" documentation.
 */
#ifndef DEPUTY_LEX_RREMOTE_H
#define DEPUTY_LEX_RREMOTE_H

#include <stdbool.h>

#include "deputy/arena.h"
#include "deputy/dep.h"
#include "deputy/sv.h"

struct rremote {
	enum ecosystem ecosystem;  /* ECO_GITHUB, ECO_GITLAB, ECO_BITBUCKET, ECO_VCS (git::),
				    * ECO_URL, ECO_LOCAL, ECO_BIOC, ECO_CRAN */
	const char *name;          /* "owner/repo" for hosted repos; the URL, path or package */
	const char *ref;           /* "@ref" without '@', "#123" kept with '#', "*release"; "" none */
	const char *package;       /* "pkg=" prefix, or NULL */
	const char *subdir;        /* or NULL */
	const char *host;          /* "host/owner/repo" forms of gitlab/git: the host; or NULL */
};

/* Parses @spec (trimmed) into @out, strings in @arena. Returns 0, ERR_SYNTAX
 * (with a lower-case message in *@why, static storage) or ERR_NOMEM. */
int rremote_parse(struct rremote *out, struct arena *arena, struct sv spec, const char **why);

/*
 * Fills the fields of @out that follow from @r (docs r.md): language LANG_R,
 * ecosystem, name and normalized (as written), spec (the ref as written; "==V"
 * for a CRAN/Bioconductor "pkg@V" with V starting with a digit), vcs_ref (the
 * ref of a hosted or git remote, NULL when none), package, subdir and url
 * ("https://github.com/owner/repo", the git/archive URL, the local path; NULL
 * for CRAN and Bioconductor). Strings in @arena. Returns 0 or ERR_NOMEM.
 */
int rremote_fill_dep(struct dep *out, struct arena *arena, const struct rremote *r);

/* True for CRAN's own https addresses ("https://cloud.r-project.org", "@CRAN@",
 * ...), the repository R uses anyway: not a source worth an OPT_R_REPOS. */
bool rremote_is_main_cran(const char *url);

#endif
