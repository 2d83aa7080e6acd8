/*
 * The index of the synced reports: the PyPI and CRAN entries of a fetched
 * OSV repository, one line per package, written to the cache as TSV.
 */
#ifndef DEPUTY_SYNC_OSV_INDEX_H
#define DEPUTY_SYNC_OSV_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include <git2.h>

#include "deputy/sync.h"

/* The first field of the header line; the format's version is in it. */
#define OSV_INDEX_MAGIC "# deputy osv index v1"

/*
 * Reads every report of @commit in @repo (blobs from the object database, no
 * checkout) and writes the index to @index_path through a temporary file
 * renamed into place. The header records @url, the commit and @now (seconds
 * since the epoch, UTC). A report that cannot be used is counted in
 * @out->malformed and passed to @problem (may be NULL); it never stops the
 * build. Fills the counts of @out. 0, ERR_GIT, ERR_IO (@errbuf names the
 * path), ERR_NOMEM.
 */
int osv_index_build(struct sync_result *out, git_repository *repo, const git_oid *commit,
		    const char *index_path, const char *url, int64_t now,
		    sync_problem_fn problem, void *payload, char *errbuf, size_t errbuf_size);

#endif
