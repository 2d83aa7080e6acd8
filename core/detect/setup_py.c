/*
 * The setup.py detector: finds setup() calls in the token stream (never runs
 * the file) and reads the requirement arguments when they are literals or
 * simple module-level variables; anything else is a "dynamic dependencies" note.
 *
 *   call      = setup_ref "(" [argument {"," argument} [","]] ")"
 *   setup_ref = NAME (setup, or an alias from "from setuptools|distutils.core
 *               import setup as NAME") | module "." "setup" (setuptools,
 *               distutils.core, or an "import ... as NAME" alias of them)
 *   argument  = NAME "=" expr | "**" expr | "*" expr | expr
 *
 * A name is read as a variable when the file binds it exactly once (any
 * assignment, for/with/except target, import, def, class, del, walrus, at
 * any depth), that binding is a module-level "NAME = expr" (chained or
 * annotated), no "global" names it, and it is never followed by "." or "["
 * (REQS.append(...), REQS[0] = ...): a mutated list is not the literal.
 *
 * Strings become requirement lines as setuptools' _reqs.parse_strings() makes
 * them (lines stripped, blank and "#" ones dropped, " #" comments cut, "\"
 * joins the next line), nested lists flattened. An extras_require entry
 * "name:marker" gives each of its requirements the marker
 * "(own marker) and (key's marker) and extra == \"name\"" (the parts present),
 * the form setuptools writes into Requires-Dist. A dep's line and column are
 * its name's when the literal is one plain string, else the literal's start.
 * A dynamic item of a literal list or dict is noted and the rest still read.
 */
#include "detect/setup_py.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "deputy/array.h"
#include "deputy/strbuf.h"
#include "detect/detect.h"
#include "detect/pipreq.h"
#include "lex/pep508.h"
#include "lex/pytok.h"

/* Hash table sizes are powers of two; a file with more names is read without variables. */
#define MAX_NAMES (1u << 20)

struct var {
	struct sv name;              /* NULL ptr: an empty slot */
	unsigned bindings;
	bool mutated;                /* global, or followed by "." or "[" */
	size_t value_tok;            /* first token of a module-level value; SIZE_MAX */
	int state;                   /* 0 not evaluated, 1 being evaluated, 2 done */
	const struct pyval *value;
};

struct reader {
	struct source *src;
	struct arena *arena;
	struct pytok *toks;          /* NL and COMMENT tokens left out */
	size_t n;
	struct var *vars;
	size_t cap_vars, n_vars;
	struct sv setup_names[16];
	size_t n_setup_names;
	struct sv modules[16];       /* "setuptools", "distutils.core", aliases */
	size_t n_modules;
	struct pyliteral lit;
	setup_py_event_fn fn;
	void *payload;
};

static const char *const req_keywords[] = {
	"install_requires", "setup_requires", "tests_require", "extras_require",
};

/* --------------------------------------------------------------- variables */

static size_t
hash_sv(struct sv s)
{
	size_t h = 1469598103934665603u;

	for (size_t i = 0; i < s.len; i++)
		h = (h ^ (unsigned char)s.ptr[i]) * 1099511628211u;
	return h;
}

static struct var *
var_find(struct reader *r, struct sv name, bool add)
{
	if (r->cap_vars == 0 || (add && (r->n_vars + 1) * 2 > r->cap_vars)) {
		if (!add)
			return NULL;
		size_t cap = r->cap_vars ? r->cap_vars * 2 : 64;
		if (cap > MAX_NAMES)
			return NULL;
		struct var *grown = calloc(cap, sizeof(*grown));
		if (!grown)
			return NULL;
		for (size_t i = 0; i < r->cap_vars; i++) {
			if (!r->vars[i].name.ptr)
				continue;
			size_t h = hash_sv(r->vars[i].name) & (cap - 1);
			while (grown[h].name.ptr)
				h = (h + 1) & (cap - 1);
			grown[h] = r->vars[i];
		}
		free(r->vars);
		r->vars = grown;
		r->cap_vars = cap;
	}
	size_t h = hash_sv(name) & (r->cap_vars - 1);
	while (r->vars[h].name.ptr) {
		if (sv_eq(r->vars[h].name, name))
			return &r->vars[h];
		h = (h + 1) & (r->cap_vars - 1);
	}
	if (!add)
		return NULL;
	r->n_vars++;
	r->vars[h] = (struct var){ .name = name, .value_tok = SIZE_MAX };
	return &r->vars[h];
}

static struct sv
tok_sv(struct reader *r, size_t i)
{
	return pytok_text(r->src->text, &r->toks[i]);
}

static bool
op_at(struct reader *r, size_t i, const char *op)
{
	return i < r->n && r->toks[i].type == PYTOK_OP &&
	       pytok_is_op(r->src->text, &r->toks[i], op);
}

static bool
name_at(struct reader *r, size_t i, const char *name)
{
	return i < r->n && r->toks[i].type == PYTOK_NAME && sv_eq_cstr(tok_sv(r, i), name);
}

static void
bind(struct reader *r, size_t i)
{
	struct var *v;

	if (r->toks[i].type == PYTOK_NAME && (v = var_find(r, tok_sv(r, i), true)))
		v->bindings++;
}

static bool
is_bracket(struct reader *r, size_t i, int dir)
{
	if (dir > 0)
		return op_at(r, i, "(") || op_at(r, i, "[") || op_at(r, i, "{");
	return op_at(r, i, ")") || op_at(r, i, "]") || op_at(r, i, "}");
}

static bool
is_augmented(struct reader *r, size_t i)
{
	static const char *const ops[] = {
		"+=", "-=", "*=", "/=", "//=", "%=", "**=", ">>=", "<<=", "&=", "|=", "^=", "@=",
		":=",
	};
	for (size_t k = 0; k < sizeof(ops) / sizeof(ops[0]); k++)
		if (op_at(r, i, ops[k]))
			return true;
	return false;
}

/* A NAME that stands for a variable: not an attribute, not followed by one. */
static bool
plain_name(struct reader *r, size_t i)
{
	return r->toks[i].type == PYTOK_NAME && !(i > 0 && op_at(r, i - 1, ".")) &&
	       !op_at(r, i + 1, ".") && !op_at(r, i + 1, "[") && !op_at(r, i + 1, "(");
}

/* A dotted name "a.b.c" starting at @i, as one view of the source; its end in *@end. */
static struct sv
dotted_at(struct reader *r, size_t i, size_t *end)
{
	size_t j = i;

	while (j + 2 < r->n && r->toks[j + 2].type == PYTOK_NAME && op_at(r, j + 1, "."))
		j += 2;
	*end = j + 1;
	return sv_make(r->src->text.ptr + r->toks[i].at.start,
		       r->toks[j].at.end - r->toks[i].at.start);
}

static bool
is_setup_module(struct sv m)
{
	return sv_eq_cstr(m, "setuptools") || sv_eq_cstr(m, "distutils.core");
}

/* "import a.b [as c], ..." and "from m import x [as y], ..." in [@s, @e). */
static void
scan_import(struct reader *r, size_t s, size_t e)
{
	size_t end;

	if (name_at(r, s, "import")) {
		for (size_t i = s + 1; i < e; i++) {
			if (r->toks[i].type != PYTOK_NAME)
				continue;
			struct sv mod = dotted_at(r, i, &end);
			bool alias = name_at(r, end, "as") && end + 1 < e;
			if (!alias)
				bind(r, i);     /* "import a.b" binds a */
			if (is_setup_module(mod) && r->n_modules < 16)
				r->modules[r->n_modules++] = alias ? tok_sv(r, end + 1) : mod;
			i = alias ? end + 1 : end;
		}
		return;
	}
	if (s + 1 >= e || r->toks[s + 1].type != PYTOK_NAME)
		return;
	struct sv mod = dotted_at(r, s + 1, &end);
	if (!name_at(r, end, "import"))
		return;
	for (size_t i = end + 1; i < e; i++) {
		if (r->toks[i].type != PYTOK_NAME) {
			if (op_at(r, i, "*") && is_setup_module(mod) && r->n_setup_names < 16)
				r->setup_names[r->n_setup_names++] = SV_LIT("setup");
			continue;
		}
		bool alias = name_at(r, i + 1, "as") && i + 2 < e;
		if (!alias)
			bind(r, i);
		if (is_setup_module(mod) && sv_eq_cstr(tok_sv(r, i), "setup") &&
		    r->n_setup_names < 16)
			r->setup_names[r->n_setup_names++] = tok_sv(r, alias ? i + 2 : i);
		if (alias)
			i += 2;
	}
}

/* Names between "for" at @i and its "in", at the for's bracket level. */
static void
scan_for_targets(struct reader *r, size_t i, size_t e)
{
	int depth = 0;

	for (size_t j = i + 1; j < e; j++) {
		if (is_bracket(r, j, 1))
			depth++;
		else if (is_bracket(r, j, -1) && --depth < 0)
			return;
		else if (depth == 0 && name_at(r, j, "in"))
			return;
		else if (plain_name(r, j))
			bind(r, j);
	}
}

static const char *const compound[] = {
	"if", "elif", "else", "while", "for", "with", "try", "except", "finally", "def",
	"class", "async",
};

static bool
is_compound(struct reader *r, size_t i)
{
	for (size_t k = 0; k < sizeof(compound) / sizeof(compound[0]); k++)
		if (name_at(r, i, compound[k]))
			return true;
	return false;
}

/* The bindings of a simple statement [@s, @e); @top: at module level. */
static void
scan_simple(struct reader *r, size_t s, size_t e, bool top)
{
	size_t last_eq = SIZE_MAX;
	int depth = 0;

	if (name_at(r, s, "import") || name_at(r, s, "from")) {
		scan_import(r, s, e);
		return;
	}
	if (name_at(r, s, "global") || name_at(r, s, "nonlocal")) {
		for (size_t i = s + 1; i < e; i++) {
			struct var *v;
			if (r->toks[i].type == PYTOK_NAME && (v = var_find(r, tok_sv(r, i), true)))
				v->mutated = true;
		}
		return;
	}
	if (name_at(r, s, "del")) {
		for (size_t i = s + 1; i < e; i++)
			if (plain_name(r, i))
				bind(r, i);
	}
	for (size_t i = s; i < e; i++) {
		if (is_bracket(r, i, 1))
			depth++;
		else if (is_bracket(r, i, -1))
			depth--;
		else if (depth == 0 && op_at(r, i, "="))
			last_eq = i;
	}
	if (s + 1 < e && op_at(r, s + 1, ":") && r->toks[s].type == PYTOK_NAME) {
		/* NAME: annotation [= value] */
		bind(r, s);
		struct var *v = var_find(r, tok_sv(r, s), true);
		if (v && top && last_eq != SIZE_MAX)
			v->value_tok = last_eq + 1;
		return;
	}
	if (s + 1 < e && r->toks[s].type == PYTOK_NAME && is_augmented(r, s + 1)) {
		bind(r, s);
		return;
	}
	if (last_eq == SIZE_MAX)
		return;
	/* targets: every plain name before the last "="; simple when each is one NAME */
	bool simple = top;
	size_t seg = s;
	depth = 0;
	for (size_t i = s; i < last_eq; i++) {
		if (plain_name(r, i) && !op_at(r, i + 1, ":="))
			bind(r, i);
		if (is_bracket(r, i, 1))
			depth++;
		else if (is_bracket(r, i, -1))
			depth--;
		else if (op_at(r, i, "=") && depth == 0) {
			simple &= i == seg + 1 && r->toks[seg].type == PYTOK_NAME;
			seg = i + 1;
		}
	}
	simple &= last_eq == seg + 1 && r->toks[seg].type == PYTOK_NAME;
	if (!simple)
		return;
	for (size_t i = s; i < last_eq; i += 2) {
		struct var *v = var_find(r, tok_sv(r, i), true);
		if (v)
			v->value_tok = last_eq + 1;
	}
}

/* Every token: walrus targets, "as" names, for targets, names used with "." or "[". */
static void
scan_everywhere(struct reader *r, size_t s, size_t e)
{
	bool import = name_at(r, s, "import") || name_at(r, s, "from");

	for (size_t i = s; i < e; i++) {
		struct var *v;
		if (r->toks[i].type != PYTOK_NAME)
			continue;
		if (op_at(r, i + 1, ":="))
			bind(r, i);
		else if (name_at(r, i, "as") && i + 1 < e)
			bind(r, i + 1);
		else if (name_at(r, i, "for"))
			scan_for_targets(r, i, e);
		else if (!import && !(i > 0 && op_at(r, i - 1, ".")) &&
			 (op_at(r, i + 1, ".") || op_at(r, i + 1, "[")) &&
			 (v = var_find(r, tok_sv(r, i), true)))
			v->mutated = true;
	}
}

/* Splits the file into statements and records every binding. */
static bool
ends_line(const struct pytok *t)
{
	return t->type == PYTOK_INDENT || t->type == PYTOK_DEDENT || t->type == PYTOK_NEWLINE ||
	       t->type == PYTOK_ENDMARKER;
}

static void
scan_bindings(struct reader *r)
{
	unsigned indent = 0;
	size_t i = 0;

	while (i < r->n && r->toks[i].type != PYTOK_ENDMARKER) {
		const struct pytok *t = &r->toks[i];
		if (ends_line(t)) {
			if (t->type == PYTOK_INDENT)
				indent++;
			else if (t->type == PYTOK_DEDENT && indent)
				indent--;
			i++;
			continue;
		}
		size_t line_end = i;
		while (line_end < r->n && !ends_line(&r->toks[line_end]))
			line_end++;
		scan_everywhere(r, i, line_end);
		bool top = indent == 0;
		/* statements on this line: split at ";" and after a compound header's ":" */
		size_t s = i;
		while (s < line_end) {
			size_t e = s;
			int depth = 0;
			bool header = is_compound(r, s);
			if (header) {
				if (name_at(r, s, "def") || name_at(r, s, "class"))
					bind(r, s + 1);
				else if (name_at(r, s, "async") && name_at(r, s + 1, "def"))
					bind(r, s + 2);
			}
			for (; e < line_end; e++) {
				if (is_bracket(r, e, 1))
					depth++;
				else if (is_bracket(r, e, -1))
					depth--;
				else if (depth == 0 &&
					 (op_at(r, e, ";") || (header && op_at(r, e, ":"))))
					break;
			}
			if (!header)
				scan_simple(r, s, e, top);
			if (header)
				top = false;     /* the rest of the line is the compound's body */
			s = e + 1;
		}
		i = line_end;
	}
}

/* pyliteral's callback: the value of a variable read as described above. */
static const struct pyval *
resolve(struct sv name, size_t tok, void *payload)
{
	struct reader *r = payload;
	struct var *v = var_find(r, name, false);
	struct pyval *val;

	(void)tok;
	if (!v || v->bindings != 1 || v->mutated || v->value_tok == SIZE_MAX)
		return NULL;
	if (v->state == 2)
		return v->value;
	if (v->state == 1)
		return NULL;           /* defined through itself */
	v->state = 1;
	size_t pos = v->value_tok;
	if (pyliteral_eval(&val, &r->lit, &pos, false, true) != 0)
		val = NULL;
	else if (!(r->toks[pos].type == PYTOK_NEWLINE || r->toks[pos].type == PYTOK_ENDMARKER ||
		   op_at(r, pos, ";")))
		val = NULL;
	v->state = 2;
	v->value = val;
	return val;
}

/* ------------------------------------------------------------------ events */

static int
emit(struct reader *r, enum setup_py_event_type type, const char *keyword, struct span at,
     const struct pyval *value, struct sv text)
{
	struct setup_py_event ev = { type, keyword, at, value, text };

	return r->fn(&ev, r->payload);
}

/* One line of a requirement string, with the literal it came from. */
struct req_line {
	const struct pyval *value;
	struct sv text;
};

struct req_lines {
	struct req_line *v;
	size_t n, cap;
};

static int
lines_push(struct req_lines *ls, const struct pyval *value, struct sv text)
{
	if (array_reserve(&ls->v, &ls->cap, ls->n, sizeof(*ls->v)))
		return ERR_NOMEM;
	ls->v[ls->n++] = (struct req_line){ value, text };
	return 0;
}

/* Length of a str.splitlines() separator at @s, 0 when none. */
static size_t
line_break(struct sv s, size_t i)
{
	unsigned char c = (unsigned char)s.ptr[i];

	if (c == '\r')
		return i + 1 < s.len && s.ptr[i + 1] == '\n' ? 2 : 1;
	if (c == '\n' || c == '\v' || c == '\f' || (c >= 0x1c && c <= 0x1e))
		return 1;
	if (c == 0xC2 && i + 1 < s.len && (unsigned char)s.ptr[i + 1] == 0x85)
		return 2;
	if (c == 0xE2 && i + 2 < s.len && (unsigned char)s.ptr[i + 1] == 0x80 &&
	    ((unsigned char)s.ptr[i + 2] == 0xA8 || (unsigned char)s.ptr[i + 2] == 0xA9))
		return 3;
	return 0;
}

/* Bytes of a str.strip() white space character at @i (0 when not one). */
static size_t
space_at(struct sv s, size_t i)
{
	static const char *const wide[] = {
		"\xc2\x85", "\xc2\xa0", "\xe1\x9a\x80", "\xe2\x80\x80", "\xe2\x80\x81",
		"\xe2\x80\x82", "\xe2\x80\x83", "\xe2\x80\x84", "\xe2\x80\x85", "\xe2\x80\x86",
		"\xe2\x80\x87", "\xe2\x80\x88", "\xe2\x80\x89", "\xe2\x80\x8a", "\xe2\x80\xa8",
		"\xe2\x80\xa9", "\xe2\x80\xaf", "\xe2\x81\x9f", "\xe3\x80\x80",
	};
	unsigned char c = (unsigned char)s.ptr[i];

	if (c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f))
		return 1;
	for (size_t k = 0; k < sizeof(wide) / sizeof(wide[0]); k++) {
		size_t n = strlen(wide[k]);
		if (i + n <= s.len && memcmp(s.ptr + i, wide[k], n) == 0)
			return n;
	}
	return 0;
}

static struct sv
py_strip(struct sv s)
{
	size_t n;

	while (s.len && (n = space_at(s, 0)))
		s = sv_tail(s, n);
	for (;;) {
		size_t k = s.len, found = 0;
		/* the last character starts at most 3 bytes from the end */
		for (size_t back = 1; back <= 3 && back <= k && !found; back++)
			if ((n = space_at(s, k - back)) == back)
				found = back;
		if (!found)
			return s;
		s.len -= found;
	}
}

/* yield_lines() of one string: stripped lines, not blank, not "#...". */
static int
split_lines(struct req_lines *ls, const struct pyval *v)
{
	struct sv s = v->str;
	size_t start = 0;
	int rc;

	for (size_t i = 0; i <= s.len;) {
		size_t brk = i < s.len ? line_break(s, i) : 1;
		if (!brk) {
			i++;
			continue;
		}
		struct sv line = py_strip(sv_slice(s, start, i - start));
		if (line.len && line.ptr[0] != '#') {
			/* drop_comment(): line.partition(" #")[0] */
			size_t hash = sv_find(line, SV_LIT(" #"));
			if (hash != SV_NPOS)
				line.len = hash;
			if ((rc = lines_push(ls, v, line)))
				return rc;
		}
		i += brk;
		start = i;
	}
	return 0;
}

/* Flattens nested lists, tuples and sets of strings (yield_lines). */
static int
collect(struct reader *r, const char *keyword, struct req_lines *ls, const struct pyval *v,
	unsigned depth)
{
	int rc;

	if (v->kind == PYVAL_STR)
		return split_lines(ls, v);
	if (v->kind == PYVAL_DYNAMIC)
		return emit(r, SETUP_PY_DYNAMIC, keyword, v->at, v, SV_NULL);
	if ((v->kind == PYVAL_LIST || v->kind == PYVAL_TUPLE || v->kind == PYVAL_SET) &&
	    depth < PYLITERAL_MAX_DEPTH) {
		for (size_t i = 0; i < v->n_items; i++)
			if ((rc = collect(r, keyword, ls, v->items[i], depth + 1)))
				return rc;
		return 0;
	}
	return emit(r, SETUP_PY_NOT_STRING, keyword, v->at, v, SV_NULL);
}

/* The sequence of trailing code points removed by item[:-2]. */
static size_t
drop_code_points(struct sv s, size_t n)
{
	size_t len = s.len;

	while (n-- && len) {
		len--;
		while (len && ((unsigned char)s.ptr[len] & 0xC0) == 0x80)
			len--;
	}
	return len;
}

/* join_continuation(), then one event per requirement. */
static int
emit_lines(struct reader *r, const char *keyword, struct req_lines *ls)
{
	int rc;

	for (size_t i = 0; i < ls->n; i++) {
		struct req_line item = ls->v[i];
		while (item.text.len && item.text.ptr[item.text.len - 1] == '\\') {
			if (i + 1 >= ls->n)
				return 0;
			struct sv head = py_strip(sv_slice(item.text, 0,
							   drop_code_points(item.text, 2)));
			struct sv next = ls->v[++i].text;
			char *joined = arena_alloc(r->arena, head.len + next.len + 1);
			if (!joined)
				return ERR_NOMEM;
			if (head.len)
				memcpy(joined, head.ptr, head.len);
			if (next.len)
				memcpy(joined + head.len, next.ptr, next.len);
			item.text = sv_make(joined, head.len + next.len);
		}
		if ((rc = emit(r, SETUP_PY_REQUIREMENT, keyword, item.value->at, item.value,
			       item.text)))
			return rc;
	}
	return 0;
}

static int
read_requirements(struct reader *r, const char *keyword, const struct pyval *v)
{
	struct req_lines ls = { 0 };
	int rc = collect(r, keyword, &ls, v, 0);

	if (rc == 0)
		rc = emit_lines(r, keyword, &ls);
	free(ls.v);
	return rc;
}

static int
read_keyword(struct reader *r, const char *keyword, struct span at, const struct pyval *v)
{
	int rc;

	if ((rc = emit(r, SETUP_PY_KEYWORD, keyword, at, v, SV_NULL)))
		return rc;
	if (v->kind == PYVAL_DYNAMIC)
		return emit(r, SETUP_PY_DYNAMIC, keyword, at, v, SV_NULL);
	if (strcmp(keyword, "extras_require") != 0)
		return read_requirements(r, keyword, v);
	if (v->kind != PYVAL_DICT)
		return emit(r, SETUP_PY_NOT_STRING, keyword, v->at, v, SV_NULL);
	for (size_t i = 0; i < v->n_items; i++) {
		const struct pyval *key = v->items[2 * i];
		if (key->kind != PYVAL_STR) {
			if ((rc = emit(r, key->kind == PYVAL_DYNAMIC ? SETUP_PY_DYNAMIC :
				       SETUP_PY_NOT_STRING, keyword, key->at, key, SV_NULL)))
				return rc;
			continue;
		}
		if ((rc = emit(r, SETUP_PY_EXTRA, keyword, key->at, key, key->str)) ||
		    (rc = read_requirements(r, keyword, v->items[2 * i + 1])))
			return rc;
	}
	return 0;
}

static const char *
req_keyword(struct sv name)
{
	for (size_t k = 0; k < sizeof(req_keywords) / sizeof(req_keywords[0]); k++)
		if (sv_eq_cstr(name, req_keywords[k]))
			return req_keywords[k];
	return NULL;
}

/* "**value": a literal dict gives its keywords; anything else is dynamic. */
static int
read_double_star(struct reader *r, size_t star, const struct pyval *v)
{
	struct span at = r->toks[star].at;
	int rc;

	if (v->kind != PYVAL_DICT) {
		struct pyval *dyn = (struct pyval *)v;
		if (v->kind != PYVAL_DYNAMIC) {
			if (!(dyn = arena_memdup(r->arena, v, sizeof(*v))))
				return ERR_NOMEM;
			dyn->kind = PYVAL_DYNAMIC;
			dyn->why = "** of a value that is not a dict";
		}
		if ((rc = emit(r, SETUP_PY_KEYWORD, "**", at, dyn, SV_NULL)))
			return rc;
		return emit(r, SETUP_PY_DYNAMIC, "**", at, dyn, SV_NULL);
	}
	for (size_t i = 0; i < v->n_items; i++) {
		const struct pyval *key = v->items[2 * i];
		const char *kw = key->kind == PYVAL_STR ? req_keyword(key->str) : NULL;
		if (kw && (rc = read_keyword(r, kw, key->at, v->items[2 * i + 1])))
			return rc;
	}
	return 0;
}

/* The arguments of the call whose "(" is token @open. */
static int
read_call(struct reader *r, size_t open)
{
	size_t pos = open + 1;
	struct pyval *v;
	int rc;

	while (pos < r->n) {
		const struct pytok *t = &r->toks[pos];
		if (op_at(r, pos, ")") || t->type == PYTOK_NEWLINE || t->type == PYTOK_ENDMARKER)
			break;
		if (op_at(r, pos, "**")) {
			size_t star = pos++;
			if ((rc = pyliteral_eval(&v, &r->lit, &pos, false, false)) ||
			    (rc = read_double_star(r, star, v)))
				return rc;
		} else if (t->type == PYTOK_NAME && op_at(r, pos + 1, "=")) {
			const char *kw = req_keyword(tok_sv(r, pos));
			struct span at = t->at;
			pos += 2;
			if (!kw) {
				pyliteral_skip(&r->lit, &pos, false);
			} else if ((rc = pyliteral_eval(&v, &r->lit, &pos, false, false)) ||
				   (rc = read_keyword(r, kw, at, v))) {
				return rc;
			}
		} else {
			if (op_at(r, pos, "*"))
				pos++;
			pyliteral_skip(&r->lit, &pos, false);
		}
		if (op_at(r, pos, ","))
			pos++;
		else if (!op_at(r, pos, ")"))
			pos++;          /* a stray token: step over it */
	}
	return 0;
}

static bool
is_setup_name(struct reader *r, struct sv name)
{
	if (sv_eq_cstr(name, "setup"))
		return true;
	for (size_t i = 0; i < r->n_setup_names; i++)
		if (sv_eq(r->setup_names[i], name))
			return true;
	return false;
}

/* The "(" of a setup call whose callee starts at token @i; 0 when none. */
static size_t
setup_call_at(struct reader *r, size_t i)
{
	size_t end;

	if (r->toks[i].type != PYTOK_NAME || (i > 0 && op_at(r, i - 1, ".")) ||
	    (i > 0 && (name_at(r, i - 1, "def") || name_at(r, i - 1, "class"))))
		return 0;
	if (op_at(r, i + 1, "(") && is_setup_name(r, tok_sv(r, i)))
		return i + 1;
	struct sv mod = dotted_at(r, i, &end);
	/* dotted_at took "setup" in: the module is what comes before ".setup" */
	if (end - i < 3 || !name_at(r, end - 1, "setup") || !op_at(r, end, "("))
		return 0;
	mod.len = r->toks[end - 3].at.end - r->toks[i].at.start;
	for (size_t k = 0; k < r->n_modules; k++)
		if (sv_eq(r->modules[k], mod))
			return end;
	return is_setup_module(mod) ? end : 0;
}

int
setup_py_read(struct source *src, struct arena *arena, struct diags *diags,
	      setup_py_event_fn fn, void *payload)
{
	struct reader r = { .src = src, .arena = arena, .fn = fn, .payload = payload };
	struct pytok *all;
	size_t count, bom;
	int rc;

	if ((rc = pytok_tokens(&all, &count, src, diags)))
		return rc;
	r.toks = all;
	for (size_t i = 0; i < count; i++)
		if (all[i].type != PYTOK_NL && all[i].type != PYTOK_COMMENT)
			all[r.n++] = all[i];
	r.lit = (struct pyliteral){
		.text = src->text,
		.toks = r.toks,
		.count = r.n,
		.encoding = pytok_encoding(src->text, &bom),
		.arena = arena,
		.resolve = resolve,
		.payload = &r,
	};
	scan_bindings(&r);
	for (size_t i = 0; i < r.n && rc == 0; i++) {
		size_t open = setup_call_at(&r, i);
		if (!open)
			continue;
		if ((rc = emit(&r, SETUP_PY_CALL, NULL, r.toks[i].at, NULL, SV_NULL)) == 0)
			rc = read_call(&r, open);
	}
	free(r.vars);
	free(all);
	return rc;
}

/* ---------------------------------------------------------------- detector */

bool
setup_py_matches(const char *path)
{
	return strcmp(path_basename(path), "setup.py") == 0;
}

struct detect_state {
	struct detect_out *out;
	struct source *src;
	struct sv extra;             /* the current extras_require key's name */
	const char *extra_marker;    /* its ":marker", validated; NULL */
};

/* The dep's marker: its own, the extras key's, and extra == "name", joined with "and". */
static const char *
combined_marker(struct detect_state *st, const char *own)
{
	const char *parts[3];
	size_t n = 0;
	struct strbuf sb = STRBUF_INIT;

	if (own && *own)
		parts[n++] = own;
	if (st->extra_marker)
		parts[n++] = st->extra_marker;
	char *extra = NULL;
	if (st->extra.len &&
	    !(extra = arena_printf(st->out->arena, "extra == \"%.*s\"", (int)st->extra.len,
				   st->extra.ptr)))
		return NULL;
	if (extra)
		parts[n++] = extra;
	if (n == 0)
		return "";
	if (n == 1)
		return parts[0];
	for (size_t i = 0; i < n; i++) {
		bool paren = parts[i] != extra;
		strbuf_printf(&sb, "%s%s%s%s", i ? " and " : "", paren ? "(" : "", parts[i],
			      paren ? ")" : "");
	}
	char *s = sb.failed ? NULL : arena_strdup(st->out->arena, strbuf_cstr(&sb));
	strbuf_release(&sb);
	return s;
}

static void
note_extra(struct detect_state *st, const struct setup_py_event *ev)
{
	struct sv key = ev->text;
	size_t colon = sv_find_char(key, ':');
	struct pep508_error err = { 0 };
	const char *canonical;

	st->extra_marker = NULL;
	st->extra = sv_trim(colon == SV_NPOS ? key : sv_slice(key, 0, colon));
	if (colon == SV_NPOS)
		return;
	struct sv marker = sv_trim(sv_tail(key, colon + 1));
	int rc = pep508_parse_marker(&canonical, st->out->arena, marker, &err);
	if (rc == 0)
		st->extra_marker = arena_strndup(st->out->arena, marker);
	else if (rc != ERR_NOMEM)
		diag_add(st->out->diags, DIAG_ERROR, st->src, ev->at, "%s in the extras key",
			 err.message);
}

static int
add_requirement(struct detect_state *st, const struct setup_py_event *ev)
{
	struct pep508_error err = { 0 };
	struct pep508_req req;
	const struct pyval *v = ev->value;
	bool mapped = v->verbatim && ev->text.ptr >= v->str.ptr &&
		      ev->text.ptr + ev->text.len <= v->str.ptr + v->str.len;
	size_t base = mapped ? v->content_start + (size_t)(ev->text.ptr - v->str.ptr) : 0;
	int rc = pep508_parse(&req, st->out->arena, sv_trim(ev->text), &err);

	base += mapped ? (size_t)(sv_trim(ev->text).ptr - ev->text.ptr) : 0;
	if (rc == ERR_NOMEM)
		return rc;
	if (rc) {
		struct span at = mapped ? (struct span){ base + err.offset, base + ev->text.len } :
					  v->at;
		diag_add(st->out->diags, DIAG_ERROR, st->src, at, "%s", err.message);
		return 0;
	}
	struct dep *dep = detect_new_dep(st->out);
	if (!dep)
		return ERR_NOMEM;
	dep->ecosystem = ECO_PYPI;
	dep->kind = DEP_MANIFEST;
	dep->language = LANG_PYTHON;
	dep->file = st->src->path;
	struct sv raw = sv_slice(ev->text, 0, ev->text.len > 200 ? 200 : ev->text.len);
	if (!(dep->name = arena_strndup(st->out->arena, req.name)) ||
	    !(dep->normalized = dep_normalize_name(st->out->arena, req.name)) ||
	    !(dep->marker = combined_marker(st, req.marker)) ||
	    !(dep->raw = arena_strndup(st->out->arena, raw)))
		return ERR_NOMEM;
	dep->extras = req.extras;
	dep->n_extras = req.n_extras;
	dep->spec = req.spec;
	if (req.url && (rc = pipreq_set_url(dep, st->out->arena, sv_from_cstr(req.url))))
		return rc;
	if (mapped) {
		dep->at.start = base;
		dep->at.end = base + sv_trim(ev->text).len;
		dep->at.name_start = base + req.name_at.start;
		dep->at.name_end = base + req.name_at.end;
	} else {
		dep->at.start = dep->at.name_start = v->at.start;
		dep->at.end = dep->at.name_end = v->at.end;
	}
	source_line_col(st->src, dep->at.name_start, &dep->line, &dep->column);
	if (req.empty_version) {
		struct span at = v->at;
		if (mapped)
			at = (struct span){ base + req.empty_version_at.start, dep->at.end };
		diag_add(st->out->diags, DIAG_WARNING, st->src, at, "expected a version after '%s'",
			 req.empty_version_op);
	}
	return 0;
}

static int
on_event(const struct setup_py_event *ev, void *payload)
{
	struct detect_state *st = payload;

	switch (ev->type) {
	case SETUP_PY_CALL:
		break;
	case SETUP_PY_KEYWORD:
		st->extra = SV_NULL;
		st->extra_marker = NULL;
		break;
	case SETUP_PY_DYNAMIC: {
		diag_add(st->out->diags, DIAG_NOTE, st->src, ev->at,
			 "dynamic dependencies: not read (%s%s: %s)", ev->keyword,
			 strcmp(ev->keyword, "**") == 0 ? "argument" : "",
			 ev->value && ev->value->why ? ev->value->why : "not a literal");
		/* A declaration the dynamic-deps rule can point at: unknown name. */
		struct dep *dep = detect_new_dep(st->out);
		if (!dep)
			return ERR_NOMEM;
		dep->ecosystem = ECO_PYPI;
		dep->kind = DEP_MANIFEST;
		dep->dynamic = true;
		dep->file = st->src->path;
		dep->at.start = dep->at.name_start = ev->at.start;
		dep->at.end = dep->at.name_end = ev->at.end;
		source_line_col(st->src, ev->at.start, &dep->line, &dep->column);
		size_t len = ev->at.end > ev->at.start ? ev->at.end - ev->at.start : 0;
		dep->raw = arena_printf(st->out->arena, "%s=%.*s", ev->keyword,
					(int)(len < 160 ? len : 160), st->src->text.ptr + ev->at.start);
		if (!dep->raw)
			return ERR_NOMEM;
		break;
	}
	case SETUP_PY_EXTRA:
		note_extra(st, ev);
		break;
	case SETUP_PY_REQUIREMENT:
		return add_requirement(st, ev);
	case SETUP_PY_NOT_STRING:
		diag_add(st->out->diags, DIAG_WARNING, st->src, ev->at,
			 "unexpected %s in %s: not read", pyval_type_name(ev->value->kind),
			 ev->keyword);
		break;
	}
	return 0;
}

int
detect_setup_py(struct detect_out *out, struct source *src, const struct detect_ctx *ctx)
{
	struct detect_state st = { .out = out, .src = src };

	(void)ctx;
	return setup_py_read(src, out->arena, out->diags, on_event, &st);
}
