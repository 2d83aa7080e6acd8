/*
 * Shell-style patterns. One '*' is remembered at a time: when what follows it
 * fails, it takes one more byte and the rest is tried again from there. An
 * earlier '*' never needs revisiting, since the later one can absorb anything
 * it could, so no pattern costs more than its length times the name's.
 */
#include "deputy/glob.h"

#include <stddef.h>

/* The end of the set that opens at @p ('['), or NULL when it never closes. */
static const char *
set_end(const char *p)
{
	const char *q = p + 1;

	if (*q == '!' || *q == '^')
		q++;
	if (*q == ']')
		q++;            /* a ']' first is one of the set */
	for (; *q; q++) {
		if (*q == '\\' && q[1])
			q++;
		else if (*q == ']')
			return q;
	}
	return NULL;
}

/* Byte @c is in the set [@p, @end) (after the '['). */
static bool
in_set(const char *p, const char *end, unsigned char c)
{
	bool negate = *p == '!' || *p == '^', hit = false;

	if (negate)
		p++;
	for (bool first = true; p < end; first = false) {
		if (*p == ']' && !first)
			break;
		unsigned char lo = (unsigned char)*p, hi;
		if (lo == '\\' && p + 1 < end)
			lo = (unsigned char)*++p;
		p++;
		hi = lo;
		if (p + 1 < end && *p == '-' && p[1] != ']') {
			hi = (unsigned char)p[1];
			if (hi == '\\' && p + 2 < end)
				hi = (unsigned char)*++p;
			p += 2;
		}
		hit |= c >= lo && c <= hi;
	}
	return hit != negate;
}

/* One pattern item at @p against byte @c; *@next gets the item after it. */
static bool
match_one(const char *p, unsigned char c, const char **next)
{
	const char *end;

	if (*p == '?') {
		*next = p + 1;
		return true;
	}
	if (*p == '[' && (end = set_end(p))) {
		*next = end + 1;
		return in_set(p + 1, end, c);
	}
	if (*p == '\\' && !*++p)
		return false;   /* a pattern that ends in a lone '\\' is bad: it matches nothing */
	*next = p + 1;
	return (unsigned char)*p == c;
}

bool
glob_match(const char *pat, const char *name)
{
	const char *star = NULL, *resume = NULL;

	while (*name) {
		const char *next;
		if (*pat == '*') {
			while (*pat == '*')
				pat++;
			star = pat;
			resume = name;
		} else if (*pat && match_one(pat, (unsigned char)*name, &next)) {
			pat = next;
			name++;
		} else if (star) {
			pat = star;
			name = ++resume;
		} else {
			return false;
		}
	}
	while (*pat == '*')
		pat++;
	return *pat == '\0';
}
