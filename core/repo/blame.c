/*
 * Who last touched a line: git_blame_file() from the snapshot's commit (HEAD
 * for the working tree), then git_blame_buffer() with the bytes on disk when
 * they differ, so that uncommitted lines come back as such.
 */
#include "repo/snapshot_internal.h"

#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "deputy/diag.h"
#include "deputy/scan.h"

/* Big enough for any dependency file; blame is asked for one line on screen. */
#define BLAME_MAX_FILE (64u * 1024 * 1024)

void
blame_release(struct blame *blame)
{
	if (!blame)
		return;
	free(blame->author);
	free(blame->email);
	free(blame->summary);
	memset(blame, 0, sizeof(*blame));
}

static char *
dup_or_empty(const char *s)
{
	return strdup(s ? s : "");
}

static int
fill(struct blame *out, git_repository *repo, const git_oid *id)
{
	git_commit *commit;
	const git_signature *author;

	if (git_commit_lookup(&commit, repo, id) < 0)
		return ERR_GIT;
	git_oid_tostr(out->commit, sizeof(out->commit), id);
	author = git_commit_author(commit);
	out->author = dup_or_empty(author ? author->name : NULL);
	out->email = dup_or_empty(author ? author->email : NULL);
	out->time = author ? (int64_t)author->when.time : 0;
	out->summary = dup_or_empty(git_commit_summary(commit));
	git_commit_free(commit);
	if (!out->author || !out->email || !out->summary) {
		blame_release(out);
		return ERR_NOMEM;
	}
	return 0;
}

/* The blob id of @path in commit @id; false when it is no regular file there. */
static bool
blob_in_commit(git_repository *repo, const git_oid *id, const char *path, git_oid *out)
{
	git_commit *commit;
	git_tree *tree;
	git_tree_entry *entry;
	bool found = false;

	if (git_commit_lookup(&commit, repo, id) < 0)
		return false;
	if (git_commit_tree(&tree, commit) == 0) {
		if (git_tree_entry_bypath(&entry, tree, path) == 0) {
			git_filemode_t mode = git_tree_entry_filemode(entry);
			found = mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE;
			git_oid_cpy(out, git_tree_entry_id(entry));
			git_tree_entry_free(entry);
		}
		git_tree_free(tree);
	}
	git_commit_free(commit);
	return found;
}

int
snapshot_blame(struct snapshot *snap, const char *path, unsigned line, struct blame *out)
{
	git_blame_options opts = GIT_BLAME_OPTIONS_INIT;
	git_blame *blame = NULL, *worktree = NULL;
	const git_blame_hunk *hunk;
	char *resolved = NULL, *bytes = NULL;
	git_oid committed, ondisk;
	size_t len;
	int err;

	memset(out, 0, sizeof(*out));
	if (!snap->repo || line == 0)
		return ERR_NOTFOUND;
	err = snapshot_resolve(snap, path, &resolved);
	if (err)
		return err;
	if (snap->commit) {
		git_oid_cpy(&opts.newest_commit, git_commit_id(snap->commit));
	} else if (git_reference_name_to_id(&opts.newest_commit, snap->repo, "HEAD") < 0) {
		err = ERR_NOTFOUND;     /* no commit yet: nothing is committed */
		goto done;
	}
	if (!blob_in_commit(snap->repo, &opts.newest_commit, resolved, &committed)) {
		/* e.g. an untracked file; asked first, as libgit2 1.5 leaks when it fails */
		err = ERR_NOTFOUND;
		goto done;
	}
	if (git_blame_file(&blame, snap->repo, resolved, &opts) < 0) {
		err = ERR_GIT;
		goto done;
	}
	if (!snap->commit) {
		err = worktree_read(snap, resolved, BLAME_MAX_FILE, &bytes, &len);
		if (err)
			goto done;
		if (git_odb_hash(&ondisk, bytes, len, GIT_OBJECT_BLOB) < 0 ||
		    !git_oid_equal(&ondisk, &committed)) {
			if (git_blame_buffer(&worktree, blame, bytes, len) < 0) {
				err = ERR_GIT;
				goto done;
			}
		}
	}
	hunk = git_blame_get_hunk_byline(worktree ? worktree : blame, line);
	if (!hunk || git_oid_is_zero(&hunk->final_commit_id)) {
		err = ERR_NOTFOUND;     /* past the end, or not committed */
		goto done;
	}
	err = fill(out, snap->repo, &hunk->final_commit_id);
done:
	git_blame_free(worktree);
	git_blame_free(blame);
	free(bytes);
	free(resolved);
	return err;
}
