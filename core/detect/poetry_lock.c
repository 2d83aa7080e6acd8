/*
 * The detector for poetry.lock (TOML, lock-version 1.x and 2.x): one locked
 * declaration per [[package]], with the hashes of its files and where it
 * comes from (PyPI, a private index, git, an archive URL or a local path).
 *
 *   lock      = *( "[[package]]" package ) [ "[metadata]" metadata ] [ "[extras]" ... ]
 *   package   = name version [description] [optional] [python-versions] [category]
 *               [groups] [markers] [develop] [files]
 *               [ "[package.dependencies]" ... ] [ "[package.extras]" ... ]
 *               [ "[package.source]" source ]
 *   files     = "[" *( "{" file "=" s "," hash "=" "algo:hex" "}" ) "]"
 *   source    = type ( "git" | "url" | "file" | "directory" | "legacy" ) url
 *               [reference] [resolved_reference] [subdirectory]
 *   metadata  = lock-version python-versions content-hash
 *               [ "[metadata.files]" *( name "=" files ) ]        (lock-version 1.x)
 */
#include "detect/detect.h"

#include <string.h>

#include "lex/toml.h"

#define RAW_MAX 200

struct poetry_state {
	struct detect_out *out;
	const struct source *src;
	struct arena *tmp;                   /* the TOML tree */
	const struct toml_value *old_files;  /* [metadata.files] of lock-version 1.x */
};

static const char *const top_keys[] = { "package", "metadata", "extras", NULL };
static const char *const package_keys[] = {
	"name", "version", "description", "optional", "python-versions", "category",
	"groups", "markers", "develop", "files", "dependencies", "extras", "source", NULL,
};
static const char *const source_keys[] = {
	"type", "url", "reference", "resolved_reference", "subdirectory", NULL,
};

bool
poetry_lock_matches(const char *path)
{
	return strcmp(path_basename(path), "poetry.lock") == 0;
}

/* ---- spans ---- */

/* The end of everything written for @v, sub-tables of a [header] included. */
static size_t
value_end(const struct toml_value *v)
{
	size_t end = v->at.end, i, e;

	if (v->kind == TOML_TABLE && !v->is_inline) {
		for (i = 0; i < toml_table_len(v); i++)
			if ((e = value_end(toml_table_at(v, i)->value)) > end)
				end = e;
	} else if (v->kind == TOML_ARRAY && v->is_aot) {
		for (i = 0; i < toml_array_len(v); i++)
			if ((e = value_end(toml_array_at(v, i))) > end)
				end = e;
	}
	return end;
}

/* A [[header]] table points at its key: back up to its brackets. */
static size_t
header_start(struct sv t, size_t key)
{
	while (key > 0 && (t.ptr[key - 1] == '[' || t.ptr[key - 1] == ' ' || t.ptr[key - 1] == '\t'))
		key--;
	return key;
}

/* The span of a string value without its quotes. */
static struct span
string_span(struct sv t, const struct toml_value *v)
{
	struct span s = v->at;
	size_t q;

	if (s.end <= s.start || (t.ptr[s.start] != '"' && t.ptr[s.start] != '\''))
		return s;
	q = s.end - s.start >= 6 && t.ptr[s.start + 1] == t.ptr[s.start] &&
			    t.ptr[s.start + 2] == t.ptr[s.start] ? 3 : 1;
	return (struct span){ s.start + q, s.end - q };
}

/* ---- the declarations ---- */

static bool
is_one_of(const char *const *list, struct sv key)
{
	for (; *list; list++)
		if (sv_eq_cstr(key, *list))
			return true;
	return false;
}

static void
note_unknown_keys(struct poetry_state *st, const struct toml_value *table,
		  const char *const *known, const char *where)
{
	for (size_t i = 0; i < toml_table_len(table); i++) {
		const struct toml_entry *e = toml_table_at(table, i);
		if (!is_one_of(known, e->key))
			diag_add(st->out->diags, DIAG_NOTE, st->src, e->key_at,
				 "unknown key '%s' in %s; ignored", e->key.ptr, where);
	}
}

static bool
is_public_pypi(const char *url)
{
	struct sv u = sv_from_cstr(url);

	while (u.len && u.ptr[u.len - 1] == '/')
		u.len--;
	return sv_eq_nocase(u, SV_LIT("https://pypi.org/simple")) ||
	       sv_eq_nocase(u, SV_LIT("https://pypi.python.org/simple"));
}

static const char *
keep(struct poetry_state *st, const char *s)
{
	return s ? arena_strdup(st->out->arena, s) : NULL;
}

/* "algo:hex" of every {file, hash} of @files, into @dep. */
static int
read_files(struct poetry_state *st, struct dep *dep, const struct toml_value *files)
{
	size_t n = toml_array_len(files), i, k = 0;
	const char **hashes;

	if (files->kind != TOML_ARRAY) {
		diag_add(st->out->diags, DIAG_NOTE, st->src, files->at,
			 "expected an array of files for '%s', found %s", dep->name,
			 toml_kind_name(files->kind));
		return 0;
	}
	if (!n)
		return 0;
	if (!(hashes = arena_alloc(st->out->arena, n * sizeof(*hashes))))
		return ERR_NOMEM;
	for (i = 0; i < n; i++) {
		const struct toml_value *f = toml_array_at(files, i);
		const char *hash = toml_string(toml_table_get(f, "hash"));
		if (!hash) {
			diag_add(st->out->diags, DIAG_NOTE, st->src, f->at,
				 "expected a file with a hash for '%s'", dep->name);
			continue;
		}
		if (!(hashes[k++] = keep(st, hash)))
			return ERR_NOMEM;
	}
	dep->hashes = hashes;
	dep->n_hashes = k;
	return 0;
}

/* lock-version 1.x keeps the files apart, under the package's name. */
static int
read_old_files(struct poetry_state *st, struct dep *dep)
{
	for (size_t i = 0; i < toml_table_len(st->old_files); i++) {
		const struct toml_entry *e = toml_table_at(st->old_files, i);
		const char *norm = dep_normalize_name(st->tmp, e->key);
		if (!norm)
			return ERR_NOMEM;
		if (strcmp(norm, dep->normalized) == 0)
			return read_files(st, dep, e->value);
	}
	return 0;
}

static int
read_source(struct poetry_state *st, struct dep *dep, const struct toml_value *source)
{
	const struct toml_value *type_v = toml_table_get(source, "type");
	const char *type = toml_string(type_v);
	const char *url_written = toml_string(toml_table_get(source, "url"));
	const char *url = keep(st, url_written);
	const char *ref = toml_string(toml_table_get(source, "reference"));
	const char *resolved = toml_string(toml_table_get(source, "resolved_reference"));
	const char *subdir = toml_string(toml_table_get(source, "subdirectory"));

	if (source->kind != TOML_TABLE) {
		diag_add(st->out->diags, DIAG_NOTE, st->src, source->at,
			 "expected a table for the source of '%s'", dep->name);
		return 0;
	}
	if (url_written && !url)
		return ERR_NOMEM;
	note_unknown_keys(st, source, source_keys, "a package source");
	if (!type || !url) {
		diag_add(st->out->diags, DIAG_NOTE, st->src, source->at,
			 "expected a type and a url in the source of '%s'", dep->name);
		return 0;
	}
	if (strcmp(type, "git") == 0) {
		dep->ecosystem = ECO_VCS;
		dep->url = url;
		if (!resolved)
			diag_add(st->out->diags, DIAG_NOTE, st->src, source->at,
				 "git source of '%s' has no resolved_reference", dep->name);
		dep->vcs_ref = keep(st, resolved ? resolved : ref);
		dep->subdir = keep(st, subdir);
		if ((!dep->vcs_ref && (resolved || ref)) || (!dep->subdir && subdir))
			return ERR_NOMEM;
	} else if (strcmp(type, "url") == 0) {
		dep->ecosystem = ECO_URL;
		dep->url = url;
	} else if (strcmp(type, "file") == 0 || strcmp(type, "directory") == 0) {
		dep->ecosystem = ECO_LOCAL;
		dep->url = url;
		dep->spec = "";
	} else if (strcmp(type, "legacy") == 0) {
		dep->index_url = is_public_pypi(url) ? NULL : url;
	} else {
		diag_add(st->out->diags, DIAG_NOTE, st->src, type_v->at,
			 "unknown source type '%s' for '%s'; read as pypi", type, dep->name);
	}
	return 0;
}

/*
 * The name, version and place of a [[package]]; NULL in *@out when it has no
 * name. A missing version is a note when @want_version.
 */
static int
new_package_dep(struct poetry_state *st, const struct toml_value *pkg, bool want_version,
		struct dep **out)
{
	struct sv t = st->src->text;
	const struct toml_value *name_v = toml_table_get(pkg, "name");
	const char *name = toml_string(name_v);
	const char *version = toml_string(toml_table_get(pkg, "version"));
	struct dep *dep;
	struct span ns;
	struct sv raw;

	*out = NULL;
	if (!name || !name[0]) {
		diag_add(st->out->diags, DIAG_NOTE, st->src, pkg->at,
			 "expected a name in this [[package]]; skipped");
		return 0;
	}
	if (!(dep = detect_new_dep(st->out)))
		return ERR_NOMEM;
	ns = string_span(t, name_v);
	dep->kind = DEP_LOCK;
	dep->ecosystem = ECO_PYPI;
	dep->file = st->src->path;
	dep->at = (struct span_ref){ header_start(t, pkg->at.start), value_end(pkg), ns.start, ns.end };
	text_line_col(t, ns.start, &dep->line, &dep->column);
	raw = sv_make(t.ptr + dep->at.start, dep->at.end - dep->at.start);
	if (raw.len > RAW_MAX)
		for (raw.len = RAW_MAX; raw.len && ((unsigned char)raw.ptr[raw.len] & 0xc0) == 0x80;)
			raw.len--;
	if (!(dep->raw = arena_strndup(st->out->arena, raw)) || !(dep->name = keep(st, name)) ||
	    !(dep->normalized = dep_normalize_name(st->out->arena, sv_from_cstr(name))))
		return ERR_NOMEM;
	if (!version && want_version)
		diag_add(st->out->diags, DIAG_NOTE, st->src, pkg->at,
			 "expected a version for '%s'", name);
	if (version && !(dep->spec = arena_printf(st->out->arena, "==%s", version)))
		return ERR_NOMEM;
	*out = dep;
	return 0;
}

static int
read_package(struct poetry_state *st, const struct toml_value *pkg)
{
	const struct toml_value *files = toml_table_get(pkg, "files");
	const struct toml_value *source = toml_table_get(pkg, "source");
	const struct toml_value *develop = toml_table_get(pkg, "develop");
	const char *markers = toml_string(toml_table_get(pkg, "markers"));
	struct dep *dep;
	int rc;

	if (pkg->kind != TOML_TABLE) {
		diag_add(st->out->diags, DIAG_NOTE, st->src, pkg->at, "expected a [[package]] table");
		return 0;
	}
	if ((rc = new_package_dep(st, pkg, true, &dep)) || !dep)
		return rc;
	note_unknown_keys(st, pkg, package_keys, "a [[package]]");
	dep->editable = develop && develop->kind == TOML_BOOL && develop->as.boolean;
	if (markers && !(dep->marker = keep(st, markers)))
		return ERR_NOMEM;
	if (files)
		rc = read_files(st, dep, files);
	else if (st->old_files)
		rc = read_old_files(st, dep);
	if (!rc && source)
		rc = read_source(st, dep, source);
	return rc;
}

static int
read_lock(struct poetry_state *st, const struct toml_value *root)
{
	const struct toml_value *pkgs = toml_table_get(root, "package");
	const struct toml_value *old_files = toml_get_path(root, "metadata.files");
	int rc;

	note_unknown_keys(st, root, top_keys, "poetry.lock");
	if (old_files && old_files->kind == TOML_TABLE)
		st->old_files = old_files;
	if (!pkgs)
		return 0;
	if (pkgs->kind != TOML_ARRAY) {
		diag_add(st->out->diags, DIAG_NOTE, st->src, pkgs->at,
			 "expected [[package]] tables, found %s", toml_kind_name(pkgs->kind));
		return 0;
	}
	for (size_t i = 0; i < toml_array_len(pkgs); i++)
		if ((rc = read_package(st, toml_array_at(pkgs, i))))
			return rc;
	return 0;
}

int
detect_poetry_lock(struct detect_out *out, const struct source *src, const struct detect_ctx *ctx)
{
	struct arena tmp = ARENA_INIT;
	struct poetry_state st = { out, src, &tmp, NULL };
	struct toml_value *root;
	struct toml_error err;
	int rc;

	(void)ctx;
	rc = toml_parse(&root, &tmp, src->text, &err);
	if (rc == ERR_NOMEM) {
		arena_release(&tmp);
		return rc;
	}
	if (rc) {
		diag_add(out->diags, DIAG_ERROR, src, (struct span){ err.offset, err.offset },
			 "invalid toml: %s", err.message);
		arena_release(&tmp);
		return 0;
	}
	rc = read_lock(&st, root);
	arena_release(&tmp);
	return rc;
}
