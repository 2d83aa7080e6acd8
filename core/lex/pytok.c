/*
 * Python 3.11's tokenize module replayed on bytes: one physical line at a
 * time (a line ends after '\n', as readline() on a binary file), the same
 * indentation, bracket, backslash and string-continuation states, and at
 * each position the first alternative of tokenize's PseudoToken pattern that
 * matches, in its order (Lib/tokenize.py, Python 3.11):
 *
 *   pseudo      = ws ("\\" ["\r"] "\n" | end-of-text | comment | triple_open
 *                     | number | funny | contstr | name)
 *   ws          = {" " | "\f" | "\t"}
 *   comment     = "#" {any but "\r" "\n"}
 *   triple_open = prefix ("'''" | '"""')
 *   prefix      = "" | b | r | u | f | br | rb | fr | rf        (any case)
 *   number      = imagnumber | floatnumber | intnumber          (first that matches)
 *   imagnumber  = digitpart ("j" | "J") | floatnumber ("j" | "J")
 *   floatnumber = pointfloat | digitpart exponent
 *   pointfloat  = (digitpart "." [digitpart] | "." digitpart) [exponent]
 *   exponent    = ("e" | "E") ["+" | "-"] digitpart
 *   intnumber   = "0" ("x"|"X") hexpart | "0" ("b"|"B") binpart | "0" ("o"|"O") octpart
 *               | "0" {["_"] "0"} | nonzero {["_"] digit}
 *   funny       = ["\r"] "\n" | operator                        (longest operator)
 *   contstr     = prefix q {char but q "\\" "\n" | "\\" char} (q | "\\" ["\r"] "\n")
 *   name        = word {word}                                   (re's \w)
 *
 * A position where nothing matches gives an ERRORTOKEN of one character, which
 * may be the blank before the offending one, as in tokenize.
 */
#include "lex/pytok.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deputy/array.h"
#include "deputy/ascii.h"
#include "deputy/utf8.h"
#include "lex/pytok_ident.h"

#define INVALID_CP UINT32_MAX
#define MAX_DIAGS 64          /* per file; a file of garbage needs no more */
#define TABSIZE 8

struct lexer {
	struct source *src;
	const char *s;
	size_t n;
	enum pytok_encoding enc;
	struct diags *diags;
	unsigned n_diags;
	struct pytok *toks;
	size_t len, cap;
	int rc;                  /* ERR_NOMEM once memory ran out */
	bool stop;               /* a limit was passed */

	/* the current physical line: [line, max) */
	size_t line, max;
	unsigned lnum;
	size_t cur_off;          /* column cursor: cur_col code points at cur_off */
	unsigned cur_col;

	int parenlev;            /* may go negative, as in tokenize */
	bool continued;
	unsigned indents[PYTOK_MAX_INDENTS + 1];
	size_t n_indents;

	/* a string that goes on past its line */
	bool contstr, needcont, triple;
	char quote;
	size_t str_start;
	unsigned str_row, str_col;
	unsigned warned_row;
};

/* Characters */

static bool
in_ranges(const struct pytok_range *r, size_t n, uint32_t cp)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cp < r[mid].lo)
			hi = mid;
		else if (cp > r[mid].hi)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

/* re's \w: what tokenize's Name pattern takes. */
static bool
is_word(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		       (cp >= '0' && cp <= '9') || cp == '_';
	if (cp == INVALID_CP)
		return false;
	return in_ranges(pytok_word_ranges,
			 sizeof(pytok_word_ranges) / sizeof(pytok_word_ranges[0]), cp);
}

/* str.isidentifier() of one character: a NAME, not an OP. */
static bool
is_id_start(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '_';
	if (cp == INVALID_CP)
		return false;
	return in_ranges(pytok_start_ranges,
			 sizeof(pytok_start_ranges) / sizeof(pytok_start_ranges[0]), cp);
}

/* str.isspace(), for the strip() in tokenize's implicit NEWLINE. */
static bool
is_py_space(uint32_t cp)
{
	return (cp >= 0x09 && cp <= 0x0d) || (cp >= 0x1c && cp <= 0x20) || cp == 0x85 ||
	       cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) ||
	       cp == 0x2028 || cp == 0x2029 || cp == 0x202f || cp == 0x205f || cp == 0x3000;
}

/* Decodes the character at @i; returns its length in bytes (at least 1). */
static size_t
char_at(const struct lexer *lx, size_t i, uint32_t *cp)
{
	unsigned char b = (unsigned char)lx->s[i];

	if (b < 0x80 || lx->enc == PYTOK_LATIN1) {
		*cp = b;
		return 1;
	}
	if (lx->enc == PYTOK_ASCII) {
		*cp = INVALID_CP;
		return 1;
	}
	size_t len = utf8_decode(lx->s + i, lx->n - i, cp);
	if (len == 0) {
		*cp = INVALID_CP;
		return 1;
	}
	return len;
}

/* Code points in [from, to), each bad byte counting as one. */
static unsigned
count_chars(const struct lexer *lx, size_t from, size_t to)
{
	if (lx->enc == PYTOK_LATIN1 || lx->enc == PYTOK_ASCII)
		return (unsigned)(to - from);
	return (unsigned)utf8_count(lx->s + from, to - from);
}

/* tokenize's column of byte @off on the current line. */
static unsigned
col_at(struct lexer *lx, size_t off)
{
	if (off < lx->cur_off) {
		lx->cur_off = lx->line;
		lx->cur_col = 0;
	}
	lx->cur_col += count_chars(lx, lx->cur_off, off);
	lx->cur_off = off;
	return lx->cur_col;
}

/* Diagnostics and tokens */

static void
report(struct lexer *lx, enum diag_level level, size_t at, const char *fmt, const char *arg)
{
	if (!lx->diags || lx->n_diags >= MAX_DIAGS)
		return;
	lx->n_diags++;
	diag_add(lx->diags, level, lx->src, (struct span){ at, at }, fmt, arg);
}

static void
report_limit(struct lexer *lx, size_t at, const char *what)
{
	if (lx->diags)
		diag_add(lx->diags, DIAG_ERROR, lx->src, (struct span){ at, at },
			 "%s: python source not read further (limit)", what);
	lx->stop = true;
}

static void
push(struct lexer *lx, enum pytok_type type, size_t start, size_t end, unsigned row,
     unsigned col, unsigned end_row, unsigned end_col)
{
	if (lx->rc || (lx->stop && type != PYTOK_DEDENT && type != PYTOK_ENDMARKER))
		return;
	if (lx->len >= PYTOK_MAX_TOKENS && type != PYTOK_DEDENT && type != PYTOK_ENDMARKER) {
		report_limit(lx, start, "too many tokens");
		return;
	}
	if (array_reserve(&lx->toks, &lx->cap, lx->len, sizeof(*lx->toks)) != 0) {
		lx->rc = ERR_NOMEM;
		return;
	}
	lx->toks[lx->len++] = (struct pytok){
		.type = type, .at = { start, end },
		.row = row, .col = col, .end_row = end_row, .end_col = end_col,
	};
}

/* A token within the current line. */
static void
push_here(struct lexer *lx, enum pytok_type type, size_t start, size_t end)
{
	unsigned col = col_at(lx, start);

	push(lx, type, start, end, lx->lnum, col, lx->lnum, col_at(lx, end));
}

static void
warn_error_token(struct lexer *lx, size_t at, size_t len)
{
	char c = lx->s[at];
	char text[8] = { 0 };

	if (c == ' ' || c == '\t' || c == '\f' || lx->warned_row == lx->lnum)
		return;
	lx->warned_row = lx->lnum;
	if (c == '\'' || c == '"')
		report(lx, DIAG_WARNING, at, "unterminated string literal%s", "");
	else if (c == '\0')
		report(lx, DIAG_WARNING, at, "unexpected NUL byte%s", "");
	else if (c == '\\')
		report(lx, DIAG_WARNING, at, "expected a newline after '\\'%s", "");
	else if ((unsigned char)c >= 0x80 && len == 1 && lx->enc != PYTOK_LATIN1)
		return;  /* an undecodable byte: already an error */
	else {
		memcpy(text, lx->s + at, len < sizeof(text) ? len : sizeof(text) - 1);
		report(lx, DIAG_WARNING, at, "unexpected character '%s'", text);
	}
}

/* Matching: each returns the end of the match, or 0 when there is none
 * (no match can end at offset 0). */

/* digitpart and its kin: one digit, then digits each optionally after "_". */
static size_t
digit_run(const struct lexer *lx, size_t i, bool (*ok)(char))
{
	if (i >= lx->max || !ok(lx->s[i]))
		return 0;
	for (i++; i < lx->max; ) {
		if (ok(lx->s[i]))
			i++;
		else if (lx->s[i] == '_' && i + 1 < lx->max && ok(lx->s[i + 1]))
			i += 2;
		else
			break;
	}
	return i;
}

static bool
dec_ok(char c)
{
	return ascii_digit(c);
}

static bool
hex_ok(char c)
{
	return ascii_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static bool
oct_ok(char c)
{
	return c >= '0' && c <= '7';
}

static bool
bin_ok(char c)
{
	return c == '0' || c == '1';
}

static bool
zero_ok(char c)
{
	return c == '0';
}

static bool
at_char(const struct lexer *lx, size_t i, char a, char b)
{
	return i < lx->max && (lx->s[i] == a || lx->s[i] == b);
}

static size_t
match_exponent(const struct lexer *lx, size_t i)
{
	if (!at_char(lx, i, 'e', 'E'))
		return 0;
	i++;
	if (at_char(lx, i, '+', '-'))
		i++;
	return digit_run(lx, i, dec_ok);
}

static size_t
match_pointfloat(const struct lexer *lx, size_t i)
{
	size_t end = digit_run(lx, i, dec_ok);

	if (end) {
		if (!at_char(lx, end, '.', '.'))
			return 0;
		end++;
		size_t frac = digit_run(lx, end, dec_ok);
		if (frac)
			end = frac;
	} else {
		if (!at_char(lx, i, '.', '.'))
			return 0;
		end = digit_run(lx, i + 1, dec_ok);
		if (!end)
			return 0;
	}
	size_t exp = match_exponent(lx, end);
	return exp ? exp : end;
}

static size_t
match_float(const struct lexer *lx, size_t i)
{
	size_t end = match_pointfloat(lx, i);

	if (end)
		return end;
	end = digit_run(lx, i, dec_ok);
	return end ? match_exponent(lx, end) : 0;
}

static size_t
match_int(const struct lexer *lx, size_t i)
{
	if (lx->s[i] == '0') {
		if (at_char(lx, i + 1, 'x', 'X') || at_char(lx, i + 1, 'b', 'B') ||
		    at_char(lx, i + 1, 'o', 'O')) {
			char k = lx->s[i + 1] | 0x20;
			bool (*ok)(char) = k == 'x' ? hex_ok : k == 'b' ? bin_ok : oct_ok;
			size_t j = i + 2;
			if (j < lx->max && lx->s[j] == '_')
				j++;
			size_t end = j < lx->max && ok(lx->s[j]) ? digit_run(lx, j, ok) : 0;
			if (end)
				return end;
		}
		size_t end = digit_run(lx, i, zero_ok);
		return end;
	}
	return digit_run(lx, i, dec_ok);
}

/* number, in the order of tokenize's alternatives (not the longest). */
static size_t
match_number(const struct lexer *lx, size_t i)
{
	size_t end = digit_run(lx, i, dec_ok);

	if (end && at_char(lx, end, 'j', 'J'))
		return end + 1;
	end = match_float(lx, i);
	if (end && at_char(lx, end, 'j', 'J'))
		return end + 1;
	if (end)
		return end;
	return digit_run(lx, i, dec_ok) ? match_int(lx, i) : 0;
}

static size_t
match_operator(const struct lexer *lx, size_t i)
{
	static const char *const three[] = { "**=", "...", "//=", ">>=", "<<=" };
	static const char *const two[] = {
		"!=", "%=", "&=", "**", "*=", "+=", "-=", "->", "//", "/=", ":=", "<<",
		"<=", "==", ">=", ">>", "@=", "^=", "|=",
	};
	size_t left = lx->max - i;

	for (size_t k = 0; left >= 3 && k < sizeof(three) / sizeof(three[0]); k++)
		if (memcmp(lx->s + i, three[k], 3) == 0)
			return i + 3;
	for (size_t k = 0; left >= 2 && k < sizeof(two) / sizeof(two[0]); k++)
		if (memcmp(lx->s + i, two[k], 2) == 0)
			return i + 2;
	if (byte_in("%&()*+,-./:;<=>@[]^{|}~", lx->s[i]))
		return i + 1;
	return 0;
}

static bool
is_prefix_char(char c)
{
	return byte_in("bBrRuUfF", c);
}

/* The length of a string prefix at @i that a quote follows, or -1. */
static int
string_prefix(const struct lexer *lx, size_t i)
{
	for (int k = 0; k <= 2 && i + (size_t)k < lx->max; k++) {
		char c = lx->s[i + (size_t)k];
		if (c == '\'' || c == '"') {
			if (k < 2)
				return k;
			char a = lx->s[i] | 0x20, b = lx->s[i + 1] | 0x20;
			if (a == b || a == 'u' || b == 'u' || (a != 'r' && b != 'r'))
				return -1;
			return 2;
		}
		if (!is_prefix_char(c))
			return -1;
	}
	return -1;
}

static bool
is_triple(const struct lexer *lx, size_t q)
{
	return q + 2 < lx->max && lx->s[q + 1] == lx->s[q] && lx->s[q + 2] == lx->s[q];
}

/* The rest of a string up to its closing quote(s), from @i to the line end
 * (tokenize's Single, Double, Single3, Double3). */
static size_t
match_string_end(const struct lexer *lx, size_t i, char quote, bool triple)
{
	while (i < lx->max) {
		char c = lx->s[i];
		if (c == '\\') {
			if (i + 1 >= lx->max || lx->s[i + 1] == '\n')
				return 0;
			i += 2;
		} else if (c == quote && (!triple || is_triple(lx, i))) {
			return i + (triple ? 3 : 1);
		} else {
			i++;
		}
	}
	return 0;
}

/* contstr after its prefix: sets *@cont when it ends with \ and a newline. */
static size_t
match_contstr(const struct lexer *lx, size_t i, bool *cont)
{
	char quote = lx->s[i];

	*cont = false;
	for (i++; i < lx->max; ) {
		char c = lx->s[i];
		if (c == quote)
			return i + 1;
		if (c == '\n')
			return 0;
		if (c == '\\') {
			if (i + 1 >= lx->max)
				return 0;
			*cont = true;
			if (lx->s[i + 1] == '\n')
				return i + 2;
			if (lx->s[i + 1] == '\r' && i + 2 < lx->max && lx->s[i + 2] == '\n')
				return i + 3;
			*cont = false;
			i += 2;
		} else {
			i++;
		}
	}
	return 0;
}

/* Lines */

static void
start_string(struct lexer *lx, size_t start, size_t quote_at, bool triple, bool needcont)
{
	lx->contstr = true;
	lx->triple = triple;
	/* tokenize clears needcont only when a string ends, so a triple-quoted
	 * string after an unterminated continued one inherits it */
	if (needcont)
		lx->needcont = true;
	lx->quote = lx->s[quote_at];
	lx->str_start = start;
	lx->str_row = lx->lnum;
	lx->str_col = col_at(lx, start);
}

static void
open_bracket(struct lexer *lx, size_t at)
{
	if (lx->parenlev >= PYTOK_MAX_PARENS) {
		report_limit(lx, at, "brackets nested too deeply");
		return;
	}
	lx->parenlev++;
}

/* One pseudo-token at @pos: returns where the next one starts, or
 * lx->max + 1 when a string goes on to the next line. */
static size_t
lex_one(struct lexer *lx, size_t pos)
{
	const char *s = lx->s;
	size_t start = pos, end = 0;
	int prefix;
	bool cont;
	uint32_t cp;

	while (start < lx->max && (s[start] == ' ' || s[start] == '\f' || s[start] == '\t'))
		start++;
	if (start == lx->max)
		return start;  /* \Z: blanks at the end of the text */
	char c = s[start];
	if (c == '\\') {
		if (start + 1 < lx->max && s[start + 1] == '\n')
			end = start + 2;
		else if (start + 2 < lx->max && s[start + 1] == '\r' && s[start + 2] == '\n')
			end = start + 3;
		if (end) {
			lx->continued = true;
			return end;
		}
	} else if (c == '#') {
		for (end = start; end < lx->max && s[end] != '\r' && s[end] != '\n'; end++)
			;
		push_here(lx, PYTOK_COMMENT, start, end);
		return end;
	}
	prefix = string_prefix(lx, start);
	if (prefix >= 0 && is_triple(lx, start + (size_t)prefix)) {
		size_t q = start + (size_t)prefix;
		end = match_string_end(lx, q + 3, s[q], true);
		if (end) {
			push_here(lx, PYTOK_STRING, start, end);
			return end;
		}
		start_string(lx, start, q, true, false);
		return lx->max + 1;
	}
	if (ascii_digit(c) || (c == '.' && start + 1 < lx->max && ascii_digit(s[start + 1]))) {
		end = match_number(lx, start);
		push_here(lx, PYTOK_NUMBER, start, end);
		return end;
	}
	if (c == '\n' || (c == '\r' && start + 1 < lx->max && s[start + 1] == '\n')) {
		end = start + (c == '\r' ? 2 : 1);
		push_here(lx, lx->parenlev > 0 ? PYTOK_NL : PYTOK_NEWLINE, start, end);
		return end;
	}
	end = match_operator(lx, start);
	if (end) {
		if (c == '(' || c == '[' || c == '{')
			open_bracket(lx, start);
		else if (c == ')' || c == ']' || c == '}')
			lx->parenlev--;
		push_here(lx, PYTOK_OP, start, end);
		return end;
	}
	if (prefix >= 0) {
		size_t q = start + (size_t)prefix;
		end = match_contstr(lx, q, &cont);
		if (end && cont) {
			start_string(lx, start, q, false, true);
			return lx->max + 1;
		}
		if (end) {
			push_here(lx, PYTOK_STRING, start, end);
			return end;
		}
	}
	size_t len = char_at(lx, start, &cp);
	if (is_word(cp)) {
		bool ident = is_id_start(cp);
		for (end = start + len; end < lx->max; end += len) {
			len = char_at(lx, end, &cp);
			if (!is_word(cp))
				break;
		}
		push_here(lx, ident ? PYTOK_NAME : PYTOK_OP, start, end);
		return end;
	}
	/* nothing matches: one character at @pos, perhaps a blank */
	len = char_at(lx, pos, &cp);
	push_here(lx, PYTOK_ERRORTOKEN, pos, pos + len);
	warn_error_token(lx, pos, len);
	return pos + len;
}

/* tokenize's "measure leading whitespace"; returns false at a line of
 * blanks that ends the text. */
static bool
lex_indent(struct lexer *lx, size_t *posp)
{
	size_t pos = lx->line;
	unsigned column = 0;

	for (; pos < lx->max; pos++) {
		char c = lx->s[pos];
		if (c == ' ')
			column++;
		else if (c == '\t')
			column = (column / TABSIZE + 1) * TABSIZE;
		else if (c == '\f')
			column = 0;
		else
			break;
	}
	*posp = pos;
	if (pos == lx->max)
		return false;
	char c = lx->s[pos];
	if (c == '#' || c == '\r' || c == '\n') {
		size_t end = pos;
		if (c == '#') {
			end = lx->max;
			while (end > pos && (lx->s[end - 1] == '\r' || lx->s[end - 1] == '\n'))
				end--;
			push_here(lx, PYTOK_COMMENT, pos, end);
		}
		push_here(lx, PYTOK_NL, end, lx->max);
		*posp = lx->max;
		return true;
	}
	if (column > lx->indents[lx->n_indents - 1]) {
		if (lx->n_indents > PYTOK_MAX_INDENTS) {
			report_limit(lx, pos, "indentation nested too deeply");
			return true;
		}
		lx->indents[lx->n_indents++] = column;
		push_here(lx, PYTOK_INDENT, lx->line, pos);
	}
	if (column < lx->indents[lx->n_indents - 1]) {
		bool found = false;
		for (size_t k = 0; k < lx->n_indents; k++)
			found = found || lx->indents[k] == column;
		if (!found)
			report(lx, DIAG_ERROR, pos,
			       "unindent does not match any outer indentation level%s", "");
		while (column < lx->indents[lx->n_indents - 1]) {
			lx->n_indents--;
			push_here(lx, PYTOK_DEDENT, pos, pos);
		}
		if (column > lx->indents[lx->n_indents - 1]) {
			lx->indents[lx->n_indents++] = column;
			push_here(lx, PYTOK_INDENT, lx->line, pos);
		}
	}
	return true;
}

/* The line's remaining tokens: tokenize's "continued string" branch. */
static bool
lex_string_line(struct lexer *lx, size_t *posp)
{
	size_t end = match_string_end(lx, lx->line, lx->quote, lx->triple);

	if (end) {
		push(lx, PYTOK_STRING, lx->str_start, end, lx->str_row, lx->str_col, lx->lnum,
		     col_at(lx, end));
		lx->contstr = false;
		lx->needcont = false;
		*posp = end;
		return true;
	}
	if (lx->needcont) {
		size_t len = lx->max - lx->line;
		const char *t = lx->s + lx->max;
		bool goes_on = (len >= 2 && t[-1] == '\n' && t[-2] == '\\') ||
			       (len >= 3 && t[-1] == '\n' && t[-2] == '\r' && t[-3] == '\\');
		if (!goes_on) {
			push(lx, PYTOK_ERRORTOKEN, lx->str_start, lx->max, lx->str_row, lx->str_col,
			     lx->lnum, col_at(lx, lx->max));
			report(lx, DIAG_WARNING, lx->str_start, "unterminated string literal%s", "");
			lx->contstr = false;
		}
	}
	return false;
}

/* tokenize decodes each line before reading it: the first bad byte of a line
 * is an error. */
static void
check_decoding(struct lexer *lx)
{
	if (lx->enc == PYTOK_LATIN1)
		return;
	for (size_t i = lx->line; i < lx->max; ) {
		uint32_t cp;
		if ((unsigned char)lx->s[i] < 0x80) {
			i++;
			continue;
		}
		size_t len = char_at(lx, i, &cp);
		if (cp == INVALID_CP) {
			char text[8];
			snprintf(text, sizeof(text), "0x%02x", (unsigned char)lx->s[i]);
			report(lx, DIAG_ERROR, i, lx->enc == PYTOK_ASCII ?
			       "byte %s is not ASCII, the declared source encoding" :
			       "invalid UTF-8 byte %s", text);
			return;
		}
		i += len;
	}
}

/* tokenize's implicit NEWLINE: the text does not end with a newline and its
 * last line is not a comment. */
static void
lex_last_newline(struct lexer *lx, size_t last, size_t last_end)
{
	size_t i = last;
	uint32_t cp = 0;

	if (last == last_end || lx->s[last_end - 1] == '\n' || lx->s[last_end - 1] == '\r')
		return;
	while (i < last_end) {
		size_t len = char_at(lx, i, &cp);
		if (!is_py_space(cp))
			break;
		i += len;
	}
	if (i < last_end && lx->s[i] == '#')
		return;
	unsigned col = count_chars(lx, last, last_end);
	push(lx, PYTOK_NEWLINE, last_end, last_end, lx->lnum - 1, col, lx->lnum - 1, col + 1);
}

/* Encoding: tokenize's detect_encoding() (PEP 263, "coding[:=]" in a comment
 * on one of the first two lines, or a UTF-8 BOM). */

static bool
is_cookie_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || ascii_digit(c) ||
	       c == '_' || c == '-' || c == '.';
}

/* The coding name of a cookie line, or an empty view. */
static struct sv
find_cookie(struct sv line)
{
	size_t i = 0;

	while (i < line.len && (line.ptr[i] == ' ' || line.ptr[i] == '\t' || line.ptr[i] == '\f'))
		i++;
	if (i >= line.len || line.ptr[i] != '#')
		return SV_NULL;
	for (i++; i + 7 <= line.len && line.ptr[i] != '\n'; i++) {
		if (memcmp(line.ptr + i, "coding", 6) != 0 ||
		    (line.ptr[i + 6] != ':' && line.ptr[i + 6] != '='))
			continue;
		size_t j = i + 7;
		while (j < line.len && (line.ptr[j] == ' ' || line.ptr[j] == '\t'))
			j++;
		size_t k = j;
		while (k < line.len && is_cookie_char(line.ptr[k]))
			k++;
		if (k > j)
			return sv_make(line.ptr + j, k - j);
	}
	return SV_NULL;
}

/* tokenize's blank_re: blanks, then a comment, a newline or nothing. */
static bool
is_blank_line(struct sv line)
{
	size_t i = 0;

	while (i < line.len && (line.ptr[i] == ' ' || line.ptr[i] == '\t' || line.ptr[i] == '\f'))
		i++;
	return i == line.len || line.ptr[i] == '#' || line.ptr[i] == '\r' || line.ptr[i] == '\n';
}

static bool
name_in(const char *name, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(name, *list) == 0)
			return true;
	return false;
}

/* _get_normal_name(), then the codec aliases pytok can decode. Sets
 * *@is_utf8_name when tokenize would call it "utf-8" (the BOM check). */
static enum pytok_encoding
encoding_from_name(struct sv name, bool *is_utf8_name)
{
	static const char *const utf8[] = { "utf_8", "utf8", "u8", "utf", "utf8_ucs2",
		"utf8_ucs4", "cp65001", NULL };
	static const char *const latin1[] = { "latin_1", "latin1", "latin", "l1", "iso8859_1",
		"iso_8859_1", "8859", "cp819", "ibm819", "iso_ir_100", "csisolatin1",
		"iso_8859_1_1987", NULL };
	static const char *const ascii[] = { "ascii", "us_ascii", "646", "cp367", "csascii",
		"ibm367", "iso646_us", "iso_ir_6", "us", "ansi_x3.4_1968", "ansi_x3_4_1968",
		"ansi_x3.4_1986", "iso_646.irv_1991", NULL };
	char head[13] = { 0 }, norm[64] = { 0 };
	size_t i, j = 0;

	for (i = 0; i < name.len && i < 12; i++) {
		char c = name.ptr[i];
		head[i] = c >= 'A' && c <= 'Z' ? c + 32 : c == '_' ? '-' : c;
	}
	*is_utf8_name = strcmp(head, "utf-8") == 0 || strncmp(head, "utf-8-", 6) == 0;
	if (*is_utf8_name)
		return PYTOK_UTF8;
	if (name_in(head, (const char *const[]){ "latin-1", "iso-8859-1", "iso-latin-1", NULL }) ||
	    strncmp(head, "latin-1-", 8) == 0 || strncmp(head, "iso-8859-1-", 11) == 0 ||
	    strncmp(head, "iso-latin-1-", 12) == 0)
		return PYTOK_LATIN1;
	/* codecs' normalize_encoding(): other punctuation runs become one "_" */
	for (i = 0; i < name.len && j + 1 < sizeof(norm); i++) {
		char c = name.ptr[i];
		if (c >= 'A' && c <= 'Z')
			norm[j++] = c + 32;
		else if ((c >= 'a' && c <= 'z') || ascii_digit(c) || c == '.')
			norm[j++] = c;
		else if (j > 0 && norm[j - 1] != '_')
			norm[j++] = '_';
	}
	if (name_in(norm, utf8))
		return PYTOK_UTF8;
	if (name_in(norm, latin1))
		return PYTOK_LATIN1;
	if (name_in(norm, ascii))
		return PYTOK_ASCII;
	return PYTOK_UNSUPPORTED;
}

static bool
is_valid_utf8(struct sv line)
{
	for (size_t i = 0; i < line.len; ) {
		uint32_t cp;
		size_t len = utf8_decode(line.ptr + i, line.len - i, &cp);
		if (len == 0)
			return false;
		i += len;
	}
	return true;
}

static struct sv
first_line(struct sv text, size_t from)
{
	struct sv rest = sv_tail(text, from);
	size_t nl = sv_find_char(rest, '\n');

	return nl == SV_NPOS ? rest : sv_slice(rest, 0, nl + 1);
}

/* detect_encoding(); reports what it raises on when @lx is given. */
static enum pytok_encoding
detect_encoding(struct sv text, size_t *bom_len, struct lexer *lx)
{
	size_t bom = text.len >= 3 && memcmp(text.ptr, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	struct sv line = first_line(text, bom), cookie = SV_NULL;
	bool utf8_name = false;

	*bom_len = bom;
	for (int k = 0; k < 2 && line.len > 0; k++) {
		size_t at = (size_t)(line.ptr - text.ptr);
		if (!is_valid_utf8(line))
			return PYTOK_UTF8;  /* tokenize raises; check_decoding() says why */
		cookie = find_cookie(line);
		if (cookie.len > 0) {
			enum pytok_encoding enc = encoding_from_name(cookie, &utf8_name);
			char name[64] = { 0 };
			memcpy(name, cookie.ptr, cookie.len < 63 ? cookie.len : 63);
			if (bom && !utf8_name) {
				if (lx)
					report(lx, DIAG_ERROR, at, "encoding '%s' declared after a "
					       "UTF-8 byte order mark", name);
				return PYTOK_UTF8;
			}
			if (enc == PYTOK_UNSUPPORTED && lx)
				report(lx, DIAG_ERROR, at, "source encoding '%s' is unknown or not "
				       "supported; read as UTF-8", name);
			return enc;
		}
		if (!is_blank_line(line))
			break;
		line = first_line(text, at + line.len);
	}
	return PYTOK_UTF8;
}

enum pytok_encoding
pytok_encoding(struct sv text, size_t *bom_len)
{
	return detect_encoding(text, bom_len, NULL);
}

/* The loop over lines: tokenize's _tokenize(). */
static void
lex_lines(struct lexer *lx, size_t next)
{
	size_t last = next, last_end = next;
	bool failed = false;

	for (;;) {
		size_t pos;
		if (lx->lnum > 0) {
			last = lx->line;
			last_end = lx->max;
		}
		lx->line = next;
		if (next < lx->n) {
			const char *nl = memchr(lx->s + next, '\n', lx->n - next);
			next = nl ? (size_t)(nl - lx->s) + 1 : lx->n;
		}
		lx->max = next;
		lx->lnum++;
		lx->cur_off = lx->line;
		lx->cur_col = 0;
		if (lx->max - lx->line > PYTOK_MAX_LINE)
			report_limit(lx, lx->line, "line too long");
		if (lx->stop || lx->rc)
			break;
		check_decoding(lx);
		bool empty = lx->line == lx->max;
		if (lx->contstr) {
			if (empty) {
				report(lx, DIAG_ERROR, lx->str_start, lx->triple ?
				       "unterminated triple-quoted string%s" :
				       "unterminated string: end of file after '\\'%s", "");
				push(lx, PYTOK_ERRORTOKEN, lx->str_start, lx->n, lx->str_row,
				     lx->str_col, lx->lnum, 0);
				failed = true;
				break;
			}
			if (!lex_string_line(lx, &pos))
				continue;
		} else if (lx->parenlev == 0 && !lx->continued) {
			if (empty || !lex_indent(lx, &pos))
				break;
		} else {
			if (empty) {
				report(lx, DIAG_ERROR, lx->n, lx->continued ?
				       "unexpected end of file after '\\'%s" :
				       "unexpected end of file: a bracket is not closed%s", "");
				failed = true;
				break;
			}
			lx->continued = false;
			pos = lx->line;
		}
		while (pos < lx->max && !lx->stop && !lx->rc)
			pos = lex_one(lx, pos);
	}
	if (!failed && !lx->stop)
		lex_last_newline(lx, last, last_end);
	for (size_t k = 1; k < lx->n_indents; k++)
		push(lx, PYTOK_DEDENT, lx->n, lx->n, lx->lnum, 0, lx->lnum, 0);
	lx->stop = false;
	push(lx, PYTOK_ENDMARKER, lx->n, lx->n, lx->lnum, 0, lx->lnum, 0);
}

int
pytok_tokens(struct pytok **out, size_t *count, struct source *src,
	     struct diags *diags)
{
	struct lexer lx = {
		.src = src,
		.s = src->text.ptr,
		.n = src->text.len,
		.diags = diags,
		.n_indents = 1,
	};
	size_t bom;

	*out = NULL;
	*count = 0;
	if (!lx.s)
		lx.s = "";
	lx.enc = detect_encoding(sv_make(lx.s, lx.n), &bom, &lx);
	if (lx.enc == PYTOK_UNSUPPORTED)
		lx.enc = PYTOK_UTF8;
	lex_lines(&lx, bom);
	if (lx.rc) {
		free(lx.toks);
		return lx.rc;
	}
	*out = lx.toks;
	*count = lx.len;
	return 0;
}

struct sv
pytok_text(struct sv text, const struct pytok *tok)
{
	return sv_slice(text, tok->at.start, tok->at.end - tok->at.start);
}

bool
pytok_is_op(struct sv text, const struct pytok *tok, const char *op)
{
	return tok->type == PYTOK_OP && sv_eq_cstr(pytok_text(text, tok), op);
}

const char *
pytok_type_name(enum pytok_type type)
{
	switch (type) {
	case PYTOK_ENDMARKER: return "ENDMARKER";
	case PYTOK_NAME: return "NAME";
	case PYTOK_NUMBER: return "NUMBER";
	case PYTOK_STRING: return "STRING";
	case PYTOK_NEWLINE: return "NEWLINE";
	case PYTOK_INDENT: return "INDENT";
	case PYTOK_DEDENT: return "DEDENT";
	case PYTOK_OP: return "OP";
	case PYTOK_COMMENT: return "COMMENT";
	case PYTOK_NL: return "NL";
	case PYTOK_ERRORTOKEN: return "ERRORTOKEN";
	}
	return "?";
}
