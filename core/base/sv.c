/* String views: comparisons and trimming on borrowed bytes. */
#include "deputy/sv.h"

#include <stdint.h>
#include <string.h>

#include "deputy/ascii.h"

bool
sv_eq_nocase(struct sv a, struct sv b)
{
	if (a.len != b.len)
		return false;
	for (size_t i = 0; i < a.len; i++)
		if (ascii_lower(a.ptr[i]) != ascii_lower(b.ptr[i]))
			return false;
	return true;
}

int
sv_cmp(struct sv a, struct sv b)
{
	int c = a.len && b.len ? memcmp(a.ptr, b.ptr, a.len < b.len ? a.len : b.len) : 0;

	return c ? c : a.len < b.len ? -1 : a.len > b.len;
}

bool
sv_starts_with(struct sv s, struct sv prefix)
{
	return s.len >= prefix.len && (prefix.len == 0 || memcmp(s.ptr, prefix.ptr, prefix.len) == 0);
}

bool
sv_ends_with(struct sv s, struct sv suffix)
{
	return s.len >= suffix.len &&
	       (suffix.len == 0 || memcmp(s.ptr + s.len - suffix.len, suffix.ptr, suffix.len) == 0);
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

struct sv
sv_trim_left(struct sv s)
{
	while (s.len && is_space(*s.ptr)) {
		s.ptr++;
		s.len--;
	}
	return s;
}

struct sv
sv_trim_right(struct sv s)
{
	while (s.len && is_space(s.ptr[s.len - 1]))
		s.len--;
	return s;
}

struct sv
sv_trim(struct sv s)
{
	return sv_trim_right(sv_trim_left(s));
}

size_t
sv_find_char(struct sv s, char c)
{
	const char *p = s.len ? memchr(s.ptr, c, s.len) : NULL;
	return p ? (size_t)(p - s.ptr) : SV_NPOS;
}

size_t
sv_hash(struct sv s)
{
	uint64_t h = 1469598103934665603u;

	for (size_t i = 0; i < s.len; i++)
		h = (h ^ (unsigned char)s.ptr[i]) * 1099511628211u;
	return (size_t)h;
}

size_t
sv_line_end(struct sv s, size_t i)
{
	const char *p = i < s.len ? memchr(s.ptr + i, '\n', s.len - i) : NULL;
	return p ? (size_t)(p - s.ptr) : s.len;
}

size_t
sv_find(struct sv s, struct sv needle)
{
	if (needle.len == 0)
		return 0;
	for (size_t i = 0; i + needle.len <= s.len; i++)
		if (s.ptr[i] == needle.ptr[0] && memcmp(s.ptr + i, needle.ptr, needle.len) == 0)
			return i;
	return SV_NPOS;
}
