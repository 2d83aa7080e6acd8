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

#include "lex/toml.h"

#define RAW_MAX 200

struct uv_state {
	struct detect_out *out;
	const struct source *src;
	struct arena *tmp;                   /* the TOML tree */
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
note_unknown_keys(struct uv_state *st, const struct toml_value *table,
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
keep(struct uv_state *st, const char *s)
{
	return s ? arena_strdup(st->out->arena, s) : NULL;
}

/*
 * The name, version and place of a [[package]]; NULL in *@out when it has no
 * name. A missing version is a note when @want_version.
 */
static int
new_package_dep(struct uv_state *st, const struct toml_value *pkg, bool want_version,
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

/* The hash of one sdist or wheel table into @hashes[*@k]; a note when there is none. */
static int
read_artifact(struct uv_state *st, struct dep *dep, const struct toml_value *art,
	      const char **hashes, size_t *k)
{
	const char *hash = toml_string(toml_table_get(art, "hash"));

	if (art->kind != TOML_TABLE) {
		diag_add(st->out->diags, DIAG_NOTE, st->src, art->at,
			 "expected a table for a file of '%s', found %s", dep->name,
			 toml_kind_name(art->kind));
		return 0;
	}
	if (!hash)
		return 0;       /* uv writes no hash for local files: unhashed-lock says so */
	if (!(hashes[*k] = keep(st, hash)))
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
		diag_add(st->out->diags, DIAG_NOTE, st->src, wheels->at,
			 "expected an array of wheels for '%s', found %s", dep->name,
			 toml_kind_name(wheels->kind));
	if (!n)
		return 0;
	if (!(hashes = arena_alloc(st->out->arena, n * sizeof(*hashes))))
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
	if (!(dep->url = arena_strndup(st->out->arena, s)))
		return ERR_NOMEM;
	if (!commit.len)
		diag_add(st->out->diags, DIAG_NOTE, st->src, git->at,
			 "git source of '%s' has no resolved commit after '#'", dep->name);
	else if (!(dep->vcs_ref = arena_strndup(st->out->arena, commit)))
		return ERR_NOMEM;
	while (query.len) {
		size_t amp = sv_find_char(query, '&');
		struct sv param = amp == SV_NPOS ? query : sv_slice(query, 0, amp);
		query = amp == SV_NPOS ? SV_NULL : sv_tail(query, amp + 1);
		if (sv_starts_with(param, SV_LIT("subdirectory=")) &&
		    !(dep->subdir = arena_strndup(st->out->arena, sv_tail(param, 13))))
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
		diag_add(st->out->diags, DIAG_NOTE, st->src,
			 (struct span){ dep->at.name_start, dep->at.name_end },
			 "expected a source for '%s'; read as pypi", dep->name);
		return 0;
	}
	if (source->kind != TOML_TABLE || toml_table_len(source) != 1 ||
	    !(value = toml_string(e->value))) {
		diag_add(st->out->diags, DIAG_NOTE, st->src, source->at,
			 "expected a source with one kind and its url or path for '%s'; "
			 "read as pypi", dep->name);
		return 0;
	}
	if (sv_eq_cstr(e->key, "registry")) {
		if (!is_public_pypi(value) && !(dep->index_url = keep(st, value)))
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
		diag_add(st->out->diags, DIAG_NOTE, st->src, e->key_at,
			 "unknown source kind '%s' for '%s'; read as pypi", e->key.ptr, dep->name);
		return 0;
	}
	return (dep->url = keep(st, value)) ? 0 : ERR_NOMEM;
}

static int
read_package(struct uv_state *st, const struct toml_value *pkg)
{
	const struct toml_value *source = toml_table_get(pkg, "source");
	struct dep *dep;
	int rc;

	if (pkg->kind != TOML_TABLE) {
		diag_add(st->out->diags, DIAG_NOTE, st->src, pkg->at, "expected a [[package]] table");
		return 0;
	}
	if ((rc = new_package_dep(st, pkg, !is_local_source(source), &dep)) || !dep)
		return rc;
	note_unknown_keys(st, pkg, package_keys, "a [[package]]");
	if ((rc = read_source(st, dep, source)))
		return rc;
	return read_hashes(st, dep, toml_table_get(pkg, "sdist"), toml_table_get(pkg, "wheels"));
}

static int
read_lock(struct uv_state *st, const struct toml_value *root)
{
	const struct toml_value *pkgs = toml_table_get(root, "package");
	int rc;

	note_unknown_keys(st, root, top_keys, "uv.lock");
	if (!pkgs)
		pkgs = toml_table_get(root, "distribution");
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
detect_uv_lock(struct detect_out *out, const struct source *src, const struct detect_ctx *ctx)
{
	struct arena tmp = ARENA_INIT;
	struct uv_state st = { out, src, &tmp };
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
