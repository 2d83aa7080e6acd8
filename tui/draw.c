/*
 * draw_text(): escape with core/base/escape.c, measure with wcwidth, draw
 * whole characters only, end with an ellipsis when the text does not fit.
 */
#include "draw.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "deputy/escape.h"
#include "deputy/utf8.h"
#include "output.h"

/* Set by --ascii: one process-wide choice, like the locale it overrides. */
static bool force_ascii;

void
draw_set_ascii(bool ascii)
{
	force_ascii = ascii;
}

bool
draw_utf8(void)
{
	return !force_ascii && !output_ascii();
}

const struct draw_glyphs *
draw_glyphs(void)
{
	static const struct draw_glyphs unicode = {
		true, "\xe2\x80\xa6", 1, "\xe2\x96\xbe", "\xe2\x96\xb8", "\xe2\x86\x92",
	};
	static const struct draw_glyphs ascii = {
		false, "...", 3, "-", "+", "->",
	};

	return draw_utf8() ? &unicode : &ascii;
}

const char *
draw_ellipsis(void)
{
	return draw_glyphs()->ellipsis;
}

/* A cchar_t of code point @cp; Unicode line drawing is drawn as text, not with
 * the alternate character set, which tmux and some UTF-8 terminals mishandle. */
static cchar_t
line_char(wchar_t cp, attr_t attr)
{
	wchar_t wc[2] = { cp, L'\0' };
	cchar_t cc;

	setcchar(&cc, wc, attr, PAIR_NUMBER(attr), NULL);
	return cc;
}

void
draw_vline(WINDOW *win, int x, int rows, attr_t attr)
{
	cchar_t cc = line_char(draw_utf8() ? 0x2502 : L'|', attr);

	mvwvline_set(win, 0, x, &cc, rows);
}

void
draw_box(WINDOW *win, attr_t attr)
{
	bool u = draw_utf8();
	cchar_t v = line_char(u ? 0x2502 : L'|', attr), h = line_char(u ? 0x2500 : L'-', attr);
	cchar_t tl = line_char(u ? 0x250c : L'+', attr), tr = line_char(u ? 0x2510 : L'+', attr);
	cchar_t bl = line_char(u ? 0x2514 : L'+', attr), br = line_char(u ? 0x2518 : L'+', attr);

	wborder_set(win, &v, &v, &h, &h, &tl, &tr, &bl, &br);
}

/*
 * One character of escaped text: its code point, byte length and columns.
 * A character the locale cannot show counts as one column and is drawn as
 * '?' (escaped text is valid UTF-8, so only the locale can refuse it).
 */
struct glyph {
	uint32_t cp;
	size_t len;
	int width;
};

static struct glyph
glyph_at(struct sv s, size_t i)
{
	struct glyph g = { '?', 1, 1 };
	size_t n = utf8_decode(s.ptr + i, s.len - i, &g.cp);

	if (n == 0) {
		g.cp = '?';
		return g;
	}
	g.len = n;
	g.width = g.cp < 0x80 ? 1 : wcwidth((wchar_t)g.cp);
	if (g.width < 0 || (g.cp >= 0x80 && !draw_utf8())) {
		g.cp = '?';
		g.width = 1;
	}
	return g;
}

int
draw_escape(struct strbuf *out, struct sv text)
{
	return escape_text(out, text, false);
}

static int
width_of_escaped(struct sv s)
{
	int w = 0;

	for (size_t i = 0; i < s.len;) {
		struct glyph g = glyph_at(s, i);

		w += g.width;
		i += g.len;
	}
	return w;
}

int
draw_width(struct sv text)
{
	struct strbuf sb = STRBUF_INIT;
	int w;

	draw_escape(&sb, text);
	w = width_of_escaped(strbuf_sv(&sb));
	strbuf_release(&sb);
	return w;
}

/*
 * escape_text() replaces each decoding step (one code point, or one byte that
 * does not decode) on its own, so the width of the text is the sum of its
 * steps' widths: the whole is measured once and each dropped step subtracted
 * (measuring the rest again at every step was quadratic in the length).
 */
struct sv
draw_keep_tail(struct sv text, int width)
{
	int total = draw_width(text);

	while (text.len > 0 && total > width) {
		uint32_t cp;
		size_t n = utf8_decode(text.ptr, text.len, &cp);

		if (n == 0)
			n = 1;
		total -= draw_width(sv_make(text.ptr, n));
		text = sv_tail(text, n);
	}
	return text;
}

static void
put_glyph(WINDOW *win, struct glyph g)
{
	wchar_t wc = (wchar_t)g.cp;

	waddnwstr(win, &wc, 1);
}

int
draw_text(WINDOW *win, struct sv text, int width, attr_t attr)
{
	struct strbuf sb = STRBUF_INIT;
	const struct draw_glyphs *ell = draw_glyphs();
	struct sv s;
	int used = 0, total;

	if (width <= 0 || text.len == 0)
		return 0;
	if (draw_escape(&sb, text) < 0) {
		strbuf_release(&sb);
		return 0;
	}
	s = strbuf_sv(&sb);
	total = width_of_escaped(s);
	wattrset(win, attr);
	for (size_t i = 0; i < s.len;) {
		struct glyph g = glyph_at(s, i);

		/* Leave room for the ellipsis when the whole text will not fit. */
		if (total > width && width >= ell->ellipsis_width &&
		    used + g.width > width - ell->ellipsis_width) {
			waddstr(win, ell->ellipsis);
			used += ell->ellipsis_width;
			break;
		}
		if (used + g.width > width)
			break;
		put_glyph(win, g);
		used += g.width;
		i += g.len;
	}
	wattrset(win, A_NORMAL);
	strbuf_release(&sb);
	return used;
}

int
draw_cstr(WINDOW *win, const char *text, int width, attr_t attr)
{
	return draw_text(win, sv_from_cstr(text), width, attr);
}

void
draw_fill(WINDOW *win, int width, attr_t attr)
{
	wattrset(win, attr);
	for (int i = 0; i < width; i++)
		waddch(win, ' ');
	wattrset(win, A_NORMAL);
}

struct sv
draw_wrap_next(struct sv *rest, int width)
{
	struct sv s = *rest, head;
	size_t i = 0, last_space = SV_NPOS;
	int used = 0;

	if (width < 1)
		width = 1;
	while (i < s.len) {
		struct glyph g = glyph_at(s, i);

		if (s.ptr[i] == ' ')
			last_space = i;
		if (used + g.width > width)
			break;
		used += g.width;
		i += g.len;
	}
	if (i < s.len && last_space != SV_NPOS && last_space > 0)
		i = last_space;
	if (i == 0 && s.len > 0)
		i = glyph_at(s, 0).len;   /* a character wider than the pane */
	head = sv_make(s.ptr, i);
	head = sv_trim_right(head);
	while (i < s.len && s.ptr[i] == ' ')
		i++;
	*rest = sv_tail(s, i);
	return head;
}
