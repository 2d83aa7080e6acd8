/*
 * The full-screen page over the panes: the file view, a lesson or the demo's
 * introduction, built as detail lines by their own files and scrolled here.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "draw.h"

void
page_show(struct app *app, enum page_kind kind, size_t top)
{
	app->page = kind;
	app->views[VIEW_PAGE].top = top;   /* page_draw() keeps it in range */
	app->help_open = false;
}

static void
page_draw(struct view *view, struct app *app)
{
	const struct detail *d = &app->page_text;
	int rows = view_body_height(view);

	if (d->len <= (size_t)rows)
		view->top = 0;
	else if (view->top > d->len - (size_t)rows)
		view->top = d->len - (size_t)rows;
	werase(view->win);
	wmove(view->win, 0, 0);
	view_draw_title(view, app, d->title ? d->title : "", true);
	for (int r = 0; r < rows && view->top + (size_t)r < d->len; r++) {
		const struct detail_line *line = &d->lines[view->top + (size_t)r];
		int x = 0;

		wmove(view->win, r + 1, 0);
		for (size_t s = 0; s < line->n_segs && x < view->width; s++)
			x += draw_text(view->win, line->segs[s].text, view->width - x,
				       theme_attr(app->theme, line->segs[s].el));
	}
	if (d->len > (size_t)rows && rows > 0) {
		char more[32];

		snprintf(more, sizeof(more), " %zu%% ",
			 (size_t)((view->top + (size_t)rows) * 100 / d->len));
		wmove(view->win, 0, view->width - (int)strlen(more));
		draw_cstr(view->win, more, (int)strlen(more),
			  theme_attr(app->theme, EL_TITLE_FOCUS));
	}
}

/* The page the key of @act opens (l, v, S). */
static enum page_kind
page_opened_by(enum action act)
{
	return act == ACT_LESSON ? PAGE_LESSON : act == ACT_VIEW_FILE ? PAGE_FILE : PAGE_STALE;
}

static int
page_handle(struct view *view, struct app *app, enum action act)
{
	size_t rows = (size_t)(view_body_height(view) > 0 ? view_body_height(view) : 1);

	/* Space and Enter turn the page, as in a pager */
	if (view_scroll(view, act == ACT_TOGGLE_FOLD ? ACT_PAGE_DOWN : act, app->page_text.len, rows))
		return REACT_REDRAW;
	switch (act) {
	case ACT_QUIT:
	case ACT_CLOSE:
		app->page = PAGE_NONE;
		return REACT_REDRAW;
	case ACT_LESSON:
	case ACT_VIEW_FILE:
	case ACT_STALE:
		if (app->page != page_opened_by(act))
			return REACT_UNHANDLED;   /* another page's key: it opens that one */
		app->page = PAGE_NONE;            /* the key that opened the page closes it */
		return REACT_REDRAW;
	case ACT_UNMARK:
		if (app->page == PAGE_STALE)
			return stale_remove(app);
		break;
	case ACT_EDIT:
	case ACT_HELP:
	case ACT_REDRAW:
	case ACT_CYCLE_THEME:
		return REACT_UNHANDLED;
	default:
		break;
	}
	status_set(app, false, "%s is not available here; q or Esc closes this view",
		   action_name(act));
	return REACT_REDRAW;
}

const struct view_ops view_page_ops = {
	.name = "page",
	.draw = page_draw,
	.handle = page_handle,
	.select = NULL,
	.free = NULL,
};
