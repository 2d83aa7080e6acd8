/*
 * The tree pane: dependency files, their entries and the packages each
 * declaration pulls in, each marked with its highest severity; moving,
 * folding at any depth, the flagged-only filter and n/N.
 */
#include <stdio.h>
#include <string.h>

#include "deputy/diag.h"
#include "app.h"
#include "draw.h"

/* "C", "H", "M", "L", "i": the tag of a severity. */
static const char *
severity_letter(int sev)
{
	static const char *const letters[] = { "i", "L", "M", "H", "C" };

	return sev >= 0 && sev < SEV_COUNT ? letters[sev] : " ";
}

static bool
file_is_skipped(const struct node *n)
{
	return n->file && n->file->state != FILE_READ;
}

/* The fold mark of a row: open, closed, or a blank when nothing is below it. */
static const char *
fold_mark(const struct node *n)
{
	if (n->n_children == 0)
		return " ";
	if (n->expanded)
		return draw_glyphs()->fold_open;
	return draw_glyphs()->fold_closed;
}

/* Two columns a level, then the fold mark: entries line up under their file's name. */
static int
draw_indent(struct view *view, const struct node *n, int width, attr_t base)
{
	int x = 0;

	for (unsigned d = 0; d < n->depth && x < width; d++)
		x += draw_cstr(view->win, "  ", width - x, base);
	x += draw_cstr(view->win, fold_mark(n), width - x, base);
	x += draw_cstr(view->win, " ", width - x, base);
	return x;
}

static int
draw_package(struct view *view, struct app *app, const struct node *n, int width,
	     attr_t base, bool selected)
{
	const struct graph *g = scan_graph(app->scan);
	attr_t muted = selected ? base : theme_attr(app->theme, EL_MUTED);
	int x = 0;

	if (n->kind == NODE_MORE) {
		char more[64];

		snprintf(more, sizeof(more), "%s %zu more", draw_ellipsis(), n->n_more);
		return draw_cstr(view->win, more, width, muted);
	}
	if (n->graph_node >= g->n_nodes)
		return 0;
	{
		const struct graph_node *p = &g->nodes[n->graph_node];

		x += draw_text(view->win, sv_from_cstr(p->display), width - x, base);
		if (p->version) {
			x += draw_cstr(view->win, " ", width - x, base);
			x += draw_text(view->win, sv_from_cstr(p->version), width - x, muted);
		}
		if (n->repeat)
			x += draw_cstr(view->win, " (see above)", width - x, muted);
		else if (p->unresolved)
			x += draw_cstr(view->win, " (unresolved)", width - x, muted);
	}
	return x;
}

static void
draw_row(struct view *view, struct app *app, int y, const struct node *n, bool selected)
{
	/* A search match stands out from the rows around it (the selection already does). */
	bool match = !selected && app->search.text[0] &&
		     search_matches(&app->tree, app->scan, (size_t)(n - app->tree.nodes),
				    app->search.text);
	attr_t base = theme_attr(app->theme, selected ? EL_SELECTION
				 : match ? EL_SEARCH : EL_TREE);
	int width = view->width, x = 0;
	char tag[8];

	wmove(view->win, y, 0);
	if (n->severity >= 0) {
		snprintf(tag, sizeof(tag), " %s ", severity_letter(n->severity));
		x += draw_cstr(view->win, tag, width, theme_attr(app->theme,
				theme_severity_element((enum severity)n->severity)));
	} else {
		/* Unread files show "-", files with diagnostics about their input "!". */
		x += draw_cstr(view->win, file_is_skipped(n) ? " - " : n->n_diags ? " ! " : "   ",
			       width, theme_attr(app->theme, EL_SKIPPED));
	}
	x += draw_cstr(view->win, " ", width - x, base);
	x += draw_indent(view, n, width - x, base);
	if (n->kind == NODE_FILE) {
		attr_t el = selected || match ? base : theme_attr(app->theme,
				file_is_skipped(n) ? EL_SKIPPED : EL_FILE);

		x += draw_text(view->win, sv_from_cstr(n->path), width - x, el);
		if (file_is_skipped(n))
			x += draw_cstr(view->win, " (skipped)", width - x,
				       selected ? base : theme_attr(app->theme, EL_SKIPPED));
		else if (!n->expanded && n->n_children > 0) {
			char count[32];

			snprintf(count, sizeof(count), " (%zu)", n->n_children);
			x += draw_cstr(view->win, count, width - x, base);
		}
	} else if (n->kind == NODE_PACKAGE || n->kind == NODE_MORE) {
		x += draw_package(view, app, n, width - x, base, selected);
	} else if (n->dep) {
		const char *name = dep_label(n->dep);

		x += draw_text(view->win, sv_from_cstr(name), width - x, base);
		if (n->dep->spec && n->dep->spec[0]) {
			x += draw_cstr(view->win, " ", width - x, base);
			x += draw_text(view->win, sv_from_cstr(n->dep->spec), width - x,
				       selected ? base : theme_attr(app->theme, EL_MUTED));
		}
	} else {
		x += draw_cstr(view->win, index_option_str(n->option->kind), width - x, base);
		x += draw_cstr(view->win, " ", width - x, base);
		x += draw_text(view->win, sv_from_cstr(n->option->value), width - x,
			       selected ? base : theme_attr(app->theme, EL_MUTED));
	}
	if (selected && x < width)
		draw_fill(view->win, width - x, base);
}

/* Keeps the cursor row inside the body. */
static void
scroll_to_cursor(struct view *view, struct app *app)
{
	size_t rows = (size_t)(view_body_height(view) > 0 ? view_body_height(view) : 1);
	size_t row = tree_cursor_row(&app->tree);

	if (row < view->top)
		view->top = row;
	else if (row >= view->top + rows)
		view->top = row - rows + 1;
	/* Never leave blank rows below the tree while rows above are hidden. */
	if (app->tree.n_visible <= rows)
		view->top = 0;
	else if (view->top > app->tree.n_visible - rows)
		view->top = app->tree.n_visible - rows;
}

static void
tree_draw(struct view *view, struct app *app)
{
	const struct tree *tree = &app->tree;
	int rows = view_body_height(view);
	char title[96];

	werase(view->win);
	scroll_to_cursor(view, app);
	snprintf(title, sizeof(title), " Files (%zu flagged entr%s)%s%s%s%s%s", tree->n_flagged,
		 tree->n_flagged == 1 ? "y" : "ies", tree->flagged_only ? " - flagged only" : "",
		 tree->min_severity >= 0 ? " - " : "",
		 tree->min_severity >= 0 ? severity_str((enum severity)tree->min_severity) : "",
		 tree->min_severity >= 0 ? " and up" : "",
		 tree->eco != TREE_ECO_ALL ? (tree->eco == TREE_ECO_R ? " - R" : " - Python") : "");
	wmove(view->win, 0, 0);
	view_draw_title(view, app, title, app->focus == VIEW_TREE);
	for (int r = 0; r < rows && view->top + (size_t)r < tree->n_visible; r++) {
		size_t i = tree->visible[view->top + (size_t)r];

		draw_row(view, app, r + 1, &tree->nodes[i], i == tree->cursor);
	}
	if (tree->n_visible == 0 && rows > 0) {
		wmove(view->win, 1, 1);
		draw_cstr(view->win, tree->len == 0 ? "No dependency files found."
			  : "Nothing passes the filters (f, s, p change them).", view->width - 1,
			  theme_attr(app->theme, EL_MUTED));
	}
}

static int
move_rows(struct app *app, long delta)
{
	struct tree *tree = &app->tree;
	size_t row = tree_cursor_row(tree);
	long target = (long)row + delta;

	if (tree->n_visible == 0)
		return REACT_NONE;
	if (target < 0)
		target = 0;
	if (target >= (long)tree->n_visible)
		target = (long)tree->n_visible - 1;
	if ((size_t)target == row)
		return REACT_NONE;
	tree->cursor = tree->visible[target];
	return REACT_REDRAW | REACT_SELECT;
}

/*
 * Folding works on any row with rows below it. Collapsing (or toggling) a
 * row with nothing below it, or collapsing a folded row, folds the row above
 * and selects it (as in tig).
 */
static int
set_fold(struct app *app, int want)   /* 1 expand, 0 collapse, -1 toggle */
{
	struct tree *tree = &app->tree;
	struct node *n;

	if (tree->n_visible == 0)
		return REACT_NONE;
	n = &tree->nodes[tree->cursor];
	if (n->kind == NODE_FILE && want == 0 && !n->expanded && n->n_children > 0) {
		status_set(app, false, "already collapsed");
		return REACT_REDRAW;
	}
	if (n->kind == NODE_FILE && n->n_children == 0) {
		status_set(app, false, file_is_skipped(n)
			   ? "this file was not read: nothing to expand"
			   : "this file declares nothing: nothing to expand");
		return REACT_REDRAW;
	}
	if (n->kind != NODE_FILE && (n->n_children == 0 || (want == 0 && !n->expanded))) {
		if (want == 1) {
			status_set(app, false, "this entry has nothing below it");
			return REACT_REDRAW;
		}
		tree->cursor = n->parent;
		n = &tree->nodes[tree->cursor];
		want = 0;
	}
	n->expanded = want < 0 ? !n->expanded : want == 1;
	tree_refresh(tree);
	return REACT_REDRAW | REACT_SELECT;
}

static int
step_flag(struct app *app, bool forward)
{
	int rc = tree_step_flag(&app->tree, forward);

	if (rc == ERR_NOTFOUND) {
		status_set(app, false, "no flagged entries in this repository");
		return REACT_REDRAW;
	}
	if (rc == 1 && app->tree.n_flagged > 1)
		status_set(app, false, forward ? "wrapped to the first flagged entry"
			   : "wrapped to the last flagged entry");
	return REACT_REDRAW | REACT_SELECT;
}

/* s: none, then info and up, low and up, ..., critical only, then none again. */
static int
cycle_severity(struct app *app)
{
	struct tree *tree = &app->tree;

	tree->min_severity = tree->min_severity + 1 >= SEV_COUNT ? -1 : tree->min_severity + 1;
	tree_refresh(tree);
	if (tree->min_severity < 0)
		status_set(app, false, "showing every severity");
	else
		status_set(app, false, "showing %s and up", severity_str((enum severity)tree->min_severity));
	return REACT_REDRAW | REACT_SELECT;
}

/* p: all, Python, R. */
static int
cycle_ecosystem(struct app *app)
{
	struct tree *tree = &app->tree;

	tree->eco = tree->eco == TREE_ECO_ALL ? TREE_ECO_PYTHON
		    : tree->eco == TREE_ECO_PYTHON ? TREE_ECO_R : TREE_ECO_ALL;
	tree_refresh(tree);
	status_set(app, false, tree->eco == TREE_ECO_ALL ? "showing every ecosystem"
		   : "showing %s entries only", tree_eco_str(tree->eco));
	return REACT_REDRAW | REACT_SELECT;
}

static int
step_match(struct app *app, bool forward)
{
	int rc;

	if (!app->search.text[0]) {
		status_set(app, false, "no search yet: / starts one");
		return REACT_REDRAW;
	}
	rc = search_step(&app->tree, app->scan, app->search.text, app->tree.cursor, forward, false);
	if (rc == ERR_NOTFOUND)
		status_set(app, false, "no row matches the search");
	else if (rc == 1)
		status_set(app, false, forward ? "search wrapped to the top"
			   : "search wrapped to the bottom");
	return REACT_REDRAW | REACT_SELECT;
}

static int
tree_handle(struct view *view, struct app *app, enum action act)
{
	long page = view_body_height(view) > 1 ? view_body_height(view) - 1 : 1;
	struct tree *tree = &app->tree;

	switch (act) {
	case ACT_MOVE_DOWN:
		return move_rows(app, 1);
	case ACT_MOVE_UP:
		return move_rows(app, -1);
	case ACT_PAGE_DOWN:
		return move_rows(app, page);
	case ACT_PAGE_UP:
		return move_rows(app, -page);
	case ACT_MOVE_FIRST:
		return move_rows(app, -(long)tree->n_visible);
	case ACT_MOVE_LAST:
		return move_rows(app, (long)tree->n_visible);
	case ACT_TOGGLE_FOLD:
		return set_fold(app, -1);
	case ACT_EXPAND:
		return set_fold(app, 1);
	case ACT_COLLAPSE:
		return set_fold(app, 0);
	case ACT_NEXT_FLAG:
		return step_flag(app, true);
	case ACT_PREV_FLAG:
		return step_flag(app, false);
	case ACT_MIN_SEVERITY:
		return cycle_severity(app);
	case ACT_ECOSYSTEM:
		return cycle_ecosystem(app);
	case ACT_SEARCH_NEXT:
		return step_match(app, true);
	case ACT_SEARCH_PREV:
		return step_match(app, false);
	case ACT_EXPAND_ALL:
		tree_fold_all(tree, true);
		status_set(app, false, "every row expanded");
		return REACT_REDRAW | REACT_SELECT;
	case ACT_COLLAPSE_ALL:
		tree_fold_all(tree, false);
		status_set(app, false, "every row collapsed");
		return REACT_REDRAW | REACT_SELECT;
	case ACT_FLAGGED_ONLY:
		if (!tree->flagged_only && tree->n_flagged == 0) {
			status_set(app, false, "nothing is flagged: the filter would hide everything");
			return REACT_REDRAW;
		}
		tree->flagged_only = !tree->flagged_only;
		tree_refresh(tree);
		status_set(app, false, tree->flagged_only ? "showing flagged entries only"
			   : "showing every entry");
		return REACT_REDRAW | REACT_SELECT;
	default:
		return REACT_UNHANDLED;
	}
}

const struct view_ops view_tree_ops = {
	.name = "tree",
	.draw = tree_draw,
	.handle = tree_handle,
	.select = NULL,
	.free = NULL,
};
