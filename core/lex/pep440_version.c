/*
 * PEP 440 versions the way packaging 21.3 reads, orders and writes them.
 * Versions follow PEP 440's appendix B pattern (packaging's VERSION_PATTERN):
 *
 *   version = "v"? [N "!"] N ("." N)* [pre] [post] [dev] ["+" local]
 *   pre     = [-_.]? ("a"|"b"|"c"|"rc"|"alpha"|"beta"|"pre"|"preview") [-_.]? N?
 *   post    = "-" N | [-_.]? ("post"|"rev"|"r") [-_.]? N?
 *   dev     = [-_.]? "dev" [-_.]? N?
 *   local   = [a-z0-9]+ ([-_.] [a-z0-9]+)*          (letters case-insensitive)
 */
#include "lex/pep440_version.h"

#include <stdint.h>
#include <string.h>

#include "deputy/ascii.h"

struct scanner {
	struct sv s;
	size_t pos;
};

bool
pep440_is_space(char c)
{
	/* what Python's \s and str.strip() take in ASCII, the four separators included */
	return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\x1c' && c <= '\x1f');
}
static bool
sc_word(struct scanner *sc, const char *w)
{
	size_t n = strlen(w);

	if (sc->s.len - sc->pos < n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (ascii_lower(sc->s.ptr[sc->pos + i]) != w[i])
			return false;
	sc->pos += n;
	return true;
}
static bool
sc_sep(struct scanner *sc)
{
	if (sc->pos < sc->s.len && byte_in("-_.", sc->s.ptr[sc->pos])) {
		sc->pos++;
		return true;
	}
	return false;
}
/* Digits at the scanner, without leading zeros; false when there are none. */
static bool
sc_number(struct scanner *sc, struct sv *out)
{
	size_t start = sc->pos;

	while (sc->pos < sc->s.len && ascii_digit(sc->s.ptr[sc->pos]))
		sc->pos++;
	if (sc->pos == start)
		return false;
	while (start < sc->pos && sc->s.ptr[start] == '0')
		start++;
	*out = sv_make(sc->s.ptr + start, sc->pos - start);
	return true;
}
struct sv
pep440_trim(struct sv s)
{
	while (s.len && pep440_is_space(s.ptr[0]))
		s = sv_tail(s, 1);
	while (s.len && pep440_is_space(s.ptr[s.len - 1]))
		s.len--;
	return s;
}
/* One of @words (longest listed first) at the scanner; its index or -1. */
static int
sc_one_of(struct scanner *sc, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (sc_word(sc, words[i]))
			return (int)i;
	return -1;
}
/*
 * [-_.]? word [-_.]? N?  A separator after the word with no number after it
 * is left for the next part; *dangling says where it was (the regex takes it
 * when nothing else does, as in "1.0a.").
 */
static bool
parse_letter_part(struct scanner *sc, const char *const *words, size_t n, int *which,
		  struct sv *num, size_t *dangling)
{
	size_t save = sc->pos;

	sc_sep(sc);
	*which = sc_one_of(sc, words, n);
	if (*which < 0) {
		sc->pos = save;
		return false;
	}
	size_t after = sc->pos;
	*num = SV_NULL;
	if (sc_sep(sc) && !sc_number(sc, num)) {
		sc->pos = after;
		*dangling = after;
	} else if (sc->pos == after) {
		sc_number(sc, num);
	}
	return true;
}
static bool
parse_local(struct scanner *sc)
{
	for (;;) {
		size_t start = sc->pos;
		while (sc->pos < sc->s.len && ascii_alnum(sc->s.ptr[sc->pos]))
			sc->pos++;
		if (sc->pos == start)
			return false;
		if (sc->pos + 1 < sc->s.len && byte_in("-_.", sc->s.ptr[sc->pos]) &&
		    ascii_alnum(sc->s.ptr[sc->pos + 1])) {
			sc->pos++;
			continue;
		}
		return true;
	}
}
/* Parses the whole of @text (spaces around allowed) as a version under @flags. */
bool
pep440_version_parse(struct pep440_version *v, struct sv text, unsigned flags)
{
	static const char *const pre_words[] = { "preview", "alpha", "beta", "pre", "rc", "a", "b", "c" };
	static const char *const post_words[] = { "post", "rev", "r" };
	static const char *const dev_words[] = { "dev" };
	struct scanner sc = { pep440_trim(text), 0 };
	size_t dangling = SIZE_MAX;
	int which;

	memset(v, 0, sizeof(*v));
	if (sc.pos < sc.s.len && ascii_lower(sc.s.ptr[0]) == 'v')
		sc.pos++;
	struct sv n;
	if (!sc_number(&sc, &n))
		return false;
	if (sc.pos < sc.s.len && sc.s.ptr[sc.pos] == '!') {
		v->epoch = n;
		sc.pos++;
		if (!sc_number(&sc, &n))
			return false;
	}
	v->release[v->n_release++] = n;
	while (sc.pos + 1 < sc.s.len && sc.s.ptr[sc.pos] == '.' && ascii_digit(sc.s.ptr[sc.pos + 1])) {
		sc.pos++;
		sc_number(&sc, &n);
		if (v->n_release == PEP440_MAX_PARTS)
			return false;
		v->release[v->n_release++] = n;
	}
	if ((flags & PEP440_TWO) && v->n_release < 2)
		return false;
	if (parse_letter_part(&sc, pre_words, 8, &which, &v->pre_n, &dangling))
		v->pre = which == 1 || which == 5 ? 'a' : which == 2 || which == 6 ? 'b' : 'r';
	size_t save = sc.pos;
	if (sc.pos < sc.s.len && sc.s.ptr[sc.pos] == '-' && (sc.pos++, sc_number(&sc, &v->post_n)))
		v->has_post = true;
	else {
		sc.pos = save;
		v->has_post = parse_letter_part(&sc, post_words, 3, &which, &v->post_n, &dangling);
	}
	v->has_dev = parse_letter_part(&sc, dev_words, 1, &which, &v->dev_n, &dangling);
	if (sc.pos < sc.s.len && sc.s.ptr[sc.pos] == '+') {
		if (!(flags & PEP440_LOCAL))
			return false;
		sc.pos++;
		size_t start = sc.pos;
		if (!parse_local(&sc))
			return false;
		v->has_local = true;
		v->local = sv_make(sc.s.ptr + start, sc.pos - start);
	}
	if ((flags & PEP440_WILDCARD) && !v->has_dev && !v->has_local &&
	    sc.s.len - sc.pos == 2 && sc.s.ptr[sc.pos] == '.' && sc.s.ptr[sc.pos + 1] == '*') {
		v->wildcard = true;
		sc.pos += 2;
	}
	if (sc.pos == dangling && sc.s.len - sc.pos == 1 && !v->has_local && !v->wildcard)
		sc.pos++;
	return sc.pos == sc.s.len;
}
static int
num_cmp(struct sv a, struct sv b)
{
	if (a.len != b.len)
		return a.len < b.len ? -1 : 1;
	int c = a.len ? memcmp(a.ptr, b.ptr, a.len) : 0;
	return c < 0 ? -1 : c > 0;
}
/* The next local part of @s from *pos; false at the end. */
bool
pep440_local_next(struct sv s, size_t *pos, struct sv *part)
{
	if (*pos >= s.len)
		return false;
	size_t start = *pos;
	while (*pos < s.len && !byte_in("-_.", s.ptr[*pos]))
		(*pos)++;
	*part = sv_make(s.ptr + start, *pos - start);
	if (*pos < s.len)
		(*pos)++;
	return true;
}
bool
pep440_all_digits(struct sv s)
{
	for (size_t i = 0; i < s.len; i++)
		if (!ascii_digit(s.ptr[i]))
			return false;
	return s.len > 0;
}
static struct sv
strip_zeros(struct sv s)
{
	while (s.len && s.ptr[0] == '0')
		s = sv_tail(s, 1);
	return s;
}
/* Local parts: numbers above words, words by lower-case bytes, shorter first. */
static int
local_cmp(struct sv a, struct sv b)
{
	size_t pa = 0, pb = 0;
	struct sv x, y;

	for (;;) {
		bool hx = pep440_local_next(a, &pa, &x), hy = pep440_local_next(b, &pb, &y);
		if (!hx || !hy)
			return hx == hy ? 0 : hx ? 1 : -1;
		bool nx = pep440_all_digits(x), ny = pep440_all_digits(y);
		if (nx != ny)
			return nx ? 1 : -1;
		int c = 0;
		if (nx) {
			c = num_cmp(strip_zeros(x), strip_zeros(y));
		} else {
			for (size_t i = 0; !c && i < x.len && i < y.len; i++)
				c = (unsigned char)ascii_lower(x.ptr[i]) - (unsigned char)ascii_lower(y.ptr[i]);
			if (!c && x.len != y.len)
				c = x.len < y.len ? -1 : 1;
		}
		if (c)
			return c < 0 ? -1 : 1;
	}
}
static int
pre_rank(char letter)
{
	return letter == 'a' ? 1 : letter == 'b' ? 2 : 3;
}
/* packaging's _cmpkey order; trailing zeros of the release do not count. */
int
pep440_version_cmp(const struct pep440_version *a, const struct pep440_version *b)
{
	int c = num_cmp(a->epoch, b->epoch);
	if (c)
		return c;
	size_t n = a->n_release > b->n_release ? a->n_release : b->n_release;
	for (size_t i = 0; i < n; i++) {
		struct sv x = i < a->n_release ? a->release[i] : SV_NULL;
		struct sv y = i < b->n_release ? b->release[i] : SV_NULL;
		if ((c = num_cmp(x, y)))
			return c;
	}
	/* pre: a dev release alone sorts before every pre-release; none sorts after */
	int ka = a->pre ? 1 : (!a->has_post && a->has_dev) ? 0 : 2;
	int kb = b->pre ? 1 : (!b->has_post && b->has_dev) ? 0 : 2;
	if (ka != kb)
		return ka < kb ? -1 : 1;
	if (ka == 1) {
		if (pre_rank(a->pre) != pre_rank(b->pre))
			return pre_rank(a->pre) < pre_rank(b->pre) ? -1 : 1;
		if ((c = num_cmp(a->pre_n, b->pre_n)))
			return c;
	}
	if (a->has_post != b->has_post)
		return a->has_post ? 1 : -1;
	if (a->has_post && (c = num_cmp(a->post_n, b->post_n)))
		return c;
	if (a->has_dev != b->has_dev)
		return a->has_dev ? -1 : 1;
	if (a->has_dev && (c = num_cmp(a->dev_n, b->dev_n)))
		return c;
	if (a->has_local != b->has_local)
		return a->has_local ? 1 : -1;
	return a->has_local ? local_cmp(a->local, b->local) : 0;
}
bool
pep440_version_is_prerelease(const struct pep440_version *v)
{
	return v->pre || v->has_dev;
}

/* A number as packaging's int() prints it: "0" for the empty digit string. */
static void
put_num(struct strbuf *out, struct sv n)
{
	if (n.len)
		strbuf_add(out, n.ptr, n.len);
	else
		strbuf_addch(out, '0');
}

int
pep440_version_write(struct strbuf *out, const struct pep440_version *v, enum pep440_spelling how)
{
	size_t n_release = v->n_release;

	if (v->epoch.len) {
		put_num(out, v->epoch);
		strbuf_addch(out, '!');
	}
	/* canonicalize_version() drops the release's trailing ".0"s, keeping one number. */
	while (how == PEP440_CANONICAL && n_release > 1 && v->release[n_release - 1].len == 0)
		n_release--;
	for (size_t i = 0; i < n_release; i++) {
		if (i)
			strbuf_addch(out, '.');
		put_num(out, v->release[i]);
	}
	if (v->pre) {
		strbuf_adds(out, v->pre == 'a' ? "a" : v->pre == 'b' ? "b" : "rc");
		put_num(out, v->pre_n);
	}
	if (v->has_post) {
		strbuf_adds(out, ".post");
		put_num(out, v->post_n);
	}
	if (v->has_dev) {
		strbuf_adds(out, ".dev");
		put_num(out, v->dev_n);
	}
	if (how != PEP440_PUBLIC && v->has_local) {
		size_t pos = 0;
		struct sv part;

		strbuf_addch(out, '+');
		for (bool first = true; pep440_local_next(v->local, &pos, &part); first = false) {
			if (!first)
				strbuf_addch(out, '.');
			if (pep440_all_digits(part)) {
				put_num(out, strip_zeros(part));
				continue;
			}
			for (size_t i = 0; i < part.len; i++)
				strbuf_addch(out, ascii_lower(part.ptr[i]));
		}
	}
	return out->failed ? -1 : 0;
}

char *
pep440_canonical_version(struct arena *arena, struct sv version)
{
	struct pep440_version v;
	struct strbuf out = STRBUF_INIT;
	char *result;

	if (pep440_version_parse(&v, version, PEP440_LOCAL) &&
	    pep440_version_write(&out, &v, PEP440_CANONICAL) == 0)
		result = arena_strndup(arena, strbuf_sv(&out));
	else if (out.failed)
		result = NULL;
	else
		result = arena_strndup(arena, version);
	strbuf_release(&out);
	return result;
}
