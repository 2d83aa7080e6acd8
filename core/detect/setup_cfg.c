/*
 * The detector for setup.cfg, read the way setuptools 65 reads it for `pip
 * install .`: Distribution.parse_config_files() reads the file with
 * configparser.ConfigParser(), optionxform = str (detect/ini.c) and get()s
 * every option of every section; config/setupcfg.py picks sections and parses
 * lists; _reqs.parse() reads each requirement, as finalize_options() does for
 * setup_requires and tests_require too.
 *
 *   handlers    a section named "options..." (or "metadata...") goes to the
 *               handler its name names without each "options" ("metadata")
 *               and without dots at either end: "" (the options themselves),
 *               "extras_require", "packages.find", "entry_points",
 *               "package_data", "exclude_package_data", "data_files" ([metadata]
 *               only ""); any other is refused; the last section a name wins
 *   options     configparser's options(): the section's own, then [DEFAULT]'s;
 *               dashes read as underscores except in a section named exactly
 *               [options.extras_require]; "__name__" skipped; the last wins
 *   [options]   install_requires = reqlist; setup_requires, tests_require = list
 *   [options.extras_require]   <extra> = reqlist
 *   reqlist     = "file:" path *("," path) | list     (the value starts "file:")
 *   list        = the value's lines (str.splitlines()) when it holds a "\n",
 *                 else its ";"-separated items; each stripped, the empty ones
 *                 dropped, in a reqlist also those starting "#" (_parse_list)
 *   requirement = each item's lines, stripped, blank and "#" lines dropped; " #"
 *                 ends one (drop_comment); one ending "\" loses its last two
 *                 characters and takes the next (join_continuation); PEP 508
 */
#include "detect/setup_cfg.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "deputy/array.h"
#include "deputy/hash_index.h"
#include "deputy/mapped_text.h"
#include "detect/ini.h"
#include "detect/pyreq.h"
#include "lex/pep508.h"
#include "lex/pystr.h"

enum list_kind {
	LIST_PLAIN,              /* setup_requires, tests_require */
	LIST_REQUIREMENTS,       /* install_requires, extras: "file:", "#" items dropped */
};

/* A slice [start, end) of the value being read. */
struct piece {
	size_t start, end;
};

struct cfg {
	struct detect_out *out;
	struct source *src;
	struct ini ini;
	setup_cfg_list_fn fn;
	void *payload;
	struct mapped_text value;    /* the list being read, interpolated */
	struct mapped_text joined;   /* a requirement continued with "\" */
	bool pending;                /* @joined ends in a cut "\": it takes the next line */
	struct piece *items;         /* heap */
	size_t n_items, cap_items;
};

bool
setup_cfg_matches(const char *path)
{
	return strcmp(path_basename(path), "setup.cfg") == 0;
}

/*
 * Where the bytes [@start, @end) of @m are written: from the first, as far as
 * they follow each other in the file (a joined "\" line does; a value
 * interpolated from elsewhere does not).
 */
static struct span
value_span(const struct mapped_text *m, size_t start, size_t end)
{
	size_t i = start + 1;

	while (i < end && m->map[i] > m->map[i - 1])
		i++;
	return (struct span){ m->map[start], m->map[i - 1] + 1 };
}

/* ---- requirements ---- */

static int
add_requirement(struct cfg *c, const struct mapped_text *m, size_t start, size_t end,
		enum list_kind kind)
{
	struct pyreq_text t = {
		.text = sv_make(m->text + start, end - start),
		.at = value_span(m, start, end),
		.map = m->map + start,
	};
	struct dep *dep;

	if (kind == LIST_PLAIN && sv_starts_with(t.text, SV_LIT("file:"))) {
		diag_add(c->out->diags, DIAG_ERROR, c->src, t.at, "expected a requirement: "
			 "setuptools reads 'file:' only in install_requires and extras_require");
		return 0;
	}
	return pyreq_add(&dep, c->out, c->src, &t, DEP_MANIFEST);
}

/* join_continuation()'s item[:-2].strip() on @joined. */
static void
cut_continuation(struct mapped_text *j)
{
	size_t skip;

	j->len--;
	j->len -= pystr_last_len(sv_make(j->text, j->len));
	struct sv s = pystr_strip(sv_make(j->text, j->len), &skip);
	if (skip) {     /* only when nothing is left but white space: never a long move */
		memmove(j->text, s.ptr, s.len);
		memmove(j->map, j->map + skip, s.len * sizeof(*j->map));
	}
	j->len = s.len;
}

/* One line after drop_comment(), into join_continuation(). */
static int
take_line(struct cfg *c, size_t start, size_t end, enum list_kind kind)
{
	struct mapped_text *j = &c->joined;
	bool continued = c->value.text[end - 1] == '\\';
	int rc;

	if (!c->pending && !continued)
		return add_requirement(c, &c->value, start, end, kind);
	if (!c->pending)
		mapped_text_reset(j);
	if ((rc = mapped_text_append_map(j, sv_make(c->value.text + start, end - start),
					 c->value.map + start)))
		return rc;
	c->pending = continued;
	if (continued)
		cut_continuation(j);
	return continued ? 0 : add_requirement(c, j, 0, j->len, kind);
}

/* yield_lines() and drop_comment() on item @p. */
static int
read_item(struct cfg *c, struct piece p, enum list_kind kind)
{
	struct sv v = mapped_text_sv(&c->value);
	size_t start = p.start;
	int rc = 0;

	for (size_t i = p.start; i <= p.end && rc == 0;) {
		size_t brk = i == p.end ? 1 : pystr_break_len(sv_slice(v, i, p.end - i));
		if (!brk) {
			i++;
			continue;
		}
		size_t skip;
		struct sv line = pystr_strip(sv_slice(v, start, i - start), &skip);
		size_t at = start + skip;
		start = i += brk;
		if (!line.len || line.ptr[0] == '#')
			continue;
		size_t cut = sv_find(line, SV_LIT(" #"));
		rc = take_line(c, at, at + (cut == SV_NPOS ? line.len : cut), kind);
	}
	return rc;
}

/* ---- lists ---- */

/*
 * setupcfg.py's _warn_accidental_env_marker_misconfig(): "a; marker" on one
 * line is two items. setuptools warns so for install_requires and the extras;
 * setup_requires and tests_require have the same trap.
 */
static int
warn_split_marker(struct cfg *c)
{
	struct piece a = c->items[0], b = c->items[1];
	char *joined = arena_printf(c->out->arena, "%.*s;%.*s", (int)(a.end - a.start),
				    c->value.text + a.start, (int)(b.end - b.start),
				    c->value.text + b.start);
	struct pep508_error err;
	struct pep508_req req;
	int rc;

	if (!joined)
		return ERR_NOMEM;
	rc = pep508_parse(&req, c->out->arena, sv_from_cstr(joined), &err);
	if (rc == ERR_NOMEM)
		return rc;
	if (rc == 0 && req.marker[0])
		diag_add(c->out->diags, DIAG_WARNING, c->src, value_span(&c->value, b.start, b.end),
			 "one-line value split on ';': '%.*s' is read as a second requirement, "
			 "not a marker; put the requirement on its own indented line",
			 (int)(b.end - b.start), c->value.text + b.start);
	return 0;
}

/* _parse_list(value, separator=';'): the stripped, non-empty items. */
static int
split_items(struct cfg *c)
{
	struct sv v = mapped_text_sv(&c->value);
	bool lines = sv_find_char(v, '\n') != SV_NPOS;
	size_t start = 0;

	c->n_items = 0;
	for (size_t i = 0; i <= v.len;) {
		size_t brk = i == v.len ? 1
			     : lines    ? pystr_break_len(sv_tail(v, i))
					: v.ptr[i] == ';';
		if (!brk) {
			i++;
			continue;
		}
		size_t skip;
		struct sv item = pystr_strip(sv_slice(v, start, i - start), &skip);
		if (item.len) {
			if (array_reserve(&c->items, &c->cap_items, c->n_items, sizeof(*c->items)))
				return ERR_NOMEM;
			c->items[c->n_items++] = (struct piece){ start + skip,
								 start + skip + item.len };
		}
		start = i += brk;
	}
	return !lines && c->n_items == 2 ? warn_split_marker(c) : 0;
}

/* "file: a.txt, b.txt": requirement files for the scan to read. */
static int
add_files(struct cfg *c)
{
	struct sv v = mapped_text_sv(&c->value);
	size_t start = 5;
	int rc;

	for (size_t i = start; i <= v.len; i++) {
		if (i < v.len && v.ptr[i] != ',')
			continue;
		size_t skip;
		struct sv path = pystr_strip(sv_slice(v, start, i - start), &skip);
		size_t at = start + skip;
		start = i + 1;
		if (!path.len)
			continue;
		struct detect_include inc = {
			.path = arena_strndup(c->out->arena, path),
			.from = c->src->path,
			.at = value_span(&c->value, at, at + path.len),
		};
		if (!inc.path)
			return ERR_NOMEM;
		source_line_col(c->src, inc.at.start, &inc.line, &inc.column);
		if ((rc = detect_add_include(c->out, &inc)))
			return rc;
	}
	return 0;
}

/* The list @opt holds, got in @section. */
static int
read_list(struct cfg *c, size_t section, const struct ini_option *opt, enum list_kind kind,
	  const char *option, struct sv extra)
{
	int rc;

	if (c->fn && (rc = c->fn(option, extra, c->payload)))
		return rc;
	if ((rc = ini_get(&c->ini, &c->value, section, opt)))
		return rc == ERR_NOMEM ? rc : 0;      /* refused: ini_check() or ini_get() said why */
	if (kind == LIST_REQUIREMENTS && sv_starts_with(mapped_text_sv(&c->value), SV_LIT("file:")))
		return add_files(c);
	if ((rc = split_items(c)))
		return rc;
	c->pending = false;
	for (size_t i = 0; i < c->n_items && rc == 0; i++)
		if (kind == LIST_PLAIN || c->value.text[c->items[i].start] != '#')
			rc = read_item(c, c->items[i], kind);
	if (rc == 0 && c->pending)
		diag_add(c->out->diags, DIAG_WARNING, c->src,
			 value_span(&c->joined, 0, c->joined.len ? c->joined.len : 1),
			 "expected a line after this '\\' to continue the requirement; "
			 "setuptools drops it");
	return rc;
}

/* ---- sections and options ---- */

/* A byte of an option name as setuptools compares it: '-' reads as '_' when @dashes. */
static char
name_byte(char c, bool dashes)
{
	return dashes && c == '-' ? '_' : c;
}

static bool
name_is(struct sv key, const char *name, bool dashes)
{
	size_t n = strlen(name);

	if (key.len != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (name_byte(key.ptr[i], dashes) != name[i])
			return false;
	return true;
}

/* The extras of [options.extras_require], the last of each name winning. */
struct extras {
	const struct ini_option **options;   /* heap */
	size_t n, cap;
	bool dashes;
	struct hash_index index;
};

struct extra_key {
	const struct extras *extras;
	struct sv name;
};

static size_t
name_hash(struct sv name, bool dashes)
{
	size_t h = 14695981039346656037u;

	for (size_t i = 0; i < name.len; i++)
		h = (h ^ (unsigned char)name_byte(name.ptr[i], dashes)) * 1099511628211u;
	return h;
}

static size_t
extra_hash(size_t i, const void *ctx)
{
	const struct extras *e = ctx;

	return name_hash(e->options[i]->key, e->dashes);
}

static bool
is_extra(size_t i, const void *key)
{
	const struct extra_key *k = key;
	struct sv a = k->extras->options[i]->key, b = k->name;

	if (a.len != b.len)
		return false;
	for (size_t n = 0; n < a.len; n++)
		if (name_byte(a.ptr[n], k->extras->dashes) != name_byte(b.ptr[n], k->extras->dashes))
			return false;
	return true;
}

static int
pick_extra(const struct ini_option *opt, void *payload)
{
	struct extras *e = payload;
	struct extra_key k = { e, opt->key };
	size_t h = name_hash(opt->key, e->dashes);
	size_t i = hash_index_find(&e->index, h, is_extra, &k);

	if (sv_eq_cstr(opt->key, "__name__"))
		return 0;
	if (i != HASH_INDEX_NONE) {
		e->options[i] = opt;
		return 0;
	}
	if (array_reserve(&e->options, &e->cap, e->n, sizeof(*e->options)) ||
	    hash_index_reserve(&e->index, e->n, extra_hash, e))
		return ERR_NOMEM;
	e->options[e->n] = opt;
	hash_index_put(&e->index, h, e->n++);
	return 0;
}

static int
read_extras(struct cfg *c, size_t section)
{
	struct extras e = { .dashes = !sv_eq_cstr(c->ini.sections[section].name,
						  "options.extras_require") };
	int rc = ini_each_option(&c->ini, section, pick_extra, &e);

	for (size_t i = 0; i < e.n && rc == 0; i++) {
		const struct ini_option *o = e.options[i];
		struct sv name = o->key;
		if (e.dashes && sv_find_char(name, '-') != SV_NPOS) {
			char *copy = arena_strndup(c->out->arena, name);
			if (!copy) {
				rc = ERR_NOMEM;
				break;
			}
			for (size_t k = 0; k < name.len; k++)
				copy[k] = name_byte(copy[k], true);
			name = sv_make(copy, name.len);
		}
		rc = read_list(c, section, o, LIST_REQUIREMENTS, "extras_require", name);
	}
	free(e.options);
	hash_index_release(&e.index);
	return rc;
}

/* The lists of [options], the last of each name winning. */
static const char *const lists[] = { "install_requires", "setup_requires", "tests_require" };

static int
pick_list(const struct ini_option *opt, void *payload)
{
	const struct ini_option **picked = payload;

	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		if (name_is(opt->key, lists[i], true))
			picked[i] = opt;
	return 0;
}

static int
read_options(struct cfg *c, size_t section)
{
	const struct ini_option *picked[sizeof(lists) / sizeof(lists[0])] = { 0 };
	int rc = ini_each_option(&c->ini, section, pick_list, picked);

	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]) && rc == 0; i++)
		if (picked[i])
			rc = read_list(c, section, picked[i], i ? LIST_PLAIN : LIST_REQUIREMENTS,
				       lists[i], SV_NULL);
	return rc;
}

/* The handlers of config/setupcfg.py, as ("parse_section_" + key).replace(".", "__") finds them. */
static const char *const option_handlers[] = {
	"", "extras_require", "packages__find", "entry_points", "package_data",
	"exclude_package_data", "data_files",
};

/* @key with "." read as "__" is @name. */
static bool
handler_is(struct sv key, const char *name)
{
	size_t n = 0;

	for (size_t i = 0; i < key.len; i++, n++) {
		if (name[n] == '\0')
			return false;
		if (key.ptr[i] != '.' && key.ptr[i] != name[n])
			return false;
		if (key.ptr[i] == '.' && (name[n] != '_' || name[++n] != '_'))
			return false;
	}
	return name[n] == '\0';
}

/*
 * The handler section @i goes to when its name starts with @prefix: *@out is
 * its index in option_handlers (of which the first @known count), -1 when the
 * name does not start with @prefix, -2 (and an error) when no handler takes it.
 */
static int
handler_of(int *out, struct cfg *c, size_t i, const char *prefix, size_t known)
{
	const struct ini_section *s = &c->ini.sections[i];
	struct sv name = s->name, p = sv_from_cstr(prefix);
	char *key;
	size_t n = 0;

	*out = -1;
	if (!sv_starts_with(name, p))
		return 0;
	if (!(key = malloc(name.len)))
		return ERR_NOMEM;
	for (size_t k = 0; k < name.len;) {
		if (sv_starts_with(sv_tail(name, k), p))
			k += p.len;
		else
			key[n++] = name.ptr[k++];
	}
	struct sv stripped = sv_make(key, n);
	while (stripped.len && stripped.ptr[0] == '.')
		stripped = sv_tail(stripped, 1);
	while (stripped.len && stripped.ptr[stripped.len - 1] == '.')
		stripped.len--;
	*out = -2;
	for (size_t h = 0; h < known && *out < 0; h++)
		if (handler_is(stripped, option_handlers[h]))
			*out = (int)h;
	free(key);
	if (*out < 0)
		diag_add(c->out->diags, DIAG_ERROR, c->src, (struct span){ s->at, s->at + name.len },
			 "expected a section setuptools has a handler for: it refuses [%.*s]",
			 (int)name.len, name.ptr);
	return 0;
}

/* Distribution._parse_config_files() gets every option but "__name__". */
static bool
skips_name(struct sv key, void *payload)
{
	(void)payload;
	return sv_eq_cstr(key, "__name__");
}

static int
read_file(struct cfg *c)
{
	size_t options = INI_NONE, extras = INI_NONE;
	int rc;

	if ((rc = ini_parse(&c->ini, c->src, c->out->diags)) ||
	    (rc = ini_check(&c->ini, skips_name, NULL)))
		return rc;
	for (size_t i = 1; i < c->ini.n_sections; i++) {
		int h, meta;
		if ((rc = handler_of(&h, c, i, "options",
				     sizeof(option_handlers) / sizeof(*option_handlers))) ||
		    (rc = handler_of(&meta, c, i, "metadata", 1)))
			return rc;
		if (h == 0)
			options = i;
		else if (h == 1)
			extras = i;
	}
	if (options != INI_NONE && (rc = read_options(c, options)))
		return rc;
	return extras != INI_NONE ? read_extras(c, extras) : 0;
}

int
setup_cfg_read(struct detect_out *out, struct source *src, setup_cfg_list_fn fn, void *payload)
{
	struct cfg c = { .out = out, .src = src, .fn = fn, .payload = payload };
	int rc = read_file(&c);

	ini_release(&c.ini);
	mapped_text_release(&c.value);
	mapped_text_release(&c.joined);
	free(c.items);
	return rc;
}

int
detect_setup_cfg(struct detect_out *out, struct source *src, const struct detect_ctx *ctx)
{
	(void)ctx;
	return setup_cfg_read(out, src, NULL, NULL);
}
