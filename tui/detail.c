/*
 * Lines for the detail pane. Text is escaped as it is added (draw_escape, the
 * same escaping draw_text() applies), so wrapping measures what will be seen.
 */
#include "detail.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deputy/array.h"
#include "draw.h"

void
detail_init(struct detail *detail)
{
	memset(detail, 0, sizeof(*detail));
	arena_init(&detail->arena);
}

void
detail_release(struct detail *detail)
{
	arena_release(&detail->arena);
	free(detail->lines);
	free(detail->title);
	memset(detail, 0, sizeof(*detail));
}

void
detail_reset(struct detail *detail, int width)
{
	arena_release(&detail->arena);
	detail->len = 0;
	detail->width = width < 10 ? 10 : width;
	free(detail->title);
	detail->title = NULL;
}

void
detail_line(struct detail *detail)
{
	if (array_reserve(&detail->lines, &detail->cap, detail->len, sizeof(*detail->lines)))
		return;    /* out of memory: later text joins the last line */
	detail->lines[detail->len++] = (struct detail_line){ NULL, 0 };
}

/* Adds already escaped text. */
static void
add_escaped(struct detail *detail, enum element el, struct sv text)
{
	struct detail_line *line;
	struct detail_seg *segs;
	char *copy;

	if (detail->len == 0)
		detail_line(detail);
	if (detail->len == 0 || text.len == 0)
		return;
	line = &detail->lines[detail->len - 1];
	segs = arena_alloc(&detail->arena, (line->n_segs + 1) * sizeof(*segs));
	copy = arena_strndup(&detail->arena, text);
	if (!segs || !copy)
		return;
	if (line->n_segs)
		memcpy(segs, line->segs, line->n_segs * sizeof(*segs));
	segs[line->n_segs] = (struct detail_seg){ el, sv_make(copy, text.len) };
	line->segs = segs;
	line->n_segs++;
}

void
detail_seg(struct detail *detail, enum element el, struct sv raw)
{
	struct strbuf sb = STRBUF_INIT;

	if (draw_escape(&sb, raw) == 0)
		add_escaped(detail, el, strbuf_sv(&sb));
	strbuf_release(&sb);
}

void
detail_segs(struct detail *detail, enum element el, const char *raw)
{
	detail_seg(detail, el, sv_from_cstr(raw));
}

void
detail_blank(struct detail *detail)
{
	detail_line(detail);
}

static void
para_piece(struct detail *detail, enum element el, int indent, struct sv raw)
{
	static const char spaces[] = "                ";
	struct strbuf sb = STRBUF_INIT;
	struct sv rest;

	if (indent > (int)sizeof(spaces) - 1)
		indent = (int)sizeof(spaces) - 1;
	if (draw_escape(&sb, raw) < 0) {
		strbuf_release(&sb);
		return;
	}
	rest = strbuf_sv(&sb);
	if (rest.len == 0)
		detail_line(detail);
	while (rest.len > 0) {
		struct sv piece = draw_wrap_next(&rest, detail->width - indent);

		detail_line(detail);
		add_escaped(detail, el, sv_make(spaces, (size_t)indent));
		add_escaped(detail, el, piece);
	}
	strbuf_release(&sb);
}

void
detail_para(struct detail *detail, enum element el, int indent, const char *raw)
{
	struct sv s = sv_from_cstr(raw);

	/* Our own texts (rule explanations) use newlines between paragraphs. */
	while (s.len > 0) {
		size_t nl = sv_find_char(s, '\n');
		struct sv piece = nl == SV_NPOS ? s : sv_make(s.ptr, nl);

		para_piece(detail, el, indent, piece);
		s = nl == SV_NPOS ? sv_make(NULL, 0) : sv_tail(s, nl + 1);
	}
}

/* A new line starting with @indent spaces; returns the columns used. */
static int
indented_line(struct detail *detail, int indent)
{
	static const char spaces[] = "                ";

	detail_line(detail);
	add_escaped(detail, EL_TEXT, sv_make(spaces, (size_t)indent));
	return indent;
}

void
detail_wrap(struct detail *detail, int indent)
{
	struct detail_line old;
	int width = detail->width, used = 0, total = 0;

	if (detail->len == 0)
		return;
	old = detail->lines[detail->len - 1];
	for (size_t k = 0; k < old.n_segs; k++)
		total += draw_width(old.segs[k].text);
	if (total <= width)
		return;
	if (indent > 16 || indent > width / 2)
		indent = 0;
	detail->lines[detail->len - 1] = (struct detail_line){ NULL, 0 };
	for (size_t k = 0; k < old.n_segs; k++) {
		struct sv rest = old.segs[k].text;
		enum element el = old.segs[k].el;

		while (rest.len > 0) {
			int w = draw_width(rest);
			if (used == indent && used > 0)
				while (rest.len > 0 && rest.ptr[0] == ' ')  /* no blank at a line's start */
					rest = sv_tail(rest, 1), w--;
			if (w <= width - used) {
				add_escaped(detail, el, rest);
				used += w;
				break;
			}
			struct sv probe = rest;
			struct sv piece = draw_wrap_next(&probe, width - used);
			bool at_space = piece.len < rest.len && rest.ptr[piece.len] == ' ';
			if (!at_space && used > indent) {
				used = indented_line(detail, indent);   /* the word goes down whole */
				continue;
			}
			add_escaped(detail, el, piece);
			used = indented_line(detail, indent);
			rest = probe;
		}
	}
}

void
detail_bullets(struct detail *detail, enum element el, int indent, const char *const *items)
{
	for (; items && *items; items++) {
		struct strbuf sb = STRBUF_INIT;

		strbuf_printf(&sb, "- %s", *items);
		detail_para(detail, el, indent, strbuf_cstr(&sb));
		strbuf_release(&sb);
	}
}

void
detail_fmt(struct detail *detail, enum element el, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	detail_segs(detail, el, buf);
}
