/*
 * The canonical spelling of a PEP 440 version, as packaging's
 * canonicalize_version() writes it: two specifiers are the same one when
 * their operators and canonical versions are equal ("<=v1.0" and "<=1").
 *
 *   version = "v"? (N "!")? N ("." N)* pre? post? dev? ("+" local)?  (any case)
 *   pre     = sep? ("a" | "b" | "c" | "rc" | "alpha" | "beta" | "pre" | "preview") sep? N?
 *   post    = "-" N | sep? ("post" | "rev" | "r") sep? N?
 *   dev     = sep? "dev" sep? N?                         sep = "-" | "_" | "."
 *   local   = [a-z0-9]+ (sep [a-z0-9]+)*
 *
 * Written: epoch "!" when not 0, the release without trailing ".0"s, the
 * pre-release as letter and number (a, b, rc), ".postN", ".devN", "+local"
 * lower-cased with "." between its parts and numbers without leading zeros.
 * Anything else (a wildcard "1.*", an arbitrary "===" string) is kept as it is.
 */
#include "lex/pep440_canon.h"

#include <string.h>

#include "deputy/strbuf.h"

struct vscan {
	struct sv s;
	size_t i;
};

static int
lower_at(const struct vscan *v, size_t i)
{
	int c = i < v->s.len ? (unsigned char)v->s.ptr[i] : -1;

	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static bool
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool
is_sep(int c)
{
	return c == '-' || c == '_' || c == '.';
}

/* Skips one separator at the cursor when there is one. */
static void
skip_sep(struct vscan *v)
{
	if (is_sep(lower_at(v, v->i)))
		v->i++;
}

/* A run of digits at the cursor, appended without leading zeros; false when none. */
static bool
number(struct vscan *v, struct strbuf *out)
{
	size_t start = v->i;

	while (is_digit(lower_at(v, v->i)))
		v->i++;
	if (v->i == start)
		return false;
	while (start + 1 < v->i && v->s.ptr[start] == '0')
		start++;
	strbuf_add(out, v->s.ptr + start, v->i - start);
	return true;
}

/* The word at the cursor when it is one of @words (longest first); its index or -1. */
static int
word(struct vscan *v, const char *const *words, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		size_t len = strlen(words[k]), j = 0;
		while (j < len && lower_at(v, v->i + j) == words[k][j])
			j++;
		if (j == len) {
			v->i += len;
			return (int)k;
		}
	}
	return -1;
}

/* An optional number after an optional separator: appended, "0" when absent. */
static void
letter_number(struct vscan *v, struct strbuf *out)
{
	size_t at = v->i;

	skip_sep(v);
	if (!number(v, out)) {
		v->i = at;
		strbuf_addch(out, '0');
	}
}

static bool
parse(struct vscan *v, struct strbuf *out)
{
	static const char *const pre[] = { "preview", "alpha", "beta", "pre", "rc", "a", "b", "c" };
	static const char *const pre_as[] = { "rc", "a", "b", "rc", "rc", "a", "b", "rc" };
	static const char *const post[] = { "post", "rev", "r" };
	struct strbuf num = STRBUF_INIT, release = STRBUF_INIT;
	size_t at;
	bool ok = false;

	if (lower_at(v, v->i) == 'v')
		v->i++;
	/* epoch, or the first release number */
	if (!number(v, &num))
		goto done;
	if (lower_at(v, v->i) == '!') {
		v->i++;
		if (strcmp(num.ptr, "0") != 0) {
			strbuf_adds(out, num.ptr);
			strbuf_addch(out, '!');
		}
		num.len = 0;
		if (!number(v, &num))
			goto done;
	}
	strbuf_adds(&release, num.ptr);
	while (lower_at(v, v->i) == '.' && is_digit(lower_at(v, v->i + 1))) {
		v->i++;
		strbuf_addch(&release, '.');
		number(v, &release);
	}
	while (release.len > 2 && !strcmp(release.ptr + release.len - 2, ".0")) {
		release.len -= 2;
		release.ptr[release.len] = '\0';
	}
	strbuf_adds(out, release.ptr);
	/* pre-release */
	at = v->i;
	skip_sep(v);
	int k = word(v, pre, sizeof(pre) / sizeof(pre[0]));
	if (k >= 0) {
		strbuf_adds(out, pre_as[k]);
		letter_number(v, out);
	} else {
		v->i = at;
	}
	/* post-release */
	at = v->i;
	if (lower_at(v, v->i) == '-' && is_digit(lower_at(v, v->i + 1))) {
		v->i++;
		strbuf_adds(out, ".post");
		number(v, out);
	} else {
		skip_sep(v);
		if (word(v, post, sizeof(post) / sizeof(post[0])) >= 0) {
			strbuf_adds(out, ".post");
			letter_number(v, out);
		} else {
			v->i = at;
		}
	}
	/* development release */
	at = v->i;
	skip_sep(v);
	static const char *const dev[] = { "dev" };
	if (word(v, dev, 1) == 0) {
		strbuf_adds(out, ".dev");
		letter_number(v, out);
	} else {
		v->i = at;
	}
	/* local version */
	if (lower_at(v, v->i) == '+') {
		v->i++;
		strbuf_addch(out, '+');
		for (bool first = true;; first = false) {
			size_t start = v->i;
			if (!first) {
				if (!is_sep(lower_at(v, v->i)))
					break;
				v->i++;
				start = v->i;
			}
			bool digits = true;
			while (is_digit(lower_at(v, v->i)) ||
			       (lower_at(v, v->i) >= 'a' && lower_at(v, v->i) <= 'z')) {
				digits = digits && is_digit(lower_at(v, v->i));
				v->i++;
			}
			if (v->i == start)
				goto done;              /* "+" or a separator with nothing after */
			if (!first)
				strbuf_addch(out, '.');
			if (digits) {
				v->i = start;
				number(v, out);
			} else {
				for (size_t j = start; j < v->i; j++)
					strbuf_addch(out, (char)lower_at(v, j));
			}
		}
	}
	ok = v->i == v->s.len && !out->failed;
done:
	strbuf_release(&num);
	strbuf_release(&release);
	return ok;
}

char *
pep440_canonical_version(struct arena *arena, struct sv version)
{
	struct vscan v = { sv_trim(version), 0 };
	struct strbuf out = STRBUF_INIT;
	char *result;

	if (parse(&v, &out))
		result = arena_strndup(arena, strbuf_sv(&out));
	else
		result = arena_strndup(arena, version);
	strbuf_release(&out);
	return result;
}
