/*
 * A Python 3 tokenizer that yields exactly the token stream of Python 3.11's
 * tokenize module (Lib/tokenize.py, the regular-expression tokenizer), quirks
 * included, so that setup.py can be read without running it.
 */
#ifndef DEPUTY_LEX_PYTOK_H
#define DEPUTY_LEX_PYTOK_H

#include <stdbool.h>
#include <stddef.h>

#include "deputy/diag.h"
#include "deputy/sv.h"

/* Token types, named as tokenize's tok_name names them. tokenize's first
 * token, ENCODING, is not produced: see pytok_encoding(). */
enum pytok_type {
	PYTOK_ENDMARKER,
	PYTOK_NAME,
	PYTOK_NUMBER,
	PYTOK_STRING,            /* the whole literal, prefix and quotes; f-strings too */
	PYTOK_NEWLINE,
	PYTOK_INDENT,
	PYTOK_DEDENT,
	PYTOK_OP,                /* operators and brackets; the text says which */
	PYTOK_COMMENT,
	PYTOK_NL,                /* a newline that ends no statement */
	PYTOK_ERRORTOKEN,        /* a character no token starts with, an unterminated
				  * single-quoted string continued with \ */
};

/* The source encodings pytok decodes (PEP 263 cookie or UTF-8 BOM). */
enum pytok_encoding {
	PYTOK_UTF8,
	PYTOK_LATIN1,            /* iso-8859-1: each byte is one code point */
	PYTOK_ASCII,
	PYTOK_UNSUPPORTED,       /* read as UTF-8 after an error diagnostic */
};

struct pytok {
	enum pytok_type type;
	struct span at;          /* tokenize's string, as bytes of the source */
	/* tokenize's positions: rows 1-based, columns 0-based in code points of
	 * the decoded line (a byte of invalid UTF-8 counts as one). */
	unsigned row, col;
	unsigned end_row, end_col;
};

/* Limits; passing one is an error diagnostic and the stream ends there. */
#define PYTOK_MAX_TOKENS (1u << 23)
#define PYTOK_MAX_LINE (1u << 22)   /* bytes in one physical line */
#define PYTOK_MAX_PARENS 200        /* open brackets, as CPython's MAXLEVEL */
#define PYTOK_MAX_INDENTS 100       /* indentation levels, as CPython's MAXINDENT */

/*
 * Tokenizes all of @src->text into a heap array (the caller frees *@out with
 * free()) that ends with one PYTOK_ENDMARKER. Where tokenize raises
 * (unterminated triple-quoted string, EOF inside brackets or after \, a
 * dedent to no outer level, undecodable bytes, a bad encoding cookie) an
 * error diagnostic is recorded and the stream goes on as sanely as it can;
 * an ERRORTOKEN that tokenize yields without raising gets a warning. A limit
 * above gives an error diagnostic ending "(limit)" and stops the stream.
 * Returns 0, or ERR_NOMEM (then *@out is NULL).
 */
int pytok_tokens(struct pytok **out, size_t *count, struct source *src,
		 struct diags *diags);

/* The encoding tokenize's detect_encoding() would pick for @text, and in
 * *@bom_len the bytes of a UTF-8 BOM to skip (0 or 3). */
enum pytok_encoding pytok_encoding(struct sv text, size_t *bom_len);

/* The bytes of @tok in @text. */
struct sv pytok_text(struct sv text, const struct pytok *tok);

/* True when @tok is the operator @op ("=", "(", ...). */
bool pytok_is_op(struct sv text, const struct pytok *tok, const char *op);

/* tokenize's name for @type ("NAME", "OP", ...). Static storage. */
const char *pytok_type_name(enum pytok_type type);

#endif
