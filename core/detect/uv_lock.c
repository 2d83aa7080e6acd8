/*
 * The detector for uv.lock (TOML, lock version 1): one locked declaration per
 * [[package]], with the hashes of its sdist and wheels and where it comes
 * from. The project itself (source editable or virtual ".") is local code.
 *
 *   lock     = version [revision] [requires-python] [resolution-markers]
 *              [supported-markers] [ "[options]" ... ] [ "[manifest]" ... ]
 *              *( "[[package]]" package )           ("[[distribution]]" before uv 0.3)
 *   package  = name [version] source [resolution-markers] [dependencies]
 *              [sdist] [wheels] [ "[package.optional-dependencies]" ... ]
 *              [ "[package.dev-dependencies]" ... ] [ "[package.metadata]" ... ]
 *   source   = "{" ( registry | git | url | path | directory | editable | virtual ) "=" s "}"
 *   git      = URL [ "?" ( "rev" | "tag" | "branch" | "subdirectory" ) "=" s *( "&" ... ) ]
 *              "#" commit
 *   sdist    = "{" ( url | path ) "=" s "," hash "=" "algo:hex" [ "," size "=" n ] ... "}"
 *   wheels   = "[" *sdist "]"
 */
#include "detect/detect.h"

#include <string.h>

#include "detect/lockfile.h"
#include "detect/pipreq.h"
#include "lex/toml.h"

struct uv_state {
	struct lockfile lock;
};

static const char *const top_keys[] = {
	"version", "revision", "requires-python", "resolution-markers", "supported-markers",
	"options", "manifest", "package", "distribution", NULL,
};
static const char *const package_keys[] = {
	"name", "version", "source", "resolution-markers", "dependencies", "sdist", "wheels",
	"optional-dependencies", "dev-dependencies", "metadata", NULL,
};

bool
uv_lock_matches(const char *path)
{
	return strcmp(path_basename(path), "uv.lock") == 0;
}

/* The hash of one sdist or wheel table into @hashes[*@k]; a note when there is none. */
static int
read_artifact(struct uv_state *st, struct dep *dep, const struct toml_value *art,
	      const char **hashes, size_t *k)
{
	const char *hash = toml_string(toml_table_get(art, "hash"));

	if (art->kind != TOML_TABLE) {
		diag_add(st->lock.out->diags, DIAG_NOTE, st->lock.src, art->at,
			 "expected a table for a file of '%s', found %s", dep->name,
			 toml_kind_name(art->kind));
		return 0;
	}
	if (!hash)
		return 0;       /* uv writes no hash for local files: unhashed-lock says so */
	if (!(hashes[*k] = lockfile_keep(&st->lock, hash)))
		return ERR_NOMEM;
	++*k;
	return 0;
}

static int
read_hashes(struct uv_state *st, struct dep *dep, const struct toml_value *sdist,
	    const struct toml_value *wheels)
{
	size_t n = (sdist ? 1 : 0) + toml_array_len(wheels), k = 0;
	const char **hashes;
	int rc;

	if (wheels && wheels->kind != TOML_ARRAY)
		diag_add(st->lock.out->diags, DIAG_NOTE, st->lock.src, wheels->at,
			 "expected an array of wheels for '%s', found %s", dep->name,
			 toml_kind_name(wheels->kind));
	if (!n)
		return 0;
	if (!(hashes = arena_alloc(st->lock.out->arena, n * sizeof(*hashes))))
		return ERR_NOMEM;
	if (sdist && (rc = read_artifact(st, dep, sdist, hashes, &k)))
		return rc;
	for (size_t i = 0; i < toml_array_len(wheels); i++)
		if ((rc = read_artifact(st, dep, toml_array_at(wheels, i), hashes, &k)))
			return rc;
	dep->hashes = hashes;
	dep->n_hashes = k;
	return 0;
}

/* "https://host/repo?rev=main&subdirectory=pkg#<commit>": url, subdirectory and commit. */
static int
read_git(struct uv_state *st, struct dep *dep, const struct toml_value *git)
{
	struct sv s = git->as.string, query = SV_NULL, commit = SV_NULL;
	size_t hash = sv_find_char(s, '#'), q;

	if (hash != SV_NPOS) {
		commit = sv_tail(s, hash + 1);
		s.len = hash;
	}
	if ((q = sv_find_char(s, '?')) != SV_NPOS) {
		query = sv_tail(s, q + 1);
		s.len = q;
	}
	dep->ecosystem = ECO_VCS;
	if (!(dep->url = arena_strndup(st->lock.out->arena, s)))
		return ERR_NOMEM;
	if (!commit.len)
		diag_add(st->lock.out->diags, DIAG_NOTE, st->lock.src, git->at,
			 "git source of '%s' has no resolved commit after '#'", dep->name);
	else if (!(dep->vcs_ref = arena_strndup(st->lock.out->arena, commit)))
		return ERR_NOMEM;
	while (query.len) {
		size_t amp = sv_find_char(query, '&');
		struct sv param = amp == SV_NPOS ? query : sv_slice(query, 0, amp);
		query = amp == SV_NPOS ? SV_NULL : sv_tail(query, amp + 1);
		if (sv_starts_with(param, SV_LIT("subdirectory=")) &&
		    !(dep->subdir = arena_strndup(st->lock.out->arena, sv_tail(param, 13))))
			return ERR_NOMEM;
	}
	return 0;
}

/* The project itself and path dependencies: editable = ".", virtual = ".", path, directory. */
static bool
is_local_source(const struct toml_value *source)
{
	const struct toml_entry *e = toml_table_at(source, 0);

	return e && (sv_eq_cstr(e->key, "path") || sv_eq_cstr(e->key, "directory") ||
		     sv_eq_cstr(e->key, "editable") || sv_eq_cstr(e->key, "virtual"));
}

static int
read_source(struct uv_state *st, struct dep *dep, const struct toml_value *source)
{
	const struct toml_entry *e = toml_table_at(source, 0);
	const char *value;

	if (!source) {
		diag_add(st->lock.out->diags, DIAG_NOTE, st->lock.src,
			 (struct span){ dep->at.name_start, dep->at.name_end },
			 "expected a source for '%s'; read as pypi", dep->name);
		return 0;
	}
	if (source->kind != TOML_TABLE || toml_table_len(source) != 1 ||
	    !(value = toml_string(e->value))) {
		diag_add(st->lock.out->diags, DIAG_NOTE, st->lock.src, source->at,
			 "expected a source with one kind and its url or path for '%s'; "
			 "read as pypi", dep->name);
		return 0;
	}
	if (sv_eq_cstr(e->key, "registry")) {
		if (!pipreq_is_public_index(value) &&
		    !(dep->index_url = lockfile_keep(&st->lock, value)))
			return ERR_NOMEM;
		return 0;
	}
	if (sv_eq_cstr(e->key, "git"))
		return read_git(st, dep, e->value);
	if (sv_eq_cstr(e->key, "url")) {
		dep->ecosystem = ECO_URL;
	} else if (is_local_source(source)) {
		dep->ecosystem = ECO_LOCAL;
		dep->editable = sv_eq_cstr(e->key, "editable");
		dep->spec = "";     /* local code: its version pins nothing */
	} else {
		diag_add(st->lock.out->diags, DIAG_NOTE, st->lock.src, e->key_at,
			 "unknown source kind '%s' for '%s'; read as pypi", e->key.ptr, dep->name);
		return 0;
	}
	return (dep->url = lockfile_keep(&st->lock, value)) ? 0 : ERR_NOMEM;
}

static int
read_package(const struct toml_value *pkg, void *payload)
{
	struct uv_state *st = payload;
	const struct toml_value *source = toml_table_get(pkg, "source");
	struct dep *dep;
	int rc;

	if ((rc = lockfile_new_dep(&dep, &st->lock, pkg, !is_local_source(source))) || !dep)
		return rc;
	lockfile_note_unknown_keys(&st->lock, pkg, package_keys, "a [[package]]");
	if ((rc = read_source(st, dep, source)))
		return rc;
	return read_hashes(st, dep, toml_table_get(pkg, "sdist"), toml_table_get(pkg, "wheels"));
}

static int
read_lock(const struct toml_value *root, void *payload)
{
	struct uv_state *st = payload;
	const struct toml_value *pkgs = toml_table_get(root, "package");

	lockfile_note_unknown_keys(&st->lock, root, top_keys, "uv.lock");
	if (!pkgs)
		pkgs = toml_table_get(root, "distribution");
	return lockfile_each_package(&st->lock, pkgs, read_package, st);
}

int
detect_uv_lock(struct detect_out *out, struct source *src, const struct detect_ctx *ctx)
{
	struct uv_state st = { .lock = { .out = out, .src = src } };

	(void)ctx;
	return lockfile_detect(&st.lock, read_lock, &st);
}
