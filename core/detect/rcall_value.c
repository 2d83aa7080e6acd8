/*
 * Constant propagation within one R file, flow-insensitive: every
 * `x <- e`, `x = e`, `e -> x` and `for (x in e)` of the file is an
 * assignment of x; a variable with two different values is unknown. A
 * function's parameter takes, in its body, the values rcall_scope.c finds.
 * Values are character vectors (literals, c() and list() of strings,
 * paste0(), paste(), file.path(), sprintf("%s")) or text fetched from a URL (url(), readLines(), httr, curl),
 * which taints whatever is computed from it.
 */
#include "detect/rcall.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "deputy/array.h"
#include "deputy/strbuf.h"

#define RCALL_MAX_DEPTH 64

struct rdef {
	size_t first, last;
};

struct rvar {
	struct sv name;
	struct rdef *defs;
	size_t n_defs, cap_defs;
	size_t next;             /* the next variable in the same bucket */
	int state;               /* 0 not evaluated, 1 being evaluated, 2 done */
	struct rval value;
	unsigned cut_depth;      /* state 0 after a cut: 1 + the depth it was tried at; 0 never */
};

static const struct rval unknown_value = { .kind = RVAL_UNKNOWN };

static size_t
hash_name(struct sv name, size_t buckets)
{
	size_t h = 5381;

	for (size_t i = 0; i < name.len; i++)
		h = h * 33 + (unsigned char)name.ptr[i];
	return h % buckets;
}

static struct rvar *
find_var(struct rfind *f, struct sv name)
{
	if (!f->n_heads)
		return NULL;
	for (size_t k = f->var_heads[hash_name(name, f->n_heads)]; k != RCALL_NONE;
	     k = f->vars[k].next)
		if (sv_eq(f->vars[k].name, name))
			return &f->vars[k];
	return NULL;
}

static int
add_def(struct rfind *f, size_t name_tok, size_t first, size_t last)
{
	struct sv name = rcall_tok_name(f, name_tok);
	struct rvar *var = find_var(f, name);

	rcall_scope_assigned(f, name_tok);
	if (!var) {
		if (array_reserve(&f->vars, &f->cap_vars, f->n_vars, sizeof(*f->vars)))
			return ERR_NOMEM;
		size_t h = hash_name(name, f->n_heads);
		var = &f->vars[f->n_vars];
		memset(var, 0, sizeof(*var));
		var->name = name;
		var->next = f->var_heads[h];
		f->var_heads[h] = f->n_vars++;
	}
	if (array_reserve(&var->defs, &var->cap_defs, var->n_defs, sizeof(*var->defs)))
		return ERR_NOMEM;
	var->defs[var->n_defs++] = (struct rdef){ first, last };
	return 0;
}

static bool
is_lhs(const struct rfind *f, size_t i)
{
	enum rtok_kind k = f->toks[i].kind;

	if (k != RTOK_SYMBOL && k != RTOK_STR_CONST)
		return false;
	if (i == 0)
		return true;
	return !rcall_tok_is(f, i - 1, "$") && !rcall_tok_is(f, i - 1, "@") &&
	       f->toks[i - 1].kind != RTOK_NS_GET && f->toks[i - 1].kind != RTOK_NS_GET_INT;
}

/* `f(x = 1)` when the lexer left the = unrefined: an argument, not an assignment. */
static bool
is_argument_eq(const struct rfind *f, size_t i)
{
	if (i < 2)
		return false;
	if (rcall_tok_is(f, i - 2, ","))
		return true;
	return rcall_tok_is(f, i - 2, "(") && i >= 3 &&
	       (f->toks[i - 3].kind == RTOK_SYMBOL_FUNCTION_CALL ||
		f->toks[i - 3].kind == RTOK_SYMBOL || f->toks[i - 3].kind == RTOK_FUNCTION ||
		rcall_tok_is(f, i - 3, ")") || rcall_tok_is(f, i - 3, "]"));
}

/* The first token of the operand that ends just before @i (`"x" -> y`). */
static size_t
operand_start(const struct rfind *f, size_t i)
{
	if (i == 0)
		return RCALL_NONE;
	size_t j = i - 1;
	if (rcall_tok_is(f, j, ")") && f->match[j] != RCALL_NONE && f->match[j] < j) {
		size_t open = f->match[j];
		if (open == 0 || f->toks[open - 1].kind == RTOK_OP)
			return open;
		j = open - 1;
		if (j >= 2 && (f->toks[j - 1].kind == RTOK_NS_GET ||
			       f->toks[j - 1].kind == RTOK_NS_GET_INT))
			j -= 2;
		return j;
	}
	if (f->toks[j].kind == RTOK_STR_CONST || f->toks[j].kind == RTOK_SYMBOL)
		return j;
	return RCALL_NONE;
}

int
rcall_vars_collect(struct rfind *f)
{
	f->n_heads = f->n / 4 + 17;
	f->var_heads = malloc(f->n_heads * sizeof(*f->var_heads));
	if (!f->var_heads)
		return ERR_NOMEM;
	for (size_t h = 0; h < f->n_heads; h++)
		f->var_heads[h] = RCALL_NONE;
	int built = rcall_scopes_build(f);
	if (built)
		return built;
	for (size_t i = 0; i < f->n; i++) {
		enum rtok_kind k = f->toks[i].kind;
		int rc = 0;
		if ((k == RTOK_LEFT_ASSIGN || (k == RTOK_EQ_ASSIGN && !is_argument_eq(f, i))) &&
		    i > 0 && is_lhs(f, i - 1)) {
			rc = add_def(f, i - 1, i + 1, rcall_expr_end(f, i + 1));
		} else if (k == RTOK_RIGHT_ASSIGN && i + 1 < f->n &&
			   f->toks[i + 1].kind == RTOK_SYMBOL) {
			size_t start = operand_start(f, i);
			if (start != RCALL_NONE)
				rc = add_def(f, i + 1, start, i);
		} else if (k == RTOK_FOR && rcall_tok_is(f, i + 1, "(") && i + 3 < f->n &&
			   f->toks[i + 2].kind == RTOK_SYMBOL && f->toks[i + 3].kind == RTOK_IN &&
			   f->match[i + 1] != RCALL_NONE) {
			rc = add_def(f, i + 2, i + 4, f->match[i + 1]);
		}
		if (rc)
			return rc;
	}
	return rcall_scopes_bind(f);
}

void
rcall_vars_release(struct rfind *f)
{
	for (size_t k = 0; k < f->n_vars; k++)
		free(f->vars[k].defs);
	free(f->vars);
	free(f->var_heads);
	rcall_scopes_release(f);
	f->vars = NULL;
	f->var_heads = NULL;
	f->n_vars = f->n_heads = 0;
}

bool
rcall_is_url(const char *s)
{
	return strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0 ||
	       strncasecmp(s, "ftp://", 6) == 0 || strncasecmp(s, "ftps://", 7) == 0;
}

bool
rcall_is_false(const struct rfind *f, size_t first, size_t last)
{
	if (last != first + 1)
		return false;
	struct sv text = rcall_tok_text(f, first);
	return sv_eq_cstr(text, "FALSE") || sv_eq_cstr(text, "F");
}

static struct rval
strs_value(struct rfind *f, size_t n, struct span at)
{
	struct rval v = { .kind = RVAL_STRS, .n = n, .at = at, .expr = at };

	v.strs = arena_alloc(f->out->arena, (n ? n : 1) * sizeof(*v.strs));
	v.spans = arena_alloc(f->out->arena, (n ? n : 1) * sizeof(*v.spans));
	if (!v.strs || !v.spans) {
		f->rc = ERR_NOMEM;
		return unknown_value;
	}
	return v;
}

static struct rval
one_string(struct rfind *f, const char *s, struct span at)
{
	struct rval v = strs_value(f, 1, at);

	if (v.kind == RVAL_STRS) {
		v.strs[0] = s;
		v.spans[0] = at;
	}
	return v;
}

/* The value seen from a use of a variable: positions become the use site. */
static struct rval
at_use(struct rfind *f, struct rval v, struct span use)
{
	if (v.kind == RVAL_STRS || (v.kind == RVAL_FETCH && v.n)) {
		struct span *spans = arena_alloc(f->out->arena, v.n * sizeof(*spans));
		if (!spans) {
			f->rc = ERR_NOMEM;
			return unknown_value;
		}
		for (size_t k = 0; k < v.n; k++)
			spans[k] = use;
		v.spans = spans;
	}
	v.at = use;
	return v;
}

static bool
same_value(const struct rval *a, const struct rval *b)
{
	if (a->kind != b->kind || a->n != b->n)
		return false;
	for (size_t k = 0; k < a->n; k++)
		if (strcmp(a->strs[k], b->strs[k]) != 0)
			return false;
	return a->kind != RVAL_FETCH || a->n > 0;
}

static struct rval
lookup(struct rfind *f, size_t tok, unsigned depth)
{
	struct sv name = rcall_tok_name(f, tok);
	struct span use = rcall_tok_span(f, tok, tok + 1);
	struct rval param;

	if (rcall_scope_value(f, name, tok, depth, &param))      /* a parameter there */
		return at_use(f, param, use);
	struct rvar *var = find_var(f, name);

	if (!var || var->state == 1)
		return unknown_value;
	/*
	 * Cut by the depth limit at this depth or a shallower one before: a
	 * deeper try cannot reach further, so it is not made again (otherwise a
	 * name used often is evaluated again at every use).
	 */
	if (var->state == 0 && var->cut_depth && depth + 1 >= var->cut_depth) {
		f->cut++;       /* still a cut value: whoever uses it must not keep it */
		return at_use(f, var->value, use);
	}
	if (var->state == 0) {
		size_t cut = f->cut;
		var->state = 1;
		struct rval v = unknown_value;
		for (size_t d = 0; d < var->n_defs; d++) {
			struct rval one = rcall_eval(f, var->defs[d].first, var->defs[d].last,
						     depth + 1);
			if (d == 0) {
				v = one;
			} else if (!same_value(&v, &one)) {
				v = unknown_value;
			}
			if (v.kind == RVAL_UNKNOWN)
				break;  /* no later definition can make it known */
		}
		/* a value found with a part cut by the depth limit is not kept */
		var->state = f->cut == cut ? 2 : 0;
		var->value = v;
		if (var->state == 0) {
			var->cut_depth = depth + 1;
			return at_use(f, v, use);
		}
	}
	return at_use(f, var->value, use);
}

static bool
is_fn(const struct rcall *call, const char *const *names)
{
	for (size_t k = 0; names[k]; k++)
		if (sv_eq_cstr(call->fn, names[k]))
			return true;
	return false;
}

static struct rval
fetch_value(struct rfind *f, const struct rcall_arg *arg, unsigned depth)
{
	struct rval v = { .kind = RVAL_FETCH };

	if (!arg)
		return unknown_value;
	struct rval src = rcall_eval(f, arg->first, arg->last, depth + 1);
	v.expr = rcall_tok_span(f, arg->first, arg->last);
	v.at = src.kind == RVAL_UNKNOWN ? v.expr : src.at;
	switch (src.kind) {
	case RVAL_FETCH:
		return src;
	case RVAL_STRS:
		for (size_t k = 0; k < src.n; k++)
			if (!rcall_is_url(src.strs[k]))
				return unknown_value;
		v.n = src.n;
		v.strs = src.strs;
		v.spans = src.spans;
		return v;
	case RVAL_UNKNOWN:
		/* text read from somewhere not known: treated as a URL not known */
		return v;
	default:
		return unknown_value;
	}
}

/* paste0(), paste(), file.path(): element-wise joins with recycling. */
static struct rval
join_values(struct rfind *f, struct rcall *call, const char *const *formals, const char *sep,
	    unsigned depth)
{
	const struct rcall_arg *sep_arg = rcall_arg(call, formals, formals[1]);
	const struct rcall_arg *collapse_arg = rcall_arg(call, formals, "collapse");
	struct rval parts[32];
	size_t n_parts = 0, len = 0;

	if (sep_arg) {
		struct rval s = rcall_eval(f, sep_arg->first, sep_arg->last, depth + 1);
		if (s.kind != RVAL_STRS || s.n != 1)
			return unknown_value;
		sep = s.strs[0];
	}
	for (size_t a = 0; a < call->n_args; a++) {
		struct rcall_arg *arg = &call->args[a];
		if (arg->formal != 0 || arg->first == arg->last)
			continue;
		struct rval v = rcall_eval(f, arg->first, arg->last, depth + 1);
		if (v.kind == RVAL_FETCH)
			return v;
		if (v.kind != RVAL_STRS || v.n == 0 || n_parts == 32)
			return unknown_value;
		parts[n_parts++] = v;
		if (v.n > len)
			len = v.n;
	}
	if (n_parts == 0 || len > RCALL_MAX_VECTOR)
		return unknown_value;
	struct span at = rcall_tok_span(f, call->head, call->close + 1);
	struct rval out = strs_value(f, len, at);
	for (size_t e = 0; e < len && out.kind == RVAL_STRS; e++) {
		struct strbuf sb = STRBUF_INIT;
		for (size_t p = 0; p < n_parts; p++) {
			if (p)
				strbuf_adds(&sb, sep);
			strbuf_adds(&sb, parts[p].strs[e % parts[p].n]);
		}
		out.strs[e] = arena_strdup(f->out->arena, strbuf_cstr(&sb));
		out.spans[e] = at;
		if (sb.failed || !out.strs[e])
			f->rc = ERR_NOMEM;
		strbuf_release(&sb);
	}
	if (out.kind == RVAL_STRS && collapse_arg) {
		struct rval c = rcall_eval(f, collapse_arg->first, collapse_arg->last, depth + 1);
		if (c.kind != RVAL_STRS || c.n != 1)
			return unknown_value;
		struct strbuf sb = STRBUF_INIT;
		for (size_t e = 0; e < out.n; e++) {
			if (e)
				strbuf_adds(&sb, c.strs[0]);
			strbuf_adds(&sb, out.strs[e]);
		}
		out = one_string(f, arena_strdup(f->out->arena, strbuf_cstr(&sb)), at);
		strbuf_release(&sb);
	}
	return out;
}

/* sprintf() with %s and %% only, scalar arguments. */
static struct rval
sprintf_value(struct rfind *f, struct rcall *call, unsigned depth)
{
	static const char *const formals[] = { "fmt", "...", NULL };
	struct rval args[16];
	size_t n_args = 0, used = 0;

	rcall_match(f, call, formals);
	const struct rcall_arg *fmt_arg = rcall_arg(call, formals, "fmt");
	if (!fmt_arg)
		return unknown_value;
	struct rval fmt = rcall_eval(f, fmt_arg->first, fmt_arg->last, depth + 1);
	if (fmt.kind != RVAL_STRS || fmt.n != 1)
		return unknown_value;
	for (size_t a = 0; a < call->n_args; a++) {
		if (call->args[a].formal != 1)
			continue;
		struct rval v = rcall_eval(f, call->args[a].first, call->args[a].last, depth + 1);
		if (v.kind != RVAL_STRS || v.n != 1 || n_args == 16)
			return unknown_value;
		args[n_args++] = v;
	}
	struct strbuf sb = STRBUF_INIT;
	for (const char *p = fmt.strs[0]; *p; p++) {
		if (p[0] == '%' && p[1] == '%') {
			strbuf_addch(&sb, '%');
			p++;
		} else if (p[0] == '%' && p[1] == 's' && used < n_args) {
			strbuf_adds(&sb, args[used++].strs[0]);
			p++;
		} else if (p[0] == '%') {
			strbuf_release(&sb);
			return unknown_value;
		} else {
			strbuf_addch(&sb, *p);
		}
	}
	struct rval out = one_string(f, arena_strdup(f->out->arena, strbuf_cstr(&sb)),
				     rcall_tok_span(f, call->head, call->close + 1));
	if (sb.failed)
		f->rc = ERR_NOMEM;
	strbuf_release(&sb);
	return out;
}

static struct rval
eval_call(struct rfind *f, struct rcall *call, unsigned depth)
{
	static const char *const network[] = { "url", "GET", "POST", "VERB", "curl",
		"curl_fetch_memory", "curl_fetch_disk", "getURL", "getURLContent", "request",
		"fromJSON", NULL };
	static const char *const reading[] = { "readLines", "read_lines", "read_file",
		"read_utf8", "gzcon", "scan", NULL };
	static const char *const vector_formals[] = { "...", NULL };
	static const char *const paste_formals[] = { "...", "sep", "collapse", NULL };
	static const char *const paste0_formals[] = { "...", "collapse", NULL };
	static const char *const path_formals[] = { "...", "fsep", NULL };
	static const char *const parse_formals[] = { "file", "n", "text", "prompt", "keep.source",
		"srcfile", "encoding", NULL };
	static const char *const first_formals[] = { "x", "...", NULL };
	static const char *const subsets[] = { "setdiff", "unique", "sort", "rev", "intersect",
		"na.omit", "as.character", "trimws", "as.list", "unlist", "as.vector", NULL };

	if (sv_eq_cstr(call->fn, "c") || sv_eq_cstr(call->fn, "list")) {
		rcall_match(f, call, vector_formals);
		struct rval parts[64];
		size_t n_parts = 0, total = 0;
		for (size_t a = 0; a < call->n_args; a++) {
			struct rcall_arg *arg = &call->args[a];
			if (arg->first == arg->last)
				continue;
			struct rval v = rcall_eval(f, arg->first, arg->last, depth + 1);
			if (v.kind == RVAL_FETCH)
				return v;
			if (v.kind == RVAL_NULL)
				continue;
			if (v.kind != RVAL_STRS || n_parts == 64)
				return unknown_value;
			parts[n_parts++] = v;
			total += v.n;
		}
		if (total > RCALL_MAX_VECTOR)
			return unknown_value;
		struct rval out = strs_value(f, total, rcall_tok_span(f, call->head,
								       call->close + 1));
		for (size_t p = 0, e = 0; p < n_parts && out.kind == RVAL_STRS; p++) {
			for (size_t k = 0; k < parts[p].n; k++, e++) {
				out.strs[e] = parts[p].strs[k];
				out.spans[e] = parts[p].spans[k];
			}
		}
		return out;
	}
	if (sv_eq_cstr(call->fn, "paste0")) {
		rcall_match(f, call, paste0_formals);
		return join_values(f, call, paste0_formals, "", depth);
	}
	if (sv_eq_cstr(call->fn, "paste")) {
		rcall_match(f, call, paste_formals);
		return join_values(f, call, paste_formals, " ", depth);
	}
	if (sv_eq_cstr(call->fn, "file.path")) {
		rcall_match(f, call, path_formals);
		return join_values(f, call, path_formals, "/", depth);
	}
	if (sv_eq_cstr(call->fn, "sprintf"))
		return sprintf_value(f, call, depth);
	if (is_fn(call, network) || is_fn(call, reading)) {
		rcall_match(f, call, first_formals);
		return fetch_value(f, rcall_arg(call, first_formals, "x"), depth);
	}
	if (sv_eq_cstr(call->fn, "parse")) {
		rcall_match(f, call, parse_formals);
		const struct rcall_arg *file = rcall_arg(call, parse_formals, "file");
		const struct rcall_arg *text = rcall_arg(call, parse_formals, "text");
		if (text) {
			struct rval v = rcall_eval(f, text->first, text->last, depth + 1);
			return v.kind == RVAL_FETCH ? v : unknown_value;
		}
		return fetch_value(f, file, depth);
	}
	if (is_fn(call, subsets)) {
		rcall_match(f, call, first_formals);
		const struct rcall_arg *x = rcall_arg(call, first_formals, "x");
		return x ? rcall_eval(f, x->first, x->last, depth + 1) : unknown_value;
	}
	/* any other function: text fetched from a URL stays tainted through it */
	for (size_t a = 0; a < call->n_args && a < 16; a++) {
		struct rcall_arg *arg = &call->args[a];
		if (arg->first == arg->last)
			continue;
		struct rval v = rcall_eval(f, arg->first, arg->last, depth + 1);
		if (v.kind == RVAL_FETCH)
			return v;
	}
	return unknown_value;
}

static struct rval
eval_token(struct rfind *f, size_t i, unsigned depth)
{
	struct sv text = rcall_tok_text(f, i);
	struct span at = rcall_tok_span(f, i, i + 1);

	switch (f->toks[i].kind) {
	case RTOK_STR_CONST: {
		char *s = rlex_string_value(f->out->arena, &f->toks[i], f->code);
		if (!s) {
			f->rc = ERR_NOMEM;
			return unknown_value;
		}
		return one_string(f, s, at);
	}
	case RTOK_NUM_CONST:
		for (size_t k = 0; k < text.len; k++)
			if (text.ptr[k] < '0' || text.ptr[k] > '9')
				return unknown_value;
		return one_string(f, arena_strndup(f->out->arena, text), at);
	case RTOK_NULL_CONST:
		return (struct rval){ .kind = RVAL_NULL, .at = at, .expr = at };
	case RTOK_SYMBOL:
		return lookup(f, i, depth);
	default:
		return unknown_value;
	}
}

struct rval
rcall_eval(struct rfind *f, size_t first, size_t last, unsigned depth)
{
	if (depth > RCALL_MAX_DEPTH)
		f->cut++;
	if (first >= last || last > f->n || depth > RCALL_MAX_DEPTH || f->rc)
		return unknown_value;
	if (f->budget == 0) {
		f->over_limit = true;
		return unknown_value;
	}
	f->budget--;
	if (rcall_tok_is(f, first, "(") && f->match[first] == last - 1)
		return rcall_eval(f, first + 1, last - 1, depth + 1);
	if (rcall_operand_end(f, first) != last)
		return unknown_value;
	if (last == first + 1)
		return eval_token(f, first, depth);

	struct rval v = unknown_value;
	size_t head_end;
	size_t fn = first;
	if (first + 2 < last && (f->toks[first + 1].kind == RTOK_NS_GET ||
				 f->toks[first + 1].kind == RTOK_NS_GET_INT))
		fn = first + 2;
	struct rcall call;
	if (rcall_parse(f, fn, &call)) {
		v = eval_call(f, &call, depth);
		head_end = call.close + 1;
	} else if (f->toks[first].kind == RTOK_SYMBOL) {
		v = lookup(f, first, depth);
		head_end = first + 1;
	} else {
		head_end = last;
	}
	rcall_release(&call);
	if (head_end == last)
		return v;
	/* pkgs[!installed]: some of those names, so any of them */
	if (v.kind == RVAL_STRS && rcall_tok_is(f, head_end, "[") && f->match[head_end] == last - 1)
		return v;
	/* x$content, x[[1]]: what comes from a URL is still from there */
	return v.kind == RVAL_FETCH ? v : unknown_value;
}
