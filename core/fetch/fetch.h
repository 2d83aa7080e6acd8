/*
 * The online half of the resolver's cache: one URL over HTTP(S) into one
 * file of the cache (libcurl), and trimming the cache to a size cap.
 */
#ifndef DEPUTY_FETCH_FETCH_H
#define DEPUTY_FETCH_FETCH_H

#include <stddef.h>
#include <stdint.h>

struct fetch_opts {
	long timeout_s;         /* whole transfer, seconds; 0: 30 */
	long connect_timeout_s; /* 0: 10 */
	uint64_t max_bytes;     /* larger bodies are refused (ERR_LIMIT); 0: 256 MB */
};

#define FETCH_TIMEOUT_S 30
#define FETCH_CONNECT_TIMEOUT_S 10
#define FETCH_MAX_BYTES ((uint64_t)256 * 1024 * 1024)
#define FETCH_MAX_REDIRECTS 5

/*
 * GET @url into the file @dest: written to a temporary file beside @dest
 * (".<name>.part-XXXXXX" in the same folder, which is made with mkdir -p
 * semantics, mode 0700 for the folders it makes) and renamed over @dest only
 * when the whole body arrived with status 200; otherwise @dest is left as it
 * was and the temporary file removed. The file is made with mode 0600.
 *
 * Only http:// and https:// URLs (scheme case-insensitive); redirects are
 * followed (at most FETCH_MAX_REDIRECTS), only to http and https. No cookies,
 * no .netrc, the proxy of the environment as libcurl does. User-Agent "deputy".
 * @opts may be NULL (all defaults).
 *
 * Returns 0; ERR_NOTFOUND for HTTP 404 or 410; ERR_LIMIT when the body
 * exceeds max_bytes (the transfer stops as soon as it does, or at once from
 * a Content-Length); ERR_USAGE for a URL that is not http(s) or a NULL
 * argument; ERR_NOMEM; ERR_IO for any other failure (network, timeout, other
 * status, cannot write). @err (may be NULL) gets a one-line message naming
 * the URL and the cause on every failure ("http://127.0.0.1:8000/x: HTTP 500",
 * "...: timed out after 30 s", "...: could not connect: Connection refused").
 */
int fetch_to_file(const char *url, const char *dest, const struct fetch_opts *opts, char *err,
		  size_t err_size);

/*
 * "@base/@path" on the heap (the caller's, free()), the trailing slashes of
 * @base dropped so that "https://host/" and "https://host" give the same URL.
 * NULL when out of memory.
 */
char *fetch_join_url(const char *base, const char *path);

/* The path of CRAN's package index in a CRAN repository. */
#define FETCH_CRAN_INDEX_PATH "src/contrib/PACKAGES.gz"

/*
 * Removes the least recently modified regular files under @dir (recursive,
 * never following symbolic links, never leaving @dir; symbolic links count
 * 0 bytes and are left) until the regular files total at most @max_bytes;
 * empty folders left behind stay. A file whose path relative to @dir is
 * listed in @keep (NULL-terminated, may be NULL; "a/b" and "./a//b" are the
 * same) is never removed. *@freed (may be NULL) gets the bytes removed, also
 * on failure. 0; ERR_NOTFOUND when @dir does not exist; ERR_USAGE for a
 * NULL @dir; ERR_NOMEM; ERR_IO on other failures (a folder or file that
 * cannot be read or removed, folders nested deeper than 64 levels).
 */
int fetch_trim_cache(const char *dir, uint64_t max_bytes, const char *const *keep,
		     uint64_t *freed);

#endif
