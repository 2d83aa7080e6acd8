/*
 * Clone or fetch of the OSV report repository into the cache. The repository
 * is bare: reports are read from the object database, so no checkout, no
 * filters and no hooks ever run, and neither the user's nor the system's git
 * configuration is read.
 */
#include "sync/osv_fetch.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "deputy/diag.h"
#include "repo/git_setup.h"
#include "sync/cache.h"

#define REMOTE_NAME "origin"
#define TRACKING_PREFIX "refs/remotes/" REMOTE_NAME "/"
#define FETCH_REFSPEC "+refs/heads/*:" TRACKING_PREFIX "*"

struct fetch_progress {
	sync_progress_fn fn;
	void *payload;
};

static int
on_transfer(const git_indexer_progress *stats, void *payload)
{
	struct fetch_progress *fp = payload;
	struct sync_progress p = {
		.total_objects = stats->total_objects,
		.received_objects = stats->received_objects,
		.indexed_objects = stats->indexed_objects,
		.total_deltas = stats->total_deltas,
		.indexed_deltas = stats->indexed_deltas,
		.received_bytes = stats->received_bytes,
	};

	return fp->fn ? fp->fn(&p, fp->payload) : 0;
}

/* Opens the cache's bare repository, or makes it (*@made set). */
static int
open_repo(git_repository **out, const char *git_dir, bool *made, char *errbuf,
	  size_t errbuf_size)
{
	git_repository_init_options init = GIT_REPOSITORY_INIT_OPTIONS_INIT;
	struct stat st;

	*made = false;
	if (stat(git_dir, &st) == 0) {
		if (git_repository_open_bare(out, git_dir) == 0)
			return 0;
		snprintf(errbuf, errbuf_size, "cannot open the cached repository %s: %s "
			 "(run 'deputy update --clear' to start afresh)", git_dir, git_setup_message());
		return ERR_GIT;
	}
	if (errno != ENOENT) {
		snprintf(errbuf, errbuf_size, "cannot read %s: %s", git_dir, strerror(errno));
		return ERR_IO;
	}
	init.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH |
		GIT_REPOSITORY_INIT_NO_REINIT;
	if (git_repository_init_ext(out, git_dir, &init) < 0) {
		snprintf(errbuf, errbuf_size, "cannot create the repository %s: %s", git_dir,
			 git_setup_message());
		return ERR_GIT;
	}
	*made = true;
	return 0;
}

/*
 * A remote for @url that reads nothing from the configuration. It is
 * anonymous (fetched with explicit refspecs) because looking up a named
 * remote leaks in libgit2 1.5 (its config regex match data is not freed on
 * a mismatch; fixed upstream by libgit2 PR #6382), and so a fetch from a new
 * URL is simply a fetch from it. Where the repository was fetched from is
 * written to its config as remote.origin.url for people who look.
 */
static int
open_remote(git_remote **out, git_repository *repo, const char *url, char *errbuf,
	    size_t errbuf_size)
{
	git_remote_create_options opts = GIT_REMOTE_CREATE_OPTIONS_INIT;
	git_config *config = NULL;
	int err;

	opts.repository = repo;
	opts.flags = GIT_REMOTE_CREATE_SKIP_INSTEADOF | GIT_REMOTE_CREATE_SKIP_DEFAULT_FETCHSPEC;
	err = git_remote_create_with_opts(out, url, &opts);
	if (err == 0)
		err = git_repository_config(&config, repo);
	if (err == 0)
		err = git_config_set_string(config, "remote." REMOTE_NAME ".url", url);
	if (err == 0)
		err = git_config_set_string(config, "remote." REMOTE_NAME ".fetch", FETCH_REFSPEC);
	git_config_free(config);
	if (err < 0) {
		snprintf(errbuf, errbuf_size, "cannot use '%s' as the intel source: %s", url,
			 git_setup_message());
		return ERR_GIT;
	}
	return 0;
}

/*
 * The remote's default branch, asked while connected; when the remote does
 * not say (a detached HEAD), the commit its HEAD names is kept in @head.
 */
static void
remote_head(git_remote *remote, char *branch, size_t branch_size, git_oid *head, bool *have)
{
	const git_remote_head **refs;
	git_buf buf = GIT_BUF_INIT;
	size_t n;

	branch[0] = '\0';
	*have = false;
	if (git_remote_default_branch(&buf, remote) == 0 &&
	    strncmp(buf.ptr, "refs/heads/", 11) == 0 && strlen(buf.ptr + 11) < branch_size)
		memcpy(branch, buf.ptr + 11, strlen(buf.ptr + 11) + 1);
	git_buf_dispose(&buf);
	if (git_remote_ls(&refs, &n, remote) < 0)
		return;
	for (size_t i = 0; i < n; i++)
		if (strcmp(refs[i]->name, "HEAD") == 0) {
			git_oid_cpy(head, &refs[i]->oid);
			*have = true;
		}
}

/* The fetched commit: the tracking ref of the default branch, else HEAD's commit. */
static int
resolve_commit(struct osv_fetched *out, const git_oid *head, bool have_head, const char *url,
	       char *errbuf, size_t errbuf_size)
{
	char ref[sizeof(TRACKING_PREFIX) + sizeof(out->branch)];
	git_commit *commit = NULL;

	if (have_head)
		git_oid_cpy(&out->commit, head);
	if (out->branch[0]) {
		snprintf(ref, sizeof(ref), TRACKING_PREFIX "%s", out->branch);
		if (git_reference_name_to_id(&out->commit, out->repo, ref) == 0)
			have_head = true;
		else
			out->branch[0] = '\0';
	}
	if (!have_head || git_commit_lookup(&commit, out->repo, &out->commit) < 0) {
		snprintf(errbuf, errbuf_size, "%s has no default branch to read (an empty "
			 "repository, or HEAD names nothing)", url);
		return ERR_GIT;
	}
	git_commit_free(commit);
	return 0;
}

static int
fetch(struct osv_fetched *out, git_remote *remote, const char *url, sync_progress_fn progress,
      void *payload, char *errbuf, size_t errbuf_size)
{
	struct fetch_progress fp = { progress, payload };
	git_fetch_options fo = GIT_FETCH_OPTIONS_INIT;
	char *spec = FETCH_REFSPEC;
	git_strarray refspecs = { &spec, 1 };
	git_oid head;
	bool have_head = false;
	int err;

	fo.callbacks.transfer_progress = on_transfer;
	fo.callbacks.payload = &fp;
	fo.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
	fo.update_fetchhead = 0;
	err = git_remote_connect(remote, GIT_DIRECTION_FETCH, &fo.callbacks, &fo.proxy_opts,
				 NULL);
	if (err == 0) {
		remote_head(remote, out->branch, sizeof(out->branch), &head, &have_head);
		err = git_remote_download(remote, &refspecs, &fo);
	}
	if (err == 0)
		err = git_remote_update_tips(remote, &fo.callbacks, 0,
					     GIT_REMOTE_DOWNLOAD_TAGS_NONE, "deputy update");
	if (err == GIT_EUSER)
		snprintf(errbuf, errbuf_size, "fetching %s was cancelled", url);
	else if (err < 0)
		snprintf(errbuf, errbuf_size, "cannot fetch %s: %s", url, git_setup_message());
	git_remote_disconnect(remote);
	if (err < 0)
		return ERR_GIT;
	return resolve_commit(out, &head, have_head, url, errbuf, errbuf_size);
}

int
osv_fetch(struct osv_fetched *out, const char *git_dir, const char *url,
	  sync_progress_fn progress, void *payload, char *errbuf, size_t errbuf_size)
{
	git_remote *remote = NULL;
	int err;

	memset(out, 0, sizeof(*out));
	if (git_libgit2_init() < 0) {
		snprintf(errbuf, errbuf_size, "cannot start libgit2");
		return ERR_GIT;
	}
	err = git_setup_isolated(false);
	if (err)
		snprintf(errbuf, errbuf_size, "cannot configure libgit2: %s", git_setup_message());
	if (!err)
		err = open_repo(&out->repo, git_dir, &out->cloned, errbuf, errbuf_size);
	if (!err)
		err = open_remote(&remote, out->repo, url, errbuf, errbuf_size);
	if (!err)
		err = fetch(out, remote, url, progress, payload, errbuf, errbuf_size);
	git_remote_free(remote);
	if (err) {
		bool made = out->cloned;
		char ignored[1];

		git_repository_free(out->repo);
		out->repo = NULL;
		/* A failed first fetch leaves no half-made repository behind. */
		if (made)
			cache_remove(git_dir, ignored, sizeof(ignored));
		git_libgit2_shutdown();
	}
	return err;
}

void
osv_fetch_close(struct osv_fetched *fetched)
{
	if (!fetched->repo)
		return;
	git_repository_free(fetched->repo);
	fetched->repo = NULL;
	git_libgit2_shutdown();
}
