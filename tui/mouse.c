/*
 * Mouse events become the same moves as keys: a click on a tree row selects
 * it, a click in the detail pane focuses it, the wheel sends three lines of
 * move-up or move-down to the pane under the pointer (or the open page).
 */
#include "mouse.h"

#include "app.h"

#define WHEEL_LINES 3

void
mouse_start(void)
{
	mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(0);   /* a press is a click: no waiting for a release */
}

static bool
inside(const struct view *view, int y, int x)
{
	return view->win && wenclose(view->win, y, x);
}

static int
wheel(struct app *app, struct view *view, bool down)
{
	int react = REACT_NONE;

	for (int i = 0; i < WHEEL_LINES; i++)
		react |= view->ops->handle(view, app, down ? ACT_MOVE_DOWN : ACT_MOVE_UP);
	status_clear(app);   /* "end of the detail" would flicker on every notch */
	return (react & ~REACT_UNHANDLED) | REACT_REDRAW;
}

static int
click_tree(struct app *app, struct view *view, int y)
{
	int row = y - getbegy(view->win) - 1;   /* the first row is the title */
	size_t at = view->top + (size_t)row;

	app->focus = VIEW_TREE;
	if (row < 0 || at >= app->tree.n_visible)
		return REACT_REDRAW;
	app->tree.cursor = app->tree.visible[at];
	return REACT_REDRAW | REACT_SELECT;
}

int
mouse_event(struct app *app)
{
	MEVENT ev;
	bool down;
	struct view *tree = &app->views[VIEW_TREE], *detail = &app->views[VIEW_DETAIL];

	if (getmouse(&ev) != OK || app->help_open || app->search.editing)
		return REACT_NONE;
	if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		down = (ev.bstate & BUTTON5_PRESSED) != 0;
		if (app->page != PAGE_NONE)
			return wheel(app, &app->views[VIEW_PAGE], down);
		if (inside(detail, ev.y, ev.x))
			return wheel(app, detail, down);
		if (inside(tree, ev.y, ev.x))
			return wheel(app, tree, down);
		return REACT_NONE;
	}
	if (!(ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
		return REACT_NONE;
	if (app->page == PAGE_INTRO) {
		app->page = PAGE_NONE;
		return REACT_REDRAW | REACT_SELECT;
	}
	if (app->page != PAGE_NONE)
		return REACT_NONE;
	if (inside(tree, ev.y, ev.x))
		return click_tree(app, tree, ev.y);
	if (inside(detail, ev.y, ev.x)) {
		app->focus = VIEW_DETAIL;
		return REACT_REDRAW;
	}
	return REACT_NONE;
}
