/*
 * One file of a remote repository at a commit: the commit is fetched into a
 * bare repository in the cache (only when missing there) and the file is read
 * from its object database, so nothing is checked out and nothing runs.
 */
#include "remote/remote.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>

#include <git2.h>

#include "deputy/diag.h"
#include "repo/git_setup.h"

#define SETERR(...) ((err && err_size) ? (void)snprintf(err, err_size, __VA_ARGS__) : (void)0)

/*
 * The cache repository of @url: "@cache_dir/<sha1 of the url>.git". The name
 * never contains text from the url, so no url can name a path of its own.
 */
static char *
cache_repo_path(const char *cache_dir, const char *url)
{
	char hex[GIT_OID_HEXSZ + 1];
	git_oid id;
	size_t len;
	char *out;

	if (git_odb_hash(&id, url, strlen(url), GIT_OBJECT_BLOB) < 0)
		return NULL;
	git_oid_tostr(hex, sizeof(hex), &id);
	len = strlen(cache_dir) + 1 + GIT_OID_HEXSZ + sizeof(".git");
	out = malloc(len);
	if (out)
		snprintf(out, len, "%s/%s.git", cache_dir, hex);
	return out;
}

static int
open_cache(git_repository **out, const char *git_dir, char *err, size_t err_size)
{
	git_repository_init_options init = GIT_REPOSITORY_INIT_OPTIONS_INIT;
	struct stat st;

	if (stat(git_dir, &st) == 0) {
		if (git_repository_open_bare(out, git_dir) == 0)
			return 0;
		SETERR("cannot open the cache repository %s: %s", git_dir, git_setup_message());
		return ERR_GIT;
	}
	if (errno != ENOENT) {
		SETERR("cannot read %s: %s", git_dir, strerror(errno));
		return ERR_IO;
	}
	init.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH;
	if (git_repository_init_ext(out, git_dir, &init) < 0) {
		SETERR("cannot create the cache repository %s: %s", git_dir, git_setup_message());
		return ERR_IO;
	}
	return 0;
}

/*
 * Fetches with @specs through an anonymous remote (named remotes leak in
 * libgit2 1.5.1, and need configuration we do not want to write). No
 * insteadOf rewriting: libgit2 1.5.1's scan for it leaks a pcre2 match per
 * configuration entry, and @url is the one to fetch from anyway.
 */
static int
fetch(git_repository *repo, const char *url, char **specs, size_t n)
{
	git_remote_create_options create = GIT_REMOTE_CREATE_OPTIONS_INIT;
	git_fetch_options opts = GIT_FETCH_OPTIONS_INIT;
	git_strarray refspecs = { specs, n };
	git_remote *remote = NULL;
	int rc;

	create.repository = repo;
	create.flags = GIT_REMOTE_CREATE_SKIP_INSTEADOF | GIT_REMOTE_CREATE_SKIP_DEFAULT_FETCHSPEC;
	opts.update_fetchhead = 0;
	opts.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
	rc = git_remote_create_with_opts(&remote, url, &create);
	if (rc == 0)
		rc = git_remote_fetch(remote, &refspecs, &opts, NULL);
	git_remote_free(remote);
	return rc;
}

/*
 * Makes commit @id present: asked for by id first (servers that allow it
 * send only what it needs), else every branch and tag is fetched, which
 * finds any commit reachable from them.
 */
static int
ensure_commit(git_repository *repo, const char *url, const git_oid *id, const char *sha,
	      char *err, size_t err_size)
{
	static char heads[] = "+refs/heads/*:refs/heads/*";
	static char tags[] = "+refs/tags/*:refs/tags/*";
	char by_id[GIT_OID_HEXSZ + 1];
	char *all[] = { heads, tags };
	char *one[] = { by_id };
	git_odb *odb = NULL;
	bool have;

	if (git_repository_odb(&odb, repo) < 0) {
		SETERR("cannot read the cache of %s: %s", url, git_setup_message());
		return ERR_GIT;
	}
	have = git_odb_exists(odb, id);
	if (!have) {
		git_oid_tostr(by_id, sizeof(by_id), id);
		if (fetch(repo, url, one, 1) == 0)
			have = git_odb_exists(odb, id);
	}
	if (!have) {
		if (fetch(repo, url, all, 2) < 0) {
			SETERR("cannot fetch %s: %s", url, git_setup_message());
			git_odb_free(odb);
			return ERR_GIT;
		}
		have = git_odb_exists(odb, id);
	}
	git_odb_free(odb);
	if (!have) {
		SETERR("%s has no commit %s", url, sha);
		return ERR_NOTFOUND;
	}
	return 0;
}

/* The blob at @path of commit @id, copied to the heap. */
static int
read_blob(char **out, size_t *len, git_repository *repo, const git_oid *id, const char *sha,
	  const char *path, char *err, size_t err_size)
{
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	git_tree_entry *entry = NULL;
	git_blob *blob = NULL;
	git_filemode_t mode;
	git_object_size_t size;
	int rc = 0;

	if (git_commit_lookup(&commit, repo, id) < 0 || git_commit_tree(&tree, commit) < 0) {
		SETERR("%s is not a commit: %s", sha, git_setup_message());
		rc = ERR_NOTFOUND;
		goto done;
	}
	if (git_tree_entry_bypath(&entry, tree, path) < 0 ||
	    ((mode = git_tree_entry_filemode(entry)) != GIT_FILEMODE_BLOB &&
	     mode != GIT_FILEMODE_BLOB_EXECUTABLE)) {
		SETERR("no file '%s' in commit %s", path, sha);
		rc = ERR_NOTFOUND;
		goto done;
	}
	if (git_blob_lookup(&blob, repo, git_tree_entry_id(entry)) < 0) {
		SETERR("cannot read '%s' in commit %s: %s", path, sha, git_setup_message());
		rc = ERR_GIT;
		goto done;
	}
	size = git_blob_rawsize(blob);
	if (size > REMOTE_MAX_FILE) {
		SETERR("'%s' in commit %s is larger than %u bytes", path, sha, REMOTE_MAX_FILE);
		rc = ERR_LIMIT;
		goto done;
	}
	*out = malloc((size_t)size + 1);
	if (!*out) {
		rc = ERR_NOMEM;
		goto done;
	}
	memcpy(*out, git_blob_rawcontent(blob), (size_t)size);
	(*out)[size] = '\0';
	*len = (size_t)size;
done:
	git_blob_free(blob);
	git_tree_entry_free(entry);
	git_tree_free(tree);
	git_commit_free(commit);
	return rc;
}

/*
 * Starts libgit2 and makes commit @sha of @url present in its cache
 * repository, opened in *@repo. On success the caller reads, then calls
 * finish(); on failure everything is already released.
 */
static int
start(git_repository **repo, git_oid *id, const char *cache_dir, const char *url,
      const char *sha, char *err, size_t err_size)
{
	char *git_dir = NULL;
	int rc;

	*repo = NULL;
	if (!cache_dir || !url || !remote_ref_is_sha(sha)) {
		SETERR("expected a cache folder, a url and a 40-hex commit");
		return ERR_USAGE;
	}
	if (git_libgit2_init() < 0) {
		SETERR("cannot start libgit2 for %s", url);
		return ERR_GIT;
	}
	rc = git_setup_isolated(false);
	if (rc < 0)
		SETERR("cannot configure libgit2: %s", git_setup_message());
	if (rc == 0 && git_oid_fromstr(id, sha) < 0) {
		SETERR("'%s' is not a commit id", sha);
		rc = ERR_USAGE;
	}
	if (rc == 0 && !(git_dir = cache_repo_path(cache_dir, url)))
		rc = ERR_NOMEM;
	if (rc == 0)
		rc = open_cache(repo, git_dir, err, err_size);
	if (rc == 0)
		rc = ensure_commit(*repo, url, id, sha, err, err_size);
	if (rc == 0)
		utimes(git_dir, NULL);      /* used now: the cache's size cap removes the oldest */
	free(git_dir);
	if (rc != 0) {
		git_repository_free(*repo);
		*repo = NULL;
		git_libgit2_shutdown();
	}
	return rc;
}

static void
finish(git_repository *repo)
{
	git_repository_free(repo);
	git_libgit2_shutdown();
}

int
remote_read_file(char **out, size_t *len, const char *cache_dir, const char *url,
		 const char *sha, const char *path, char *err, size_t err_size)
{
	git_repository *repo;
	git_oid id;
	int rc;

	*out = NULL;
	*len = 0;
	if (!path || !*path) {
		SETERR("expected a path");
		return ERR_USAGE;
	}
	rc = start(&repo, &id, cache_dir, url, sha, err, err_size);
	if (rc == 0) {
		rc = read_blob(out, len, repo, &id, sha, path, err, err_size);
		finish(repo);
	}
	return rc;
}

int
remote_fetch(const char *cache_dir, const char *url, const char *sha, char *err, size_t err_size)
{
	git_repository *repo;
	git_oid id;
	int rc = start(&repo, &id, cache_dir, url, sha, err, err_size);

	if (rc == 0)
		finish(repo);
	return rc;
}

void
remote_commit_release(struct remote_commit *c)
{
	free(c->author);
	free(c->summary);
	memset(c, 0, sizeof(*c));
}

int
remote_read_commit(struct remote_commit *out, const char *cache_dir, const char *url,
		   const char *sha, char *err, size_t err_size)
{
	git_repository *repo;
	git_commit *commit = NULL;
	const git_signature *who;
	const char *summary;
	git_oid id;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = start(&repo, &id, cache_dir, url, sha, err, err_size);
	if (rc != 0)
		return rc;
	if (git_commit_lookup(&commit, repo, &id) < 0) {
		SETERR("%s is not a commit: %s", sha, git_setup_message());
		rc = ERR_NOTFOUND;
	} else {
		who = git_commit_author(commit);
		summary = git_commit_summary(commit);
		size_t n = strlen(who->name) + strlen(who->email) + 4;
		out->author = malloc(n);
		if (out->author)
			snprintf(out->author, n, "%s <%s>", who->name, who->email);
		out->time = (int64_t)who->when.time;
		out->summary = strdup(summary ? summary : "");
		if (!out->author || !out->summary) {
			remote_commit_release(out);
			rc = ERR_NOMEM;
		}
	}
	git_commit_free(commit);
	finish(repo);
	return rc;
}
