/*
 * Index files fetched with --online. Every file name in the cache is made
 * here from a normalised package name checked to be [a-z0-9-] only, so no
 * name from the audited repository can name a path of its own.
 */
#include "resolve/online_index.h"

#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "deputy/array.h"
#include "deputy/sync.h"
#include "fetch/fetch.h"
#include "resolve/read_at.h"
#include "resolve/source.h"
#include "sync/cache.h"

#define PYPI_DEFAULT "https://pypi.org/pypi"
#define PYPI_DOC_MAX ((size_t)8 << 20)

/* @path exists and changed less than a day ago. */
static bool
fresh(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	       time(NULL) - st.st_mtime < ONLINE_INDEX_FRESH_S;
}

static bool
exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* fetch_join_url() into @arena. */
static char *
join_url(struct arena *arena, const char *base, const char *rest)
{
	char *url = fetch_join_url(base, rest);
	char *out = url ? arena_strdup(arena, url) : NULL;

	free(url);
	return out;
}

/* Remembers for a day that the index has no @dest ("@dest.missing", empty). */
static void
mark_missing(const char *marker)
{
	int fd = open(marker, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);

	if (fd >= 0)
		close(fd);
}

/*
 * Downloads @url into @dest unless a fresh copy is there; a failure is a
 * warning naming @what, and sets *@down: once the index cannot be reached,
 * later calls use what the cache holds without asking (and without a
 * warning each). True when @dest can be read afterwards; *@missing when the
 * index said it has no such file (today or earlier in the day).
 */
static bool
refresh(struct arena *arena, struct diags *diags, const char *url, const char *dest,
	const char *what, const struct online_index_opts *opts, bool *missing, bool *down)
{
	struct fetch_opts fo = { opts->timeout_s, 0, 0 };
	char *marker = arena_printf(arena, "%s.missing", dest);
	char err[512];
	int rc;

	*missing = false;
	if (fresh(dest))
		return true;
	if (marker && fresh(marker)) {
		*missing = true;
		return false;
	}
	if (*down)
		return exists(dest);
	rc = fetch_to_file(url, dest, &fo, err, sizeof(err));
	if (rc == 0) {
		if (marker)
			unlink(marker);
		return true;
	}
	if (rc == ERR_NOTFOUND) {
		if (marker)
			mark_missing(marker);
		*missing = true;
		return false;
	}
	diag_add_path(diags, DIAG_WARNING, url, "could not download %s: %s%s", what, err,
		      exists(dest) ? "; using the copy fetched earlier" : "");
	*down = true;
	return exists(dest);
}

int
online_cran(struct pkg_records *out, struct arena *arena, struct diags *diags,
	    const struct online_index_opts *opts)
{
	const char *base = opts->cran_url ? opts->cran_url : SYNC_CRAN_URL;
	char *url = join_url(arena, base, FETCH_CRAN_INDEX_PATH);
	char *dest = arena_printf(arena, "%s/" SYNC_CRAN_INDEX, opts->cache);
	bool missing, down = false;
	int rc;

	if (!url || !dest)
		return ERR_NOMEM;
	if (!refresh(arena, diags, url, dest, "the CRAN index", opts, &missing, &down)) {
		if (missing)
			diag_add_path(diags, DIAG_WARNING, url, "no CRAN index there (HTTP 404)");
		return 0;
	}
	rc = cran_index_read(out, arena, diags, dest);
	if (rc && rc != ERR_NOMEM)
		diag_add_path(diags, DIAG_WARNING, dest, "cannot read the fetched CRAN index: %s",
			      err_str(rc));
	return rc == ERR_NOMEM ? rc : 0;
}

/* A normalised name that is safe as a file name and a URL path segment. */
static bool
safe_name(const char *name)
{
	if (!name || !name[0] || strlen(name) > 200)
		return false;
	for (const char *c = name; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-'))
			return false;
	return true;
}

/* The queue of names to fetch, each once. */
struct name_queue {
	const char **items;
	size_t len, cap;
};

static int
push_name(struct name_queue *q, struct arena *arena, const char *name)
{
	const char *norm = dep_normalize_name(arena, sv_from_cstr(name));

	if (!norm)
		return ERR_NOMEM;
	if (!safe_name(norm))
		return 0;
	for (size_t i = 0; i < q->len; i++)
		if (strcmp(q->items[i], norm) == 0)
			return 0;
	if (array_reserve(&q->items, &q->cap, q->len, sizeof(*q->items)))
		return ERR_NOMEM;
	q->items[q->len++] = norm;
	return 0;
}

/* Marks the names that records of @out already describe as taken (fetched nowhere). */
static int
seed_known(struct name_queue *q, struct arena *arena, const struct pkg_records *out)
{
	int rc = 0;

	for (size_t i = 0; i < out->len && !rc; i++)
		if (out->items[i].ecosystem == ECO_PYPI && out->items[i].name)
			rc = push_name(q, arena, out->items[i].name);
	return rc;
}

/* Fetches (or reuses) and reads the document of @name; *@down as for refresh(). */
static int
one_document(struct pkg_records *out, struct arena *arena, struct diags *diags,
	     const struct online_index_opts *opts, int dir_fd, const char *dir,
	     const char *name, bool *down)
{
	const char *base = opts->pypi_url ? opts->pypi_url : PYPI_DEFAULT;
	char *rest = arena_printf(arena, "%s/json", name);
	char *url = rest ? join_url(arena, base, rest) : NULL;
	char *file = arena_printf(arena, "%s.json", name);
	char *dest = file ? arena_printf(arena, "%s/%s", dir, file) : NULL;
	struct sv text;
	bool missing;
	int rc;

	if (!url || !dest)
		return ERR_NOMEM;
	if (!refresh(arena, diags, url, dest, "a PyPI project document", opts, &missing, down)) {
		if (missing)
			diag_add_path(diags, DIAG_WARNING, url, "PyPI has no project '%s'", name);
		return 0;
	}
	rc = read_at(&text, arena, diags, dir_fd, file, dest, PYPI_DOC_MAX);
	if (rc != 0)
		return rc == ERR_NOMEM ? rc : 0;
	return pypi_json_parse(out, arena, diags, dest, text);
}

int
online_pypi(struct pkg_records *out, struct arena *arena, struct diags *diags,
	    const struct online_index_opts *opts, const char *const *names, size_t n)
{
	char *dir = arena_printf(arena, "%s/" SYNC_PYPI_DOCS, opts->cache);
	char err[512];
	struct name_queue q = { 0 };
	size_t first, fetched = 0, unasked = 0;
	bool down = false;
	int dir_fd = -1, rc;

	if (!dir)
		return ERR_NOMEM;
	if (cache_create(dir, err, sizeof(err)) != 0) {
		diag_add_path(diags, DIAG_WARNING, dir, "%s", err);
		return 0;
	}
	if ((dir_fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return 0;
	rc = seed_known(&q, arena, out);
	first = q.len;
	for (size_t i = 0; i < n && !rc; i++)
		rc = push_name(&q, arena, names[i]);
	for (size_t i = first; i < q.len && !rc; i++) {
		size_t before = out->len;

		if (fetched++ == ONLINE_PYPI_MAX) {
			diag_add_path(diags, DIAG_WARNING, dir, "more than %d PyPI projects to fetch; "
				      "the rest stay unresolved", ONLINE_PYPI_MAX);
			break;
		}
		unasked += down;
		rc = one_document(out, arena, diags, opts, dir_fd, dir, q.items[i], &down);
		for (size_t r = before; r < out->len && !rc; r++)
			for (size_t k = 0; k < out->items[r].n_requires && !rc; k++)
				rc = push_name(&q, arena, out->items[r].requires[k]);
	}
	close(dir_fd);
	free(q.items);
	if (rc == 0 && unasked)
		diag_add_path(diags, DIAG_NOTE, dir, "PyPI could not be reached: %zu more project "
			      "documents were not asked for (those in the cache were used)", unasked);
	if (rc == 0 && fetch_trim_cache(dir, CACHE_INDEX_MAX, NULL, NULL) < 0)
		diag_add_path(diags, DIAG_NOTE, dir, "could not keep the cache under its size cap");
	return rc;
}
