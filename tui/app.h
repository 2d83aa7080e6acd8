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
#include "review_ui.h"
#include "search.h"
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
	VIEW_PAGE,         /* the full-screen page: file, lesson or introduction */
	VIEW_COUNT,
};

/* What the full-screen page shows, if anything. */
enum page_kind {
	PAGE_NONE,
	PAGE_FILE,         /* v: the declaring file, the line marked (view_file.c) */
	PAGE_LESSON,       /* l: the lesson of the row's rules (view_lesson.c) */
	PAGE_INTRO,        /* deputy --demo: the keys, shown first (view_intro.c) */
	PAGE_STALE,        /* S: the review file's stale decisions (view_stale.c) */
};

extern const struct view_ops view_tree_ops;
extern const struct view_ops view_detail_ops;
extern const struct view_ops view_help_ops;
extern const struct view_ops view_page_ops;
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
	struct search search;
	struct review *review;       /* the review file's decisions; NULL when unreadable */
	struct reason_prompt reason; /* the reason typed after `a` */
	struct review_counts review_counts;
	enum page_kind page;         /* the full-screen page open over the panes */
	struct detail page_text;     /* its lines */
	const char *page_path;       /* PAGE_FILE: the file shown (borrowed from the scan) */
	unsigned page_line;          /* PAGE_FILE: the marked line, 0 when none */
	bool stale_armed;            /* PAGE_STALE: u asked to confirm; any other key clears it */
	size_t theme_index;          /* in theme_builtin_names(); SIZE_MAX: another theme */
};

/* Setting up and giving back the terminal; tui_run_on() ends a screen it is given. */
SCREEN *tui_screen_start(void);
void tui_screen_end(SCREEN *screen);
int tui_run_on(SCREEN *screen, const struct scan *scan, const struct tui_opts *opts);

/* Body rows of @view (its window minus the title row). */
int view_body_height(const struct view *view);
/*
 * Scrolls @view->top over @len lines shown @rows at a time for the moving
 * actions (line, page, first, last); true when @act is one of them.
 */
bool view_scroll(struct view *view, enum action act, size_t len, size_t rows);
/* Draws the title row of @view: @title (repository text allowed), focus shown. */
void view_draw_title(struct view *view, struct app *app, const char *title, bool focused);

/* The blame of the selected entry if computed, else NULL (see app_blame_pending()). */
const struct blame_slot *app_selected_blame(const struct app *app);
/* True when the selected entry has a line whose blame is not computed yet. */
bool app_blame_pending(const struct app *app);

/* Shows the page already built in app->page_text, its first body row at @top. */
void page_show(struct app *app, enum page_kind kind, size_t top);
/* Builds and shows the file view of the selected row; REACT_* bits. */
int file_view_open(struct app *app);
/* Builds and shows the lesson of the selected row's rules; REACT_* bits. */
int lesson_open(struct app *app);
/* Builds and shows the --demo introduction, cursor on the first flagged entry. */
void intro_open(struct app *app);
/* Builds and shows the stale review decisions (a message when none); REACT_* bits. */
int stale_open(struct app *app);
/* u on that page: asks first, removes them the second time; REACT_* bits. */
int stale_remove(struct app *app);

/* The status line (status.c). */
void status_set(struct app *app, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void status_clear(struct app *app);
void status_draw(struct app *app);

#endif
