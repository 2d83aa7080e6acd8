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

#include "detect/lockfile.h"
#include "lex/toml.h"

struct pdm_state {
	struct lockfile lock;
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
		const char *norm = dep_normalize_name(&st->lock.tmp, sv_slice(e->key, 0, space));
		if (!norm)
			return ERR_NOMEM;
		if (strcmp(norm, dep->normalized) == 0)
			return lockfile_read_files(&st->lock, dep, e->value, true);
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
	if (!(names = arena_alloc(st->lock.out->arena, n * sizeof(*names))))
		return ERR_NOMEM;
	for (size_t i = 0; i < n; i++) {
		const char *s = toml_string(toml_array_at(extras, i));
		if (s && !(names[k++] = lockfile_keep(&st->lock, s)))
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
	if (subdir && !(dep->subdir = lockfile_keep(&st->lock, subdir)))
		return ERR_NOMEM;
	if (toml_string(git)) {
		dep->ecosystem = ECO_VCS;
		if (!revision)
			diag_add(st->lock.out->diags, DIAG_NOTE, st->lock.src, git->at,
				 "git source of '%s' has no revision", dep->name);
		if (!(dep->url = lockfile_keep(&st->lock, toml_string(git))) ||
		    ((revision || ref) &&
		     !(dep->vcs_ref = lockfile_keep(&st->lock, revision ? revision : ref))))
			return ERR_NOMEM;
	} else if (url) {
		dep->ecosystem = ECO_URL;
		if (!(dep->url = lockfile_keep(&st->lock, url)))
			return ERR_NOMEM;
	} else if (path) {
		dep->ecosystem = ECO_LOCAL;
		dep->spec = "";     /* local code: its version pins nothing */
		if (!(dep->url = lockfile_keep(&st->lock, path)))
			return ERR_NOMEM;
	}
	return 0;
}

static int
read_package(const struct toml_value *pkg, void *payload)
{
	struct pdm_state *st = payload;
	const struct toml_value *files = toml_table_get(pkg, "files");
	const char *marker = toml_string(toml_table_get(pkg, "marker"));
	struct dep *dep;
	int rc;

	if (!files)
		files = toml_table_get(pkg, "hashes");
	if ((rc = lockfile_new_dep(&dep, &st->lock, pkg, !toml_table_get(pkg, "path"))) || !dep)
		return rc;
	lockfile_note_unknown_keys(&st->lock, pkg, package_keys, "a [[package]]");
	if (marker && !(dep->marker = lockfile_keep(&st->lock, marker)))
		return ERR_NOMEM;
	if ((rc = read_extras(st, dep, toml_table_get(pkg, "extras"))) ||
	    (rc = read_origin(st, dep, pkg)))
		return rc;
	if (files)
		return lockfile_read_files(&st->lock, dep, files, true);
	if (st->old_files)
		return read_old_files(st, dep, toml_string(toml_table_get(pkg, "version")));
	return 0;
}

static int
read_lock(const struct toml_value *root, void *payload)
{
	struct pdm_state *st = payload;
	const struct toml_value *pkgs = toml_table_get(root, "package");
	const struct toml_value *old_files = toml_get_path(root, "metadata.files");

	lockfile_note_unknown_keys(&st->lock, root, top_keys, "pdm.lock");
	if (old_files && old_files->kind == TOML_TABLE)
		st->old_files = old_files;
	return lockfile_each_package(&st->lock, pkgs, read_package, st);
}

int
detect_pdm_lock(struct detect_out *out, struct source *src, const struct detect_ctx *ctx)
{
	struct pdm_state st = { .lock = { .out = out, .src = src } };

	(void)ctx;
	return lockfile_detect(&st.lock, read_lock, &st);
}
