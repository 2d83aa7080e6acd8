/*
 * PEP 440 versions and the specifiers a marker comparison may be, the way
 * packaging 21.3 reads and compares them. Versions follow PEP 440's
 * appendix B pattern (packaging's VERSION_PATTERN):
 *
 *   version = "v"? [N "!"] N ("." N)* [pre] [post] [dev] ["+" local]
 *   pre     = [-_.]? ("a"|"b"|"c"|"rc"|"alpha"|"beta"|"pre"|"preview") [-_.]? N?
 *   post    = "-" N | [-_.]? ("post"|"rev"|"r") [-_.]? N?
 *   dev     = [-_.]? "dev" [-_.]? N?
 *   local   = [a-z0-9]+ ([-_.] [a-z0-9]+)*          (letters case-insensitive)
 */
#include "resolve/pep440.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define PYVER_MAX_PARTS 64     /* release numbers or split items we keep */

/* Numbers are digit strings without leading zeros (empty is 0): no overflow. */
struct pyver {
	struct sv epoch;
	struct sv release[PYVER_MAX_PARTS];
	size_t n_release;
	char pre;               /* 0, 'a', 'b' or 'r' (rc) */
	struct sv pre_n;
	bool has_post, has_dev, has_local, wildcard;
	struct sv post_n, dev_n;
	struct sv local;        /* as written after "+" */
};

enum {
	PV_LOCAL = 1,           /* "+local" allowed */
	PV_WILDCARD = 2,        /* a trailing ".*" allowed (then no dev, no local) */
	PV_TWO = 4,             /* at least two release numbers (~=) */
	PV_NO_LOCAL_DEV = 0,
};

struct scanner {
	struct sv s;
	size_t pos;
};

static bool
is_space(char c)
{
	/* what Python's \s and str.strip() take in ASCII, the four separators included */
	return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\x1c' && c <= '\x1f');
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool
sc_word(struct scanner *sc, const char *w)
{
	size_t n = strlen(w);

	if (sc->s.len - sc->pos < n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (lower(sc->s.ptr[sc->pos + i]) != w[i])
			return false;
	sc->pos += n;
	return true;
}

static bool
sc_sep(struct scanner *sc)
{
	if (sc->pos < sc->s.len && strchr("-_.", sc->s.ptr[sc->pos])) {
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

	while (sc->pos < sc->s.len && is_digit(sc->s.ptr[sc->pos]))
		sc->pos++;
	if (sc->pos == start)
		return false;
	while (start < sc->pos && sc->s.ptr[start] == '0')
		start++;
	*out = sv_make(sc->s.ptr + start, sc->pos - start);
	return true;
}

static struct sv
trim_py(struct sv s)
{
	while (s.len && is_space(s.ptr[0]))
		s = sv_tail(s, 1);
	while (s.len && is_space(s.ptr[s.len - 1]))
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

/* local = [a-z0-9]+ ([-_.] [a-z0-9]+)* */
static bool
is_alnum(char c)
{
	c = lower(c);
	return is_digit(c) || (c >= 'a' && c <= 'z');
}

static bool
parse_local(struct scanner *sc)
{
	for (;;) {
		size_t start = sc->pos;
		while (sc->pos < sc->s.len && is_alnum(sc->s.ptr[sc->pos]))
			sc->pos++;
		if (sc->pos == start)
			return false;
		if (sc->pos + 1 < sc->s.len && strchr("-_.", sc->s.ptr[sc->pos]) &&
		    is_alnum(sc->s.ptr[sc->pos + 1])) {
			sc->pos++;
			continue;
		}
		return true;
	}
}

/* Parses the whole of @text (spaces around allowed) as a version under @flags. */
static bool
pyver_parse(struct pyver *v, struct sv text, unsigned flags)
{
	static const char *const pre_words[] = { "preview", "alpha", "beta", "pre", "rc", "a", "b", "c" };
	static const char *const post_words[] = { "post", "rev", "r" };
	static const char *const dev_words[] = { "dev" };
	struct scanner sc = { trim_py(text), 0 };
	size_t dangling = SIZE_MAX;
	int which;

	memset(v, 0, sizeof(*v));
	if (sc.pos < sc.s.len && lower(sc.s.ptr[0]) == 'v')
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
	while (sc.pos + 1 < sc.s.len && sc.s.ptr[sc.pos] == '.' && is_digit(sc.s.ptr[sc.pos + 1])) {
		sc.pos++;
		sc_number(&sc, &n);
		if (v->n_release == PYVER_MAX_PARTS)
			return false;
		v->release[v->n_release++] = n;
	}
	if ((flags & PV_TWO) && v->n_release < 2)
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
		if (!(flags & PV_LOCAL))
			return false;
		sc.pos++;
		size_t start = sc.pos;
		if (!parse_local(&sc))
			return false;
		v->has_local = true;
		v->local = sv_make(sc.s.ptr + start, sc.pos - start);
	}
	if ((flags & PV_WILDCARD) && !v->has_dev && !v->has_local &&
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
static bool
local_next(struct sv s, size_t *pos, struct sv *part)
{
	if (*pos >= s.len)
		return false;
	size_t start = *pos;
	while (*pos < s.len && !strchr("-_.", s.ptr[*pos]))
		(*pos)++;
	*part = sv_make(s.ptr + start, *pos - start);
	if (*pos < s.len)
		(*pos)++;
	return true;
}

static bool
all_digits(struct sv s)
{
	for (size_t i = 0; i < s.len; i++)
		if (!is_digit(s.ptr[i]))
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
		bool hx = local_next(a, &pa, &x), hy = local_next(b, &pb, &y);
		if (!hx || !hy)
			return hx == hy ? 0 : hx ? 1 : -1;
		bool nx = all_digits(x), ny = all_digits(y);
		if (nx != ny)
			return nx ? 1 : -1;
		int c = 0;
		if (nx) {
			c = num_cmp(strip_zeros(x), strip_zeros(y));
		} else {
			for (size_t i = 0; !c && i < x.len && i < y.len; i++)
				c = (unsigned char)lower(x.ptr[i]) - (unsigned char)lower(y.ptr[i]);
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
static int
pyver_cmp(const struct pyver *a, const struct pyver *b)
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

static bool
pyver_is_prerelease(const struct pyver *v)
{
	return v->pre || v->has_dev;
}

static void
put_num(char *buf, size_t size, size_t *len, struct sv n)
{
	if (!n.len)
		n = SV_LIT("0");
	for (size_t i = 0; i < n.len; i++)
		if (*len + 1 < size)
			buf[(*len)++] = n.ptr[i];
	buf[*len] = '\0';
}

static void
put_str(char *buf, size_t size, size_t *len, const char *s)
{
	put_num(buf, size, len, sv_from_cstr(s));
}

/* str(Version): the normalised form. Without @local, Version.public. */
static void
pyver_str(char *buf, size_t size, const struct pyver *v, bool local)
{
	size_t len = 0;

	buf[0] = '\0';
	if (v->epoch.len) {
		put_num(buf, size, &len, v->epoch);
		put_str(buf, size, &len, "!");
	}
	for (size_t i = 0; i < v->n_release; i++) {
		if (i)
			put_str(buf, size, &len, ".");
		put_num(buf, size, &len, v->release[i]);
	}
	if (v->pre) {
		put_str(buf, size, &len, v->pre == 'a' ? "a" : v->pre == 'b' ? "b" : "rc");
		put_num(buf, size, &len, v->pre_n);
	}
	if (v->has_post) {
		put_str(buf, size, &len, ".post");
		put_num(buf, size, &len, v->post_n);
	}
	if (v->has_dev) {
		put_str(buf, size, &len, ".dev");
		put_num(buf, size, &len, v->dev_n);
	}
	if (local && v->has_local) {
		size_t pos = 0;
		struct sv part;
		put_str(buf, size, &len, "+");
		for (bool first = true; local_next(v->local, &pos, &part); first = false) {
			if (!first)
				put_str(buf, size, &len, ".");
			if (all_digits(part)) {
				put_num(buf, size, &len, strip_zeros(part));
				continue;
			}
			for (size_t i = 0; i < part.len && len + 1 < size; i++)
				buf[len++] = lower(part.ptr[i]);
			buf[len] = '\0';
		}
	}
}

/* packaging's _version_split: dots, and "1rc2" as "1", "rc2". */
static size_t
version_split(struct sv out[], struct sv s)
{
	size_t n = 0, pos = 0;

	for (;;) {
		size_t dot = sv_find_char(sv_tail(s, pos), '.');
		struct sv item = sv_slice(s, pos, dot == SV_NPOS ? s.len - pos : dot);
		size_t d = 0;
		while (d < item.len && is_digit(item.ptr[d]))
			d++;
		struct sv rest = sv_tail(item, d);
		size_t l = sv_starts_with(rest, SV_LIT("rc")) ? 2 :
			   rest.len && strchr("abc", rest.ptr[0]) ? 1 : 0;
		if (d && l && all_digits(sv_tail(rest, l))) {
			if (n < PYVER_MAX_PARTS)
				out[n++] = sv_slice(item, 0, d);
			item = rest;
		}
		if (n < PYVER_MAX_PARTS)
			out[n++] = item;
		if (dot == SV_NPOS)
			return n;
		pos += dot + 1;
	}
}

/* packaging's _pad_version then list equality. */
static bool
padded_equal(const struct sv *a, size_t na, const struct sv *b, size_t nb)
{
	size_t ra = 0, rb = 0;
	while (ra < na && all_digits(a[ra]))
		ra++;
	while (rb < nb && all_digits(b[rb]))
		rb++;
	size_t len = (ra > rb ? ra : rb);
	if (na - ra != nb - rb)
		return false;
	for (size_t i = 0; i < len; i++) {
		struct sv x = i < ra ? a[i] : SV_LIT("0");
		struct sv y = i < rb ? b[i] : SV_LIT("0");
		if (!sv_eq(x, y))
			return false;
	}
	for (size_t i = 0; i < na - ra; i++)
		if (!sv_eq(a[ra + i], b[rb + i]))
			return false;
	return true;
}

/* Specifier._compare_equal; @spec validated, spaces trimmed. */
static bool
spec_equal(const struct pyver *item, struct sv spec)
{
	if (sv_ends_with(spec, SV_LIT(".*"))) {
		struct sv want[PYVER_MAX_PARTS], have[PYVER_MAX_PARTS];
		char buf[1024];
		pyver_str(buf, sizeof(buf), item, false);
		size_t nw = version_split(want, sv_make(spec.ptr, spec.len - 2));
		size_t nh = version_split(have, sv_from_cstr(buf));
		return padded_equal(have, nh < nw ? nh : nw, want, nw);
	}
	struct pyver sv_, pub = *item;
	pyver_parse(&sv_, spec, PV_LOCAL);
	if (!sv_.has_local)
		pub.has_local = false;
	return pyver_cmp(&pub, &sv_) == 0;
}

static bool
spec_compatible(const struct pyver *item, struct sv spec)
{
	struct sv parts[PYVER_MAX_PARTS];
	struct pyver s, pub = *item;
	char prefix[1024];
	size_t n = version_split(parts, spec), keep = 0, len = 0;

	while (keep < n && !sv_starts_with(parts[keep], SV_LIT("dev")) &&
	       !sv_starts_with(parts[keep], SV_LIT("a")) && !sv_starts_with(parts[keep], SV_LIT("b")) &&
	       !sv_starts_with(parts[keep], SV_LIT("rc")) && !sv_starts_with(parts[keep], SV_LIT("post")))
		keep++;
	prefix[0] = '\0';
	for (size_t i = 0; i + 1 < keep; i++) {
		if (i)
			put_str(prefix, sizeof(prefix), &len, ".");
		for (size_t j = 0; j < parts[i].len && len + 1 < sizeof(prefix); j++)
			prefix[len++] = parts[i].ptr[j];
		prefix[len] = '\0';
	}
	put_str(prefix, sizeof(prefix), &len, ".*");
	pyver_parse(&s, spec, 0);
	pub.has_local = false;
	return pyver_cmp(&pub, &s) >= 0 && spec_equal(item, sv_from_cstr(prefix));
}

/* Specifier(op + version).contains(lhs) for a valid specifier. */
bool
pep440_spec_contains(const char *op, struct sv version, struct sv lhs)
{
	struct pyver item, s;
	bool is_version = pyver_parse(&item, lhs, PV_LOCAL);
	bool prereleases = false;

	if (!strcmp(op, "==") || !strcmp(op, ">=") || !strcmp(op, "<=") || !strcmp(op, "~=") ||
	    !strcmp(op, "===")) {
		struct sv v = version;
		if (!strcmp(op, "==") && sv_ends_with(v, SV_LIT(".*")))
			v.len -= 2;
		prereleases = pyver_parse(&s, v, PV_LOCAL) && pyver_is_prerelease(&s);
	}
	if (is_version && pyver_is_prerelease(&item) && !prereleases)
		return false;
	if (!strcmp(op, "===")) {
		char buf[1024];
		struct sv a = lhs;
		if (is_version) {
			pyver_str(buf, sizeof(buf), &item, true);
			a = sv_from_cstr(buf);
		}
		return sv_eq_nocase(a, version);
	}
	if (!is_version)
		return false;   /* a LegacyVersion never satisfies a PEP 440 specifier */
	if (!strcmp(op, "=="))
		return spec_equal(&item, version);
	if (!strcmp(op, "!="))
		return !spec_equal(&item, version);
	if (!strcmp(op, "~="))
		return spec_compatible(&item, version);
	pyver_parse(&s, version, 0);
	struct pyver pub = item;
	pub.has_local = false;
	int c = pyver_cmp(&pub, &s);
	if (!strcmp(op, "<="))
		return c <= 0;
	if (!strcmp(op, ">="))
		return c >= 0;
	struct pyver base_i = { .epoch = item.epoch, .n_release = item.n_release };
	struct pyver base_s = { .epoch = s.epoch, .n_release = s.n_release };
	memcpy(base_i.release, item.release, sizeof(item.release));
	memcpy(base_s.release, s.release, sizeof(s.release));
	bool same_base = pyver_cmp(&base_i, &base_s) == 0;
	if (!strcmp(op, "<")) {
		if (pyver_cmp(&item, &s) >= 0)
			return false;
		return !(!pyver_is_prerelease(&s) && pyver_is_prerelease(&item) && same_base);
	}
	if (pyver_cmp(&item, &s) <= 0)
		return false;
	if (!s.has_post && item.has_post && same_base)
		return false;
	return !(item.has_local && same_base);
}

/*
 * Whether op + rhs is a valid packaging Specifier, as its regex reads it:
 * the operator alternatives are tried in the regex's order, so "<" + "=3"
 * is the specifier "<=3". Sets the operator and the trimmed version.
 */
bool
pep440_spec_parse(const char **op_out, struct sv *version, const char *op, struct sv rhs,
		  char *buf, size_t size)
{
	static const char *const ops[] = { "~=", "==", "!=", "<=", ">=", "<", ">", "===" };
	size_t oplen = strlen(op);

	if (oplen + rhs.len + 1 > size)
		return false;
	memcpy(buf, op, oplen);
	memcpy(buf + oplen, rhs.ptr, rhs.len);
	struct sv all = sv_make(buf, oplen + rhs.len);
	for (size_t i = 0; i < 8; i++) {
		struct sv o = sv_from_cstr(ops[i]);
		if (!sv_starts_with(all, o))
			continue;
		struct sv v = trim_py(sv_tail(all, o.len));
		struct pyver pv;
		bool ok;
		if (i == 7) {
			ok = true;
			for (size_t j = 0; j < v.len; j++)
				ok = ok && !is_space(v.ptr[j]);
		} else if (i == 1 || i == 2) {
			ok = pyver_parse(&pv, v, PV_LOCAL | PV_WILDCARD);
		} else {
			ok = pyver_parse(&pv, v, i == 0 ? PV_TWO : PV_NO_LOCAL_DEV);
		}
		if (ok) {
			*op_out = ops[i];
			*version = v;
			return true;
		}
	}
	return false;
}
