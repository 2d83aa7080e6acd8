/*
 * PEP 508 environment markers, evaluated as packaging 21.3 evaluates them:
 * each comparison first tries to be a PEP 440 Specifier ("op" + right side,
 * packaging's _eval_op; resolve/pep440.c); when that is not a valid
 * specifier it compares strings. Grammar (markers.py; literals match as
 * prefixes, as pyparsing's do):
 *
 *   marker = atom ws (("and" | "or") ws atom ws)*    ("and" binds tighter)
 *   atom   = "(" ws marker ws ")" | value ws op ws value
 *   value  = variable | "'" [^'\r\n]* "'" | '"' [^"\r\n]* '"'
 *   op     = "===" | "==" | ">=" | "<=" | "!=" | "~=" | ">" | "<" | "not in" | "in"
 *   ws     = [ \t\r\n]*
 */
#include "resolve/marker.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "deputy/ascii.h"
#include "deputy/diag.h"
#include "lex/pep508.h"
#include "resolve/pep440.h"

#define VALUE_MAX 1024         /* a quoted value after whitespace escapes */

/* --- the marker grammar --------------------------------------------------- */

struct marker_parser {
	struct sv text;
	size_t pos;
	unsigned depth;
	const struct marker_env *env;
	int err;
	char *why;
	size_t why_size;
};

/* A side of a comparison: a variable's name or a quoted value (escapes applied). */
struct operand {
	bool is_variable;
	const char *name;
	char value[VALUE_MAX];
	size_t len;
};


static int
fail(struct marker_parser *p, int code, const char *msg)
{
	if (!p->err) {
		p->err = code;
		if (p->why && p->why_size)
			snprintf(p->why, p->why_size, "%s at offset %zu", msg, p->pos);
	}
	return code;
}

static void
skip_ws(struct marker_parser *p)
{
	while (p->pos < p->text.len && byte_in(" \t\r\n", p->text.ptr[p->pos]))
		p->pos++;
}

static bool
accept(struct marker_parser *p, const char *lit)
{
	size_t n = strlen(lit);

	if (p->text.len - p->pos >= n && !memcmp(p->text.ptr + p->pos, lit, n)) {
		p->pos += n;
		return true;
	}
	return false;
}

static const char *
canonical_variable(const char *name)
{
	static const char *const aliases[][2] = {
		{ "os.name", "os_name" }, { "sys.platform", "sys_platform" },
		{ "platform.version", "platform_version" }, { "platform.machine", "platform_machine" },
		{ "platform.python_implementation", "platform_python_implementation" },
		{ "python_implementation", "platform_python_implementation" },
	};
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (!strcmp(name, aliases[i][0]))
			return aliases[i][1];
	return name;
}

static const char *
env_get(const struct marker_env *env, struct sv name)
{
	const struct { const char *name; const char *value; } table[] = {
		{ "implementation_name", env->implementation_name },
		{ "implementation_version", env->implementation_version },
		{ "os_name", env->os_name },
		{ "platform_machine", env->platform_machine },
		{ "platform_python_implementation", env->platform_python_implementation },
		{ "platform_release", env->platform_release },
		{ "platform_system", env->platform_system },
		{ "platform_version", env->platform_version },
		{ "python_full_version", env->python_full_version },
		{ "python_version", env->python_version },
		{ "sys_platform", env->sys_platform },
		{ "extra", env->extra },
	};
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (sv_eq_cstr(name, table[i].name))
			return table[i].value;
	return NULL;
}

/* value = variable | quoted string; pyparsing turns "\t" "\n" "\f" "\r" into the characters */
static int
parse_operand(struct marker_parser *p, struct operand *o)
{
	skip_ws(p);
	o->is_variable = false;
	o->len = 0;
	if (p->pos < p->text.len && (p->text.ptr[p->pos] == '"' || p->text.ptr[p->pos] == '\'')) {
		char q = p->text.ptr[p->pos++];
		size_t start = p->pos;
		while (p->pos < p->text.len && p->text.ptr[p->pos] != q &&
		       p->text.ptr[p->pos] != '\n' && p->text.ptr[p->pos] != '\r')
			p->pos++;
		if (p->pos >= p->text.len || p->text.ptr[p->pos] != q)
			return fail(p, ERR_SYNTAX, "expected a closing quote");
		for (size_t i = start; i < p->pos; i++) {
			char c = p->text.ptr[i];
			if (c == '\\' && i + 1 < p->pos && byte_in("tnfr", p->text.ptr[i + 1])) {
				char e = p->text.ptr[++i];
				c = e == 't' ? '\t' : e == 'n' ? '\n' : e == 'f' ? '\f' : '\r';
			}
			if (o->len + 1 >= VALUE_MAX)
				return fail(p, ERR_LIMIT, "quoted value too long");
			o->value[o->len++] = c;
		}
		o->value[o->len] = '\0';
		p->pos++;
		return 0;
	}
	for (size_t i = 0; i < pep508_n_variables; i++) {
		if (accept(p, pep508_variables[i])) {
			o->is_variable = true;
			o->name = canonical_variable(pep508_variables[i]);
			o->len = strlen(o->name);
			memcpy(o->value, o->name, o->len + 1);
			return 0;
		}
	}
	return fail(p, ERR_SYNTAX, "expected a marker variable or a quoted value");
}

/* packaging's _eval_op: a Specifier when op + rhs is one, else a string operator. */
static int
eval_op(struct marker_parser *p, bool *out, struct sv lhs, const char *op, struct sv rhs)
{
	char buf[VALUE_MAX + 8];
	const char *sop;
	struct sv version;

	if (pep440_spec_parse(&sop, &version, op, rhs, buf, sizeof(buf))) {
		*out = pep440_spec_contains(sop, version, lhs);
		return 0;
	}
	if (!strcmp(op, "in") || !strcmp(op, "not in")) {
		bool found = lhs.len == 0 || sv_find(rhs, lhs) != SV_NPOS;
		*out = op[0] == 'i' ? found : !found;
		return 0;
	}
	if (!strcmp(op, "~=") || !strcmp(op, "==="))
		return fail(p, ERR_SYNTAX, "undefined comparison");
	size_t n = lhs.len < rhs.len ? lhs.len : rhs.len;
	int c = n ? memcmp(lhs.ptr, rhs.ptr, n) : 0;
	if (!c && lhs.len != rhs.len)
		c = lhs.len < rhs.len ? -1 : 1;
	*out = !strcmp(op, "==") ? c == 0 : !strcmp(op, "!=") ? c != 0 :
	       !strcmp(op, "<") ? c < 0 : !strcmp(op, "<=") ? c <= 0 :
	       !strcmp(op, ">") ? c > 0 : c >= 0;
	return 0;
}

static int
parse_item(struct marker_parser *p, bool *out)
{
	static const char *const ops[] = { "===", "==", ">=", "<=", "!=", "~=", ">", "<", "not in", "in" };
	struct operand lhs, rhs;
	const char *op = NULL;
	int rc;

	if ((rc = parse_operand(p, &lhs)))
		return rc;
	skip_ws(p);
	for (size_t i = 0; !op && i < sizeof(ops) / sizeof(ops[0]); i++)
		if (accept(p, ops[i]))
			op = ops[i];
	if (!op)
		return fail(p, ERR_SYNTAX, "expected a comparison operator");
	if ((rc = parse_operand(p, &rhs)))
		return rc;
	/* the variable's value goes left when the left side is a variable, else right */
	const char *value = env_get(p->env, lhs.is_variable ? sv_make(lhs.value, lhs.len) :
					   sv_make(rhs.value, rhs.len));
	if (!value) {
		*out = false;
		return fail(p, ERR_SYNTAX, "undefined environment name");
	}
	if (lhs.is_variable)
		return eval_op(p, out, sv_from_cstr(value), op, sv_make(rhs.value, rhs.len));
	return eval_op(p, out, sv_make(lhs.value, lhs.len), op, sv_from_cstr(value));
}

static int parse_marker(struct marker_parser *p, bool *out);

/* atom = "(" ws marker ws ")" | item */
static int
parse_atom(struct marker_parser *p, bool *out)
{
	int rc;

	skip_ws(p);
	if (!accept(p, "("))
		return parse_item(p, out);
	if (++p->depth > MARKER_MAX_DEPTH)
		return fail(p, ERR_LIMIT, "markers nested too deep");
	if ((rc = parse_marker(p, out)))
		return rc;
	skip_ws(p);
	if (!accept(p, ")"))
		return fail(p, ERR_SYNTAX, "expected ')'");
	p->depth--;
	return 0;
}

/* Every atom is evaluated (no short cut), so an undefined comparison always fails. */
static int
parse_marker(struct marker_parser *p, bool *out)
{
	bool any = false, all, v;
	int rc;

	if ((rc = parse_atom(p, &all)))
		return rc;
	for (;;) {
		skip_ws(p);
		bool is_or = accept(p, "or");
		if (!is_or && !accept(p, "and"))
			break;
		if ((rc = parse_atom(p, &v)))
			return rc;
		if (is_or) {
			any = any || all;
			all = v;
		} else {
			all = all && v;
		}
	}
	*out = any || all;
	return 0;
}

void
marker_env_init_linux(struct marker_env *env, const char *python_version,
		      const char *python_full_version)
{
	*env = (struct marker_env){
		.implementation_name = "cpython",
		.implementation_version = python_full_version,
		.os_name = "posix",
		.platform_machine = "x86_64",
		.platform_python_implementation = "CPython",
		.platform_release = "",
		.platform_system = "Linux",
		.platform_version = "",
		.python_full_version = python_full_version,
		.python_version = python_version,
		.sys_platform = "linux",
		.extra = "",
	};
}

int
marker_evaluate(bool *out, const struct marker_env *env, struct sv text, char *why,
		size_t why_size)
{
	struct marker_parser p = { .text = text, .env = env, .why = why, .why_size = why_size };
	int rc;

	*out = false;
	if (why && why_size)
		why[0] = '\0';
	if (text.len > MARKER_MAX_LEN)
		return fail(&p, ERR_LIMIT, "marker too long");
	if ((rc = parse_marker(&p, out)))
		return rc;
	skip_ws(&p);
	if (p.pos != text.len) {
		*out = false;
		return fail(&p, ERR_SYNTAX, "expected 'and', 'or' or the end of the marker");
	}
	return 0;
}
