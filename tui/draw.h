/*
 * The one road from text to the screen. Repository text (names, paths, raw
 * lines, messages, author names, diagnostics) is only ever drawn by
 * draw_text(), which escapes it with escape_text() first.
 */
#ifndef DEPUTY_TUI_DRAW_H
#define DEPUTY_TUI_DRAW_H

#include <stdbool.h>

#include <curses.h>

#include "deputy/strbuf.h"
#include "deputy/sv.h"

/*
 * Draws @text at the cursor of @win with @attr in at most @width columns.
 * Control bytes, invalid UTF-8 and invisible format characters show as
 * visible escapes; a wide character is never split; text that does not fit
 * ends with an ellipsis. Returns the columns used.
 */
int draw_text(WINDOW *win, struct sv text, int width, attr_t attr);
/* The same for a C string (NULL draws nothing). */
int draw_cstr(WINDOW *win, const char *text, int width, attr_t attr);
/* Fills the rest of the line (@width columns) with blanks in @attr. */
void draw_fill(WINDOW *win, int width, attr_t attr);

/* Columns draw_text() needs for @text, unlimited. */
int draw_width(struct sv text);

/*
 * The longest tail of @text (whole characters) whose escaped form fits
 * @width columns: for paths and lines whose end matters more than their start.
 */
struct sv draw_keep_tail(struct sv text, int width);

/* Appends the escaped form of @text to @out (as draw_text() would show it). */
int draw_escape(struct strbuf *out, struct sv text);

/*
 * Word wrapping over already escaped text: cuts from *@rest the longest head
 * that fits @width columns (breaking after a space when it can, never inside
 * a character) and returns it; *@rest keeps the remainder, leading spaces
 * dropped. Returns an empty view when *@rest is empty.
 */
struct sv draw_wrap_next(struct sv *rest, int width);

/*
 * The characters the UI draws of its own (not repository text): Unicode in a
 * UTF-8 locale, ASCII in any other locale or after draw_set_ascii(true).
 * This is the one place that decides; strings are static.
 */
struct draw_glyphs {
	bool utf8;               /* Unicode glyphs (false: ASCII only) */
	const char *ellipsis;    /* "…" or "..." */
	int ellipsis_width;      /* its columns */
	const char *fold_open;   /* "▾" or "-" */
	const char *fold_closed; /* "▸" or "+" */
	const char *arrow;       /* "→" or "->" */
};
const struct draw_glyphs *draw_glyphs(void);

/*
 * --ascii: ASCII line drawing and no character above 0x7f on the screen (a
 * repository's non-ASCII characters show as '?', as in a non-UTF-8 locale).
 * Set once at start-up, before the screen is drawn.
 */
void draw_set_ascii(bool ascii);

/* draw_glyphs()->ellipsis. */
const char *draw_ellipsis(void);
/* True when the locale can show UTF-8 line drawing and arrows, and --ascii is off. */
bool draw_utf8(void);

/* A vertical line of @rows in column @x of @win, from its top, in @attr. */
void draw_vline(WINDOW *win, int x, int rows, attr_t attr);
/* A frame around @win in @attr. */
void draw_box(WINDOW *win, attr_t attr);

#endif
