/*
 * The graph, built in three passes over the declarations: nodes (every lock
 * entry, then every other registry declaration, one node per package), edges
 * (each lock entry's dependency list; a name no lock defines gets a node
 * marked unresolved), then cycles (a depth-first search). Nodes are found by
 * (ecosystem, normalised name) through a sorted index rebuilt after each pass
 * that adds nodes.
 */
#include "resolve/graph.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "deputy/diag.h"
#include "deputy/strbuf.h"
#include "intel/intel.h"

#define NO_NODE GRAPH_NONE

/* Python and R packages; everything else (URLs, VCS, local paths) has no node. */
static bool
graph_ecosystem(enum ecosystem eco, enum ecosystem *out)
{
	switch (eco) {
	case ECO_PYPI:
		*out = ECO_PYPI;
		return true;
	case ECO_CRAN:
	case ECO_BIOC:
		*out = ECO_CRAN;
		return true;
	default:
		return false;
	}
}

/* @name normalised for @eco, in @arena. */
static char *
normal_name(struct arena *arena, enum ecosystem eco, const char *name)
{
	char *s;

	if (eco == ECO_PYPI)
		return dep_normalize_name(arena, sv_from_cstr(name));
	s = arena_strdup(arena, name);
	for (char *c = s; c && *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	return s;
}

/* The version a lock entry pins: its "==V" spec without the operator. */
static const char *
locked_version(const struct dep *dep)
{
	const char *s = dep->spec;

	if (!s || !*s)
		return NULL;
	while (*s == '=' || *s == ' ')
		s++;
	return *s ? s : NULL;
}

struct key {
	enum ecosystem eco;
	const char *name;
	size_t node;
};

struct builder {
	struct arena *arena;
	struct graph *g;
	size_t cap_nodes, cap_edges;
	struct key *keys;        /* sorted by (eco, name); the first n_sorted */
	size_t n_keys, cap_keys, n_sorted;
	int err;
};

static int
key_cmp(const void *a, const void *b)
{
	const struct key *x = a, *y = b;

	if (x->eco != y->eco)
		return x->eco < y->eco ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* The node of (@eco, @name): binary search over the sorted keys, then the rest. */
static size_t
lookup(const struct builder *b, enum ecosystem eco, const char *name)
{
	struct key k = { eco, name, 0 };
	const struct key *hit = bsearch(&k, b->keys, b->n_sorted, sizeof(k), key_cmp);

	if (hit)
		return hit->node;
	for (size_t i = b->n_sorted; i < b->n_keys; i++)
		if (key_cmp(&k, &b->keys[i]) == 0)
			return b->keys[i].node;
	return NO_NODE;
}

static void
sort_keys(struct builder *b)
{
	qsort(b->keys, b->n_keys, sizeof(*b->keys), key_cmp);
	b->n_sorted = b->n_keys;
}

/* Grows @*items (of @size bytes each) to hold one more than @n. */
static bool
grow(void **items, size_t *cap, size_t n, size_t size)
{
	void *p;
	size_t want;

	if (n < *cap)
		return true;
	want = *cap ? *cap * 2 : 64;
	p = realloc(*items, want * size);
	if (!p)
		return false;
	*items = p;
	*cap = want;
	return true;
}

/* A new node for (@eco, @name); NO_NODE when out of memory. */
static size_t
add_node(struct builder *b, enum ecosystem eco, char *name, const char *display)
{
	struct graph *g = b->g;
	struct graph_node *n;

	if (!grow((void **)&g->nodes, &b->cap_nodes, g->n_nodes, sizeof(*g->nodes)) ||
	    !grow((void **)&b->keys, &b->cap_keys, b->n_keys, sizeof(*b->keys))) {
		b->err = ERR_NOMEM;
		return NO_NODE;
	}
	n = &g->nodes[g->n_nodes];
	memset(n, 0, sizeof(*n));
	n->ecosystem = eco;
	n->name = name;
	n->display = display;
	b->keys[b->n_keys++] = (struct key){ eco, name, g->n_nodes };
	return g->n_nodes++;
}

/* The node of @dep's package, made when missing; NO_NODE for none. */
static size_t
node_for_dep(struct builder *b, const struct dep *dep)
{
	enum ecosystem eco;
	char *name;
	size_t i;

	if (!graph_ecosystem(dep->ecosystem, &eco) || dep->dynamic || !dep->name || !dep->name[0])
		return NO_NODE;
	name = normal_name(b->arena, eco, dep->package ? dep->package : dep->name);
	if (!name) {
		b->err = ERR_NOMEM;
		return NO_NODE;
	}
	i = lookup(b, eco, name);
	return i != NO_NODE ? i : add_node(b, eco, name, dep->package ? dep->package : dep->name);
}

/* R itself and the packages that ship with it are not nodes. */
static bool
part_of_r(const struct intel *intel, const char *name)
{
	bool recommended = false;

	if (strcmp(name, "R") == 0)
		return true;
	return intel && intel_r_base_package(intel, name, &recommended) && !recommended;
}

static void
add_edge(struct builder *b, size_t from, size_t to, const struct dep *dep)
{
	struct graph *g = b->g;

	if (!grow((void **)&g->edges, &b->cap_edges, g->n_edges, sizeof(*g->edges))) {
		b->err = ERR_NOMEM;
		return;
	}
	g->edges[g->n_edges++] = (struct graph_edge){ from, to, dep->file, dep->line };
}

/* Pass 1: lock entries define nodes (with versions); conflicting versions are marked. */
static void
add_locked(struct builder *b, struct dep *const *deps, size_t n)
{
	for (size_t i = 0; i < n && !b->err; i++) {
		const struct dep *d = deps[i];
		size_t k;

		if (d->kind != DEP_LOCK || (k = node_for_dep(b, d)) == NO_NODE)
			continue;
		struct graph_node *node = &b->g->nodes[k];
		const char *v = locked_version(d);
		if (!node->dep) {
			node->dep = d;
			node->version = v;
		} else if (v && node->version && strcmp(v, node->version) != 0) {
			node->conflict = true;
		}
	}
}

/* Pass 2: every other registry declaration is a root. */
static void
add_roots(struct builder *b, struct dep *const *deps, size_t n)
{
	for (size_t i = 0; i < n && !b->err; i++) {
		const struct dep *d = deps[i];
		size_t k;

		if (d->kind == DEP_LOCK || d->kind == DEP_DOCUMENTATION ||
		    (k = node_for_dep(b, d)) == NO_NODE)
			continue;
		if (!b->g->nodes[k].direct)     /* a path starts as the declaration writes it */
			b->g->nodes[k].display = d->package ? d->package : d->name;
		b->g->nodes[k].direct = true;
		if (!b->g->nodes[k].dep)
			b->g->nodes[k].dep = d;
	}
}

/* Pass 3: each lock entry's dependency list. */
static void
add_requires(struct builder *b, const struct intel *intel, struct dep *const *deps, size_t n)
{
	for (size_t i = 0; i < n && !b->err; i++) {
		const struct dep *d = deps[i];
		enum ecosystem eco;
		size_t from;

		if (d->kind != DEP_LOCK || d->n_requires == 0 ||
		    !graph_ecosystem(d->ecosystem, &eco) || (from = node_for_dep(b, d)) == NO_NODE)
			continue;
		for (size_t r = 0; r < d->n_requires && !b->err; r++) {
			const char *req = d->requires[r];
			char *name;
			size_t to;

			if (!req || !req[0] || (eco == ECO_CRAN && part_of_r(intel, req)))
				continue;
			if (!(name = normal_name(b->arena, eco, req))) {
				b->err = ERR_NOMEM;
				break;
			}
			to = lookup(b, eco, name);
			if (to == NO_NODE) {
				to = add_node(b, eco, name, req);
				if (to == NO_NODE)
					break;
				b->g->nodes[to].unresolved = true;
				b->g->nodes[to].reason = "required by a lock entry, but no lock file "
							 "defines it";
			}
			add_edge(b, from, to, d);
		}
	}
}

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
	qsort(g->nodes, g->n_nodes, sizeof(*g->nodes), node_order);
	for (size_t i = 0; i < g->n_nodes; i++)
		where[g->nodes[i].via] = i;
	for (size_t e = 0; e < g->n_edges; e++) {
		g->edges[e].from = where[g->edges[e].from];
		g->edges[e].to = where[g->edges[e].to];
	}
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

	qsort(g->edges, g->n_edges, sizeof(*g->edges), edge_order);
	for (size_t i = 0; i < g->n_edges; i++)
		if (n == 0 || edge_order(&g->edges[n - 1], &g->edges[i]) != 0)
			g->edges[n++] = g->edges[i];
	g->n_edges = n;
}

/* Moves @*items (@n of @size bytes) from the heap into @arena. */
static void *
to_arena(struct arena *arena, void *items, size_t n, size_t size, int *err)
{
	void *copy = n ? arena_memdup(arena, items, n * size) : NULL;

	if (n && !copy)
		*err = ERR_NOMEM;
	free(items);
	return copy;
}

int
graph_build(struct graph *out, struct arena *arena, const struct intel *intel,
	    struct dep *const *deps, size_t n_deps)
{
	struct builder b = { .arena = arena, .g = out };

	memset(out, 0, sizeof(*out));
	add_locked(&b, deps, n_deps);
	sort_keys(&b);
	add_roots(&b, deps, n_deps);
	sort_keys(&b);
	add_requires(&b, intel, deps, n_deps);
	free(b.keys);
	if (!b.err)
		b.err = sort_nodes(out);
	if (!b.err)
		unique_edges(out);
	if (!b.err) {
		struct adjacency a;
		b.err = adjacency_build(&a, out);
		if (!b.err) {
			b.err = mark_cycles(out, &a);
			if (!b.err)
				b.err = mark_paths(out, &a);
			adjacency_release(&a);
		}
	}
	out->nodes = to_arena(arena, out->nodes, out->n_nodes, sizeof(*out->nodes), &b.err);
	out->edges = to_arena(arena, out->edges, out->n_edges, sizeof(*out->edges), &b.err);
	if (b.err)
		memset(out, 0, sizeof(*out));
	return b.err;
}

size_t
graph_find(const struct graph *graph, const struct dep *dep)
{
	enum ecosystem eco;
	const char *name = dep->package ? dep->package : dep->name;
	size_t lo = 0, hi = graph->n_nodes;

	if (!graph_ecosystem(dep->ecosystem, &eco) || !name || !name[0])
		return NO_NODE;
	if (eco == ECO_PYPI && !dep->package)
		name = dep->normalized;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct graph_node *n = &graph->nodes[mid];
		int c = n->ecosystem != eco ? (n->ecosystem < eco ? -1 : 1)
			: eco == ECO_PYPI ? strcmp(n->name, name) : strcasecmp(n->name, name);
		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NO_NODE;
}

const char *
graph_path(const struct graph *graph, struct arena *arena, size_t i)
{
	struct strbuf sb = STRBUF_INIT;
	size_t chain[64], n = 0;
	const char *out = NULL;
	int err = 0;

	if (i >= graph->n_nodes || graph->nodes[i].via == NO_NODE)
		return NULL;
	for (size_t v = i; v != NO_NODE && n < sizeof(chain) / sizeof(chain[0]);
	     v = graph->nodes[v].via)
		chain[n++] = v;
	while (n-- > 0) {
		err |= strbuf_adds(&sb, graph->nodes[chain[n]].display);
		if (n)
			err |= strbuf_adds(&sb, " \xe2\x86\x92 ");     /* → */
	}
	if (!err)
		out = arena_strdup(arena, strbuf_cstr(&sb));
	strbuf_release(&sb);
	return out;
}
