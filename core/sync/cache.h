/*
 * The cache folder deputy owns ($XDG_CACHE_HOME/deputy or ~/.cache/deputy)
 * and the names of what it puts there. Only `deputy update` creates it.
 */
#ifndef DEPUTY_SYNC_CACHE_H
#define DEPUTY_SYNC_CACHE_H

#include <stdbool.h>
#include <stddef.h>

/* The fetched report repository (bare), and the index built from it. */
#define CACHE_OSV_REPO "osv-malicious.git"
#define CACHE_OSV_INDEX "osv-index.tsv"
/* Temporary files of the index, made beside it and renamed into place. */
#define CACHE_OSV_INDEX_TMP CACHE_OSV_INDEX ".tmp-"
/* What `--online` keeps: bare repositories, CRAN's PACKAGES, PyPI project documents. */
#define CACHE_GIT "git"
#define CACHE_CRAN "cran"
#define CACHE_PYPI "pypi"
/* Size caps: the repositories, and the index files. */
#define CACHE_GIT_MAX ((unsigned long long)1 << 30)
#define CACHE_INDEX_MAX ((unsigned long long)256 << 20)

/*
 * The cache folder for these variable values (either may be NULL): @xdg/deputy
 * when @xdg is absolute, else @home/.cache/deputy when @home is absolute.
 * *@out is the caller's (free()). 0, ERR_NOTFOUND, ERR_NOMEM.
 */
int cache_dir_for(char **out, const char *xdg, const char *home);

/* The same from the environment (XDG_CACHE_HOME, HOME). */
int cache_dir(char **out);

/*
 * Makes @dir and its missing parents (mode 0700). 0, or ERR_IO with a
 * message naming the folder that could not be made.
 */
int cache_create(const char *dir, char *errbuf, size_t errbuf_size);

/* "@dir/@name" on the heap, or NULL when out of memory. */
char *cache_path(const char *dir, const char *name);

/*
 * Removes @path: a file, a link (not followed) or a whole folder. A missing
 * @path is fine. 0, or ERR_IO with a message naming what could not go.
 */
int cache_remove(const char *path, char *errbuf, size_t errbuf_size);

/*
 * Removes CACHE_OSV_REPO, CACHE_OSV_INDEX, stray index temporaries,
 * CACHE_GIT, CACHE_CRAN and CACHE_PYPI from @dir, nothing else; a missing
 * @dir is empty. *@removed counts them. 0, or ERR_IO with a message naming
 * the path.
 */
int cache_clear(const char *dir, size_t *removed, char *errbuf, size_t errbuf_size);

/*
 * Removes whole entries of @dir (files or folders, links not followed), the
 * least recently modified first, until what is left takes at most
 * @max_bytes; the entries named in @keep (NULL-terminated, may be NULL)
 * stay. A missing @dir is fine. 0, ERR_NOMEM, or ERR_IO with a message.
 */
int cache_trim_entries(const char *dir, unsigned long long max_bytes, const char *const *keep,
		       char *errbuf, size_t errbuf_size);

#endif
