/*
 * INI files as configparser.ConfigParser() reads them: Python 3.11's
 * RawConfigParser._read() and the "Supported INI File Structure" section of
 * its documentation, on text decoded as UTF-8 with universal newlines.
 *
 *   file         = *line                    lines end at "\n", "\r\n" or "\r"
 *   line         = comment | blank | continuation | header | option | bad
 *   comment      = ws ("#" | ";") any        whole lines only; no line of any value
 *   blank        = ws                        an empty line of the open option's value
 *   continuation = ws text                   while an option is open and the line is
 *                                            indented deeper than the last header,
 *                                            option or bad line: one more value line
 *   header       = ws "[" name "]" any ws    name runs to the last "]"; [DEFAULT]
 *                                            may be written again, no other section
 *   option       = ws key ws ("=" | ":") ws value ws
 *                                            key: up to the first "=" or ":", not
 *                                            empty, once per section
 *   bad          = any other line; the open option stays open
 *
 * ws is str.isspace() (Unicode white space, lex/pystr.h) and indentation is
 * counted in characters. A value is its lines joined with "\n", the blank
 * ones at the end dropped. Before the first header only comments and blank
 * lines may stand. Interpolation is in ini_interpolate.c.
 */
#include "detect/ini.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "deputy/array.h"
#include "deputy/utf8.h"
#include "lex/pystr.h"

struct reader {
	struct ini *ini;
	size_t section;          /* INI_NONE before the first header */
	size_t option;           /* the open option; INI_NONE when none */
	size_t indent;           /* of the last header, option or bad line */
	bool told_no_header;
};

struct section_key {
	const struct ini *ini;
	struct sv name;
};

struct option_key {
	const struct ini *ini;
	size_t section;
	struct sv key;
};

static size_t
section_hash(size_t i, const void *ctx)
{
	return sv_hash(((const struct ini *)ctx)->sections[i].name);
}

static bool
is_section(size_t i, const void *key)
{
	const struct section_key *k = key;

	return i != INI_DEFAULT && sv_eq(k->ini->sections[i].name, k->name);
}

static size_t
option_hash_of(size_t section, struct sv key)
{
	return sv_hash(key) ^ (section * (size_t)0x9e3779b97f4a7c15u);
}

static size_t
option_hash(size_t i, const void *ctx)
{
	const struct ini_option *o = &((const struct ini *)ctx)->options[i];

	return option_hash_of(o->section, o->key);
}

static bool
is_option(size_t i, const void *key)
{
	const struct option_key *k = key;
	const struct ini_option *o = &k->ini->options[i];

	return !o->replaced && o->section == k->section && sv_eq(o->key, k->key);
}

const struct ini_option *
ini_find(const struct ini *ini, size_t section, struct sv key)
{
	struct option_key k = { ini, section, key };
	size_t i = hash_index_find(&ini->option_index, option_hash_of(section, key), is_option, &k);

	return i == HASH_INDEX_NONE ? NULL : &ini->options[i];
}

const struct ini_option *
ini_lookup(const struct ini *ini, size_t section, struct sv key)
{
	const struct ini_option *o = ini_find(ini, section, key);

	return o || section == INI_DEFAULT ? o : ini_find(ini, INI_DEFAULT, key);
}

int
ini_each_option(const struct ini *ini, size_t section, ini_option_fn fn, void *payload)
{
	const struct ini_section *s = &ini->sections[section], *d = &ini->sections[INI_DEFAULT];
	int rc;

	for (size_t i = 0; i < s->n_options; i++)
		if (!ini->options[s->options[i]].replaced &&
		    (rc = fn(&ini->options[s->options[i]], payload)))
			return rc;
	for (size_t i = 0; section != INI_DEFAULT && i < d->n_options; i++) {
		const struct ini_option *o = &ini->options[d->options[i]];
		if (!o->replaced && !ini_find(ini, section, o->key) && (rc = fn(o, payload)))
			return rc;
	}
	return 0;
}

int
ini_raw_value(const struct ini *ini, struct mapped_text *out, const struct ini_option *opt)
{
	size_t end = opt->key_at;

	for (size_t i = 0; i < opt->n_lines; i++) {
		const struct ini_line *l = &ini->lines[opt->line + i];
		if ((i && mapped_text_put(out, '\n', end)) ||
		    mapped_text_append(out, l->text, l->at))
			return ERR_NOMEM;
		end = l->at + l->text.len;
	}
	return mapped_text_end(out, end);
}

/*
 * The line of @at, kept for "already at line N": looked up while reading
 * forward, it costs the distance walked; looked up again from far below, the
 * whole way back each time.
 */
static void
line_of(struct ini *ini, size_t at, unsigned *line)
{
	unsigned column;

	source_line_col(ini->src, at, line, &column);
}

static void
error(struct reader *r, size_t start, size_t end, const char *message)
{
	diag_add(r->ini->diags, DIAG_ERROR, r->ini->src, (struct span){ start, end }, "%s", message);
}

static int
add_line(struct reader *r, struct sv text, size_t at)
{
	struct ini *ini = r->ini;

	if (array_reserve(&ini->lines, &ini->cap_lines, ini->n_lines, sizeof(*ini->lines)))
		return ERR_NOMEM;
	ini->lines[ini->n_lines++] = (struct ini_line){ text, at };
	ini->options[r->option].n_lines++;
	return 0;
}

static int
open_section(struct reader *r, struct sv name, size_t at)
{
	struct ini *ini = r->ini;
	struct section_key k = { ini, name };
	size_t i;

	r->option = INI_NONE;
	if (sv_eq_cstr(name, "DEFAULT")) {
		r->section = INI_DEFAULT;
		if (ini->sections[INI_DEFAULT].at == INI_NONE)
			ini->sections[INI_DEFAULT].at = at;
		return 0;
	}
	i = hash_index_find(&ini->section_index, sv_hash(name), is_section, &k);
	if (i != HASH_INDEX_NONE) {
		diag_add(ini->diags, DIAG_ERROR, ini->src, (struct span){ at, at + name.len },
			 "expected each section once: [%.*s] is already at line %u",
			 (int)name.len, name.ptr, ini->sections[i].line_number);
		r->section = i;      /* read on into it, as a lenient parser would */
		return 0;
	}
	if (array_reserve(&ini->sections, &ini->cap_sections, ini->n_sections,
			  sizeof(*ini->sections)) ||
	    hash_index_reserve(&ini->section_index, ini->n_sections, section_hash, ini))
		return ERR_NOMEM;
	r->section = ini->n_sections;
	ini->sections[ini->n_sections++] = (struct ini_section){ .name = name, .at = at };
	line_of(ini, at, &ini->sections[r->section].line_number);
	hash_index_put(&ini->section_index, sv_hash(name), r->section);
	return 0;
}

static int
add_option(struct reader *r, struct sv key, size_t key_at, struct sv value, size_t value_at)
{
	struct ini *ini = r->ini;
	struct ini_section *s = &ini->sections[r->section];
	struct ini_option *old = (struct ini_option *)ini_find(ini, r->section, key);

	if (old) {
		diag_add(ini->diags, DIAG_ERROR, ini->src, (struct span){ key_at, key_at + key.len },
			 "expected each option once in a section: '%.*s' is already at line %u",
			 (int)key.len, key.ptr, old->line_number);
		old->replaced = true;
	}
	if (array_reserve(&ini->options, &ini->cap_options, ini->n_options, sizeof(*ini->options)) ||
	    array_reserve(&s->options, &s->cap_options, s->n_options, sizeof(*s->options)) ||
	    hash_index_reserve(&ini->option_index, ini->n_options, option_hash, ini))
		return ERR_NOMEM;
	r->option = ini->n_options;
	ini->options[ini->n_options++] = (struct ini_option){
		.key = key, .key_at = key_at, .section = r->section, .line = ini->n_lines,
	};
	line_of(ini, key_at, &ini->options[r->option].line_number);
	s->options[s->n_options++] = r->option;
	hash_index_put(&ini->option_index, option_hash_of(r->section, key), r->option);
	return add_line(r, value, value_at);
}

/* A header, an option or a bad line: @v is the line stripped, at @at. */
static int
read_entry(struct reader *r, struct sv v, size_t at)
{
	size_t close = v.len, delim = 0, skip;

	while (close > 0 && v.ptr[close - 1] != ']')
		close--;
	if (v.ptr[0] == '[' && close > 2)
		return open_section(r, sv_slice(v, 1, close - 2), at + 1);
	if (r->section == INI_NONE) {
		/* configparser stops at the first such line; one report is enough */
		if (r->told_no_header)
			return 0;
		if (at == 0 && sv_starts_with(v, SV_LIT("\xef\xbb\xbf")))
			error(r, 0, 3, "expected a [section] header, not a byte-order mark: "
			      "the file is read as utf-8, which keeps it");
		else
			error(r, at, at + v.len,
			      "expected a [section] header before the first option");
		r->told_no_header = true;
		return 0;
	}
	while (delim < v.len && v.ptr[delim] != '=' && v.ptr[delim] != ':')
		delim++;
	if (delim == v.len) {
		error(r, at, at + v.len,
		      "expected 'key = value', a [section] header or a line indented deeper");
		return 0;
	}
	if (delim == 0) {
		error(r, at, at + 1, "expected an option name before the delimiter");
		r->option = INI_NONE;
		return 0;
	}
	struct sv key = pystr_strip(sv_slice(v, 0, delim), NULL);
	struct sv value = pystr_strip(sv_tail(v, delim + 1), &skip);
	return add_option(r, key, at, value, at + delim + 1 + skip);
}

static int
read_line(struct reader *r, struct sv line, size_t at)
{
	size_t skip;
	struct sv v = pystr_strip(line, &skip);

	if (v.len && (v.ptr[0] == '#' || v.ptr[0] == ';'))
		return 0;
	if (!v.len)
		return r->option != INI_NONE ? add_line(r, v, at) : 0;
	size_t indent = pystr_indent(line);
	if (r->option != INI_NONE && indent > r->indent)
		return add_line(r, v, at + skip);
	r->indent = indent;
	return read_entry(r, v, at + skip);
}

/* io.open(encoding="utf-8") refuses the file at its first byte that does not decode. */
static void
check_utf8(struct ini *ini)
{
	struct sv t = ini->src->text;

	for (size_t i = 0; i < t.len;) {
		uint32_t cp;
		size_t n = (unsigned char)t.ptr[i] < 0x80 ? 1
							     : utf8_decode(t.ptr + i, t.len - i, &cp);
		if (n == 0) {
			diag_add(ini->diags, DIAG_ERROR, ini->src, (struct span){ i, i + 1 },
				 "expected utf-8 text: byte 0x%02x does not decode",
				 (unsigned char)t.ptr[i]);
			return;
		}
		i += n;
	}
}

/* configparser's rstrip() of the joined value, and whether get() interpolates it. */
static void
finish_options(struct ini *ini)
{
	for (size_t i = 0; i < ini->n_options; i++) {
		struct ini_option *o = &ini->options[i];
		while (o->n_lines > 1 && ini->lines[o->line + o->n_lines - 1].text.len == 0)
			o->n_lines--;
		for (size_t k = 0; k < o->n_lines && !o->percent; k++)
			o->percent = sv_find_char(ini->lines[o->line + k].text, '%') != SV_NPOS;
	}
}

int
ini_parse(struct ini *ini, struct source *src, struct diags *diags)
{
	struct reader r = { .ini = ini, .section = INI_NONE, .option = INI_NONE };
	struct sv t = src->text;
	int rc = 0;

	memset(ini, 0, sizeof(*ini));
	ini->src = src;
	ini->diags = diags;
	if (array_reserve(&ini->sections, &ini->cap_sections, 0, sizeof(*ini->sections)))
		return ERR_NOMEM;
	ini->sections[ini->n_sections++] =
		(struct ini_section){ .name = SV_LIT("DEFAULT"), .at = INI_NONE };
	check_utf8(ini);
	for (size_t start = 0; start < t.len && rc == 0;) {
		size_t end = start;
		while (end < t.len && t.ptr[end] != '\n' && t.ptr[end] != '\r')
			end++;
		rc = read_line(&r, sv_slice(t, start, end - start), start);
		bool crlf = end + 1 < t.len && t.ptr[end] == '\r' && t.ptr[end + 1] == '\n';
		start = end + (crlf ? 2 : 1);
	}
	finish_options(ini);
	return rc;
}

void
ini_release(struct ini *ini)
{
	for (size_t i = 0; i < ini->n_sections; i++)
		free(ini->sections[i].options);
	free(ini->sections);
	free(ini->options);
	free(ini->lines);
	hash_index_release(&ini->section_index);
	hash_index_release(&ini->option_index);
	memset(ini, 0, sizeof(*ini));
}
