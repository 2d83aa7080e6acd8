/*
 * PEP 735 dependency groups: named lists of requirements that may include
 * other groups. Each requirement string is one declaration where it is
 * written; an include adds no declaration of its own (its entries are
 * already declared in their group), but it must name a group, and includes
 * must not form a cycle (PEP 735 "Dependency Group Include").
 *
 *   [dependency-groups]
 *   group   = name "=" "[" ( requirement | "{" "include-group" "=" name "}" ) ... "]"
 *   names compare after PEP 503 normalisation; two groups with one normal name are an error
 */
#include "detect/pyreq_toml.h"

#include <stdlib.h>
#include <string.h>

#include "deputy/array.h"

struct group {
	const char *name;        /* normalized, in the arena */
	const struct toml_entry *entry;
	size_t first_edge, n_edges;
	int state;               /* 0 not seen, 1 on the walk's path, 2 done */
};

/* An include: group @from names group @to at @at. */
struct edge {
	size_t from, to;
	const struct toml_value *at;
};

struct groups {
	struct pyreq_toml_doc *pp;
	struct group *items;
	size_t len;
	struct group **sorted;   /* items by name */
	struct edge *edges;
	size_t n_edges, cap_edges;
};

static int
by_name(const void *a, const void *b)
{
	return strcmp((*(struct group *const *)a)->name, (*(struct group *const *)b)->name);
}

/* The group named @name (normalized), or SIZE_MAX. */
static size_t
find_group(const struct groups *gs, const char *name)
{
	size_t lo = 0, hi = gs->len;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int cmp = strcmp(name, gs->sorted[mid]->name);
		if (cmp == 0)
			return (size_t)(gs->sorted[mid] - gs->items);
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return SIZE_MAX;
}

static int
add_edge(struct groups *gs, size_t from, const struct toml_value *item)
{
	struct pyreq_toml_doc *pp = gs->pp;
	const struct toml_value *v = toml_table_get(item, "include-group");
	char *name;

	if (!v || v->kind != TOML_STRING || toml_table_len(item) != 1) {
		diag_add(pp->out->diags, DIAG_ERROR, pp->src, pyreq_toml_span(item, pp->base),
			 "expected a requirement string or {include-group = \"name\"} in "
			 "dependency group '%s'", gs->items[from].entry->key.ptr);
		return 0;
	}
	if (!(name = dep_normalize_name(pp->out->arena, v->as.string)))
		return ERR_NOMEM;
	size_t to = find_group(gs, name);
	if (to == SIZE_MAX) {
		diag_add(pp->out->diags, DIAG_ERROR, pp->src, pyreq_toml_span(v, pp->base),
			 "expected the name of a dependency group, found '%s'", v->as.string.ptr);
		return 0;
	}
	if (array_reserve(&gs->edges, &gs->cap_edges, gs->n_edges, sizeof(*gs->edges)))
		return ERR_NOMEM;
	gs->edges[gs->n_edges++] = (struct edge){ from, to, v };
	gs->items[from].n_edges++;
	return 0;
}

static int
read_group(struct groups *gs, size_t g)
{
	struct pyreq_toml_doc *pp = gs->pp;
	const struct toml_value *list = gs->items[g].entry->value;
	struct dep *dep;
	int rc;

	gs->items[g].first_edge = gs->n_edges;
	if (list->kind != TOML_ARRAY) {
		pyreq_toml_expected(pp, list, "an array", "a dependency group");
		return 0;
	}
	for (size_t i = 0; i < toml_array_len(list); i++) {
		const struct toml_value *item = toml_array_at(list, i);
		struct pyreq_text t;
		if (item->kind == TOML_TABLE) {
			rc = add_edge(gs, g, item);
		} else if (item->kind == TOML_STRING) {
			pyreq_toml_text(&t, pp->src, pp->base, item);
			rc = pyreq_add(&dep, pp->out, pp->src, &t, DEP_MANIFEST);
		} else {
			pyreq_toml_expected(pp, item, "a requirement string", "a dependency group");
			rc = 0;
		}
		if (rc)
			return rc;
	}
	return 0;
}

/* Depth-first from @start with an explicit stack: an edge back onto the path is a cycle. */
static int
walk(struct groups *gs, size_t start, size_t *stack, size_t *next)
{
	struct pyreq_toml_doc *pp = gs->pp;
	size_t depth = 0;

	stack[depth] = start;
	next[depth++] = 0;
	gs->items[start].state = 1;
	while (depth > 0) {
		struct group *g = &gs->items[stack[depth - 1]];
		if (next[depth - 1] == g->n_edges) {
			g->state = 2;
			depth--;
			continue;
		}
		const struct edge *e = &gs->edges[g->first_edge + next[depth - 1]++];
		struct group *to = &gs->items[e->to];
		if (to->state == 1) {
			diag_add(pp->out->diags, DIAG_ERROR, pp->src, pyreq_toml_span(e->at, pp->base),
				 "dependency group '%s' includes itself through '%s'",
				 to->entry->key.ptr, g->entry->key.ptr);
		} else if (to->state == 0) {
			to->state = 1;
			stack[depth] = e->to;
			next[depth++] = 0;
		}
	}
	return 0;
}

static int
check_groups(struct groups *gs)
{
	struct pyreq_toml_doc *pp = gs->pp;
	size_t *stack = calloc(gs->len, sizeof(*stack));
	size_t *next = calloc(gs->len, sizeof(*next));

	if (!stack || !next) {
		free(stack);
		free(next);
		return ERR_NOMEM;
	}
	for (size_t i = 1; i < gs->len; i++) {
		const struct group *a = gs->sorted[i - 1], *b = gs->sorted[i];
		if (strcmp(a->name, b->name) == 0) {
			const struct group *later = a->entry < b->entry ? b : a;
			diag_add(pp->out->diags, DIAG_ERROR, pp->src,
				 pyreq_toml_key_span(pp->src, later->entry, pp->base),
				 "dependency group '%s' is written twice (names compare as '%s')",
				 later->entry->key.ptr, later->name);
		}
	}
	for (size_t i = 0; i < gs->len; i++)
		if (gs->items[i].state == 0)
			walk(gs, i, stack, next);
	free(stack);
	free(next);
	return 0;
}

int
pyreq_groups_read(struct pyreq_toml_doc *pp, const struct toml_value *root)
{
	const struct toml_value *table = toml_table_get(root, "dependency-groups");
	struct groups gs = { .pp = pp };
	int rc = 0;

	if (!table)
		return 0;
	if (table->kind != TOML_TABLE) {
		pyreq_toml_expected(pp, table, "a table", "dependency-groups");
		return 0;
	}
	gs.len = toml_table_len(table);
	gs.items = calloc(gs.len ? gs.len : 1, sizeof(*gs.items));
	gs.sorted = calloc(gs.len ? gs.len : 1, sizeof(*gs.sorted));
	if (!gs.items || !gs.sorted) {
		rc = ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < gs.len; i++) {
		gs.items[i].entry = toml_table_at(table, i);
		gs.sorted[i] = &gs.items[i];
		if (!(gs.items[i].name = dep_normalize_name(pp->out->arena, gs.items[i].entry->key))) {
			rc = ERR_NOMEM;
			goto out;
		}
	}
	qsort(gs.sorted, gs.len, sizeof(*gs.sorted), by_name);
	for (size_t i = 0; i < gs.len && rc == 0; i++)
		rc = read_group(&gs, i);
	if (rc == 0)
		rc = check_groups(&gs);
out:
	free(gs.items);
	free(gs.sorted);
	free(gs.edges);
	return rc;
}
