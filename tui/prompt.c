/*
 * The search prompt on the status line: `/` opens it, each key typed moves
 * the cursor to the first match at or after where the search began, Enter
 * keeps the query for Ctrl-N/Ctrl-P, Esc drops it and puts the cursor back.
 * Keys typed here are text, not actions.
 */
#include <string.h>

#include "deputy/diag.h"
#include "app.h"
#include "prompt.h"

int
prompt_open(struct app *app)
{
	struct search *s = &app->search;

	memcpy(s->saved, s->text, sizeof(s->saved));
	s->text[0] = '\0';
	s->len = 0;
	s->editing = true;
	s->no_match = false;
	s->origin = app->tree.cursor;
	return REACT_REDRAW;
}

/* Moves to the first match at or after the origin; the origin when none. */
static int
research(struct app *app)
{
	struct search *s = &app->search;
	int rc;

	if (s->len == 0) {
		s->no_match = false;
		app->tree.cursor = s->origin;
		tree_refresh(&app->tree);
		return REACT_REDRAW | REACT_SELECT;
	}
	rc = search_step(&app->tree, app->scan, s->text, s->origin, true, true);
	s->no_match = rc == ERR_NOTFOUND;
	return REACT_REDRAW | REACT_SELECT;
}

/* Drops the last character (a whole UTF-8 sequence). */
static void
drop_last(struct search *s)
{
	while (s->len > 0 && ((unsigned char)s->text[s->len - 1] & 0xc0) == 0x80)
		s->len--;
	if (s->len > 0)
		s->len--;
	s->text[s->len] = '\0';
}

int
prompt_key(struct app *app, int key)
{
	struct search *s = &app->search;

	switch (key) {
	case 27:   /* Esc */
		memcpy(s->text, s->saved, sizeof(s->text));
		s->len = strlen(s->text);
		s->editing = false;
		s->no_match = false;
		app->tree.cursor = s->origin;
		tree_refresh(&app->tree);
		status_set(app, false, "search cancelled");
		return REACT_REDRAW | REACT_SELECT;
	case '\r':
	case '\n':
	case KEY_ENTER:
		s->editing = false;
		if (s->len == 0)
			status_set(app, false, "search cleared");
		else if (s->no_match)
			status_set(app, false, "no match for the search (Esc on / drops it)");
		else
			status_set(app, false, "Ctrl-N / Ctrl-P: next / previous match");
		return REACT_REDRAW;
	case KEY_BACKSPACE:
	case 127:
	case 8:
		if (s->len == 0) {
			s->editing = false;
			status_set(app, false, "search cleared");
			return REACT_REDRAW;
		}
		drop_last(s);
		return research(app);
	case 0x0e:   /* Ctrl-N */
	case 0x10:   /* Ctrl-P */
		if (s->len > 0 && search_step(&app->tree, app->scan, s->text, app->tree.cursor,
					      key == 0x0e, false) >= 0)
			s->origin = app->tree.cursor;
		return REACT_REDRAW | REACT_SELECT;
	default:
		if (key < 0x20 || key == 0x7f || key > 0xff || s->len + 1 >= sizeof(s->text))
			return REACT_NONE;
		s->text[s->len++] = (char)key;
		s->text[s->len] = '\0';
		return research(app);
	}
}
