/*
 * Poetry's "python" key of a dependency (`dataclasses = { version = "*",
 * python = "<3.7" }`) as the PEP 508 marker Poetry writes for it into a
 * package's metadata: python_version for a version of one or two numbers,
 * python_full_version for a longer one, a pre-release or a wildcard; "^" and
 * "~" spelled out as the ranges they stand for (python-poetry.org/docs/
 * dependency-specification).
 *
 *   constraint  = alternative ( ( "||" | "|" ) alternative )*
 *   alternative = term ( ( "," | " " ) term )*
 *   term        = "*" | [ op ] version
 *   op          = "^" | "~" | "~=" | "==" | "=" | "!=" | ">=" | "<=" | ">" | "<"
 *   version     = number ( "." number )* [ ".*" | suffix ]
 */
#include "detect/poetry_python.h"

#include <stdio.h>
#include <string.h>

#include "deputy/ascii.h"
#include "deputy/diag.h"
#include "deputy/strbuf.h"
#include "lex/pep440_version.h"

#define MAX_PARTS 8

struct version {
	struct sv text;
	unsigned long part[MAX_PARTS];
	size_t n;                /* numbers before any suffix */
	bool wildcard;           /* ends in ".*" */
	bool suffix;             /* a pre-release or local part follows the numbers */
};

struct reader {
	struct sv s;
	size_t at;
	struct strbuf *out;      /* where the term being read goes */
};

static bool
at_space(const struct reader *r)
{
	return r->at < r->s.len && (r->s.ptr[r->at] == ' ' || r->s.ptr[r->at] == '\t');
}

static void
skip_spaces(struct reader *r)
{
	while (at_space(r))
		r->at++;
}

static bool
version_char(char c)
{
	return ascii_alnum((unsigned char)c) || c == '.' || c == '*' || c == '+' || c == '!' ||
	       c == '-' || c == '_';
}

/* Reads a version at @r; false when there is none or it is not one. */
static bool
read_version(struct reader *r, struct version *v)
{
	size_t start = r->at;

	while (r->at < r->s.len && version_char(r->s.ptr[r->at]))
		r->at++;
	*v = (struct version){ .text = sv_make(r->s.ptr + start, r->at - start) };
	for (size_t i = 0; i < v->text.len;) {
		unsigned long n = 0;
		size_t digits = 0;

		while (i < v->text.len && ascii_digit((unsigned char)v->text.ptr[i]) && digits < 9)
			n = n * 10 + (unsigned long)(v->text.ptr[i++] - '0'), digits++;
		if (digits == 0 || v->n == MAX_PARTS ||
		    (i < v->text.len && ascii_digit((unsigned char)v->text.ptr[i])))
			return false;
		v->part[v->n++] = n;
		if (i == v->text.len)
			break;
		if (v->text.ptr[i] != '.') {
			v->suffix = true;        /* 3.13.0a1, 3.8.0+local */
			break;
		}
		i++;
		if (i + 1 == v->text.len && v->text.ptr[i] == '*') {
			v->wildcard = true;
			break;
		}
	}
	/* a PEP 440 version ("3.", "3.6abc" are not), a "*" only as the final ".*" */
	struct pep440_version parsed;
	return v->n > 0 && pep440_version_parse(&parsed, v->text, PEP440_LOCAL | PEP440_WILDCARD);
}

/* python_version OP "V": the variable as precise as the version written. */
static void
put_cmp(struct reader *r, const char *op, struct sv version, bool full)
{
	strbuf_printf(r->out, "%s %s \"%.*s\"", full ? "python_full_version" : "python_version",
		      op, (int)version.len, version.ptr);
}

static bool
full_version(const struct version *v)
{
	return v->n > 2 || v->suffix || v->wildcard;
}

/* >= @v and < @v's numbers with number @k raised by one, the later ones zero. */
static void
put_range(struct reader *r, const struct version *v, size_t k)
{
	char upper[MAX_PARTS * 21];
	size_t len = 0;

	for (size_t i = 0; i < v->n && i <= k; i++)
		len += (size_t)snprintf(upper + len, sizeof(upper) - len, "%s%lu", i ? "." : "",
					i < k ? v->part[i] : v->part[i] + 1);
	for (size_t i = k + 1; i < v->n; i++)
		len += (size_t)snprintf(upper + len, sizeof(upper) - len, ".0");
	put_cmp(r, ">=", v->text, full_version(v));
	strbuf_adds(r->out, " and ");
	put_cmp(r, "<", sv_make(upper, len), v->n > 2);
}

/* "^V": up to the next change of the first non-zero number. */
static size_t
caret_part(const struct version *v)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->part[i] != 0)
			return i;
	return v->n - 1;
}

/*
 * One term at @r into the output; *any when it allows every version. False
 * when it is not a term.
 */
static bool
read_term(struct reader *r, bool *any)
{
	static const char *const ops[] = { "~=", "==", "!=", ">=", "<=", "^", "~", "=", ">", "<" };
	const char *op = "";
	struct version v;

	*any = false;
	if (r->at < r->s.len && r->s.ptr[r->at] == '*') {
		r->at++;
		*any = true;
		return true;
	}
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (sv_starts_with(sv_tail(r->s, r->at), sv_from_cstr(ops[i]))) {
			op = ops[i];
			r->at += strlen(op);
			break;
		}
	skip_spaces(r);
	if (!read_version(r, &v))
		return false;
	if (v.wildcard && op[0] && strcmp(op, "==") != 0 && strcmp(op, "=") != 0 &&
	    strcmp(op, "!=") != 0)
		return false;    /* ">=3.*" means nothing */
	if (strcmp(op, "^") == 0)
		put_range(r, &v, caret_part(&v));
	else if (strcmp(op, "~") == 0)
		put_range(r, &v, v.n > 1 ? 1 : 0);
	else if (strcmp(op, "~=") == 0 && v.n < 2)
		return false;
	else
		put_cmp(r, !op[0] || strcmp(op, "=") == 0 ? "==" : op, v.text,
			full_version(&v) || strcmp(op, "~=") == 0);
	return true;
}

static bool
at_or(const struct reader *r)
{
	return r->at < r->s.len && r->s.ptr[r->at] == '|';
}

/* One alternative into @alt: its terms joined with "and"; *any when it allows every version. */
static bool
read_alternative(struct reader *r, struct strbuf *alt, bool *any)
{
	struct strbuf term = STRBUF_INIT;
	size_t terms = 0;
	bool ok = true, term_any;

	*any = true;
	while (ok) {
		skip_spaces(r);
		if (terms && r->at < r->s.len && r->s.ptr[r->at] == ',') {
			r->at++;
			skip_spaces(r);
		}
		if (r->at == r->s.len || at_or(r))
			break;
		strbuf_reset(&term);
		r->out = &term;
		/* a term ends at a space, a comma, a "|" or the end */
		ok = read_term(r, &term_any) &&
		     (r->at == r->s.len || at_space(r) || r->s.ptr[r->at] == ',' || at_or(r));
		if (ok && !term_any) {
			strbuf_printf(alt, "%s%s", *any ? "" : " and ", strbuf_cstr(&term));
			*any = false;
		}
		terms++;
	}
	if (term.failed)
		alt->failed = 1;
	strbuf_release(&term);
	return ok && terms > 0;
}

int
poetry_python_marker(const char **out, struct arena *arena, const char *constraint)
{
	struct strbuf alt = STRBUF_INIT, all = STRBUF_INIT;
	struct reader r = { .s = sv_from_cstr(constraint) };
	size_t n = 0;
	bool any = false, alt_any, several = strchr(constraint, '|') != NULL;
	int rc = 0;

	*out = NULL;
	for (;;) {
		strbuf_reset(&alt);
		if (!read_alternative(&r, &alt, &alt_any)) {
			rc = ERR_SYNTAX;
			break;
		}
		if (alt_any)
			any = true;
		else if (!any) {
			bool paren = several && strstr(strbuf_cstr(&alt), " and ");
			strbuf_printf(&all, "%s%s%s%s", n++ ? " or " : "", paren ? "(" : "",
				      strbuf_cstr(&alt), paren ? ")" : "");
		}
		if (r.at == r.s.len)
			break;
		r.at++;                          /* "|" */
		if (r.at < r.s.len && r.s.ptr[r.at] == '|')
			r.at++;
	}
	if (rc == 0 && (alt.failed || all.failed))
		rc = ERR_NOMEM;
	if (rc == 0 && !(*out = arena_strndup(arena, any ? sv_make("", 0) : strbuf_sv(&all))))
		rc = ERR_NOMEM;
	strbuf_release(&alt);
	strbuf_release(&all);
	return rc;
}
