/*
 * draw_text(): escape with core/base/escape.c, measure with wcwidth, draw
 * whole characters only, end with an ellipsis when the text does not fit.
 */
#include "draw.h"

#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "deputy/escape.h"
#include "deputy/utf8.h"

bool
draw_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return MB_CUR_MAX > 1 && cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8"));
}

const char *
draw_ellipsis(void)
{
	return draw_utf8() ? "\xe2\x80\xa6" : "~";
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

struct sv
draw_keep_tail(struct sv text, int width)
{
	while (text.len > 0 && draw_width(text) > width) {
		uint32_t cp;
		size_t n = utf8_decode(text.ptr, text.len, &cp);

		text = sv_tail(text, n ? n : 1);
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

		/* Leave one column for the ellipsis when the whole text will not fit. */
		if (total > width && used + g.width > width - 1) {
			struct sv e = sv_from_cstr(draw_ellipsis());

			put_glyph(win, glyph_at(e, 0));
			used++;
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
