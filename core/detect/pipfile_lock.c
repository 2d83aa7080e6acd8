/*
 * The detector for Pipfile.lock (pipenv, pipfile-spec 6, JSON): one locked
 * declaration per package of "default", "develop" and any other category,
 * and one index option per source of "_meta". cJSON reads the values; a
 * walker over the same bytes finds where each key is written.
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

#define RAW_MAX 200

/* A member of a JSON object as written: the key inside its quotes, the value. */
struct member {
	size_t key_start, key_end;
	size_t value_start, value_end;
};

struct pipfile_lock_state {
	struct detect_out *out;
	const struct source *src;
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

/* ---- where things are written: a walker over JSON that cJSON accepted ---- */

/* cJSON skips every byte up to ' ' between tokens, not only JSON's four: so do we. */
static bool
is_space(char c)
{
	return (unsigned char)c <= ' ';
}

static size_t
skip_ws(struct sv t, size_t i)
{
	while (i < t.len && is_space(t.ptr[i]))
		i++;
	return i;
}

/* The index after the value that starts at @i, or SV_NPOS when the text ends first. */
static size_t
skip_value(struct sv t, size_t i)
{
	size_t depth = 0;
	bool in_string = false;

	for (; i < t.len; i++) {
		char c = t.ptr[i];
		if (in_string) {
			if (c == '\\')
				i++;
			else if (c == '"' && (in_string = false, depth == 0))
				return i + 1;
		} else if (c == '"') {
			in_string = true;
		} else if (c == '{' || c == '[') {
			depth++;
		} else if (c == '}' || c == ']') {
			if (depth-- == 0)
				return i;       /* a scalar ended by its container */
			if (depth == 0)
				return i + 1;
		} else if (depth == 0 && (c == ',' || is_space(c))) {
			return i;
		}
	}
	return depth == 0 && !in_string ? i : SV_NPOS;
}

/* The member after *@i (at '{' or after the previous member); false at the end. */
static bool
next_member(struct sv t, size_t *i, struct member *m)
{
	size_t j = skip_ws(t, *i);

	if (j < t.len && (t.ptr[j] == '{' || t.ptr[j] == ','))
		j = skip_ws(t, j + 1);
	if (j >= t.len || t.ptr[j] != '"')
		return false;
	m->key_start = j + 1;
	if ((j = skip_value(t, j)) == SV_NPOS)
		return false;
	m->key_end = j - 1;
	j = skip_ws(t, j);
	if (j >= t.len || t.ptr[j] != ':')
		return false;
	m->value_start = skip_ws(t, j + 1);
	if ((m->value_end = skip_value(t, m->value_start)) == SV_NPOS)
		return false;
	*i = m->value_end;
	return true;
}

/* The @index-th member of the object at @obj, or the one named @key when @key is set. */
static bool
find_member(struct sv t, size_t obj, const char *key, size_t index, struct member *m)
{
	size_t i = obj, n = 0;

	if (obj >= t.len || t.ptr[obj] != '{')
		return false;
	while (next_member(t, &i, m))
		if (key ? sv_eq_cstr(sv_make(t.ptr + m->key_start, m->key_end - m->key_start), key)
			: n++ == index)
			return true;
	return false;
}

/* The start of the @index-th element of the array at @arr, or SV_NPOS. */
static size_t
find_element(struct sv t, size_t arr, size_t index)
{
	size_t i, n = 0;

	if (arr >= t.len || t.ptr[arr] != '[')
		return SV_NPOS;
	for (i = skip_ws(t, arr + 1); i < t.len && t.ptr[i] != ']';) {
		size_t end = skip_value(t, i);
		if (n++ == index)
			return i;
		if (end == SV_NPOS)
			break;
		i = skip_ws(t, end);
		if (i < t.len && t.ptr[i] == ',')
			i = skip_ws(t, i + 1);
	}
	return SV_NPOS;
}

static size_t
start_of_text(struct sv t)
{
	return skip_ws(t, sv_starts_with(t, SV_LIT("\xef\xbb\xbf")) ? 3 : 0);
}

static struct span
key_span(const struct member *m)
{
	return (struct span){ m->key_start, m->key_end };
}

/* ---- the declarations ---- */

static const char *
get_string(const cJSON *obj, const char *key)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsString(item) ? item->valuestring : NULL;
}

/* A copy of cJSON's string (freed with the tree) in the arena; NULL stays NULL. */
static const char *
keep(struct pipfile_lock_state *st, const char *s)
{
	char *copy;

	if (!s)
		return NULL;
	if (!(copy = arena_strdup(st->out->arena, s)))
		st->nomem = true;
	return copy;
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

static bool
is_public_pypi(const char *url)
{
	struct sv u = sv_from_cstr(url);

	while (u.len && u.ptr[u.len - 1] == '/')
		u.len--;
	return sv_eq_nocase(u, SV_LIT("https://pypi.org/simple")) ||
	       sv_eq_nocase(u, SV_LIT("https://pypi.python.org/simple"));
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
	text_line_col(st->src->text, at.start, &opt->line, &opt->column);
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
	struct member list, url_m;
	const cJSON *source;
	size_t index = 0;

	if (!st->sources)
		return 0;
	if (!find_member(t, meta, "sources", 0, &list))
		list.value_start = SV_NPOS;
	cJSON_ArrayForEach(source, st->sources) {
		size_t at = find_element(t, list.value_start, index);
		const char *url = get_string(source, "url");
		const cJSON *verify = cJSON_GetObjectItemCaseSensitive(source, "verify_ssl");
		struct span url_at = { at == SV_NPOS ? 0 : at, at == SV_NPOS ? 0 : at };
		if (at != SV_NPOS && find_member(t, at, "url", 0, &url_m))
			url_at = (struct span){ url_m.value_start + 1, url_m.value_end - 1 };
		if (!url) {
			diag_add(st->out->diags, DIAG_NOTE, st->src, url_at,
				 "expected a url in source %zu of _meta.sources", index + 1);
			index++;
			continue;
		}
		const char *raw = at == SV_NPOS ? keep(st, url) : keep_raw(st, at, skip_value(t, at));
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
		const char *s = get_string(source, "name");
		if (s && strcmp(s, name) == 0)
			return get_string(source, "url");
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
	struct member m;

	return find_member(t, obj, key, 0, &m) ? key_span(&m) : fallback;
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
	const char *path = get_string(pkg, "path"), *file = get_string(pkg, "file");

	for (size_t i = 0; i < sizeof(vcs) / sizeof(*vcs); i++) {
		const char *url = get_string(pkg, vcs[i]);
		if (!url)
			continue;
		dep->ecosystem = ECO_VCS;
		dep->url = keep(st, url);
		dep->vcs_ref = keep(st, get_string(pkg, "ref"));
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
read_package(struct pipfile_lock_state *st, const cJSON *pkg, const struct member *m)
{
	struct sv t = st->src->text;
	struct span name_at = key_span(m);
	const char *version = get_string(pkg, "version"), *index = get_string(pkg, "index");
	const char *markers = get_string(pkg, "markers");
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
	text_line_col(t, m->key_start, &dep->line, &dep->column);
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
	dep->subdir = keep(st, get_string(pkg, "subdirectory"));
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
		else if (!is_public_pypi(url))
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
read_section(struct pipfile_lock_state *st, const cJSON *section, const struct member *where)
{
	struct sv t = st->src->text;
	const cJSON *pkg;
	size_t i = where->value_start;
	struct member m;
	int rc;

	cJSON_ArrayForEach(pkg, section) {
		/* cJSON keeps members in order, so the next key written is this one */
		if (!next_member(t, &i, &m))
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
	size_t index = 0;
	struct member m;
	int rc;

	st->sources = cJSON_GetObjectItemCaseSensitive(meta, "sources");
	if (st->sources && !cJSON_IsArray(st->sources))
		st->sources = NULL;
	if (!meta)
		diag_add(st->out->diags, DIAG_NOTE, st->src, (struct span){ 0, 0 },
			 "expected a \"_meta\" object in Pipfile.lock");
	cJSON_ArrayForEach(item, root) {
		if (!find_member(t, start_of_text(t), NULL, index++, &m))
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
detect_pipfile_lock(struct detect_out *out, const struct source *src, const struct detect_ctx *ctx)
{
	struct pipfile_lock_state st = { out, src, NULL, false };
	const char *end = NULL, *nul;
	cJSON *root;
	size_t stop;
	int rc;

	(void)ctx;
	/* cJSON takes a NUL for the end of the text; JSON has none */
	if ((nul = memchr(src->text.ptr, '\0', src->text.len))) {
		stop = (size_t)(nul - src->text.ptr);
		diag_add(out->diags, DIAG_ERROR, src, (struct span){ stop, stop },
			 "invalid json: a nul byte");
		return 0;
	}
	root = cJSON_ParseWithLengthOpts(src->text.ptr, src->text.len, &end, 0);
	stop = end && end >= src->text.ptr ? (size_t)(end - src->text.ptr) : 0;
	if (!root) {
		/* cJSON stops at the start of a cut string: ask the walker instead */
		bool early = skip_value(src->text, start_of_text(src->text)) == SV_NPOS;
		if (early)
			stop = src->text.len;
		diag_add(out->diags, DIAG_ERROR, src, (struct span){ stop, stop }, "%s",
			 early ? "invalid json: the text ends before the value does"
			       : "invalid json: unexpected text here");
		return 0;
	}
	if (skip_ws(src->text, stop) < src->text.len)
		diag_add(out->diags, DIAG_ERROR, src, (struct span){ stop, stop },
			 "invalid json: unexpected text after the value");
	if (!cJSON_IsObject(root)) {
		diag_add(out->diags, DIAG_ERROR, src, (struct span){ 0, 0 },
			 "expected a json object at the top of Pipfile.lock");
		cJSON_Delete(root);
		return 0;
	}
	rc = read_lock(&st, root);
	cJSON_Delete(root);
	return rc;
}
