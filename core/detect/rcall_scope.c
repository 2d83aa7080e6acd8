/*
 * Function parameters (rcall.h). Every `function(...)` and `\(...)` of a
 * file is known with its formals; inside it (its formals and body), a name
 * that is one of its formals is that parameter, whatever the name is
 * elsewhere: the innermost function wins. A parameter's values are known
 * only when the file shows every one of them:
 *
 * - in the function of `lapply(X, function(p) ...)` (sapply, vapply, purrr's
 *   map and walk, plyr's llply; `\(p)`; purrr's `~ f(.x)`), p is each
 *   element of X;
 * - in `name <- function(p, ...) body`, p is what every call `name(...)` of
 *   the file passes (its default when a call leaves it out), and each
 *   element of X when `name` is an apply's FUN; a name defined twice, or
 *   called with a namespace (`base::load()`), is not followed.
 *
 * A parameter assigned in its function, one of a function nobody calls, or
 * one a call leaves out without a default, is unknown.
 */
#include "detect/rcall.h"

#include <stdlib.h>
#include <string.h>

#include "deputy/array.h"

struct rrange {
	size_t first, last;
};

struct rscope {                  /* one formal of one function */
	struct sv name;
	struct rrange dflt;      /* the default's tokens; first == last: none */
	struct rrange *values;   /* heap: the expressions it is bound to */
	size_t n_values, cap_values;
	bool missing;            /* a call leaves it out */
	bool unknown;            /* assigned in the function, or too many values */
	int state;               /* 0 not joined, 1 being joined, 2 done */
	struct rval value;       /* with state 2 */
};

struct rfunc {
	size_t open, last;       /* its formals' "(" to the end of its body */
	size_t parent;           /* the function around it, or RCALL_NONE */
	size_t first_scope, n_formals;
	const char **formals;    /* the formals' names for rcall_match(), made once; or NULL */
};

/* A function defined under a name (`name <- function`), for calls of that name. */
struct rnamed {
	struct sv name;
	size_t func;             /* index in funcs */
};

/*
 * The functions that call a function on each element of their first
 * argument, with the formals of that argument and of the function.
 */
static const char *const base_apply[] = { "X", "FUN", "...", NULL };
static const char *const purrr_apply[] = { ".x", ".f", "...", NULL };
static const char *const plyr_apply[] = { ".data", ".fun", "...", NULL };

static const struct {
	const char *fn;
	const char *const *formals;
} applies[] = {
	{ "lapply", base_apply }, { "sapply", base_apply }, { "vapply", base_apply },
	{ "pblapply", base_apply }, { "future_lapply", base_apply },
	{ "map", purrr_apply }, { "map_chr", purrr_apply }, { "map_lgl", purrr_apply },
	{ "walk", purrr_apply }, { "llply", plyr_apply },
};

static const char *const *
apply_formals(struct sv fn)
{
	for (size_t k = 0; k < sizeof(applies) / sizeof(applies[0]); k++)
		if (sv_eq_cstr(fn, applies[k].fn))
			return applies[k].formals;
	return NULL;
}

static bool
is_function(const struct rfind *f, size_t t)
{
	return (f->toks[t].kind == RTOK_FUNCTION || f->toks[t].kind == RTOK_LAMBDA) &&
	       rcall_tok_is(f, t + 1, "(") && f->match[t + 1] != RCALL_NONE;
}

/* The function whose `function` is token @t, or NULL. */
static struct rfunc *
func_at(struct rfind *f, size_t t)
{
	size_t lo = 0, hi = f->n_funcs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (f->funcs[mid].open < t + 1)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < f->n_funcs && f->funcs[lo].open == t + 1 ? &f->funcs[lo] : NULL;
}

/* Every function, its formals a scope each, and the innermost one around each token. */
static int
build(struct rfind *f)
{
	size_t top = RCALL_NONE;

	for (size_t t = 0; t + 1 < f->n; t++) {
		if (!is_function(f, t))
			continue;
		size_t close = f->match[t + 1];
		size_t last = close + 1 < f->n ? rcall_expr_end(f, close + 1) : close + 1;
		if (array_reserve(&f->funcs, &f->cap_funcs, f->n_funcs, sizeof(*f->funcs)))
			return ERR_NOMEM;
		struct rfunc *fn = &f->funcs[f->n_funcs];
		*fn = (struct rfunc){ t + 1, last > close + 1 ? last : close + 1, RCALL_NONE,
				      f->n_scopes, 0, NULL };
		/* the formals: names at the top level of the parentheses */
		for (size_t k = t + 2; k < close; k++) {
			if (rcall_tok_is(f, k, "(") || rcall_tok_is(f, k, "{") || rcall_tok_is(f, k, "[")) {
				if (f->match[k] != RCALL_NONE && f->match[k] > k)
					k = f->match[k];
				continue;
			}
			if (f->toks[k].kind != RTOK_SYMBOL_FORMALS || !(rcall_tok_is(f, k - 1, "(") ||
									 rcall_tok_is(f, k - 1, ",")))
				continue;
			if (array_reserve(&f->scopes, &f->cap_scopes, f->n_scopes, sizeof(*f->scopes)))
				return ERR_NOMEM;
			struct rscope *s = &f->scopes[f->n_scopes++];
			*s = (struct rscope){ .name = rcall_tok_name(f, k) };
			if (k + 2 < close && (rcall_tok_is(f, k + 1, "=") ||
					      f->toks[k + 1].kind == RTOK_EQ_FORMALS))
				s->dflt = (struct rrange){ k + 2, rcall_expr_end(f, k + 2) };
			fn->n_formals++;
		}
		f->n_funcs++;
	}
	f->func_of = malloc((f->n + 1) * sizeof(*f->func_of));
	if (!f->func_of)
		return ERR_NOMEM;
	for (size_t i = 0, next = 0; i <= f->n; i++) {
		while (top != RCALL_NONE && i >= f->funcs[top].last)
			top = f->funcs[top].parent;
		while (next < f->n_funcs && f->funcs[next].open == i) {
			f->funcs[next].parent = top;
			top = next++;
		}
		f->func_of[i] = top;
	}
	return 0;
}

/* The formal @name of the innermost function around token @tok that has one, or NULL. */
static struct rscope *
formal_at(struct rfind *f, struct sv name, size_t tok)
{
	if (!f->func_of || tok > f->n)
		return NULL;
	for (size_t fn = f->func_of[tok]; fn != RCALL_NONE; fn = f->funcs[fn].parent) {
		const struct rfunc *func = &f->funcs[fn];
		for (size_t k = 0; k < func->n_formals; k++)
			if (sv_eq(f->scopes[func->first_scope + k].name, name))
				return &f->scopes[func->first_scope + k];
	}
	return NULL;
}

static void
bind(struct rfind *f, struct rscope *s, size_t first, size_t last)
{
	if (first >= last || s->n_values == RCALL_MAX_VECTOR) {
		s->unknown = true;
		return;
	}
	if (array_reserve(&s->values, &s->cap_values, s->n_values, sizeof(*s->values))) {
		f->rc = ERR_NOMEM;
		return;
	}
	s->values[s->n_values++] = (struct rrange){ first, last };
}

void
rcall_scope_assigned(struct rfind *f, size_t name_tok)
{
	struct rscope *s = formal_at(f, rcall_tok_name(f, name_tok), name_tok);

	if (s)
		s->unknown = true;      /* p <- ..., for (p in ...): not only the caller's */
}

static int
named_cmp(const void *a, const void *b)
{
	const struct rnamed *x = a, *y = b;

	return sv_cmp(x->name, y->name);
}

/*
 * `name <- function`: the names functions are defined under, sorted once so
 * that each call is one binary search; a name defined twice is not followed.
 */
static int
name_functions(struct rfind *f)
{
	size_t cap = 0;

	for (size_t i = 1; i + 1 < f->n; i++) {
		if ((f->toks[i].kind != RTOK_LEFT_ASSIGN && f->toks[i].kind != RTOK_EQ_ASSIGN) ||
		    f->toks[i - 1].kind != RTOK_SYMBOL ||
		    (i >= 2 && (rcall_tok_is(f, i - 2, "$") || rcall_tok_is(f, i - 2, "@"))))
			continue;
		struct rfunc *fn = func_at(f, i + 1);
		if (!fn)
			continue;
		if (array_reserve(&f->named, &cap, f->n_named, sizeof(*f->named)))
			return ERR_NOMEM;
		f->named[f->n_named++] = (struct rnamed){ rcall_tok_name(f, i - 1),
							  (size_t)(fn - f->funcs) };
	}
	if (f->n_named)
		qsort(f->named, f->n_named, sizeof(*f->named), named_cmp);
	return 0;
}

/* The function the file defines under @name, once, or NULL. */
static struct rfunc *
defined(struct rfind *f, struct sv name)
{
	struct rnamed key = { name, 0 };
	const struct rnamed *hit = f->n_named ? bsearch(&key, f->named, f->n_named,
							sizeof(*f->named), named_cmp) : NULL;

	if (!hit)
		return NULL;
	if ((hit > f->named && named_cmp(hit - 1, hit) == 0) ||
	    (hit + 1 < f->named + f->n_named && named_cmp(hit + 1, hit) == 0))
		return NULL;    /* defined twice */
	return &f->funcs[hit->func];
}

/* @func's formal names, NULL-terminated, made once (arena); NULL on no memory. */
static const char *const *
formal_names(struct rfind *f, struct rfunc *func)
{
	if (func->formals)
		return func->formals;
	const char **names = arena_alloc(f->out->arena, (func->n_formals + 1) * sizeof(*names));
	for (size_t k = 0; names && k < func->n_formals; k++)
		if (!(names[k] = arena_strndup(f->out->arena, f->scopes[func->first_scope + k].name)))
			names = NULL;
	if (!names)
		f->rc = ERR_NOMEM;
	else
		names[func->n_formals] = NULL;
	return func->formals = names;
}

/* `lapply(X, FUN)`: FUN's first parameter is each element of X. */
static void
apply_binds(struct rfind *f, size_t i, const char *const *names)
{
	struct rcall call;

	if (!rcall_parse(f, i, &call))
		return;
	rcall_match(f, &call, names);
	const struct rcall_arg *x = rcall_arg(&call, names, names[0]);
	const struct rcall_arg *fn = rcall_arg(&call, names, names[1]);
	if (x && fn && x->first < x->last && fn->first < fn->last) {
		size_t t = fn->first;
		struct rfunc *func = NULL;
		if (is_function(f, t))
			func = func_at(f, t);
		else if (fn->last == t + 1 && f->toks[t].kind == RTOK_SYMBOL)
			func = defined(f, rcall_tok_name(f, t));
		if (func && func->n_formals &&
		    !sv_eq_cstr(f->scopes[func->first_scope].name, "..."))
			bind(f, &f->scopes[func->first_scope], x->first, x->last);
		else if (rcall_tok_is(f, t, "~") && t + 1 < fn->last &&
			 f->n_formulas < RCALL_MAX_VECTOR) {
			/* purrr's formula: .x in it is each element of X */
			if (array_reserve(&f->formulas, &f->cap_formulas, f->n_formulas,
					  sizeof(*f->formulas)))
				f->rc = ERR_NOMEM;
			else
				f->formulas[f->n_formulas++] = (struct rformula){ t + 1, fn->last,
										 x->first, x->last };
		}
	}
	rcall_release(&call);
}

/* A call of a function the file defines: each parameter takes what it is passed. */
static void
call_binds(struct rfind *f, size_t i, struct rfunc *func)
{
	const char *const *formals = formal_names(f, func);
	struct rcall call;

	if (!formals || !rcall_parse(f, i, &call))
		return;
	if (!call.pkg.len) {            /* base::load() is not the file's load() */
		rcall_match(f, &call, formals);
		for (size_t k = 0; k < func->n_formals; k++) {
			const struct rcall_arg *a = rcall_arg(&call, formals, formals[k]);
			struct rscope *s = &f->scopes[func->first_scope + k];
			if (a)
				bind(f, s, a->first, a->last);
			else
				s->missing = true;
		}
	}
	rcall_release(&call);
}

int
rcall_scopes_build(struct rfind *f)
{
	int rc = build(f);

	return rc ? rc : name_functions(f);
}

int
rcall_scopes_bind(struct rfind *f)
{
	for (size_t i = 0; i < f->n && !f->rc; i++) {
		if (f->toks[i].kind != RTOK_SYMBOL_FUNCTION_CALL)
			continue;
		const char *const *formals = apply_formals(rcall_tok_text(f, i));
		struct rfunc *func;
		if (formals)
			apply_binds(f, i, formals);
		else if ((func = defined(f, rcall_tok_name(f, i))))
			call_binds(f, i, func);
	}
	return f->rc;
}

void
rcall_scopes_release(struct rfind *f)
{
	for (size_t k = 0; k < f->n_scopes; k++)
		free(f->scopes[k].values);
	free(f->scopes);
	free(f->funcs);
	free(f->func_of);
	free(f->formulas);
	free(f->named);
	f->named = NULL;
	f->n_named = 0;
	f->scopes = NULL;
	f->funcs = NULL;
	f->func_of = NULL;
	f->formulas = NULL;
	f->n_scopes = f->cap_scopes = f->n_funcs = f->cap_funcs = 0;
	f->n_formulas = f->cap_formulas = 0;
}

static bool
has_str(const struct rval *v, size_t n, const char *s)
{
	for (size_t k = 0; k < n; k++)
		if (strcmp(v->strs[k], s) == 0)
			return true;
	return false;
}

/*
 * The values of @s's bindings (and its default when a call leaves it out)
 * joined, each name once; unknown unless all are known strings.
 */
static struct rval
join_values(struct rfind *f, const struct rscope *s, unsigned depth)
{
	struct rval all = { .kind = RVAL_UNKNOWN };
	size_t n_parts = s->n_values + (s->missing ? 1 : 0), total = 0, n = 0;
	struct rval *parts;

	if (s->unknown || n_parts == 0 || (s->missing && s->dflt.first == s->dflt.last))
		return all;
	if (!(parts = calloc(n_parts, sizeof(*parts)))) {
		f->rc = ERR_NOMEM;
		return all;
	}
	for (size_t k = 0; k < n_parts; k++) {
		struct rrange r = k < s->n_values ? s->values[k] : s->dflt;
		parts[k] = rcall_eval(f, r.first, r.last, depth + 1);
		if (parts[k].kind != RVAL_STRS || (total += parts[k].n) > RCALL_MAX_VECTOR)
			goto out;
	}
	all = parts[0];
	all.strs = arena_alloc(f->out->arena, (total ? total : 1) * sizeof(*all.strs));
	all.spans = arena_alloc(f->out->arena, (total ? total : 1) * sizeof(*all.spans));
	if (!all.strs || !all.spans) {
		f->rc = ERR_NOMEM;
		all.kind = RVAL_UNKNOWN;
		goto out;
	}
	for (size_t k = 0; k < n_parts; k++)
		for (size_t j = 0; j < parts[k].n; j++)
			if (!has_str(&all, n, parts[k].strs[j])) {
				all.strs[n] = parts[k].strs[j];
				all.spans[n++] = parts[k].spans[j];
			}
	all.n = n;
out:
	free(parts);
	return all;
}

bool
rcall_scope_value(struct rfind *f, struct sv name, size_t tok, unsigned depth, struct rval *out)
{
	struct rscope *s = formal_at(f, name, tok);

	*out = (struct rval){ .kind = RVAL_UNKNOWN };
	if (!s) {
		/* purrr's `~ f(.x)`: .x is each element of X */
		for (size_t k = 0; sv_eq_cstr(name, ".x") && k < f->n_formulas; k++)
			if (tok >= f->formulas[k].first && tok < f->formulas[k].last) {
				*out = rcall_eval(f, f->formulas[k].x_first, f->formulas[k].x_last,
						  depth + 1);
				return true;
			}
		return false;
	}
	if (s->state == 1)
		return true;    /* defined through itself */
	if (s->state == 2) {
		*out = s->value;
		return true;
	}
	size_t cut = f->cut;
	s->state = 1;
	struct rval v = join_values(f, s, depth);
	/* as for variables: a value cut by the depth limit is not kept */
	s->state = f->cut == cut ? 2 : 0;
	s->value = v;
	*out = v;
	return true;
}
