/*
 * Function parameters whose values the file shows (rcall.h): inside the
 * function of `lapply(X, function(p) ...)` (sapply, vapply, purrr's map and
 * walk, plyr's llply; `\(p)`, purrr's `~ f(.x)`), p is each element of X; in
 * a function the file defines, `name <- function(p, ...) body`, p is what
 * every call `name(...)` in the file passes (or its default), and each
 * element of X when the function is lapply's FUN. Such a binding holds in
 * the function's body only, over whatever the name is elsewhere; the
 * innermost function wins.
 */
#include "detect/rcall.h"

#include <stdlib.h>
#include <string.h>

#include "deputy/array.h"

/* Functions a file defines that are followed, at most. */
#define RCALL_MAX_FUNDEFS 64

struct rrange {
	size_t first, last;
};

struct rscope {
	struct sv name;
	size_t body_first, body_last;    /* where @name has the values below */
	struct rrange *values;           /* heap: the expressions it is bound to */
	size_t n_values, cap_values;
	bool unknown;            /* a call passes nothing and there is no default, or too
				  * many values */
	int state;               /* 0 not evaluated, 1 being evaluated, 2 done */
	struct rval value;       /* with state 2 */
};

/* `name <- function(formals) body`: its parameters, each a scope. */
struct rfundef {
	struct sv name;
	size_t fn_tok;           /* `function` */
	const char **formals;    /* NULL-terminated, arena */
	size_t first_scope;      /* scopes[first_scope + k] is formal k */
	size_t n_formals;
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

static struct rscope *
new_scope(struct rfind *f, struct sv name, size_t body_first, size_t body_last)
{
	if (f->n_scopes == RCALL_MAX_SCOPES)
		return NULL;    /* a file of that many: the later ones stay unknown */
	if (array_reserve(&f->scopes, &f->cap_scopes, f->n_scopes, sizeof(*f->scopes))) {
		f->rc = ERR_NOMEM;
		return NULL;
	}
	struct rscope *s = &f->scopes[f->n_scopes++];
	*s = (struct rscope){ .name = name, .body_first = body_first, .body_last = body_last };
	return s;
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

/* The body of the function whose `function` (or `\`) is token @t, up to @end; false if none. */
static bool
body_of(const struct rfind *f, size_t t, size_t end, size_t *first, size_t *last)
{
	if ((f->toks[t].kind != RTOK_FUNCTION && f->toks[t].kind != RTOK_LAMBDA) ||
	    !rcall_tok_is(f, t + 1, "(") || f->match[t + 1] == RCALL_NONE ||
	    f->match[t + 1] + 1 >= end)
		return false;
	*first = f->match[t + 1] + 1;
	*last = end;
	return true;
}

static struct rfundef *
find_fundef(struct rfundef *defs, size_t n, struct sv name)
{
	for (size_t k = 0; k < n; k++)
		if (sv_eq(defs[k].name, name))
			return &defs[k];
	return NULL;
}

/* `lapply(X, FUN)`: FUN's first parameter is each element of X. */
static void
apply_binds(struct rfind *f, size_t i, const char *const *names, struct rfundef *defs,
	    size_t n_defs)
{
	struct rcall call;
	size_t first, last;

	if (!rcall_parse(f, i, &call))
		return;
	rcall_match(f, &call, names);
	const struct rcall_arg *x = rcall_arg(&call, names, names[0]);
	const struct rcall_arg *fn = rcall_arg(&call, names, names[1]);
	if (x && fn && x->first < x->last && fn->first < fn->last) {
		size_t t = fn->first;
		struct rscope *s = NULL;
		struct rfundef *def;
		if (body_of(f, t, fn->last, &first, &last) &&
		    f->toks[t + 2].kind == RTOK_SYMBOL_FORMALS)
			s = new_scope(f, rcall_tok_name(f, t + 2), first, last);
		else if (rcall_tok_is(f, t, "~") && t + 1 < fn->last)
			s = new_scope(f, SV_LIT(".x"), t + 1, fn->last);
		else if (fn->last == t + 1 && f->toks[t].kind == RTOK_SYMBOL &&
			 (def = find_fundef(defs, n_defs, rcall_tok_name(f, t))) && def->n_formals)
			s = &f->scopes[def->first_scope];
		if (s)
			bind(f, s, x->first, x->last);
	}
	rcall_release(&call);
}

/* `name <- function(...)` at the assignment @i: a function whose calls are followed. */
static void
add_fundef(struct rfind *f, size_t i, struct rfundef *defs, size_t *n_defs)
{
	size_t t = i + 1, end = rcall_expr_end(f, t), first, last, n = 0;

	if (*n_defs == RCALL_MAX_FUNDEFS || !body_of(f, t, end, &first, &last))
		return;
	for (size_t k = t + 2; k < first - 1; k++)
		n += f->toks[k].kind == RTOK_SYMBOL_FORMALS;
	const char **formals = arena_alloc(f->out->arena, (n + 1) * sizeof(*formals));
	if (!formals) {
		f->rc = ERR_NOMEM;
		return;
	}
	struct rfundef *def = &defs[*n_defs];
	*def = (struct rfundef){ rcall_tok_name(f, i - 1), t, formals, f->n_scopes, 0 };
	for (size_t k = t + 2; k < first - 1 && !f->rc; k++) {
		if (f->toks[k].kind != RTOK_SYMBOL_FORMALS)
			continue;
		struct sv name = rcall_tok_name(f, k);
		formals[def->n_formals] = arena_strndup(f->out->arena, name);
		if (!formals[def->n_formals] || !new_scope(f, name, first, last)) {
			if (!formals[def->n_formals])
				f->rc = ERR_NOMEM;
			f->n_scopes = def->first_scope;         /* not followed */
			return;
		}
		/* a default is one of the values it may take */
		if (rcall_tok_is(f, k + 1, "=") || f->toks[k + 1].kind == RTOK_EQ_FORMALS)
			bind(f, &f->scopes[f->n_scopes - 1], k + 2, rcall_expr_end(f, k + 2));
		def->n_formals++;
	}
	formals[def->n_formals] = NULL;
	(*n_defs)++;
}

/* A call of a function the file defines: each parameter takes what it is passed. */
static void
call_binds(struct rfind *f, size_t i, struct rfundef *def)
{
	struct rcall call;

	if (!rcall_parse(f, i, &call))
		return;
	rcall_match(f, &call, def->formals);
	for (size_t k = 0; k < def->n_formals; k++) {
		const struct rcall_arg *a = rcall_arg(&call, def->formals, def->formals[k]);
		struct rscope *s = &f->scopes[def->first_scope + k];
		if (a)
			bind(f, s, a->first, a->last);
		else if (!s->n_values)
			s->unknown = true;      /* missing, no default */
	}
	rcall_release(&call);
}

int
rcall_scopes_collect(struct rfind *f)
{
	struct rfundef defs[RCALL_MAX_FUNDEFS];
	size_t n_defs = 0;

	for (size_t i = 1; i + 2 < f->n && !f->rc; i++)
		if ((f->toks[i].kind == RTOK_LEFT_ASSIGN || f->toks[i].kind == RTOK_EQ_ASSIGN) &&
		    f->toks[i - 1].kind == RTOK_SYMBOL &&
		    (f->toks[i + 1].kind == RTOK_FUNCTION || f->toks[i + 1].kind == RTOK_LAMBDA))
			add_fundef(f, i, defs, &n_defs);
	for (size_t i = 0; i < f->n && !f->rc; i++) {
		if (f->toks[i].kind != RTOK_SYMBOL_FUNCTION_CALL)
			continue;
		struct sv name = rcall_tok_text(f, i);
		const char *const *formals = apply_formals(name);
		struct rfundef *def;
		if (formals)
			apply_binds(f, i, formals, defs, n_defs);
		else if (n_defs && (def = find_fundef(defs, n_defs, rcall_tok_name(f, i))))
			call_binds(f, i, def);
	}
	return f->rc;
}

void
rcall_scopes_release(struct rfind *f)
{
	for (size_t k = 0; k < f->n_scopes; k++)
		free(f->scopes[k].values);
	free(f->scopes);
	f->scopes = NULL;
	f->n_scopes = f->cap_scopes = 0;
}

/* The innermost function around token @tok with a parameter @name, or NULL. */
static struct rscope *
find_scope(struct rfind *f, struct sv name, size_t tok)
{
	struct rscope *in = NULL;

	for (size_t k = 0; k < f->n_scopes; k++) {
		struct rscope *s = &f->scopes[k];
		if (tok >= s->body_first && tok < s->body_last && sv_eq(s->name, name) &&
		    (!in || s->body_first > in->body_first))
			in = s;
	}
	return in;
}

/* The values of scope @s, every binding evaluated, joined; unknown unless all are strings. */
static struct rval
join_values(struct rfind *f, const struct rscope *s, unsigned depth)
{
	struct rval *parts = calloc(s->n_values, sizeof(*parts));
	struct rval all = { .kind = RVAL_UNKNOWN };
	size_t total = 0;

	if (!parts) {
		f->rc = ERR_NOMEM;
		return all;
	}
	for (size_t k = 0; k < s->n_values; k++) {
		parts[k] = rcall_eval(f, s->values[k].first, s->values[k].last, depth + 1);
		if (parts[k].kind != RVAL_STRS || (total += parts[k].n) > RCALL_MAX_VECTOR)
			goto out;
	}
	all = parts[0];
	all.n = total;
	all.strs = arena_alloc(f->out->arena, (total ? total : 1) * sizeof(*all.strs));
	all.spans = arena_alloc(f->out->arena, (total ? total : 1) * sizeof(*all.spans));
	if (!all.strs || !all.spans) {
		f->rc = ERR_NOMEM;
		all.kind = RVAL_UNKNOWN;
		goto out;
	}
	for (size_t k = 0, at = 0; k < s->n_values; at += parts[k].n, k++) {
		memcpy(all.strs + at, parts[k].strs, parts[k].n * sizeof(*all.strs));
		memcpy(all.spans + at, parts[k].spans, parts[k].n * sizeof(*all.spans));
	}
out:
	free(parts);
	return all;
}

bool
rcall_scope_value(struct rfind *f, struct sv name, size_t tok, unsigned depth, struct rval *out)
{
	struct rscope *s = f->n_scopes ? find_scope(f, name, tok) : NULL;

	if (!s)
		return false;
	*out = (struct rval){ .kind = RVAL_UNKNOWN };
	if (s->unknown || !s->n_values || s->state == 1)
		return true;    /* a parameter: whatever the caller gives (or defined through itself) */
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
