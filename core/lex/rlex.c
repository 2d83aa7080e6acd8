/*
 * R's lexical grammar, token by token, with getParseData()'s positions; the
 * parser-level labels of getParseData() are added afterwards by rlex_refine().
 *
 * After the R Language Definition, section 10.3 "Tokens", and the behaviour
 * of gram.y's lexer in R 4.2 (raw strings, \ lambdas, |>, =>, _):
 *
 *   token      = comment | string | raw_string | number | name | backtick
 *              | special | operator
 *   comment    = "#" { any byte but newline }
 *   string     = '"' { char | escape } '"' | "'" { char | escape } "'"
 *   escape     = "\" ( "'" | '"' | "`" | " " | "\" | newline | "a" | "b" | "f"
 *                    | "n" | "r" | "t" | "v" | octal{1,3} | "x" hex{1,2}
 *                    | "u" hex{1,4} | "u{" hex{1,4} "}" | "U" hex{1,8}
 *                    | "U{" hex{1,8} "}" )
 *   raw_string = ("r" | "R") quote { "-" } open { any } close { "-" } quote
 *                (open/close: ( ) or [ ] or { }, same dashes and quote)
 *   number     = "0" ("x" | "X") hex* ["." hex*] [("p" | "P") [sign] digit+]
 *                ["L" | "i"]            (a "." needs the exponent)
 *              | (digit+ ["." digit*] | "." digit+) [("e" | "E") [sign] digit+]
 *                ["L" | "i"]
 *   name       = (letter | "." not before a digit) { letter | digit | "." | "_" }
 *                (letter: ASCII or any non-ASCII code point that is not a
 *                space or punctuation; keywords and constants are names
 *                from a fixed list)
 *   backtick   = "`" { char | escape } "`"
 *   special    = "%" { any byte but newline and "%" } "%"
 *   operator   = "<<-" | "<-" | "<=" | "<" | "->>" | "->" | "-" | ":::" | "::"
 *              | ":=" | ":" | "==" | "=>" | "=" | "!=" | "!" | ">=" | ">" | "&&"
 *              | "&" | "||" | "|>" | "|" | "**" | "*" | "[[" | "[" | "\" | "_"
 *              | one of + / ^ ~ ? $ @ ( ) { } ] , ;
 *   space      = " " | tab | form feed | CR | newline | a Unicode blank
 *                (what glibc's iswblank accepts: U+1680, U+2000-U+2006,
 *                U+2008-U+200A, U+205F, U+3000; not the no-break spaces)
 */
#include "lex/rlex.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deputy/ascii.h"
#include "deputy/utf8.h"

struct rlexer {
	struct source *src;
	const char *s;
	size_t len;
	size_t pos;              /* next byte to read */
	unsigned line, col;      /* R's xxlineno/xxcolno after the last byte read */
	struct diags *diags;
	size_t ndiags;
	struct rtok *toks;
	size_t count, cap;
	unsigned depth;
	bool depth_reported;
	bool nomem;
};

static void lex_diag(struct rlexer *lx, size_t at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
lex_diag(struct rlexer *lx, size_t at, const char *fmt, ...)
{
	char message[160];
	va_list ap;

	if (!lx->diags)
		return;
	lx->ndiags++;
	if (lx->ndiags > RLEX_MAX_DIAGS + 1)
		return;
	if (lx->ndiags == RLEX_MAX_DIAGS + 1) {
		diag_add(lx->diags, DIAG_WARNING, lx->src, (struct span){ at, at },
			 "over %d problems in this file: the rest are not shown", RLEX_MAX_DIAGS);
		return;
	}
	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	diag_add(lx->diags, DIAG_ERROR, lx->src, (struct span){ at, at }, "%s", message);
}

/* Reads one byte the way gram.y's xxgetc counts columns. */
static void
step(struct rlexer *lx)
{
	unsigned char c = (unsigned char)lx->s[lx->pos++];

	if (c == '\n') {
		lx->line++;
		lx->col = 0;
		return;
	}
	if (c < 0x80 || c > 0xbf)
		lx->col++;
	if (c == '\t')
		lx->col = (lx->col + 7) & ~7u;
}

static int
peek(const struct rlexer *lx, size_t at)
{
	return at < lx->len ? (unsigned char)lx->s[at] : -1;
}

static int
push(struct rlexer *lx, const struct rtok *tok)
{
	if (lx->count == lx->cap) {
		/* about a token per four bytes: most files need one allocation */
		size_t guess = lx->len / 4 + 256;
		size_t cap = lx->cap ? lx->cap * 2 : guess < 65536 ? guess : 65536;
		struct rtok *grown = realloc(lx->toks, cap * sizeof(*grown));
		if (!grown) {
			lx->nomem = true;
			return ERR_NOMEM;
		}
		lx->toks = grown;
		lx->cap = cap;
	}
	lx->toks[lx->count++] = *tok;
	return 0;
}

/* Reads the bytes [pos, end) as one token of @kind. */
static int
emit(struct rlexer *lx, enum rtok_kind kind, size_t end)
{
	struct rtok tok = { .kind = kind, .start = lx->pos, .end = end, .depth = lx->depth };

	step(lx);
	tok.line = lx->line;
	tok.column = lx->col;
	while (lx->pos < end)
		step(lx);
	tok.end_line = lx->line;
	tok.end_column = lx->col;
	return push(lx, &tok);
}

static bool
is_unicode_blank(uint32_t cp)
{
	return cp == 0x1680 || (cp >= 0x2000 && cp <= 0x2006) || (cp >= 0x2008 && cp <= 0x200a) ||
	       cp == 0x205f || cp == 0x3000;
}

/* An approximation of iswalpha for code points past ASCII: anything that is
 * not a control, a space, punctuation or a symbol block. */
static bool
is_unicode_letter(uint32_t cp)
{
	if (cp < 0xc0)
		return cp == 0xaa || cp == 0xb5 || cp == 0xba;
	if (cp == 0xd7 || cp == 0xf7 || is_unicode_blank(cp))
		return false;
	if ((cp >= 0x2000 && cp <= 0x206f) || (cp >= 0x20a0 && cp <= 0x20ff) ||
	    (cp >= 0x2190 && cp <= 0x2bff) || (cp >= 0x2e00 && cp <= 0x2e7f) ||
	    (cp >= 0x3000 && cp <= 0x303f) || (cp >= 0xfe30 && cp <= 0xfe4f) ||
	    (cp >= 0xff00 && cp <= 0xff0f) || (cp >= 0xfff0 && cp <= 0xffff) ||
	    (cp >= 0x1f000 && cp <= 0x1faff) || cp == 0xfeff || cp == 0x00a0 ||
	    cp == 0x202f)
		return false;
	return true;
}

/* Length of the non-ASCII letter at @at, or 0. */
static size_t
letter_len(const struct rlexer *lx, size_t at)
{
	uint32_t cp;
	size_t n;

	if (at >= lx->len || (unsigned char)lx->s[at] < 0x80)
		return 0;
	n = utf8_decode(lx->s + at, lx->len - at, &cp);
	return n && is_unicode_letter(cp) ? n : 0;
}

/* Length of the Unicode blank at @at, or 0. */
static size_t
blank_len(const struct rlexer *lx, size_t at)
{
	uint32_t cp;
	size_t n;

	if (at >= lx->len || (unsigned char)lx->s[at] < 0x80)
		return 0;
	n = utf8_decode(lx->s + at, lx->len - at, &cp);
	return n && is_unicode_blank(cp) ? n : 0;
}

/*
 * One escape sequence at @s (s[0] == '\\'), @n bytes available. Returns the
 * bytes used (at least 1) and sets *@value; *@kind is 'b' for a byte (octal,
 * \x), 'u' for a code point (\u, \U), 'c' for a plain character, 0 when
 * malformed (then *@why says what is wrong and *@value is unset).
 */
static size_t
escape_scan(const char *s, size_t n, uint32_t *value, int *kind, const char **why)
{
	size_t i = 2, digits = 0, max;
	uint32_t v = 0;
	bool brace = false;

	*kind = 0;
	if (n < 2) {
		*why = "a string ends in a backslash";
		return 1;
	}
	switch (s[1]) {
	case 'a': v = 7; break;
	case 'b': v = 8; break;
	case 'f': v = 12; break;
	case 'n': v = 10; break;
	case 'r': v = 13; break;
	case 't': v = 9; break;
	case 'v': v = 11; break;
	case '\\': case '"': case '\'': case '`': case ' ': case '\n':
		v = (unsigned char)s[1];
		break;
	case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
		for (i = 1; i < n && i < 4 && s[i] >= '0' && s[i] <= '7'; i++)
			v = v * 8 + (uint32_t)(s[i] - '0');
		*why = "a nul character (\\0) is not allowed in a string";
		*kind = v && v < 256 ? 'b' : 0;
		if (v >= 256)
			*why = "an octal escape above \\377";
		*value = v;
		return i;
	case 'x':
		for (; i < n && i < 4 && ascii_xdigit(s[i]); i++)
			v = v * 16 + (uint32_t)ascii_hex_value(s[i]);
		*why = i == 2 ? "'\\x' used without hex digits" : "a nul character (\\x00) is not allowed in a string";
		*kind = v ? 'b' : 0;
		*value = v;
		return i;
	case 'u': case 'U':
		max = s[1] == 'u' ? 4 : 8;
		if (i < n && s[i] == '{') {
			brace = true;
			i++;
		}
		for (; i < n && digits < max && ascii_xdigit(s[i]); i++, digits++)
			v = v * 16 + (uint32_t)ascii_hex_value(s[i]);
		if (brace) {
			if (i < n && s[i] == '}') {
				i++;
			} else {
				*why = "a \\u{...} escape without its closing brace";
				return i;
			}
		}
		if (digits == 0)
			*why = "'\\u' or '\\U' used without hex digits";
		else if (v == 0)
			*why = "a nul character (\\u0) is not allowed in a string";
		else if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
			*why = "a \\u or \\U escape names no Unicode character";
		else
			*kind = 'u';
		*value = v;
		return i;
	default:
		*why = "an unrecognized escape in a string";
		return 2;
	}
	*kind = 'c';
	*value = v;
	return 2;
}

/* A quoted string or backtick name from its opening quote; escapes checked. */
static int
lex_quoted(struct rlexer *lx, enum rtok_kind kind)
{
	char quote = lx->s[lx->pos];
	size_t i = lx->pos + 1;
	bool byte_escape = false, unicode_escape = false, bad = false;

	while (i < lx->len && lx->s[i] != quote) {
		unsigned char c = (unsigned char)lx->s[i];
		uint32_t cp;
		int ek;
		const char *why = NULL;

		if (c == '\\') {
			i += escape_scan(lx->s + i, lx->len - i, &cp, &ek, &why);
			if (ek == 'b')
				byte_escape = true;
			if (ek == 'u')
				unicode_escape = true;
			if (!ek && !bad) {
				lex_diag(lx, i, "%s", why);
				bad = true;
			}
			continue;
		}
		if (c == 0 && !bad) {
			lex_diag(lx, i, "a nul byte in a string");
			bad = true;
		}
		if (c >= 0x80) {
			size_t n = utf8_decode(lx->s + i, lx->len - i, &cp);
			if (!n) {
				if (!bad)
					lex_diag(lx, i, "invalid UTF-8 in a string");
				bad = true;
				n = 1;
			}
			i += n;
			continue;
		}
		i++;
	}
	if (i >= lx->len) {
		lex_diag(lx, lx->pos, "%s runs to the end of the file",
			 quote == '`' ? "a backtick name" : "a string");
		return emit(lx, RTOK_ERROR, lx->len);
	}
	if (byte_escape && unicode_escape)
		lex_diag(lx, lx->pos, "a string mixes \\u escapes with octal or \\x escapes");
	if (quote == '`' && i == lx->pos + 1)
		lex_diag(lx, lx->pos, "an empty backtick name");
	return emit(lx, kind, i + 1);
}

/* r"(...)", R'[...]', r"--{...}--": no escapes; ends at the matching closer. */
static int
lex_raw_string(struct rlexer *lx)
{
	size_t i = lx->pos + 1, dashes = 0;
	char quote = lx->s[i++], close;

	while (i < lx->len && lx->s[i] == '-') {
		dashes++;
		i++;
	}
	switch (peek(lx, i)) {
	case '(': close = ')'; break;
	case '[': close = ']'; break;
	case '{': close = '}'; break;
	default:
		lex_diag(lx, lx->pos, "a raw string needs ( [ or { after its quote and dashes");
		return emit(lx, RTOK_ERROR, i);
	}
	for (i++; i < lx->len; i++) {
		size_t j = i + 1, d = 0;

		if (lx->s[i] == 0) {
			lex_diag(lx, i, "a nul byte in a string");
			continue;
		}
		if (lx->s[i] != close)
			continue;
		while (j < lx->len && d < dashes && lx->s[j] == '-') {
			d++;
			j++;
		}
		if (d == dashes && j < lx->len && lx->s[j] == quote)
			return emit(lx, RTOK_STR_CONST, j + 1);
	}
	lex_diag(lx, lx->pos, "a raw string runs to the end of the file");
	return emit(lx, RTOK_ERROR, lx->len);
}

static size_t
hex_number_end(const struct rlexer *lx, size_t i)
{
	size_t digits = 0, exp_digits = 0;
	bool dot = false, exp = false;

	for (i += 2; ascii_xdigit(peek(lx, i)) || peek(lx, i) == '.'; i++, digits++) {
		if (peek(lx, i) == '.') {
			if (dot)
				return 0;
			dot = true;
		}
	}
	if (digits == 0)
		return 0;
	if (peek(lx, i) == 'p' || peek(lx, i) == 'P') {
		exp = true;
		i++;
		if (peek(lx, i) == '+' || peek(lx, i) == '-')
			i++;
		for (; ascii_digit(peek(lx, i)); i++)
			exp_digits++;
		if (exp_digits == 0)
			return 0;
	}
	if (dot && !exp)
		return 0;
	if (peek(lx, i) == 'L' || peek(lx, i) == 'i')
		i++;
	return i;
}

/* The end of the number at pos, or 0 when it is malformed ("1e", "0x"). */
static size_t
number_end(const struct rlexer *lx)
{
	size_t i = lx->pos;
	bool dot = false, exp = false;

	if (peek(lx, i) == '0' && (peek(lx, i + 1) == 'x' || peek(lx, i + 1) == 'X'))
		return hex_number_end(lx, i);
	for (;;) {
		int c = peek(lx, i);

		if (ascii_digit(c)) {
			i++;
		} else if (c == '.') {
			if (dot)
				break;
			dot = true;
			i++;
		} else if (c == 'e' || c == 'E') {
			if (exp)
				break;
			exp = dot = true;   /* no "." after the exponent */
			i++;
			if (peek(lx, i) == '+' || peek(lx, i) == '-')
				i++;
			if (!ascii_digit(peek(lx, i)))
				return 0;
		} else if (c == 'L') {
			return i + 1;
		} else {
			break;
		}
	}
	return peek(lx, i) == 'i' ? i + 1 : i;
}

struct rword {
	struct sv text;          /* with its length: compared for every name */
	enum rtok_kind kind;
};

#define KW(text, kind) { { (text), sizeof(text) - 1 }, (kind) }
static const struct rword keywords[] = {
	KW("if", RTOK_IF), KW("else", RTOK_ELSE), KW("for", RTOK_FOR), KW("in", RTOK_IN),
	KW("while", RTOK_WHILE), KW("repeat", RTOK_REPEAT), KW("break", RTOK_BREAK),
	KW("next", RTOK_NEXT), KW("function", RTOK_FUNCTION), KW("NULL", RTOK_NULL_CONST),
	KW("TRUE", RTOK_NUM_CONST), KW("FALSE", RTOK_NUM_CONST), KW("NA", RTOK_NUM_CONST),
	KW("Inf", RTOK_NUM_CONST), KW("NaN", RTOK_NUM_CONST),
	KW("NA_integer_", RTOK_NUM_CONST), KW("NA_real_", RTOK_NUM_CONST),
	KW("NA_character_", RTOK_NUM_CONST), KW("NA_complex_", RTOK_NUM_CONST),
};
#undef KW

static int
lex_name(struct rlexer *lx)
{
	size_t i = lx->pos, n;
	struct sv word;

	for (;;) {
		int c = peek(lx, i);

		if (ascii_alpha(c) || ascii_digit(c) || c == '.' || c == '_')
			i++;
		else if ((n = letter_len(lx, i)) > 0)
			i += n;
		else
			break;
	}
	word = sv_make(lx->s + lx->pos, i - lx->pos);
	for (size_t k = 0; k < sizeof(keywords) / sizeof(keywords[0]); k++) {
		if (sv_eq(word, keywords[k].text))
			return emit(lx, keywords[k].kind, i);
	}
	return emit(lx, RTOK_SYMBOL, i);
}

/* The operator at pos: its length and kind, 0 when the byte starts none. */
static size_t
operator_len(const struct rlexer *lx, enum rtok_kind *kind)
{
	int c = peek(lx, lx->pos), d = peek(lx, lx->pos + 1), e = peek(lx, lx->pos + 2);

	*kind = RTOK_OP;
	switch (c) {
	case '<':
		if (d == '<' && e == '-')
			return *kind = RTOK_LEFT_ASSIGN, 3;
		if (d == '-')
			return *kind = RTOK_LEFT_ASSIGN, 2;
		return d == '=' ? 2 : 1;
	case '-':
		if (d == '>' && e == '>')
			return *kind = RTOK_RIGHT_ASSIGN, 3;
		if (d == '>')
			return *kind = RTOK_RIGHT_ASSIGN, 2;
		return 1;
	case ':':
		if (d == ':' && e == ':')
			return *kind = RTOK_NS_GET_INT, 3;
		if (d == ':')
			return *kind = RTOK_NS_GET, 2;
		if (d == '=')
			return *kind = RTOK_LEFT_ASSIGN, 2;
		return 1;
	case '=':
		if (d == '=')
			return 2;
		if (d == '>')
			return *kind = RTOK_PIPEBIND, 2;
		return *kind = RTOK_EQ_ASSIGN, 1;
	case '|':
		if (d == '>')
			return *kind = RTOK_PIPE, 2;
		return d == '|' ? 2 : 1;
	case '&':
		return d == '&' ? 2 : 1;
	case '!': case '>':
		return d == '=' ? 2 : 1;
	case '*':
		return d == '*' ? 2 : 1;
	case '[':
		return d == '[' ? 2 : 1;
	case '\\':
		return *kind = RTOK_LAMBDA, 1;
	case '_':
		return *kind = RTOK_PLACEHOLDER, 1;
	case '+': case '/': case '^': case '~': case '?': case '$': case '@':
	case '(': case ')': case '{': case '}': case ']': case ',': case ';':
		return 1;
	default:
		return 0;
	}
}

static int
lex_operator(struct rlexer *lx, size_t n, enum rtok_kind kind)
{
	char c = lx->s[lx->pos];
	unsigned before = lx->depth;

	if (c == '(' || c == '[' || c == '{')
		lx->depth += (unsigned)n;
	else if ((c == ')' || c == ']' || c == '}') && lx->depth > 0)
		lx->depth--;
	if (lx->depth > RLEX_MAX_DEPTH && !lx->depth_reported) {
		lx->depth_reported = true;
		lex_diag(lx, lx->pos, "brackets nested deeper than the limit of %d",
			 RLEX_MAX_DEPTH);
	}
	int rc = emit(lx, kind, lx->pos + n);
	if (rc == 0)
		lx->toks[lx->count - 1].depth = before;
	return rc;
}

/* Bytes no token starts with: one RTOK_ERROR over the run of them. */
static int
lex_stray(struct rlexer *lx)
{
	size_t i = lx->pos;
	unsigned char c = (unsigned char)lx->s[i];
	uint32_t cp;
	size_t n = c >= 0x80 ? utf8_decode(lx->s + i, lx->len - i, &cp) : 1;

	if (c == 0)
		lex_diag(lx, i, "a nul byte in R code");
	else if (n == 0)
		lex_diag(lx, i, "invalid UTF-8 in R code");
	else
		lex_diag(lx, i, "a character that starts no R token");
	return emit(lx, RTOK_ERROR, i + (n ? n : 1));
}

static int
lex_one(struct rlexer *lx)
{
	int c = peek(lx, lx->pos), d = peek(lx, lx->pos + 1);
	enum rtok_kind kind;
	size_t n;

	if (c == '#') {
		n = lx->pos;
		while (n < lx->len && lx->s[n] != '\n')
			n++;
		return emit(lx, RTOK_COMMENT, n);
	}
	if (c == '"' || c == '\'')
		return lex_quoted(lx, RTOK_STR_CONST);
	if (c == '`')
		return lex_quoted(lx, RTOK_SYMBOL);
	if ((c == 'r' || c == 'R') && (d == '"' || d == '\''))
		return lex_raw_string(lx);
	if (ascii_digit(c) || (c == '.' && ascii_digit(d))) {
		n = number_end(lx);
		if (n == 0) {
			lex_diag(lx, lx->pos, "a malformed number");
			n = lx->pos + 1;
			while (n < lx->len && (ascii_xdigit(peek(lx, n)) || byte_in(".xXpP", peek(lx, n))))
				n++;
			return emit(lx, RTOK_ERROR, n);
		}
		return emit(lx, RTOK_NUM_CONST, n);
	}
	if (ascii_alpha(c) || c == '.' || letter_len(lx, lx->pos))
		return lex_name(lx);
	if (c == '%') {
		for (n = lx->pos + 1; n < lx->len && lx->s[n] != '%' && lx->s[n] != '\n'; n++)
			;
		if (n < lx->len && lx->s[n] == '%')
			return emit(lx, RTOK_SPECIAL, n + 1);
		lex_diag(lx, lx->pos, "a %%operator%% without its closing %%");
		return emit(lx, RTOK_ERROR, n);
	}
	n = operator_len(lx, &kind);
	if (n)
		return lex_operator(lx, n, kind);
	return lex_stray(lx);
}

static void
skip_space(struct rlexer *lx)
{
	while (lx->pos < lx->len) {
		char c = lx->s[lx->pos];
		size_t n;

		if (c == ' ' || c == '\t' || c == '\f' || c == '\r' || c == '\n') {
			step(lx);
		} else if ((n = blank_len(lx, lx->pos)) > 0) {
			while (n--)
				step(lx);
		} else {
			break;
		}
	}
}

int
rlex_tokens(struct rtok **out, size_t *count, struct source *src, struct diags *diags)
{
	struct rlexer lx = {
		.src = src, .s = src->text.ptr, .len = src->text.len, .line = 1, .diags = diags,
	};
	struct rtok eof;

	*out = NULL;
	*count = 0;
	if (!lx.s)
		lx.len = 0;
	for (;;) {
		skip_space(&lx);
		if (lx.pos >= lx.len)
			break;
		if (lx.count >= RLEX_MAX_TOKENS - 2) {
			lex_diag(&lx, lx.pos, "more tokens than the limit of %d: the rest is not read",
				 RLEX_MAX_TOKENS);
			emit(&lx, RTOK_ERROR, lx.len);
			break;
		}
		if (lex_one(&lx) < 0)
			break;
	}
	eof = (struct rtok){
		.kind = RTOK_EOF, .start = lx.len, .end = lx.len, .depth = lx.depth,
		.line = lx.line, .column = lx.col + 1, .end_line = lx.line, .end_column = lx.col + 1,
	};
	if (lx.nomem || push(&lx, &eof) < 0) {
		free(lx.toks);
		return ERR_NOMEM;
	}
	*out = lx.toks;
	*count = lx.count;
	return 0;
}

/*
 * Refinement: what R's grammar actions relabel (modif_token in gram.y).
 * A stack of open brackets says what each ( or [ opened; an argument starts
 * right after a call's ( or [ or [[, a parameter list's (, or a , in them.
 */
enum rctx {
	CTX_TOP,
	CTX_BRACE,
	CTX_GROUP,        /* ( expr ) */
	CTX_CALL,         /* f( args ) and x[ args ], x[[ args ]] */
	CTX_FORMALS,      /* function( params ) and \( params ) */
	CTX_INNER,        /* the second [ of [[ */
};

#define REFINE_STACK 512

static bool
op_is(const struct rtok *tok, struct sv text, char c)
{
	return tok->kind == RTOK_OP && tok->end - tok->start == 1 && tok->start < text.len &&
	       text.ptr[tok->start] == c;
}

static bool
op_is_lbb(const struct rtok *tok, struct sv text)
{
	return tok->kind == RTOK_OP && tok->end - tok->start == 2 && text.ptr[tok->start] == '[';
}

static bool
ends_expression(const struct rtok *tok, struct sv text)
{
	switch (tok->kind) {
	case RTOK_SYMBOL: case RTOK_NUM_CONST: case RTOK_STR_CONST: case RTOK_NULL_CONST:
	case RTOK_BREAK: case RTOK_NEXT: case RTOK_PLACEHOLDER: case RTOK_SLOT:
	case RTOK_SYMBOL_PACKAGE: case RTOK_SYMBOL_FUNCTION_CALL:
		return true;
	case RTOK_OP:
		return op_is(tok, text, ')') || op_is(tok, text, ']') || op_is(tok, text, '}');
	default:
		return false;
	}
}

/* The next token after @i that is not a comment, or NULL. */
static struct rtok *
next_significant(struct rtok *toks, size_t count, size_t i)
{
	for (i++; i < count; i++) {
		if (toks[i].kind != RTOK_COMMENT && toks[i].kind != RTOK_EOF)
			return &toks[i];
	}
	return NULL;
}

/* Whether ( after @prev opens a call: @prev ends an expression, and no
 * newline ends the statement between them (newlines count at the top level
 * and inside braces only). */
static bool
opens_call(const struct rtok *prev, const struct rtok *paren, struct sv text, enum rctx ctx)
{
	if (!prev || !ends_expression(prev, text))
		return false;
	if (paren->line > prev->end_line && (ctx == CTX_TOP || ctx == CTX_BRACE))
		return false;
	return true;
}

void
rlex_refine(struct rtok *toks, size_t count, struct sv text)
{
	unsigned char stack[REFINE_STACK];
	size_t depth = 0;        /* entries in use; past REFINE_STACK only counted */
	struct rtok *prev = NULL;
	bool arg_start = false;

	for (size_t i = 0; i < count; i++) {
		struct rtok *tok = &toks[i], *next;
		enum rctx ctx = depth == 0 ? CTX_TOP
				: depth <= REFINE_STACK ? (enum rctx)stack[depth - 1] : CTX_GROUP;
		enum rctx open = CTX_TOP;
		bool at_arg = arg_start;

		if (tok->kind == RTOK_COMMENT || tok->kind == RTOK_EOF)
			continue;
		arg_start = false;
		next = next_significant(toks, count, i);
		if (tok->kind == RTOK_SYMBOL && prev && op_is(prev, text, '@')) {
			tok->kind = RTOK_SLOT;
		} else if (tok->kind == RTOK_SYMBOL && next &&
			   (next->kind == RTOK_NS_GET || next->kind == RTOK_NS_GET_INT)) {
			tok->kind = RTOK_SYMBOL_PACKAGE;
		} else if (at_arg && ctx == CTX_FORMALS && tok->kind == RTOK_SYMBOL) {
			tok->kind = RTOK_SYMBOL_FORMALS;
			if (next && next->kind == RTOK_EQ_ASSIGN)
				next->kind = RTOK_EQ_FORMALS;
		} else if (at_arg && ctx == CTX_CALL && next && next->kind == RTOK_EQ_ASSIGN &&
			   (tok->kind == RTOK_SYMBOL || tok->kind == RTOK_STR_CONST ||
			    tok->kind == RTOK_NULL_CONST)) {
			if (tok->kind == RTOK_SYMBOL)
				tok->kind = RTOK_SYMBOL_SUB;
			next->kind = RTOK_EQ_SUB;
		}
		if (op_is(tok, text, '(')) {
			if (prev && (prev->kind == RTOK_FUNCTION || prev->kind == RTOK_LAMBDA)) {
				open = CTX_FORMALS;
			} else if (opens_call(prev, tok, text, ctx)) {
				open = CTX_CALL;
				if (prev->kind == RTOK_SYMBOL)
					prev->kind = RTOK_SYMBOL_FUNCTION_CALL;
			} else {
				open = CTX_GROUP;
			}
		} else if (op_is(tok, text, '[')) {
			open = CTX_CALL;
		} else if (op_is(tok, text, '{')) {
			open = CTX_BRACE;
		} else if (op_is_lbb(tok, text)) {
			if (depth < REFINE_STACK)
				stack[depth] = CTX_INNER;
			depth++;
			open = CTX_CALL;
		} else if ((op_is(tok, text, ')') || op_is(tok, text, ']') || op_is(tok, text, '}')) &&
			   depth > 0) {
			depth--;
		} else if (op_is(tok, text, ',') && (ctx == CTX_CALL || ctx == CTX_FORMALS)) {
			arg_start = true;
		}
		if (open != CTX_TOP) {
			if (depth < REFINE_STACK)
				stack[depth] = (unsigned char)open;
			depth++;
			arg_start = open == CTX_CALL || open == CTX_FORMALS;
		}
		prev = tok;
	}
}

const char *
rlex_kind_name(enum rtok_kind kind, struct sv t)
{
	static const struct {
		const char *text, *name;
	} ops[] = {
		{ "&&", "AND2" }, { "&", "AND" }, { "||", "OR2" }, { "|", "OR" }, { "==", "EQ" },
		{ "!=", "NE" }, { "<=", "LE" }, { ">=", "GE" }, { "<", "LT" }, { ">", "GT" },
		{ "[[", "LBB" }, { "**", "'^'" }, { "+", "'+'" }, { "-", "'-'" }, { "*", "'*'" },
		{ "/", "'/'" }, { "^", "'^'" }, { "~", "'~'" }, { "?", "'?'" }, { "!", "'!'" },
		{ ":", "':'" }, { "$", "'$'" }, { "@", "'@'" }, { "(", "'('" }, { ")", "')'" },
		{ "{", "'{'" }, { "}", "'}'" }, { "[", "'['" }, { "]", "']'" }, { ",", "','" },
		{ ";", "';'" },
	};

	switch (kind) {
	case RTOK_EOF: return "END_OF_INPUT";
	case RTOK_ERROR: return "ERROR";
	case RTOK_COMMENT: return "COMMENT";
	case RTOK_NUM_CONST: return "NUM_CONST";
	case RTOK_STR_CONST: return "STR_CONST";
	case RTOK_NULL_CONST: return "NULL_CONST";
	case RTOK_SYMBOL: return "SYMBOL";
	case RTOK_FUNCTION: return "FUNCTION";
	case RTOK_LAMBDA: return "'\\\\'";
	case RTOK_IF: return "IF";
	case RTOK_ELSE: return "ELSE";
	case RTOK_FOR: return "FOR";
	case RTOK_IN: return "IN";
	case RTOK_WHILE: return "WHILE";
	case RTOK_REPEAT: return "REPEAT";
	case RTOK_BREAK: return "BREAK";
	case RTOK_NEXT: return "NEXT";
	case RTOK_LEFT_ASSIGN: return "LEFT_ASSIGN";
	case RTOK_RIGHT_ASSIGN: return "RIGHT_ASSIGN";
	case RTOK_EQ_ASSIGN: return "EQ_ASSIGN";
	case RTOK_NS_GET: return "NS_GET";
	case RTOK_NS_GET_INT: return "NS_GET_INT";
	case RTOK_PIPE: return "PIPE";
	case RTOK_PIPEBIND: return "PIPEBIND";
	case RTOK_PLACEHOLDER: return "PLACEHOLDER";
	case RTOK_SPECIAL: return "SPECIAL";
	case RTOK_SYMBOL_FUNCTION_CALL: return "SYMBOL_FUNCTION_CALL";
	case RTOK_SYMBOL_PACKAGE: return "SYMBOL_PACKAGE";
	case RTOK_SYMBOL_SUB: return "SYMBOL_SUB";
	case RTOK_EQ_SUB: return "EQ_SUB";
	case RTOK_SYMBOL_FORMALS: return "SYMBOL_FORMALS";
	case RTOK_EQ_FORMALS: return "EQ_FORMALS";
	case RTOK_SLOT: return "SLOT";
	case RTOK_OP:
		for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
			if (sv_eq_cstr(t, ops[i].text))
				return ops[i].name;
		}
		return "OP";
	}
	return "UNKNOWN";
}

/* The body of a raw string r"--(body)--": after the opener, before the closer. */
static struct sv
raw_body(struct sv t)
{
	size_t dashes = 0;

	while (2 + dashes < t.len && t.ptr[2 + dashes] == '-')
		dashes++;
	if (t.len < 2 * dashes + 5)
		return SV_NULL;
	return sv_make(t.ptr + 3 + dashes, t.len - 2 * dashes - 5);
}

char *
rlex_string_value(struct arena *arena, const struct rtok *tok, struct sv text)
{
	struct sv t;
	char *out;
	size_t n = 0;
	bool raw = false;

	if (tok->start > tok->end || tok->end > text.len)
		return arena_strdup(arena, "");
	t = sv_make(text.ptr + tok->start, tok->end - tok->start);
	if (t.len >= 2 && (t.ptr[0] == 'r' || t.ptr[0] == 'R') &&
	    (t.ptr[1] == '"' || t.ptr[1] == '\'')) {
		t = raw_body(t);
		raw = true;
	}
	else if (t.len >= 2 && (t.ptr[0] == '"' || t.ptr[0] == '\'' || t.ptr[0] == '`'))
		t = sv_make(t.ptr + 1, t.len - 2);
	else
		return arena_strndup(arena, t);
	out = arena_alloc(arena, t.len + 1);
	if (!out)
		return NULL;
	for (size_t i = 0; i < t.len;) {
		uint32_t v = 0;
		int kind;
		const char *why;

		if (t.ptr[i] != '\\' || raw) {
			out[n++] = t.ptr[i++];
			continue;
		}
		i += escape_scan(t.ptr + i, t.len - i, &v, &kind, &why);
		if (kind == 'b' || kind == 'c')
			out[n++] = (char)v;
		else if (kind == 'u')
			n += utf8_encode(out + n, v);
	}
	out[n] = 0;
	out[strnlen(out, n)] = 0;
	return out;
}
