/*
 * Matching tree rows against a search query, and stepping between matches
 * over the whole tree, folded rows included.
 */
#include "search.h"

#include <ctype.h>
#include <string.h>

#include "deputy/diag.h"
#include "deputy/graph.h"

/* ASCII case-insensitive substring test: repository names are mostly ASCII. */
static bool
contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	if (!hay || n == 0)
		return false;
	for (; *hay; hay++) {
		size_t k = 0;

		while (k < n && hay[k] &&
		       tolower((unsigned char)hay[k]) == tolower((unsigned char)needle[k]))
			k++;
		if (k == n)
			return true;
	}
	return false;
}

bool
search_matches(const struct tree *tree, const struct scan *scan, size_t i, const char *query)
{
	const struct node *n = &tree->nodes[i];
	const struct graph *g = scan_graph(scan);

	if (!query[0])
		return false;
	switch (n->kind) {
	case NODE_FILE:
		if (contains(n->path, query))
			return true;
		break;
	case NODE_DEP:
		if (contains(dep_label(n->dep), query))
			return true;
		break;
	case NODE_OPTION:
		if (contains(n->option->value, query))
			return true;
		break;
	case NODE_PACKAGE:
		if (n->graph_node < g->n_nodes && contains(g->nodes[n->graph_node].display, query))
			return true;
		break;
	case NODE_MORE:
		break;
	}
	for (size_t k = 0; k < n->n_findings; k++) {
		const struct finding *f = scan_finding(scan, n->findings[k]);

		if (f->rule && contains(f->rule->id, query))
			return true;
	}
	return false;
}

int
search_step(struct tree *tree, const struct scan *scan, const char *query, size_t from,
	    bool forward, bool inclusive)
{
	size_t len = tree->len;

	if (len == 0 || !query[0])
		return ERR_NOTFOUND;
	if (from >= len)
		from = 0;
	for (size_t step = inclusive ? 0 : 1; step <= len; step++) {
		size_t i = forward ? (from + step) % len : (from + len - step % len) % len;
		bool wrapped = forward ? i < from || (step > 0 && i == from)
				       : i > from || (step > 0 && i == from);

		if (!tree->nodes[i].keep || !search_matches(tree, scan, i, query))
			continue;
		tree_move_to(tree, i);
		return wrapped ? 1 : 0;
	}
	return ERR_NOTFOUND;
}
