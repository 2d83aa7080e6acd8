/*
 * The package rows under a declaration: the scan's dependency graph walked
 * depth-first in edge order from the declaration's package, each package
 * expanded once per declaration, with a bound on the rows.
 */
#include "tree_graph.h"

#include <stdlib.h>

#include "deputy/array.h"
#include "deputy/diag.h"
#include "deputy/graph.h"

struct frame {
	size_t node;      /* graph node whose edges are walked */
	size_t row;       /* its row, or SIZE_MAX past the bound */
	size_t next;      /* the next of its outgoing edges, as an offset in tg->out */
};

struct tree_graph {
	const struct scan *scan;
	const struct graph *graph;
	size_t *first;           /* node v's outgoing edges are out[first[v] .. first[v + 1]) */
	size_t *out;             /* edge indices, in edge order within each node */
	size_t *seen;            /* the walk that last reached each node */
	size_t walk;             /* the current walk's stamp (never 0) */
	struct frame *stack;     /* at most one frame per node, plus the root */
	size_t *cut;             /* the current walk's packages past the bound */
	size_t *more_row;        /* the first NODE_MORE row that counts each node */
};

int
node_list_push(struct node_list *list, const struct node *node)
{
	if (array_reserve(&list->items, &list->cap, list->len, sizeof(*list->items)))
		return ERR_NOMEM;
	list->items[list->len++] = *node;
	return 0;
}

int
tree_graph_new(struct tree_graph **out, const struct scan *scan)
{
	const struct graph *g = scan_graph(scan);
	struct tree_graph *tg = calloc(1, sizeof(*tg));

	*out = NULL;
	if (!tg)
		return ERR_NOMEM;
	tg->scan = scan;
	tg->graph = g;
	tg->first = calloc(g->n_nodes + 1, sizeof(*tg->first));
	tg->out = calloc(g->n_edges ? g->n_edges : 1, sizeof(*tg->out));
	tg->seen = calloc(g->n_nodes ? g->n_nodes : 1, sizeof(*tg->seen));
	tg->stack = calloc(g->n_nodes + 1, sizeof(*tg->stack));
	tg->cut = calloc(g->n_nodes ? g->n_nodes : 1, sizeof(*tg->cut));
	tg->more_row = malloc((g->n_nodes ? g->n_nodes : 1) * sizeof(*tg->more_row));
	if (!tg->first || !tg->out || !tg->seen || !tg->stack || !tg->cut || !tg->more_row) {
		tree_graph_free(tg);
		return ERR_NOMEM;
	}
	for (size_t v = 0; v < g->n_nodes; v++)
		tg->more_row[v] = SIZE_MAX;
	/* A counting sort of the edges by their source keeps edge order within each. */
	for (size_t e = 0; e < g->n_edges; e++)
		if (g->edges[e].from < g->n_nodes && g->edges[e].to < g->n_nodes)
			tg->first[g->edges[e].from + 1]++;
	for (size_t v = 0; v < g->n_nodes; v++)
		tg->first[v + 1] += tg->first[v];
	{
		size_t *fill = calloc(g->n_nodes ? g->n_nodes : 1, sizeof(*fill));

		if (!fill) {
			tree_graph_free(tg);
			return ERR_NOMEM;
		}
		for (size_t e = 0; e < g->n_edges; e++) {
			size_t v = g->edges[e].from;

			if (v < g->n_nodes && g->edges[e].to < g->n_nodes)
				tg->out[tg->first[v] + fill[v]++] = e;
		}
		free(fill);
	}
	*out = tg;
	return 0;
}

void
tree_graph_free(struct tree_graph *tg)
{
	if (!tg)
		return;
	free(tg->first);
	free(tg->out);
	free(tg->seen);
	free(tg->stack);
	free(tg->cut);
	free(tg->more_row);
	free(tg);
}

static bool
has_edges(const struct tree_graph *tg, size_t v)
{
	return tg->first[v + 1] > tg->first[v];
}

int
tree_graph_add(struct tree_graph *tg, struct node_list *list, size_t dep_row)
{
	const struct node *dep = &list->items[dep_row];
	const char *path = dep->path;
	const struct scan_file *file = dep->file;
	size_t root = dep->graph_node, depth = 1, rows = 0, more = 0, n_cut = 0;
	int rc;

	if (root == GRAPH_NONE || root >= tg->graph->n_nodes || !has_edges(tg, root))
		return 0;
	tg->walk++;
	tg->seen[root] = tg->walk;
	tg->stack[0] = (struct frame){ root, dep_row, tg->first[root] };
	while (depth > 0) {
		struct frame *top = &tg->stack[depth - 1];
		size_t e, w;
		bool repeat;

		if (top->next == tg->first[top->node + 1]) {
			depth--;
			continue;
		}
		e = tg->out[top->next++];
		w = tg->graph->edges[e].to;
		repeat = tg->seen[w] == tg->walk;
		if (rows == TREE_MAX_PACKAGES || top->row == SIZE_MAX) {
			more++;
		} else {
			struct node n = { .kind = NODE_PACKAGE, .path = path, .file = file,
					  .graph_node = w, .edge = e, .repeat = repeat,
					  .severity = -1, .parent = top->row,
					  .depth = (unsigned)depth + 1 };

			if ((rc = node_list_push(list, &n)) < 0)
				return rc;
			rows++;
		}
		if (repeat)
			continue;
		tg->seen[w] = tg->walk;
		if (more)
			tg->cut[n_cut++] = w;
		if (has_edges(tg, w))
			tg->stack[depth++] = (struct frame){ w, more ? SIZE_MAX : list->len - 1,
							     tg->first[w] };
	}
	if (more) {
		struct node n = { .kind = NODE_MORE, .path = path, .file = file,
				  .graph_node = GRAPH_NONE, .edge = GRAPH_NONE, .n_more = more,
				  .severity = -1, .parent = dep_row, .depth = 2 };

		for (size_t i = 0; i < n_cut; i++)
			if (tg->more_row[tg->cut[i]] == SIZE_MAX)
				tg->more_row[tg->cut[i]] = list->len;
		return node_list_push(list, &n);
	}
	return 0;
}

size_t
tree_graph_more_row(const struct tree_graph *tg, size_t v)
{
	return v < tg->graph->n_nodes ? tg->more_row[v] : SIZE_MAX;
}
