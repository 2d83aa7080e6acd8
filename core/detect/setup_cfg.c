/*
 * The detector for setup.cfg, read the way setuptools 65 reads it: Python's
 * configparser.ConfigParser() with optionxform = str, then setupcfg.py's
 * list parsing, then _reqs.parse() on each requirement.
 *
 *   file        = *( comment | blank | header | option | continuation )
 *   comment     = ws ( "#" | ";" ) any              (whole lines only: no inline comments)
 *   header      = "[" name "]" any                  (name runs to the last "]")
 *   option      = key ws ( "=" | ":" ) ws value     (key: case kept, up to the first = or :)
 *   continuation= a line indented deeper than its option's line; blank lines stay in the value
 *
 *   [options] install_requires | setup_requires | tests_require  (dashes read as underscores)
 *   [options.extras_require] <extra> = list
 *   list        = lines when the value holds a newline, else items split on ";";
 *                 "file: a.txt, b.txt" reads requirement files instead
 *   item        = lines starting "#" dropped; " #" ends the text (drop_comment);
 *                 a trailing "\" joins the next item (join_continuation); then PEP 508
 *
 * "%" starts a configparser interpolation: "%%" is a "%", anything else fails.
 */
#include "detect/detect.h"

#include <stdlib.h>
#include <string.h>

#include "deputy/array.h"
#include "detect/pyreq.h"
#include "lex/pep508.h"

/* A line of a value: its text without the indentation, and where it starts. */
struct piece {
	struct sv text;
	size_t at;
};

struct cfg {
	struct detect_out *out;
	struct source *src;
	struct sv section;
	bool in_options, in_extras;
	struct sv key;           /* the option being read; ptr NULL when none */
	size_t indent;           /* of the option's line */
	struct piece *pieces;    /* heap */
	size_t n_pieces, cap_pieces;
	bool seen_options, seen_extras;
};

bool
setup_cfg_matches(const char *path)
{
	return strcmp(path_basename(path), "setup.cfg") == 0;
}

/* Python's str.isspace() for the ASCII bytes configparser's \S regex sees. */
static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

static struct sv
strip(struct sv s, size_t *skipped)
{
	size_t a = 0, b = s.len;

	while (a < b && is_space(s.ptr[a]))
		a++;
	while (b > a && is_space(s.ptr[b - 1]))
		b--;
	if (skipped)
		*skipped = a;
	return sv_slice(s, a, b - a);
}

/* The key as setuptools looks it up: dashes become underscores outside extras_require. */
static bool
key_is(const struct cfg *c, const char *name)
{
	size_t n = strlen(name);

	if (c->key.len != n)
		return false;
	for (size_t i = 0; i < n; i++) {
		char k = c->key.ptr[i];
		if (k != name[i] && !(k == '-' && name[i] == '_'))
			return false;
	}
	return true;
}

/* "%%" is one "%"; a lone "%" is an interpolation configparser would refuse. */
static int
unescape_percent(struct cfg *c, struct pyreq_text *t)
{
	size_t n = 0;
	char *copy;

	if (sv_find_char(t->text, '%') == SV_NPOS)
		return 0;
	if (!(copy = arena_alloc(c->out->arena, t->text.len + 1)))
		return ERR_NOMEM;
	for (size_t i = 0; i < t->text.len; i++) {
		if (t->text.ptr[i] == '%') {
			if (i + 1 < t->text.len && t->text.ptr[i + 1] == '%') {
				i++;
			} else {
				size_t at = pyreq_offset(t, i);
				diag_add(c->out->diags, DIAG_ERROR, c->src, (struct span){ at, at + 1 },
					 "expected '%%%%' for a '%%' in setup.cfg: configparser "
					 "reads '%%' as an interpolation");
			}
		}
		copy[n++] = t->text.ptr[i];
	}
	if (n != t->text.len) {
		t->text = sv_make(copy, n);
		t->exact = false;
	}
	return 0;
}

static int
add_requirement(struct cfg *c, struct pyreq_text *t)
{
	struct dep *dep;
	size_t cut = sv_find(t->text, SV_LIT(" #"));
	int rc;

	if (cut != SV_NPOS)
		t->text = strip(sv_slice(t->text, 0, cut), NULL);
	if (!t->text.len)
		return 0;
	if ((rc = unescape_percent(c, t)))
		return rc;
	return pyreq_add(&dep, c->out, c->src, t, DEP_MANIFEST);
}

/* setuptools' _warn_accidental_env_marker_misconfig(): "a; marker" on one line is two items. */
static int
warn_split_marker(struct cfg *c, struct sv value, const struct piece *second)
{
	struct pep508_error err;
	struct pep508_req req;
	int rc = pep508_parse(&req, c->out->arena, value, &err);

	if (rc == ERR_NOMEM)
		return rc;
	if (rc == 0 && req.marker[0])
		diag_add(c->out->diags, DIAG_WARNING, c->src,
			 (struct span){ second->at, second->at + second->text.len },
			 "one-line value split on ';': '%.*s' is read as a second requirement, "
			 "not a marker; put the requirement on its own indented line",
			 (int)second->text.len, second->text.ptr);
	return 0;
}

/* "file: a.txt, b.txt": requirement files for the scan to read. */
static int
add_files(struct cfg *c, struct sv value, size_t at)
{
	struct sv rest = sv_tail(value, 5);
	size_t start = 0;
	int rc;

	for (size_t i = 0; i <= rest.len; i++) {
		if (i < rest.len && rest.ptr[i] != ',')
			continue;
		size_t skip;
		struct sv path = strip(sv_slice(rest, start, i - start), &skip);
		size_t path_at = at + 5 + start + skip;
		start = i + 1;
		if (!path.len)
			continue;
		struct detect_include inc = {
			.path = arena_strndup(c->out->arena, path),
			.from = c->src->path,
			.at = { path_at, path_at + path.len },
		};
		if (!inc.path)
			return ERR_NOMEM;
		source_line_col(c->src, path_at, &inc.line, &inc.column);
		if ((rc = detect_add_include(c->out, &inc)))
			return rc;
	}
	return 0;
}

/* The items of the value, as _parse_list(separator=';') splits them. */
static int
split_items(struct cfg *c, struct piece **items, size_t *n)
{
	bool lines = false;
	struct piece *first = &c->pieces[0];

	for (size_t i = 1; i < c->n_pieces; i++)
		lines |= c->pieces[i].text.len > 0;
	*items = calloc(lines ? c->n_pieces : first->text.len + 1, sizeof(**items));
	if (!*items)
		return ERR_NOMEM;
	*n = 0;
	if (lines) {
		for (size_t i = 0; i < c->n_pieces; i++)
			if (c->pieces[i].text.len)
				(*items)[(*n)++] = c->pieces[i];
		return 0;
	}
	size_t start = 0;
	for (size_t i = 0; i <= first->text.len; i++) {
		if (i < first->text.len && first->text.ptr[i] != ';')
			continue;
		size_t skip;
		struct sv item = strip(sv_slice(first->text, start, i - start), &skip);
		if (item.len)
			(*items)[(*n)++] = (struct piece){ item, first->at + start + skip };
		start = i + 1;
	}
	if (*n == 2)
		return warn_split_marker(c, first->text, &(*items)[1]);
	return 0;
}

/* The value just read is a list of requirements (the option is one we want). */
static int
read_value(struct cfg *c)
{
	struct piece *items;
	size_t n;
	int rc;

	if (c->n_pieces && sv_starts_with(c->pieces[0].text, SV_LIT("file:")))
		return add_files(c, c->pieces[0].text, c->pieces[0].at);
	if (!c->n_pieces || (rc = split_items(c, &items, &n)))
		return c->n_pieces ? rc : 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct pyreq_text t = {
			.text = items[i].text,
			.at = { items[i].at, items[i].at + items[i].text.len },
			.text_at = items[i].at,
			.exact = true,
		};
		if (sv_starts_with(t.text, SV_LIT("#")))
			continue;
		/* join_continuation(): "a \" + next item, dropping the two bytes before it */
		while (sv_ends_with(t.text, SV_LIT("\\")) && i + 1 < n) {
			struct sv head = strip(sv_slice(t.text, 0, t.text.len >= 2 ? t.text.len - 2 : 0),
					       NULL);
			char *joined = arena_printf(c->out->arena, "%.*s%.*s", (int)head.len, head.ptr,
						    (int)items[i + 1].text.len, items[i + 1].text.ptr);
			if (!joined) {
				rc = ERR_NOMEM;
				break;
			}
			i++;
			t.text = sv_from_cstr(joined);
			t.at.end = items[i].at + items[i].text.len;
			t.exact = false;
		}
		if (rc == 0)
			rc = add_requirement(c, &t);
	}
	free(items);
	return rc;
}

static bool
wanted(const struct cfg *c)
{
	if (!c->key.ptr)
		return false;
	if (c->in_extras)
		return true;
	return c->in_options && (key_is(c, "install_requires") || key_is(c, "setup_requires") ||
				 key_is(c, "tests_require"));
}

static int
end_option(struct cfg *c)
{
	int rc = wanted(c) ? read_value(c) : 0;

	c->key = SV_NULL;
	c->n_pieces = 0;
	return rc;
}

static int
add_piece(struct cfg *c, struct sv text, size_t at)
{
	if (array_reserve(&c->pieces, &c->cap_pieces, c->n_pieces, sizeof(*c->pieces)))
		return ERR_NOMEM;
	c->pieces[c->n_pieces++] = (struct piece){ text, at };
	return 0;
}

static void
start_section(struct cfg *c, struct sv name, size_t at)
{
	bool *seen = NULL;

	c->section = name;
	c->in_options = sv_eq_cstr(name, "options");
	c->in_extras = sv_eq_cstr(name, "options.extras_require");
	if (c->in_options)
		seen = &c->seen_options;
	else if (c->in_extras)
		seen = &c->seen_extras;
	if (seen && *seen)
		diag_add(c->out->diags, DIAG_ERROR, c->src, (struct span){ at, at + name.len },
			 "section [%.*s] is written twice; configparser refuses the file",
			 (int)name.len, name.ptr);
	if (seen)
		*seen = true;
}

/* One physical line: a comment, a continuation, a header or an option. */
static int
read_line(struct cfg *c, struct sv line, size_t at)
{
	size_t indent;
	struct sv value = strip(line, &indent);
	int rc;

	if (value.len && (value.ptr[0] == '#' || value.ptr[0] == ';'))
		return 0;
	if (!value.len)
		return c->key.ptr ? add_piece(c, value, at + indent) : 0;
	if (c->key.ptr && indent > c->indent)
		return add_piece(c, value, at + indent);
	/* configparser: a bad line keeps the option open for later continuation lines */
	c->indent = indent;
	size_t close = value.len;
	while (close > 0 && value.ptr[close - 1] != ']')
		close--;
	if (value.ptr[0] == '[' && close > 2) {
		if ((rc = end_option(c)))
			return rc;
		start_section(c, sv_slice(value, 1, close - 2), at + indent + 1);
		return 0;
	}
	struct span bad = { at + indent, at + line.len };
	if (!c->section.ptr) {
		diag_add(c->out->diags, DIAG_ERROR, c->src, bad,
			 "expected a [section] header before the first option");
		return 0;
	}
	size_t delim = 0;
	while (delim < value.len && value.ptr[delim] != '=' && value.ptr[delim] != ':')
		delim++;
	struct sv key = strip(sv_slice(value, 0, delim), NULL);
	if (delim == value.len) {
		diag_add(c->out->diags, DIAG_ERROR, c->src, bad,
			 "expected 'key = value' or a [section] header");
		return 0;
	}
	if ((rc = end_option(c)))
		return rc;
	if (!key.len) {
		diag_add(c->out->diags, DIAG_ERROR, c->src, bad,
			 "expected an option name before '%c'", value.ptr[delim]);
		return 0;
	}
	size_t skip;
	struct sv rest = strip(sv_tail(value, delim + 1), &skip);
	c->key = key;
	return add_piece(c, rest, at + indent + delim + 1 + skip);
}

int
detect_setup_cfg(struct detect_out *out, struct source *src, const struct detect_ctx *ctx)
{
	struct cfg c = { .out = out, .src = src };
	struct sv text = src->text;
	size_t start = 0;
	int rc = 0;

	(void)ctx;
	if (sv_starts_with(text, SV_LIT("\xef\xbb\xbf")))
		start = 3;
	while (start < text.len && rc == 0) {
		size_t end = sv_line_end(text, start);
		rc = read_line(&c, sv_slice(text, start, end - start), start);
		start = end + 1;
	}
	if (rc == 0)
		rc = end_option(&c);
	free(c.pieces);
	return rc;
}
