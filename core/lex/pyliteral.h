/*
 * Python literals read from pytok tokens without running anything: the forms
 * ast.literal_eval accepts (strings, bytes, numbers, True/False/None, lists,
 * tuples, dicts, sets), plus names a caller resolves and '+' of sequences.
 * Whatever else an expression holds makes its value "dynamic", with a reason;
 * a container keeps its dynamic items (["a", f()] is a list of a str and a
 * dynamic value) unless the container itself is not a literal ([*a], [x for x in y]).
 */
#ifndef DEPUTY_LEX_PYLITERAL_H
#define DEPUTY_LEX_PYLITERAL_H

#include <stdbool.h>
#include <stddef.h>

#include "deputy/arena.h"
#include "deputy/diag.h"
#include "deputy/sv.h"
#include "lex/pytok.h"

/* Nesting of brackets, unary signs and resolved names past this is dynamic. */
#define PYLITERAL_MAX_DEPTH 100

enum pyval_kind {
	PYVAL_DYNAMIC,           /* not a literal: see @why */
	PYVAL_STR,
	PYVAL_BYTES,
	PYVAL_INT,
	PYVAL_FLOAT,
	PYVAL_COMPLEX,
	PYVAL_BOOL,
	PYVAL_NONE,
	PYVAL_LIST,
	PYVAL_TUPLE,
	PYVAL_DICT,
	PYVAL_SET,
};

/* A value, in the arena given to the reader. Values may be shared (a name
 * resolved twice gives the same value): treat them as immutable. */
struct pyval {
	enum pyval_kind kind;
	struct span at;          /* the expression's bytes; a parenthesised atom's
				  * span leaves its brackets out, as ast does */
	/*
	 * STR: the decoded text as UTF-8 (a lone surrogate from "\ud800" is
	 * encoded as its 3 bytes, like Python's "surrogatepass"); BYTES: the
	 * bytes; numbers: the text as written, with its sign. May hold NUL.
	 */
	struct sv str;
	/* STR: true when @str is exactly the source bytes from @content_start
	 * (one literal without escapes or line ends), so offsets map back. */
	bool verbatim;
	size_t content_start;
	bool truth;              /* BOOL */
	/* LIST, TUPLE, SET: n_items elements. DICT: 2 * n_items entries, key and
	 * value alternating, in source order, duplicates kept. Items may be
	 * DYNAMIC. */
	struct pyval **items;
	size_t n_items;
	const char *why;         /* DYNAMIC: "a function call", ... (arena or static) */
};

/*
 * Gives the value of the name token @tok (a NAME other than True, False,
 * None), or NULL when the name has no literal value (the value is then
 * dynamic). May call pyliteral_eval() again on the same reader.
 */
typedef const struct pyval *(*pyliteral_resolve_fn)(struct sv name, size_t tok, void *payload);

/* A reader over a token array; fill it with an initializer. */
struct pyliteral {
	struct sv text;              /* the source bytes the tokens point into */
	const struct pytok *toks;    /* ends with PYTOK_ENDMARKER */
	size_t count;
	enum pytok_encoding encoding;  /* how string bytes are decoded */
	struct arena *arena;
	pyliteral_resolve_fn resolve;  /* NULL: every name is dynamic */
	void *payload;
	unsigned depth;              /* used by the reader; start at 0 */
};

/*
 * Reads the expression starting at token *@pos and moves *@pos to the first
 * token after it: a ',' ')' ']' '}' '=' NEWLINE or ENDMARKER at its own
 * bracket level (also ':' when @stop_at_colon). @allow_tuple reads
 * "a, b" as a tuple, as on the right of an assignment. A dynamic expression
 * is skipped whole. NL and COMMENT tokens are skipped. *@out is never NULL
 * on success. Returns 0 or ERR_NOMEM.
 */
int pyliteral_eval(struct pyval **out, struct pyliteral *lit, size_t *pos, bool stop_at_colon,
		   bool allow_tuple);

/*
 * Skips the expression at *@pos the same way, without reading it. Returns
 * the index of the first token it stopped at (also stored in *@pos).
 */
size_t pyliteral_skip(struct pyliteral *lit, size_t *pos, bool stop_at_colon);

/*
 * Decodes one STRING token's text @literal (prefix, quotes and all) into
 * @out (kind STR or BYTES; DYNAMIC for an f-string, a \N{...} escape or a
 * malformed literal, with @why). Returns 0 or ERR_NOMEM.
 */
int pyliteral_decode_string(struct pyval *out, struct arena *arena, struct sv literal,
			    enum pytok_encoding encoding);

/* Python's type(v).__name__ for @kind: "str", "NoneType", ... Static. */
const char *pyval_type_name(enum pyval_kind kind);

#endif
