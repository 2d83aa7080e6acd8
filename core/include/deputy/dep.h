/*
 * A declaration: one dependency as written in one file, and the index options
 * (pip's -i, --extra-index-url, ...) that a file sets. Both live in the
 * scan's arena; every pointer here follows the scan's lifetime.
 */
#ifndef DEPUTY_DEPUTY_DEP_H
#define DEPUTY_DEPUTY_DEP_H

#include <stdbool.h>
#include <stddef.h>

#include "deputy/arena.h"
#include "deputy/sv.h"

enum ecosystem {
	ECO_PYPI,
	ECO_CRAN,
	ECO_BIOC,
	ECO_GITHUB,
	ECO_GITLAB,
	ECO_BITBUCKET,
	ECO_URL,        /* a direct archive URL */
	ECO_VCS,        /* git+https://..., hg+..., ... */
	ECO_LOCAL,      /* a local path: ./pkg, -e . */
	ECO_CONDA,      /* a conda package (environment.yml) */
};

/* The language of the file a declaration was found in. */
enum dep_language {
	LANG_PYTHON,
	LANG_R,
	LANG_SHELL,              /* a download piped into a shell: curl ... | sh */
};

/* How a declaration was found. */
enum dep_kind {
	DEP_MANIFEST,          /* requirements.txt, pyproject.toml, DESCRIPTION */
	DEP_LOCK,              /* a lock file entry */
	DEP_INSTALL_COMMAND,   /* pip install ... in a script */
	DEP_LIBRARY_CALL,      /* library(x), import */
	DEP_REMOTE_SOURCE,     /* source("https://...") */
	DEP_CONSTRAINT,        /* a line of a file included with -c */
	DEP_DOCUMENTATION,     /* a command shown in a README */
	DEP_RESOLVED,          /* not declared: a package the resolver found required (an
				* installed environment, an R library, an index) */
};

struct dep {
	enum ecosystem ecosystem;
	enum dep_kind kind;
	enum dep_language language;
	const char *name;        /* as written ("" for a bare URL with no name) */
	const char *normalized;  /* PEP 503 for Python; as written otherwise */
	const char *spec;        /* version specifiers as written, e.g. ">=1.0,<2"; "" when none */
	const char *const *extras;  /* n_extras names, as written */
	size_t n_extras;
	const char *marker;      /* environment marker as written; "" when none */
	const char *url;         /* direct URL, VCS URL or local path; NULL when none */
	const char *vcs_ref;     /* the @ref of a VCS URL; NULL when none */
	const char *const *hashes;  /* "algo:hex", n_hashes of them */
	size_t n_hashes;
	const char *index_url;   /* -i/--index-url in force for this line; NULL for the default */
	bool extra_index;        /* an --extra-index-url was in force */
	bool editable;           /* -e/--editable */
	bool env_var;            /* holds an unresolved ${VAR} reference */
	const char *package;     /* the package name when it differs from @name (R); NULL */
	const char *subdir;      /* a package in a subfolder of a repository; NULL */
	const char *const *requires;  /* lock entries: the names this package depends on, as
				       * the lock writes them (kept for the resolver); else NULL */
	size_t n_requires;
	bool dynamic;            /* the name or URL is computed at run time: unknown */

	const char *file;        /* path in the snapshot */
	unsigned line, column;   /* 1-based; column in code points */
	struct span_ref {
		size_t start, end;   /* byte range of the requirement in the file */
		size_t name_start, name_end;  /* byte range of the name (or URL) */
	} at;
	const char *raw;         /* the logical line as written (continuations joined) */
};

/* An option line that changes where packages come from. */
enum index_option_kind {
	OPT_INDEX_URL,
	OPT_EXTRA_INDEX_URL,
	OPT_TRUSTED_HOST,
	OPT_FIND_LINKS,
	OPT_NO_INDEX,
	OPT_PRE,
	OPT_PREFER_BINARY,
	OPT_REQUIRE_HASHES,
	OPT_ONLY_BINARY,
	OPT_NO_BINARY,
	OPT_USE_FEATURE,
	OPT_R_REPOS,             /* R: install.packages(repos=), Additional_repositories, drat */
	OPT_INDEX_SOURCE,        /* a declared source that is asked first, or only by the
				  * packages that name it, never in a race of versions with
				  * PyPI: a conda channel, a uv index, a Poetry explicit source */
};

struct index_option {
	enum index_option_kind kind;
	const char *value;       /* the argument as written; "" when none */
	const char *file;
	unsigned line, column;
	struct span_ref at;      /* name_* covers the value */
	const char *raw;
};

const char *ecosystem_str(enum ecosystem eco);     /* "pypi", "cran", ... */
const char *dep_kind_str(enum dep_kind kind);      /* "manifest", "lock", ... */
const char *index_option_str(enum index_option_kind kind);  /* "--index-url", ... */

/*
 * PEP 503 normalisation: lower case, runs of '-', '_', '.' become one '-'.
 * Returns a string in @arena, or NULL when out of memory.
 */
char *dep_normalize_name(struct arena *arena, struct sv name);
/* True when @name is already in PEP 503 normal form. */
bool dep_name_is_normalized(struct sv name);

/*
 * The one exact version @dep's spec asks for: "==V" without a wildcard,
 * "===V", and for PyPI names Poetry's exact forms "=V" and a bare "V"
 * (requests = "2.31.0" in pyproject.toml). An empty view when it asks for
 * a range or nothing. Points into dep->spec.
 */
struct sv dep_pinned_version(const struct dep *dep);
/* dep_pinned_version() is not empty. */
bool dep_is_pinned(const struct dep *dep);

/*
 * The folder of the repository or archive that holds @dep's package: its
 * subdir, else for a Python URL the "subdirectory=" of its fragment
 * (git+https://host/o/r@v1#egg=x&subdirectory=pkgs/x), copied into @arena.
 * NULL when neither (or out of memory).
 */
const char *dep_subdir(struct arena *arena, const struct dep *dep);

/* What to call @dep: its name, else its URL, else @none. */
const char *dep_label_or(const struct dep *dep, const char *none);

/*
 * dep_label_or() as a list shows it: a dependency with neither is
 * "(computed at run time)" when its name is, else "(unnamed)".
 */
const char *dep_label(const struct dep *dep);

#endif
