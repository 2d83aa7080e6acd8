/*
 * String views: borrowed slices of someone else's bytes, with a length.
 * Repository bytes may hold NUL, so lexers work on views, never on C strings.
 */
#ifndef DEPUTY_DEPUTY_SV_H
#define DEPUTY_DEPUTY_SV_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* A borrowed slice of someone else's bytes. Not NUL-terminated. */
struct sv {
	const char *ptr;
	size_t len;
};

#define SV_LIT(lit) ((struct sv){ (lit), sizeof(lit) - 1 })
#define SV_NULL ((struct sv){ NULL, 0 })

/*
 * The ones below are inline: the lexers and the R call finder call them per
 * token, and with a literal @b the compiler folds strlen() away.
 */

/* A view of the C string @s (which may be NULL: then the empty view). */
static inline struct sv
sv_from_cstr(const char *s)
{
	return (struct sv){ s, s ? strlen(s) : 0 };
}

static inline bool
sv_eq(struct sv a, struct sv b)
{
	return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

static inline bool
sv_eq_cstr(struct sv a, const char *b)
{
	return sv_eq(a, sv_from_cstr(b));
}

static inline struct sv
sv_make(const char *ptr, size_t len)
{
	return (struct sv){ ptr, len };
}

/* The bytes from @start (clamped) to the end. */
static inline struct sv
sv_tail(struct sv s, size_t start)
{
	if (start > s.len)
		start = s.len;
	return (struct sv){ s.ptr + start, s.len - start };
}

/* At most @len bytes from @start (both clamped). */
static inline struct sv
sv_slice(struct sv s, size_t start, size_t len)
{
	s = sv_tail(s, start);
	if (len < s.len)
		s.len = len;
	return s;
}

/* ASCII case-insensitive comparison. */
bool sv_eq_nocase(struct sv a, struct sv b);
bool sv_starts_with(struct sv s, struct sv prefix);
/* Byte order, a prefix first (for sorting and bsearch): <0, 0, >0. */
int sv_cmp(struct sv a, struct sv b);
bool sv_ends_with(struct sv s, struct sv suffix);

/* Removes ASCII space, tab, CR and LF from both ends. */
struct sv sv_trim(struct sv s);
struct sv sv_trim_left(struct sv s);
struct sv sv_trim_right(struct sv s);

/* Index of the first @c in @s, or SIZE_MAX (SV_NPOS) when absent. */
#define SV_NPOS ((size_t)-1)
size_t sv_find_char(struct sv s, char c);
size_t sv_find(struct sv s, struct sv needle);

/* A hash of the bytes of @s (FNV-1a), for hash indexes. */
size_t sv_hash(struct sv s);

/* Index of the first '\n' at or after @i in @s, or s.len when there is none (also when @i >= s.len). */
size_t sv_line_end(struct sv s, size_t i);

#endif
