/*
 * A lexer for R's full lexical grammar (R Language Definition, section 10.3
 * "Tokens", and the gram.y lexer of R 4.2+): comments, every string form
 * including raw strings, numbers, identifiers, backtick names, every operator
 * including |>, ::, :::, ->>, %any% and \(x) lambdas. Context-free: the
 * parser-level refinements of getParseData() (SYMBOL_FUNCTION_CALL,
 * SYMBOL_PACKAGE, EQ_SUB, ...) are made by rlex_refine().
 */
#ifndef DEPUTY_LEX_RLEX_H
#define DEPUTY_LEX_RLEX_H

#include <stdbool.h>
#include <stddef.h>

#include "deputy/arena.h"
#include "deputy/diag.h"
#include "deputy/sv.h"

/* Token kinds, named after getParseData()'s token column. */
enum rtok_kind {
	RTOK_EOF,
	RTOK_ERROR,              /* an unterminated string, a stray byte: see rlex error */
	RTOK_COMMENT,
	RTOK_NUM_CONST,          /* 1, 1L, 0x1p3, 1i, TRUE, FALSE, NA, Inf, NaN, NA_integer_ ... */
	RTOK_STR_CONST,          /* "..", '..', r"(..)" */
	RTOK_NULL_CONST,         /* NULL */
	RTOK_SYMBOL,             /* an identifier or `backtick name` */
	RTOK_FUNCTION,           /* function */
	RTOK_LAMBDA,             /* \ as in \(x) */
	RTOK_IF, RTOK_ELSE, RTOK_FOR, RTOK_IN, RTOK_WHILE, RTOK_REPEAT, RTOK_BREAK, RTOK_NEXT,
	RTOK_LEFT_ASSIGN,        /* <- <<- := */
	RTOK_RIGHT_ASSIGN,       /* -> ->> */
	RTOK_EQ_ASSIGN,          /* = */
	RTOK_NS_GET,             /* :: */
	RTOK_NS_GET_INT,         /* ::: */
	RTOK_PIPE,               /* |> */
	RTOK_PIPEBIND,           /* => */
	RTOK_PLACEHOLDER,        /* _ as in x |> f(y = _) (R 4.2) */
	RTOK_SPECIAL,            /* %any% */
	RTOK_OP,                 /* any other operator or bracket; the text says which:
				  * + - * / ^ ~ ? ! : $ @ & && | || == != < > <= >=
				  * ( ) { } [ ] [[ , ;  ("[[" is getParseData's LBB) */
	/* Set by rlex_refine(), never by the lexer itself: */
	RTOK_SYMBOL_FUNCTION_CALL,  /* a SYMBOL directly followed by ( */
	RTOK_SYMBOL_PACKAGE,     /* a SYMBOL before :: or ::: (a string stays STR_CONST) */
	RTOK_SYMBOL_SUB,         /* an argument name: f(name = ...) */
	RTOK_EQ_SUB,             /* the = of an argument */
	RTOK_SYMBOL_FORMALS,     /* a parameter name of function(...) */
	RTOK_EQ_FORMALS,         /* the = of a parameter default */
	RTOK_SLOT,               /* the name after @ */
};

/* Past these, rlex_tokens() records a diagnostic that names the limit: more
 * tokens end the list with one RTOK_ERROR over the rest of the text; deeper
 * nesting is reported once and lexing goes on. At most RLEX_MAX_DIAGS
 * diagnostics are recorded per text (then one saying the rest were dropped). */
#define RLEX_MAX_TOKENS 1000000
#define RLEX_MAX_DEPTH 256
#define RLEX_MAX_DIAGS 100

/* Positions follow R's parser (gram.y's xxcolno), not deputy's usual
 * code-point columns: a byte 0x80..0xBF (a UTF-8 continuation byte) does not
 * advance the column, a tab advances it to the next multiple of 8, so
 * "\tx" puts x in column 9. end_line/end_column are those of the last byte. */
struct rtok {
	enum rtok_kind kind;
	size_t start, end;       /* byte range in the source */
	unsigned line, column;   /* 1-based; as getParseData's line1/col1 */
	unsigned end_line, end_column;  /* as line2/col2 */
	unsigned depth;          /* bracket depth before the token: ( [ { count 1,
				  * [[ counts 2 (closed by two ]), as R's context stack */
};

/* Lexes all of @src->text into a heap array of tokens (the caller frees
 * *@out with free()), comments included, ending with one RTOK_EOF. Errors
 * (an unterminated string, name, raw string or %op%, a malformed number, a
 * NUL or stray byte or invalid UTF-8 outside comments, an escape R refuses,
 * a token count or depth over the limits) become diagnostics in @diags (may
 * be NULL) and, where no token can be made, an RTOK_ERROR token; lexing
 * resumes after it. Returns 0 or ERR_NOMEM (then *@out is NULL). */
int rlex_tokens(struct rtok **out, size_t *count, struct source *src, struct diags *diags);

/* Refines SYMBOL and EQ_ASSIGN tokens by their context the way R's parser
 * labels them in getParseData() (see the enum). Like R, a string before ::
 * or = stays STR_CONST, a name after @ is SLOT even before (, and a newline
 * between a name and ( ends the call at the top level and in braces but not
 * inside ( or [. */
void rlex_refine(struct rtok *toks, size_t count, struct sv text);

/* The value of a STR_CONST token (escapes decoded: \n \t \x.. \u{..} \U..,
 * octal; raw strings verbatim), or of a backtick SYMBOL, in @arena.
 * NULL when out of memory; a string holding \0 is cut there, as R refuses it. */
char *rlex_string_value(struct arena *arena, const struct rtok *tok, struct sv text);

/* getParseData()'s name for a kind ("SYMBOL", "'('", "LBB", ...); for
 * RTOK_OP the name depends on the text, so pass it too. Static storage. */
const char *rlex_kind_name(enum rtok_kind kind, struct sv token_text);

#endif
