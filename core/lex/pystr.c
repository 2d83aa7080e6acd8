/*
 * Python's str.isspace(), str.strip() and str.splitlines() boundaries on
 * UTF-8 bytes. The white space set is CPython 3.11's Py_UNICODE_ISSPACE:
 * \t \n \v \f \r, \x1c to \x1f, space, U+0085, U+00A0, U+1680, U+2000 to
 * U+200A, U+2028, U+2029, U+202F, U+205F and U+3000.
 */
#include "lex/pystr.h"

#include <stdbool.h>
#include <stdint.h>

#include "deputy/utf8.h"

static bool
is_space(uint32_t c)
{
	if (c < 0x80)
		return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20);
	return c == 0x85 || c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
	       c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000;
}

static bool
is_break(uint32_t c)
{
	return c == '\n' || c == '\r' || c == '\v' || c == '\f' || (c >= 0x1c && c <= 0x1e) ||
	       c == 0x85 || c == 0x2028 || c == 0x2029;
}

/* The character @s starts with and its length; length 1 and U+FFFD for a bad byte. */
static size_t
decode(struct sv s, uint32_t *c)
{
	size_t n = utf8_decode(s.ptr, s.len, c);

	if (n == 0)
		*c = 0xfffd;
	return n ? n : 1;
}

/* Bytes of the character @s starts with when @is_class takes it; else 0. */
static size_t
starts_with(struct sv s, bool (*is_class)(uint32_t))
{
	uint32_t c;
	size_t n;

	if (s.len == 0)
		return 0;
	n = decode(s, &c);
	return is_class(c) ? n : 0;
}

size_t
pystr_space_len(struct sv s)
{
	return starts_with(s, is_space);
}

size_t
pystr_last_len(struct sv s)
{
	size_t start = s.len;
	uint32_t c;

	if (s.len == 0)
		return 0;
	/* back over at most three continuation bytes to where a character may start */
	while (start > 0 && s.len - start < 4 && (start == s.len ||
						  ((unsigned char)s.ptr[start] & 0xc0) == 0x80))
		start--;
	if (utf8_decode(s.ptr + start, s.len - start, &c) == s.len - start)
		return s.len - start;
	return 1;
}

size_t
pystr_space_len_before(struct sv s)
{
	size_t n = pystr_last_len(s);

	if (n == 0)
		return 0;
	return pystr_space_len(sv_tail(s, s.len - n)) == n ? n : 0;
}

size_t
pystr_break_len(struct sv s)
{
	if (s.len > 1 && s.ptr[0] == '\r' && s.ptr[1] == '\n')
		return 2;
	return starts_with(s, is_break);
}

struct sv
pystr_strip(struct sv s, size_t *skipped)
{
	size_t start = 0, n;

	while ((n = pystr_space_len(sv_tail(s, start))))
		start += n;
	s = sv_tail(s, start);
	while ((n = pystr_space_len_before(s)))
		s.len -= n;
	if (skipped)
		*skipped = start;
	return s;
}

size_t
pystr_indent(struct sv s)
{
	size_t count = 0, at = 0, n;

	while ((n = pystr_space_len(sv_tail(s, at)))) {
		at += n;
		count++;
	}
	return count;
}
