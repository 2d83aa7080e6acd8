/*
 * Building the tree from a scan (files, then their declarations and flagged
 * option lines in line order) and the cursor moves that need the whole tree.
 */
#include "tree.h"

#include <stdlib.h>
#include <string.h>

#include "deputy/array.h"
#include "deputy/diag.h"

struct node_list {
	struct node *items;
	size_t len, cap;
};

static int
push(struct node_list *list, const struct node *node)
{
	if (array_reserve(&list->items, &list->cap, list->len, sizeof(*list->items)))
		return ERR_NOMEM;
	list->items[list->len++] = *node;
	return 0;
}

static bool
same_path(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

static bool
option_has_findings(const struct scan *scan, const struct index_option *opt)
{
	for (size_t i = 0; i < scan_finding_count(scan); i++)
		if (scan_finding(scan, i)->option == opt)
			return true;
	return false;
}

/* Stable insertion sort by line: entries of one line keep the scan's order. */
static void
sort_by_line(struct node *nodes, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct node key = nodes[i];
		size_t j = i;

		for (; j > 0 && nodes[j - 1].line > key.line; j--)
			nodes[j] = nodes[j - 1];
		nodes[j] = key;
	}
}

/* Adds the file node for @path and its entries. */
static int
add_file(struct node_list *list, const struct scan *scan, const char *path)
{
	struct node file = { .kind = NODE_FILE, .path = path, .severity = -1, .expanded = true };
	size_t at = list->len, first;
	int rc;

	file.file = scan_find_file(scan, path);
	file.parent = at;
	for (size_t i = 0; i < scan_diag_count(scan); i++)
		if (same_path(scan_diag(scan, i)->path, path))
			file.n_diags++;
	if ((rc = push(list, &file)) < 0)
		return rc;
	first = list->len;
	for (size_t i = 0; i < scan_dep_count(scan); i++) {
		const struct dep *dep = scan_dep(scan, i);
		struct node n = { .kind = NODE_DEP, .path = path, .file = file.file, .dep = dep,
				  .severity = -1, .parent = at, .line = dep->line };

		if (same_path(dep->file, path) && (rc = push(list, &n)) < 0)
			return rc;
	}
	for (size_t i = 0; i < scan_option_count(scan); i++) {
		const struct index_option *opt = scan_option(scan, i);
		struct node n = { .kind = NODE_OPTION, .path = path, .file = file.file,
				  .option = opt, .severity = -1, .parent = at, .line = opt->line };

		if (same_path(opt->file, path) && option_has_findings(scan, opt) &&
		    (rc = push(list, &n)) < 0)
			return rc;
	}
	sort_by_line(list->items + first, list->len - first);
	list->items[at].n_children = list->len - first;
	return 0;
}

static bool
has_file_node(const struct node_list *list, const char *path)
{
	for (size_t i = 0; i < list->len; i++)
		if (list->items[i].kind == NODE_FILE && same_path(list->items[i].path, path))
			return true;
	return false;
}

/* Paths that declarations or findings name but the scan did not list. */
static int
add_unlisted_files(struct node_list *list, const struct scan *scan)
{
	int rc;

	for (size_t i = 0; i < scan_dep_count(scan); i++) {
		const char *p = scan_dep(scan, i)->file;

		if (p && !has_file_node(list, p) && (rc = add_file(list, scan, p)) < 0)
			return rc;
	}
	for (size_t i = 0; i < scan_finding_count(scan); i++) {
		const char *p = scan_finding(scan, i)->file;

		if (p && !has_file_node(list, p) && (rc = add_file(list, scan, p)) < 0)
			return rc;
	}
	return 0;
}

static size_t
node_of_finding(const struct tree *tree, const struct finding *f)
{
	for (size_t i = 0; i < tree->len; i++) {
		const struct node *n = &tree->nodes[i];

		if ((f->dep && n->dep == f->dep) || (f->option && n->option == f->option))
			return i;
	}
	for (size_t i = 0; i < tree->len; i++)
		if (tree->nodes[i].kind == NODE_FILE && same_path(tree->nodes[i].path, f->file))
			return i;
	return SIZE_MAX;
}

static int
attach_findings(struct tree *tree, const struct scan *scan)
{
	size_t n = scan_finding_count(scan);
	size_t *owner = calloc(n ? n : 1, sizeof(*owner));
	size_t *count = calloc(tree->len ? tree->len : 1, sizeof(*count));
	size_t used = 0;

	tree->finding_index = calloc(n ? n : 1, sizeof(size_t));
	if (!owner || !count || !tree->finding_index) {
		free(owner);
		free(count);
		return ERR_NOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		owner[i] = node_of_finding(tree, scan_finding(scan, i));
		if (owner[i] != SIZE_MAX)
			count[owner[i]]++;
	}
	for (size_t i = 0; i < tree->len; i++) {
		tree->nodes[i].findings = tree->finding_index + used;
		used += count[i];
	}
	for (size_t i = 0; i < n; i++) {
		struct node *node;
		int sev;

		if (owner[i] == SIZE_MAX)
			continue;
		node = &tree->nodes[owner[i]];
		sev = (int)scan_finding(scan, i)->severity;
		tree->finding_index[node->findings - tree->finding_index + node->n_findings++] = i;
		if (sev > node->severity)
			node->severity = sev;
		if (sev > tree->nodes[node->parent].severity)
			tree->nodes[node->parent].severity = sev;
	}
	free(owner);
	free(count);
	return 0;
}

static int
index_flagged(struct tree *tree)
{
	tree->flagged = calloc(tree->len ? tree->len : 1, sizeof(size_t));
	tree->visible = calloc(tree->len ? tree->len : 1, sizeof(size_t));
	if (!tree->flagged || !tree->visible)
		return ERR_NOMEM;
	for (size_t i = 0; i < tree->len; i++)
		if (tree->nodes[i].n_findings > 0)
			tree->flagged[tree->n_flagged++] = i;
	return 0;
}

int
tree_init(struct tree *tree, const struct scan *scan)
{
	struct node_list list = { NULL, 0, 0 };
	int rc = 0;

	memset(tree, 0, sizeof(*tree));
	for (size_t i = 0; i < scan_file_count(scan) && rc == 0; i++)
		rc = add_file(&list, scan, scan_file(scan, i)->path);
	if (rc == 0)
		rc = add_unlisted_files(&list, scan);
	tree->nodes = list.items;
	tree->len = list.len;
	if (rc == 0)
		rc = attach_findings(tree, scan);
	if (rc == 0)
		rc = index_flagged(tree);
	if (rc < 0) {
		tree_release(tree);
		return rc;
	}
	tree_refresh(tree);
	return 0;
}

void
tree_release(struct tree *tree)
{
	free(tree->nodes);
	free(tree->finding_index);
	free(tree->visible);
	free(tree->flagged);
	memset(tree, 0, sizeof(*tree));
}

static bool
is_shown(const struct tree *tree, size_t i)
{
	const struct node *n = &tree->nodes[i];

	if (tree->flagged_only && n->severity < 0)
		return false;
	return n->kind == NODE_FILE || tree->nodes[n->parent].expanded;
}

void
tree_refresh(struct tree *tree)
{
	size_t best = SIZE_MAX;

	tree->n_visible = 0;
	for (size_t i = 0; i < tree->len; i++)
		if (is_shown(tree, i))
			tree->visible[tree->n_visible++] = i;
	if (tree->len == 0 || (tree->cursor < tree->len && is_shown(tree, tree->cursor)))
		return;
	/* The cursor's file if it shows, else the nearest visible row before it. */
	if (tree->cursor < tree->len && is_shown(tree, tree->nodes[tree->cursor].parent)) {
		tree->cursor = tree->nodes[tree->cursor].parent;
		return;
	}
	for (size_t r = 0; r < tree->n_visible; r++)
		if (tree->visible[r] <= tree->cursor)
			best = tree->visible[r];
	if (best == SIZE_MAX && tree->n_visible > 0)
		best = tree->visible[0];
	tree->cursor = best == SIZE_MAX ? 0 : best;
}

size_t
tree_cursor_row(const struct tree *tree)
{
	for (size_t r = 0; r < tree->n_visible; r++)
		if (tree->visible[r] == tree->cursor)
			return r;
	return 0;
}

size_t
tree_flag_position(const struct tree *tree)
{
	for (size_t i = 0; i < tree->n_flagged; i++)
		if (tree->flagged[i] == tree->cursor)
			return i + 1;
	return 0;
}

int
tree_step_flag(struct tree *tree, bool forward)
{
	size_t target = SIZE_MAX;
	int wrapped = 0;

	if (tree->n_flagged == 0)
		return ERR_NOTFOUND;
	if (forward) {
		for (size_t i = 0; i < tree->n_flagged && target == SIZE_MAX; i++)
			if (tree->flagged[i] > tree->cursor)
				target = tree->flagged[i];
		if (target == SIZE_MAX) {
			target = tree->flagged[0];
			wrapped = 1;
		}
	} else {
		for (size_t i = tree->n_flagged; i-- > 0 && target == SIZE_MAX;)
			if (tree->flagged[i] < tree->cursor)
				target = tree->flagged[i];
		if (target == SIZE_MAX) {
			target = tree->flagged[tree->n_flagged - 1];
			wrapped = 1;
		}
	}
	tree->nodes[tree->nodes[target].parent].expanded = true;
	tree->cursor = target;
	tree_refresh(tree);
	return wrapped;
}
