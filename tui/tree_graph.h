/*
 * Building the tree (tree.c, tree_graph.c): the growing list of rows, and
 * the package rows a declaration pulls in, walked from the scan's graph.
 */
#ifndef DEPUTY_TUI_TREE_GRAPH_H
#define DEPUTY_TUI_TREE_GRAPH_H

#include <stddef.h>

#include "deputy/scan.h"
#include "tree.h"

struct node_list {
	struct node *items;
	size_t len, cap;
};

/* Appends a copy of @node. 0 or ERR_NOMEM. */
int node_list_push(struct node_list *list, const struct node *node);

/* What the walks share: each node's outgoing edges in edge order, and scratch space. */
struct tree_graph;

/* @out is freed with tree_graph_free(). 0 or ERR_NOMEM. */
int tree_graph_new(struct tree_graph **out, const struct scan *scan);
void tree_graph_free(struct tree_graph *tg);

/*
 * Appends the package rows under the declaration at row @dep_row of @list
 * (see struct node in tree.h), then a NODE_MORE row when more than
 * TREE_MAX_PACKAGES would be needed. Sets only kind, path, file, graph_node,
 * edge, repeat, n_more, parent, depth and severity (-1); counts of children
 * are the caller's. 0 or ERR_NOMEM.
 */
int tree_graph_add(struct tree_graph *tg, struct node_list *list, size_t dep_row);

/* The first NODE_MORE row that counts graph node @v among the rows left out; SIZE_MAX none. */
size_t tree_graph_more_row(const struct tree_graph *tg, size_t v);

#endif
