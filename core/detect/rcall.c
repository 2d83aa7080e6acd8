/*
 * Finding calls in R code: the token stream without comments, brackets
 * paired, each call's arguments split at top-level commas and matched to the
 * function's formals the way R's matchArgs() does (exact names, then unique
 * partial names before "...", then positions).
 */
#include "detect/rcall.h"

#include <stdlib.h>
#include <string.h>

#include "deputy/array.h"

/* Work limits for hostile input. */
#define RCALL_MAX_TOKENS 2000000
#define RCALL_BUDGET 4000000

/* What bracket token @i is: '(', '{', '[', ')', '}', ']', 'W' for "[[", else 0. */
static char
bracket_at(const struct rfind *f, size_t i)
{
	const struct rtok *t;

	if (i >= f->n || f->toks[i].kind != RTOK_OP)
		return 0;
	t = &f->toks[i];
	if (t->end - t->start == 2 && f->code.ptr[t->start] == '[' && f->code.ptr[t->start + 1] == '[')
		return 'W';
	if (t->end - t->start != 1)
		return 0;
	switch (f->code.ptr[t->start]) {
	case '(': case '{': case '[': case ')': case '}': case ']':
		return f->code.ptr[t->start];
	default:
		return 0;
	}
}

static bool
is_open(const struct rfind *f, size_t i)
{
	char c = bracket_at(f, i);

	return c == '(' || c == '{' || c == '[' || c == 'W';
}

static bool
is_name_tok(const struct rfind *f, size_t i)
{
	if (i >= f->n)
		return false;
	switch (f->toks[i].kind) {
	case RTOK_SYMBOL:
	case RTOK_SYMBOL_FUNCTION_CALL:
	case RTOK_SYMBOL_PACKAGE:
	case RTOK_SYMBOL_SUB:
	case RTOK_STR_CONST:
		return true;
	default:
		return false;
	}
}

struct sv
rcall_tok_name(struct rfind *f, size_t i)
{
	struct sv text = rcall_tok_text(f, i);

	if (text.len && (text.ptr[0] == '`' || f->toks[i].kind == RTOK_STR_CONST)) {
		char *value = rlex_string_value(f->out->arena, &f->toks[i], f->code);
		if (!value) {
			f->rc = ERR_NOMEM;
			return SV_LIT("");
		}
		return sv_from_cstr(value);
	}
	return text;
}

struct span
rcall_tok_span(const struct rfind *f, size_t first, size_t last)
{
	if (first >= f->n || last <= first)
		return (struct span){ first < f->n ? f->toks[first].start : f->code.len,
				      first < f->n ? f->toks[first].start : f->code.len };
	return (struct span){ f->toks[first].start, f->toks[last - 1].end };
}

bool
rcall_is_single(const struct rfind *f, size_t first, size_t last)
{
	return last == first + 1 && is_name_tok(f, first);
}

/*
 * Pairs brackets with a stack. A closer that matches nothing open is
 * ignored; one that matches a bracket further down closes those above it,
 * the way a reader would recover. "[[" is closed by two "]".
 */
static int
pair_brackets(struct rfind *f)
{
	size_t *stack = NULL, len = 0, cap = 0;
	unsigned char *half = calloc(f->n + 1, 1);

	f->match = malloc((f->n + 1) * sizeof(*f->match));
	if (!f->match || !half) {
		free(half);
		return ERR_NOMEM;
	}
	for (size_t i = 0; i <= f->n; i++)
		f->match[i] = RCALL_NONE;
	for (size_t i = 0; i < f->n; i++) {
		char c = bracket_at(f, i);

		if (c == '(' || c == '{' || c == '[' || c == 'W') {
			if (array_reserve(&stack, &cap, len, sizeof(*stack))) {
				free(stack);
				free(half);
				return ERR_NOMEM;
			}
			stack[len++] = i;
			continue;
		}
		char want = c == ')' ? '(' : c == '}' ? '{' : c == ']' ? '[' : 0;
		if (!want)
			continue;
		size_t k = len;
		while (k > 0) {
			char open_c = bracket_at(f, stack[k - 1]);
			if (open_c == want || (want == '[' && open_c == 'W'))
				break;
			k--;
		}
		if (k == 0 || len - k > 8)
			continue;
		size_t open = stack[k - 1];
		if (bracket_at(f, open) == 'W' && !half[open]) {
			half[open] = 1;     /* the first ] of ]] */
			len = k;
			continue;
		}
		f->match[open] = i;
		f->match[i] = open;
		len = k - 1;
	}
	free(stack);
	free(half);
	return 0;
}

static size_t
skip_bracket(const struct rfind *f, size_t i)
{
	if (f->match[i] == RCALL_NONE || f->match[i] < i)
		return f->n;
	return f->match[i] + 1;
}

static bool
is_binary_op(const struct rfind *f, size_t i)
{
	static const char *const ops[] = { "+", "-", "*", "/", "^", "~", "?", ":", "&", "&&",
					   "|", "||", "==", "!=", "<", ">", "<=", ">=", NULL };

	if (i >= f->n)
		return false;
	switch (f->toks[i].kind) {
	case RTOK_LEFT_ASSIGN:
	case RTOK_RIGHT_ASSIGN:
	case RTOK_EQ_ASSIGN:
	case RTOK_PIPE:
	case RTOK_PIPEBIND:
	case RTOK_SPECIAL:
		return true;
	case RTOK_OP:
		for (size_t k = 0; ops[k]; k++)
			if (rcall_tok_is(f, i, ops[k]))
				return true;
		return false;
	default:
		return false;
	}
}

static bool
is_unary_op(const struct rfind *f, size_t i)
{
	return rcall_tok_is(f, i, "-") || rcall_tok_is(f, i, "+") || rcall_tok_is(f, i, "!") ||
	       rcall_tok_is(f, i, "~") || rcall_tok_is(f, i, "?");
}

/* One operand with its postfix parts: f(...), x[...], x$y, pkg::x. */
size_t
rcall_operand_end(const struct rfind *f, size_t i)
{
	if (i >= f->n)
		return f->n;
	switch (f->toks[i].kind) {
	case RTOK_FUNCTION:
	case RTOK_LAMBDA:
		if (!rcall_tok_is(f, i + 1, "("))
			return i + 1;
		return rcall_expr_end(f, skip_bracket(f, i + 1));
	case RTOK_IF:
	case RTOK_WHILE:
	case RTOK_FOR: {
		if (!rcall_tok_is(f, i + 1, "("))
			return i + 1;
		size_t end = rcall_expr_end(f, skip_bracket(f, i + 1));
		if (f->toks[i].kind == RTOK_IF && end < f->n && f->toks[end].kind == RTOK_ELSE)
			end = rcall_expr_end(f, end + 1);
		return end;
	}
	case RTOK_REPEAT:
		return rcall_expr_end(f, i + 1);
	default:
		break;
	}
	if (is_open(f, i))
		i = skip_bracket(f, i);
	else
		i++;
	while (i < f->n) {
		if (rcall_tok_is(f, i, "(") || rcall_tok_is(f, i, "[") || rcall_tok_is(f, i, "[["))
			i = skip_bracket(f, i);
		else if ((rcall_tok_is(f, i, "$") || rcall_tok_is(f, i, "@") ||
			  f->toks[i].kind == RTOK_NS_GET || f->toks[i].kind == RTOK_NS_GET_INT) &&
			 i + 1 < f->n)
			i += 2;
		else
			break;
	}
	return i;
}

size_t
rcall_expr_end(const struct rfind *f, size_t i)
{
	while (i < f->n) {
		while (i < f->n && is_unary_op(f, i))
			i++;
		i = rcall_operand_end(f, i);
		if (!is_binary_op(f, i))
			break;
		i++;
	}
	return i < f->n ? i : f->n;
}

static bool
is_call_symbol(const struct rfind *f, size_t i)
{
	if (i >= f->n)
		return false;
	return (f->toks[i].kind == RTOK_SYMBOL_FUNCTION_CALL || f->toks[i].kind == RTOK_SYMBOL) &&
	       rcall_tok_is(f, i + 1, "(");
}

/* Splits the arguments between the brackets at top-level commas. */
static bool
split_args(struct rfind *f, struct rcall *call)
{
	size_t cap = 0, i = call->open + 1;

	call->args = NULL;
	call->n_args = 0;
	if (i == call->close)
		return true;
	for (;;) {
		struct rcall_arg arg = { .tag_tok = RCALL_NONE, .formal = -1 };
		size_t j = i;
		if (is_name_tok(f, j) && j + 1 < call->close &&
		    (f->toks[j + 1].kind == RTOK_EQ_SUB || f->toks[j + 1].kind == RTOK_EQ_ASSIGN)) {
			arg.tag = rcall_tok_name(f, j);
			arg.tag_tok = j;
			j += 2;
		}
		arg.first = j;
		while (j < call->close && !rcall_tok_is(f, j, ","))
			j = is_open(f, j) ? skip_bracket(f, j) : j + 1;
		if (j > call->close)
			j = call->close;
		arg.last = j;
		if (array_reserve(&call->args, &cap, call->n_args, sizeof(*call->args))) {
			f->rc = ERR_NOMEM;
			return false;
		}
		call->args[call->n_args++] = arg;
		if (j >= call->close)
			break;
		i = j + 1;
	}
	return true;
}

bool
rcall_parse(struct rfind *f, size_t i, struct rcall *call)
{
	memset(call, 0, sizeof(*call));
	if (!is_call_symbol(f, i) || f->match[i + 1] == RCALL_NONE)
		return false;
	if (i >= 1 && (rcall_tok_is(f, i - 1, "$") || rcall_tok_is(f, i - 1, "@")))
		return false;   /* obj$library(x): a method of obj, not base's function */
	call->fn_tok = i;
	call->head = i;
	call->open = i + 1;
	call->close = f->match[i + 1];
	call->fn = rcall_tok_name(f, i);
	call->pkg = SV_LIT("");
	if (i >= 2 &&
	    (f->toks[i - 1].kind == RTOK_NS_GET || f->toks[i - 1].kind == RTOK_NS_GET_INT) &&
	    is_name_tok(f, i - 2)) {
		call->head = i - 2;
		call->pkg = rcall_tok_name(f, i - 2);
	}
	return split_args(f, call);
}

void
rcall_release(struct rcall *call)
{
	free(call->args);
	call->args = NULL;
	call->n_args = 0;
}

static int
formal_index(const char *const *formals, struct sv name)
{
	for (int k = 0; formals[k]; k++)
		if (sv_eq_cstr(name, formals[k]))
			return k;
	return -1;
}

void
rcall_match(struct rfind *f, struct rcall *call, const char *const *formals)
{
	int n_formals = 0, dots = -1;
	bool taken[64] = { false };

	(void)f;
	while (formals[n_formals] && n_formals < 64)
		n_formals++;
	dots = formal_index(formals, SV_LIT("..."));
	for (size_t a = 0; a < call->n_args; a++)
		call->args[a].formal = -1;
	/* exact names */
	for (size_t a = 0; a < call->n_args; a++) {
		struct rcall_arg *arg = &call->args[a];
		int k = arg->tag.ptr ? formal_index(formals, arg->tag) : -1;
		if (k >= 0 && k != dots && !taken[k]) {
			arg->formal = k;
			taken[k] = true;
		}
	}
	/* unique partial names, before "..." */
	for (size_t a = 0; a < call->n_args; a++) {
		struct rcall_arg *arg = &call->args[a];
		int found = -1, count = 0;
		if (!arg->tag.ptr || arg->formal >= 0 || arg->tag.len == 0)
			continue;
		for (int k = 0; k < n_formals && (dots < 0 || k < dots); k++) {
			struct sv formal = sv_from_cstr(formals[k]);
			if (!taken[k] && sv_starts_with(formal, arg->tag)) {
				found = k;
				count++;
			}
		}
		if (count == 1) {
			arg->formal = found;
			taken[found] = true;
		}
	}
	/* positions, then "..." */
	int next = 0;
	for (size_t a = 0; a < call->n_args; a++) {
		struct rcall_arg *arg = &call->args[a];
		if (arg->formal >= 0)
			continue;
		if (!arg->tag.ptr) {
			while (next < n_formals && next != dots && taken[next])
				next++;
			if (next < n_formals && next != dots) {
				arg->formal = next;
				taken[next] = true;
				continue;
			}
		}
		if (dots >= 0)
			arg->formal = dots;
	}
}

const struct rcall_arg *
rcall_arg(const struct rcall *call, const char *const *formals, const char *name)
{
	int k = formal_index(formals, sv_from_cstr(name));

	if (k < 0)
		return NULL;
	for (size_t a = 0; a < call->n_args; a++)
		if (call->args[a].formal == k && call->args[a].first < call->args[a].last)
			return &call->args[a];
	return NULL;
}

static int
index_lines(struct rfind *f)
{
	size_t cap = 0;
	struct sv text = f->src->text;

	for (size_t i = 0; i <= text.len; i++) {
		if (i == 0 || text.ptr[i - 1] == '\n') {
			if (array_reserve(&f->line_starts, &cap, f->n_lines, sizeof(size_t)))
				return ERR_NOMEM;
			f->line_starts[f->n_lines++] = i;
		}
	}
	return 0;
}

/* Lexes, drops comments, pairs brackets. */
static int
prepare(struct rfind *f)
{
	struct rtok *all = NULL;
	size_t count = 0, kept = 0;
	struct source lexed = { f->src->path, f->code };
	int rc = rlex_tokens(&all, &count, &lexed, f->out->diags);

	if (rc)
		return rc;
	if (count > RCALL_MAX_TOKENS) {
		diag_add(f->out->diags, DIAG_WARNING, f->src, (struct span){ 0, 0 },
			 "too many tokens (%zu): only the first %d are read", count,
			 RCALL_MAX_TOKENS);
		count = RCALL_MAX_TOKENS;
	}
	rlex_refine(all, count, f->code);
	for (size_t i = 0; i < count; i++) {
		if (all[i].kind == RTOK_COMMENT || all[i].kind == RTOK_EOF)
			continue;
		all[kept++] = all[i];
	}
	/* toks[n] is always an EOF sentinel */
	memset(&all[kept], 0, sizeof(all[kept]));
	all[kept].kind = RTOK_EOF;
	all[kept].start = all[kept].end = f->code.len;
	f->toks = all;
	f->n = kept;
	if (count == 0) {
		free(all);
		f->toks = calloc(1, sizeof(*f->toks));
		if (!f->toks)
			return ERR_NOMEM;
		f->toks[0].kind = RTOK_EOF;
		f->toks[0].start = f->toks[0].end = f->code.len;
	}
	rc = pair_brackets(f);
	return rc ? rc : index_lines(f);
}

/* `pkg::name` and `pkg:::name`: the first use of each package declares it. */
static void
namespace_use(struct rfind *f, size_t i)
{
	struct sv name = rcall_tok_name(f, i);
	struct span at = rcall_tok_span(f, i, i + 3);

	for (size_t k = 0; k < f->n_ns_seen; k++)
		if (sv_eq(f->ns_seen[k], name))
			return;
	if (array_reserve(&f->ns_seen, &f->cap_ns_seen, f->n_ns_seen, sizeof(*f->ns_seen))) {
		f->rc = ERR_NOMEM;
		return;
	}
	f->ns_seen[f->n_ns_seen++] = name;
	if (is_call_symbol(f, i + 2) && f->match[i + 3] != RCALL_NONE)
		at.end = f->toks[f->match[i + 3]].end;
	rcall_declare_namespace(f, i, name, at);
}

static void
walk(struct rfind *f)
{
	for (size_t i = 0; i < f->n && !f->rc && !f->over_limit; i++) {
		if (is_name_tok(f, i) && i + 2 < f->n &&
		    (f->toks[i + 1].kind == RTOK_NS_GET || f->toks[i + 1].kind == RTOK_NS_GET_INT))
			namespace_use(f, i);
		struct rcall call;
		if (rcall_parse(f, i, &call))
			rcall_pattern_apply(f, &call);
		rcall_release(&call);
	}
}

int
rcall_detect(struct detect_out *out, struct source *src, struct sv code)
{
	struct rfind f = { .out = out, .src = src, .code = code, .budget = RCALL_BUDGET,
			   .found_before = out->n_deps + out->n_options };
	int rc = prepare(&f);

	if (!rc)
		rc = rcall_vars_collect(&f);
	if (!rc) {
		walk(&f);
		rc = f.rc;
	}
	if (!rc && f.over_limit)
		diag_add(out->diags, DIAG_WARNING, src, (struct span){ 0, 0 },
			 "r code too complex to follow: the rest of the file is not read");
	rcall_vars_release(&f);
	free(f.downloads);
	free(f.attached);
	free(f.ns_seen);
	free(f.line_starts);
	free(f.match);
	free(f.toks);
	return rc;
}
