/*
 * The help overlay: every action with its keys, generated from the ACTIONS
 * table and the key table so that it cannot drift from the code.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "draw.h"
#include "keys.h"

#define HELP_KEYS_WIDTH 24

/* The keys bound to @act, e.g. "j, Down". */
static void
keys_of(enum action act, char *buf, size_t size)
{
	size_t count, len = 0;
	const struct binding *table = keys_table(&count);

	buf[0] = '\0';
	for (size_t i = 0; i < count; i++) {
		char name[24];
		bool dup = false;

		if (table[i].action != act)
			continue;
		keys_name(table[i].key, name, sizeof(name));
		for (size_t j = 0; j < i; j++) {
			char other[24];

			if (table[j].action == act &&
			    !strcmp(keys_name(table[j].key, other, sizeof(other)), name))
				dup = true;
		}
		if (dup)
			continue;
		len += (size_t)snprintf(buf + len, size > len ? size - len : 0, "%s%s",
					len ? ", " : "", name);
	}
}

static int
help_lines(void)
{
	return ACT_COUNT + 4;
}

static void
help_draw(struct view *view, struct app *app)
{
	attr_t text = theme_attr(app->theme, EL_HELP);
	attr_t key = theme_attr(app->theme, EL_HELP_KEY);
	int rows = view->height - 2;
	int line = 0;

	werase(view->win);
	draw_box(view->win, theme_attr(app->theme, EL_BORDER));
	wmove(view->win, 0, 2);
	draw_cstr(view->win, " Keys: Esc, ? or q closes this help ", view->width - 4,
		  theme_attr(app->theme, EL_TITLE));
	for (int i = -2; i < ACT_COUNT + 2 && line < rows; i++) {
		char keys[96];

		if ((size_t)(i + 2) < view->top)
			continue;
		wmove(view->win, 1 + line++, 2);
		if (i == -2) {
			draw_cstr(view->win, "Key", HELP_KEYS_WIDTH, key);
			wmove(view->win, line, 2 + HELP_KEYS_WIDTH);
			draw_cstr(view->win, "Action", view->width - HELP_KEYS_WIDTH - 4, key);
			continue;
		}
		if (i == -1 || i == ACT_COUNT)
			continue;
		if (i == ACT_COUNT + 1) {
			draw_cstr(view->win, "Tab moves j/k/PgUp/PgDn/g/G into the detail pane.",
				  view->width - 4, text);
			continue;
		}
		keys_of((enum action)i, keys, sizeof(keys));
		draw_cstr(view->win, keys, HELP_KEYS_WIDTH - 1, key);
		wmove(view->win, line, 2 + HELP_KEYS_WIDTH);
		draw_cstr(view->win, action_help((enum action)i), view->width - HELP_KEYS_WIDTH - 4,
			  text);
	}
}

static int
help_handle(struct view *view, struct app *app, enum action act)
{
	size_t rows = (size_t)(view->height > 2 ? view->height - 2 : 1);

	if (view_scroll(view, act, (size_t)help_lines(), rows))
		return REACT_REDRAW;
	switch (act) {
	case ACT_QUIT:
	case ACT_HELP:
	case ACT_CLOSE:
		app->help_open = false;
		return REACT_REDRAW;
	case ACT_REDRAW:
		return REACT_UNHANDLED;
	default:
		status_set(app, false, "%s is not available in help; Esc, ? or q closes it",
			   action_name(act));
		return REACT_REDRAW;
	}
}

/* Rows the overlay wants: every action, a header, a note and the border. */
int
view_help_height(void)
{
	return help_lines() + 2;
}

const struct view_ops view_help_ops = {
	.name = "help",
	.draw = help_draw,
	.handle = help_handle,
	.select = NULL,
	.free = NULL,
};
