/*
 * The dependency graph of a scan: the declared packages are the roots, and
 * the edges come from what lock files, an installed environment, an R library
 * or a CRAN index say each package depends on.
 * Every edge keeps its provenance; a package required but found nowhere stays
 * in the graph, marked unresolved with the reason. Lives in the scan's arena.
 */
#ifndef DEPUTY_DEPUTY_GRAPH_H
#define DEPUTY_DEPUTY_GRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "deputy/dep.h"

/*
 * A package installed from a git repository (R's install_github(), a
 * DESCRIPTION's Remotes, a Python VCS requirement): what the ref points at,
 * read with --online; without it, or when it fails, @error says why.
 */
struct graph_remote {
	const struct dep *dep;       /* the declaration naming the repository (the first one) */
	size_t node;                 /* its package's node; GRAPH_NONE when it has no name */
	const char *name;            /* that package's name: @package, else what the
					declaration suggests (R's pkg=, the repository name) */
	const char *url;             /* the repository as fetched (after --github-base) */
	const char *ref;             /* the ref as declared; NULL: the default branch */
	bool mutable_ref;            /* a branch, tag, pull request or default branch: anything
					but a full commit hash */
	const char *commit;          /* 40 hex digits: what the ref points at today; NULL when
					not resolved */
	const char *author;          /* that commit's author, "Name <email>"; NULL unknown */
	int64_t time;                /* its date, seconds since the epoch; 0 unknown */
	const char *summary;         /* its message's first line; NULL unknown */
	bool gone;                   /* the repository does not exist (any more) */
	const char *error;           /* why it is not resolved; NULL when resolved */
	const char *package;         /* the package name in its DESCRIPTION, pyproject.toml or
					setup.cfg at @commit; NULL unknown */
	const char *version;         /* its version there; NULL unknown */
	const char *file;            /* that file, "DESCRIPTION" or "sub/dir/pyproject.toml" */
	bool in_registry;            /* @package also exists on CRAN (R) or PyPI (Python) */
	size_t parent;               /* the remote whose Remotes named this one, or GRAPH_NONE
					for a declaration in the repository */
};

struct graph_node {
	enum ecosystem ecosystem;    /* ECO_PYPI, or ECO_CRAN for every R package */
	const char *name;            /* normalised: PEP 503, or lower case for R */
	const char *display;         /* as first written */
	const char *version;         /* the locked version; NULL when unknown */
	const struct dep *dep;       /* the lock entry that defines it (else a declaration); may be NULL */
	const char *defined_in;      /* the file that gives its version and dependencies: a lock
					file, a METADATA, DESCRIPTION or PACKAGES file; NULL: none */
	unsigned defined_line;
	const char *source;          /* what @defined_in is: "lock file", "installed environment",
					"R library", "CRAN index" (static); NULL: none */
	bool direct;                 /* declared outside a lock file: a root */
	bool unresolved;             /* required, but no lock entry defines it */
	const char *reason;          /* why unresolved (static), or NULL */
	bool conflict;               /* locked at two different versions */
	bool in_cycle;               /* on a dependency cycle */
	size_t via;                  /* the node before it on a shortest path from a root;
					GRAPH_NONE for a root or a package no root reaches */
	const struct graph_remote *remote;  /* installed from a git repository; else NULL */
};

#define GRAPH_NONE ((size_t)-1)

struct graph_edge {
	size_t from, to;             /* node indexes */
	const char *file;            /* provenance: the lock file that says so */
	unsigned line;               /* the line of the requiring package's entry */
	const char *source;          /* what @file is, as graph_node.source (static) */
};

/* Nodes are sorted by (ecosystem, name). */
struct graph {
	struct graph_node *nodes;
	size_t n_nodes;
	struct graph_edge *edges;
	size_t n_edges;
	struct graph_remote *remotes;  /* every repository a declaration or a Remotes names */
	size_t n_remotes;
};

#endif
