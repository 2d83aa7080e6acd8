/*
 * Packages installed from git repositories, breadth first from the
 * declarations: each repository's ref resolved (remote/remote.h), its
 * package file read at that commit, and the git repositories that file names
 * (a DESCRIPTION's Remotes, a pyproject.toml's "name @ git+..." requirements)
 * queued in turn. Text from the audited repository reaches a URL
 * only through remote_repo_url()'s checks or as an https URL written whole.
 */
#include "resolve/remotes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "deputy/array.h"
#include "deputy/ascii.h"
#include "intel/intel.h"
#include "detect/detect.h"
#include "remote/remote.h"
#include "resolve/pkgfile.h"
#include "resolve/source.h"

#define NOT_ONLINE "not fetched: deputy reads remote repositories only with --online"

struct work {
	struct graph_remote *items;  /* heap until the end */
	size_t len, cap;
	struct meta {
		unsigned depth;      /* how many Remotes deep */
		const char *subdir;  /* the package's folder in the repository, or NULL */
	} *meta;                     /* beside @items */
	size_t cap_meta;
	struct arena *arena;
	struct diags *diags;
	const struct intel *intel;
	const struct remotes_opts *opts;
	struct pkg_records *records;
};

bool
remotes_is_git_dep(const struct dep *dep)
{
	if (dep->dynamic || dep->kind == DEP_DOCUMENTATION || dep->kind == DEP_CONSTRAINT ||
	    dep->kind == DEP_RESOLVED || !dep->url)
		return false;
	if (dep->language == LANG_R)
		return dep->ecosystem == ECO_GITHUB || dep->ecosystem == ECO_GITLAB ||
		       dep->ecosystem == ECO_BITBUCKET || dep->ecosystem == ECO_VCS;
	return dep->language == LANG_PYTHON && dep->ecosystem == ECO_VCS &&
	       strncasecmp(dep->url, "git+", 4) == 0;
}

/* The last '/'-separated part of @s[0, @n), without ".git"; in @arena. */
static const char *
last_part(struct arena *arena, const char *s, size_t n)
{
	size_t start = n;

	while (n > 0 && s[n - 1] == '/')
		n--;
	start = n;
	while (start > 0 && s[start - 1] != '/' && s[start - 1] != ':')
		start--;
	if (n - start > 4 && strncmp(s + n - 4, ".git", 4) == 0)
		n -= 4;
	return n > start ? arena_strndup(arena, sv_make(s + start, n - start)) : NULL;
}

/* The URL of a VCS requirement without "git+", "#fragment" and "@ref": its length. */
static size_t
bare_url_len(const char *url)
{
	size_t n = strcspn(url, "#"), slash = n;

	while (slash > 0 && url[slash - 1] != '/')
		slash--;
	for (size_t i = slash; slash > 0 && i < n; i++)
		if (url[i] == '@')
			return i;
	return n;
}

static const char *
skip_git_plus(const char *url)
{
	return strncasecmp(url, "git+", 4) == 0 ? url + 4 : url;
}

const char *
remotes_guess_name(struct arena *arena, const struct dep *dep)
{
	const char *url;

	if (dep->package && dep->package[0])
		return dep->package;
	if (dep->subdir && dep->subdir[0])
		return last_part(arena, dep->subdir, strlen(dep->subdir));
	if (dep->language == LANG_PYTHON && dep->name && dep->name[0])
		return dep->name;
	if (!dep->url)
		return NULL;
	url = skip_git_plus(dep->url);
	return last_part(arena, url, dep->language == LANG_PYTHON ? bare_url_len(url)
								   : strcspn(url, "#?"));
}

/* @url starts with @host's https address; the rest of the path after it in *@rest. */
static bool
on_host(const char *url, const char *host, const char **rest)
{
	size_t n = strlen(host);

	if (strncasecmp(url, "https://", 8) == 0)
		url += 8;
	else if (strncasecmp(url, "http://", 7) == 0)
		url += 7;
	else if (strncasecmp(url, "git@", 4) == 0 && strncasecmp(url + 4, host, n) == 0 &&
		 url[4 + n] == ':') {
		*rest = url + 5 + n;
		return true;
	} else {
		return false;
	}
	if (strncasecmp(url, host, n) != 0 || url[n] != '/')
		return false;
	*rest = url + n + 1;
	return true;
}

/*
 * Where to fetch the repository of @dep from, in @arena: GitHub and GitLab
 * addresses moved onto the configured bases, any other https URL as it is.
 * NULL with *@why set when there is none.
 */
static const char *
fetch_url(struct arena *arena, const struct dep *dep, const struct remotes_opts *o,
	  const char **why)
{
	const char *url = skip_git_plus(dep->url), *rest;
	size_t n = dep->language == LANG_PYTHON ? bare_url_len(url) : strcspn(url, "#?");
	char *u = arena_strndup(arena, sv_make(url, n));
	const char *base = NULL;

	if (!u)
		return NULL;
	if (on_host(u, "github.com", &rest))
		base = o->github_base ? o->github_base : "https://github.com";
	else if (on_host(u, "gitlab.com", &rest))
		base = o->gitlab_base ? o->gitlab_base : "https://gitlab.com";
	if (base) {
		size_t owner_len = strcspn(rest, "/");
		const char *repo = last_part(arena, rest, strlen(rest));
		char *owner = arena_strndup(arena, sv_make(rest, owner_len));
		char *full = owner && repo && rest[owner_len] == '/' &&
			     strchr(rest + owner_len + 1, '/') == NULL
			     ? remote_repo_url(base, owner, repo) : NULL;
		const char *out = full ? arena_strdup(arena, full) : NULL;

		free(full);
		if (!out)
			*why = "not an owner/repository address";
		return out;
	}
	for (const char *c = u; *c; c++)
		if ((unsigned char)*c <= 0x20 || *c == 0x7f) {
			*why = "the repository address holds spaces or control characters";
			return NULL;
		}
	if (strncasecmp(u, "https://", 8) != 0) {
		*why = "only https:// repositories are fetched";
		return NULL;
	}
	return u;
}

/* The ref to ask the remote for: NULL for its HEAD; pull requests by their ref. */
static const char *
fetch_ref(struct arena *arena, const struct dep *dep, const char **why)
{
	const char *ref = dep->vcs_ref;

	if (!ref || !ref[0])
		return NULL;
	if (strcmp(ref, "*release") == 0) {
		*why = "follows its latest release, which only the host's web API can name";
		return NULL;
	}
	if (ref[0] == '#')
		return arena_printf(arena, dep->ecosystem == ECO_GITLAB
				    ? "refs/merge-requests/%s/head" : "refs/pull/%s/head", ref + 1);
	return ref;
}

/*
 * What provenance names the repository by: "owner/repo" on GitHub and GitLab,
 * else the host and path of its URL; in @arena.
 */
static const char *
slug(struct arena *arena, const struct dep *dep)
{
	const char *url = skip_git_plus(dep->url), *rest;
	size_t n;

	if (dep->ecosystem == ECO_GITHUB || dep->ecosystem == ECO_GITLAB ||
	    dep->ecosystem == ECO_BITBUCKET)
		return dep->name;
	n = dep->language == LANG_PYTHON ? bare_url_len(url) : strcspn(url, "#?");
	if (on_host(url, "github.com", &rest) || on_host(url, "gitlab.com", &rest))
		return arena_strndup(arena, sv_make(rest, n - (size_t)(rest - url)));
	if ((rest = strstr(url, "://")) && (size_t)(rest - url) < n)
		return arena_strndup(arena, sv_make(rest + 3, n - (size_t)(rest + 3 - url)));
	return arena_strndup(arena, sv_make(url, n));
}

static const char *
host_label(const struct dep *dep, const char *url)
{
	const char *rest;

	if (dep->ecosystem == ECO_GITHUB || (url && on_host(url, "github.com", &rest)))
		return "GitHub repository";
	if (dep->ecosystem == ECO_GITLAB || (url && on_host(url, "gitlab.com", &rest)))
		return "GitLab repository";
	if (dep->ecosystem == ECO_BITBUCKET)
		return "Bitbucket repository";
	return "git repository";
}

/* An error message from the host that means the repository is not there. */
static bool
looks_gone(int rc, const char *msg)
{
	static const char *const signs[] = {
		"404", "401", "not found", "does not exist", "could not find repository",
		"failed to resolve path", "no such file",
	};

	char lower[512];
	size_t n = 0;

	if (rc != ERR_GIT)
		return false;
	for (; msg[n] && n + 1 < sizeof(lower); n++)
		lower[n] = ascii_lower(msg[n]);
	lower[n] = '\0';
	for (size_t i = 0; i < sizeof(signs) / sizeof(signs[0]); i++)
		if (strstr(lower, signs[i]))
			return true;
	return false;
}

static bool
same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/*
 * Queues the repository of @dep (named by the remote @parent, or GRAPH_NONE);
 * one named twice is queued once.
 */
static int
queue(struct work *w, const struct dep *dep, size_t parent, unsigned depth)
{
	struct graph_remote r = { .dep = dep, .node = GRAPH_NONE, .parent = parent };
	const char *why = NULL, *subdir;

	r.ref = dep->vcs_ref;
	r.mutable_ref = !remote_ref_is_sha(dep->vcs_ref);
	r.name = remotes_guess_name(w->arena, dep);
	r.url = fetch_url(w->arena, dep, w->opts, &why);
	subdir = dep_subdir(w->arena, dep);
	if (!r.url && !why)
		return ERR_NOMEM;
	if (!r.url)
		r.url = dep->url;
	for (size_t i = 0; i < w->len; i++)
		if (same_text(w->items[i].url, r.url) && same_text(w->items[i].ref, r.ref) &&
		    same_text(w->meta[i].subdir, subdir))
			return 0;
	if (why)
		r.error = why;
	else if (!w->opts->online || !w->opts->cache_dir)
		r.error = NOT_ONLINE;
	else if (w->len >= REMOTES_MAX)
		r.error = "not fetched: more than 200 repositories in one scan";
	else if (depth > REMOTES_DEPTH)
		r.error = "not fetched: Remotes nested more than 10 deep";
	if (array_reserve(&w->items, &w->cap, w->len, sizeof(*w->items)) ||
	    array_reserve(&w->meta, &w->cap_meta, w->len, sizeof(*w->meta)))
		return ERR_NOMEM;
	w->meta[w->len] = (struct meta){ depth, subdir };
	w->items[w->len++] = r;
	return 0;
}

/*
 * Each git repository that the package file @src (at @path in its own
 * repository) names, as the detector of that file reads it (a DESCRIPTION's
 * Remotes, a pyproject.toml's "name @ git+..." requirements), queued under
 * remote @self.
 */
static int
queue_nested(struct work *w, struct source *src, const char *path, size_t self)
{
	const struct detector *det = detector_for_path(path);
	struct detect_ctx ctx = { false, false };
	struct detect_out found;
	struct diags quiet;      /* the file was judged by the package record reader already */
	int rc;

	if (!det)
		return 0;
	diags_init(&quiet, w->arena);
	detect_out_init(&found, w->arena, &quiet);
	rc = det->detect(&found, src, &ctx);
	for (size_t i = 0; rc == 0 && i < found.n_deps; i++)
		if (remotes_is_git_dep(found.deps[i]))
			rc = queue(w, found.deps[i], self, w->meta[self].depth + 1);
	detect_out_release(&found);
	diags_release(&quiet);
	return rc < 0 ? rc : 0;
}

/* Records what the package file of remote @i says; *@src gets the file as read. */
static int
read_package(struct work *w, size_t i, const char *sha, struct source *src, char *msg,
	     size_t msg_size)
{
	struct graph_remote *r = &w->items[i];
	bool r_pkg = r->dep->language == LANG_R;
	static const char *const python_files[] = { "pyproject.toml", "setup.cfg" };
	const char *const *names = r_pkg ? (const char *const[]){ "DESCRIPTION" } : python_files;
	size_t n_names = r_pkg ? 1 : 2, before = w->records->len;
	const char *subdir = w->meta[i].subdir, *label = host_label(r->dep, r->url);
	int rc = ERR_NOTFOUND;

	for (size_t k = 0; k < n_names && rc == ERR_NOTFOUND; k++) {
		const char *path = subdir && subdir[0]
				   ? arena_printf(w->arena, "%s/%s", subdir, names[k]) : names[k];
		char *text = NULL;
		size_t len = 0;

		if (!path)
			return ERR_NOMEM;
		rc = remote_read_file(&text, &len, w->opts->cache_dir, r->url, sha, path, msg,
				      msg_size);
		if (rc == 0) {
			src->path = arena_printf(w->arena, "%s@%.7s:%s", slug(w->arena, r->dep), sha,
						path);
			src->text = sv_make(arena_memdup(w->arena, text, len + 1), len);
			r->file = path;
			rc = src->path && src->text.ptr ? 0 : ERR_NOMEM;
			if (rc == 0)
				rc = r_pkg ? pkgfile_description(w->records, w->arena, w->diags, src, label)
				     : pkgfile_python(w->records, w->arena, w->diags, src, label);
		}
		free(text);
	}
	if (rc == ERR_NOMEM)
		return rc;
	if (rc == ERR_SYNTAX)
		snprintf(msg, msg_size, "%s cannot be read: see its warnings", src->path);
	if (rc == 0 && w->records->len > before) {
		const struct pkg_record *rec = &w->records->items[before];
		r->package = rec->name;
		r->version = rec->version;
		if (rec->name)
			r->name = rec->name;
		r->in_registry = rec->name &&
				 (r_pkg ? intel_cran_has(w->intel, rec->name)
				  : intel_pypi_exists(w->intel, dep_normalize_name(w->arena,
							     sv_from_cstr(rec->name))));
	} else if (rc == 0) {
		snprintf(msg, msg_size, "%s has no package name", src->path);
		rc = ERR_SYNTAX;
	}
	return rc;
}

static void
warn(struct work *w, const struct graph_remote *r)
{
	const struct dep *d = r->dep;

	diag_add_path(w->diags, DIAG_WARNING, d->file, "line %u: %s%s%s: %s", d->line,
		      slug(w->arena, d), r->ref ? "@" : "", r->ref ? r->ref : "", r->error);
}

/* Resolves remote @i online: its commit, who made it, and its package file. */
static int
resolve_one(struct work *w, size_t i)
{
	char sha[41], msg[512] = "";
	const char *why = NULL, *ref = fetch_ref(w->arena, w->items[i].dep, &why);
	struct remote_commit c;
	struct source src = { 0 };
	int rc;

	if (why) {
		w->items[i].error = why;
		return 0;
	}
	rc = remote_resolve_fetch(sha, w->opts->cache_dir, w->items[i].url, ref,
				  w->opts->timeout_s, msg, sizeof(msg));
	if (rc == 0) {
		w->items[i].commit = arena_strdup(w->arena, sha);
		if (!w->items[i].commit)
			return ERR_NOMEM;
		rc = remote_read_commit(&c, w->opts->cache_dir, w->items[i].url, sha, msg,
					sizeof(msg));
	}
	if (rc == 0) {
		w->items[i].author = arena_strdup(w->arena, c.author);
		w->items[i].summary = arena_strdup(w->arena, c.summary);
		w->items[i].time = c.time;
		remote_commit_release(&c);
		if (!w->items[i].author || !w->items[i].summary)
			return ERR_NOMEM;
		rc = read_package(w, i, sha, &src, msg, sizeof(msg));
	}
	if (rc == ERR_NOMEM)
		return rc;
	if (rc != 0) {
		w->items[i].gone = looks_gone(rc, msg) && !w->items[i].commit;
		w->items[i].error = arena_strdup(w->arena, w->items[i].gone
						 ? "the repository does not exist (any more)" : msg);
		if (!w->items[i].error)
			return ERR_NOMEM;
		warn(w, &w->items[i]);
		return 0;
	}
	return queue_nested(w, &src, w->items[i].file, i);
}

int
remotes_resolve(struct graph_remote **out, size_t *n_out, struct pkg_records *records,
		struct arena *arena, struct diags *diags, const struct intel *intel,
		struct dep *const *deps, size_t n_deps, const struct remotes_opts *opts)
{
	struct work w = { .arena = arena, .diags = diags, .intel = intel, .opts = opts,
			  .records = records };
	int rc = 0;

	*out = NULL;
	*n_out = 0;
	for (size_t i = 0; i < n_deps && rc == 0; i++)
		if (remotes_is_git_dep(deps[i]))
			rc = queue(&w, deps[i], GRAPH_NONE, 0);
	for (size_t i = 0; i < w.len && rc == 0; i++)
		if (!w.items[i].error)
			rc = resolve_one(&w, i);
	if (rc == 0 && w.len) {
		*out = arena_memdup(arena, w.items, w.len * sizeof(*w.items));
		*n_out = w.len;
		if (!*out)
			rc = ERR_NOMEM;
	}
	free(w.items);
	free(w.meta);
	return rc;
}
