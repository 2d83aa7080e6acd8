/* Diagnostics about the input, with line and column computed from bytes. */
#include "deputy/diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deputy/array.h"
#include "deputy/utf8.h"

const char *
err_str(int code)
{
	switch (code) {
	case 0: return "success";
	case ERR_NOMEM: return "out of memory";
	case ERR_IO: return "input/output error";
	case ERR_SYNTAX: return "syntax error";
	case ERR_LIMIT: return "limit exceeded";
	case ERR_NOTFOUND: return "not found";
	case ERR_USAGE: return "usage error";
	case ERR_GIT: return "git error";
	case ERR_OUTSIDE: return "outside the repository";
	}
	return "unknown error";
}

const char *
diag_level_str(enum diag_level level)
{
	switch (level) {
	case DIAG_ERROR: return "error";
	case DIAG_WARNING: return "warning";
	case DIAG_NOTE: return "note";
	}
	return "?";
}

void
diags_init(struct diags *diags, struct arena *arena)
{
	memset(diags, 0, sizeof(*diags));
	diags->arena = arena;
}

void
diags_release(struct diags *diags)
{
	free(diags->items);
	diags->items = NULL;
	diags->len = diags->cap = 0;
}

static bool
is_continuation(const char *p)
{
	return ((unsigned char)*p & 0xc0) == 0x80;
}

/*
 * A place at or before @offset, not before @line_start, where a decoding
 * step starts when the line is decoded from its start (utf8_count()'s way:
 * an invalid byte is one step). A byte that is not a continuation byte
 * always starts one; so does a continuation byte with no lead byte in the
 * three before it (no valid sequence can cover it).
 */
static size_t
step_start_before(struct sv text, size_t line_start, size_t offset)
{
	for (size_t k = 0; k <= 3 && k <= offset - line_start; k++) {
		size_t b = offset - k;
		if (b == line_start || (b < text.len && !is_continuation(text.ptr + b)))
			return b;
	}
	return offset;
}

void
text_cursor_line_col(struct text_cursor *c, struct sv text, size_t offset, unsigned *line,
		     unsigned *column)
{
	if (offset > text.len)
		offset = text.len;
	if (c->ptr != text.ptr || c->len != text.len || c->line == 0) {
		*c = (struct text_cursor){ .ptr = text.ptr, .len = text.len, .line = 1, .column = 1 };
	} else if (offset < c->line_start) {
		/*
		 * An earlier line: count the newlines walked back over, then
		 * find that line's start; the cost is the distance, not the
		 * offset (a reader going back and forth is not quadratic).
		 */
		const char *from = text.ptr + offset, *nl;
		c->line--;      /* the newline just before @line_start */
		while ((nl = memchr(from, '\n', c->line_start - 1 - (size_t)(from - text.ptr)))) {
			c->line--;
			from = nl + 1;
		}
		size_t start = offset;
		while (start > 0 && text.ptr[start - 1] != '\n')
			start--;
		c->line_start = c->pos = start;
		c->column = 1;
	}
	if (offset < c->pos) {
		/*
		 * Earlier on the same line: count back to a step start at or
		 * before @offset (from one step start to another the count is
		 * the same whichever end it is read from). Not from the line's
		 * start: in a text of one long line (CR endings) a reader that
		 * steps back a little each time would be quadratic.
		 */
		size_t b = step_start_before(text, c->line_start, offset);
		c->column -= (unsigned)utf8_count(text.ptr + b, c->pos - b);
		c->pos = b;
	}
	const char *p = text.ptr + c->pos, *end = text.ptr + offset, *nl;
	while ((nl = memchr(p, '\n', (size_t)(end - p)))) {
		c->line++;
		p = nl + 1;
		c->line_start = c->pos = (size_t)(p - text.ptr);
		c->column = 1;
	}
	/*
	 * Step on while a whole step fits before @offset; @pos stays a step
	 * start. The bytes of a sequence that @offset cuts count one each, as
	 * utf8_count() counts a cut sequence.
	 */
	while (c->pos < offset) {
		uint32_t cp;
		size_t n = utf8_decode(text.ptr + c->pos, text.len - c->pos, &cp);
		if (n == 0)
			n = 1;
		if (c->pos + n > offset)
			break;
		c->pos += n;
		c->column++;
	}
	*line = c->line;
	*column = c->column + (unsigned)(offset - c->pos);
}

size_t
text_cursor_offset(struct text_cursor *c, struct sv text, unsigned line, unsigned column)
{
	if (c->ptr != text.ptr || c->len != text.len || c->line == 0)
		*c = (struct text_cursor){ .ptr = text.ptr, .len = text.len, .line = 1, .column = 1 };
	if (line < 1)
		line = 1;
	if (column < 1)
		column = 1;
	if (line != c->line || column < c->column) {
		size_t i = c->line_start;
		/* back a line at a time, then on: the cost is the distance walked */
		for (; c->line > line && i > 0; c->line--)
			for (i--; i > 0 && text.ptr[i - 1] != '\n'; i--)
				;
		for (const char *nl; c->line < line && i < text.len; c->line++) {
			nl = memchr(text.ptr + i, '\n', text.len - i);
			if (!nl)
				break;
			i = (size_t)(nl - text.ptr) + 1;
		}
		c->line_start = c->pos = i;
		c->column = 1;
	}
	/* on by decoding steps, as text_cursor_line_col() counts them */
	while (c->column < column && c->pos < text.len && text.ptr[c->pos] != '\n') {
		uint32_t cp;
		size_t n = utf8_decode(text.ptr + c->pos, text.len - c->pos, &cp);
		c->pos += n ? n : 1;
		c->column++;
	}
	return c->pos;
}

void
text_line_col(struct sv text, size_t offset, unsigned *line, unsigned *column)
{
	struct text_cursor c = { 0 };

	text_cursor_line_col(&c, text, offset, line, column);
}

void
source_line_col(struct source *src, size_t offset, unsigned *line, unsigned *column)
{
	text_cursor_line_col(&src->cursor, src->text, offset, line, column);
}

struct sv
text_line(struct sv text, unsigned line)
{
	size_t i = 0;

	if (line == 0)
		return SV_NULL;
	for (unsigned l = 1; l < line; l++) {
		size_t nl = sv_find_char(sv_tail(text, i), '\n');
		if (nl == SV_NPOS)
			return SV_NULL;
		i += nl + 1;
	}
	struct sv rest = sv_tail(text, i);
	size_t nl = sv_find_char(rest, '\n');
	if (nl != SV_NPOS)
		rest.len = nl;
	if (rest.len && rest.ptr[rest.len - 1] == '\r')
		rest.len--;
	return rest;
}

static void
push(struct diags *diags, enum diag_level level, const char *path, unsigned line,
     unsigned column, const char *fmt, va_list ap)
{
	if (array_reserve(&diags->items, &diags->cap, diags->len, sizeof(*diags->items)))
		return;     /* a lost diagnostic is better than a lost scan */
	char *msg = arena_vprintf(diags->arena, fmt, ap);
	char *p = arena_strdup(diags->arena, path ? path : "");
	if (!msg || !p)
		return;
	diags->items[diags->len++] = (struct diag){ level, p, line, column, msg };
}

void
diag_add(struct diags *diags, enum diag_level level, struct source *src,
	 struct span at, const char *fmt, ...)
{
	va_list ap;
	unsigned line, column;

	source_line_col(src, at.start, &line, &column);
	va_start(ap, fmt);
	push(diags, level, src->path, line, column, fmt, ap);
	va_end(ap);
}

void
diag_add_path(struct diags *diags, enum diag_level level, const char *path, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	push(diags, level, path, 0, 0, fmt, ap);
	va_end(ap);
}
