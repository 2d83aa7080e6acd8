/*
 * The detector for renv.lock (renv 0.x/1.x lockfiles, JSON): one locked
 * declaration per entry of "Packages", and the non-CRAN repositories of
 * "R.Repositories". cJSON reads the values; core/lex/jsonpos.c finds where
 * each key is written, since cJSON keeps no positions.
 *
 *   lockfile = { "R": { "Repositories": [ { "Name": s, "URL": s } ... ] },
 *                "Packages": { name: { "Package", "Version", "Source", "Repository",
 *                                      "RemoteType", "RemoteHost", "RemoteUsername",
 *                                      "RemoteRepo", "RemoteRef", "RemoteSha",
 *                                      "RemoteSubdir", "RemoteUrl",
 *                                      "Requirements": [ name ... ], ... } ... } }
 *
 * "Requirements" (renv 0.15 and later) lists the packages a package needs, base
 * packages such as "R" and "methods" included; a name that is not a string is skipped.
 */
#include "detect/detect.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "deputy/array.h"
#include "detect/jsonval.h"
#include "lex/jsonpos.h"
#include "lex/rremote.h"

#define RAW_MAX 200

struct renv_state {
	struct detect_out *out;
	struct source *src;
	struct jsonpos_member *keys;     /* the members of "Packages", in order (heap) */
	size_t n_keys, cap_keys;
	bool nomem;              /* a copy into the arena failed */
};

bool
renv_lock_matches(const char *path)
{
	return strcmp(path_basename(path), "renv.lock") == 0;
}

/* ---- where things are written ---- */

/* Where each member of "Packages" is written, in order. */
static int
locate_packages(struct renv_state *st)
{
	struct sv t = st->src->text;
	struct jsonpos_member pkgs, m;
	size_t i;

	if (!jsonpos_find_member(&pkgs, t, jsonpos_start(t), "Packages"))
		return 0;
	i = pkgs.value_start;
	if (i >= t.len || t.ptr[i] != '{')
		return 0;
	while (jsonpos_next_member(&m, t, &i)) {
		if (array_reserve(&st->keys, &st->cap_keys, st->n_keys, sizeof(*st->keys)))
			return ERR_NOMEM;
		st->keys[st->n_keys++] = m;
	}
	return 0;
}

/* ---- the declarations ---- */

/* A copy of cJSON's string (freed with the tree) in the arena; NULL stays NULL. */
static const char *
keep(struct renv_state *st, const char *s)
{
	return jsonval_keep(st->out->arena, s, &st->nomem);
}

static bool
eq(const char *a, const char *b)
{
	return a && strcmp(a, b) == 0;
}

/* "api.github.com", "https://ghe.example.com/api/v3", "api.bitbucket.org/2.0" → the web host. */
static const char *
web_host(struct arena *arena, const char *remote_host, const char *fallback)
{
	struct sv h = sv_from_cstr(remote_host);
	size_t scheme = sv_find(h, SV_LIT("://"));

	if (!remote_host || !remote_host[0])
		return fallback;
	if (scheme != SV_NPOS)
		h = sv_tail(h, scheme + 3);
	if (sv_find_char(h, '/') != SV_NPOS)
		h.len = sv_find_char(h, '/');
	if (sv_starts_with(h, SV_LIT("api.")))
		h = sv_tail(h, 4);
	return h.len ? arena_strndup(arena, h) : fallback;
}

static enum ecosystem
package_ecosystem(const cJSON *pkg, bool *known)
{
	const char *source = jsonval_string(pkg, "Source");
	const char *type = jsonval_string(pkg, "RemoteType");
	const char *repo = jsonval_string(pkg, "Repository");

	*known = true;
	if (eq(source, "GitHub") || eq(type, "github"))
		return ECO_GITHUB;
	if (eq(source, "GitLab") || eq(type, "gitlab"))
		return ECO_GITLAB;
	if (eq(source, "Bitbucket") || eq(type, "bitbucket"))
		return ECO_BITBUCKET;
	if (eq(source, "git") || eq(type, "git") || eq(type, "git2r") || eq(type, "xgit"))
		return ECO_VCS;
	if (eq(source, "Bioconductor") || eq(type, "bioc") ||
	    (repo && (strncmp(repo, "BioC", 4) == 0 || eq(repo, "Bioconductor"))))
		return ECO_BIOC;
	if (eq(source, "Local") || eq(type, "local"))
		return ECO_LOCAL;
	if (eq(source, "URL") || eq(type, "url"))
		return ECO_URL;
	*known = eq(source, "Repository") || eq(source, "CRAN") || eq(type, "standard");
	return ECO_CRAN;
}

static int
fill_remote(struct renv_state *st, struct dep *dep, const cJSON *pkg, const char *package)
{
	struct arena *arena = st->out->arena;
	const char *user = jsonval_string(pkg, "RemoteUsername");
	const char *repo = jsonval_string(pkg, "RemoteRepo");
	const char *ref = keep(st, jsonval_string(pkg, "RemoteRef"));
	const char *sha = keep(st, jsonval_string(pkg, "RemoteSha"));

	dep->package = package;
	dep->spec = ref ? ref : "";
	dep->vcs_ref = sha && sha[0] ? sha : ref && ref[0] ? ref : NULL;
	dep->subdir = keep(st, jsonval_string(pkg, "RemoteSubdir"));
	if (dep->ecosystem == ECO_VCS) {
		const char *url = keep(st, jsonval_string(pkg, "RemoteUrl"));
		dep->name = url ? url : package;
		dep->url = url;
		return 0;
	}
	if (!user || !repo) {
		diag_add(st->out->diags, DIAG_WARNING, st->src,
			 (struct span){ dep->at.name_start, dep->at.name_end },
			 "expected RemoteUsername and RemoteRepo for a package from %s",
			 ecosystem_str(dep->ecosystem));
		dep->name = package;
		return 0;
	}
	const char *fallback = dep->ecosystem == ECO_GITLAB	 ? "gitlab.com"
			       : dep->ecosystem == ECO_BITBUCKET ? "bitbucket.org"
								 : "github.com";
	const char *host = web_host(arena, jsonval_string(pkg, "RemoteHost"), fallback);
	dep->name = arena_printf(arena, "%s/%s", user, repo);
	dep->url = arena_printf(arena, "https://%s/%s/%s", host ? host : fallback, user, repo);
	return dep->name && dep->url ? 0 : ERR_NOMEM;
}

/* Keeps @item as the next required name when it is a non-empty string; anything else is skipped. */
static int
add_require(struct renv_state *st, struct dep *dep, const char **names, const cJSON *item)
{
	if (!cJSON_IsString(item) || !item->valuestring[0])
		return 0;
	if (!(names[dep->n_requires] = keep(st, item->valuestring)))
		return ERR_NOMEM;
	dep->n_requires++;
	return 0;
}

/* "Requirements": the names as written, in the arena; a lone string counts as one name. */
static int
read_requires(struct renv_state *st, struct dep *dep, const cJSON *pkg)
{
	const cJSON *reqs = cJSON_GetObjectItemCaseSensitive(pkg, "Requirements");
	const cJSON *item;
	const char **names;
	int n = cJSON_IsString(reqs) ? 1 : cJSON_IsArray(reqs) ? cJSON_GetArraySize(reqs) : 0;

	if (n <= 0)
		return 0;
	if (!(names = arena_alloc(st->out->arena, (size_t)n * sizeof(*names))))
		return ERR_NOMEM;
	if (cJSON_IsString(reqs)) {
		if (add_require(st, dep, names, reqs))
			return ERR_NOMEM;
	} else {
		cJSON_ArrayForEach(item, reqs) {
			if (add_require(st, dep, names, item))
				return ERR_NOMEM;
		}
	}
	if (dep->n_requires)
		dep->requires = names;
	return 0;
}

static int
read_package(struct renv_state *st, const cJSON *pkg, size_t index)
{
	struct sv text = st->src->text;
	struct dep *dep;
	const char *package, *version;
	bool known;

	if (!cJSON_IsObject(pkg)) {
		diag_add(st->out->diags, DIAG_WARNING, st->src,
			 (struct span){ index < st->n_keys ? st->keys[index].key_start : 0, 0 },
			 "expected an object for package '%s'", pkg->string ? pkg->string : "");
		return 0;
	}
	if (!(dep = detect_new_dep(st->out)))
		return ERR_NOMEM;
	dep->language = LANG_R;
	dep->kind = DEP_LOCK;
	dep->file = st->src->path;
	/* cJSON keeps members in order, so the index-th key written is this one */
	if (index < st->n_keys) {
		const struct jsonpos_member *m = &st->keys[index];
		struct sv raw = sv_make(text.ptr + m->key_start - 1, m->value_end - m->key_start + 1);
		dep->at = (struct span_ref){ m->key_start - 1, m->value_end, m->key_start, m->key_end };
		if (raw.len > RAW_MAX)
			for (raw.len = RAW_MAX; raw.len && ((unsigned char)raw.ptr[raw.len] & 0xc0) == 0x80;)
				raw.len--;
		if (!(dep->raw = arena_strndup(st->out->arena, raw)))
			return ERR_NOMEM;
	}
	source_line_col(st->src, dep->at.name_start, &dep->line, &dep->column);

	package = keep(st, jsonval_string(pkg, "Package"));
	if (!package)
		package = pkg->string ? keep(st, pkg->string) : "";
	if (!package)
		return ERR_NOMEM;
	version = jsonval_string(pkg, "Version");
	dep->ecosystem = package_ecosystem(pkg, &known);
	if (!known)
		diag_add(st->out->diags, DIAG_NOTE, st->src,
			 (struct span){ dep->at.name_start, dep->at.name_end },
			 "package '%s' has source '%s'; read as a cran package", package,
			 jsonval_string(pkg, "Source") ? jsonval_string(pkg, "Source") : "(none)");
	switch (dep->ecosystem) {
	case ECO_GITHUB:
	case ECO_GITLAB:
	case ECO_BITBUCKET:
	case ECO_VCS:
		if (fill_remote(st, dep, pkg, package))
			return ERR_NOMEM;
		break;
	case ECO_LOCAL:
	case ECO_URL:
		dep->name = package;
		dep->url = keep(st, jsonval_string(pkg, "RemoteUrl"));
		break;
	default:
		dep->name = package;
		if (version && !(dep->spec = arena_printf(st->out->arena, "==%s", version)))
			return ERR_NOMEM;
		break;
	}
	dep->normalized = dep->name;
	if (read_requires(st, dep, pkg))
		return ERR_NOMEM;
	return st->nomem ? ERR_NOMEM : 0;
}

/* The source span of the @index-th URL of R.Repositories, or {0, 0}. */
static struct span
locate_repository(struct sv t, size_t index)
{
	struct jsonpos_member r, repos, url;
	size_t at;

	if (!jsonpos_find_member(&r, t, jsonpos_start(t), "R") ||
	    !jsonpos_find_member(&repos, t, r.value_start, "Repositories") ||
	    (at = jsonpos_find_element(t, repos.value_start, index)) == SV_NPOS ||
	    !jsonpos_find_member(&url, t, at, "URL"))
		return (struct span){ 0, 0 };
	return (struct span){ url.value_start + 1, url.value_end - 1 };
}

static int
read_repositories(struct renv_state *st, const cJSON *root)
{
	const cJSON *r = cJSON_GetObjectItemCaseSensitive(root, "R");
	const cJSON *repos = cJSON_GetObjectItemCaseSensitive(r, "Repositories");
	const cJSON *repo;
	size_t index = 0;

	cJSON_ArrayForEach(repo, repos) {
		const char *url = jsonval_string(repo, "URL");
		size_t i = index++;
		if (!url || rremote_is_main_cran(url))
			continue;
		struct index_option *opt = detect_new_option(st->out);
		if (!opt)
			return ERR_NOMEM;
		struct span at = locate_repository(st->src->text, i);
		opt->kind = OPT_R_REPOS;
		opt->value = opt->raw = keep(st, url);
		opt->file = st->src->path;
		opt->at = (struct span_ref){ at.start, at.end, at.start, at.end };
		if (!opt->value)
			return ERR_NOMEM;
		source_line_col(st->src, at.start, &opt->line, &opt->column);
	}
	return 0;
}

static int
read_lock(struct renv_state *st, const cJSON *root)
{
	const cJSON *pkgs = cJSON_GetObjectItemCaseSensitive(root, "Packages");
	const cJSON *pkg;
	size_t index = 0;
	int rc;

	if ((rc = read_repositories(st, root)))
		return rc;
	if (!pkgs)
		return 0;
	if (!cJSON_IsObject(pkgs)) {
		diag_add(st->out->diags, DIAG_WARNING, st->src, (struct span){ 0, 0 },
			 "expected \"Packages\" to be an object");
		return 0;
	}
	if ((rc = locate_packages(st)))
		return rc;
	cJSON_ArrayForEach(pkg, pkgs) {
		if ((rc = read_package(st, pkg, index++)))
			return rc;
	}
	return 0;
}

int
detect_renv_lock(struct detect_out *out, struct source *src, const struct detect_ctx *ctx)
{
	struct renv_state st;
	cJSON *root;
	int rc;

	(void)ctx;
	memset(&st, 0, sizeof(st));
	st.out = out;
	st.src = src;
	if (!(root = jsonval_parse_object(out, src, "renv.lock")))
		return 0;
	rc = read_lock(&st, root);
	cJSON_Delete(root);
	free(st.keys);
	return rc;
}
