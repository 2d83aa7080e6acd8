/*
 * The audit screen's state, all of it: the only mutable data deputy keeps
 * outside a scan lives in one struct app, owned by tui_run().
 */
#ifndef DEPUTY_TUI_APP_H
#define DEPUTY_TUI_APP_H

#include <stdbool.h>
#include <stddef.h>

#include <curses.h>

#include "deputy/scan.h"
#include "action.h"
#include "detail.h"
#include "theme.h"
#include "tree.h"
#include "tui.h"

struct app;
struct view;

/* A screen region and what it does; a new screen is one file and one ops table. */
struct view_ops {
	const char *name;
	/* Draws the whole view into view->win (no refresh). */
	void (*draw)(struct view *view, struct app *app);
	/* Handles @act; returns REACT_* bits, REACT_UNHANDLED to pass it on. */
	int (*handle)(struct view *view, struct app *app, enum action act);
	/* The selected tree entry changed (may be NULL). */
	void (*select)(struct view *view, struct app *app);
	/* Releases what the view owns besides its window (may be NULL). */
	void (*free)(struct view *view);
};

struct view {
	const struct view_ops *ops;
	WINDOW *win;       /* title row, then the body; NULL when hidden */
	int height, width; /* of win */
	size_t top;        /* first body row shown */
};

enum view_id {
	VIEW_TREE,
	VIEW_DETAIL,
	VIEW_HELP,
	VIEW_COUNT,
};

extern const struct view_ops view_tree_ops;
extern const struct view_ops view_detail_ops;
extern const struct view_ops view_help_ops;
/* Rows the help overlay wants, border included. */
int view_help_height(void);

/* A blame computed for one tree node, kept until the screen closes. */
struct blame_slot {
	bool done;
	int rc;
	struct blame blame;
};

struct app {
	const struct scan *scan;
	struct tui_opts opts;
	struct theme *theme;
	struct tree tree;
	struct detail detail;
	struct blame_slot *blames;   /* one per tree node */
	struct view views[VIEW_COUNT];
	enum view_id focus;          /* VIEW_TREE or VIEW_DETAIL */
	bool help_open;
	bool side_by_side;           /* tree left, detail right; else tree above */
	WINDOW *status_win;
	WINDOW *sep_win;             /* the column between panes when side by side */
	char message[320];           /* shown on the status line until the next key */
	bool message_is_error;
};

/* Body rows of @view (its window minus the title row). */
int view_body_height(const struct view *view);
/* Draws the title row of @view: @title (repository text allowed), focus shown. */
void view_draw_title(struct view *view, struct app *app, const char *title, bool focused);

/* The blame of the selected entry if computed, else NULL (see app_blame_pending()). */
const struct blame_slot *app_selected_blame(const struct app *app);
/* True when the selected entry has a line whose blame is not computed yet. */
bool app_blame_pending(const struct app *app);

/* The status line (status.c). */
void status_set(struct app *app, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void status_clear(struct app *app);
void status_draw(struct app *app);

#endif
