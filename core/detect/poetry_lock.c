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

#include "detect/lockfile.h"
#include "detect/pipreq.h"
#include "lex/toml.h"

struct poetry_state {
	struct lockfile lock;
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

/* lock-version 1.x keeps the files apart, under the package's name. */
static int
read_old_files(struct poetry_state *st, struct dep *dep)
{
	for (size_t i = 0; i < toml_table_len(st->old_files); i++) {
		const struct toml_entry *e = toml_table_at(st->old_files, i);
		const char *norm = dep_normalize_name(&st->lock.tmp, e->key);
		if (!norm)
			return ERR_NOMEM;
		if (strcmp(norm, dep->normalized) == 0)
			return lockfile_read_files(&st->lock, dep, e->value, false);
	}
	return 0;
}

static int
read_source(struct poetry_state *st, struct dep *dep, const struct toml_value *source)
{
	const struct toml_value *type_v = toml_table_get(source, "type");
	const char *type = toml_string(type_v);
	const char *url_written = toml_string(toml_table_get(source, "url"));
	const char *url = lockfile_keep(&st->lock, url_written);
	const char *ref = toml_string(toml_table_get(source, "reference"));
	const char *resolved = toml_string(toml_table_get(source, "resolved_reference"));
	const char *subdir = toml_string(toml_table_get(source, "subdirectory"));

	if (source->kind != TOML_TABLE) {
		diag_add(st->lock.out->diags, DIAG_NOTE, st->lock.src, source->at,
			 "expected a table for the source of '%s'", dep->name);
		return 0;
	}
	if (url_written && !url)
		return ERR_NOMEM;
	lockfile_note_unknown_keys(&st->lock, source, source_keys, "a package source");
	if (!type || !url) {
		diag_add(st->lock.out->diags, DIAG_NOTE, st->lock.src, source->at,
			 "expected a type and a url in the source of '%s'", dep->name);
		return 0;
	}
	if (strcmp(type, "git") == 0) {
		dep->ecosystem = ECO_VCS;
		dep->url = url;
		if (!resolved)
			diag_add(st->lock.out->diags, DIAG_NOTE, st->lock.src, source->at,
				 "git source of '%s' has no resolved_reference", dep->name);
		dep->vcs_ref = lockfile_keep(&st->lock, resolved ? resolved : ref);
		dep->subdir = lockfile_keep(&st->lock, subdir);
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
		dep->index_url = pipreq_is_public_index(url) ? NULL : url;
	} else {
		diag_add(st->lock.out->diags, DIAG_NOTE, st->lock.src, type_v->at,
			 "unknown source type '%s' for '%s'; read as pypi", type, dep->name);
	}
	return 0;
}

static int
read_package(const struct toml_value *pkg, void *payload)
{
	struct poetry_state *st = payload;
	const struct toml_value *files = toml_table_get(pkg, "files");
	const struct toml_value *source = toml_table_get(pkg, "source");
	const struct toml_value *develop = toml_table_get(pkg, "develop");
	const char *markers = toml_string(toml_table_get(pkg, "markers"));
	struct dep *dep;
	int rc;

	if ((rc = lockfile_new_dep(&dep, &st->lock, pkg, true)) || !dep)
		return rc;
	lockfile_note_unknown_keys(&st->lock, pkg, package_keys, "a [[package]]");
	dep->editable = develop && develop->kind == TOML_BOOL && develop->as.boolean;
	if (markers && !(dep->marker = lockfile_keep(&st->lock, markers)))
		return ERR_NOMEM;
	if (files)
		rc = lockfile_read_files(&st->lock, dep, files, false);
	else if (st->old_files)
		rc = read_old_files(st, dep);
	if (!rc && source)
		rc = read_source(st, dep, source);
	return rc;
}

static int
read_lock(const struct toml_value *root, void *payload)
{
	struct poetry_state *st = payload;
	const struct toml_value *pkgs = toml_table_get(root, "package");
	const struct toml_value *old_files = toml_get_path(root, "metadata.files");

	lockfile_note_unknown_keys(&st->lock, root, top_keys, "poetry.lock");
	if (old_files && old_files->kind == TOML_TABLE)
		st->old_files = old_files;
	return lockfile_each_package(&st->lock, pkgs, read_package, st);
}

int
detect_poetry_lock(struct detect_out *out, struct source *src, const struct detect_ctx *ctx)
{
	struct poetry_state st = { .lock = { .out = out, .src = src } };

	(void)ctx;
	return lockfile_detect(&st.lock, read_lock, &st);
}
