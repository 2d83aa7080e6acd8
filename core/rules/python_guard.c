/*
 * Whether a PEP 508 marker keeps a requirement off every Python from 3.N on,
 * whatever else the marker asks about (python_guard.h).
 *
 *   marker = and ( "or" and )*
 *   and    = atom ( "and" atom )*
 *   atom   = "(" marker ")" | value op value
 *   value  = variable | 'string' | "string"
 *   op     = "<=" | "<" | "!=" | "==" | ">=" | ">" | "~=" | "===" | "in" | "not" "in"
 *
 * Each comparison of python_version or python_full_version with a string is
 * evaluated alone, by the marker evaluator (resolve/marker.c), for each
 * Python tried; every other comparison (sys_platform, extra, ...) may be true
 * or false, so the logic has three values: false, unknown, true. The Pythons
 * tried are 3.N.0 to 3.PYTHON_GUARD_LAST_MINOR.0, and each version the marker
 * names at or after 3.N together with one just above it, where a comparison
 * can change its answer.
 */
#include "rules/python_guard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deputy/ascii.h"
#include "resolve/marker.h"

/* Longer markers, or more versions named in one, are not looked into. */
#define GUARD_MAX_LEN 4096
#define GUARD_MAX_VERSIONS 32
#define GUARD_MAX_DEPTH 32

enum tri { TRI_FALSE, TRI_UNKNOWN, TRI_TRUE };

enum tok_kind { TOK_END, TOK_LPAREN, TOK_RPAREN, TOK_STRING, TOK_NAME, TOK_OP, TOK_BAD };

struct guard {
	const char *s;
	size_t len, at;
	struct marker_env env;   /* the Python tried */
	unsigned depth;
	bool bad;                /* not a marker this reader follows */
};

struct token {
	enum tok_kind kind;
	size_t start, end;       /* a string's quotes included */
};

static struct token
peek(const struct guard *g)
{
	size_t i = g->at;
	const char *s = g->s;

	while (i < g->len && ascii_space((unsigned char)s[i]))
		i++;
	struct token t = { TOK_END, i, i };
	if (i == g->len)
		return t;
	char c = s[i];
	if (c == '(' || c == ')') {
		t.kind = c == '(' ? TOK_LPAREN : TOK_RPAREN;
		t.end = i + 1;
	} else if (c == '\'' || c == '"') {
		const char *close = memchr(s + i + 1, c, g->len - i - 1);
		t.kind = close ? TOK_STRING : TOK_BAD;
		t.end = close ? (size_t)(close - s) + 1 : g->len;
	} else if (ascii_alpha((unsigned char)c) || c == '_') {
		t.kind = TOK_NAME;
		for (t.end = i; t.end < g->len && (ascii_alnum((unsigned char)s[t.end]) ||
						    s[t.end] == '_' || s[t.end] == '.'); t.end++)
			;
	} else if (byte_in("<>=!~", c)) {
		t.kind = TOK_OP;
		for (t.end = i; t.end < g->len && byte_in("<>=!~", s[t.end]); t.end++)
			;
	} else {
		t.kind = TOK_BAD;
		t.end = i + 1;
	}
	return t;
}

static bool
tok_is(const struct guard *g, struct token t, const char *word)
{
	return t.end - t.start == strlen(word) && memcmp(g->s + t.start, word, t.end - t.start) == 0;
}

static bool
is_python_var(const struct guard *g, struct token t)
{
	return t.kind == TOK_NAME && (tok_is(g, t, "python_version") ||
				      tok_is(g, t, "python_full_version"));
}

static struct token
next(struct guard *g)
{
	struct token t = peek(g);

	g->at = t.end;
	if (t.kind == TOK_BAD)
		g->bad = true;
	return t;
}

/* value op value: a Python comparison evaluated, anything else unknown. */
static enum tri
read_comparison(struct guard *g)
{
	struct token lhs = next(g), op = next(g);
	bool holds;

	if (op.kind == TOK_NAME && tok_is(g, op, "not")) {
		op = next(g);
		if (!tok_is(g, op, "in"))
			g->bad = true;
	} else if (op.kind != TOK_OP && !(op.kind == TOK_NAME && tok_is(g, op, "in"))) {
		g->bad = true;
	}
	struct token rhs = next(g);
	if ((lhs.kind != TOK_NAME && lhs.kind != TOK_STRING) ||
	    (rhs.kind != TOK_NAME && rhs.kind != TOK_STRING))
		g->bad = true;
	if (g->bad)
		return TRI_UNKNOWN;
	bool python = (is_python_var(g, lhs) && rhs.kind == TOK_STRING) ||
		      (lhs.kind == TOK_STRING && is_python_var(g, rhs));
	bool constant = lhs.kind == TOK_STRING && rhs.kind == TOK_STRING;
	if (!python && !constant)
		return TRI_UNKNOWN;
	if (marker_evaluate(&holds, &g->env, sv_make(g->s + lhs.start, rhs.end - lhs.start),
			    NULL, 0) != 0)
		return TRI_UNKNOWN;
	return holds ? TRI_TRUE : TRI_FALSE;
}

static enum tri read_or(struct guard *g);

static enum tri
read_atom(struct guard *g)
{
	if (peek(g).kind != TOK_LPAREN)
		return read_comparison(g);
	next(g);
	if (++g->depth > GUARD_MAX_DEPTH) {
		g->bad = true;
		return TRI_UNKNOWN;
	}
	enum tri v = read_or(g);
	g->depth--;
	if (next(g).kind != TOK_RPAREN)
		g->bad = true;
	return v;
}

static enum tri
read_and(struct guard *g)
{
	enum tri v = read_atom(g);

	while (!g->bad && tok_is(g, peek(g), "and")) {
		next(g);
		enum tri w = read_atom(g);
		v = w < v ? w : v;
	}
	return v;
}

static enum tri
read_or(struct guard *g)
{
	enum tri v = read_and(g);

	while (!g->bad && tok_is(g, peek(g), "or")) {
		next(g);
		enum tri w = read_and(g);
		v = w > v ? w : v;
	}
	return v;
}

/* Whether @marker may hold on the Python @full ("3.8.0"), whose python_version is @short. */
static bool
may_hold(const char *marker, size_t len, const char *short_version, const char *full)
{
	struct guard g = { .s = marker, .len = len };

	marker_env_init_linux(&g.env, short_version, full);
	enum tri v = read_or(&g);
	if (peek(&g).kind != TOK_END)
		g.bad = true;
	return g.bad || v != TRI_FALSE;
}

/* @full tried, with its python_version; false when it may hold there. */
static bool
excluded_at(const char *marker, size_t len, unsigned long major, unsigned long minor,
	    const char *full)
{
	char short_version[48];

	snprintf(short_version, sizeof(short_version), "%lu.%lu", major, minor);
	return !may_hold(marker, len, short_version, full);
}

/*
 * The versions @marker names as quoted strings that are at or after
 * 3.@since: each, and each with ".1" after it (just above). False when one
 * cannot be read as numbers or there are too many.
 */
static bool
excluded_at_named(const char *marker, size_t len, int since)
{
	size_t tried = 0;

	for (size_t i = 0; i < len; i++) {
		if (marker[i] != '"' && marker[i] != '\'')
			continue;
		const char *close = memchr(marker + i + 1, marker[i], len - i - 1);
		if (!close)
			return false;
		size_t n = (size_t)(close - marker) - i - 1;
		const char *v = marker + i + 1;
		char full[48];
		unsigned long major, minor = 0;
		char *end;
		i = (size_t)(close - marker);
		if (n == 0 || n >= 32 || !ascii_digit((unsigned char)v[0]))
			continue;        /* "win32", "linux": not a version */
		major = strtoul(v, &end, 10);
		if (end < v + n && *end == '.' && ascii_digit((unsigned char)end[1]))
			minor = strtoul(end + 1, &end, 10);
		if (major < 3 || (major == 3 && minor < (unsigned long)since))
			continue;
		if (++tried > GUARD_MAX_VERSIONS)
			return false;
		for (int above = 0; above < 2; above++) {
			snprintf(full, sizeof(full), "%.*s%s", (int)n, v, above ? ".1" : "");
			if (!excluded_at(marker, len, major, minor, full))
				return false;
		}
	}
	return true;
}

bool
python_guard_excludes(const char *marker, int since)
{
	size_t len = marker ? strlen(marker) : 0;
	char full[16];

	if (!len || len > GUARD_MAX_LEN || since < 0)
		return false;
	for (int minor = since; minor <= PYTHON_GUARD_LAST_MINOR; minor++) {
		snprintf(full, sizeof(full), "3.%d.0", minor);
		if (!excluded_at(marker, len, 3, (unsigned long)minor, full))
			return false;
	}
	return excluded_at_named(marker, len, since);
}
