/*
 * The cache folder: where it is (XDG base directory rules), making it when
 * `deputy update` asks, emptying what deputy put in it, and keeping what
 * --online fetches under its size caps.
 */
#include "sync/cache.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "deputy/array.h"
#include "deputy/diag.h"

/* nftw() opens at most this many folders at once. */
#define CLEAR_OPEN_MAX 16

char *
cache_path(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	char *p = malloc(a + b + 2);

	if (!p)
		return NULL;
	memcpy(p, dir, a);
	p[a] = '/';
	memcpy(p + a + 1, name, b + 1);
	return p;
}

int
cache_dir_for(char **out, const char *xdg, const char *home)
{
	*out = NULL;
	/* The XDG spec: a relative value is invalid and must be ignored. */
	if (xdg && xdg[0] == '/')
		*out = cache_path(xdg, "deputy");
	else if (home && home[0] == '/')
		*out = cache_path(home, ".cache/deputy");
	else
		return ERR_NOTFOUND;
	return *out ? 0 : ERR_NOMEM;
}

int
cache_dir(char **out)
{
	return cache_dir_for(out, getenv("XDG_CACHE_HOME"), getenv("HOME"));
}

int
cache_create(const char *dir, char *errbuf, size_t errbuf_size)
{
	char *path = strdup(dir);
	struct stat st;

	if (!path)
		return ERR_NOMEM;
	/* mkdir -p: each prefix at a '/', then the whole path. */
	for (char *p = path + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST) {
			snprintf(errbuf, errbuf_size, "cannot create the cache folder %s: %s", path,
				 strerror(errno));
			free(path);
			return ERR_IO;
		}
		*p = c;
		if (c == '\0')
			break;
	}
	free(path);
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		snprintf(errbuf, errbuf_size, "the cache folder %s is not a folder", dir);
		return ERR_IO;
	}
	return 0;
}

/* nftw() callback, depth first: files and links go, then their folder. */
static int
remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (type == FTW_DP)
		return rmdir(path) == 0 ? 0 : -1;
	return unlink(path) == 0 ? 0 : -1;
}

int
cache_remove(const char *path, char *errbuf, size_t errbuf_size)
{
	struct stat st;

	if (lstat(path, &st) != 0)
		return 0;
	if (S_ISDIR(st.st_mode)) {
		if (nftw(path, remove_entry, CLEAR_OPEN_MAX, FTW_DEPTH | FTW_PHYS) == 0)
			return 0;
	} else if (unlink(path) == 0) {
		return 0;
	}
	snprintf(errbuf, errbuf_size, "cannot remove %s: %s", path, strerror(errno));
	return ERR_IO;
}

/* Removes @name from @dir when it is there, counting it. */
static int
clear_one(const char *dir, const char *name, size_t *removed, char *errbuf, size_t errbuf_size)
{
	char *path = cache_path(dir, name);
	struct stat st;
	int err;

	if (!path)
		return ERR_NOMEM;
	if (lstat(path, &st) != 0) {
		free(path);
		return 0;
	}
	err = cache_remove(path, errbuf, errbuf_size);
	if (err == 0)
		(*removed)++;
	free(path);
	return err;
}

int
cache_clear(const char *dir, size_t *removed, char *errbuf, size_t errbuf_size)
{
	size_t tmp_len = strlen(CACHE_OSV_INDEX_TMP);
	size_t count = 0;
	struct dirent *e;
	DIR *d;
	int err;

	if (removed)
		*removed = 0;
	d = opendir(dir);
	if (!d) {
		if (errno == ENOENT)
			return 0;
		snprintf(errbuf, errbuf_size, "cannot read the cache folder %s: %s", dir,
			 strerror(errno));
		return ERR_IO;
	}
	err = clear_one(dir, CACHE_OSV_REPO, &count, errbuf, errbuf_size);
	if (!err)
		err = clear_one(dir, CACHE_OSV_INDEX, &count, errbuf, errbuf_size);
	if (!err)
		err = clear_one(dir, CACHE_GIT, &count, errbuf, errbuf_size);
	if (!err)
		err = clear_one(dir, CACHE_CRAN, &count, errbuf, errbuf_size);
	if (!err)
		err = clear_one(dir, CACHE_PYPI, &count, errbuf, errbuf_size);
	while (!err && (e = readdir(d)) != NULL)
		if (strncmp(e->d_name, CACHE_OSV_INDEX_TMP, tmp_len) == 0)
			err = clear_one(dir, e->d_name, &count, errbuf, errbuf_size);
	closedir(d);
	if (removed)
		*removed = count;
	return err;
}

/* One entry of a folder being trimmed: its size on disk and when it changed last. */
struct trim_entry {
	char *name;
	unsigned long long bytes;
	time_t mtime;
};

/* What entry_size() sums. */
struct size_walk {
	unsigned long long bytes;
	time_t newest;
};

static int
trim_cmp(const void *a, const void *b)
{
	const struct trim_entry *x = a, *y = b;

	return (x->mtime > y->mtime) - (x->mtime < y->mtime);
}

/*
 * Bytes on disk and newest change under @path, links not followed; recursive,
 * which is fine for what deputy itself puts in its cache (bare repositories
 * are a few folders deep).
 */
static int
entry_size(const char *path, struct size_walk *w)
{
	struct stat st;
	DIR *d;
	struct dirent *e;

	if (lstat(path, &st) != 0)
		return 0;
	w->bytes += (unsigned long long)st.st_blocks * 512;
	if (st.st_mtime > w->newest)
		w->newest = st.st_mtime;
	if (!S_ISDIR(st.st_mode) || !(d = opendir(path)))
		return 0;
	while ((e = readdir(d)) != NULL) {
		char *child;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (!(child = cache_path(path, e->d_name))) {
			closedir(d);
			return ERR_NOMEM;
		}
		int err = entry_size(child, w);
		free(child);
		if (err) {
			closedir(d);
			return err;
		}
	}
	closedir(d);
	return 0;
}

static bool
kept(const char *name, const char *const *keep)
{
	for (size_t i = 0; keep && keep[i]; i++)
		if (strcmp(keep[i], name) == 0)
			return true;
	return false;
}

int
cache_trim_entries(const char *dir, unsigned long long max_bytes, const char *const *keep,
		   char *errbuf, size_t errbuf_size)
{
	struct trim_entry *items = NULL;
	size_t n = 0, cap = 0;
	unsigned long long total = 0;
	struct dirent *e;
	DIR *d = opendir(dir);
	int err = 0;

	if (!d)
		return 0;
	while (!err && (e = readdir(d)) != NULL) {
		struct size_walk w = { 0, 0 };
		char *path;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (!(path = cache_path(dir, e->d_name)) || entry_size(path, &w) != 0 ||
		    array_reserve(&items, &cap, n, sizeof(*items)) != 0 ||
		    !(items[n].name = strdup(e->d_name)))
			err = ERR_NOMEM;
		if (!err) {
			items[n].bytes = w.bytes;
			items[n].mtime = w.newest;
			total += w.bytes;
			n++;
		}
		free(path);
	}
	closedir(d);
	if (!err && n)
		qsort(items, n, sizeof(*items), trim_cmp);
	for (size_t i = 0; !err && i < n && total > max_bytes; i++) {
		char *path;

		if (kept(items[i].name, keep))
			continue;
		if (!(path = cache_path(dir, items[i].name)))
			err = ERR_NOMEM;
		else if ((err = cache_remove(path, errbuf, errbuf_size)) == 0)
			total -= items[i].bytes;
		free(path);
	}
	for (size_t i = 0; i < n; i++)
		free(items[i].name);
	free(items);
	return err;
}
