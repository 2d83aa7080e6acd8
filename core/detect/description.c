/*
 * The detector for an R package's DESCRIPTION: the packages its dependency
 * fields name, the repositories its Remotes field installs from, and its
 * Additional_repositories ("Writing R Extensions", 1.1.1 and 1.1.3).
 *
 *   dep-field = [entry] {"," [entry]}                 Depends, Imports, LinkingTo,
 *   entry     = package [ "(" op version ")" ]         Suggests, Enhances
 *   remotes   = [remote] {"," [remote]}               each a spec of lex/rremote.h
 *   repos     = [url] {"," [url]}                     Additional_repositories
 *
 * Field names are matched exactly, as R does; "R" in Depends is the R version.
 */
#include "detect/detect.h"

#include <string.h>

#include "lex/dcf.h"
#include "lex/rremote.h"

#include "deputy/ascii.h"

/* How much of an entry goes into dep->raw. */
#define RAW_MAX 200

enum desc_field {
	FIELD_PACKAGES,
	FIELD_REMOTES,
	FIELD_REPOS,
};

static const struct {
	const char *name;
	enum desc_field kind;
} known_fields[] = {
	{ "Depends", FIELD_PACKAGES },
	{ "Imports", FIELD_PACKAGES },
	{ "LinkingTo", FIELD_PACKAGES },
	{ "Suggests", FIELD_PACKAGES },
	{ "Enhances", FIELD_PACKAGES },
	{ "Remotes", FIELD_REMOTES },
	{ "Additional_repositories", FIELD_REPOS },
};

#define N_KNOWN (sizeof(known_fields) / sizeof(known_fields[0]))

struct desc_state {
	struct detect_out *out;
	struct source *src;
	const struct dcf_field *field;
	size_t seen_record;          /* the record seen[] counts for */
	unsigned seen[N_KNOWN];
	bool warned_records;
};

/* One comma-separated entry of a field value: [start, end) of the value. */
struct entry {
	size_t start, end;
};

bool
description_matches(const char *path)
{
	return strcmp(path_basename(path), "DESCRIPTION") == 0;
}

static bool
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static size_t
src_at(const struct desc_state *st, size_t value_offset)
{
	return dcf_source_offset(st->field, value_offset);
}

/* @s cut to at most RAW_MAX bytes, not inside a UTF-8 sequence. */
static const char *
raw_text(struct arena *arena, struct sv s)
{
	if (s.len > RAW_MAX) {
		s.len = RAW_MAX;
		while (s.len > 0 && ((unsigned char)s.ptr[s.len] & 0xc0) == 0x80)
			s.len--;
	}
	return arena_strndup(arena, s);
}

static void
report(struct desc_state *st, enum diag_level level, size_t value_offset, const char *message)
{
	size_t at = src_at(st, value_offset);

	diag_add(st->out->diags, level, st->src, (struct span){ at, at }, "%s", message);
}

/* Fills what every declaration of this file shares; the name at [start, end). */
static int
place(struct desc_state *st, struct dep *dep, struct entry e, size_t name_start,
      size_t name_end)
{
	const struct dcf_field *f = st->field;

	dep->language = LANG_R;
	dep->kind = DEP_MANIFEST;
	dep->file = st->src->path;
	dep->at.start = f->at.start;
	dep->at.end = f->at.end;
	dep->at.name_start = src_at(st, name_start);
	dep->at.name_end = src_at(st, name_end);
	source_line_col(st->src, dep->at.name_start, &dep->line, &dep->column);
	dep->raw = raw_text(st->out->arena, sv_make(f->value + e.start, e.end - e.start));
	return dep->raw ? 0 : ERR_NOMEM;
}

/* "(>= 1.0)" without spaces and parentheses; reports what is wrong with it. */
static const char *
read_constraint(struct desc_state *st, size_t open, size_t end, size_t *after)
{
	const char *v = st->field->value;
	char buf[RAW_MAX + 1];
	size_t n = 0, close = open + 1;

	while (close < end && v[close] != ')')
		close++;
	if (close == end) {
		report(st, DIAG_ERROR, open, "expected ')' after the version constraint");
		*after = end;
		return "";
	}
	*after = close + 1;
	for (size_t i = open + 1; i < close && n < RAW_MAX; i++)
		if (!is_ws(v[i]))
			buf[n++] = v[i];
	buf[n] = '\0';
	if (n == 0 || !byte_in("<>=!", buf[0]))
		report(st, DIAG_WARNING, open + 1,
		       "expected an operator (>=, >, ==, <=, <, !=) and a version inside '(...)'");
	return arena_strdup(st->out->arena, buf);
}

static int
read_package(struct desc_state *st, struct entry e)
{
	const char *v = st->field->value;
	size_t name_end = e.start, after;
	const char *spec = "";
	struct dep *dep;

	while (name_end < e.end && !is_ws(v[name_end]) && v[name_end] != '(')
		name_end++;
	if (name_end == e.start) {
		report(st, DIAG_ERROR, e.start, "expected a package name before '('");
		return 0;
	}
	after = name_end;
	while (after < e.end && is_ws(v[after]))
		after++;
	if (after < e.end && v[after] == '(') {
		spec = read_constraint(st, after, e.end, &after);
		if (!spec)
			return ERR_NOMEM;
		while (after < e.end && is_ws(v[after]))
			after++;
	}
	if (after < e.end)
		report(st, DIAG_ERROR, after, "expected ',' between packages");
	if (name_end - e.start == 1 && v[e.start] == 'R')
		return 0;       /* the R version, not a package */
	if (!(dep = detect_new_dep(st->out)))
		return ERR_NOMEM;
	dep->ecosystem = ECO_CRAN;
	dep->name = arena_strndup(st->out->arena, sv_make(v + e.start, name_end - e.start));
	if (!dep->name)
		return ERR_NOMEM;
	dep->normalized = dep->name;
	dep->spec = spec;
	return place(st, dep, e, e.start, name_end);
}

static int
read_remote(struct desc_state *st, struct entry e)
{
	struct sv spec = sv_make(st->field->value + e.start, e.end - e.start);
	struct rremote r;
	const char *why;
	struct dep *dep;
	int rc;

	rc = rremote_parse(&r, st->out->arena, spec, &why);
	if (rc == ERR_SYNTAX) {
		report(st, DIAG_ERROR, e.start, why);
		return 0;
	}
	if (rc)
		return rc;
	if (!(dep = detect_new_dep(st->out)))
		return ERR_NOMEM;
	if ((rc = rremote_fill_dep(dep, st->out->arena, &r)))
		return rc;
	return place(st, dep, e, e.start, e.end);
}

static int
read_repo(struct desc_state *st, struct entry e)
{
	struct index_option *opt = detect_new_option(st->out);
	struct sv url = sv_make(st->field->value + e.start, e.end - e.start);

	if (!opt)
		return ERR_NOMEM;
	opt->kind = OPT_R_REPOS;
	opt->value = arena_strndup(st->out->arena, url);
	opt->raw = raw_text(st->out->arena, url);
	opt->file = st->src->path;
	opt->at.start = st->field->at.start;
	opt->at.end = st->field->at.end;
	opt->at.name_start = src_at(st, e.start);
	opt->at.name_end = src_at(st, e.end);
	source_line_col(st->src, opt->at.name_start, &opt->line, &opt->column);
	if (sv_find_char(url, ' ') != SV_NPOS || sv_find_char(url, '\n') != SV_NPOS)
		report(st, DIAG_WARNING, e.start, "expected ',' between repository urls");
	return opt->value && opt->raw ? 0 : ERR_NOMEM;
}

/* Calls the reader for each non-empty, trimmed comma-separated entry. */
static int
each_entry(struct desc_state *st, enum desc_field kind)
{
	const char *v = st->field->value;
	size_t len = st->field->value_len, i = 0;
	int rc = 0;

	while (i <= len && rc == 0) {
		struct entry e = { i, i };
		while (e.end < len && v[e.end] != ',')
			e.end++;
		i = e.end + 1;
		while (e.start < e.end && is_ws(v[e.start]))
			e.start++;
		while (e.end > e.start && is_ws(v[e.end - 1]))
			e.end--;
		if (e.start == e.end)
			continue;       /* R skips empty entries ("a, b,") */
		switch (kind) {
		case FIELD_PACKAGES: rc = read_package(st, e); break;
		case FIELD_REMOTES: rc = read_remote(st, e); break;
		case FIELD_REPOS: rc = read_repo(st, e); break;
		}
	}
	return rc;
}

static int
on_field(const struct dcf_field *field, void *payload)
{
	struct desc_state *st = payload;

	if (field->record > 0 && !st->warned_records) {
		diag_add(st->out->diags, DIAG_WARNING, st->src, field->at,
			 "a description file holds one record; r rejects a file with more");
		st->warned_records = true;
	}
	if (field->record != st->seen_record) {
		memset(st->seen, 0, sizeof(st->seen));
		st->seen_record = field->record;
	}
	for (size_t i = 0; i < N_KNOWN; i++) {
		if (!sv_eq_cstr(field->name, known_fields[i].name))
			continue;
		if (st->seen[i]++)
			diag_add(st->out->diags, DIAG_WARNING, st->src, field->at,
				 "field '%s' appears again; r keeps only the last one",
				 known_fields[i].name);
		st->field = field;
		return each_entry(st, known_fields[i].kind);
	}
	return 0;
}

int
detect_description(struct detect_out *out, struct source *src, const struct detect_ctx *ctx)
{
	struct desc_state st;

	(void)ctx;
	memset(&st, 0, sizeof(st));
	st.out = out;
	st.src = src;
	return dcf_parse(src, out->arena, out->diags, on_field, &st);
}
