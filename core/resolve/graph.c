/*
 * The graph, built in three passes over the declarations: nodes (every lock
 * entry, then every other registry declaration, one node per package), edges
 * (each lock entry's dependency list; a name no lock defines gets a node
 * marked unresolved), then cycles (a depth-first search). Nodes are found by
 * (ecosystem, normalised name) through a sorted index rebuilt after each pass
 * that adds nodes.
 */
#include "resolve/graph.h"
#include "resolve/graph_build.h"
#include "resolve/graph_walk.h"
#include "resolve/remotes.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "deputy/array.h"
#include "deputy/diag.h"
#include "deputy/finding.h"
#include "deputy/strbuf.h"
#include "intel/intel.h"

#define NO_NODE GRAPH_NONE

/* Python and R packages; everything else (URLs, VCS, local paths) has no node. */
bool
gb_graph_ecosystem(enum ecosystem eco, enum ecosystem *out)
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
char *
gb_normal_name(struct arena *arena, enum ecosystem eco, const char *name)
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


static size_t
key_hash(enum ecosystem eco, const char *name)
{
	return sv_hash(sv_from_cstr(name)) ^ (size_t)eco;
}

static size_t
node_hash(size_t i, const void *g)
{
	const struct graph_node *n = &((const struct graph *)g)->nodes[i];

	return key_hash(n->ecosystem, n->name);
}

struct node_key {
	const struct graph *g;
	enum ecosystem eco;
	const char *name;
};

static bool
is_node(size_t i, const void *key)
{
	const struct node_key *k = key;
	const struct graph_node *n = &k->g->nodes[i];

	return n->ecosystem == k->eco && strcmp(n->name, k->name) == 0;
}

/* The node of (@eco, @name) through the hash index. */
size_t
gb_lookup(const struct builder *b, enum ecosystem eco, const char *name)
{
	struct node_key key = { b->g, eco, name };
	size_t i = hash_index_find(&b->nodes, key_hash(eco, name), is_node, &key);

	return i == HASH_INDEX_NONE ? NO_NODE : i;
}

/* A new node for (@eco, @name); NO_NODE when out of memory. */
size_t
gb_add_node(struct builder *b, enum ecosystem eco, char *name, const char *display)
{
	struct graph *g = b->g;
	struct graph_node *n;

	if (array_reserve(&g->nodes, &b->cap_nodes, g->n_nodes, sizeof(*g->nodes)) != 0 ||
	    hash_index_reserve(&b->nodes, g->n_nodes, node_hash, g) != 0) {
		b->err = ERR_NOMEM;
		return NO_NODE;
	}
	n = &g->nodes[g->n_nodes];
	memset(n, 0, sizeof(*n));
	n->ecosystem = eco;
	n->name = name;
	n->display = display;
	hash_index_put(&b->nodes, key_hash(eco, name), g->n_nodes);
	return g->n_nodes++;
}

/* The node of @dep's package, made when missing; NO_NODE for none. */
static size_t
node_for_dep(struct builder *b, const struct dep *dep)
{
	enum ecosystem eco;
	char *name;
	size_t i;

	if (!gb_graph_ecosystem(dep->ecosystem, &eco) || dep->dynamic || !dep->name || !dep->name[0])
		return NO_NODE;
	name = gb_normal_name(b->arena, eco, dep->package ? dep->package : dep->name);
	if (!name) {
		b->err = ERR_NOMEM;
		return NO_NODE;
	}
	i = gb_lookup(b, eco, name);
	return i != NO_NODE ? i : gb_add_node(b, eco, name, dep->package ? dep->package : dep->name);
}

/* R itself and the packages that ship with it are not nodes. */
bool
gb_part_of_r(const struct intel *intel, const char *name)
{
	bool recommended = false;

	if (strcmp(name, "R") == 0)
		return true;
	return intel && intel_r_base_package(intel, name, &recommended) && !recommended;
}

void
gb_add_edge(struct builder *b, size_t from, size_t to, const char *file, unsigned line,
	    const char *source)
{
	struct graph *g = b->g;

	if (array_reserve(&g->edges, &b->cap_edges, g->n_edges, sizeof(*g->edges)) != 0) {
		b->err = ERR_NOMEM;
		return;
	}
	g->edges[g->n_edges++] = (struct graph_edge){ from, to, file, line, source };
}

size_t
gb_require(struct builder *b, const struct intel *intel, size_t from, const char *req,
	   const char *file, unsigned line, const char *source, bool *made)
{
	enum ecosystem eco = b->g->nodes[from].ecosystem;
	char *name;
	size_t to;

	*made = false;
	if (!req || !req[0] || (eco == ECO_CRAN && gb_part_of_r(intel, req)))
		return NO_NODE;
	if (!(name = gb_normal_name(b->arena, eco, req))) {
		b->err = ERR_NOMEM;
		return NO_NODE;
	}
	to = gb_lookup(b, eco, name);
	if (to == NO_NODE) {
		to = gb_add_node(b, eco, name, req);
		if (to == NO_NODE)
			return NO_NODE;
		*made = true;
	}
	gb_add_edge(b, from, to, file, line, source);
	return to;
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
			node->defined_in = d->file;
			node->defined_line = d->line;
			node->source = "lock file";
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

/*
 * Pass 2b: each package installed from a git repository is a node named as
 * its package file (or its declaration) says; one that could not be read is
 * unresolved with the reason, and no other source describes it.
 */
static void
add_remotes(struct builder *b, struct graph_remote *remotes, size_t n)
{
	for (size_t i = 0; i < n && !b->err; i++) {
		struct graph_remote *r = &remotes[i];
		enum ecosystem eco = r->dep->language == LANG_PYTHON ? ECO_PYPI : ECO_CRAN;
		char *name;
		size_t k;

		r->node = NO_NODE;
		if (!r->name)
			continue;
		if (!(name = gb_normal_name(b->arena, eco, r->name))) {
			b->err = ERR_NOMEM;
			return;
		}
		k = gb_lookup(b, eco, name);
		if (k == NO_NODE && (k = gb_add_node(b, eco, name, r->name)) == NO_NODE)
			return;
		r->node = k;
		struct graph_node *node = &b->g->nodes[k];
		if (node->remote)
			continue;           /* the first repository named for a package wins */
		node->remote = r;
		node->direct |= r->parent == NO_NODE;
		if (!node->dep)
			node->dep = r->dep;
		if (r->error) {
			node->unresolved = true;
			node->reason = r->error;
		}
	}
}

/*
 * A repository that a package's Remotes name is required by that package
 * even when its Imports do not say so.
 */
static void
link_remotes(struct builder *b, const struct graph_remote *remotes, size_t n)
{
	for (size_t i = 0; i < n && !b->err; i++) {
		const struct graph_remote *r = &remotes[i];
		size_t from = r->parent == NO_NODE ? NO_NODE : remotes[r->parent].node;
		bool linked = false;

		if (from == NO_NODE || r->node == NO_NODE || from == r->node)
			continue;
		for (size_t e = 0; e < b->g->n_edges && !linked; e++)
			linked = b->g->edges[e].from == from && b->g->edges[e].to == r->node;
		if (!linked)
			gb_add_edge(b, from, r->node, r->dep->file, r->dep->line, "Remotes");
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
		    !gb_graph_ecosystem(d->ecosystem, &eco) || (from = node_for_dep(b, d)) == NO_NODE)
			continue;
		for (size_t r = 0; r < d->n_requires && !b->err; r++) {
			bool made;
			size_t to = gb_require(b, intel, from, d->requires[r], d->file, d->line,
					       "lock file", &made);
			if (made) {
				b->g->nodes[to].unresolved = true;
				b->g->nodes[to].reason = "required by a lock entry, but no lock file, "
							 "installed environment or index has it";
			}
		}
	}
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
	    struct dep *const *deps, size_t n_deps, const struct pkg_record *records,
	    size_t n_records, struct graph_remote *remotes, size_t n_remotes)
{
	struct builder b = { .arena = arena, .g = out };

	memset(out, 0, sizeof(*out));
	add_locked(&b, deps, n_deps);
	add_roots(&b, deps, n_deps);
	add_remotes(&b, remotes, n_remotes);
	add_requires(&b, intel, deps, n_deps);
	if (!b.err)
		gb_add_records(&b, intel, records, n_records);
	link_remotes(&b, remotes, n_remotes);
	hash_index_release(&b.nodes);
	out->remotes = remotes;
	out->n_remotes = n_remotes;
	if (!b.err)
		b.err = graph_finish(out);
	out->nodes = to_arena(arena, out->nodes, out->n_nodes, sizeof(*out->nodes), &b.err);
	out->edges = to_arena(arena, out->edges, out->n_edges, sizeof(*out->edges), &b.err);
	if (b.err)
		memset(out, 0, sizeof(*out));
	return b.err;
}

const struct graph_remote *
graph_remote_of(const struct graph *graph, const struct dep *dep)
{
	for (size_t i = 0; i < graph->n_remotes; i++)
		if (graph->remotes[i].dep == dep)
			return &graph->remotes[i];
	for (size_t i = 0; i < graph->n_remotes; i++) {
		const struct dep *d = graph->remotes[i].dep;
		if (d->url && dep->url && strcmp(d->url, dep->url) == 0 &&
		    strcmp(d->vcs_ref ? d->vcs_ref : "", dep->vcs_ref ? dep->vcs_ref : "") == 0 &&
		    strcmp(d->subdir ? d->subdir : "", dep->subdir ? dep->subdir : "") == 0)
			return &graph->remotes[i];
	}
	return NULL;
}

size_t
graph_find(const struct graph *graph, const struct dep *dep)
{
	enum ecosystem eco;
	const char *name = dep->package ? dep->package : dep->name;
	size_t lo = 0, hi = graph->n_nodes;

	if (!gb_graph_ecosystem(dep->ecosystem, &eco)) {
		const struct graph_remote *r = graph_remote_of(graph, dep);
		return r ? r->node : NO_NODE;
	}
	if (!name || !name[0])
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
			err |= strbuf_adds(&sb, FINDING_PATH_ARROW);
	}
	if (!err)
		out = arena_strdup(arena, strbuf_cstr(&sb));
	strbuf_release(&sb);
	return out;
}
