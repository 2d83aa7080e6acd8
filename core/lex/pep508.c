/*
 * PEP 508 dependency specifiers, read exactly as pip's vendored packaging 21.3
 * does (its pyparsing grammar in requirements.py and markers.py), by
 * recursive descent. Also renders str(SpecifierSet) and str(Marker).
 *
 *   requirement = ws name ws [extras] ws (url_part | version_part) ws END
 *   name        = alnum+ ( [-_.]* alnum+ )*          (no spaces inside)
 *   extras      = "[" ws [name ws ("," ws name ws)*] "]"
 *   url_part    = "@" ws uri [ws ";" ws marker]       uri = [^ ]+ (tabs included)
 *   version_part= [ "(" ws versions ws ")" | versions ] ws [";" ws marker]
 *   versions    = version ws ("," ws version ws)*
 *   version     = "~=" ws pep440_compat
 *               | "===" ws [^\s]*                     (commas included)
 *               | ("=="|"!="|"<="|">="|"<"|">") ws [^,;\s)]*   (packaging's legacy form)
 *   marker      = atom ws (("and" | "or") ws atom ws)*    (one flat list)
 *   atom        = "(" ws marker ws ")" | value ws op ws value
 *   value       = variable | "'" [^'\r\n]* "'" | '"' [^"\r\n]* '"'
 *   op          = "===" | "==" | ">=" | "<=" | "!=" | "~=" | ">" | "<" | "not in" | "in"
 *   ws          = [ \t\r\n]*
 *
 * Like pyparsing literals, "and", "or", "in" and the variable names match as
 * prefixes ('os_name=="a"oros_name=="b"' parses). Variables are the PEP 508
 * ones plus the PEP 345 dotted aliases packaging renames (os.name → os_name).
 */
#include "lex/pep508.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deputy/array.h"
#include "deputy/ascii.h"
#include "deputy/strbuf.h"
#include "lex/pep440_version.h"

struct pep508_parser {
	struct sv text;
	size_t pos;
	struct arena *arena;
	struct pep508_error *err;
	unsigned depth;
	size_t items;
};

/* A marker as packaging keeps it: a list of items, (lhs op rhs) tuples and "and"/"or". */
enum mnode_kind { MNODE_TUPLE, MNODE_BOOL, MNODE_GROUP };

struct mnode {
	enum mnode_kind kind;
	const char *text;        /* TUPLE: "lhs op rhs" serialised; BOOL: "and"/"or" */
	struct mnode *child;     /* GROUP: first item of the inner list */
	struct mnode *next;
};

const char *const pep508_variables[] = {
	/* packaging's order matters: literals match as prefixes, first wins */
	"implementation_version", "platform_python_implementation", "implementation_name",
	"python_full_version", "platform_release", "platform_version", "platform_machine",
	"platform_system", "python_version", "sys_platform", "os_name", "os.name",
	"sys.platform", "platform.version", "platform.machine",
	"platform.python_implementation", "python_implementation", "extra",
};
const size_t pep508_n_variables = sizeof(pep508_variables) / sizeof(pep508_variables[0]);

static const struct {
	const char *from, *to;
} aliases[] = {
	{ "os.name", "os_name" },
	{ "sys.platform", "sys_platform" },
	{ "platform.version", "platform_version" },
	{ "platform.machine", "platform_machine" },
	{ "platform.python_implementation", "platform_python_implementation" },
	{ "python_implementation", "platform_python_implementation" },
};

static const char *const marker_ops[] = {
	"===", "==", ">=", "<=", "!=", "~=", ">", "<", "not in", "in",
};

static int
fail(struct pep508_parser *p, int code, size_t offset, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int
fail(struct pep508_parser *p, int code, size_t offset, const char *fmt, ...)
{
	va_list ap;

	if (p->err) {
		p->err->code = code;
		p->err->offset = offset;
		va_start(ap, fmt);
		vsnprintf(p->err->message, sizeof(p->err->message), fmt, ap);
		va_end(ap);
	}
	return code;
}

static bool
is_punct(char c)
{
	return c == '-' || c == '_' || c == '.';
}

/* pyparsing's default whitespace. */
static bool
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Python's \s for ASCII. */
static bool
is_re_space(char c)
{
	return is_ws(c) || c == '\f' || c == '\v';
}

static bool
at_end(const struct pep508_parser *p)
{
	return p->pos >= p->text.len;
}

static char
peek(const struct pep508_parser *p)
{
	return at_end(p) ? '\0' : p->text.ptr[p->pos];
}

static void
skip_ws(struct pep508_parser *p)
{
	while (!at_end(p) && is_ws(p->text.ptr[p->pos]))
		p->pos++;
}

static bool
accept(struct pep508_parser *p, char c)
{
	if (peek(p) != c || at_end(p))
		return false;
	p->pos++;
	return true;
}

static bool
accept_str(struct pep508_parser *p, const char *s)
{
	size_t n = strlen(s);

	if (p->text.len - p->pos < n || memcmp(p->text.ptr + p->pos, s, n) != 0)
		return false;
	p->pos += n;
	return true;
}

/* A short, printable picture of what is at the cursor, for messages. */
static const char *
what_is_here(const struct pep508_parser *p, char *buf, size_t size)
{
	if (at_end(p))
		return "the end";
	char c = p->text.ptr[p->pos];
	if ((unsigned char)c < 0x20 || (unsigned char)c >= 0x7f)
		snprintf(buf, size, "byte 0x%02x", (unsigned char)c);
	else
		snprintf(buf, size, "'%c'", c);
	return buf;
}

static int
count_item(struct pep508_parser *p)
{
	if (++p->items > PEP508_MAX_ITEMS)
		return fail(p, ERR_LIMIT, p->pos, "more than %d items in one requirement",
			    PEP508_MAX_ITEMS);
	return 0;
}

/* name = alnum+ ( [-_.]* alnum+ )* ; returns false when no alnum starts it. */
static bool
parse_identifier(struct pep508_parser *p, struct span *at)
{
	size_t start = p->pos;

	if (!ascii_alnum(peek(p)) || at_end(p))
		return false;
	while (!at_end(p) && ascii_alnum(p->text.ptr[p->pos]))
		p->pos++;
	for (;;) {
		size_t q = p->pos;
		while (q < p->text.len && is_punct(p->text.ptr[q]))
			q++;
		if (q >= p->text.len || !ascii_alnum(p->text.ptr[q]))
			break;
		while (q < p->text.len && ascii_alnum(p->text.ptr[q]))
			q++;
		p->pos = q;
	}
	at->start = start;
	at->end = p->pos;
	return true;
}

bool
pep508_is_name(struct sv name)
{
	struct pep508_parser p = { .text = name };
	struct span at;

	return parse_identifier(&p, &at) && p.pos == name.len;
}

static char *
dup_span(struct pep508_parser *p, size_t start, size_t end)
{
	return arena_strndup(p->arena, sv_slice(p->text, start, end - start));
}

/* extras = "[" ws [name ws ("," ws name ws)*] "]" */
static int
parse_extras(struct pep508_parser *p, struct pep508_req *out)
{
	const char **items = NULL;
	size_t n = 0, cap = 0;
	struct span at;
	int rc = 0;
	char buf[24];

	if (!accept(p, '['))
		return 0;       /* extras are optional */
	skip_ws(p);
	if (parse_identifier(p, &at)) {
		for (;;) {
			if ((rc = count_item(p)))
				goto done;
			if ((rc = array_reserve(&items, &cap, n, sizeof(*items))))
				goto done;
			if (!(items[n++] = dup_span(p, at.start, at.end))) {
				rc = ERR_NOMEM;
				goto done;
			}
			skip_ws(p);
			if (!accept(p, ','))
				break;
			skip_ws(p);
			if (!parse_identifier(p, &at)) {
				rc = fail(p, ERR_SYNTAX, p->pos, "expected an extra name after ',', found %s",
					  what_is_here(p, buf, sizeof(buf)));
				goto done;
			}
		}
	}
	if (!accept(p, ']')) {
		rc = fail(p, ERR_SYNTAX, p->pos, "expected ']' or ',' in the extras, found %s",
			  what_is_here(p, buf, sizeof(buf)));
		goto done;
	}
	if (n) {
		const char **kept = arena_memdup(p->arena, items, n * sizeof(*items));
		if (!kept) {
			rc = ERR_NOMEM;
			goto done;
		}
		out->extras = kept;
		out->n_extras = n;
	}
done:
	free(items);
	return rc;
}

static size_t
digits(struct sv s, size_t i)
{
	while (i < s.len && ascii_digit(s.ptr[i]))
		i++;
	return i;
}

static bool
prefix_nocase(struct sv s, size_t i, const char *word)
{
	size_t n = strlen(word);

	return s.len - i >= n && sv_eq_nocase(sv_slice(s, i, n), sv_make(word, n));
}

/* [-_.]? then the first of @words that matches, as Python's re alternation would. */
static size_t
sep_word(struct sv s, size_t i, const char *const *words, size_t n_words)
{
	size_t j = (i < s.len && is_punct(s.ptr[i])) ? i + 1 : i;

	for (size_t w = 0; w < n_words; w++)
		if (prefix_nocase(s, j, words[w]))
			return j + strlen(words[w]);
	return 0;
}

static size_t
opt_sep_digits(struct sv s, size_t i)
{
	if (i < s.len && is_punct(s.ptr[i]))
		i++;
	return digits(s, i);
}

/*
 * The version packaging's Specifier regex accepts after "~=": a release of
 * two parts or more, optional pre, post and dev parts. Returns the end of the
 * match, or @i when there is none.
 */
static size_t
match_compatible_version(struct sv s, size_t i)
{
	static const char *const pre[] = { "a", "b", "c", "rc", "alpha", "beta", "pre", "preview" };
	static const char *const post[] = { "post", "rev", "r" };
	static const char *const dev[] = { "dev" };
	size_t start = i, j, k;

	if (i < s.len && (s.ptr[i] == 'v' || s.ptr[i] == 'V'))
		i++;
	j = digits(s, i);
	if (j > i && j < s.len && s.ptr[j] == '!')
		i = j + 1;      /* epoch */
	j = digits(s, i);
	if (j == i)
		return start;
	unsigned parts = 1;
	while (j + 1 < s.len && s.ptr[j] == '.' && ascii_digit(s.ptr[j + 1])) {
		j = digits(s, j + 1);
		parts++;
	}
	if (parts < 2)
		return start;
	if ((k = sep_word(s, j, pre, 8)))
		j = opt_sep_digits(s, k);
	if (j + 1 < s.len && s.ptr[j] == '-' && ascii_digit(s.ptr[j + 1]))
		j = digits(s, j + 1);
	else if ((k = sep_word(s, j, post, 3)))
		j = opt_sep_digits(s, k);
	if ((k = sep_word(s, j, dev, 1)))
		j = opt_sep_digits(s, k);
	return j;
}

/*
 * One specifier. Appends "opversion" to @spec (whitespace dropped). Returns
 * 0 with *found false when no operator is here.
 */
static int
parse_version_one(struct pep508_parser *p, struct pep508_req *out, struct strbuf *spec,
		  bool *found)
{
	static const char *const ops[] = { "===", "~=", "==", "!=", "<=", ">=", "<", ">" };
	const char *op = NULL;
	size_t op_at = p->pos, vstart, vend;

	*found = false;
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]) && !op; i++)
		if (accept_str(p, ops[i]))
			op = ops[i];
	if (!op)
		return 0;
	*found = true;
	while (!at_end(p) && is_re_space(p->text.ptr[p->pos]))
		p->pos++;
	vstart = p->pos;
	if (strcmp(op, "~=") == 0) {
		vend = match_compatible_version(p->text, vstart);
		if (vend == vstart)
			return fail(p, ERR_SYNTAX, vstart,
				    "expected a version of two parts or more after '~='");
	} else if (strcmp(op, "===") == 0) {
		vend = vstart;
		while (vend < p->text.len && !is_re_space(p->text.ptr[vend]))
			vend++;
	} else {
		vend = vstart;
		while (vend < p->text.len && !is_re_space(p->text.ptr[vend]) &&
		       !byte_in(",;)", p->text.ptr[vend]))
			vend++;
	}
	if (vend == vstart && !out->empty_version) {
		out->empty_version = true;
		out->empty_version_at = (struct span){ op_at, vstart };
		snprintf(out->empty_version_op, sizeof(out->empty_version_op), "%s", op);
	}
	p->pos = vend;
	if (spec->len)
		strbuf_addch(spec, ',');
	strbuf_adds(spec, op);
	strbuf_add(spec, p->text.ptr + vstart, vend - vstart);
	return count_item(p);
}

/* versions = version ws ("," ws version ws)* ; *found is false when none starts here. */
static int
parse_versions(struct pep508_parser *p, struct pep508_req *out, struct strbuf *spec, bool *found)
{
	int rc;
	char buf[24];

	if ((rc = parse_version_one(p, out, spec, found)) || !*found)
		return rc;
	for (;;) {
		size_t save = p->pos;
		bool more;
		skip_ws(p);
		if (!accept(p, ',')) {
			p->pos = save;
			return 0;
		}
		skip_ws(p);
		if ((rc = parse_version_one(p, out, spec, &more)))
			return rc;
		if (!more)
			return fail(p, ERR_SYNTAX, p->pos,
				    "expected a version operator after ',', found %s",
				    what_is_here(p, buf, sizeof(buf)));
	}
}

static int
finish_spec(struct pep508_parser *p, struct pep508_req *out, struct strbuf *spec)
{
	if (spec->failed)
		return ERR_NOMEM;
	if (!(out->spec = arena_strndup(p->arena, strbuf_sv(spec))))
		return ERR_NOMEM;
	return pep508_canonical_specifier(&out->spec_canonical, p->arena, strbuf_sv(spec), p->err);
}

/* version_part = [ "(" ws versions ws ")" | versions ] */
static int
parse_version_part(struct pep508_parser *p, struct pep508_req *out)
{
	struct strbuf spec = STRBUF_INIT;
	size_t start = p->pos;
	bool found = false;
	int rc;
	char buf[24];

	if (accept(p, '(')) {
		skip_ws(p);
		if ((rc = parse_versions(p, out, &spec, &found)))
			goto done;
		if (!found) {
			rc = fail(p, ERR_SYNTAX, p->pos,
				  "expected a version specifier after '(', found %s",
				  what_is_here(p, buf, sizeof(buf)));
			goto done;
		}
		skip_ws(p);
		if (!accept(p, ')')) {
			rc = fail(p, ERR_SYNTAX, p->pos, "expected ')' or ',' after a version, found %s",
				  what_is_here(p, buf, sizeof(buf)));
			goto done;
		}
	} else if ((rc = parse_versions(p, out, &spec, &found))) {
		goto done;
	}
	out->spec_at = (struct span){ start, found ? p->pos : start };
	rc = finish_spec(p, out, &spec);
done:
	strbuf_release(&spec);
	return rc;
}

static int parse_marker_list(struct pep508_parser *p, struct mnode **out);

/* value = variable | quoted string ; appends its serialised form to @sb. */
static int
parse_marker_value(struct pep508_parser *p, struct strbuf *sb)
{
	char buf[24];
	char q = peek(p);

	if (!at_end(p) && (q == '\'' || q == '"')) {
		size_t start = ++p->pos;
		while (!at_end(p) && p->text.ptr[p->pos] != q && p->text.ptr[p->pos] != '\n' &&
		       p->text.ptr[p->pos] != '\r')
			p->pos++;
		if (peek(p) != q || at_end(p))
			return fail(p, ERR_SYNTAX, start - 1, "expected a closing %c for this string", q);
		strbuf_addch(sb, '"');
		strbuf_add(sb, p->text.ptr + start, p->pos - start);
		strbuf_addch(sb, '"');
		p->pos++;
		return 0;
	}
	for (size_t i = 0; i < pep508_n_variables; i++) {
		if (!accept_str(p, pep508_variables[i]))
			continue;
		const char *name = pep508_variables[i];
		for (size_t a = 0; a < sizeof(aliases) / sizeof(aliases[0]); a++)
			if (strcmp(aliases[a].from, name) == 0)
				name = aliases[a].to;
		strbuf_adds(sb, name);
		return 0;
	}
	return fail(p, ERR_SYNTAX, p->pos,
		    "expected a marker variable (python_version, sys_platform, ...) or a quoted "
		    "string, found %s", what_is_here(p, buf, sizeof(buf)));
}

/* value ws op ws value */
static int
parse_marker_item(struct pep508_parser *p, struct mnode *node)
{
	struct strbuf sb = STRBUF_INIT;
	const char *op = NULL;
	int rc;
	char buf[24];

	if ((rc = parse_marker_value(p, &sb)))
		goto done;
	skip_ws(p);
	for (size_t i = 0; i < sizeof(marker_ops) / sizeof(marker_ops[0]) && !op; i++)
		if (accept_str(p, marker_ops[i]))
			op = marker_ops[i];
	if (!op) {
		rc = fail(p, ERR_SYNTAX, p->pos,
			  "expected a marker operator (==, !=, <, in, not in, ...), found %s",
			  what_is_here(p, buf, sizeof(buf)));
		goto done;
	}
	strbuf_addch(&sb, ' ');
	strbuf_adds(&sb, op);
	strbuf_addch(&sb, ' ');
	skip_ws(p);
	if ((rc = parse_marker_value(p, &sb)))
		goto done;
	if (sb.failed || !(node->text = arena_strndup(p->arena, strbuf_sv(&sb))))
		rc = ERR_NOMEM;
	node->kind = MNODE_TUPLE;
done:
	strbuf_release(&sb);
	return rc;
}

/* atom = "(" ws marker ws ")" | item */
static int
parse_marker_atom(struct pep508_parser *p, struct mnode **out)
{
	struct mnode *node = arena_alloc(p->arena, sizeof(*node));
	int rc;
	char buf[24];

	if (!node)
		return ERR_NOMEM;
	if ((rc = count_item(p)))
		return rc;
	*out = node;
	if (!accept(p, '('))
		return parse_marker_item(p, node);
	if (++p->depth > PEP508_MAX_DEPTH)
		return fail(p, ERR_LIMIT, p->pos - 1, "markers nested deeper than %d parentheses",
			    PEP508_MAX_DEPTH);
	node->kind = MNODE_GROUP;
	skip_ws(p);
	if ((rc = parse_marker_list(p, &node->child)))
		return rc;
	skip_ws(p);
	if (!accept(p, ')'))
		return fail(p, ERR_SYNTAX, p->pos, "expected ')', 'and' or 'or', found %s",
			    what_is_here(p, buf, sizeof(buf)));
	p->depth--;
	return 0;
}

/* marker = atom ws (("and" | "or") ws atom ws)* — one flat list, like pyparsing's. */
static int
parse_marker_list(struct pep508_parser *p, struct mnode **out)
{
	struct mnode **tail = out;
	int rc;

	if ((rc = parse_marker_atom(p, tail)))
		return rc;
	tail = &(*tail)->next;
	for (;;) {
		const char *word;
		skip_ws(p);
		if (accept_str(p, "and"))
			word = "and";
		else if (accept_str(p, "or"))
			word = "or";
		else
			return 0;
		struct mnode *b = arena_alloc(p->arena, sizeof(*b));
		if (!b)
			return ERR_NOMEM;
		b->kind = MNODE_BOOL;
		b->text = word;
		*tail = b;
		tail = &b->next;
		skip_ws(p);
		if ((rc = parse_marker_atom(p, tail)))
			return rc;
		tail = &(*tail)->next;
	}
}

static void format_list(struct strbuf *sb, const struct mnode *list, bool first);

/*
 * packaging's _format_marker: a one-element list holding a tuple or a list
 * loses its parentheses (even ((a or b)) inside an "and" prints a or b).
 */
static void
format_item(struct strbuf *sb, const struct mnode *item, bool first)
{
	if (item->kind == MNODE_GROUP)
		format_list(sb, item->child, first);
	else
		strbuf_adds(sb, item->text);
}

static void
format_list(struct strbuf *sb, const struct mnode *list, bool first)
{
	if (list && !list->next && list->kind != MNODE_BOOL) {
		format_item(sb, list, true);
		return;
	}
	if (!first)
		strbuf_addch(sb, '(');
	for (const struct mnode *m = list; m; m = m->next) {
		if (m != list)
			strbuf_addch(sb, ' ');
		format_item(sb, m, false);
	}
	if (!first)
		strbuf_addch(sb, ')');
}

/* Parses a marker from the cursor; fills canonical form and the span. */
static int
parse_marker(struct pep508_parser *p, const char **canonical, struct span *at)
{
	struct mnode *list = NULL;
	struct strbuf sb = STRBUF_INIT;
	size_t start = p->pos;
	int rc;

	if ((rc = parse_marker_list(p, &list)))
		return rc;
	at->start = start;
	at->end = p->pos;
	/* a top-level list is printed as if wrapped once more: [[...]] */
	struct mnode wrap = { .kind = MNODE_GROUP, .child = list };
	format_list(&sb, &wrap, true);
	if (sb.failed)
		rc = ERR_NOMEM;
	else if (!(*canonical = arena_strndup(p->arena, strbuf_sv(&sb))))
		rc = ERR_NOMEM;
	strbuf_release(&sb);
	return rc;
}

/* [ws ";" ws marker] then the end. */
static int
parse_marker_part(struct pep508_parser *p, struct pep508_req *out)
{
	char buf[24];
	int rc;

	skip_ws(p);
	if (accept(p, ';')) {
		skip_ws(p);
		if ((rc = parse_marker(p, &out->marker_canonical, &out->marker_at)))
			return rc;
		if (!(out->marker = dup_span(p, out->marker_at.start, out->marker_at.end)))
			return ERR_NOMEM;
		skip_ws(p);
	}
	if (!at_end(p))
		return fail(p, ERR_SYNTAX, p->pos, "expected ';' and a marker or the end, found %s",
			    what_is_here(p, buf, sizeof(buf)));
	return 0;
}

/* Python's urlparse() checks that packaging applies to "name @ url". */
static bool
url_is_valid(struct sv url)
{
	size_t i = 0;

	if (url.len == 0 || !((url.ptr[0] >= 'a' && url.ptr[0] <= 'z') ||
			      (url.ptr[0] >= 'A' && url.ptr[0] <= 'Z')))
		return false;
	while (i < url.len && (ascii_alnum(url.ptr[i]) || byte_in("+-.", url.ptr[i])))
		i++;
	if (i >= url.len || url.ptr[i] != ':')
		return false;
	if (i == 4 && memcmp(url.ptr, "file", 4) == 0)
		return true;
	if (url.len - i < 3 || url.ptr[i + 1] != '/' || url.ptr[i + 2] != '/')
		return false;
	i += 3;
	return i < url.len && !byte_in("/?#", url.ptr[i]);
}

/* url_part = "@" ws uri [ws ";" ws marker] */
static int
parse_url_part(struct pep508_parser *p, struct pep508_req *out)
{
	size_t start;

	skip_ws(p);
	start = p->pos;
	while (!at_end(p) && p->text.ptr[p->pos] != ' ')
		p->pos++;
	if (p->pos == start)
		return fail(p, ERR_SYNTAX, start, "expected a url after '@'");
	struct sv url = sv_slice(p->text, start, p->pos - start);
	if (!url_is_valid(url))
		return fail(p, ERR_SYNTAX, start,
			    "expected a url with a scheme and a host after '@'");
	out->url_at = (struct span){ start, p->pos };
	if (!(out->url = arena_strndup(p->arena, url)))
		return ERR_NOMEM;
	return 0;
}

static void
req_init(struct pep508_req *out)
{
	memset(out, 0, sizeof(*out));
	out->spec = "";
	out->spec_canonical = "";
	out->marker = "";
	out->marker_canonical = "";
}

int
pep508_parse(struct pep508_req *out, struct arena *arena, struct sv text, struct pep508_error *err)
{
	struct pep508_parser p = { .text = text, .arena = arena, .err = err };
	char buf[24];
	int rc;

	req_init(out);
	if (text.len > PEP508_MAX_LEN)
		return fail(&p, ERR_LIMIT, 0, "requirement longer than %d bytes", PEP508_MAX_LEN);
	skip_ws(&p);
	if (!parse_identifier(&p, &out->name_at))
		return fail(&p, ERR_SYNTAX, p.pos,
			    "expected a package name (a letter or digit first), found %s",
			    what_is_here(&p, buf, sizeof(buf)));
	out->name = sv_slice(text, out->name_at.start, out->name_at.end - out->name_at.start);
	skip_ws(&p);
	if ((rc = parse_extras(&p, out)))
		return rc;
	skip_ws(&p);
	if (accept(&p, '@')) {
		if ((rc = parse_url_part(&p, out)))
			return rc;
	} else {
		if ((rc = parse_version_part(&p, out)))
			return rc;
	}
	return parse_marker_part(&p, out);
}

int
pep508_parse_marker(const char **canonical_out, struct arena *arena, struct sv text,
		    struct pep508_error *err)
{
	struct pep508_parser p = { .text = text, .arena = arena, .err = err };
	struct span at;
	char buf[24];
	int rc;

	*canonical_out = "";
	if (text.len > PEP508_MAX_LEN)
		return fail(&p, ERR_LIMIT, 0, "marker longer than %d bytes", PEP508_MAX_LEN);
	skip_ws(&p);
	if ((rc = parse_marker(&p, canonical_out, &at)))
		return rc;
	skip_ws(&p);
	if (!at_end(&p))
		return fail(&p, ERR_SYNTAX, p.pos, "expected 'and', 'or' or the end of the marker, "
			    "found %s", what_is_here(&p, buf, sizeof(buf)));
	return 0;
}

static int
compare_strings(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * "op version" with both parts stripped, or NULL when there is no operator;
 * *@key is "op" and the canonical version: packaging's SpecifierSet keeps
 * one of "<=v1.0" and "<=1" (the first).
 */
static char *
canonical_one(struct arena *arena, struct sv piece, const char **key)
{
	static const char *const ops[] = { "===", "~=", "==", "!=", "<=", ">=", "<", ">" };

	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		struct sv op = sv_from_cstr(ops[i]);
		if (!sv_starts_with(piece, op))
			continue;
		struct sv version = sv_trim(sv_tail(piece, op.len));
		const char *canonical = pep440_canonical_version(arena, version);
		*key = canonical ? arena_printf(arena, "%s%s", ops[i], canonical) : NULL;
		return arena_printf(arena, "%s%.*s", ops[i], (int)version.len, version.ptr);
	}
	return NULL;
}

int
pep508_canonical_specifier(const char **out, struct arena *arena, struct sv spec,
			   struct pep508_error *err)
{
	struct pep508_parser p = { .text = spec, .arena = arena, .err = err };
	struct strbuf sb = STRBUF_INIT;
	char **items = NULL;
	const char **keys = NULL;
	size_t n = 0, start = 0;
	int rc = 0;

	*out = "";
	if (spec.len == 0)
		return 0;
	items = calloc(spec.len / 2 + 2, sizeof(*items));
	keys = calloc(spec.len / 2 + 2, sizeof(*keys));
	if (!items || !keys) {
		free(items);
		free(keys);
		return ERR_NOMEM;
	}
	while (start <= spec.len) {
		size_t comma = sv_find_char(sv_tail(spec, start), ',');
		size_t end = comma == SV_NPOS ? spec.len : start + comma;
		struct sv piece = sv_trim(sv_slice(spec, start, end - start));
		start = end + 1;
		if (!piece.len)
			continue;
		const char *key = NULL;
		char *one = canonical_one(arena, piece, &key);
		if (one && !key) {
			rc = ERR_NOMEM;
			goto done;
		}
		if (!one) {
			rc = fail(&p, ERR_SYNTAX, (size_t)(piece.ptr - spec.ptr),
				  "expected a version operator (==, >=, ~=, ...)");
			goto done;
		}
		bool seen = false;
		for (size_t i = 0; i < n && !seen; i++)
			seen = strcmp(keys[i], key) == 0;
		if (!seen) {
			keys[n] = key;
			items[n++] = one;
		}
	}
	qsort(items, n, sizeof(*items), compare_strings);
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_addch(&sb, ',');
		strbuf_adds(&sb, items[i]);
	}
	if (sb.failed || !(*out = arena_strndup(arena, strbuf_sv(&sb))))
		rc = ERR_NOMEM;
done:
	strbuf_release(&sb);
	free(items);
	free(keys);
	return rc;
}
