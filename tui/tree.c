/*
 * Building the tree from a scan (files, then their declarations and flagged
 * option lines in line order, each declaration followed by the packages it
 * pulls in), attaching findings, and the moves that need the whole tree.
 */
#include "tree.h"

#include <stdlib.h>
#include <string.h>

#include "deputy/diag.h"
#include "deputy/graph.h"
#include "tree_graph.h"
#include "tree_index.h"

/*
 * What building the tree looks up again and again, indexed once: the
 * declarations, option lines and diagnostics of each path, the options and
 * declarations findings name, and the files already in the tree.
 */
struct build {
	const struct scan *scan;
	struct tree_graph *tg;
	struct tree_index deps;          /* dep->file -> dep index */
	struct tree_index options;       /* opt->file -> option index */
	struct tree_index diags;         /* diag->path -> diag index */
	struct tree_index flagged_opts;  /* options some finding names */
	struct tree_index scan_deps;     /* every declaration of the scan */
	struct tree_index files;         /* paths that have a file row */
};

static int
build_init(struct build *b, const struct scan *scan, struct tree_graph *tg)
{
	int rc = 0;

	memset(b, 0, sizeof(*b));
	b->scan = scan;
	b->tg = tg;
	b->deps.by_path = b->options.by_path = b->diags.by_path = b->files.by_path = 1;
	for (size_t i = 0; i < scan_dep_count(scan) && rc == 0; i++) {
		rc = tree_index_add(&b->deps, scan_dep(scan, i)->file, i);
		if (rc == 0)
			rc = tree_index_add(&b->scan_deps, scan_dep(scan, i), i);
	}
	for (size_t i = 0; i < scan_option_count(scan) && rc == 0; i++)
		rc = tree_index_add(&b->options, scan_option(scan, i)->file, i);
	for (size_t i = 0; i < scan_diag_count(scan) && rc == 0; i++)
		rc = tree_index_add(&b->diags, scan_diag(scan, i)->path, i);
	for (size_t i = 0; i < scan_finding_count(scan) && rc == 0; i++)
		rc = tree_index_add(&b->flagged_opts, scan_finding(scan, i)->option, i);
	tree_index_sort(&b->deps);
	tree_index_sort(&b->scan_deps);
	tree_index_sort(&b->options);
	tree_index_sort(&b->diags);
	tree_index_sort(&b->flagged_opts);
	return rc;
}

static void
build_release(struct build *b)
{
	tree_index_release(&b->deps);
	tree_index_release(&b->options);
	tree_index_release(&b->diags);
	tree_index_release(&b->flagged_opts);
	tree_index_release(&b->scan_deps);
	tree_index_release(&b->files);
}

static int
by_line(const void *a, const void *b)
{
	const struct node *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	/* entries of one line keep the scan's order: declarations, then options */
	return (x->order > y->order) - (x->order < y->order);
}

/* Adds the file node for @path, its entries, and each declaration's packages. */
static int
add_file(struct node_list *list, struct build *b, const char *path)
{
	const struct scan *scan = b->scan;
	struct node file = { .kind = NODE_FILE, .path = path, .severity = -1, .expanded = true,
			     .graph_node = GRAPH_NONE, .edge = GRAPH_NONE };
	struct node_list entries = { NULL, 0, 0 };
	size_t at = list->len, end, k;
	int rc = 0;

	file.file = scan_find_file(scan, path);
	file.parent = at;
	k = tree_index_range(&b->diags, path, &end);
	file.n_diags = end - k;
	for (k = tree_index_range(&b->deps, path, &end); k < end && rc == 0; k++) {
		const struct dep *dep = scan_dep(scan, b->deps.keys[k].value);
		struct node n = { .kind = NODE_DEP, .path = path, .file = file.file, .dep = dep,
				  .severity = -1, .parent = at, .depth = 1, .line = dep->line,
				  .graph_node = GRAPH_NONE, .edge = GRAPH_NONE,
				  .order = entries.len };

		if (dep->kind != DEP_LOCK)
			n.graph_node = scan_graph_node(scan, dep);
		rc = node_list_push(&entries, &n);
	}
	for (k = tree_index_range(&b->options, path, &end); k < end && rc == 0; k++) {
		const struct index_option *opt = scan_option(scan, b->options.keys[k].value);
		struct node n = { .kind = NODE_OPTION, .path = path, .file = file.file,
				  .option = opt, .severity = -1, .parent = at, .depth = 1,
				  .line = opt->line, .graph_node = GRAPH_NONE, .edge = GRAPH_NONE,
				  .order = entries.len };

		if (tree_index_first(&b->flagged_opts, opt) != SIZE_MAX)
			rc = node_list_push(&entries, &n);
	}
	if (rc == 0)
		rc = node_list_push(list, &file);
	if (rc == 0)
		rc = tree_index_add(&b->files, path, at);
	if (entries.len)
		qsort(entries.items, entries.len, sizeof(*entries.items), by_line);
	for (size_t i = 0; i < entries.len && rc == 0; i++) {
		rc = node_list_push(list, &entries.items[i]);
		if (rc == 0 && entries.items[i].kind == NODE_DEP)
			rc = tree_graph_add(b->tg, list, list->len - 1);
	}
	free(entries.items);
	return rc;
}

/*
 * Adds a file row for each of the @n paths (in order) that has none yet:
 * each path once, however often it comes.
 */
static int
add_new_files(struct node_list *list, struct build *b, const char *const *paths, size_t n)
{
	struct tree_index seen = { .by_path = 1 };
	int rc = 0;

	tree_index_sort(&b->files);
	for (size_t i = 0; i < n && rc == 0; i++)
		if (tree_index_first(&b->files, paths[i]) == SIZE_MAX)
			rc = tree_index_add(&seen, paths[i], i);
	tree_index_sort(&seen);
	for (size_t i = 0; i < n && rc == 0; i++)
		if (tree_index_first(&seen, paths[i]) == i)     /* its first mention */
			rc = add_file(list, b, paths[i]);
	tree_index_release(&seen);
	tree_index_sort(&b->files);
	return rc;
}

/*
 * The first package row (not a repeat) of each graph node, in tree order,
 * else the "... N more" row that counts it; SIZE_MAX where none. NULL when
 * out of memory.
 */
static size_t *
first_package_rows(const struct node *nodes, size_t len, const struct scan *scan,
		   const struct tree_graph *tg)
{
	size_t n = scan_graph(scan)->n_nodes;
	size_t *first = malloc((n ? n : 1) * sizeof(*first));

	if (!first)
		return NULL;
	for (size_t v = 0; v < n; v++)
		first[v] = SIZE_MAX;
	for (size_t i = len; i-- > 0;)
		if (nodes[i].kind == NODE_PACKAGE && !nodes[i].repeat && nodes[i].graph_node < n)
			first[nodes[i].graph_node] = i;
	for (size_t v = 0; v < n; v++)
		if (first[v] == SIZE_MAX)
			first[v] = tree_graph_more_row(tg, v);
	return first;
}

/*
 * The row of a finding on a package no declaration of the repository names
 * (DEP_RESOLVED, or a line of a file read from a remote repository); SIZE_MAX
 * when no package row shows it.
 */
static size_t
package_row(const struct build *b, const size_t *first, const struct finding *f)
{
	size_t v;

	if (!f->dep || f->dep->kind == DEP_LOCK || tree_index_first(&b->scan_deps, f->dep) != SIZE_MAX)
		return SIZE_MAX;
	v = scan_graph_node(b->scan, f->dep);
	return v == GRAPH_NONE ? SIZE_MAX : first[v];
}

/*
 * Paths that declarations name but the scan did not list, then those of
 * findings that no row takes (a package no declaration reaches).
 */
static int
add_unlisted_files(struct node_list *list, struct build *b, size_t **first)
{
	const struct scan *scan = b->scan;
	size_t n = scan_dep_count(scan) + scan_finding_count(scan), k = 0;
	const char **paths = malloc((n ? n : 1) * sizeof(*paths));
	int rc;

	if (!paths)
		return ERR_NOMEM;
	for (size_t i = 0; i < scan_dep_count(scan); i++)
		if (scan_dep(scan, i)->file)
			paths[k++] = scan_dep(scan, i)->file;
	rc = add_new_files(list, b, paths, k);
	if (rc == 0 && !(*first = first_package_rows(list->items, list->len, scan, b->tg)))
		rc = ERR_NOMEM;
	k = 0;
	for (size_t i = 0; i < scan_finding_count(scan) && rc == 0; i++) {
		const struct finding *f = scan_finding(scan, i);

		if (f->file && package_row(b, *first, f) == SIZE_MAX)
			paths[k++] = f->file;
	}
	if (rc == 0)
		rc = add_new_files(list, b, paths, k);
	free(paths);
	return rc;
}

/* Rows by what findings point at: a declaration, an option line, a file. */
struct rows {
	struct tree_index deps, options, files;
};

static int
rows_init(struct rows *r, const struct tree *tree)
{
	int rc = 0;

	memset(r, 0, sizeof(*r));
	r->files.by_path = 1;
	for (size_t i = 0; i < tree->len && rc == 0; i++) {
		const struct node *n = &tree->nodes[i];

		if (n->dep)
			rc = tree_index_add(&r->deps, n->dep, i);
		if (rc == 0 && n->option)
			rc = tree_index_add(&r->options, n->option, i);
		if (rc == 0 && n->kind == NODE_FILE)
			rc = tree_index_add(&r->files, n->path, i);
	}
	tree_index_sort(&r->deps);
	tree_index_sort(&r->options);
	tree_index_sort(&r->files);
	return rc;
}

static void
rows_release(struct rows *r)
{
	tree_index_release(&r->deps);
	tree_index_release(&r->options);
	tree_index_release(&r->files);
}

static size_t
node_of_finding(const struct rows *r, const struct build *b, const size_t *first,
		const struct finding *f)
{
	size_t row = package_row(b, first, f), other;

	if (row != SIZE_MAX)
		return row;
	/* the first row showing its declaration or its option line */
	row = f->dep ? tree_index_first(&r->deps, f->dep) : SIZE_MAX;
	other = f->option ? tree_index_first(&r->options, f->option) : SIZE_MAX;
	if (other < row)
		row = other;
	if (row != SIZE_MAX)
		return row;
	return f->file ? tree_index_first(&r->files, f->file) : SIZE_MAX;
}

/* Raises the severity of @i and of its ancestors to @sev. */
static void
raise_severity(struct tree *tree, size_t i, int sev)
{
	for (;;) {
		struct node *n = &tree->nodes[i];

		if (n->severity >= sev)
			return;         /* its ancestors were raised with it */
		n->severity = sev;
		if (n->parent == i)
			return;
		i = n->parent;
	}
}

static int
attach_findings(struct tree *tree, const struct build *b, const size_t *first)
{
	const struct scan *scan = b->scan;
	size_t n = scan_finding_count(scan);
	struct rows rows = { 0 };
	size_t *owner = calloc(n ? n : 1, sizeof(*owner));
	size_t *count = calloc(tree->len ? tree->len : 1, sizeof(*count));
	size_t used = 0;

	tree->finding_index = calloc(n ? n : 1, sizeof(size_t));
	if (!owner || !count || !tree->finding_index || rows_init(&rows, tree)) {
		free(owner);
		free(count);
		rows_release(&rows);
		return ERR_NOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		owner[i] = node_of_finding(&rows, b, first, scan_finding(scan, i));
		if (owner[i] != SIZE_MAX)
			count[owner[i]]++;
	}
	for (size_t i = 0; i < tree->len; i++) {
		tree->nodes[i].findings = tree->finding_index + used;
		used += count[i];
	}
	for (size_t i = 0; i < n; i++) {
		struct node *node;

		if (owner[i] == SIZE_MAX)
			continue;
		node = &tree->nodes[owner[i]];
		tree->finding_index[node->findings - tree->finding_index + node->n_findings++] = i;
		raise_severity(tree, owner[i], (int)scan_finding(scan, i)->severity);
		if (node->kind == NODE_PACKAGE || node->kind == NODE_MORE)
			tree_expand_to(tree, owner[i]);
	}
	rows_release(&rows);
	free(owner);
	free(count);
	return 0;
}

/* n_children and n_subtree of every row: children come after their parent. */
static void
count_children(struct tree *tree)
{
	for (size_t i = tree->len; i-- > 0;) {
		struct node *n = &tree->nodes[i];

		if (n->parent == i)
			continue;
		tree->nodes[n->parent].n_children++;
		tree->nodes[n->parent].n_subtree += 1 + n->n_subtree;
	}
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

/*
 * The lookups of the detail pane (tree.h), so that moving the cursor costs
 * the same on any size of scan: the builder's index of diagnostics by path
 * is handed over, the others made here.
 */
static int
index_for_detail(struct tree *tree, struct build *b)
{
	const struct scan *scan = b->scan;
	size_t n_deps = scan_dep_count(scan);
	int rc = 0;

	tree->by_diag_path = b->diags;
	memset(&b->diags, 0, sizeof(b->diags));
	/* A name's entries sort by ecosystem, then in scan order. */
	tree->by_name.by_path = 1;
	for (size_t i = 0; i < n_deps && rc == 0; i++) {
		const struct dep *dep = scan_dep(scan, i);

		if (dep->normalized && dep->normalized[0])
			rc = tree_index_add(&tree->by_name, dep->normalized,
					    (size_t)dep->ecosystem * n_deps + i);
	}
	for (size_t i = 0; i < scan_finding_count(scan) && rc == 0; i++)
		rc = tree_index_add(&tree->by_finding_dep, scan_finding(scan, i)->dep, i);
	tree_index_sort(&tree->by_name);
	tree_index_sort(&tree->by_finding_dep);
	return rc;
}

int
tree_init(struct tree *tree, const struct scan *scan)
{
	struct node_list list = { NULL, 0, 0 };
	struct tree_graph *tg = NULL;
	struct build b;
	size_t *first = NULL;
	int rc;

	memset(tree, 0, sizeof(*tree));
	tree->min_severity = -1;
	rc = tree_graph_new(&tg, scan);
	if (rc == 0)
		rc = build_init(&b, scan, tg);
	else
		memset(&b, 0, sizeof(b));
	for (size_t i = 0; i < scan_file_count(scan) && rc == 0; i++)
		rc = add_file(&list, &b, scan_file(scan, i)->path);
	if (rc == 0)
		rc = add_unlisted_files(&list, &b, &first);
	tree->nodes = list.items;
	tree->len = list.len;
	count_children(tree);
	if (rc == 0)
		rc = attach_findings(tree, &b, first);
	if (rc == 0)
		rc = index_for_detail(tree, &b);
	build_release(&b);
	tree_graph_free(tg);
	free(first);
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
	tree_index_release(&tree->by_name);
	tree_index_release(&tree->by_finding_dep);
	tree_index_release(&tree->by_diag_path);
	memset(tree, 0, sizeof(*tree));
}

const char *
tree_eco_str(enum tree_eco eco)
{
	switch (eco) {
	case TREE_ECO_PYTHON: return "Python";
	case TREE_ECO_R: return "R";
	case TREE_ECO_ALL: break;
	}
	return "all";
}

/* The language of an entry or package row itself; files are decided by their rows. */
static enum tree_eco
node_eco(const struct tree *tree, const struct node *n)
{
	switch (n->kind) {
	case NODE_DEP:
		return n->dep->language == LANG_R ? TREE_ECO_R
		       : n->dep->language == LANG_PYTHON ? TREE_ECO_PYTHON : TREE_ECO_ALL;
	case NODE_OPTION:
		return n->option->kind == OPT_R_REPOS ? TREE_ECO_R : TREE_ECO_PYTHON;
	case NODE_PACKAGE:
	case NODE_MORE:
		/* A package row speaks the language of the declaration above it. */
		while (n->depth > 1)
			n = &tree->nodes[n->parent];
		return n->kind == NODE_FILE ? TREE_ECO_ALL : node_eco(tree, n);
	case NODE_FILE:
		break;
	}
	return TREE_ECO_ALL;
}

static bool
passes_severity(const struct tree *tree, const struct node *n)
{
	if (tree->flagged_only && n->severity < 0)
		return false;
	return tree->min_severity < 0 || n->severity >= tree->min_severity;
}

/* Sets keep on every row: children come after their file, so walk backwards. */
static void
apply_filters(struct tree *tree)
{
	for (size_t i = 0; i < tree->len; i++)
		tree->nodes[i].kept_below = false;
	for (size_t i = tree->len; i-- > 0;) {
		struct node *n = &tree->nodes[i];

		if (n->kind == NODE_FILE) {
			n->keep = passes_severity(tree, n) &&
				  (tree->eco == TREE_ECO_ALL || n->kept_below);
			continue;
		}
		n->keep = passes_severity(tree, n) &&
			  (tree->eco == TREE_ECO_ALL || node_eco(tree, n) == tree->eco);
		if (n->keep) {
			size_t f = i;

			while (tree->nodes[f].parent != f)
				f = tree->nodes[f].parent;
			tree->nodes[f].kept_below = true;
		}
	}
}

void
tree_refresh(struct tree *tree)
{
	size_t best = SIZE_MAX, up;

	apply_filters(tree);
	/* Parents come before their children: one pass decides every row. */
	tree->n_visible = 0;
	for (size_t i = 0; i < tree->len; i++) {
		struct node *n = &tree->nodes[i];
		const struct node *p = &tree->nodes[n->parent];

		n->shown = n->keep &&
			   (n->parent == i || (p->shown && p->expanded));
		if (n->shown)
			tree->visible[tree->n_visible++] = i;
	}
	if (tree->len == 0 || (tree->cursor < tree->len && tree->nodes[tree->cursor].shown))
		return;
	/* The cursor's nearest shown ancestor, else the nearest visible row before it. */
	if (tree->cursor < tree->len) {
		for (up = tree->cursor; tree->nodes[up].parent != up && !tree->nodes[up].shown;)
			up = tree->nodes[up].parent;
		if (tree->nodes[up].shown) {
			tree->cursor = up;
			return;
		}
	}
	for (size_t r = 0; r < tree->n_visible; r++)
		if (tree->visible[r] <= tree->cursor)
			best = tree->visible[r];
	if (best == SIZE_MAX && tree->n_visible > 0)
		best = tree->visible[0];
	tree->cursor = best == SIZE_MAX ? 0 : best;
}

void
tree_fold_all(struct tree *tree, bool expand)
{
	for (size_t i = 0; i < tree->len; i++)
		if (tree->nodes[i].n_children > 0)
			tree->nodes[i].expanded = expand;
	tree_refresh(tree);
}

bool
tree_expand_to(struct tree *tree, size_t i)
{
	bool changed = false;

	while (tree->nodes[i].parent != i) {
		i = tree->nodes[i].parent;
		changed = changed || !tree->nodes[i].expanded;
		tree->nodes[i].expanded = true;
	}
	return changed;
}

void
tree_move_to(struct tree *tree, size_t i)
{
	bool changed = tree_expand_to(tree, i);

	tree->cursor = i;
	/* The rows on screen change only when a fold opened (or the row was hidden). */
	if (changed || !tree->nodes[i].shown)
		tree_refresh(tree);
}

/* The first position of the ascending @a[0..@n) holding a value above @v. */
static size_t
first_above(const size_t *a, size_t n, size_t v)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (a[mid] <= v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* visible[] and flagged[] are in tree order, node indices ascending. */
size_t
tree_cursor_row(const struct tree *tree)
{
	size_t r = first_above(tree->visible, tree->n_visible, tree->cursor);

	return r > 0 && tree->visible[r - 1] == tree->cursor ? r - 1 : 0;
}

size_t
tree_flag_position(const struct tree *tree)
{
	size_t i = first_above(tree->flagged, tree->n_flagged, tree->cursor);

	return i > 0 && tree->flagged[i - 1] == tree->cursor ? i : 0;
}

/* A row n/N may stop at: it passes the filters, and is not skipped as reviewed. */
static bool
stops(const struct tree *tree, size_t i)
{
	return tree->nodes[i].keep && !(tree->skip_reviewed && tree->nodes[i].reviewed);
}

int
tree_step_flag(struct tree *tree, bool forward)
{
	/* lo: the first flagged row after the cursor */
	size_t target = SIZE_MAX, lo = first_above(tree->flagged, tree->n_flagged, tree->cursor);
	int wrapped = 0;

	if (forward) {
		for (size_t i = lo; i < tree->n_flagged && target == SIZE_MAX; i++)
			if (stops(tree, tree->flagged[i]))
				target = tree->flagged[i];
		for (size_t i = 0; i < tree->n_flagged && target == SIZE_MAX; i++)
			if (stops(tree, tree->flagged[i])) {
				target = tree->flagged[i];
				wrapped = 1;
			}
	} else {
		/* the rows before lo are <= the cursor; the cursor's own is not a step back */
		for (size_t i = lo; i-- > 0 && target == SIZE_MAX;)
			if (tree->flagged[i] < tree->cursor && stops(tree, tree->flagged[i]))
				target = tree->flagged[i];
		for (size_t i = tree->n_flagged; i-- > 0 && target == SIZE_MAX;)
			if (stops(tree, tree->flagged[i])) {
				target = tree->flagged[i];
				wrapped = 1;
			}
	}
	if (target == SIZE_MAX)
		return ERR_NOTFOUND;
	tree_move_to(tree, target);
	return wrapped;
}
