/*
 * tui_run(): the screen's lifetime and the main loop. Keys become actions,
 * views turn actions into REACT_* bits, and only this loop draws.
 */
#include "tui.h"

#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "deputy/diag.h"
#include "app.h"
#include "deputy/review.h"
#include "draw.h"
#include "editor.h"
#include "keys.h"
#include "mouse.h"
#include "prompt.h"

/* Below this width the panes stack; at or above it they sit side by side. */
#define SIDE_BY_SIDE_MIN_COLS 110
/* The smallest screen the panes fit on. */
#define MIN_COLS 30
#define MIN_ROWS 8
/* Milliseconds without a key before the selected entry's blame is computed. */
#define BLAME_IDLE_MS 60

int
view_body_height(const struct view *view)
{
	return view->height > 1 ? view->height - 1 : 0;
}

bool
view_scroll(struct view *view, enum action act, size_t len, size_t rows)
{
	size_t max_top;

	if (rows == 0)
		rows = 1;
	max_top = len > rows ? len - rows : 0;
	switch (act) {
	case ACT_MOVE_DOWN:
		view->top = view->top < max_top ? view->top + 1 : max_top;
		return true;
	case ACT_MOVE_UP:
		view->top = view->top > 0 ? view->top - 1 : 0;
		return true;
	case ACT_PAGE_DOWN:
		view->top = view->top + rows < max_top ? view->top + rows : max_top;
		return true;
	case ACT_PAGE_UP:
		view->top = view->top > rows ? view->top - rows : 0;
		return true;
	case ACT_MOVE_FIRST:
		view->top = 0;
		return true;
	case ACT_MOVE_LAST:
		view->top = max_top;
		return true;
	default:
		return false;
	}
}

void
view_draw_title(struct view *view, struct app *app, const char *title, bool focused)
{
	attr_t attr = theme_attr(app->theme, focused ? EL_TITLE_FOCUS : EL_TITLE);
	int x;

	wmove(view->win, 0, 0);
	x = draw_text(view->win, sv_from_cstr(title), view->width, attr);
	if (x < view->width)
		draw_fill(view->win, view->width - x, attr);
}

const struct blame_slot *
app_selected_blame(const struct app *app)
{
	const struct blame_slot *slot;

	if (!app->blames || app->tree.cursor >= app->tree.len)
		return NULL;
	slot = &app->blames[app->tree.cursor];
	return slot->done ? slot : NULL;
}

bool
app_blame_pending(const struct app *app)
{
	const struct node *n;

	if (!app->blames || app->tree.n_visible == 0 || !scan_is_git(app->scan))
		return false;
	n = &app->tree.nodes[app->tree.cursor];
	return n->kind != NODE_FILE && n->line > 0 && !app->blames[app->tree.cursor].done;
}

static void
compute_blame(struct app *app)
{
	struct blame_slot *slot = &app->blames[app->tree.cursor];
	const struct node *n = &app->tree.nodes[app->tree.cursor];

	memset(&slot->blame, 0, sizeof(slot->blame));
	slot->rc = scan_blame(app->scan, n->path, n->line, &slot->blame);
	slot->done = true;
}

static void
free_windows(struct app *app)
{
	for (int i = 0; i < VIEW_COUNT; i++) {
		if (app->views[i].win)
			delwin(app->views[i].win);
		app->views[i].win = NULL;
	}
	if (app->status_win)
		delwin(app->status_win);
	if (app->sep_win)
		delwin(app->sep_win);
	app->status_win = app->sep_win = NULL;
}

static void
place(struct view *view, int h, int w, int y, int x)
{
	view->height = h < 1 ? 1 : h;
	view->width = w < 1 ? 1 : w;
	view->win = newwin(view->height, view->width, y, x);
}

/* Tree above and detail below at 80x24; side by side on wide terminals. */
static int
layout(struct app *app)
{
	int rows = LINES, cols = COLS, body = rows - 1;

	free_windows(app);
	app->side_by_side = cols >= SIDE_BY_SIDE_MIN_COLS && rows >= 10;
	if (app->side_by_side) {
		int tw = cols * 2 / 5;

		if (tw > 60)
			tw = 60;
		place(&app->views[VIEW_TREE], body, tw, 0, 0);
		app->sep_win = newwin(body, 1, 0, tw);
		place(&app->views[VIEW_DETAIL], body, cols - tw - 1, 0, tw + 1);
	} else {
		int th = (body - 2) * 2 / 5 + 1;

		if (th < 2)
			th = 2;
		if (body - th < 2)
			th = body > 2 ? body - 2 : 1;
		place(&app->views[VIEW_TREE], th, cols, 0, 0);
		place(&app->views[VIEW_DETAIL], body - th, cols, th, 0);
	}
	{
		int hw = cols - 4 < 76 ? cols - 4 : 76;
		int hh = view_help_height() < rows - 2 ? view_help_height() : rows - 2;

		place(&app->views[VIEW_HELP], hh, hw, (rows - 1 - hh) / 2 > 0
		      ? (rows - 1 - hh) / 2 : 0, (cols - hw) / 2);
	}
	place(&app->views[VIEW_PAGE], body, cols, 0, 0);
	app->status_win = newwin(1, cols, rows - 1, 0);
	if (!app->status_win || !app->views[VIEW_TREE].win || !app->views[VIEW_DETAIL].win ||
	    !app->views[VIEW_HELP].win || !app->views[VIEW_PAGE].win ||
	    (app->side_by_side && !app->sep_win))
		return ERR_NOMEM;
	keypad(app->status_win, TRUE);
	return 0;
}

static void
draw_all(struct app *app)
{
	if (app->page != PAGE_NONE) {
		app->views[VIEW_PAGE].ops->draw(&app->views[VIEW_PAGE], app);
		wnoutrefresh(app->views[VIEW_PAGE].win);
	}
	for (int i = VIEW_TREE; i <= VIEW_DETAIL && app->page == PAGE_NONE; i++) {
		app->views[i].ops->draw(&app->views[i], app);
		wnoutrefresh(app->views[i].win);
	}
	if (app->sep_win && app->page == PAGE_NONE) {
		werase(app->sep_win);
		draw_vline(app->sep_win, 0, getmaxy(app->sep_win),
			   theme_attr(app->theme, EL_BORDER));
		wnoutrefresh(app->sep_win);
	}
	if (app->help_open) {
		app->views[VIEW_HELP].ops->draw(&app->views[VIEW_HELP], app);
		wnoutrefresh(app->views[VIEW_HELP].win);
	}
	status_draw(app);
	wnoutrefresh(app->status_win);
	doupdate();
}

/* t: the next built-in theme, loaded before the old one is freed. */
static int
cycle_theme(struct app *app)
{
	size_t count, next;
	const char *const *names = theme_builtin_names(&count);
	char *message = NULL;
	struct theme *theme;

	if (count == 0)
		return REACT_NONE;
	next = app->theme_index == SIZE_MAX ? 0 : (app->theme_index + 1) % count;
	theme = theme_new(names[next], &message);
	if (!theme) {
		status_set(app, true, "out of memory loading the theme %s", names[next]);
		return REACT_REDRAW;
	}
	theme_free(app->theme);
	app->theme = theme;
	app->theme_index = next;
	if (message)
		status_set(app, true, "%s", message);
	else
		status_set(app, false, "theme: %s", names[next]);
	free(message);
	clearok(curscr, TRUE);
	return REACT_REDRAW;
}

/* Offers @act to the help overlay, the focused pane, the tree, then the app. */
static int
dispatch(struct app *app, enum action act)
{
	int react = REACT_UNHANDLED;

	if (app->help_open)
		react = app->views[VIEW_HELP].ops->handle(&app->views[VIEW_HELP], app, act);
	if ((react & REACT_UNHANDLED) && app->page != PAGE_NONE)
		react = app->views[VIEW_PAGE].ops->handle(&app->views[VIEW_PAGE], app, act);
	else if ((react & REACT_UNHANDLED) && app->focus == VIEW_DETAIL)
		react = app->views[VIEW_DETAIL].ops->handle(&app->views[VIEW_DETAIL], app, act);
	if ((react & REACT_UNHANDLED) && app->page == PAGE_NONE)
		react = app->views[VIEW_TREE].ops->handle(&app->views[VIEW_TREE], app, act);
	if (!(react & REACT_UNHANDLED))
		return react;
	switch (act) {
	case ACT_SEARCH:
		return prompt_open(app);
	case ACT_VIEW_FILE:
		return file_view_open(app);
	case ACT_LESSON:
		return lesson_open(app);
	case ACT_STALE:
		return stale_open(app);
	case ACT_EDIT:
		return editor_open(app);
	case ACT_CYCLE_THEME:
		return cycle_theme(app);
	case ACT_MARK_REVIEWED:
	case ACT_ACCEPT:
	case ACT_UNMARK:
	case ACT_SKIP_REVIEWED:
		return review_ui_action(app, act);
	case ACT_CLOSE:
		if (app->search.text[0]) {
			app->search.text[0] = '\0';
			app->search.len = 0;
			status_set(app, false, "search dropped");
		} else {
			status_set(app, false, "nothing to close (q leaves deputy)");
		}
		return REACT_REDRAW;
	case ACT_QUIT:
		return REACT_QUIT;
	case ACT_HELP:
		app->help_open = true;
		app->views[VIEW_HELP].top = 0;
		return REACT_REDRAW;
	case ACT_FOCUS_NEXT:
		app->focus = app->focus == VIEW_TREE ? VIEW_DETAIL : VIEW_TREE;
		status_set(app, false, app->focus == VIEW_TREE ? "focus: tree"
			   : "focus: detail (j/k/PgUp/PgDn scroll it; Tab returns)");
		return REACT_REDRAW;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		return REACT_LAYOUT | REACT_REDRAW;
	default:
		status_set(app, false, "%s: not available here", action_name(act));
		return REACT_REDRAW;
	}
}

static void
select_entry(struct app *app)
{
	for (int i = 0; i < VIEW_COUNT; i++)
		if (app->views[i].ops->select)
			app->views[i].ops->select(&app->views[i], app);
}

/*
 * Below MIN_COLS x MIN_ROWS the panes cannot be laid out: say so and wait
 * for a resize (or q). Returns REACT_QUIT or REACT_LAYOUT once it fits.
 */
static int
wait_for_room(struct app *app)
{
	free_windows(app);
	for (;;) {
		int key;

		if (LINES >= MIN_ROWS && COLS >= MIN_COLS)
			return REACT_LAYOUT | REACT_REDRAW;
		erase();
		move(0, 0);
		draw_cstr(stdscr, "deputy: the terminal is too small (q quits)", COLS, A_BOLD);
		refresh();
		key = getch();
		if (key != KEY_RESIZE && keys_lookup(key) == ACT_QUIT)
			return REACT_QUIT;
	}
}

/* Lays the open page out again for a new width, where it was scrolled to. */
static void
relayout_page(struct app *app)
{
	size_t top = app->views[VIEW_PAGE].top;
	enum page_kind kind = app->page;

	if (kind == PAGE_INTRO)
		intro_open(app);
	else if (kind == PAGE_LESSON)
		lesson_open(app);
	else if (kind == PAGE_FILE)
		file_view_open(app);
	else if (kind == PAGE_STALE)
		stale_open(app);
	else
		return;
	app->page = kind;
	app->views[VIEW_PAGE].top = top;
}

static int
loop(struct app *app)
{
	int react = REACT_LAYOUT | REACT_SELECT | REACT_REDRAW;

	for (;;) {
		int key, rc;
		enum action act;

		if ((react & REACT_LAYOUT) && (LINES < MIN_ROWS || COLS < MIN_COLS)) {
			if (wait_for_room(app) & REACT_QUIT)
				return 0;
			clearok(curscr, TRUE);
		}
		if (react & REACT_LAYOUT) {
			if ((rc = layout(app)) < 0)
				return rc;
			react |= REACT_SELECT;
			relayout_page(app);
		}
		if (react & REACT_SELECT)
			select_entry(app);
		draw_all(app);
		/* Blame is slow: look it up only once the keys stop coming. */
		wtimeout(app->status_win, app_blame_pending(app) ? BLAME_IDLE_MS : -1);
		key = wgetch(app->status_win);
		if (key == ERR) {
			if (app_blame_pending(app)) {
				size_t top = app->views[VIEW_DETAIL].top;

				compute_blame(app);
				select_entry(app);
				app->views[VIEW_DETAIL].top = top;
			}
			react = REACT_REDRAW;
			continue;
		}
		if (key == KEY_RESIZE) {
			react = REACT_LAYOUT | REACT_REDRAW;
			continue;
		}
		status_clear(app);
		/* u asks again before stale decisions go; any other key says no */
		if (key == KEY_MOUSE ||
		    keys_lookup_with(app->opts.keys, app->opts.n_keys, key) != ACT_UNMARK)
			app->stale_armed = false;
		if (key == KEY_MOUSE) {
			react = mouse_event(app);
			continue;
		}
		if (app->page == PAGE_INTRO) {
			/*
			 * Any key closes the introduction. The keys it names for what
			 * is at the cursor (l, v), for help and for leaving also do
			 * that; others (n, j, Space) do nothing more, so the cursor
			 * stays on the first flagged entry the text points at.
			 */
			app->page = PAGE_NONE;
			react = REACT_REDRAW | REACT_SELECT;
			act = keys_lookup_with(app->opts.keys, app->opts.n_keys, key);
			if (act != ACT_QUIT && act != ACT_HELP && act != ACT_LESSON &&
			    act != ACT_VIEW_FILE)
				continue;
			select_entry(app);
			react |= dispatch(app, act);
			if (react & REACT_QUIT)
				return 0;
			continue;
		}
		if (app->search.editing) {
			react = prompt_key(app, key);
			continue;
		}
		if (app->reason.editing) {
			react = review_ui_key(app, key);
			continue;
		}
		act = keys_lookup_with(app->opts.keys, app->opts.n_keys, key);
		if (act == ACT_NONE) {
			char name[24];

			status_set(app, false, "no action for %s; ? lists the keys",
				   keys_name(key, name, sizeof(name)));
			react = REACT_REDRAW;
			continue;
		}
		react = dispatch(app, act);
		if (react & REACT_QUIT)
			return 0;
	}
}

static void
app_release(struct app *app)
{
	free_windows(app);
	for (size_t i = 0; app->blames && i < app->tree.len; i++)
		if (app->blames[i].done)
			blame_release(&app->blames[i].blame);
	free(app->blames);
	detail_release(&app->detail);
	detail_release(&app->page_text);
	tree_release(&app->tree);
	theme_free(app->theme);
	review_free(app->review);
}

/* Where @name is among the built-in themes (NULL: "default"); SIZE_MAX when not. */
static size_t
builtin_theme_index(const char *name)
{
	size_t count;
	const char *const *names = theme_builtin_names(&count);

	for (size_t i = 0; i < count; i++)
		if (!strcmp(names[i], name ? name : "default"))
			return i;
	return SIZE_MAX;
}

/* The terminal set up as the audit screen wants it; NULL when it cannot be. */
SCREEN *
tui_screen_start(void)
{
	SCREEN *screen;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return NULL;
	setlocale(LC_ALL, "");
	screen = newterm(NULL, stdout, stdin);
	if (!screen)
		return NULL;
	set_term(screen);
	cbreak();
	noecho();
	nonl();
	curs_set(0);
	set_escdelay(25);
	keypad(stdscr, TRUE);
	return screen;
}

void
tui_screen_end(SCREEN *screen)
{
	endwin();
	delscreen(screen);
}

int
tui_run(const struct scan *scan, const struct tui_opts *opts)
{
	return tui_run_on(NULL, scan, opts);
}

int
tui_run_on(SCREEN *screen, const struct scan *scan, const struct tui_opts *opts)
{
	struct app app = { 0 };
	char *theme_message = NULL;
	int rc;

	if (!screen && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)))
		return ERR_IO;
	setlocale(LC_ALL, "");
	app.scan = scan;
	if (opts)
		app.opts = *opts;
	draw_set_ascii(opts && opts->ascii);
	if ((rc = tree_init(&app.tree, scan)) < 0)
		return rc;
	if (opts) {         /* the configuration file's filters, before the first screen */
		app.tree.min_severity = opts->min_severity;
		app.tree.eco = (enum tree_eco)opts->ecosystem;
		app.tree.flagged_only = opts->flagged_only;
		tree_refresh(&app.tree);
	}
	app.blames = calloc(app.tree.len ? app.tree.len : 1, sizeof(*app.blames));
	detail_init(&app.detail);
	detail_init(&app.page_text);
	if (!app.blames) {
		app_release(&app);
		return ERR_NOMEM;
	}
	if (!screen && !(screen = tui_screen_start())) {
		app_release(&app);
		return ERR_IO;
	}
	app.theme = theme_new(opts ? opts->theme : NULL, &theme_message);
	app.views[VIEW_TREE].ops = &view_tree_ops;
	app.views[VIEW_DETAIL].ops = &view_detail_ops;
	app.views[VIEW_HELP].ops = &view_help_ops;
	app.views[VIEW_PAGE].ops = &view_page_ops;
	app.focus = VIEW_TREE;
	app.theme_index = builtin_theme_index(opts ? opts->theme : NULL);
	mouse_start();
	if (app.opts.demo)
		intro_open(&app);
	review_ui_start(&app);
	if (theme_message)
		status_set(&app, true, "%s", theme_message);
	free(theme_message);
	rc = app.theme ? loop(&app) : ERR_NOMEM;
	for (int i = 0; i < VIEW_COUNT; i++)
		if (app.views[i].ops && app.views[i].ops->free)
			app.views[i].ops->free(&app.views[i]);
	app_release(&app);
	tui_screen_end(screen);
	return rc;
}
