/*
 * Python literal expressions over pytok tokens, read the way ast.parse and
 * ast.literal_eval read them (Python 3.11, Doc/reference/lexical_analysis.rst
 * "String and Bytes literals", Lib/ast.py literal_eval), plus names resolved
 * by the caller and '+' of two sequences or strings:
 *
 *   expr_list = expr {"," expr} [","]             (a tuple when a comma is seen)
 *   expr      = sum                               (then a terminator, or dynamic)
 *   sum       = unary {"+" unary}                 (list+list, tuple+tuple, str+str, bytes+bytes)
 *   unary     = ("-" | "+") NUMBER | atom
 *   atom      = STRING {STRING} | NUMBER | NAME
 *             | "(" [expr_list] ")" | "[" [items] "]" | "{" [dict | items] "}"
 *   items     = expr {"," expr} [","]
 *   dict      = expr ":" expr {"," expr ":" expr} [","]
 *
 * An atom followed by "(", "[" or "." (a call, a subscript, an attribute), a
 * starred item, a comprehension, any other operator or keyword make the value
 * dynamic; the reader then skips to the end of that expression and goes on.
 */
#include "lex/pyliteral.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "deputy/array.h"
#include "deputy/ascii.h"
#include "deputy/strbuf.h"
#include "deputy/utf8.h"

struct items {
	struct pyval **v;
	size_t n, cap;
};

static int eval_expr(struct pyval **out, struct pyliteral *lit, size_t *pos, bool colon);

/* Why a bracket holds a comprehension: the whole bracket is dynamic then. */
static const char why_comprehension[] = "a comprehension";

static bool
skippable(const struct pytok *t)
{
	return t->type == PYTOK_NL || t->type == PYTOK_COMMENT;
}

/* The token at *@pos after any NL and COMMENT tokens (*@pos moves past them). */
static const struct pytok *
peek(struct pyliteral *lit, size_t *pos)
{
	while (*pos + 1 < lit->count && skippable(&lit->toks[*pos]))
		(*pos)++;
	if (*pos >= lit->count)
		*pos = lit->count - 1;
	return &lit->toks[*pos];
}

static bool
is_op(struct pyliteral *lit, const struct pytok *t, const char *op)
{
	return t->type == PYTOK_OP && pytok_is_op(lit->text, t, op);
}

static bool
is_name(struct pyliteral *lit, const struct pytok *t, const char *name)
{
	return t->type == PYTOK_NAME && sv_eq_cstr(pytok_text(lit->text, t), name);
}

static bool
ends_statement(const struct pytok *t)
{
	return t->type == PYTOK_NEWLINE || t->type == PYTOK_ENDMARKER ||
	       t->type == PYTOK_INDENT || t->type == PYTOK_DEDENT;
}

static bool
is_terminator(struct pyliteral *lit, const struct pytok *t, bool colon)
{
	if (ends_statement(t))
		return true;
	if (t->type != PYTOK_OP)
		return false;
	return is_op(lit, t, ",") || is_op(lit, t, ")") || is_op(lit, t, "]") ||
	       is_op(lit, t, "}") || is_op(lit, t, "=") || is_op(lit, t, ";") ||
	       (colon && is_op(lit, t, ":"));
}

static bool
is_open(struct pyliteral *lit, const struct pytok *t)
{
	return is_op(lit, t, "(") || is_op(lit, t, "[") || is_op(lit, t, "{");
}

static bool
is_close(struct pyliteral *lit, const struct pytok *t)
{
	return is_op(lit, t, ")") || is_op(lit, t, "]") || is_op(lit, t, "}");
}

size_t
pyliteral_skip(struct pyliteral *lit, size_t *pos, bool stop_at_colon)
{
	unsigned depth = 0;

	for (;;) {
		const struct pytok *t = peek(lit, pos);
		if (ends_statement(t))
			break;
		if (depth == 0 && is_terminator(lit, t, stop_at_colon))
			break;
		if (is_open(lit, t))
			depth++;
		else if (is_close(lit, t))
			depth--;
		(*pos)++;
	}
	return *pos;
}

static struct pyval *
new_val(struct pyliteral *lit, enum pyval_kind kind, size_t start, size_t end)
{
	struct pyval *v = arena_alloc(lit->arena, sizeof(*v));

	if (!v)
		return NULL;
	memset(v, 0, sizeof(*v));
	v->kind = kind;
	v->at.start = start;
	v->at.end = end < start ? start : end;
	return v;
}

/* The byte just after the last token before *@pos, or @start. */
static size_t
end_before(struct pyliteral *lit, size_t pos, size_t start)
{
	while (pos > 0 && skippable(&lit->toks[pos - 1]))
		pos--;
	if (pos == 0 || lit->toks[pos - 1].at.end < start)
		return start;
	return lit->toks[pos - 1].at.end;
}

/* Skips the rest of the expression and makes it a dynamic value. */
static int
dynamic(struct pyval **out, struct pyliteral *lit, size_t start_tok, size_t *pos, bool colon,
	const char *why)
{
	size_t start = lit->toks[start_tok].at.start;

	pyliteral_skip(lit, pos, colon);
	if (!(*out = new_val(lit, PYVAL_DYNAMIC, start, end_before(lit, *pos, start))))
		return ERR_NOMEM;
	(*out)->why = why;
	return 0;
}

static int
items_push(struct items *it, struct pyval *v)
{
	if (array_reserve(&it->v, &it->cap, it->n, sizeof(*it->v)))
		return ERR_NOMEM;
	it->v[it->n++] = v;
	return 0;
}

/* Makes @v's items from @it (freed). A dynamic item stays an item. */
static int
items_finish(struct pyliteral *lit, struct pyval *v, struct items *it, size_t per_item)
{
	if (it->n) {
		v->items = arena_memdup(lit->arena, it->v, it->n * sizeof(*it->v));
		if (!v->items) {
			free(it->v);
			return ERR_NOMEM;
		}
	}
	v->n_items = it->n / per_item;
	free(it->v);
	return 0;
}

/* ------------------------------------------------------------------ strings */

static void
put_utf8(struct strbuf *sb, uint32_t cp)
{
	char b[4];

	strbuf_add(sb, b, utf8_encode(b, cp));
}

/* @n hex digits at @s (bounded by @end) into *@cp; false when fewer. */
static bool
read_hex(const char *s, const char *end, size_t n, uint32_t *cp)
{
	uint32_t v = 0;

	if ((size_t)(end - s) < n)
		return false;
	for (size_t i = 0; i < n; i++) {
		int d = ascii_hex_value(s[i]);
		if (d < 0)
			return false;
		v = v * 16 + (uint32_t)d;
	}
	*cp = v;
	return true;
}

/* One source character at *@p: a latin-1 byte becomes its code point. */
static void
put_source_char(struct strbuf *sb, const char **p, enum pytok_encoding enc)
{
	unsigned char c = (unsigned char)**p;

	(*p)++;
	if (c >= 0x80 && enc == PYTOK_LATIN1)
		put_utf8(sb, c);
	else
		strbuf_addch(sb, (char)c);
}

/* The escape after a backslash at *@p (moved past it); NULL or why it is not read. */
static const char *
decode_escape(struct strbuf *sb, const char **p, const char *end, bool bytes,
	      enum pytok_encoding enc)
{
	char c = **p;
	uint32_t cp;

	(*p)++;
	switch (c) {
	case '\n': return NULL;
	case '\r':
		if (*p < end && **p == '\n')
			(*p)++;
		return NULL;
	case '\\': case '\'': case '"': strbuf_addch(sb, c); return NULL;
	case 'a': strbuf_addch(sb, '\a'); return NULL;
	case 'b': strbuf_addch(sb, '\b'); return NULL;
	case 'f': strbuf_addch(sb, '\f'); return NULL;
	case 'n': strbuf_addch(sb, '\n'); return NULL;
	case 'r': strbuf_addch(sb, '\r'); return NULL;
	case 't': strbuf_addch(sb, '\t'); return NULL;
	case 'v': strbuf_addch(sb, '\v'); return NULL;
	case 'x':
		if (!read_hex(*p, end, 2, &cp))
			return "a truncated \\x escape";
		*p += 2;
		if (bytes)
			strbuf_addch(sb, (char)cp);
		else
			put_utf8(sb, cp);
		return NULL;
	default:
		break;
	}
	if (c >= '0' && c <= '7') {
		cp = (uint32_t)(c - '0');
		for (int i = 0; i < 2 && *p < end && **p >= '0' && **p <= '7'; i++)
			cp = cp * 8 + (uint32_t)(*(*p)++ - '0');
		if (bytes)
			strbuf_addch(sb, (char)(cp & 0xFF));
		else
			put_utf8(sb, cp);
		return NULL;
	}
	if (!bytes && (c == 'u' || c == 'U')) {
		size_t n = c == 'u' ? 4 : 8;
		if (!read_hex(*p, end, n, &cp))
			return c == 'u' ? "a truncated \\u escape" : "a truncated \\U escape";
		if (cp > 0x10FFFF)
			return "an escape past U+10FFFF";
		*p += n;
		put_utf8(sb, cp);
		return NULL;
	}
	if (!bytes && c == 'N')
		return "a \\N{...} escape";
	/* not an escape: both characters stay */
	strbuf_addch(sb, '\\');
	(*p)--;
	put_source_char(sb, p, enc);
	return NULL;
}

int
pyliteral_decode_string(struct pyval *out, struct arena *arena, struct sv literal,
			enum pytok_encoding encoding)
{
	bool raw = false, bytes = false, fstring = false;
	size_t i = 0, q;
	struct strbuf sb = STRBUF_INIT;
	const char *why = NULL;

	out->kind = PYVAL_DYNAMIC;
	out->str = SV_NULL;
	out->verbatim = false;
	for (; i < literal.len && literal.ptr[i] != '\'' && literal.ptr[i] != '"'; i++) {
		switch (literal.ptr[i] | 0x20) {
		case 'r': raw = true; break;
		case 'b': bytes = true; break;
		case 'f': fstring = true; break;
		case 'u': break;
		default:
			out->why = "a malformed string";
			return 0;
		}
	}
	if (i == literal.len) {
		out->why = "a malformed string";
		return 0;
	}
	q = i + 2 < literal.len && literal.ptr[i + 1] == literal.ptr[i] &&
	    literal.ptr[i + 2] == literal.ptr[i] ? 3 : 1;
	if (literal.len < i + 2 * q ||
	    memcmp(literal.ptr + literal.len - q, literal.ptr + i, q) != 0) {
		out->why = "a malformed string";
		return 0;
	}
	if (fstring) {
		out->why = "an f-string";
		return 0;
	}
	const char *p = literal.ptr + i + q, *end = literal.ptr + literal.len - q;
	bool plain = true;
	out->content_start = i + q;
	while (p < end && !why) {
		unsigned char c = (unsigned char)*p;
		if (c == '\r') {
			/* the tokenizer reads "\r\n" and a lone "\r" as "\n" */
			strbuf_addch(&sb, '\n');
			p += p + 1 < end && p[1] == '\n' ? 2 : 1;
			plain = false;
		} else if (c == '\\' && p + 1 < end) {
			plain = false;
			p++;
			if (raw) {
				strbuf_addch(&sb, '\\');
				if (*p == '\r') {
					strbuf_addch(&sb, '\n');
					p += p + 1 < end && p[1] == '\n' ? 2 : 1;
				} else {
					put_source_char(&sb, &p, encoding);
				}
			} else {
				why = decode_escape(&sb, &p, end, bytes, encoding);
			}
		} else if (c >= 0x80 && bytes) {
			why = "a bytes literal with a non-ascii character";
		} else {
			plain &= c < 0x80 || encoding != PYTOK_LATIN1;
			plain &= c != '\\';
			put_source_char(&sb, &p, encoding);
		}
	}
	if (sb.failed) {
		strbuf_release(&sb);
		return ERR_NOMEM;
	}
	if (why) {
		strbuf_release(&sb);
		out->why = why;
		return 0;
	}
	out->str = SV_LIT("");
	if (sb.len && !(out->str.ptr = arena_memdup(arena, sb.ptr, sb.len))) {
		strbuf_release(&sb);
		return ERR_NOMEM;
	}
	out->str.len = sb.len;
	out->kind = bytes ? PYVAL_BYTES : PYVAL_STR;
	out->verbatim = plain && !bytes;
	strbuf_release(&sb);
	return 0;
}

/* STRING {STRING}: adjacent literals joined; str and bytes may not mix. */
static int
eval_strings(struct pyval **out, struct pyliteral *lit, size_t *pos)
{
	size_t first = *pos, n = 0;
	struct strbuf sb = STRBUF_INIT;
	struct pyval part, *v;
	const char *why = NULL;
	enum pyval_kind kind = PYVAL_DYNAMIC;
	bool verbatim = false;
	size_t content = 0;
	int rc;

	while (peek(lit, pos)->type == PYTOK_STRING) {
		const struct pytok *t = &lit->toks[(*pos)++];
		if ((rc = pyliteral_decode_string(&part, lit->arena, pytok_text(lit->text, t),
						  lit->encoding))) {
			strbuf_release(&sb);
			return rc;
		}
		if (!why && part.kind == PYVAL_DYNAMIC)
			why = part.why;
		else if (!why && n && part.kind != kind)
			why = "str and bytes literals joined";
		kind = part.kind;
		verbatim = n == 0 && part.verbatim;
		content = t->at.start + part.content_start;
		if (!why)
			strbuf_addsv(&sb, part.str);
		n++;
	}
	if (sb.failed) {
		strbuf_release(&sb);
		return ERR_NOMEM;
	}
	size_t start = lit->toks[first].at.start;
	if (!(v = new_val(lit, why ? PYVAL_DYNAMIC : kind, start, end_before(lit, *pos, start)))) {
		strbuf_release(&sb);
		return ERR_NOMEM;
	}
	if (why) {
		v->why = why;
	} else {
		v->str = SV_LIT("");
		if (sb.len && !(v->str.ptr = arena_memdup(lit->arena, sb.ptr, sb.len))) {
			strbuf_release(&sb);
			return ERR_NOMEM;
		}
		v->str.len = sb.len;
		v->verbatim = verbatim && n == 1;
		v->content_start = content;
	}
	strbuf_release(&sb);
	*out = v;
	return 0;
}

/* ------------------------------------------------------------- expressions */

static enum pyval_kind
number_kind(struct sv s)
{
	bool hex = s.len > 1 && s.ptr[0] == '0' && (s.ptr[1] | 0x20) == 'x';

	if ((s.ptr[s.len - 1] | 0x20) == 'j')
		return PYVAL_COMPLEX;
	if (!hex && (sv_find_char(s, '.') != SV_NPOS || sv_find_char(s, 'e') != SV_NPOS ||
		     sv_find_char(s, 'E') != SV_NPOS))
		return PYVAL_FLOAT;
	return PYVAL_INT;
}

/* NUMBER, or a sign and a NUMBER, starting at token @first. */
static int
eval_number(struct pyval **out, struct pyliteral *lit, size_t first, size_t *pos)
{
	const struct pytok *t = &lit->toks[*pos];
	size_t start = lit->toks[first].at.start;
	struct sv num = pytok_text(lit->text, t);
	struct pyval *v = new_val(lit, number_kind(num), start, t->at.end);

	(*pos)++;
	if (!v)
		return ERR_NOMEM;
	if (!(v->str.ptr = arena_memdup(lit->arena, lit->text.ptr + start, t->at.end - start)))
		return ERR_NOMEM;
	v->str.len = t->at.end - start;
	*out = v;
	return 0;
}

/* ("(" | "[" | "{") items and the closing bracket @close. */
static int
eval_items(struct pyval **out, struct pyliteral *lit, size_t *pos, enum pyval_kind kind,
	   const char *close)
{
	size_t first = (*pos)++;
	struct items it = { 0 };
	struct pyval *v, *item;
	bool dict = kind == PYVAL_DICT, comma = false;
	const char *why = NULL;
	int rc;

	for (;;) {
		const struct pytok *t = peek(lit, pos);
		if (is_op(lit, t, close) || ends_statement(t))
			break;
		if (is_op(lit, t, "*") || is_op(lit, t, "**")) {
			why = why ? why : "an unpacked item";
			(*pos)++;
		}
		if ((rc = eval_expr(&item, lit, pos, dict || kind == PYVAL_SET)) ||
		    (rc = items_push(&it, item)))
			goto fail;
		if (item->kind == PYVAL_DYNAMIC && item->why == why_comprehension)
			why = why ? why : why_comprehension;
		t = peek(lit, pos);
		if (kind == PYVAL_SET && it.n == 1 && is_op(lit, t, ":")) {
			kind = PYVAL_DICT;
			dict = true;
		}
		if (dict) {
			if (!is_op(lit, t, ":")) {
				why = why ? why : "a dict entry without a value";
				pyliteral_skip(lit, pos, false);
			} else {
				(*pos)++;
				if ((rc = eval_expr(&item, lit, pos, false)) ||
				    (rc = items_push(&it, item)))
					goto fail;
			}
			t = peek(lit, pos);
		}
		if (!is_op(lit, t, ",")) {
			if (!is_op(lit, t, close)) {
				/* "=" or ":" where they do not belong: skip to the closer */
				why = why ? why : "an unexpected token";
				(*pos)++;
				continue;
			}
			break;
		}
		comma = true;
		(*pos)++;
	}
	const struct pytok *t = peek(lit, pos);
	if (is_op(lit, t, close))
		(*pos)++;
	else
		why = why ? why : "an unclosed bracket";
	size_t start = lit->toks[first].at.start;
	if (kind == PYVAL_SET && it.n == 0)
		kind = PYVAL_DICT;      /* "{}" */
	if (!(v = new_val(lit, kind, start, end_before(lit, *pos, start))))
		goto nomem;
	if (kind == PYVAL_TUPLE && it.n == 1 && !comma) {
		/* "(x)" is x, its span without the brackets */
		item = it.v[0];
		free(it.v);
		*out = item;
		if (why) {
			if (!(v = new_val(lit, PYVAL_DYNAMIC, start, end_before(lit, *pos, start))))
				return ERR_NOMEM;
			v->why = why;
			*out = v;
		}
		return 0;
	}
	if ((rc = items_finish(lit, v, &it, dict ? 2 : 1)))
		return rc;
	if (why) {
		v->kind = PYVAL_DYNAMIC;
		v->why = why;
	}
	*out = v;
	return 0;
nomem:
	rc = ERR_NOMEM;
fail:
	free(it.v);
	return rc;
}

static const char *const keywords[] = {
	"and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
	"elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
	"is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
	"with", "yield",
};

static bool
is_keyword(struct sv s)
{
	for (size_t i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++)
		if (sv_eq_cstr(s, keywords[i]))
			return true;
	return false;
}

static int
eval_name(struct pyval **out, struct pyliteral *lit, size_t *pos, bool colon)
{
	size_t first = *pos;
	const struct pytok *t = &lit->toks[first];
	struct sv name = pytok_text(lit->text, t);
	struct pyval *v;

	if (is_keyword(name))
		return dynamic(out, lit, first, pos, colon, "a keyword expression");
	(*pos)++;
	if (sv_eq_cstr(name, "None") || sv_eq_cstr(name, "True") || sv_eq_cstr(name, "False")) {
		if (!(v = new_val(lit, name.ptr[0] == 'N' ? PYVAL_NONE : PYVAL_BOOL, t->at.start,
				  t->at.end)))
			return ERR_NOMEM;
		v->truth = name.ptr[0] == 'T';
		*out = v;
		return 0;
	}
	const struct pyval *found = lit->resolve ? lit->resolve(name, first, lit->payload) : NULL;
	if (!found || found->kind == PYVAL_DYNAMIC) {
		/* dynamic where the name is written, not where it was assigned */
		if (!(v = new_val(lit, PYVAL_DYNAMIC, t->at.start, t->at.end)))
			return ERR_NOMEM;
		v->why = found ? found->why : "a name with no literal value";
		*out = v;
		return 0;
	}
	*out = (struct pyval *)found;
	return 0;
}

static int
eval_atom(struct pyval **out, struct pyliteral *lit, size_t *pos, bool colon)
{
	const struct pytok *t = peek(lit, pos);
	size_t first = *pos;
	int rc;

	if (t->type == PYTOK_STRING)
		rc = eval_strings(out, lit, pos);
	else if (t->type == PYTOK_NUMBER)
		rc = eval_number(out, lit, first, pos);
	else if (t->type == PYTOK_NAME)
		rc = eval_name(out, lit, pos, colon);
	else if (is_op(lit, t, "("))
		rc = eval_items(out, lit, pos, PYVAL_TUPLE, ")");
	else if (is_op(lit, t, "["))
		rc = eval_items(out, lit, pos, PYVAL_LIST, "]");
	else if (is_op(lit, t, "{"))
		rc = eval_items(out, lit, pos, PYVAL_SET, "}");
	else if (is_terminator(lit, t, colon))
		return dynamic(out, lit, first, pos, colon, "a missing value");
	else
		return dynamic(out, lit, first, pos, colon, "an operator");
	if (rc)
		return rc;
	t = peek(lit, pos);
	if (is_op(lit, t, "("))
		return dynamic(out, lit, first, pos, colon, "a function call");
	if (is_op(lit, t, "["))
		return dynamic(out, lit, first, pos, colon, "a subscript");
	if (is_op(lit, t, "."))
		return dynamic(out, lit, first, pos, colon, "an attribute");
	return 0;
}

static int
eval_unary(struct pyval **out, struct pyliteral *lit, size_t *pos, bool colon)
{
	const struct pytok *t = peek(lit, pos);
	size_t first = *pos;

	if (is_op(lit, t, "-") || is_op(lit, t, "+")) {
		(*pos)++;
		if (peek(lit, pos)->type != PYTOK_NUMBER)
			return dynamic(out, lit, first, pos, colon, "a sign before a non-number");
		int rc = eval_number(out, lit, first, pos);
		if (rc)
			return rc;
		t = peek(lit, pos);
		if (is_op(lit, t, "(") || is_op(lit, t, "[") || is_op(lit, t, "."))
			return dynamic(out, lit, first, pos, colon, "an operator");
		return 0;
	}
	return eval_atom(out, lit, pos, colon);
}

/* @a + @b: two lists, two tuples, two strs or two bytes. */
static int
concat(struct pyval **out, struct pyliteral *lit, struct pyval *a, struct pyval *b, size_t start)
{
	struct pyval *v;

	if (!(v = new_val(lit, a->kind, start, b->at.end)))
		return ERR_NOMEM;
	if (a->kind == PYVAL_DYNAMIC || b->kind == PYVAL_DYNAMIC) {
		v->kind = PYVAL_DYNAMIC;
		v->why = a->kind == PYVAL_DYNAMIC ? a->why : b->why;
	} else if (a->kind != b->kind || (a->kind != PYVAL_LIST && a->kind != PYVAL_TUPLE &&
				   a->kind != PYVAL_STR && a->kind != PYVAL_BYTES)) {
		v->kind = PYVAL_DYNAMIC;
		v->why = "'+' of values that are not two sequences of one type";
	} else if (a->kind == PYVAL_STR || a->kind == PYVAL_BYTES) {
		size_t n = a->str.len + b->str.len;
		char *s = arena_alloc(lit->arena, n + 1);
		if (!s)
			return ERR_NOMEM;
		if (a->str.len)
			memcpy(s, a->str.ptr, a->str.len);
		if (b->str.len)
			memcpy(s + a->str.len, b->str.ptr, b->str.len);
		v->str = sv_make(s, n);
	} else {
		size_t n = a->n_items + b->n_items;
		if (n && !(v->items = arena_alloc(lit->arena, n * sizeof(*v->items))))
			return ERR_NOMEM;
		if (a->n_items)
			memcpy(v->items, a->items, a->n_items * sizeof(*v->items));
		if (b->n_items)
			memcpy(v->items + a->n_items, b->items, b->n_items * sizeof(*v->items));
		v->n_items = n;
	}
	*out = v;
	return 0;
}

static const char *
why_not_terminated(struct pyliteral *lit, const struct pytok *t)
{
	if (is_name(lit, t, "for") || is_name(lit, t, "async"))
		return why_comprehension;
	if (is_name(lit, t, "if"))
		return "a conditional expression";
	if (t->type == PYTOK_OP && !is_open(lit, t))
		return "an operator";
	return "an unexpected token";
}

static int
eval_expr(struct pyval **out, struct pyliteral *lit, size_t *pos, bool colon)
{
	size_t first;
	struct pyval *v, *w;
	int rc;

	peek(lit, pos);
	first = *pos;
	if (++lit->depth > PYLITERAL_MAX_DEPTH) {
		rc = dynamic(out, lit, first, pos, colon, "nesting too deep");
		lit->depth--;
		return rc;
	}
	if ((rc = eval_unary(&v, lit, pos, colon)))
		goto out;
	while (is_op(lit, peek(lit, pos), "+")) {
		(*pos)++;
		if ((rc = eval_unary(&w, lit, pos, colon)) ||
		    (rc = concat(&v, lit, v, w, lit->toks[first].at.start)))
			goto out;
	}
	const struct pytok *t = peek(lit, pos);
	if (!is_terminator(lit, t, colon))
		rc = dynamic(&v, lit, first, pos, colon, why_not_terminated(lit, t));
	*out = v;
out:
	lit->depth--;
	return rc;
}

int
pyliteral_eval(struct pyval **out, struct pyliteral *lit, size_t *pos, bool stop_at_colon,
	       bool allow_tuple)
{
	struct items it = { 0 };
	struct pyval *v;
	size_t first;
	int rc;

	*out = NULL;
	peek(lit, pos);
	first = *pos;
	if ((rc = eval_expr(&v, lit, pos, stop_at_colon)))
		return rc;
	if (!allow_tuple || !is_op(lit, peek(lit, pos), ",")) {
		*out = v;
		return 0;
	}
	if ((rc = items_push(&it, v)))
		goto fail;
	while (is_op(lit, peek(lit, pos), ",")) {
		(*pos)++;
		if (is_terminator(lit, peek(lit, pos), stop_at_colon))
			break;
		if ((rc = eval_expr(&v, lit, pos, stop_at_colon)) || (rc = items_push(&it, v)))
			goto fail;
	}
	size_t start = lit->toks[first].at.start;
	if (!(v = new_val(lit, PYVAL_TUPLE, start, end_before(lit, *pos, start)))) {
		rc = ERR_NOMEM;
		goto fail;
	}
	if ((rc = items_finish(lit, v, &it, 1)))
		return rc;
	*out = v;
	return 0;
fail:
	free(it.v);
	return rc;
}

const char *
pyval_type_name(enum pyval_kind kind)
{
	switch (kind) {
	case PYVAL_DYNAMIC: return "dynamic";
	case PYVAL_STR: return "str";
	case PYVAL_BYTES: return "bytes";
	case PYVAL_INT: return "int";
	case PYVAL_FLOAT: return "float";
	case PYVAL_COMPLEX: return "complex";
	case PYVAL_BOOL: return "bool";
	case PYVAL_NONE: return "NoneType";
	case PYVAL_LIST: return "list";
	case PYVAL_TUPLE: return "tuple";
	case PYVAL_DICT: return "dict";
	case PYVAL_SET: return "set";
	}
	return "?";
}
