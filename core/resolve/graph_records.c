/*
 * Growing the graph from package records (an installed environment, an R
 * library, a CRAN index), breadth first from the nodes the declarations and
 * lock files made: a package enters the graph only when something reaches it.
 */
#include "resolve/graph_build.h"

#include <stdlib.h>
#include <string.h>

#include "deputy/array.h"
#include "deputy/diag.h"
#include "resolve/source.h"

/* A record under its normalised name, for lookups. */
struct rec_key {
	enum ecosystem eco;
	const char *name;
	size_t index;            /* into the records: lower is preferred */
};

static int
rec_cmp(const void *a, const void *b)
{
	const struct rec_key *x = a, *y = b;
	int c;

	if (x->eco != y->eco)
		return x->eco < y->eco ? -1 : 1;
	if ((c = strcmp(x->name, y->name)) != 0)
		return c;
	return (x->index > y->index) - (x->index < y->index);
}

/* The preferred record of (@eco, @name): the first key not before it. */
static const struct rec_key *
find_record(const struct rec_key *keys, size_t n, enum ecosystem eco, const char *name)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (keys[mid].eco < eco || (keys[mid].eco == eco && strcmp(keys[mid].name, name) < 0))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < n && keys[lo].eco == eco && strcmp(keys[lo].name, name) == 0)
		return &keys[lo];
	return NULL;
}

/* A lock entry already says what the node depends on. */
static bool
described_by_lock(const struct graph_node *n)
{
	return n->dep && n->dep->kind == DEP_LOCK && n->dep->n_requires > 0;
}

/* Gives node @v the record @r: its version, provenance and edges. */
static void
apply(struct builder *b, const struct intel *intel, size_t v, const struct pkg_record *r,
      size_t **queue, size_t *n_queue, size_t *cap_queue)
{
	if (!b->g->nodes[v].defined_in) {
		b->g->nodes[v].version = r->version;
		b->g->nodes[v].defined_in = r->file;
		b->g->nodes[v].defined_line = r->line;
		b->g->nodes[v].source = r->source;
	}
	b->g->nodes[v].unresolved = false;
	b->g->nodes[v].reason = NULL;
	for (size_t i = 0; i < r->n_requires && !b->err; i++) {
		bool made;
		size_t to = gb_require(b, intel, v, r->requires[i], r->file, r->line, r->source,
				       &made);

		if (!made)
			continue;
		if (array_reserve(queue, cap_queue, *n_queue, sizeof(**queue))) {
			b->err = ERR_NOMEM;
			return;
		}
		(*queue)[(*n_queue)++] = to;
	}
}

void
gb_add_records(struct builder *b, const struct intel *intel, const struct pkg_record *records,
	       size_t n_records)
{
	struct rec_key *keys = malloc((n_records ? n_records : 1) * sizeof(*keys));
	size_t cap_queue = b->g->n_nodes + 64, n_queue = 0;
	size_t *queue = malloc(cap_queue * sizeof(*queue));
	size_t n_keys = 0;

	if (!keys || !queue) {
		b->err = ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < n_records; i++) {
		enum ecosystem eco;
		char *name;

		if (!gb_graph_ecosystem(records[i].ecosystem, &eco) || !records[i].name)
			continue;
		if (!(name = gb_normal_name(b->arena, eco, records[i].name))) {
			b->err = ERR_NOMEM;
			goto out;
		}
		keys[n_keys++] = (struct rec_key){ eco, name, i };
	}
	qsort(keys, n_keys, sizeof(*keys), rec_cmp);
	for (size_t v = 0; v < b->g->n_nodes; v++)
		queue[n_queue++] = v;
	for (size_t head = 0; head < n_queue && !b->err; head++) {
		size_t v = queue[head];
		const struct graph_node *n = &b->g->nodes[v];
		const struct rec_key *k;

		if (described_by_lock(n) || (n->remote && n->remote->error))
			continue;
		k = find_record(keys, n_keys, n->ecosystem, n->name);
		if (k) {
			apply(b, intel, v, &records[k->index], &queue, &n_queue, &cap_queue);
			continue;
		}
		if (n->defined_in)
			continue;       /* a lock entry without a dependency list: pinned only */
		b->g->nodes[v].unresolved = true;
		if (!n->reason)
			b->g->nodes[v].reason = n->direct
				? "declared, but no lock file, installed environment or index "
				  "says what it depends on"
				: "required, but no lock file, installed environment or index "
				  "has it";
	}
out:
	free(keys);
	free(queue);
}
