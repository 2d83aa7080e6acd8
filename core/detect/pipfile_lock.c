/*
 * The detector for Pipfile.lock (pipenv, pipfile-spec 6, JSON): one locked
 * declaration per package of "default", "develop" and any other category,
 * and one index option per source of "_meta". cJSON reads the values;
 * core/lex/jsonpos.c finds where each key is written.
 *
 *   lockfile = { "_meta": { "hash", "pipfile-spec", "requires",
 *                           "sources": [ { "name": s, "url": s, "verify_ssl": b } ... ] },
 *                "default": packages, "develop": packages, category: packages ... }
 *   packages = { name: { "version": "==1.0", "hashes": [ "algo:hex" ... ], "index": s,
 *                        "markers": s, "extras": [ s ... ], "editable": b,
 *                        ( "git" | "hg" | "svn" | "bzr" ): url, "ref": commit,
 *                        "path": s, "file": url, "subdirectory": s } ... }
 */
#include "detect/detect.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "detect/jsonval.h"
#include "detect/pipreq.h"
#include "lex/jsonpos.h"

#define RAW_MAX 200

struct pipfile_lock_state {
	struct detect_out *out;
	struct source *src;
	const cJSON *sources;    /* _meta.sources */
	bool nomem;              /* a copy into the arena failed */
};

static const char *const package_keys[] = {
	"version", "hashes", "index", "markers", "extras", "editable", "git", "hg", "svn", "bzr",
	"ref", "path", "file", "subdirectory", NULL,
};

bool
pipfile_lock_matches(const char *path)
{
	return strcmp(path_basename(path), "Pipfile.lock") == 0;
}

/* ---- where things are written ---- */

static struct span
key_span(const struct jsonpos_member *m)
{
	return (struct span){ m->key_start, m->key_end };
}

/* ---- the declarations ---- */

/* A copy of cJSON's string (freed with the tree) in the arena; NULL stays NULL. */
static const char *
keep(struct pipfile_lock_state *st, const char *s)
{
	return jsonval_keep(st->out->arena, s, &st->nomem);
}

static const char *
keep_raw(struct pipfile_lock_state *st, size_t start, size_t end)
{
	struct sv raw = sv_make(st->src->text.ptr + start, end - start);

	if (raw.len > RAW_MAX)
		for (raw.len = RAW_MAX; raw.len && ((unsigned char)raw.ptr[raw.len] & 0xc0) == 0x80;)
			raw.len--;
	char *copy = arena_strndup(st->out->arena, raw);
	if (!copy)
		st->nomem = true;
	return copy ? copy : "";
}

/* The host of "scheme://user@host:port/path" (as pip's --trusted-host takes it, port kept). */
static const char *
url_host(struct pipfile_lock_state *st, const char *url)
{
	struct sv h = sv_from_cstr(url);
	size_t i = sv_find(h, SV_LIT("://"));

	if (i != SV_NPOS)
		h = sv_tail(h, i + 3);
	if ((i = sv_find_char(h, '/')) != SV_NPOS)
		h.len = i;
	if ((i = sv_find_char(h, '@')) != SV_NPOS)
		h = sv_tail(h, i + 1);
	char *copy = arena_strndup(st->out->arena, h);
	if (!copy)
		st->nomem = true;
	return copy;
}

static struct index_option *
new_option(struct pipfile_lock_state *st, enum index_option_kind kind, const char *value,
	   struct span at, const char *raw)
{
	struct index_option *opt = detect_new_option(st->out);

	if (!opt)
		return NULL;
	opt->kind = kind;
	opt->value = value;
	opt->raw = raw;
	opt->file = st->src->path;
	opt->at = (struct span_ref){ at.start, at.end, at.start, at.end };
	source_line_col(st->src, at.start, &opt->line, &opt->column);
	return opt;
}

/*
 * _meta.sources: the first is the index, the rest are extra indexes; a
 * verify_ssl of false trusts the host as well (pipenv passes --trusted-host).
 */
static int
read_sources(struct pipfile_lock_state *st, size_t meta)
{
	struct sv t = st->src->text;
	struct jsonpos_member list, url_m;
	const cJSON *source;
	size_t index = 0;

	if (!st->sources)
		return 0;
	if (!jsonpos_find_member(&list, t, meta, "sources"))
		list.value_start = SV_NPOS;
	cJSON_ArrayForEach(source, st->sources) {
		size_t at = jsonpos_find_element(t, list.value_start, index);
		const char *url = jsonval_string(source, "url");
		const cJSON *verify = cJSON_GetObjectItemCaseSensitive(source, "verify_ssl");
		struct span url_at = { at == SV_NPOS ? 0 : at, at == SV_NPOS ? 0 : at };
		if (at != SV_NPOS && jsonpos_find_member(&url_m, t, at, "url"))
			url_at = (struct span){ url_m.value_start + 1, url_m.value_end - 1 };
		if (!url) {
			diag_add(st->out->diags, DIAG_NOTE, st->src, url_at,
				 "expected a url in source %zu of _meta.sources", index + 1);
			index++;
			continue;
		}
		const char *raw = at == SV_NPOS ? keep(st, url)
						 : keep_raw(st, at, jsonpos_skip_value(t, at));
		enum index_option_kind kind = index == 0 ? OPT_INDEX_URL : OPT_EXTRA_INDEX_URL;
		if (!new_option(st, kind, keep(st, url), url_at, raw))
			return ERR_NOMEM;
		if (cJSON_IsFalse(verify) && !new_option(st, OPT_TRUSTED_HOST, url_host(st, url),
							  url_at, raw))
			return ERR_NOMEM;
		index++;
	}
	return st->nomem ? ERR_NOMEM : 0;
}

/* The url of the source named @name; NULL when none is. */
static const char *
source_url(const struct pipfile_lock_state *st, const char *name)
{
	const cJSON *source;

	cJSON_ArrayForEach(source, st->sources) {
		const char *s = jsonval_string(source, "name");
		if (s && strcmp(s, name) == 0)
			return jsonval_string(source, "url");
	}
	return NULL;
}

static int
read_list(struct pipfile_lock_state *st, const cJSON *list, const char *what, struct span at,
	  const char *const **out, size_t *n_out)
{
	const cJSON *item;
	const char **items;
	size_t n = (size_t)cJSON_GetArraySize(list), k = 0;

	if (!cJSON_IsArray(list)) {
		diag_add(st->out->diags, DIAG_NOTE, st->src, at, "expected an array of %s", what);
		return 0;
	}
	if (!n)
		return 0;
	if (!(items = arena_alloc(st->out->arena, n * sizeof(*items))))
		return ERR_NOMEM;
	cJSON_ArrayForEach(item, list) {
		if (!cJSON_IsString(item)) {
			diag_add(st->out->diags, DIAG_NOTE, st->src, at,
				 "expected only strings in the %s", what);
			continue;
		}
		if (!(items[k++] = keep(st, item->valuestring)))
			return ERR_NOMEM;
	}
	*out = items;
	*n_out = k;
	return 0;
}

/* The span of member @key of the package whose value starts at @obj, or @fallback. */
static struct span
member_at(struct sv t, size_t obj, const char *key, struct span fallback)
{
	struct jsonpos_member m;

	return jsonpos_find_member(&m, t, obj, key) ? key_span(&m) : fallback;
}

static void
note_unknown_keys(struct pipfile_lock_state *st, const cJSON *pkg, size_t obj, struct span at)
{
	const cJSON *item;

	cJSON_ArrayForEach(item, pkg) {
		size_t i;
		for (i = 0; package_keys[i] && strcmp(package_keys[i], item->string); i++)
			;
		if (!package_keys[i])
			diag_add(st->out->diags, DIAG_NOTE, st->src,
				 member_at(st->src->text, obj, item->string, at),
				 "unknown key '%s' in a package of Pipfile.lock; ignored",
				 item->string);
	}
}

/* git, path or file: where the package comes from when it is not an index. */
static void
read_origin(struct pipfile_lock_state *st, struct dep *dep, const cJSON *pkg)
{
	static const char *const vcs[] = { "git", "hg", "svn", "bzr" };
	const char *path = jsonval_string(pkg, "path"), *file = jsonval_string(pkg, "file");

	for (size_t i = 0; i < sizeof(vcs) / sizeof(*vcs); i++) {
		const char *url = jsonval_string(pkg, vcs[i]);
		if (!url)
			continue;
		dep->ecosystem = ECO_VCS;
		dep->url = keep(st, url);
		dep->vcs_ref = keep(st, jsonval_string(pkg, "ref"));
		return;
	}
	if (file && (strncmp(file, "file:", 5) == 0 || !strstr(file, "://"))) {
		dep->ecosystem = ECO_LOCAL;
		dep->url = keep(st, file);
		dep->spec = "";
	} else if (file) {
		dep->ecosystem = ECO_URL;
		dep->url = keep(st, file);
	} else if (path) {
		dep->ecosystem = ECO_LOCAL;
		dep->url = keep(st, path);
		dep->spec = "";     /* local code: its version pins nothing */
	}
}

static int
read_package(struct pipfile_lock_state *st, const cJSON *pkg, const struct jsonpos_member *m)
{
	struct sv t = st->src->text;
	struct span name_at = key_span(m);
	const char *version = jsonval_string(pkg, "version"), *index = jsonval_string(pkg, "index");
	const char *markers = jsonval_string(pkg, "markers");
	const cJSON *hashes = cJSON_GetObjectItemCaseSensitive(pkg, "hashes");
	const cJSON *extras = cJSON_GetObjectItemCaseSensitive(pkg, "extras");
	struct dep *dep;
	int rc;

	if (!cJSON_IsObject(pkg)) {
		diag_add(st->out->diags, DIAG_NOTE, st->src, name_at,
			 "expected an object for package '%s'", pkg->string);
		return 0;
	}
	if (!(dep = detect_new_dep(st->out)))
		return ERR_NOMEM;
	dep->kind = DEP_LOCK;
	dep->ecosystem = ECO_PYPI;
	dep->file = st->src->path;
	dep->at = (struct span_ref){ m->key_start - 1, m->value_end, m->key_start, m->key_end };
	source_line_col(st->src, m->key_start, &dep->line, &dep->column);
	dep->raw = keep_raw(st, m->key_start - 1, m->value_end);
	dep->name = keep(st, pkg->string);
	if (!dep->name || !(dep->normalized = dep_normalize_name(st->out->arena,
								    sv_from_cstr(pkg->string))))
		return ERR_NOMEM;
	note_unknown_keys(st, pkg, m->value_start, name_at);
	if (version)
		dep->spec = version[0] == '=' || version[0] == '<' || version[0] == '>' ||
					    version[0] == '~' || version[0] == '!'
				    ? keep(st, version)
				    : arena_printf(st->out->arena, "==%s", version);
	dep->marker = markers ? keep(st, markers) : "";
	dep->editable = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(pkg, "editable"));
	dep->subdir = keep(st, jsonval_string(pkg, "subdirectory"));
	read_origin(st, dep, pkg);
	if (!version && dep->ecosystem != ECO_VCS && dep->ecosystem != ECO_LOCAL)
		diag_add(st->out->diags, DIAG_NOTE, st->src, name_at,
			 "expected a version for '%s'", pkg->string);
	if (index) {
		const char *url = source_url(st, index);
		if (!url)
			diag_add(st->out->diags, DIAG_NOTE, st->src,
				 member_at(t, m->value_start, "index", name_at),
				 "index '%s' of '%s' is not in _meta.sources", index, pkg->string);
		else if (!pipreq_is_public_index(url))
			dep->index_url = keep(st, url);
	}
	if (hashes && (rc = read_list(st, hashes, "hashes",
				      member_at(t, m->value_start, "hashes", name_at),
				      &dep->hashes, &dep->n_hashes)))
		return rc;
	if (extras && (rc = read_list(st, extras, "extras",
				      member_at(t, m->value_start, "extras", name_at),
				      &dep->extras, &dep->n_extras)))
		return rc;
	return st->nomem || !dep->spec || !dep->marker ? ERR_NOMEM : 0;
}

/* One section of packages ("default", "develop" or a pipenv category). */
static int
read_section(struct pipfile_lock_state *st, const cJSON *section,
	     const struct jsonpos_member *where)
{
	struct sv t = st->src->text;
	const cJSON *pkg;
	size_t i = where->value_start;
	struct jsonpos_member m;
	int rc;

	cJSON_ArrayForEach(pkg, section) {
		/* cJSON keeps members in order, so the next key written is this one */
		if (!jsonpos_next_member(&m, t, &i))
			return 0;       /* cannot happen on text cJSON accepted */
		if ((rc = read_package(st, pkg, &m)))
			return rc;
	}
	return 0;
}

static int
read_lock(struct pipfile_lock_state *st, const cJSON *root)
{
	struct sv t = st->src->text;
	const cJSON *item, *meta = cJSON_GetObjectItemCaseSensitive(root, "_meta");
	size_t i = jsonpos_start(t);
	struct jsonpos_member m;
	int rc;

	st->sources = cJSON_GetObjectItemCaseSensitive(meta, "sources");
	if (st->sources && !cJSON_IsArray(st->sources))
		st->sources = NULL;
	if (!meta)
		diag_add(st->out->diags, DIAG_NOTE, st->src, (struct span){ 0, 0 },
			 "expected a \"_meta\" object in Pipfile.lock");
	cJSON_ArrayForEach(item, root) {
		/* cJSON keeps members in order, so the next key written is this one */
		if (!jsonpos_next_member(&m, t, &i))
			return 0;
		if (item == meta) {
			if ((rc = read_sources(st, m.value_start)))
				return rc;
		} else if (!cJSON_IsObject(item)) {
			diag_add(st->out->diags, DIAG_NOTE, st->src, key_span(&m),
				 "expected an object of packages for '%s'; ignored", item->string);
		} else if ((rc = read_section(st, item, &m))) {
			return rc;
		}
	}
	return 0;
}

int
detect_pipfile_lock(struct detect_out *out, struct source *src, const struct detect_ctx *ctx)
{
	struct pipfile_lock_state st = { out, src, NULL, false };
	cJSON *root;
	int rc;

	(void)ctx;
	if (!(root = jsonval_parse_object(out, src, "Pipfile.lock")))
		return 0;
	rc = read_lock(&st, root);
	cJSON_Delete(root);
	return rc;
}
