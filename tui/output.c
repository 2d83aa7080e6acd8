/*
 * Reports and messages on stdout and stderr, made ASCII outside a UTF-8
 * locale (output.h).
 */
#include "output.h"

#include <stdlib.h>

#include "deputy/diag.h"
#include "deputy/escape.h"
#include "deputy/strbuf.h"
#include "draw.h"

/* Text is converted this many bytes at a time (then cut back to a character's start). */
#define OUTPUT_CHUNK (1u << 20)

/* Writes @len bytes of @text to @to in ASCII. 0, ERR_NOMEM or ERR_IO. */
static int
write_ascii(FILE *to, const char *text, size_t len, bool json)
{
	struct strbuf sb = STRBUF_INIT;
	int rc = 0;

	for (size_t at = 0; at < len && rc == 0;) {
		size_t end = len - at > OUTPUT_CHUNK ? at + OUTPUT_CHUNK : len;
		/* a UTF-8 character is not split: its continuation bytes go with it */
		while (end < len && end > at + 1 && ((unsigned char)text[end] & 0xc0) == 0x80)
			end--;
		strbuf_reset(&sb);
		if (escape_ascii(&sb, (struct sv){ text + at, end - at }, json) != 0)
			rc = ERR_NOMEM;
		else if (fwrite(strbuf_cstr(&sb), 1, sb.len, to) != sb.len)
			rc = ERR_IO;
		at = end;
	}
	strbuf_release(&sb);
	return rc;
}

int
output_with(FILE *to, bool json, int (*write)(FILE *out, const void *arg), const void *arg)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem;
	int rc, wrc;

	if (draw_utf8())
		return write(to, arg);
	if (!(mem = open_memstream(&text, &len)))
		return ERR_NOMEM;
	rc = write(mem, arg);
	if (fclose(mem) != 0 && rc == 0)
		rc = ERR_NOMEM;
	wrc = write_ascii(to, text, len, json);
	free(text);
	return rc ? rc : wrc;
}

void
output_line(FILE *to, const char *text)
{
	struct strbuf sb = STRBUF_INIT, ascii = STRBUF_INIT;
	const char *line = NULL;

	if (escape_text(&sb, sv_from_cstr(text), true) == 0)
		line = strbuf_cstr(&sb);
	if (line && !draw_utf8())
		line = escape_ascii(&ascii, sv_from_cstr(line), false) == 0 ? strbuf_cstr(&ascii)
									       : NULL;
	if (line)
		fprintf(to, "deputy: %s\n", line);
	strbuf_release(&sb);
	strbuf_release(&ascii);
}
