/*
 * TOML 1.0.0 reader (https://toml.io/en/v1.0.0 and toml-lang's toml.abnf):
 * recursive descent over the whole document into a tree in the caller's
 * arena, one function per production. The first error stops the parse.
 *
 *   document      = expression *( newline expression )        newline = LF | CRLF
 *   expression    = ws [ keyval | table_header ] ws [ comment ]
 *   comment       = "#" *( any character but a control other than tab )
 *   keyval        = key ws "=" ws value
 *   key           = simple_key *( ws "." ws simple_key )
 *   simple_key    = bare_key | basic_string | literal_string
 *   bare_key      = 1*( ALPHA | DIGIT | "-" | "_" )
 *   table_header  = "[" ws key ws "]" | "[[" ws key ws "]]"
 *   value         = string | boolean | array | inline_table | date_time | float | integer
 *   string        = ml_basic_string | basic_string | ml_literal_string | literal_string
 *   basic_string  = '"' *( basic_char | escape ) '"'
 *   escape        = "\" ( "b" | "t" | "n" | "f" | "r" | '"' | "\" | "u" 4HEX | "U" 8HEX )
 *   ml_basic      = '"""' [ newline ] *( basic_char | newline | escape | "\" ws newline ) '"""'
 *   literal       = "'" *literal_char "'"
 *   ml_literal    = "'''" [ newline ] *( literal_char | newline ) "'''"
 *   array         = "[" ws_c_nl [ value ws_c_nl *( "," ws_c_nl value ws_c_nl )
 *                   [ "," ws_c_nl ] ] "]"
 *   ws_c_nl       = *( ws | comment | newline )
 *   inline_table  = "{" ws [ keyval ws *( "," ws keyval ws ) ] "}"        (one line)
 *   boolean       = "true" | "false"
 *   integer       = dec_int | "0x" HEX *( ["_"] HEX ) | "0o" ... | "0b" ...
 *   dec_int       = [ "+" | "-" ] ( "0" | digit1_9 *( ["_"] DIGIT ) )
 *   float         = dec_int ( exp | frac [ exp ] ) | [ "+" | "-" ] ( "inf" | "nan" )
 *   frac          = "." DIGIT *( ["_"] DIGIT )
 *   exp           = ( "e" | "E" ) [ "+" | "-" ] DIGIT *( ["_"] DIGIT )
 *   date_time     = full_date [ ( "T" | "t" | " " ) partial_time [ offset ] ] | partial_time
 *   full_date     = 4DIGIT "-" 2DIGIT "-" 2DIGIT
 *   partial_time  = 2DIGIT ":" 2DIGIT ":" 2DIGIT [ "." 1*DIGIT ]
 *   offset        = "Z" | "z" | ( "+" | "-" ) 2DIGIT ":" 2DIGIT
 *
 * Control characters other than tab are refused everywhere but as escapes;
 * CRLF inside multi-line strings becomes LF (as tomllib does).
 *
 * Redefinition rules (spec "Table", "Inline Table", "Array of Tables"; where
 * the spec is silent we do what tomllib does, our differential reference):
 * - a [header] defines a table once; tables it creates on its way are implicit
 *   and may be defined by a later header;
 * - tables a dotted key creates or goes through count as defined once the next
 *   header starts (dotted_section), so neither a header nor a dotted key of a
 *   later section may reopen them, while [sub.tables] below them stay allowed;
 * - a dotted key may not go through a table a header defined, nor through an
 *   array of tables;
 * - inline tables and arrays written as values are complete: nothing is added
 *   to them, and no header goes through them;
 * - a header goes through an array of tables into its last element.
 */
#include "lex/toml.h"

#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deputy/array.h"
#include "deputy/ascii.h"
#include "deputy/strbuf.h"
#include "deputy/utf8.h"

/* One simple key of the dotted key being read. */
struct key_part {
	struct sv name;         /* decoded, in the arena */
	struct span at;
};

struct toml_parser {
	struct sv text;
	size_t pos;
	struct arena *arena;
	struct toml_error *err;
	bool failed;
	struct toml_value *root;
	struct toml_value *section;     /* the table key/value lines go to */
	unsigned section_no;            /* 1 + headers seen */
	struct key_part *parts;         /* heap: a stack of the keys being read */
	size_t n_parts;
	size_t cap_parts;
	struct strbuf buf;              /* scratch for decoding strings and numbers */
	locale_t c_locale;              /* for strtod; (locale_t)0 until the first float */
};

static int parse_value(struct toml_parser *p, unsigned depth, struct toml_value **out);
static int parse_keyval(struct toml_parser *p, struct toml_value *table, bool in_inline);

static int
fail(struct toml_parser *p, int code, size_t offset, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int
fail(struct toml_parser *p, int code, size_t offset, const char *fmt, ...)
{
	va_list ap;

	if (p->failed)
		return code;
	p->failed = true;
	p->err->code = code;
	p->err->offset = offset;
	va_start(ap, fmt);
	vsnprintf(p->err->message, sizeof(p->err->message), fmt, ap);
	va_end(ap);
	return code;
}

static int
fail_nomem(struct toml_parser *p)
{
	return fail(p, ERR_NOMEM, p->pos, "out of memory");
}

/* ---- characters ---- */

static int
peek_at(const struct toml_parser *p, size_t ahead)
{
	size_t i = p->pos + ahead;

	return i < p->text.len ? (unsigned char)p->text.ptr[i] : -1;
}

static int
peek(const struct toml_parser *p)
{
	return peek_at(p, 0);
}

static bool
looking_at(const struct toml_parser *p, const char *s)
{
	size_t n = strlen(s);

	return p->text.len - p->pos >= n && memcmp(p->text.ptr + p->pos, s, n) == 0;
}

static bool
is_bare_key_char(int c)
{
	return ascii_alpha(c) || ascii_digit(c) || c == '-' || c == '_';
}

/* Every C0 control but tab, and DEL (spec: "Control characters"). */
static bool
is_control(int c)
{
	return (c >= 0 && c < 0x20 && c != '\t') || c == 0x7f;
}

static void
skip_ws(struct toml_parser *p)
{
	while (peek(p) == ' ' || peek(p) == '\t')
		p->pos++;
}

static bool
at_newline(const struct toml_parser *p)
{
	return peek(p) == '\n' || (peek(p) == '\r' && peek_at(p, 1) == '\n');
}

static bool
accept_newline(struct toml_parser *p)
{
	if (peek(p) == '\n') {
		p->pos++;
		return true;
	}
	if (peek(p) == '\r' && peek_at(p, 1) == '\n') {
		p->pos += 2;
		return true;
	}
	return false;
}

/* What is at @at, for a message: "'x'", "the end of the line", "U+00E9". */
static const char *
describe(const struct toml_parser *p, size_t at, char *buf, size_t size)
{
	uint32_t cp;

	if (at >= p->text.len)
		return "the end of the file";
	unsigned char c = (unsigned char)p->text.ptr[at];
	if (c == '\n' || (c == '\r' && at + 1 < p->text.len && p->text.ptr[at + 1] == '\n'))
		return "the end of the line";
	if (c >= 0x20 && c < 0x7f)
		snprintf(buf, size, "'%c'", c);
	else if (c < 0x80)
		snprintf(buf, size, "control character U+%04X", c);
	else if (utf8_decode(p->text.ptr + at, p->text.len - at, &cp))
		snprintf(buf, size, "U+%04X", (unsigned)cp);
	else
		snprintf(buf, size, "byte 0x%02X", c);
	return buf;
}

/* The key parts [@from, @to) as written, for a message (at most 60 bytes). */
static int
key_width(const struct toml_parser *p, size_t from, size_t to, const char **start)
{
	size_t a = p->parts[from].at.start, b = p->parts[to - 1].at.end;

	*start = p->text.ptr + a;
	if (b - a <= 60)
		return (int)(b - a);
	b = a + 60;
	while (b > a && ((unsigned char)p->text.ptr[b] & 0xc0) == 0x80)
		b--;            /* never cut a UTF-8 sequence */
	return (int)(b - a);
}

/* ---- the tree ---- */

static struct toml_value *
new_value(struct toml_parser *p, enum toml_kind kind, unsigned depth, struct span at)
{
	struct toml_value *v = arena_alloc(p->arena, sizeof(*v));

	if (!v) {
		fail_nomem(p);
		return NULL;
	}
	v->kind = kind;
	v->depth = depth;
	v->at = at;
	return v;
}

/* FNV-1a: tables past a few keys get a hash index (poetry.lock has long ones). */
static uint32_t
hash_key(struct sv key)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < key.len; i++)
		h = (h ^ (unsigned char)key.ptr[i]) * 16777619u;
	return h;
}

#define INDEX_FROM 16

static struct toml_entry *
table_find_entry(const struct toml_value *t, struct sv key)
{
	if (t->as.table.index) {
		size_t mask = t->as.table.index_cap - 1;
		for (size_t h = hash_key(key) & mask; t->as.table.index[h]; h = (h + 1) & mask) {
			struct toml_entry *e = &t->as.table.entries[t->as.table.index[h] - 1];
			if (sv_eq(e->key, key))
				return e;
		}
		return NULL;
	}
	for (size_t i = 0; i < t->as.table.len; i++)
		if (sv_eq(t->as.table.entries[i].key, key))
			return &t->as.table.entries[i];
	return NULL;
}

static void
index_put(struct toml_value *t, size_t entry)
{
	size_t mask = t->as.table.index_cap - 1;
	size_t h = hash_key(t->as.table.entries[entry].key) & mask;

	while (t->as.table.index[h])
		h = (h + 1) & mask;
	t->as.table.index[h] = (uint32_t)(entry + 1);
}

static int
table_add(struct toml_parser *p, struct toml_value *t, struct sv key, struct span key_at,
	  struct toml_value *value)
{
	if (t->as.table.len == t->as.table.cap) {
		size_t cap = t->as.table.cap ? t->as.table.cap * 2 : 4;
		struct toml_entry *e = arena_alloc(p->arena, cap * sizeof(*e));
		if (!e)
			return fail_nomem(p);
		if (t->as.table.len)
			memcpy(e, t->as.table.entries, t->as.table.len * sizeof(*e));
		t->as.table.entries = e;
		t->as.table.cap = cap;
	}
	size_t n = t->as.table.len++;
	t->as.table.entries[n] = (struct toml_entry){ key, key_at, value };
	if (t->as.table.len < INDEX_FROM)
		return 0;
	if (t->as.table.len * 2 > t->as.table.index_cap) {
		size_t cap = 64;
		while (cap < t->as.table.len * 4)
			cap *= 2;
		uint32_t *index = arena_alloc(p->arena, cap * sizeof(*index));
		if (!index)
			return fail_nomem(p);
		t->as.table.index = index;
		t->as.table.index_cap = cap;
		for (size_t i = 0; i < t->as.table.len; i++)
			index_put(t, i);
	} else {
		index_put(t, n);
	}
	return 0;
}

static int
array_add(struct toml_parser *p, struct toml_value *a, struct toml_value *item)
{
	if (a->as.array.len == a->as.array.cap) {
		size_t cap = a->as.array.cap ? a->as.array.cap * 2 : 4;
		struct toml_value **items = arena_alloc(p->arena, cap * sizeof(*items));
		if (!items)
			return fail_nomem(p);
		if (a->as.array.len)
			memcpy(items, a->as.array.items, a->as.array.len * sizeof(*items));
		a->as.array.items = items;
		a->as.array.cap = cap;
	}
	a->as.array.items[a->as.array.len++] = item;
	return 0;
}

static int
check_depth(struct toml_parser *p, unsigned depth, size_t at)
{
	if (depth > TOML_MAX_DEPTH)
		return fail(p, ERR_LIMIT, at, "nesting deeper than %d levels", TOML_MAX_DEPTH);
	return 0;
}

/* "an integer", "a table": for messages. */
static const char *
a_kind(enum toml_kind kind)
{
	switch (kind) {
	case TOML_ARRAY: return "an array";
	case TOML_INTEGER: return "an integer";
	case TOML_TABLE: return "a table";
	case TOML_STRING: return "a string";
	case TOML_FLOAT: return "a float";
	case TOML_BOOL: return "a boolean";
	case TOML_DATETIME: return "a date-time";
	case TOML_DATETIME_LOCAL: return "a local date-time";
	case TOML_DATE_LOCAL: return "a local date";
	case TOML_TIME_LOCAL: return "a local time";
	}
	return "a value";
}

/* A table a header or an earlier section's dotted key defined (see the top). */
static bool
table_is_defined(const struct toml_parser *p, const struct toml_value *t)
{
	return t->is_defined || (t->dotted_section && t->dotted_section != p->section_no);
}

/* ---- strings ---- */

static int
add_utf8(struct toml_parser *p, uint32_t cp)
{
	char b[4];

	return strbuf_add(&p->buf, b, utf8_encode(b, cp)) ? fail_nomem(p) : 0;
}

static int
add_byte(struct toml_parser *p, char c)
{
	return strbuf_addch(&p->buf, c) ? fail_nomem(p) : 0;
}

/* The scratch buffer, copied into the arena. */
static int
finish_string(struct toml_parser *p, struct sv *out)
{
	struct sv s = p->buf.ptr ? strbuf_sv(&p->buf) : SV_NULL;
	char *copy = arena_strndup(p->arena, s.ptr ? s : SV_LIT(""));

	if (!copy)
		return fail_nomem(p);
	*out = sv_make(copy, s.len);
	return 0;
}

/* escape = "\" ( "b" | "t" | "n" | "f" | "r" | '"' | "\" | "u" 4HEX | "U" 8HEX ) */
static int
parse_escape(struct toml_parser *p)
{
	size_t at = p->pos++;
	int c = peek(p);
	char what[32];
	int digits;

	switch (c) {
	case 'b': p->pos++; return add_byte(p, '\b');
	case 't': p->pos++; return add_byte(p, '\t');
	case 'n': p->pos++; return add_byte(p, '\n');
	case 'f': p->pos++; return add_byte(p, '\f');
	case 'r': p->pos++; return add_byte(p, '\r');
	case '"': p->pos++; return add_byte(p, '"');
	case '\\': p->pos++; return add_byte(p, '\\');
	case 'u': digits = 4; break;
	case 'U': digits = 8; break;
	default:
		if (c > 0x20 && c < 0x7f)
			return fail(p, ERR_SYNTAX, at, "invalid escape sequence '\\%c'", c);
		return fail(p, ERR_SYNTAX, at, "invalid escape sequence: '\\' followed by %s",
			    describe(p, p->pos, what, sizeof(what)));
	}
	p->pos++;
	uint32_t cp = 0;
	for (int i = 0; i < digits; i++) {
		int h = ascii_hex_value(peek(p));
		if (h < 0)
			return fail(p, ERR_SYNTAX, at, "expected %d hexadecimal digits after '\\%c'",
				    digits, c);
		cp = cp * 16 + (uint32_t)h;
		p->pos++;
	}
	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return fail(p, ERR_SYNTAX, at, "'\\%c' escape %.*s is not a Unicode scalar value",
			    c, digits, p->text.ptr + at + 2);
	return add_utf8(p, cp);
}

/* basic_string = '"' *( basic_char | escape ) '"' */
static int
parse_basic_string(struct toml_parser *p, struct sv *out)
{
	size_t start = p->pos++;
	char what[32];

	strbuf_reset(&p->buf);
	for (;;) {
		int c = peek(p), rc;
		if (c < 0 || at_newline(p))
			return fail(p, ERR_SYNTAX, start,
				    "unterminated string: expected '\"' before the end of the line");
		if (c == '"') {
			p->pos++;
			return finish_string(p, out);
		}
		if (c == '\\') {
			if ((rc = parse_escape(p)))
				return rc;
			continue;
		}
		if (is_control(c))
			return fail(p, ERR_SYNTAX, p->pos, "%s must be escaped in a string",
				    describe(p, p->pos, what, sizeof(what)));
		if ((rc = add_byte(p, (char)c)))
			return rc;
		p->pos++;
	}
}

/* "\" ws newline: skip every space, tab and newline up to the next character. */
static bool
skip_line_ending_backslash(struct toml_parser *p)
{
	size_t q = p->pos + 1;

	while (q < p->text.len && (p->text.ptr[q] == ' ' || p->text.ptr[q] == '\t'))
		q++;
	if (q >= p->text.len || (p->text.ptr[q] != '\n' &&
				 !(p->text.ptr[q] == '\r' && q + 1 < p->text.len &&
				   p->text.ptr[q + 1] == '\n')))
		return false;
	p->pos = q;
	for (;;) {
		if (peek(p) == ' ' || peek(p) == '\t')
			p->pos++;
		else if (!accept_newline(p))
			return true;
	}
}

/*
 * ml_basic   = '"""' [ newline ] *( basic_char | newline | escape | "\" ws newline ) '"""'
 * ml_literal = "'''" [ newline ] *( literal_char | newline ) "'''"
 *
 * The two differ only in escapes. A run of up to five quotes closes either:
 * the last three are the delimiter, the others belong to the content.
 */
static int
parse_ml_string(struct toml_parser *p, char quote, struct sv *out)
{
	bool basic = quote == '"';
	size_t start = p->pos;
	char what[32];
	int rc;

	p->pos += 3;
	accept_newline(p);
	strbuf_reset(&p->buf);
	for (;;) {
		int c = peek(p);
		if (c < 0)
			return fail(p, ERR_SYNTAX, start,
				    basic ? "unterminated multi-line string: expected '\"\"\"'"
					  : "unterminated multi-line string: expected \"'''\"");
		if (c == quote) {
			size_t run = 0;
			while (peek_at(p, run) == quote)
				run++;
			if (run > 5)
				return fail(p, ERR_SYNTAX, p->pos + 5,
					    "too many quotes at the end of a multi-line string");
			if (strbuf_add(&p->buf, basic ? "\"\"" : "''", run >= 3 ? run - 3 : run))
				return fail_nomem(p);
			p->pos += run;
			if (run >= 3)
				return finish_string(p, out);
			continue;
		}
		if (basic && c == '\\') {
			if (skip_line_ending_backslash(p))
				continue;
			if ((rc = parse_escape(p)))
				return rc;
			continue;
		}
		if (accept_newline(p)) {
			if ((rc = add_byte(p, '\n')))
				return rc;
			continue;
		}
		if (is_control(c))
			return fail(p, ERR_SYNTAX, p->pos,
				    basic ? "%s must be escaped in a string"
					  : "%s is not allowed in a literal string",
				    describe(p, p->pos, what, sizeof(what)));
		if ((rc = add_byte(p, (char)c)))
			return rc;
		p->pos++;
	}
}

/* literal = "'" *literal_char "'" */
static int
parse_literal_string(struct toml_parser *p, struct sv *out)
{
	size_t start = ++p->pos;
	char what[32];

	for (;;) {
		int c = peek(p);
		if (c < 0 || at_newline(p))
			return fail(p, ERR_SYNTAX, start - 1,
				    "unterminated string: expected \"'\" before the end of the line");
		if (c == '\'')
			break;
		if (is_control(c))
			return fail(p, ERR_SYNTAX, p->pos, "%s is not allowed in a literal string",
				    describe(p, p->pos, what, sizeof(what)));
		p->pos++;
	}
	char *copy = arena_strndup(p->arena, sv_make(p->text.ptr + start, p->pos - start));
	if (!copy)
		return fail_nomem(p);
	*out = sv_make(copy, p->pos - start);
	p->pos++;
	return 0;
}

/* ---- numbers ---- */

/*
 * DIGIT *( ["_"] DIGIT ) in @base, from @t[*i]. Stores the digits (without
 * underscores) in the scratch buffer. 0 when none were found at all.
 */
static int
scan_digits(struct toml_parser *p, struct sv t, size_t at, size_t *i, int base, size_t *count)
{
	*count = 0;
	for (;;) {
		int c = *i < t.len ? (unsigned char)t.ptr[*i] : -1;
		int v = ascii_hex_value(c);
		if (c == '_') {
			int next = *i + 1 < t.len ? ascii_hex_value((unsigned char)t.ptr[*i + 1]) : -1;
			if (*count == 0 || next < 0 || next >= base)
				return fail(p, ERR_SYNTAX, at + *i,
					    "an underscore in a number must be between two digits");
			(*i)++;
			continue;
		}
		if (v < 0 || v >= base)
			return 0;
		if (add_byte(p, (char)c))
			return fail_nomem(p);
		(*count)++;
		(*i)++;
	}
}

static int
parse_prefixed_integer(struct toml_parser *p, struct sv t, size_t at, struct toml_value *v)
{
	char letter = t.ptr[1];
	int base = letter == 'x' ? 16 : letter == 'o' ? 8 : 2;
	const char *name = base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary";
	size_t i = 2, count;
	int rc;

	strbuf_reset(&p->buf);
	if ((rc = scan_digits(p, t, at, &i, base, &count)))
		return rc;
	if (count == 0 || i != t.len)
		return fail(p, ERR_SYNTAX, at + i, "expected %s digits after '0%c'", name, letter);
	uint64_t n = 0;
	for (size_t k = 0; k < p->buf.len; k++) {
		uint64_t d = (uint64_t)ascii_hex_value((unsigned char)p->buf.ptr[k]);
		if (n > ((uint64_t)INT64_MAX - d) / (uint64_t)base)
			return fail(p, ERR_SYNTAX, at, "integer does not fit in 64 bits");
		n = n * (uint64_t)base + d;
	}
	v->kind = TOML_INTEGER;
	v->as.integer = (int64_t)n;
	return 0;
}

static double
c_strtod(struct toml_parser *p, const char *s)
{
	if (!p->c_locale)
		p->c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	if (!p->c_locale)
		return strtod(s, NULL);
	/* the TUI sets the user's locale; "1.5" must not depend on it */
	locale_t old = uselocale(p->c_locale);
	double d = strtod(s, NULL);
	uselocale(old);
	return d;
}

static int
decimal_integer(struct toml_parser *p, bool negative, size_t at, struct toml_value *v)
{
	/* the scratch buffer holds the sign and the digits */
	uint64_t limit = negative ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX, n = 0;

	for (size_t k = 0; k < p->buf.len; k++) {
		char c = p->buf.ptr[k];
		if (!ascii_digit(c))
			continue;
		uint64_t d = (uint64_t)(c - '0');
		if (n > (limit - d) / 10)
			return fail(p, ERR_SYNTAX, at, "integer does not fit in 64 bits");
		n = n * 10 + d;
	}
	v->kind = TOML_INTEGER;
	v->as.integer = negative ? (int64_t)(0 - n) : (int64_t)n;
	return 0;
}

/* integer | float, from the token @t (a run of [0-9A-Za-z_.+-]) at @at. */
static int
parse_number(struct toml_parser *p, struct sv t, size_t at, struct toml_value *v)
{
	size_t i = 0, count;
	bool negative = false, is_float = false;
	char what[32];
	int rc;

	if (t.len && (t.ptr[0] == '+' || t.ptr[0] == '-')) {
		negative = t.ptr[0] == '-';
		i = 1;
	}
	struct sv rest = sv_tail(t, i);
	if (sv_eq_cstr(rest, "inf") || sv_eq_cstr(rest, "nan")) {
		v->kind = TOML_FLOAT;
		v->as.floating = rest.ptr[0] == 'i' ? INFINITY : NAN;
		if (negative)
			v->as.floating = -v->as.floating;
		return 0;
	}
	if (rest.len >= 2 && rest.ptr[0] == '0' &&
	    (rest.ptr[1] == 'x' || rest.ptr[1] == 'o' || rest.ptr[1] == 'b')) {
		if (i)
			return fail(p, ERR_SYNTAX, at, "a sign is not allowed before '0%c'", rest.ptr[1]);
		return parse_prefixed_integer(p, t, at, v);
	}
	strbuf_reset(&p->buf);
	if (negative && add_byte(p, '-'))
		return fail_nomem(p);
	size_t int_start = i;
	if ((rc = scan_digits(p, t, at, &i, 10, &count)))
		return rc;
	if (count == 0)
		return fail(p, ERR_SYNTAX, at, "expected a value, found %s",
			    describe(p, at + i, what, sizeof(what)));
	if (t.ptr[int_start] == '0' && i - int_start > 1)
		return fail(p, ERR_SYNTAX, at + int_start, "leading zeros are not allowed in a number");
	if (i < t.len && t.ptr[i] == '.') {
		is_float = true;
		i++;
		if (add_byte(p, '.'))
			return fail_nomem(p);
		if ((rc = scan_digits(p, t, at, &i, 10, &count)))
			return rc;
		if (count == 0)
			return fail(p, ERR_SYNTAX, at + i, "expected digits after the decimal point");
	}
	if (i < t.len && (t.ptr[i] == 'e' || t.ptr[i] == 'E')) {
		is_float = true;
		i++;
		if (add_byte(p, 'e'))
			return fail_nomem(p);
		if (i < t.len && (t.ptr[i] == '+' || t.ptr[i] == '-')) {
			if (add_byte(p, t.ptr[i]))
				return fail_nomem(p);
			i++;
		}
		if ((rc = scan_digits(p, t, at, &i, 10, &count)))
			return rc;
		if (count == 0)
			return fail(p, ERR_SYNTAX, at + i, "expected digits in the exponent");
	}
	if (i != t.len)
		return fail(p, ERR_SYNTAX, at + i, "unexpected %s in a number",
			    describe(p, at + i, what, sizeof(what)));
	if (!is_float)
		return decimal_integer(p, negative, at, v);
	v->kind = TOML_FLOAT;
	v->as.floating = c_strtod(p, strbuf_cstr(&p->buf));
	return 0;
}

/* ---- dates and times ---- */

/* Exactly @n digits at the cursor, as a number; -1 when they are not there. */
static int
fixed_digits(struct toml_parser *p, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (!ascii_digit(peek_at(p, (size_t)i)))
			return -1;
		v = v * 10 + (peek_at(p, (size_t)i) - '0');
	}
	p->pos += (size_t)n;
	return v;
}

static bool
accept(struct toml_parser *p, int c)
{
	if (peek(p) != c)
		return false;
	p->pos++;
	return true;
}

static int
days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (month == 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))
		return 29;
	return days[month - 1];
}

/* full_date = 4DIGIT "-" 2DIGIT "-" 2DIGIT */
static int
parse_full_date(struct toml_parser *p, struct toml_datetime *dt)
{
	size_t at = p->pos;

	dt->year = fixed_digits(p, 4);
	if (dt->year < 0 || !accept(p, '-') || (dt->month = fixed_digits(p, 2)) < 0 ||
	    !accept(p, '-') || (dt->day = fixed_digits(p, 2)) < 0)
		return fail(p, ERR_SYNTAX, at, "expected a date as YYYY-MM-DD");
	if (dt->month < 1 || dt->month > 12)
		return fail(p, ERR_SYNTAX, at + 5, "month %02d is out of range (01 to 12)",
			    dt->month);
	if (dt->day < 1 || dt->day > days_in_month(dt->year, dt->month))
		return fail(p, ERR_SYNTAX, at + 8, "day %02d is out of range for %04d-%02d",
			    dt->day, dt->year, dt->month);
	return 0;
}

/* partial_time = 2DIGIT ":" 2DIGIT ":" 2DIGIT [ "." 1*DIGIT ] */
static int
parse_partial_time(struct toml_parser *p, struct toml_datetime *dt)
{
	size_t at = p->pos;

	dt->hour = fixed_digits(p, 2);
	if (dt->hour < 0 || !accept(p, ':') || (dt->minute = fixed_digits(p, 2)) < 0)
		return fail(p, ERR_SYNTAX, at, "expected a time as HH:MM:SS");
	if (!accept(p, ':') || (dt->second = fixed_digits(p, 2)) < 0)
		return fail(p, ERR_SYNTAX, p->pos, "expected seconds in the time (HH:MM:SS)");
	if (dt->hour > 23)
		return fail(p, ERR_SYNTAX, at, "hour %02d is out of range (00 to 23)", dt->hour);
	if (dt->minute > 59)
		return fail(p, ERR_SYNTAX, at + 3, "minute %02d is out of range (00 to 59)",
			    dt->minute);
	if (dt->second > 59)
		return fail(p, ERR_SYNTAX, at + 6, "second %02d is out of range (00 to 59)",
			    dt->second);
	if (!accept(p, '.'))
		return 0;
	if (!ascii_digit(peek(p)))
		return fail(p, ERR_SYNTAX, p->pos, "expected digits after '.' in a time");
	while (ascii_digit(peek(p))) {
		if (dt->frac_digits < 9) {
			dt->nanosecond = dt->nanosecond * 10 + (uint32_t)(peek(p) - '0');
			dt->frac_digits++;
		}
		p->pos++;
	}
	for (unsigned k = dt->frac_digits; k < 9; k++)
		dt->nanosecond *= 10;
	return 0;
}

/* offset = "Z" | "z" | ( "+" | "-" ) 2DIGIT ":" 2DIGIT */
static int
parse_offset(struct toml_parser *p, struct toml_datetime *dt)
{
	size_t at = p->pos;
	int sign = peek(p) == '-' ? -1 : 1;

	if (accept(p, 'Z') || accept(p, 'z')) {
		dt->offset_z = true;
		return 0;
	}
	p->pos++;
	int h = fixed_digits(p, 2), m = -1;
	if (h < 0 || !accept(p, ':') || (m = fixed_digits(p, 2)) < 0)
		return fail(p, ERR_SYNTAX, at, "expected a time offset as +HH:MM or -HH:MM");
	if (h > 23 || m > 59)
		return fail(p, ERR_SYNTAX, at, "time offset %c%02d:%02d is out of range",
			    sign < 0 ? '-' : '+', h, m);
	dt->offset_minutes = sign * (h * 60 + m);
	return 0;
}

/* date_time = full_date [ ( "T" | "t" | " " ) partial_time [ offset ] ] | partial_time */
static int
parse_date_time(struct toml_parser *p, struct toml_value *v)
{
	struct toml_datetime *dt = &v->as.datetime;
	int rc;

	if (ascii_digit(peek(p)) && ascii_digit(peek_at(p, 1)) && peek_at(p, 2) == ':') {
		v->kind = TOML_TIME_LOCAL;
		return parse_partial_time(p, dt);
	}
	v->kind = TOML_DATE_LOCAL;
	if ((rc = parse_full_date(p, dt)))
		return rc;
	int c = peek(p);
	if (!(c == 'T' || c == 't' || (c == ' ' && ascii_digit(peek_at(p, 1)) &&
				       ascii_digit(peek_at(p, 2)) && peek_at(p, 3) == ':')))
		return 0;
	p->pos++;
	v->kind = TOML_DATETIME_LOCAL;
	if ((rc = parse_partial_time(p, dt)))
		return rc;
	c = peek(p);
	if (c != 'Z' && c != 'z' && c != '+' && c != '-')
		return 0;
	v->kind = TOML_DATETIME;
	return parse_offset(p, dt);
}

/* ---- values ---- */

static bool
is_token_char(int c)
{
	return ascii_alpha(c) || ascii_digit(c) || c == '_' || c == '.' || c == '+' || c == '-' ||
	       c == ':';
}

/* date_time | float | integer */
static int
parse_number_or_date(struct toml_parser *p, struct toml_value *v)
{
	size_t at = p->pos, end = p->pos;
	char what[32];
	int rc;

	size_t digits = 0;
	while (ascii_digit(peek_at(p, digits)))
		digits++;
	if ((digits == 4 && peek_at(p, 4) == '-') || (digits == 2 && peek_at(p, 2) == ':')) {
		if ((rc = parse_date_time(p, v)))
			return rc;
		if (is_token_char(peek(p)))
			return fail(p, ERR_SYNTAX, p->pos, "unexpected %s after a date or time",
				    describe(p, p->pos, what, sizeof(what)));
		return 0;
	}
	while (end < p->text.len && is_token_char((unsigned char)p->text.ptr[end]) &&
	       p->text.ptr[end] != ':')
		end++;
	if ((rc = parse_number(p, sv_make(p->text.ptr + at, end - at), at, v)))
		return rc;
	p->pos = end;
	return 0;
}

/* comment = "#" *( any character but a control other than tab ) */
static int
parse_comment(struct toml_parser *p)
{
	char what[32];

	if (!accept(p, '#'))
		return 0;
	while (peek(p) >= 0 && !at_newline(p)) {
		if (is_control(peek(p)))
			return fail(p, ERR_SYNTAX, p->pos, "%s is not allowed in a comment",
				    describe(p, p->pos, what, sizeof(what)));
		p->pos++;
	}
	return 0;
}

/* ws_c_nl = *( ws | comment | newline ) */
static int
skip_ws_comments_newlines(struct toml_parser *p)
{
	int rc;

	for (;;) {
		skip_ws(p);
		if (peek(p) == '#') {
			if ((rc = parse_comment(p)))
				return rc;
		} else if (!accept_newline(p)) {
			return 0;
		}
	}
}

/* array = "[" ws_c_nl [ value ws_c_nl *( "," ws_c_nl value ws_c_nl ) [ "," ws_c_nl ] ] "]" */
static int
parse_array(struct toml_parser *p, unsigned depth, struct toml_value *a)
{
	char what[32];
	int rc;

	a->kind = TOML_ARRAY;
	if ((rc = check_depth(p, depth, p->pos)))
		return rc;
	p->pos++;
	for (;;) {
		if ((rc = skip_ws_comments_newlines(p)))
			return rc;
		if (accept(p, ']'))
			break;
		struct toml_value *item;
		if ((rc = parse_value(p, depth + 1, &item)) || (rc = array_add(p, a, item)))
			return rc;
		if ((rc = skip_ws_comments_newlines(p)))
			return rc;
		if (accept(p, ','))
			continue;
		if (accept(p, ']'))
			break;
		return fail(p, ERR_SYNTAX, p->pos, "expected ',' or ']' after an array element, found %s",
			    describe(p, p->pos, what, sizeof(what)));
	}
	a->is_inline = true;
	return 0;
}

/* inline_table = "{" ws [ keyval ws *( "," ws keyval ws ) ] "}" */
static int
parse_inline_table(struct toml_parser *p, unsigned depth, struct toml_value *t)
{
	char what[32];
	int rc;

	t->kind = TOML_TABLE;
	if ((rc = check_depth(p, depth, p->pos)))
		return rc;
	p->pos++;
	skip_ws(p);
	if (accept(p, '}'))
		goto done;
	for (;;) {
		skip_ws(p);
		if (at_newline(p))
			return fail(p, ERR_SYNTAX, p->pos,
				    "newlines are not allowed in an inline table");
		if (peek(p) == '}')
			return fail(p, ERR_SYNTAX, p->pos,
				    "a trailing comma is not allowed in an inline table");
		if ((rc = parse_keyval(p, t, true)))
			return rc;
		skip_ws(p);
		if (accept(p, ','))
			continue;
		if (accept(p, '}'))
			break;
		if (at_newline(p) || peek(p) < 0 || peek(p) == '#')
			return fail(p, ERR_SYNTAX, p->pos,
				    "expected '}' before the end of the line: an inline table is one line");
		return fail(p, ERR_SYNTAX, p->pos,
			    "expected ',' or '}' after a value in an inline table, found %s",
			    describe(p, p->pos, what, sizeof(what)));
	}
done:
	t->is_inline = true;
	return 0;
}

/* value = string | boolean | array | inline_table | date_time | float | integer */
static int
parse_value(struct toml_parser *p, unsigned depth, struct toml_value **out)
{
	size_t at = p->pos;
	char what[32];
	int c = peek(p), rc;
	struct toml_value *v = new_value(p, TOML_STRING, depth, (struct span){ at, at });

	if (!v)
		return ERR_NOMEM;
	if (c == '"')
		rc = looking_at(p, "\"\"\"") ? parse_ml_string(p, '"', &v->as.string)
					     : parse_basic_string(p, &v->as.string);
	else if (c == '\'')
		rc = looking_at(p, "'''") ? parse_ml_string(p, '\'', &v->as.string)
					  : parse_literal_string(p, &v->as.string);
	else if (c == '[')
		rc = parse_array(p, depth, v);
	else if (c == '{')
		rc = parse_inline_table(p, depth, v);
	else if ((looking_at(p, "true") || looking_at(p, "false")) &&
		 !is_bare_key_char(peek_at(p, c == 't' ? 4 : 5))) {
		v->kind = TOML_BOOL;
		v->as.boolean = c == 't';
		p->pos += c == 't' ? 4 : 5;
		rc = 0;
	} else if (ascii_digit(c) || c == '+' || c == '-' || looking_at(p, "inf") ||
		   looking_at(p, "nan"))
		rc = parse_number_or_date(p, v);
	else
		rc = fail(p, ERR_SYNTAX, at, "expected a value, found %s",
			  describe(p, at, what, sizeof(what)));
	if (rc)
		return rc;
	v->at.end = p->pos;
	*out = v;
	return 0;
}

/* ---- keys ---- */

static int
push_part(struct toml_parser *p, struct sv name, struct span at)
{
	if (array_reserve(&p->parts, &p->cap_parts, p->n_parts, sizeof(*p->parts)))
		return fail_nomem(p);
	p->parts[p->n_parts++] = (struct key_part){ name, at };
	return 0;
}

/* simple_key = bare_key | basic_string | literal_string */
static int
parse_simple_key(struct toml_parser *p)
{
	size_t at = p->pos;
	struct sv name;
	char what[32];
	int c = peek(p), rc;

	if (c == '"' || c == '\'') {
		if (looking_at(p, c == '"' ? "\"\"\"" : "'''"))
			return fail(p, ERR_SYNTAX, at, "a key cannot be a multi-line string");
		rc = c == '"' ? parse_basic_string(p, &name) : parse_literal_string(p, &name);
		if (rc)
			return rc;
	} else if (is_bare_key_char(c)) {
		while (is_bare_key_char(peek(p)))
			p->pos++;
		char *copy = arena_strndup(p->arena, sv_make(p->text.ptr + at, p->pos - at));
		if (!copy)
			return fail_nomem(p);
		name = sv_make(copy, p->pos - at);
	} else {
		return fail(p, ERR_SYNTAX, at, "expected a key, found %s",
			    describe(p, at, what, sizeof(what)));
	}
	return push_part(p, name, (struct span){ at, p->pos });
}

/* key = simple_key *( ws "." ws simple_key ) */
static int
parse_key(struct toml_parser *p)
{
	size_t base = p->n_parts;
	int rc;

	for (;;) {
		if (p->n_parts - base >= TOML_MAX_DEPTH)
			return fail(p, ERR_LIMIT, p->pos, "a dotted key of more than %d parts",
				    TOML_MAX_DEPTH);
		if ((rc = parse_simple_key(p)))
			return rc;
		size_t after = p->pos;
		skip_ws(p);
		if (!accept(p, '.')) {
			p->pos = after;
			return 0;
		}
		skip_ws(p);
	}
}

/*
 * Puts @value at the dotted key parts[@base..] below @table, creating the
 * tables on the way (see the rules at the top).
 */
static int
insert_keyval(struct toml_parser *p, struct toml_value *table, size_t base,
	      struct toml_value *value, bool in_inline)
{
	struct toml_value *t = table;
	size_t last = p->n_parts - 1;
	const char *name;
	int rc, width;

	for (size_t i = base; i < last; i++) {
		struct key_part *kp = &p->parts[i];
		struct toml_entry *e = table_find_entry(t, kp->name);
		if (!e) {
			struct toml_value *nt = new_value(p, TOML_TABLE, t->depth + 1, kp->at);
			if (!nt || (rc = table_add(p, t, kp->name, kp->at, nt)))
				return ERR_NOMEM;
			if (!in_inline)
				nt->dotted_section = p->section_no;
			t = nt;
			continue;
		}
		struct toml_value *v = e->value;
		width = key_width(p, base, i + 1, &name);
		if (v->kind == TOML_ARRAY && v->is_aot)
			return fail(p, ERR_SYNTAX, kp->at.start,
				    "cannot add to the array of tables '%.*s' with a dotted key",
				    width, name);
		if (v->kind != TOML_TABLE)
			return fail(p, ERR_SYNTAX, kp->at.start,
				    "'%.*s' is already %s, not a table", width, name,
				    a_kind(v->kind));
		if (v->is_inline)
			return fail(p, ERR_SYNTAX, kp->at.start,
				    "cannot add keys to the inline table '%.*s' after it was written",
				    width, name);
		if (!in_inline) {
			if (table_is_defined(p, v))
				return fail(p, ERR_SYNTAX, kp->at.start,
					    "cannot add to the table '%.*s' with a dotted key: it is defined elsewhere",
					    width, name);
			v->dotted_section = p->section_no;
		}
		t = v;
	}
	struct key_part *kp = &p->parts[last];
	if (table_find_entry(t, kp->name)) {
		width = key_width(p, base, last + 1, &name);
		return fail(p, ERR_SYNTAX, kp->at.start, "duplicate key '%.*s'", width, name);
	}
	return table_add(p, t, kp->name, kp->at, value);
}

/* keyval = key ws "=" ws value */
static int
parse_keyval(struct toml_parser *p, struct toml_value *table, bool in_inline)
{
	size_t base = p->n_parts;
	struct toml_value *value;
	int rc;

	if ((rc = parse_key(p)))
		return rc;
	skip_ws(p);
	if (!accept(p, '='))
		return fail(p, ERR_SYNTAX, p->pos, "expected '=' after a key");
	skip_ws(p);
	unsigned depth = table->depth + (unsigned)(p->n_parts - base);
	if ((rc = check_depth(p, depth, p->parts[base].at.start)) ||
	    (rc = parse_value(p, depth, &value)) ||
	    (rc = insert_keyval(p, table, base, value, in_inline)))
		return rc;
	p->n_parts = base;
	return 0;
}

/* The table a header names, parts[@base..] (see the rules at the top). */
static int
open_header(struct toml_parser *p, size_t base, bool aot, struct span header_at)
{
	struct toml_value *t = p->root;
	size_t last = p->n_parts - 1;
	const char *name;
	int rc, width;

	for (size_t i = base; i <= last; i++) {
		struct key_part *kp = &p->parts[i];
		struct toml_entry *e = table_find_entry(t, kp->name);
		width = key_width(p, base, i + 1, &name);
		if (!e && i == last && aot) {
			struct toml_value *a = new_value(p, TOML_ARRAY, t->depth + 1, kp->at);
			if (!a || (rc = check_depth(p, a->depth + 1, header_at.start)) ||
			    (rc = table_add(p, t, kp->name, kp->at, a)))
				return a ? rc : ERR_NOMEM;
			a->is_aot = true;
			e = table_find_entry(t, kp->name);
		} else if (!e) {
			struct toml_value *nt = new_value(p, TOML_TABLE, t->depth + 1, kp->at);
			if (!nt || (rc = check_depth(p, nt->depth, header_at.start)) ||
			    (rc = table_add(p, t, kp->name, kp->at, nt)))
				return nt ? rc : ERR_NOMEM;
			if (i == last) {
				nt->is_defined = true;
				p->section = nt;
				return 0;
			}
			t = nt;
			continue;
		}
		struct toml_value *v = e->value;
		if (v->is_inline)
			return fail(p, ERR_SYNTAX, kp->at.start,
				    "cannot extend '%.*s' with a header: it was written as a value",
				    width, name);
		if (i == last && aot) {
			if (v->kind != TOML_ARRAY)
				return fail(p, ERR_SYNTAX, kp->at.start,
					    "'%.*s' is already %s, not an array of tables",
					    width, name, a_kind(v->kind));
			struct toml_value *elem = new_value(p, TOML_TABLE, v->depth + 1, kp->at);
			if (!elem || (rc = array_add(p, v, elem)))
				return ERR_NOMEM;
			elem->is_defined = true;
			p->section = elem;
			return 0;
		}
		if (v->kind == TOML_ARRAY) {
			if (i == last)
				return fail(p, ERR_SYNTAX, kp->at.start,
					    "'%.*s' is an array of tables, not a table", width, name);
			t = v->as.array.items[v->as.array.len - 1];
			continue;
		}
		if (v->kind != TOML_TABLE)
			return fail(p, ERR_SYNTAX, kp->at.start, "'%.*s' is already %s, not a table",
				    width, name, a_kind(v->kind));
		if (i == last) {
			if (table_is_defined(p, v))
				return fail(p, ERR_SYNTAX, kp->at.start,
					    "table '%.*s' is defined more than once", width, name);
			v->is_defined = true;
			v->at = kp->at;
			p->section = v;
			return 0;
		}
		t = v;
	}
	return 0;
}

/* table_header = "[" ws key ws "]" | "[[" ws key ws "]]" */
static int
parse_table_header(struct toml_parser *p)
{
	size_t at = p->pos, base = p->n_parts;
	bool aot = peek_at(p, 1) == '[';
	char what[32];
	int rc;

	p->pos += aot ? 2 : 1;
	skip_ws(p);
	if ((rc = parse_key(p)))
		return rc;
	skip_ws(p);
	if (aot ? !looking_at(p, "]]") : peek(p) != ']')
		return fail(p, ERR_SYNTAX, p->pos, "expected '%s' after the table name, found %s",
			    aot ? "]]" : "]", describe(p, p->pos, what, sizeof(what)));
	p->pos += aot ? 2 : 1;
	p->section_no++;
	rc = open_header(p, base, aot, (struct span){ at, p->pos });
	p->n_parts = base;
	return rc;
}

/* expression = ws [ keyval | table_header ] ws [ comment ] */
static int
parse_expression(struct toml_parser *p)
{
	const char *after = NULL;
	char what[32];
	int c, rc = 0;

	skip_ws(p);
	c = peek(p);
	if (c == '[') {
		rc = parse_table_header(p);
		after = "the table header";
	} else if (is_bare_key_char(c) || c == '"' || c == '\'') {
		rc = parse_keyval(p, p->section, false);
		after = "the value";
	} else if (c == '=') {
		return fail(p, ERR_SYNTAX, p->pos, "expected a key before '='");
	}
	if (rc)
		return rc;
	skip_ws(p);
	if ((rc = parse_comment(p)))
		return rc;
	if (peek(p) < 0 || at_newline(p))
		return 0;
	if (peek(p) == '\r')
		return fail(p, ERR_SYNTAX, p->pos, "a carriage return must be followed by a line feed");
	if (after)
		return fail(p, ERR_SYNTAX, p->pos, "expected the end of the line after %s, found %s",
			    after, describe(p, p->pos, what, sizeof(what)));
	return fail(p, ERR_SYNTAX, p->pos, "expected a key, a [table] header or a comment, found %s",
		    describe(p, p->pos, what, sizeof(what)));
}

/* document = expression *( newline expression ) */
static int
parse_document(struct toml_parser *p)
{
	int rc;

	for (;;) {
		if ((rc = parse_expression(p)))
			return rc;
		if (!accept_newline(p))
			return 0;       /* parse_expression stops only at a newline or the end */
	}
}

/*
 * Invalid UTF-8 anywhere makes the document invalid (spec: "a
 * valid UTF-8 encoded Unicode document").
 */
static int
check_utf8(struct toml_parser *p)
{
	uint32_t cp;

	for (size_t i = p->pos; i < p->text.len;) {
		if ((unsigned char)p->text.ptr[i] < 0x80) {
			i++;
			continue;
		}
		size_t n = utf8_decode(p->text.ptr + i, p->text.len - i, &cp);
		if (!n)
			return fail(p, ERR_SYNTAX, i, "invalid UTF-8 byte 0x%02X",
				    (unsigned char)p->text.ptr[i]);
		i += n;
	}
	return 0;
}

int
toml_parse(struct toml_value **out, struct arena *arena, struct sv text, struct toml_error *err)
{
	struct toml_error scratch;
	struct toml_parser p = { .text = text, .arena = arena, .section_no = 1 };
	int rc;

	p.err = err ? err : &scratch;
	memset(p.err, 0, sizeof(*p.err));
	*out = NULL;
	if (!text.ptr)
		p.text = SV_LIT("");
	if (p.text.len > TOML_MAX_LEN)
		return fail(&p, ERR_LIMIT, 0, "document larger than %zu bytes", TOML_MAX_LEN);
	if (looking_at(&p, "\xef\xbb\xbf"))
		p.pos = 3;
	if ((rc = check_utf8(&p)))
		return rc;
	p.root = new_value(&p, TOML_TABLE, 0, (struct span){ 0, p.text.len });
	if (!p.root)
		return ERR_NOMEM;
	p.section = p.root;
	rc = parse_document(&p);
	free(p.parts);
	strbuf_release(&p.buf);
	if (p.c_locale)
		freelocale(p.c_locale);
	if (rc && !p.failed)
		fail(&p, rc, p.pos, "%s", err_str(rc));
	if (rc == 0)
		*out = p.root;
	return rc;
}

/* ---- lookups ---- */

const struct toml_entry *
toml_table_find(const struct toml_value *table, struct sv key)
{
	if (!table || table->kind != TOML_TABLE)
		return NULL;
	return table_find_entry(table, key);
}

const struct toml_value *
toml_table_get_sv(const struct toml_value *table, struct sv key)
{
	const struct toml_entry *e = toml_table_find(table, key);

	return e ? e->value : NULL;
}

const struct toml_value *
toml_table_get(const struct toml_value *table, const char *key)
{
	return toml_table_get_sv(table, sv_from_cstr(key));
}

const struct toml_value *
toml_get_path(const struct toml_value *table, const char *path)
{
	struct sv rest = sv_from_cstr(path);

	for (;;) {
		size_t dot = sv_find_char(rest, '.');
		struct sv key = dot == SV_NPOS ? rest : sv_slice(rest, 0, dot);
		table = toml_table_get_sv(table, key);
		if (!table || dot == SV_NPOS)
			return table;
		rest = sv_tail(rest, dot + 1);
	}
}

size_t
toml_table_len(const struct toml_value *table)
{
	return table && table->kind == TOML_TABLE ? table->as.table.len : 0;
}

const struct toml_entry *
toml_table_at(const struct toml_value *table, size_t i)
{
	return i < toml_table_len(table) ? &table->as.table.entries[i] : NULL;
}

size_t
toml_array_len(const struct toml_value *array)
{
	return array && array->kind == TOML_ARRAY ? array->as.array.len : 0;
}

const struct toml_value *
toml_array_at(const struct toml_value *array, size_t i)
{
	return i < toml_array_len(array) ? array->as.array.items[i] : NULL;
}

const char *
toml_string(const struct toml_value *value)
{
	return value && value->kind == TOML_STRING ? value->as.string.ptr : NULL;
}

const char *
toml_kind_name(enum toml_kind kind)
{
	switch (kind) {
	case TOML_TABLE: return "table";
	case TOML_ARRAY: return "array";
	case TOML_STRING: return "string";
	case TOML_INTEGER: return "integer";
	case TOML_FLOAT: return "float";
	case TOML_BOOL: return "boolean";
	case TOML_DATETIME: return "date-time";
	case TOML_DATETIME_LOCAL: return "local date-time";
	case TOML_DATE_LOCAL: return "local date";
	case TOML_TIME_LOCAL: return "local time";
	}
	return "value";
}
