/*
 * Reports and messages on stdout and stderr, made ASCII outside a UTF-8
 * locale (output.h). A report is converted as it is written, through a
 * glibc cookie stream, so that it is never held whole in memory.
 */
#define _GNU_SOURCE
#include "output.h"

#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "deputy/diag.h"
#include "deputy/escape.h"
#include "deputy/strbuf.h"

/* The stream's state: where the text goes, and a character cut by a write. */
struct ascii_sink {
	FILE *to;
	bool json;
	int rc;                  /* the first ERR_NOMEM or ERR_IO */
	char held[4];            /* the start of a UTF-8 character the next write ends */
	size_t n_held;
	struct strbuf sb;
};

bool
output_ascii(void)
{
	const char *cs = nl_langinfo(CODESET);

	return !(MB_CUR_MAX > 1 && cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8")));
}

/* How many bytes the character whose first byte is @b takes (1 for a byte that starts none). */
static size_t
utf8_length(unsigned char b)
{
	if (b >= 0xf8 || b < 0xc0)
		return 1;
	return b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
}

/* Converts @len bytes of @text and writes them to the sink's stream. */
static void
sink_put(struct ascii_sink *s, const char *text, size_t len)
{
	strbuf_reset(&s->sb);
	if (escape_ascii(&s->sb, (struct sv){ text, len }, s->json) != 0) {
		s->rc = s->rc ? s->rc : ERR_NOMEM;
		return;
	}
	if (fwrite(strbuf_cstr(&s->sb), 1, s->sb.len, s->to) != s->sb.len)
		s->rc = s->rc ? s->rc : ERR_IO;
}

static ssize_t
sink_write(void *cookie, const char *buf, size_t size)
{
	struct ascii_sink *s = cookie;
	size_t keep = 0, start;

	/* a character begun by the last write: completed by this one (or cut short) */
	while (s->n_held && size && s->n_held < utf8_length((unsigned char)s->held[0]) &&
	       ((unsigned char)*buf & 0xc0) == 0x80) {
		s->held[s->n_held++] = *buf++;
		size--;
		keep++;
	}
	if (s->n_held && (size || s->n_held == utf8_length((unsigned char)s->held[0]))) {
		sink_put(s, s->held, s->n_held);
		s->n_held = 0;
	}
	/* a character this write cuts (at most 3 bytes back) waits for the next */
	start = size;
	for (size_t back = 1; back <= 3 && back <= size; back++) {
		unsigned char b = (unsigned char)buf[size - back];
		if ((b & 0xc0) == 0x80)
			continue;                   /* a continuation byte: look further back */
		if (b >= 0xc0 && utf8_length(b) > back)
			start = size - back;
		break;
	}
	if (start)
		sink_put(s, buf, start);
	memcpy(s->held, buf + start, size - start);
	s->n_held = size - start;
	return s->rc ? -1 : (ssize_t)(size + keep);
}

int
output_with(FILE *to, bool json, int (*write)(FILE *out, const void *arg), const void *arg)
{
	struct ascii_sink s = { .to = to, .json = json, .sb = STRBUF_INIT };
	cookie_io_functions_t io = { .write = sink_write };
	FILE *out;
	int rc;

	if (!output_ascii())
		return write(to, arg);
	if (!(out = fopencookie(&s, "w", io)))
		return ERR_NOMEM;
	rc = write(out, arg);
	if (fclose(out) != 0 && rc == 0)
		rc = s.rc ? s.rc : ERR_IO;
	if (s.n_held)                       /* a character never completed */
		sink_put(&s, s.held, s.n_held);
	strbuf_release(&s.sb);
	return rc ? rc : s.rc;
}

void
output_vsay(FILE *to, const char *fmt, va_list ap)
{
	struct strbuf text = STRBUF_INIT, safe = STRBUF_INIT, ascii = STRBUF_INIT;
	const char *line = NULL;

	if (strbuf_vprintf(&text, fmt, ap) == 0 &&
	    escape_text(&safe, sv_from_cstr(strbuf_cstr(&text)), true) == 0)
		line = strbuf_cstr(&safe);
	if (line && output_ascii())
		line = escape_ascii(&ascii, sv_from_cstr(line), false) == 0 ? strbuf_cstr(&ascii)
									      : NULL;
	if (line)
		fprintf(to, "deputy: %s\n", line);
	strbuf_release(&text);
	strbuf_release(&safe);
	strbuf_release(&ascii);
}

void
output_say(FILE *to, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	output_vsay(to, fmt, ap);
	va_end(ap);
}
