/*
 * The passes over a graph once its nodes and edges are in: nodes sorted by
 * (ecosystem, name), duplicate edges dropped, cycles marked, and each node's
 * shortest path from a root.
 */
#ifndef DEPUTY_RESOLVE_GRAPH_WALK_H
#define DEPUTY_RESOLVE_GRAPH_WALK_H

#include "deputy/graph.h"

/* Runs every pass over @g (heap arrays). 0 or ERR_NOMEM. */
int graph_finish(struct graph *g);

#endif
