/*
 * Packaging words and look-alike letters (and repeated letters, folded to one). The word lists are what people add
 * to a project's name to say that it is for Python, a binding, a development
 * build or a new major version; the letter folds are the pairs a reader cannot
 * tell apart in most fonts. Ordered longest first so that "python3-" wins over
 * "python" and "py".
 */
#include "intel/variants.h"

#include <stdbool.h>
#include <string.h>

/* Words removed at the start: with a separator after them, or glued on. */
static const char *const prefixes[] = {
	"python3", "python2", "python", "py3", "py2", "py", "lib", NULL,
};

/* Words removed at the end: after a separator, or glued on. */
static const char *const suffixes[] = {
	"python3", "python2", "python", "py3", "py", "dev", "lib", "3", "2", NULL,
};

/* Glued on (no separator), a word is removed only when what is left is long. */
#define GLUED_MIN_REST 4

/* Folded pairs: the first spelling becomes the second. */
static const struct {
	const char *from, *to;
} folds[] = {
	{ "rn", "m" }, { "vv", "w" }, { "0", "o" }, { "1", "l" }, { "i", "l" },
};

static size_t
letters(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		n += s[i] != '-';
	return n;
}

/* @s[0..len) without '-' into @out; false when too long or too short. */
static bool
squeeze(char out[VARIANT_LEN], const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '-')
			continue;
		if (n + 1 >= VARIANT_LEN)
			return false;
		out[n++] = s[i];
	}
	out[n] = '\0';
	return n >= VARIANT_MIN_CORE;
}

/*
 * Length of the prefix word @word at the start of @s (@len bytes), separator
 * included, or 0. Glued on, the rest must be long and must not itself start
 * with a separator.
 */
static size_t
match_prefix(const char *s, size_t len, const char *word)
{
	size_t w = strlen(word);

	if (len <= w || strncmp(s, word, w) != 0)
		return 0;
	if (s[w] == '-')
		return w + 1;
	return letters(s + w, len - w) >= GLUED_MIN_REST ? w : 0;
}

/* The same at the end: bytes to drop from @s's end, or 0. */
static size_t
match_suffix(const char *s, size_t len, const char *word)
{
	size_t w = strlen(word);

	if (len <= w || strncmp(s + len - w, word, w) != 0)
		return 0;
	if (s[len - w - 1] == '-')
		return w + 1;
	if (word[0] >= '0' && word[0] <= '9')
		return s[len - w - 1] >= '0' && s[len - w - 1] <= '9' ? 0 : w;   /* "py3", not "x13" */
	return letters(s, len - w) >= GLUED_MIN_REST ? w : 0;
}

static void
add(struct variant *out, size_t *n, const char *text, unsigned kind, const char *prefix,
    const char *suffix)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp(out[i].text, text) == 0)
			return;
	if (*n >= VARIANT_MAX)
		return;
	strcpy(out[*n].text, text);
	out[*n].kind = kind;
	out[*n].prefix = prefix;
	out[*n].suffix = suffix;
	(*n)++;
}

/* @s with every fold applied, into @out. */
static void
fold(char out[VARIANT_LEN], const char *s)
{
	size_t n = 0;

	while (*s && n + 1 < VARIANT_LEN) {
		size_t k;
		for (k = 0; k < sizeof(folds) / sizeof(folds[0]); k++) {
			size_t l = strlen(folds[k].from);
			if (strncmp(s, folds[k].from, l) == 0) {
				out[n++] = folds[k].to[0];
				s += l;
				break;
			}
		}
		if (k == sizeof(folds) / sizeof(folds[0]))
			out[n++] = *s++;
		if (n >= 2 && out[n - 1] == out[n - 2])
			n--;            /* a repeated letter reads as one */
	}
	out[n] = '\0';
}

/* The first (longest) prefix word of @s, with how much it covers; NULL for none. */
static const char *
first_prefix(const char *s, size_t len, size_t *cut)
{
	for (size_t i = 0; prefixes[i]; i++)
		if ((*cut = match_prefix(s, len, prefixes[i])) != 0)
			return prefixes[i];
	return NULL;
}

static const char *
first_suffix(const char *s, size_t len, size_t *cut)
{
	for (size_t i = 0; suffixes[i]; i++)
		if ((*cut = match_suffix(s, len, suffixes[i])) != 0)
			return suffixes[i];
	return NULL;
}

/* Adds @s[front, len - back) when it is a proper, long enough form. */
static void
add_cut(struct variant *out, size_t *n, const char *s, size_t len, size_t front, size_t back,
	const char *pre, const char *suf)
{
	char text[VARIANT_LEN];

	if ((!front && !back) || front + back >= len || s[front] == '-' ||
	    s[len - back - 1] == '-')
		return;
	if (squeeze(text, s + front, len - front - back))
		add(out, n, text, (front ? VARIANT_PREFIX : 0) | (back ? VARIANT_SUFFIX : 0),
		    pre, suf);
}

size_t
variants_of(struct variant *out, const char *normalized)
{
	size_t len = strlen(normalized), n = 0, front = 0;
	char text[VARIANT_LEN], folded[VARIANT_LEN];
	const char *pre;

	if (len >= VARIANT_LEN)
		return 0;
	squeeze(text, normalized, len);
	add(out, &n, text, VARIANT_SELF, NULL, NULL);
	fold(folded, text);
	if (strcmp(folded, text) != 0 && strlen(folded) >= VARIANT_MIN_CORE)
		add(out, &n, folded, VARIANT_SKELETON, NULL, NULL);

	/* without a prefix word, then without the first one found */
	pre = first_prefix(normalized, len, &front);
	for (int with_prefix = 0; with_prefix <= (pre != NULL); with_prefix++) {
		size_t f = with_prefix ? front : 0, back = 0, back2 = 0;
		const char *suf, *suf2;

		add_cut(out, &n, normalized, len, f, 0, with_prefix ? pre : NULL, NULL);
		suf = first_suffix(normalized + f, len - f, &back);
		if (!suf)
			continue;
		add_cut(out, &n, normalized, len, f, back, with_prefix ? pre : NULL, suf);
		/* a second word: "pytz3-dev" is "pytz" */
		suf2 = first_suffix(normalized + f, len - f - back, &back2);
		if (suf2)
			add_cut(out, &n, normalized, len, f, back + back2,
				with_prefix ? pre : NULL, suf2);
	}
	return n;
}

bool
variants_is_packaging_word(const char *word)
{
	for (size_t i = 0; prefixes[i]; i++)
		if (strcmp(word, prefixes[i]) == 0)
			return true;
	for (size_t i = 0; suffixes[i]; i++)
		if (strcmp(word, suffixes[i]) == 0)
			return true;
	return false;
}
