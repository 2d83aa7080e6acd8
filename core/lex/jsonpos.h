/*
 * Where things are written in JSON text: cJSON reads the values but keeps no
 * positions, so the JSON detectors walk the same bytes again with these to
 * find each key, value and array element, and to say where a refused text went wrong.
 */
#ifndef DEPUTY_LEX_JSONPOS_H
#define DEPUTY_LEX_JSONPOS_H

#include <stdbool.h>
#include <stddef.h>

#include "deputy/sv.h"

/* A member of an object as written: offsets into the text. */
struct jsonpos_member {
	size_t key_start, key_end;      /* the key inside its quotes, escapes left as written */
	size_t value_start, value_end;  /* the value, quotes and brackets included */
};

/* An error to report about a text, at a byte offset into it. */
struct jsonpos_error {
	size_t at;
	const char *message;            /* a static string, "invalid json: ..." */
};

/* Whether cJSON takes @c for white space: every byte up to ' ', not only JSON's four. */
bool jsonpos_is_space(char c);

/* The index of the first byte at or after @i that is not white space (t.len at the end). */
size_t jsonpos_skip_ws(struct sv t, size_t i);

/* Where the value of a whole text starts: after a UTF-8 byte order mark and white space. */
size_t jsonpos_start(struct sv t);

/* The index after the string whose opening quote is at @i, or SV_NPOS when the text ends first. */
size_t jsonpos_skip_string(struct sv t, size_t i);

/*
 * The index after the value that starts at @i, or SV_NPOS when the text ends
 * first (or nothing starts at @i). Only strings and brackets are matched, not
 * checked: a scalar runs to the next white space, ',', '}' or ']'. Iterative,
 * so no depth limit.
 */
size_t jsonpos_skip_value(struct sv t, size_t i);

/*
 * The member after *@at, which is at an object's '{' or at the end of the
 * previous member. Fills @out, moves *@at past the value and returns true;
 * false at the end of the object or where the text is not an object.
 */
bool jsonpos_next_member(struct jsonpos_member *out, struct sv t, size_t *at);

/*
 * The first member of the object at @obj ('{') whose key is written exactly as
 * @key (cJSON_GetObjectItem finds the first too). False when there is none or
 * @obj is not at '{'.
 */
bool jsonpos_find_member(struct jsonpos_member *out, struct sv t, size_t obj, const char *key);

/*
 * The element after *@at, which is at an array's '[' or at the end of the
 * previous element: its start in *@out. Moves *@at past it and returns true;
 * false at the end of the array or where the text is not an array.
 */
bool jsonpos_next_element(size_t *out, struct sv t, size_t *at);

/* The start of the @index-th element (from 0) of the array at @arr, or SV_NPOS. */
size_t jsonpos_find_element(struct sv t, size_t arr, size_t index);

/*
 * The offset in @t of cJSON's stop pointer @end (the return_parse_end of
 * cJSON_ParseWithLengthOpts), kept within the text; 0 when @end is NULL.
 */
size_t jsonpos_offset(struct sv t, const char *end);

/*
 * Before cJSON reads @t: cJSON takes a NUL byte for white space or the end
 * of a string, and JSON has none. Returns true and fills @out at the first
 * NUL; false when there is none.
 */
bool jsonpos_find_nul(struct jsonpos_error *out, struct sv t);

/*
 * After cJSON_ParseWithLengthOpts(@t) stopped at @end and returned a tree
 * (@parsed) or not: returns true and fills @out when there is an error to
 * report. For a refused text, the text ending inside a string or bracket
 * (reported at the end, where cJSON would point at the string's start) or
 * unexpected text where cJSON stopped; for an accepted one, text after the
 * value (at its first byte).
 */
bool jsonpos_parse_error(struct jsonpos_error *out, struct sv t, bool parsed, const char *end);

#endif
