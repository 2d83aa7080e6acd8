/*
 * TOML manifests (pyproject.toml, Pipfile): read part by part after an
 * error (core/lex/toml.c stops at the first one, as a TOML reader must; a
 * scanner wants the declarations around it too), strings placed back in the
 * file, and typed lookups that report a wrong type where it is written.
 */
#include "detect/pyreq_toml.h"

#include <string.h>

#include "deputy/array.h"

/* The start of the line holding byte @at. */
static size_t
line_start(struct sv text, size_t at)
{
	while (at > 0 && text.ptr[at - 1] != '\n')
		at--;
	return at;
}

/* The start of the line after the one holding @at (text.len when none). */
static size_t
next_line(struct sv text, size_t at)
{
	while (at < text.len && text.ptr[at] != '\n')
		at++;
	return at < text.len ? at + 1 : text.len;
}

/* The first line at or after @at that starts with '[' in its first column. */
static size_t
next_header(struct sv text, size_t at)
{
	for (at = line_start(text, at); at < text.len; at = next_line(text, at))
		if (text.ptr[at] == '[')
			return at;
	return SV_NPOS;
}

/*
 * Calls @fn on the longest run of whole lines from @start, ending before the
 * line of @bad, that parses; at most PYREQ_TOML_MAX_PARTS tries.
 */
static int
read_before(struct detect_out *out, struct source *src, size_t start, size_t bad,
	    pyreq_toml_fn fn, void *payload)
{
	size_t end = line_start(src->text, bad);

	for (int tries = 0; tries < PYREQ_TOML_MAX_PARTS && end > start; tries++) {
		struct toml_value *root;
		struct toml_error err;
		int rc = toml_parse(&root, out->arena, sv_make(src->text.ptr + start, end - start),
				    &err);
		if (rc == ERR_NOMEM)
			return rc;
		if (rc == 0)
			return fn(root, start, payload);
		end = line_start(src->text, end - 1);
	}
	return 0;
}

int
pyreq_toml_read(struct detect_out *out, struct source *src, pyreq_toml_fn fn,
		void *payload)
{
	struct toml_value *root;
	struct toml_error err;
	size_t start = 0;
	int rc;

	for (int part = 0; part < PYREQ_TOML_MAX_PARTS; part++) {
		struct sv rest = sv_tail(src->text, start);
		rc = toml_parse(&root, out->arena, rest, &err);
		if (rc == ERR_NOMEM)
			return rc;
		if (rc == 0)
			return fn(root, start, payload);
		size_t bad = start + err.offset;
		if (part == 0)
			diag_add(out->diags, DIAG_ERROR, src, (struct span){ bad, bad }, "%s",
				 err.message);
		if ((rc = read_before(out, src, start, bad, fn, payload)))
			return rc;
		start = next_header(src->text, next_line(src->text, bad));
		if (start == SV_NPOS)
			return 0;
	}
	return 0;
}

void
pyreq_toml_text(struct pyreq_text *out, struct source *src, size_t base,
		const struct toml_value *v)
{
	struct span at = pyreq_toml_span(v, base);
	struct sv raw = sv_slice(src->text, at.start, at.end - at.start);
	size_t quote = 1;

	memset(out, 0, sizeof(*out));
	out->text = v->kind == TOML_STRING ? v->as.string : SV_NULL;
	out->at = at;
	if (sv_starts_with(raw, SV_LIT("\"\"\"")) || sv_starts_with(raw, SV_LIT("'''")))
		quote = 3;
	if (raw.len < 2 * quote)
		return;
	struct sv inner = sv_slice(raw, quote, raw.len - 2 * quote);
	/* a newline right after the opening quotes of a multi-line string is trimmed */
	if (quote == 3 && sv_starts_with(inner, SV_LIT("\n")))
		inner = sv_tail(inner, 1);
	else if (quote == 3 && sv_starts_with(inner, SV_LIT("\r\n")))
		inner = sv_tail(inner, 2);
	out->text_at = (size_t)(inner.ptr - src->text.ptr);
	out->exact = sv_eq(inner, out->text);
}

struct span
pyreq_toml_span(const struct toml_value *v, size_t base)
{
	return (struct span){ v->at.start + base, v->at.end + base };
}

struct span
pyreq_toml_entry_span(const struct toml_entry *e, size_t base)
{
	size_t end = e->value->at.end > e->key_at.end ? e->value->at.end : e->key_at.end;

	return (struct span){ e->key_at.start + base, end + base };
}

struct span
pyreq_toml_key_span(struct source *src, const struct toml_entry *e, size_t base)
{
	struct span at = { e->key_at.start + base, e->key_at.end + base };

	if (at.end - at.start >= 2 && at.end <= src->text.len &&
	    (src->text.ptr[at.start] == '"' || src->text.ptr[at.start] == '\'')) {
		at.start++;
		at.end--;
	}
	return at;
}

/* ---- typed lookups ---- */

void
pyreq_toml_expected(struct pyreq_toml_doc *pp, const struct toml_value *v,
		    const char *what, const char *where)
{
	struct span at = pyreq_toml_span(v, pp->base);

	diag_add(pp->out->diags, DIAG_ERROR, pp->src, at, "expected %s for %s, found %s", what,
		 where, v->kind == TOML_TABLE && !v->is_inline ? "a table" :
		 toml_kind_name(v->kind));
}

const char *
pyreq_toml_get_string(struct pyreq_toml_doc *pp, const struct toml_value *table,
		      const char *key, const struct toml_value **value)
{
	const struct toml_value *v = toml_table_get(table, key);

	if (value)
		*value = v;
	if (v && v->kind != TOML_STRING) {
		pyreq_toml_expected(pp, v, "a string", key);
		return NULL;
	}
	return toml_string(v);
}

bool
pyreq_toml_get_bool(const struct toml_value *table, const char *key)
{
	const struct toml_value *v = toml_table_get(table, key);

	return v && v->kind == TOML_BOOL && v->as.boolean;
}

/* "-e path", "-e url#egg=name" or "-e name @ url", as PDM writes editable dev dependencies. */
static int
add_editable(struct pyreq_toml_doc *pp, const struct pyreq_text *t, enum dep_kind kind)
{
	struct sv rest = sv_trim(sv_tail(t->text, 2));
	struct pyreq_text sub = *t;
	struct dep *dep;
	int rc;

	sub.text = rest;
	sub.text_at = t->text_at + (size_t)(rest.ptr - t->text.ptr);
	if (sv_find(rest, SV_LIT("://")) == SV_NPOS && !sv_starts_with(rest, SV_LIT(".")) &&
	    !sv_starts_with(rest, SV_LIT("/"))) {
		if ((rc = pyreq_add(&dep, pp->out, pp->src, &sub, kind)))
			return rc;
		if (dep)
			dep->editable = true;
		return 0;
	}
	struct span name_at = { pyreq_offset(&sub, 0), pyreq_offset(&sub, rest.len) };
	if (!(dep = pyreq_new_dep(pp->out, pp->src, kind, t->at, name_at)))
		return ERR_NOMEM;
	dep->editable = true;
	dep->env_var = sv_find(rest, SV_LIT("${")) != SV_NPOS;
	if (sv_find(rest, SV_LIT("://")) != SV_NPOS)
		rc = pyreq_set_url(dep, pp->out->arena, rest);
	else
		rc = (dep->url = arena_strndup(pp->out->arena, rest)) ? 0 : ERR_NOMEM;
	if (rc)
		return rc;
	if (sv_find(rest, SV_LIT("://")) == SV_NPOS)
		dep->ecosystem = ECO_LOCAL;
	size_t egg = sv_find(rest, SV_LIT("#egg="));
	if (egg != SV_NPOS) {
		struct sv name = sv_tail(rest, egg + 5);
		name = sv_slice(name, 0, sv_find_char(name, '&'));
		return pyreq_set_name(dep, pp->out->arena, name);
	}
	return 0;
}

int
pyreq_toml_read_requirements(struct pyreq_toml_doc *pp, const struct toml_value *v,
			     enum dep_kind kind, const char *where, bool editable_ok)
{
	struct dep *dep;
	int rc;

	if (!v)
		return 0;
	if (v->kind != TOML_ARRAY) {
		pyreq_toml_expected(pp, v, "an array of requirement strings", where);
		return 0;
	}
	for (size_t i = 0; i < toml_array_len(v); i++) {
		const struct toml_value *item = toml_array_at(v, i);
		struct pyreq_text t;
		if (item->kind != TOML_STRING) {
			pyreq_toml_expected(pp, item, "a requirement string", where);
			continue;
		}
		pyreq_toml_text(&t, pp->src, pp->base, item);
		if (editable_ok && sv_starts_with(t.text, SV_LIT("-e")))
			rc = add_editable(pp, &t, kind);
		else
			rc = pyreq_add(&dep, pp->out, pp->src, &t, kind);
		if (rc)
			return rc;
	}
	return 0;
}

struct span
pyreq_toml_table_span(const struct pyreq_toml_doc *pp, const struct toml_value *t)
{
	struct span at = pyreq_toml_span(t, pp->base);

	if (!t->is_inline) {
		while (at.start > 0 && pp->src->text.ptr[at.start - 1] != '\n')
			at.start--;
		for (size_t i = 0; i < toml_table_len(t); i++) {
			struct span e = pyreq_toml_entry_span(toml_table_at(t, i), pp->base);
			if (e.end > at.end)
				at.end = e.end;
		}
	}
	return at;
}

/* A constraint as written, without spaces; "*" (any version) is no constraint. */
const char *
pyreq_toml_constraint_spec(struct pyreq_toml_doc *pp, const char *constraint)
{
	char *spec = pyreq_strip_spaces(pp->out->arena, sv_from_cstr(constraint));

	if (spec && strcmp(spec, "*") == 0)
		spec[0] = '\0';
	return spec;
}

int
pyreq_toml_set_extras(struct pyreq_toml_doc *pp, struct dep *dep, const struct toml_value *extras)
{
	const char **names;
	size_t n = 0;

	if (!extras)
		return 0;
	if (extras->kind != TOML_ARRAY) {
		pyreq_toml_expected(pp, extras, "an array of strings", "extras");
		return 0;
	}
	if (!(names = arena_alloc(pp->out->arena, (toml_array_len(extras) + 1) * sizeof(*names))))
		return ERR_NOMEM;
	for (size_t i = 0; i < toml_array_len(extras); i++) {
		const struct toml_value *x = toml_array_at(extras, i);
		if (x->kind == TOML_STRING)
			names[n++] = x->as.string.ptr;
		else
			pyreq_toml_expected(pp, x, "a string", "extras");
	}
	dep->extras = names;
	dep->n_extras = n;
	return 0;
}

int
pyreq_toml_add_index(struct pyreq_toml_doc *pp, const char *name, const char *url)
{
	if (array_reserve(&pp->indexes, &pp->cap_indexes, pp->n_indexes, sizeof(*pp->indexes)))
		return ERR_NOMEM;
	pp->indexes[pp->n_indexes++] = (struct pyreq_toml_index){ name, url };
	return 0;
}

const char *
pyreq_toml_find_index(const struct pyreq_toml_doc *pp, const char *name)
{
	for (size_t i = pp->n_indexes; i > 0; i--)
		if (pp->indexes[i - 1].name && strcmp(pp->indexes[i - 1].name, name) == 0)
			return pp->indexes[i - 1].url;
	return NULL;
}

int
pyreq_toml_add_option(struct pyreq_toml_doc *pp, const struct toml_value *table,
		 const struct toml_value *url, enum index_option_kind kind)
{
	struct index_option *opt = detect_new_option(pp->out);
	struct span at = pyreq_toml_table_span(pp, table);
	struct pyreq_text t;

	if (!opt)
		return ERR_NOMEM;
	pyreq_toml_text(&t, pp->src, pp->base, url);
	opt->kind = kind;
	opt->value = url->as.string.ptr;
	opt->file = pp->src->path;
	opt->at.start = at.start;
	opt->at.end = at.end;
	opt->at.name_start = pyreq_offset(&t, 0);
	opt->at.name_end = pyreq_offset(&t, t.text.len);
	source_line_col(pp->src, opt->at.name_start, &opt->line, &opt->column);
	return (opt->raw = pyreq_raw(pp->out->arena, pp->src, at)) ? 0 : ERR_NOMEM;
}

