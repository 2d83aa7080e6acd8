/*
 * The synced intel: `deputy update` clones or fetches a git repository of
 * OSV malicious-package reports into the user's cache and indexes its PyPI
 * and CRAN entries; scans read that index beside the bundled intel.
 */
#ifndef DEPUTY_DEPUTY_SYNC_H
#define DEPUTY_DEPUTY_SYNC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The OpenSSF malicious-packages database, fetched when no URL is given. */
#define SYNC_DEFAULT_URL "https://github.com/ossf/malicious-packages.git"

/* CRAN, for `deputy update --cran` when no URL is given; its index in the cache. */
#define SYNC_CRAN_URL "https://cloud.r-project.org"
#define SYNC_CRAN_INDEX "cran/PACKAGES.gz"
/* PyPI project documents --online keeps in the cache (a folder of NAME.json). */
#define SYNC_PYPI_DOCS "pypi"

/* How far a fetch has come (libgit2's transfer progress, copied). */
struct sync_progress {
	unsigned total_objects;
	unsigned received_objects;
	unsigned indexed_objects;
	unsigned total_deltas;
	unsigned indexed_deltas;
	size_t received_bytes;
};

/* Called now and then while objects arrive; return non-zero to cancel. */
typedef int (*sync_progress_fn)(const struct sync_progress *progress, void *payload);
/* Called for each report file that could not be used (@path in the repository). */
typedef void (*sync_problem_fn)(const char *path, const char *reason, void *payload);

struct sync_opts {
	const char *url;             /* a URL, a local path or file://; NULL: SYNC_DEFAULT_URL */
	sync_progress_fn progress;   /* may be NULL */
	sync_problem_fn problem;     /* may be NULL */
	void *payload;               /* given to both callbacks */
};

#define SYNC_OPTS_INIT { NULL, NULL, NULL, NULL }

/* What an update did. */
struct sync_result {
	char commit[41];             /* the indexed commit (hex) */
	char branch[128];            /* the remote's default branch, e.g. "main" */
	bool cloned;                 /* the first fetch into an empty cache */
	size_t reports;              /* PyPI and CRAN report files read */
	size_t entries;              /* index lines: one per (ecosystem, name) */
	size_t pypi, cran;           /* of which PyPI, CRAN */
	size_t malformed;            /* report files that could not be used */
	size_t withdrawn;            /* withdrawn reports left out */
};

/* What the index says about itself (its header line). */
struct sync_info {
	char url[512];               /* where it was fetched from (cut when longer) */
	char commit[41];             /* hex */
	char updated[32];            /* when: "2026-11-25T10:00:00Z" */
};

/*
 * The cache folder: $XDG_CACHE_HOME/deputy when XDG_CACHE_HOME is set and
 * absolute, else $HOME/.cache/deputy. With @create, the folder (and its
 * parents) is made, mode 0700; a scan never asks for that. *@out is the
 * caller's (free()). 0, ERR_NOTFOUND when neither variable gives a folder,
 * ERR_IO (the message names the path), ERR_NOMEM.
 */
int sync_cache_dir(char **out, bool create, char *errbuf, size_t errbuf_size);

/*
 * Clones (first time) or fetches the report repository into @cache, then
 * rebuilds the index from the remote's default branch. Malformed reports are
 * counted and passed to @opts->problem; they never stop the update.
 * 0, ERR_GIT (the URL cannot be fetched; @errbuf says why), ERR_IO, ERR_NOMEM.
 */
int sync_update(struct sync_result *out, const char *cache, const struct sync_opts *opts,
		char *errbuf, size_t errbuf_size);

/*
 * Downloads @cran_url's (NULL: SYNC_CRAN_URL) src/contrib/PACKAGES.gz into
 * @cache as SYNC_CRAN_INDEX, replacing the old copy only when the whole file
 * arrived; @timeout_s 0 is the default. 0, ERR_NOTFOUND, ERR_IO, ERR_LIMIT,
 * ERR_USAGE (not an http or https URL), ERR_NOMEM; a message in @errbuf.
 */
int sync_cran(const char *cache, const char *cran_url, long timeout_s, char *errbuf,
	      size_t errbuf_size);

/*
 * Removes what deputy put in @cache (the fetched repository, the index and
 * its temporary files) and nothing else. *@removed (when not NULL) counts the
 * top-level entries removed. 0, ERR_IO with a message naming the path.
 */
int sync_clear(const char *cache, size_t *removed, char *errbuf, size_t errbuf_size);

/*
 * Reads the index header in @cache. 0, ERR_NOTFOUND when nothing was synced,
 * ERR_SYNTAX when the index is corrupt (@errbuf says how), ERR_IO.
 */
int sync_info(struct sync_info *out, const char *cache, char *errbuf, size_t errbuf_size);

/*
 * Whole days from the date that @iso starts with ("2026-11-25...", UTC) to
 * @now (seconds since the epoch); 0 when @iso is in the future; -1 when
 * @iso does not start with a date.
 */
int sync_age_days(const char *iso, int64_t now);

#endif
