/*
 * Brings a git repository of OSV reports into the cache with libgit2: a bare
 * repository, cloned the first time and fetched after; nothing checked out.
 */
#ifndef DEPUTY_SYNC_OSV_FETCH_H
#define DEPUTY_SYNC_OSV_FETCH_H

#include <stdbool.h>
#include <stddef.h>

#include <git2.h>

#include "deputy/sync.h"

/* The fetched repository and the commit at the remote's default branch. */
struct osv_fetched {
	git_repository *repo;        /* open until osv_fetch_close() */
	git_oid commit;
	char branch[128];            /* "main" */
	bool cloned;                 /* the repository was made by this fetch */
};

/*
 * Fetches @url (a URL, a local path or file://) into the bare repository
 * @git_dir, making it when missing; when the repository was fetched from
 * another URL before, its remote is pointed at @url. @progress (may be NULL)
 * sees the transfer. Starts libgit2 (osv_fetch_close() stops it); on failure
 * nothing stays open and a repository made by this call is removed.
 * 0, ERR_GIT (@errbuf says why), ERR_IO, ERR_NOMEM.
 */
int osv_fetch(struct osv_fetched *out, const char *git_dir, const char *url,
	      sync_progress_fn progress, void *payload, char *errbuf, size_t errbuf_size);

void osv_fetch_close(struct osv_fetched *fetched);

#endif
