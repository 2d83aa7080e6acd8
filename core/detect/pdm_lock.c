/*
 * The detector for pdm.lock (TOML, lock_version 3.x and 4.x): one locked
 * declaration per [[package]], with the hashes of its files and where it
 * comes from (an index, git, an archive URL or a local path).
 *
 *   lock     = "[metadata]" metadata *( "[[package]]" package )
 *   metadata = groups strategy lock_version content_hash [ "[[metadata.targets]]" ... ]
 *              [ "[metadata.files]" *( '"' name " " version '"' "=" files ) ]  (lock_version 3.x)
 *   package  = name version [requires_python] [summary] [groups] [marker] [extras]
 *              [ git [ref] [revision] | url | path [editable] ] [subdirectory]
 *              [dependencies] [files | hashes]
 *   files    = "[" *( "{" ( file | url ) "=" s "," hash "=" "algo:hex" "}" ) "]"
 *   hashes   = "[" *( "algo:hex" | "{" hash "=" "algo:hex" ... "}" ) "]"
 */
#include "detect/detect.h"

#include <string.h>

#include "lex/toml.h"

#define RAW_MAX 200

struct pdm_state {
	struct detect_out *out;
	const struct source *src;
	struct arena *tmp;                   /* the TOML tree */
	const struct toml_value *old_files;  /* [metadata.files] of lock_version 3.x */
};

static const char *const top_keys[] = { "metadata", "package", NULL };
static const char *const package_keys[] = {
	"name", "version", "requires_python", "summary", "groups", "sections", "marker",
	"extras", "git", "ref", "revision", "url", "path", "editable", "subdirectory",
	"dependencies", "files", "hashes", "static_urls", NULL,
};

bool
pdm_lock_matches(const char *path)
{
	return strcmp(path_basename(path), "pdm.lock") == 0;
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
note_unknown_keys(struct pdm_state *st, const struct toml_value *table,
		  const char *const *known, const char *where)
{
	for (size_t i = 0; i < toml_table_len(table); i++) {
		const struct toml_entry *e = toml_table_at(table, i);
		if (!is_one_of(known, e->key))
			diag_add(st->out->diags, DIAG_NOTE, st->src, e->key_at,
				 "unknown key '%s' in %s; ignored", e->key.ptr, where);
	}
}

static const char *
keep(struct pdm_state *st, const char *s)
{
	return s ? arena_strdup(st->out->arena, s) : NULL;
}

/*
 * The name, version and place of a [[package]]; NULL in *@out when it has no
 * name. A missing version is a note when @want_version.
 */
static int
new_package_dep(struct pdm_state *st, const struct toml_value *pkg, bool want_version,
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

/* "algo:hex" of every {file, hash}, {url, hash} or bare string of @files, into @dep. */
static int
read_files(struct pdm_state *st, struct dep *dep, const struct toml_value *files)
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
		const char *hash = f->kind == TOML_STRING ? toml_string(f)
							  : toml_string(toml_table_get(f, "hash"));
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

/* lock_version 3.x keeps the files apart, under "name version". */
static int
read_old_files(struct pdm_state *st, struct dep *dep, const char *version)
{
	for (size_t i = 0; i < toml_table_len(st->old_files); i++) {
		const struct toml_entry *e = toml_table_at(st->old_files, i);
		size_t space = sv_find_char(e->key, ' ');
		if (space == SV_NPOS || !version ||
		    !sv_eq_cstr(sv_tail(e->key, space + 1), version))
			continue;
		const char *norm = dep_normalize_name(st->tmp, sv_slice(e->key, 0, space));
		if (!norm)
			return ERR_NOMEM;
		if (strcmp(norm, dep->normalized) == 0)
			return read_files(st, dep, e->value);
	}
	return 0;
}

static int
read_extras(struct pdm_state *st, struct dep *dep, const struct toml_value *extras)
{
	size_t n = toml_array_len(extras), k = 0;
	const char **names;

	if (!n)
		return 0;
	if (!(names = arena_alloc(st->out->arena, n * sizeof(*names))))
		return ERR_NOMEM;
	for (size_t i = 0; i < n; i++) {
		const char *s = toml_string(toml_array_at(extras, i));
		if (s && !(names[k++] = keep(st, s)))
			return ERR_NOMEM;
	}
	dep->extras = names;
	dep->n_extras = k;
	return 0;
}

/* git (with ref and the resolved revision), url or path: where the package comes from. */
static int
read_origin(struct pdm_state *st, struct dep *dep, const struct toml_value *pkg)
{
	const struct toml_value *git = toml_table_get(pkg, "git");
	const struct toml_value *editable = toml_table_get(pkg, "editable");
	const char *url = toml_string(toml_table_get(pkg, "url"));
	const char *path = toml_string(toml_table_get(pkg, "path"));
	const char *ref = toml_string(toml_table_get(pkg, "ref"));
	const char *revision = toml_string(toml_table_get(pkg, "revision"));
	const char *subdir = toml_string(toml_table_get(pkg, "subdirectory"));

	dep->editable = editable && editable->kind == TOML_BOOL && editable->as.boolean;
	if (subdir && !(dep->subdir = keep(st, subdir)))
		return ERR_NOMEM;
	if (toml_string(git)) {
		dep->ecosystem = ECO_VCS;
		if (!revision)
			diag_add(st->out->diags, DIAG_NOTE, st->src, git->at,
				 "git source of '%s' has no revision", dep->name);
		if (!(dep->url = keep(st, toml_string(git))) ||
		    ((revision || ref) && !(dep->vcs_ref = keep(st, revision ? revision : ref))))
			return ERR_NOMEM;
	} else if (url) {
		dep->ecosystem = ECO_URL;
		if (!(dep->url = keep(st, url)))
			return ERR_NOMEM;
	} else if (path) {
		dep->ecosystem = ECO_LOCAL;
		dep->spec = "";     /* local code: its version pins nothing */
		if (!(dep->url = keep(st, path)))
			return ERR_NOMEM;
	}
	return 0;
}

static int
read_package(struct pdm_state *st, const struct toml_value *pkg)
{
	const struct toml_value *files = toml_table_get(pkg, "files");
	const char *marker = toml_string(toml_table_get(pkg, "marker"));
	struct dep *dep;
	int rc;

	if (pkg->kind != TOML_TABLE) {
		diag_add(st->out->diags, DIAG_NOTE, st->src, pkg->at, "expected a [[package]] table");
		return 0;
	}
	if (!files)
		files = toml_table_get(pkg, "hashes");
	if ((rc = new_package_dep(st, pkg, !toml_table_get(pkg, "path"), &dep)) || !dep)
		return rc;
	note_unknown_keys(st, pkg, package_keys, "a [[package]]");
	if (marker && !(dep->marker = keep(st, marker)))
		return ERR_NOMEM;
	if ((rc = read_extras(st, dep, toml_table_get(pkg, "extras"))) ||
	    (rc = read_origin(st, dep, pkg)))
		return rc;
	if (files)
		return read_files(st, dep, files);
	if (st->old_files)
		return read_old_files(st, dep, toml_string(toml_table_get(pkg, "version")));
	return 0;
}

static int
read_lock(struct pdm_state *st, const struct toml_value *root)
{
	const struct toml_value *pkgs = toml_table_get(root, "package");
	const struct toml_value *old_files = toml_get_path(root, "metadata.files");
	int rc;

	note_unknown_keys(st, root, top_keys, "pdm.lock");
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
detect_pdm_lock(struct detect_out *out, const struct source *src, const struct detect_ctx *ctx)
{
	struct arena tmp = ARENA_INIT;
	struct pdm_state st = { out, src, &tmp, NULL };
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
