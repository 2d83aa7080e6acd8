/*
 * Positions in JSON text (see jsonpos.h): a structural walk over the bytes
 * cJSON read, matching strings and brackets but checking nothing else, since
 * cJSON has already said whether the text is JSON.
 *
 * RFC 8259, sections 2 to 7, in its own ABNF:
 *
 *   JSON-text = ws value ws
 *   value     = false / null / true / object / array / number / string
 *   object    = "{" ws [ member *( ws "," ws member ) ] ws "}"
 *   member    = string ws ":" ws value
 *   array     = "[" ws [ value *( ws "," ws value ) ] ws "]"
 *   string    = %x22 *( unescaped / %x5C escaped ) %x22
 *   ws        = *( %x20 / %x09 / %x0A / %x0D )
 *
 * Two departures, both cJSON's: ws is any byte up to %x20 (so a form feed
 * between tokens is accepted, and must not hide what follows), and a UTF-8
 * byte order mark may precede the text.
 */
#include "lex/jsonpos.h"

#include <string.h>

bool
jsonpos_is_space(char c)
{
	return (unsigned char)c <= ' ';
}

size_t
jsonpos_skip_ws(struct sv t, size_t i)
{
	while (i < t.len && jsonpos_is_space(t.ptr[i]))
		i++;
	return i;
}

size_t
jsonpos_start(struct sv t)
{
	return jsonpos_skip_ws(t, sv_starts_with(t, SV_LIT("\xef\xbb\xbf")) ? 3 : 0);
}

size_t
jsonpos_skip_string(struct sv t, size_t i)
{
	for (i++; i < t.len; i++) {
		if (t.ptr[i] == '\\')
			i++;
		else if (t.ptr[i] == '"')
			return i + 1;
	}
	return SV_NPOS;
}

static bool
ends_scalar(char c)
{
	return jsonpos_is_space(c) || c == ',' || c == '}' || c == ']';
}

size_t
jsonpos_skip_value(struct sv t, size_t i)
{
	size_t depth = 0;

	if (i >= t.len)
		return SV_NPOS;
	if (t.ptr[i] == '"')
		return jsonpos_skip_string(t, i);
	if (t.ptr[i] != '{' && t.ptr[i] != '[') {
		while (i < t.len && !ends_scalar(t.ptr[i]))
			i++;
		return i;
	}
	while (i < t.len) {
		char c = t.ptr[i];
		if (c == '"') {
			if ((i = jsonpos_skip_string(t, i)) == SV_NPOS)
				return SV_NPOS;
			continue;
		}
		if (c == '{' || c == '[')
			depth++;
		else if ((c == '}' || c == ']') && --depth == 0)
			return i + 1;
		i++;
	}
	return SV_NPOS;
}

bool
jsonpos_next_member(struct jsonpos_member *out, struct sv t, size_t *at)
{
	size_t j = jsonpos_skip_ws(t, *at);

	if (j < t.len && (t.ptr[j] == '{' || t.ptr[j] == ','))
		j = jsonpos_skip_ws(t, j + 1);
	if (j >= t.len || t.ptr[j] != '"')
		return false;
	out->key_start = j + 1;
	if ((j = jsonpos_skip_string(t, j)) == SV_NPOS)
		return false;
	out->key_end = j - 1;
	j = jsonpos_skip_ws(t, j);
	if (j >= t.len || t.ptr[j] != ':')
		return false;
	out->value_start = jsonpos_skip_ws(t, j + 1);
	if ((out->value_end = jsonpos_skip_value(t, out->value_start)) == SV_NPOS)
		return false;
	*at = out->value_end;
	return true;
}

bool
jsonpos_find_member(struct jsonpos_member *out, struct sv t, size_t obj, const char *key)
{
	size_t i = obj;

	if (obj >= t.len || t.ptr[obj] != '{')
		return false;
	while (jsonpos_next_member(out, t, &i))
		if (sv_eq_cstr(sv_make(t.ptr + out->key_start, out->key_end - out->key_start), key))
			return true;
	return false;
}

bool
jsonpos_next_element(size_t *out, struct sv t, size_t *at)
{
	size_t j = jsonpos_skip_ws(t, *at), end;

	/* '[' or ',' first: each call moves on by at least a byte */
	if (j >= t.len || (t.ptr[j] != '[' && t.ptr[j] != ','))
		return false;
	j = jsonpos_skip_ws(t, j + 1);
	if (j >= t.len || t.ptr[j] == ']' || (end = jsonpos_skip_value(t, j)) == SV_NPOS)
		return false;
	*out = j;
	*at = end;
	return true;
}

size_t
jsonpos_find_element(struct sv t, size_t arr, size_t index)
{
	size_t i = arr, start, n = 0;

	if (arr >= t.len || t.ptr[arr] != '[')
		return SV_NPOS;
	while (jsonpos_next_element(&start, t, &i))
		if (n++ == index)
			return start;
	return SV_NPOS;
}

size_t
jsonpos_offset(struct sv t, const char *end)
{
	if (!end || end < t.ptr)
		return 0;
	return (size_t)(end - t.ptr) < t.len ? (size_t)(end - t.ptr) : t.len;
}

bool
jsonpos_find_nul(struct jsonpos_error *out, struct sv t)
{
	const char *nul = t.len ? memchr(t.ptr, '\0', t.len) : NULL;

	if (!nul)
		return false;
	*out = (struct jsonpos_error){ (size_t)(nul - t.ptr), "invalid json: a nul byte" };
	return true;
}

bool
jsonpos_parse_error(struct jsonpos_error *out, struct sv t, bool parsed, const char *end)
{
	size_t stop = jsonpos_offset(t, end);

	if (parsed) {
		size_t after = jsonpos_skip_ws(t, stop);

		if (after >= t.len)
			return false;
		out->message = "invalid json: unexpected text after the value";
		out->at = after;
	} else if (jsonpos_skip_value(t, jsonpos_start(t)) == SV_NPOS) {
		/* cJSON stops at the start of a cut string: the text's end says more */
		out->message = "invalid json: the text ends before the value does";
		out->at = t.len;
	} else {
		out->message = "invalid json: unexpected text here";
		out->at = stop;
	}
	return true;
}
