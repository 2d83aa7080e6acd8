/*
 * Walking a finished graph: sorting, de-duplicating, cycles (an iterative
 * depth-first search) and shortest paths from the roots (breadth first), over
 * adjacency lists built once.
 */
#include "resolve/graph_walk.h"

#include <stdlib.h>
#include <string.h>

#include "deputy/diag.h"

#define NO_NODE GRAPH_NONE

/* Out-edges as lists: node v's targets are adj[first[v]] .. adj[first[v + 1] - 1]. */
struct adjacency {
	size_t *first;
	size_t *adj;
};

static int
adjacency_build(struct adjacency *a, const struct graph *g)
{
	size_t *fill = calloc(g->n_nodes ? g->n_nodes : 1, sizeof(*fill));

	a->first = calloc(g->n_nodes + 1, sizeof(*a->first));
	a->adj = malloc((g->n_edges ? g->n_edges : 1) * sizeof(*a->adj));
	if (!fill || !a->first || !a->adj) {
		free(fill);
		free(a->first);
		free(a->adj);
		return ERR_NOMEM;
	}
	for (size_t e = 0; e < g->n_edges; e++)
		a->first[g->edges[e].from + 1]++;
	for (size_t v = 0; v < g->n_nodes; v++)
		a->first[v + 1] += a->first[v];
	for (size_t e = 0; e < g->n_edges; e++) {
		size_t v = g->edges[e].from;
		a->adj[a->first[v] + fill[v]++] = g->edges[e].to;
	}
	free(fill);
	return 0;
}

static void
adjacency_release(struct adjacency *a)
{
	free(a->first);
	free(a->adj);
}

/* Pass 4: nodes on a cycle, by an iterative depth-first search. */
static int
mark_cycles(struct graph *g, const struct adjacency *a)
{
	enum { WHITE, GREY, BLACK };
	unsigned char *colour = calloc(g->n_nodes ? g->n_nodes : 1, 1);
	size_t *stack = malloc((g->n_nodes ? g->n_nodes : 1) * sizeof(*stack));
	size_t *next = calloc(g->n_nodes ? g->n_nodes : 1, sizeof(*next));
	int err = 0;

	if (!colour || !stack || !next) {
		err = ERR_NOMEM;
		goto out;
	}
	for (size_t root = 0; root < g->n_nodes; root++) {
		size_t top = 0;

		if (colour[root] != WHITE)
			continue;
		stack[top++] = root;
		colour[root] = GREY;
		while (top) {
			size_t v = stack[top - 1];
			if (a->first[v] + next[v] == a->first[v + 1]) {
				colour[v] = BLACK;
				top--;
				continue;
			}
			size_t w = a->adj[a->first[v] + next[v]++];
			if (colour[w] == WHITE) {
				colour[w] = GREY;
				stack[top++] = w;
			} else if (colour[w] == GREY) {
				/* a back edge: everything on the stack from w to v is a cycle */
				for (size_t s = top; s-- > 0;) {
					g->nodes[stack[s]].in_cycle = true;
					if (stack[s] == w)
						break;
				}
			}
		}
	}
out:
	free(colour);
	free(stack);
	free(next);
	return err;
}

/* Pass 5: the shortest path from the roots, breadth first: each node's "via". */
static int
mark_paths(struct graph *g, const struct adjacency *a)
{
	size_t *queue = malloc((g->n_nodes ? g->n_nodes : 1) * sizeof(*queue));
	bool *seen = calloc(g->n_nodes ? g->n_nodes : 1, sizeof(*seen));
	size_t head = 0, tail = 0;

	if (!queue || !seen) {
		free(queue);
		free(seen);
		return ERR_NOMEM;
	}
	for (size_t v = 0; v < g->n_nodes; v++) {
		g->nodes[v].via = NO_NODE;
		if (g->nodes[v].direct) {
			seen[v] = true;
			queue[tail++] = v;
		}
	}
	while (head < tail) {
		size_t v = queue[head++];
		for (size_t k = a->first[v]; k < a->first[v + 1]; k++) {
			size_t w = a->adj[k];
			if (seen[w])
				continue;
			seen[w] = true;
			g->nodes[w].via = v;
			queue[tail++] = w;
		}
	}
	free(queue);
	free(seen);
	return 0;
}

static int
node_order(const void *a, const void *b)
{
	const struct graph_node *x = a, *y = b;

	if (x->ecosystem != y->ecosystem)
		return x->ecosystem < y->ecosystem ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Sorts the nodes by (ecosystem, name) and renumbers the edges to match. */
static int
sort_nodes(struct graph *g)
{
	size_t *where = malloc((g->n_nodes ? g->n_nodes : 1) * sizeof(*where));

	if (!where)
		return ERR_NOMEM;
	/* remember each node's old index in its "via" slot while sorting */
	for (size_t i = 0; i < g->n_nodes; i++)
		g->nodes[i].via = i;
	if (g->n_nodes)
		qsort(g->nodes, g->n_nodes, sizeof(*g->nodes), node_order);
	for (size_t i = 0; i < g->n_nodes; i++)
		where[g->nodes[i].via] = i;
	for (size_t e = 0; e < g->n_edges; e++) {
		g->edges[e].from = where[g->edges[e].from];
		g->edges[e].to = where[g->edges[e].to];
	}
	for (size_t r = 0; r < g->n_remotes; r++)
		if (g->remotes[r].node != GRAPH_NONE)
			g->remotes[r].node = where[g->remotes[r].node];
	free(where);
	return 0;
}

static int
edge_order(const void *a, const void *b)
{
	const struct graph_edge *x = a, *y = b;

	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	if (x->to != y->to)
		return x->to < y->to ? -1 : 1;
	return 0;
}

/* Sorts the edges and keeps one of each pair (two lock files may say the same). */
static void
unique_edges(struct graph *g)
{
	size_t n = 0;

	if (g->n_edges)
		qsort(g->edges, g->n_edges, sizeof(*g->edges), edge_order);
	for (size_t i = 0; i < g->n_edges; i++)
		if (n == 0 || edge_order(&g->edges[n - 1], &g->edges[i]) != 0)
			g->edges[n++] = g->edges[i];
	g->n_edges = n;
}

int
graph_finish(struct graph *g)
{
	struct adjacency a;
	int err = sort_nodes(g);

	if (err)
		return err;
	unique_edges(g);
	err = adjacency_build(&a, g);
	if (err)
		return err;
	err = mark_cycles(g, &a);
	if (!err)
		err = mark_paths(g, &a);
	adjacency_release(&a);
	return err;
}
