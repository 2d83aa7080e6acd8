/*
 * The cache folder: where it is (XDG base directory rules), making it when
 * `deputy update` asks, and emptying what deputy put in it.
 */
#include "sync/cache.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
	while (!err && (e = readdir(d)) != NULL)
		if (strncmp(e->d_name, CACHE_OSV_INDEX_TMP, tmp_len) == 0)
			err = clear_one(dir, e->d_name, &count, errbuf, errbuf_size);
	closedir(d);
	if (removed)
		*removed = count;
	return err;
}
