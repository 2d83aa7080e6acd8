/*
 * cJSON_Print()'s layout, written piece by piece (json_writer.h). What
 * cJSON does for a formatted document, and so what this repeats:
 *
 *   object: "{" "\n", then per member: depth tabs, "key", ":" "\t", the
 *           value, "," before the next member, "\n"; then depth - 1 tabs, "}"
 *   array:  "[", the items with ", " between them, "]"
 *
 * where depth counts the objects and arrays open around the member (both
 * raise it). A value printed alone by cJSON_Print() starts at depth 0, so
 * put at depth d it takes d more tabs after each of its newlines; cJSON
 * escapes newlines inside strings, so every raw newline is layout.
 *
 * One difference: cJSON escapes the controls below 0x20 but writes DEL and
 * the C1 controls (U+0080 to U+009F, which a terminal obeys as it does ESC)
 * as they are; this writes them as \u escapes, so the report never holds a
 * raw control byte and still decodes to the same strings.
 */
#include "json_writer.h"

#include <stdlib.h>

static void
tabs(struct json_writer *w, int n)
{
	for (int i = 0; i < n; i++)
		fputc('\t', w->out);
}

/*
 * Writes @text, printed by cJSON: DEL and the C1 controls as \u escapes
 * (such bytes are only ever inside strings, and 0xc2 is never a
 * continuation byte), and after each raw newline @depth tabs.
 */
static void
put_text(struct json_writer *w, const char *text, int depth)
{
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if (*p == 0x7f) {
			fputs("\\u007f", w->out);
		} else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			fprintf(w->out, "\\u00%02x", p[1]);
			p++;
		} else {
			fputc(*p, w->out);
			if (*p == '\n')
				tabs(w, depth);
		}
	}
}

/* Writes the separator, indentation and key that come before an item or member. */
static void
begin_item(struct json_writer *w, const char *key)
{
	int d = w->depth;
	cJSON *name;
	char *text;

	if (d == 0)
		return;
	if (w->is_array[d - 1]) {
		if (w->has_items[d - 1])
			fputs(", ", w->out);
		w->has_items[d - 1] = true;
		return;
	}
	if (w->has_items[d - 1])
		fputs(",\n", w->out);
	w->has_items[d - 1] = true;
	tabs(w, d);
	/* the key through cJSON, for its escaping */
	name = cJSON_CreateString(key ? key : "");
	text = name ? cJSON_PrintUnformatted(name) : NULL;
	if (text)
		put_text(w, text, 0);
	else
		w->failed = true;
	fputs(":\t", w->out);
	free(text);
	cJSON_Delete(name);
}

static void
open_container(struct json_writer *w, const char *key, bool array)
{
	if (w->depth == JSON_WRITER_MAX_DEPTH) {
		w->failed = true;
		return;
	}
	begin_item(w, key);
	fputs(array ? "[" : "{\n", w->out);
	w->is_array[w->depth] = array;
	w->has_items[w->depth] = false;
	w->depth++;
}

void
json_writer_open_object(struct json_writer *w, const char *key)
{
	open_container(w, key, false);
}

void
json_writer_open_array(struct json_writer *w, const char *key)
{
	open_container(w, key, true);
}

void
json_writer_close(struct json_writer *w)
{
	if (w->depth == 0)
		return;
	w->depth--;
	if (w->is_array[w->depth]) {
		fputc(']', w->out);
		return;
	}
	if (w->has_items[w->depth])
		fputc('\n', w->out);
	tabs(w, w->depth);
	fputc('}', w->out);
}

void
json_writer_value(struct json_writer *w, const char *key, cJSON *value)
{
	char *text = value ? cJSON_Print(value) : NULL;

	cJSON_Delete(value);
	if (!text) {
		w->failed = true;
		return;
	}
	begin_item(w, key);
	put_text(w, text, w->depth);
	free(text);
}
