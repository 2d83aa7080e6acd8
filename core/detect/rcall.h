/*
 * The R call finder shared by the .R and .Rmd detectors: lexes R code, finds
 * calls with their arguments matched the way R matches them, propagates
 * string constants within the file, and turns the calls that load, install
 * or fetch code into declarations (docs/r.md conventions, issue 4).
 */
#ifndef DEPUTY_DETECT_RCALL_H
#define DEPUTY_DETECT_RCALL_H

#include <stdbool.h>
#include <stddef.h>

#include "detect/detect.h"
#include "lex/rlex.h"

/*
 * Finds the declarations of the R code @code, whose bytes map one to one on
 * @src->text (for R Markdown, @code is @src->text with everything outside
 * the R chunks blanked). Positions, raw text and diagnostics refer to @src.
 * Returns 0 or ERR_NOMEM; problems in the code are diagnostics.
 */
int rcall_detect(struct detect_out *out, struct source *src, struct sv code);

/* ---- internal to rcall*.c ---- */

#define RCALL_NONE ((size_t)-1)

/* One argument of a call: [first, last) token indices of its value. */
struct rcall_arg {
	struct sv tag;           /* the name of a named argument; ptr NULL when positional */
	size_t tag_tok;          /* RCALL_NONE when positional */
	size_t first, last;      /* first == last: an empty argument */
	int formal;              /* index in the formals after matching; -1 when none */
};

struct rcall {
	size_t head;             /* first token: the package, or the function symbol */
	size_t fn_tok;
	size_t open, close;      /* the ( and ) */
	struct sv pkg;           /* "" when called without a namespace */
	struct sv fn;
	struct rcall_arg *args;  /* heap */
	size_t n_args;
};

/* What an expression is known to be. */
enum rval_kind {
	RVAL_UNKNOWN,
	RVAL_NULL,               /* the NULL constant */
	RVAL_STRS,               /* a character vector of known strings */
	RVAL_FETCH,              /* text read from a URL (n == 0: a URL not known) */
};

struct rval {
	enum rval_kind kind;
	size_t n;
	const char **strs;       /* STRS: the strings; FETCH: the URLs (arena) */
	struct span *spans;      /* where each string is written, or the use site */
	struct span expr;        /* the expression (FETCH: of the URL) as written */
	struct span at;          /* the expression where it is used */
};

struct rvar;
struct rscope;
struct rfunc;
struct rnamed;
struct rdownload;

/* purrr's `~ f(.x)` given to an apply: .x in [first, last) is X's elements. */
struct rformula {
	size_t first, last, x_first, x_last;
};

/* Strings in one value, at most; a longer vector is unknown. */
#define RCALL_MAX_VECTOR 1000

struct rfind {
	struct detect_out *out;
	struct source *src;
	struct sv code;
	struct rtok *toks;       /* comments left out; toks[n] is RTOK_EOF */
	size_t n;
	size_t *match;           /* the partner of a bracket, or RCALL_NONE */
	size_t *line_starts;
	size_t n_lines;
	struct rvar *vars;       /* assignments, for constant propagation */
	size_t n_vars, cap_vars;
	size_t *var_heads;       /* hash buckets of vars */
	size_t n_heads;
	struct rscope *scopes;   /* every formal of every function (rcall_scope.c) */
	size_t n_scopes, cap_scopes;
	struct rfunc *funcs;     /* every function, in order */
	size_t n_funcs, cap_funcs;
	size_t *func_of;         /* the innermost function around each token, or RCALL_NONE */
	struct rnamed *named;    /* the functions defined under a name, sorted by it */
	size_t n_named;
	struct rformula *formulas;
	size_t n_formulas, cap_formulas;
	struct rdownload *downloads;
	size_t n_downloads, cap_downloads;
	struct sv *attached;     /* packages loaded so far (library(), require() ...) */
	size_t n_attached, cap_attached;
	struct sv *ns_seen;      /* packages already declared through pkg:: */
	size_t n_ns_seen, cap_ns_seen;
	size_t found_before;     /* deps and options @out held before this file */
	size_t budget;           /* evaluation steps left */
	size_t cut;              /* evaluations stopped by the depth limit so far */
	bool over_limit;
	int rc;                  /* ERR_NOMEM once seen */
};

/* rcall.c: tokens and calls. */
/* Inline: called per token with literal operators, whose length then folds away. */
static inline struct sv
rcall_tok_text(const struct rfind *f, size_t i)
{
	if (i >= f->n)
		return SV_NULL;
	return sv_slice(f->code, f->toks[i].start, f->toks[i].end - f->toks[i].start);
}

static inline bool
rcall_tok_is(const struct rfind *f, size_t i, const char *op)
{
	if (i >= f->n || f->toks[i].kind != RTOK_OP)
		return false;
	return sv_eq_cstr(rcall_tok_text(f, i), op);
}
/* The name a SYMBOL, backtick name or string token stands for (arena). */
struct sv rcall_tok_name(struct rfind *f, size_t i);
/* Parses the call whose function symbol is @i; false when @i starts none. */
bool rcall_parse(struct rfind *f, size_t i, struct rcall *call);
void rcall_release(struct rcall *call);
/* Matches arguments to @formals (NULL-terminated, may hold "...") as R does. */
void rcall_match(struct rfind *f, struct rcall *call, const char *const *formals);
/* The argument matched to formal @name, or NULL. */
const struct rcall_arg *rcall_arg(const struct rcall *call, const char *const *formals,
				  const char *name);
/* The end of the expression that starts at token @i, and of its first operand. */
size_t rcall_expr_end(const struct rfind *f, size_t i);
size_t rcall_operand_end(const struct rfind *f, size_t i);
/* A token is a bare symbol or string, alone in [first, last). */
bool rcall_is_single(const struct rfind *f, size_t first, size_t last);
struct span rcall_tok_span(const struct rfind *f, size_t first, size_t last);

/* rcall_value.c: constant propagation. */
int rcall_vars_collect(struct rfind *f);
void rcall_vars_release(struct rfind *f);
/* Evaluates tokens [first, last); never fails (UNKNOWN when out of memory). */
struct rval rcall_eval(struct rfind *f, size_t first, size_t last, unsigned depth);
bool rcall_is_url(const char *s);
bool rcall_is_false(const struct rfind *f, size_t first, size_t last);

/* rcall_scope.c: what function parameters are bound to. */
int rcall_scopes_build(struct rfind *f);         /* the functions, before the variables */
int rcall_scopes_bind(struct rfind *f);          /* the calls, after */
/* The name at @name_tok is assigned: when it is a parameter there, it is unknown. */
void rcall_scope_assigned(struct rfind *f, size_t name_tok);
void rcall_scopes_release(struct rfind *f);
/*
 * When token @tok, named @name, is a parameter of a function around it,
 * true, with *@out its values (unknown unless every binding is known).
 */
bool rcall_scope_value(struct rfind *f, struct sv name, size_t tok, unsigned depth,
		       struct rval *out);

/* rcall_pattern.c: the calls that declare something. */
void rcall_pattern_apply(struct rfind *f, struct rcall *call);
/* The package @name of `pkg::x` at token @tok; @at is the whole use. */
void rcall_declare_namespace(struct rfind *f, size_t tok, struct sv name, struct span at);

#endif
