/*
 * Writing a JSON document piece by piece in exactly the layout cJSON_Print()
 * gives the whole document (tabs, "key":<tab>value, ", " between array
 * items), so that a report of any size is written without holding all of it
 * as one cJSON tree: each value is a small cJSON tree printed and freed in
 * turn. report_json.c writes the JSON report with it. The one difference:
 * DEL and the C1 controls, which cJSON writes raw, are \u escapes.
 */
#ifndef DEPUTY_REPORT_JSON_WRITER_H
#define DEPUTY_REPORT_JSON_WRITER_H

#include <stdbool.h>
#include <stdio.h>

#include <cjson/cJSON.h>

#define JSON_WRITER_MAX_DEPTH 16

struct json_writer {
	FILE *out;
	int depth;                                  /* open objects and arrays */
	bool is_array[JSON_WRITER_MAX_DEPTH];
	bool has_items[JSON_WRITER_MAX_DEPTH];
	bool failed;                                /* out of memory, or nesting too deep */
};

#define JSON_WRITER_INIT(f) { .out = (f) }

/*
 * Opens an object or array: the document itself (@key NULL at depth 0), an
 * item of the open array (@key NULL) or a member of the open object.
 */
void json_writer_open_object(struct json_writer *w, const char *key);
void json_writer_open_array(struct json_writer *w, const char *key);
/* Closes the innermost open object or array. */
void json_writer_close(struct json_writer *w);
/*
 * Writes @value (taking it: it is freed) as an item or member as above. A
 * NULL @value (cJSON out of memory) marks the writer failed.
 */
void json_writer_value(struct json_writer *w, const char *key, cJSON *value);

#endif
