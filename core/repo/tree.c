/*
 * A revision's tree, read straight from the object database: no checkout,
 * no filters. Symlinks are blobs of mode 0120000 holding the target;
 * gitlinks (mode 0160000) are submodules.
 */
#include "repo/snapshot_internal.h"

#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "deputy/diag.h"
#include "deputy/strbuf.h"

/* The size of an object without inflating it. */
static int
object_size(const struct snapshot *snap, const git_oid *id, uint64_t *out)
{
	size_t size;
	git_object_t type;

	if (git_odb_read_header(&size, &type, snap->odb, id) < 0)
		return ERR_GIT;
	*out = size;
	return 0;
}

/* The bytes of blob @id, at most @max_size of them, as a heap copy. */
static int
read_blob(const struct snapshot *snap, const git_oid *id, uint64_t max_size, char **out,
	  size_t *out_len)
{
	git_blob *blob;
	uint64_t size;
	char *buf;
	int err;

	*out = NULL;
	*out_len = 0;
	err = object_size(snap, id, &size);
	if (err)
		return err;
	if (size > max_size || size >= SIZE_MAX)
		return ERR_LIMIT;
	if (git_blob_lookup(&blob, snap->repo, id) < 0)
		return ERR_GIT;
	size = (uint64_t)git_blob_rawsize(blob);
	if (size > max_size) {
		git_blob_free(blob);
		return ERR_LIMIT;
	}
	buf = malloc((size_t)size + 1);
	if (!buf) {
		git_blob_free(blob);
		return ERR_NOMEM;
	}
	memcpy(buf, git_blob_rawcontent(blob), (size_t)size);
	buf[size] = '\0';
	git_blob_free(blob);
	*out = buf;
	*out_len = (size_t)size;
	return 0;
}

struct tree_walk {
	struct snapshot *snap;
	struct strbuf path;
	char *gitmodules;
	size_t gitmodules_len;
	int err;
};

static int
tree_entry_cb(const char *root, const git_tree_entry *entry, void *payload)
{
	struct tree_walk *w = payload;
	struct snapshot *snap = w->snap;
	const char *name = git_tree_entry_name(entry);
	git_filemode_t mode = git_tree_entry_filemode(entry);
	struct snapshot_entry e = { 0 };
	char *target = NULL;
	size_t target_len;

	if (!strcmp(name, ".git"))
		return 1;               /* never listed, and never descended */
	if (mode == GIT_FILEMODE_TREE)
		return 0;
	strbuf_reset(&w->path);
	strbuf_adds(&w->path, root);
	strbuf_adds(&w->path, name);
	if (w->path.failed) {
		w->err = ERR_NOMEM;
		return -1;
	}
	e.path = w->path.ptr;
	switch (mode) {
	case GIT_FILEMODE_COMMIT:
		e.kind = SNAP_SUBMODULE;
		if (w->gitmodules)
			e.submodule_url = gitmodules_url(&snap->arena, w->gitmodules,
							 w->gitmodules_len, e.path);
		break;
	case GIT_FILEMODE_LINK:
		e.kind = SNAP_SYMLINK;
		w->err = read_blob(snap, git_tree_entry_id(entry), SNAPSHOT_MAX_LINK_TARGET,
				   &target, &target_len);
		if (w->err == ERR_NOMEM)
			return -1;
		w->err = 0;
		e.size = target ? target_len : 0;
		e.link_target = target ? target : "";
		break;
	case GIT_FILEMODE_BLOB:
	case GIT_FILEMODE_BLOB_EXECUTABLE:
		e.kind = SNAP_FILE;
		if (object_size(snap, git_tree_entry_id(entry), &e.size)) {
			w->err = ERR_GIT;
			return -1;
		}
		break;
	default:
		return 0;
	}
	w->err = snapshot_add_entry(snap, &e);
	free(target);
	return w->err ? -1 : 0;
}

int
tree_collect(struct snapshot *snap)
{
	struct tree_walk w = { .snap = snap, .path = STRBUF_INIT };
	const git_tree_entry *gm = git_tree_entry_byname(snap->tree, ".gitmodules");
	int rc;

	if (gm && git_tree_entry_filemode(gm) == GIT_FILEMODE_BLOB)
		read_blob(snap, git_tree_entry_id(gm), SNAPSHOT_MAX_GITMODULES, &w.gitmodules,
			  &w.gitmodules_len);
	rc = git_tree_walk(snap->tree, GIT_TREEWALK_PRE, tree_entry_cb, &w);
	strbuf_release(&w.path);
	free(w.gitmodules);
	if (w.err)
		return w.err;
	return rc < 0 ? ERR_GIT : 0;
}

int
tree_node(struct snapshot *snap, const char *path, enum snapshot_node *kind, char **target)
{
	git_tree_entry *entry;
	size_t len;
	int err = 0;

	*kind = NODE_NONE;
	*target = NULL;
	if (git_tree_entry_bypath(&entry, snap->tree, path) < 0)
		return 0;
	switch (git_tree_entry_filemode(entry)) {
	case GIT_FILEMODE_TREE:
		*kind = NODE_DIR;
		break;
	case GIT_FILEMODE_BLOB:
	case GIT_FILEMODE_BLOB_EXECUTABLE:
		*kind = NODE_FILE;
		break;
	case GIT_FILEMODE_LINK:
		err = read_blob(snap, git_tree_entry_id(entry), SNAPSHOT_MAX_LINK_TARGET, target,
				&len);
		if (!err && memchr(*target, '\0', len)) {
			/* no file system could hold that name */
			free(*target);
			*target = NULL;
			err = ERR_NOTFOUND;
		}
		if (!err)
			*kind = NODE_LINK;
		break;
	case GIT_FILEMODE_COMMIT:
		*kind = NODE_SUBMODULE;
		break;
	default:
		*kind = NODE_OTHER;
		break;
	}
	git_tree_entry_free(entry);
	return err;
}

int
tree_read(struct snapshot *snap, const char *path, uint64_t max_size, char **out,
	  size_t *out_len)
{
	git_tree_entry *entry;
	int err;

	*out = NULL;
	*out_len = 0;
	if (git_tree_entry_bypath(&entry, snap->tree, path) < 0)
		return ERR_NOTFOUND;
	switch (git_tree_entry_filemode(entry)) {
	case GIT_FILEMODE_BLOB:
	case GIT_FILEMODE_BLOB_EXECUTABLE:
		err = read_blob(snap, git_tree_entry_id(entry), max_size, out, out_len);
		break;
	default:
		err = ERR_NOTFOUND;
		break;
	}
	git_tree_entry_free(entry);
	return err;
}
