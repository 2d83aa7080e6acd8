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

#include "deputy/dep.h"

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
};

#endif
