/*
 * The dependency graph in the detail pane: a package a declaration pulls in,
 * the packages around one graph node with the provenance of each edge, and
 * what a git repository a package is installed from points at.
 */
#ifndef DEPUTY_TUI_DETAIL_GRAPH_H
#define DEPUTY_TUI_DETAIL_GRAPH_H

#include <stddef.h>

#include "deputy/graph.h"
#include "deputy/scan.h"
#include "detail.h"
#include "tree.h"

/*
 * The heading of the package row @node of @tree: the package, where it is
 * defined, its marks, and the chain of rows by which its declaration pulls
 * it in, with the edge that says so.
 */
void detail_graph_package(struct detail *d, const struct scan *scan, const struct tree *tree,
			  const struct node *node);

/* What graph node @v depends on and what requires it; nothing when @v is GRAPH_NONE. */
void detail_graph_around(struct detail *d, const struct scan *scan, size_t v);

/* The git facts of @remote (see struct graph_remote); nothing when NULL. */
void detail_graph_remote(struct detail *d, const struct scan *scan,
			 const struct graph_remote *remote);

#endif
