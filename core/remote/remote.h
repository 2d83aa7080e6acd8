/*
 * Remote git repositories (GitHub-sourced packages): what a ref points at,
 * and one file at a commit, with libgit2 only. Nothing is checked out, no
 * hook or filter runs and no git configuration outside the cache is read.
 */
#ifndef DEPUTY_REMOTE_REMOTE_H
#define DEPUTY_REMOTE_REMOTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Upper bound on a file remote_read_file() returns (ERR_LIMIT above it). */
#define REMOTE_MAX_FILE (16u << 20)

/*
 * "@base/@owner/@repo" on the heap (the caller's, free()), without a trailing
 * slash of @base doubled and without ".git" added. NULL when @owner or @repo
 * is not made of [A-Za-z0-9._-] only, is "." or "..", or when out of memory:
 * names from a repository never reach a path or URL unchecked.
 */
char *remote_repo_url(const char *base, const char *owner, const char *repo);

/* True when @ref is 40 hexadecimal digits: a commit, not a name that can move. */
bool remote_ref_is_sha(const char *ref);

/*
 * What @ref of the repository at @url points at, as 40 lower-case hex digits
 * and a NUL in @out_sha. @ref NULL or "HEAD": the remote's HEAD; "refs/...":
 * that ref; otherwise a name looked up as git does (refs/NAME, refs/tags/NAME,
 * refs/heads/NAME), a tag peeled to its commit. A 40-hex @ref (see
 * remote_ref_is_sha()) is copied without asking the remote: it cannot move,
 * and remote_read_file() finds out whether it exists.
 * 0; ERR_NOTFOUND when the remote has no such ref; ERR_GIT when the remote
 * cannot be reached or listed, ERR_USAGE for a NULL @url; a message naming
 * @url in @err (may be NULL) on failure.
 */
int remote_resolve(char out_sha[41], const char *url, const char *ref, char *err,
		   size_t err_size);

/*
 * The bytes of @path (e.g. "DESCRIPTION", "R/zzz.R") in the tree of commit
 * @sha of @url, read from the object database of a bare repository kept in
 * @cache_dir (made when missing) under a name derived from a hash of @url.
 * The commit is fetched only when the cache lacks it. *@out is the caller's
 * (free()), NUL-terminated for convenience; *@len excludes the NUL.
 * 0; ERR_NOTFOUND when the commit or the path is not there (or @path is a
 * folder or a link); ERR_LIMIT above REMOTE_MAX_FILE; ERR_GIT when fetching
 * fails; ERR_IO when the cache cannot be made; ERR_USAGE for a bad @sha or
 * an empty @path; ERR_NOMEM. A message in @err (may be NULL) on failure.
 */
int remote_read_file(char **out, size_t *len, const char *cache_dir, const char *url,
		     const char *sha, const char *path, char *err, size_t err_size);

/*
 * Makes commit @sha of @url present in its cache repository under
 * @cache_dir, fetching it when missing. Returns as remote_read_file().
 */
int remote_fetch(const char *cache_dir, const char *url, const char *sha, char *err,
		 size_t err_size);

/* The deadline of remote_resolve_fetch() when none is given. */
#define REMOTE_TIMEOUT_S 60

/*
 * remote_resolve() then remote_fetch(), in a child process (fork) that is
 * killed after @timeout_s seconds (0: REMOTE_TIMEOUT_S): libgit2 has no
 * timeout of its own. The commit is then in the cache, and
 * remote_read_file() and remote_read_commit() need no network. Returns as
 * those; ERR_IO with "timed out after N s" in @err when the deadline passed.
 * Forks: call it while no other thread holds a lock the child needs.
 */
int remote_resolve_fetch(char out_sha[41], const char *cache_dir, const char *url,
			 const char *ref, long timeout_s, char *err, size_t err_size);

/* Who made a commit, and when. Strings are the struct's own (heap). */
struct remote_commit {
	char *author;                /* "Name <email>" */
	int64_t time;                /* seconds since the epoch */
	char *summary;               /* the message's first line */
};

/*
 * The author, date and summary of commit @sha of @url, fetched into the
 * cache as remote_read_file() does. Same returns; release @out with
 * remote_commit_release() after a 0.
 */
int remote_read_commit(struct remote_commit *out, const char *cache_dir, const char *url,
		       const char *sha, char *err, size_t err_size);
void remote_commit_release(struct remote_commit *c);

#endif
