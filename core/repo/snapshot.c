/*
 * Opening a snapshot, listing it, and reading a file through in-repository
 * symlinks. The sources themselves live in worktree.c (file system) and
 * tree.c (object database); this file only decides which one answers.
 */
#include "repo/snapshot.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "deputy/array.h"
#include "deputy/diag.h"
#include "repo/git_setup.h"
#include "deputy/path.h"
#include "repo/snapshot_internal.h"

static int
open_error(char *errbuf, size_t errbuf_size, int code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int
open_error(char *errbuf, size_t errbuf_size, int code, const char *fmt, ...)
{
	va_list ap;

	if (errbuf && errbuf_size) {
		va_start(ap, fmt);
		vsnprintf(errbuf, errbuf_size, fmt, ap);
		va_end(ap);
	}
	return code;
}

/* @dir without its trailing slashes, in the snapshot's arena. */
static const char *
strip_slash(struct arena *arena, const char *dir)
{
	size_t len = strlen(dir);

	while (len > 1 && dir[len - 1] == '/')
		len--;
	return arena_strndup(arena, (struct sv){ dir, len });
}

/* True when @path is @root or below it (both absolute, no trailing '/'). */
static bool
is_inside(const char *path, const char *root)
{
	size_t len = strlen(root);

	if (len == 1 && root[0] == '/')
		return true;
	return strncmp(path, root, len) == 0 && (path[len] == '\0' || path[len] == '/');
}

static int
open_rev(struct snapshot *snap, const char *rev, char *errbuf, size_t errbuf_size)
{
	git_object *obj = NULL, *peeled = NULL;
	char shortid[8];

	if (git_revparse_single(&obj, snap->repo, rev) < 0)
		return open_error(errbuf, errbuf_size, ERR_GIT, "unknown revision '%s': %s",
			    rev, git_setup_message());
	if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0) {
		git_object_free(obj);
		return open_error(errbuf, errbuf_size, ERR_GIT, "'%s' does not name a commit", rev);
	}
	git_object_free(obj);
	snap->commit = (git_commit *)peeled;
	if (git_commit_tree(&snap->tree, snap->commit) < 0 ||
	    git_repository_odb(&snap->odb, snap->repo) < 0)
		return open_error(errbuf, errbuf_size, ERR_GIT, "cannot read '%s': %s", rev,
			    git_setup_message());
	git_oid_tostr(shortid, sizeof(shortid), git_commit_id(snap->commit));
	snap->name = arena_printf(&snap->arena, "%s (%s)", rev, shortid);
	return snap->name ? 0 : ERR_NOMEM;
}

/*
 * A repository whose own configuration makes it unusable (a bad include, a
 * core.worktree elsewhere) must not hide its files: the working tree is read
 * as a plain folder, and the scan says why. A revision cannot be read so.
 */
static int
as_folder(struct snapshot *snap, const char *dir, const char *rev, char *errbuf,
	  size_t errbuf_size, const char *why)
{
	git_repository_free(snap->repo);
	snap->repo = NULL;
	if (rev)
		return open_error(errbuf, errbuf_size, ERR_GIT, "cannot open the repository at %s: %s",
				  dir, why);
	snap->root = arena_strdup(&snap->arena, dir);
	snap->name = "folder";
	snap->warning = arena_printf(&snap->arena, "the git repository cannot be used (%s): read "
				     "as a plain folder, without its history", why);
	return snap->root && snap->warning ? 0 : ERR_NOMEM;
}

/* Finds the repository holding @dir; a plain folder when there is none. */
static int
open_repo(struct snapshot *snap, const char *dir, const char *rev, char *errbuf,
	  size_t errbuf_size)
{
	int err = git_repository_open_ext(&snap->repo, dir, 0, NULL);

	if (err == GIT_ENOTFOUND) {
		snap->repo = NULL;
		if (rev)
			return open_error(errbuf, errbuf_size, ERR_USAGE,
				    "--rev needs a git repository; %s is a plain folder", dir);
		snap->root = arena_strdup(&snap->arena, dir);
		snap->name = "folder";
		return snap->root ? 0 : ERR_NOMEM;
	}
	if (err < 0)
		return as_folder(snap, dir, rev, errbuf, errbuf_size, git_setup_message());
	if (git_repository_is_bare(snap->repo)) {
		if (!rev)
			return open_error(errbuf, errbuf_size, ERR_USAGE,
				    "%s is a bare repository: name a revision with --rev", dir);
		snap->root = strip_slash(&snap->arena, git_repository_path(snap->repo));
	} else {
		snap->root = strip_slash(&snap->arena, git_repository_workdir(snap->repo));
		/*
		 * core.worktree in the repository's own config may name any
		 * folder (/etc, $HOME): we list only a work tree holding @dir.
		 */
		if (snap->root && !is_inside(dir, snap->root)) {
			const char *why = arena_printf(&snap->arena, "its work tree is set elsewhere, %s",
						       snap->root);
			return why ? as_folder(snap, dir, rev, errbuf, errbuf_size, why) : ERR_NOMEM;
		}
	}
	if (!snap->root)
		return ERR_NOMEM;
	if (rev)
		return open_rev(snap, rev, errbuf, errbuf_size);
	snap->name = "working tree";
	if (git_repository_index(&snap->index, snap->repo) < 0)
		return open_error(errbuf, errbuf_size, ERR_GIT, "cannot read the index: %s",
			    git_setup_message());
	return 0;
}

int
snapshot_open(struct snapshot **out, const char *path, const char *rev, char *errbuf,
	      size_t errbuf_size)
{
	struct snapshot *snap;
	struct stat st;
	char *abs;
	int err;

	*out = NULL;
	if (errbuf && errbuf_size)
		errbuf[0] = '\0';
	abs = realpath(path, NULL);
	if (!abs) {
		if (errno == ENOMEM)
			return ERR_NOMEM;
		return open_error(errbuf, errbuf_size, ERR_NOTFOUND, "%s: %s", path, strerror(errno));
	}
	if (stat(abs, &st) < 0) {
		err = open_error(errbuf, errbuf_size, ERR_NOTFOUND, "%s: %s", path, strerror(errno));
		free(abs);
		return err;
	}
	if (!S_ISDIR(st.st_mode)) {
		/* a file inside the repository: discover from its folder */
		char *slash = strrchr(abs, '/');
		if (slash == abs)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
	snap = calloc(1, sizeof(*snap));
	if (!snap) {
		free(abs);
		return ERR_NOMEM;
	}
	arena_init(&snap->arena);
	snap->root_fd = -1;
	if (git_libgit2_init() < 0) {
		free(snap);
		free(abs);
		return open_error(errbuf, errbuf_size, ERR_GIT, "cannot start libgit2");
	}
	err = git_setup_isolated(true);
	if (err)
		err = open_error(errbuf, errbuf_size, err, "cannot configure libgit2: %s",
			   git_setup_message());
	else
		err = open_repo(snap, abs, rev, errbuf, errbuf_size);
	free(abs);
	if (err) {
		snapshot_close(snap);
		return err;
	}
	*out = snap;
	return 0;
}

void
snapshot_close(struct snapshot *snap)
{
	if (!snap)
		return;
	git_odb_free(snap->odb);
	git_tree_free(snap->tree);
	git_commit_free(snap->commit);
	git_index_free(snap->index);
	git_repository_free(snap->repo);
	if (snap->root_fd >= 0)
		close(snap->root_fd);
	free(snap->entries);
	arena_release(&snap->arena);
	free(snap);
	git_libgit2_shutdown();
}

const char *
snapshot_root(const struct snapshot *snap)
{
	return snap->root;
}

const char *
snapshot_name(const struct snapshot *snap)
{
	return snap->name;
}

const char *
snapshot_warning(const struct snapshot *snap)
{
	return snap->warning;
}

bool
snapshot_is_git(const struct snapshot *snap)
{
	return snap->repo != NULL;
}

int
snapshot_add_entry(struct snapshot *snap, const struct snapshot_entry *entry)
{
	struct snapshot_entry *e;

	if (array_reserve(&snap->entries, &snap->cap, snap->len, sizeof(*snap->entries)))
		return ERR_NOMEM;
	e = &snap->entries[snap->len];
	*e = *entry;
	e->path = arena_strdup(&snap->arena, entry->path);
	if (!e->path)
		return ERR_NOMEM;
	if (entry->link_target &&
	    !(e->link_target = arena_strdup(&snap->arena, entry->link_target)))
		return ERR_NOMEM;
	if (entry->submodule_url &&
	    !(e->submodule_url = arena_strdup(&snap->arena, entry->submodule_url)))
		return ERR_NOMEM;
	snap->len++;
	return 0;
}

static int
compare_entries(const void *a, const void *b)
{
	const struct snapshot_entry *x = a, *y = b;

	return strcmp(x->path, y->path);
}

/* Lists the snapshot once; later calls reuse the sorted entries. */
static int
ensure_listed(struct snapshot *snap)
{
	int err;

	if (snap->listed)
		return 0;
	snap->len = 0;
	err = snap->tree ? tree_collect(snap) : worktree_collect(snap);
	if (err)
		return err;
	if (snap->len)
		qsort(snap->entries, snap->len, sizeof(*snap->entries), compare_entries);
	snap->listed = true;
	return 0;
}

static const struct snapshot_entry *
find_entry(const struct snapshot *snap, const char *path)
{
	struct snapshot_entry key = { .path = path };

	if (!snap->len)
		return NULL;
	return bsearch(&key, snap->entries, snap->len, sizeof(*snap->entries), compare_entries);
}

int
snapshot_list(struct snapshot *snap, snapshot_entry_fn fn, void *payload)
{
	int err = ensure_listed(snap);

	if (err)
		return err;
	for (size_t i = 0; i < snap->len; i++) {
		int r = fn(&snap->entries[i], payload);
		if (r)
			return r;
	}
	return 0;
}

static int
node_at(struct snapshot *snap, const char *path, enum snapshot_node *kind, char **target)
{
	*target = NULL;
	if (snap->tree)
		return tree_node(snap, path, kind, target);
	return worktree_node(snap, path, kind, target);
}

/* True when a component of @path is ".git" (any case: think of macOS). */
static bool
has_git_component(const char *path)
{
	const char *p = path;

	for (;;) {
		const char *slash = strchr(p, '/');
		size_t len = slash ? (size_t)(slash - p) : strlen(p);
		if (len == 4 && strncasecmp(p, ".git", 4) == 0)
			return true;
		if (!slash)
			return false;
		p = slash + 1;
	}
}

/*
 * Replaces the symlink at the first @prefix_len bytes of @path by its
 * @target, read relative to the link's folder, keeping the rest.
 */
static int
splice_link(char **path, size_t prefix_len, const char *target)
{
	struct arena tmp = ARENA_INIT;
	char *joined = NULL, *link, *resolved;
	const char *rest = *path + prefix_len;
	int err;

	link = arena_strndup(&tmp, (struct sv){ *path, prefix_len });
	if (!link) {
		err = ERR_NOMEM;
		goto done;
	}
	err = path_resolve(&resolved, &tmp, link, target);
	if (err == ERR_USAGE)
		err = ERR_NOTFOUND;     /* an empty target names nothing */
	if (err)
		goto done;
	joined = malloc(strlen(resolved) + strlen(rest) + 1);
	if (!joined) {
		err = ERR_NOMEM;
		goto done;
	}
	strcpy(joined, resolved);
	strcat(joined, rest);       /* @rest is "" or starts with '/' */
	free(*path);
	*path = joined;
done:
	arena_release(&tmp);
	return err;
}

/*
 * Resolves @path to the regular file it names, following symlinks
 * lexically: a target is read relative to the link's folder, and one that is
 * absolute or climbs above the root is ERR_OUTSIDE. Each prefix is looked
 * at in order, so once a prefix is known to hold no link, ".." after it is
 * the same lexically as physically. More than SNAPSHOT_MAX_LINKS links (a
 * loop, or a long chain) is ERR_LIMIT. In the working tree every link on
 * the way must be in the snapshot itself (not ignored). *@out is heap.
 */
static int
resolve(struct snapshot *snap, const char *path, char **out)
{
	struct arena tmp = ARENA_INIT;
	char *cur = NULL, *norm;
	unsigned hops = 0;
	int err;

	*out = NULL;
	if (!path || !path[0])
		return ERR_NOTFOUND;
	err = path_resolve(&norm, &tmp, NULL, path);
	if (!err && !(cur = strdup(norm)))
		err = ERR_NOMEM;
	arena_release(&tmp);
	if (err)
		return err == ERR_USAGE ? ERR_NOTFOUND : err;
restart:
	if (has_git_component(cur)) {
		err = ERR_NOTFOUND;
		goto fail;
	}
	if (!snap->tree) {
		/*
		 * The listing reached a file here through real folders only (the
		 * walk never enters a link): no need to look at each prefix again.
		 * worktree_read() still refuses a link that appeared since.
		 */
		const struct snapshot_entry *e = find_entry(snap, cur);
		if (e && e->kind == SNAP_FILE) {
			*out = cur;
			return 0;
		}
	}
	for (size_t end = 0;; end++) {
		if (cur[end] != '/' && cur[end] != '\0')
			continue;
		enum snapshot_node kind;
		char *target;
		bool last = cur[end] == '\0';
		char saved = cur[end];

		cur[end] = '\0';
		err = node_at(snap, cur, &kind, &target);
		if (!err && kind == NODE_LINK && !snap->tree) {
			const struct snapshot_entry *e = find_entry(snap, cur);
			if (!e || e->kind != SNAP_SYMLINK)
				err = ERR_NOTFOUND;
		}
		cur[end] = saved;
		if (err) {
			free(target);
			goto fail;
		}
		switch (kind) {
		case NODE_DIR:
			if (last) {
				err = ERR_NOTFOUND;
				goto fail;
			}
			break;
		case NODE_FILE:
			if (!last) {
				err = ERR_NOTFOUND;
				goto fail;
			}
			*out = cur;
			return 0;
		case NODE_LINK:
			if (++hops > SNAPSHOT_MAX_LINKS)
				err = ERR_LIMIT;
			else
				err = splice_link(&cur, end, target);
			free(target);
			if (err)
				goto fail;
			goto restart;
		default:
			err = ERR_NOTFOUND;
			goto fail;
		}
		if (last)
			break;
	}
	err = ERR_NOTFOUND;
fail:
	free(cur);
	return err;
}

int
snapshot_resolve(struct snapshot *snap, const char *path, char **out)
{
	char *resolved;
	int err;

	*out = NULL;
	if (!snap->tree) {
		/* the working tree's membership test needs the listing */
		err = ensure_listed(snap);
		if (err)
			return err;
	}
	err = resolve(snap, path, &resolved);
	if (err)
		return err;
	if (!snap->tree) {
		/* ignored, inside a nested repository, ...: not in the snapshot */
		const struct snapshot_entry *e = find_entry(snap, resolved);
		if (!e || e->kind != SNAP_FILE) {
			free(resolved);
			return ERR_NOTFOUND;
		}
	}
	*out = resolved;
	return 0;
}

int
snapshot_read(struct snapshot *snap, const char *path, uint64_t max_size, char **out,
	      size_t *out_len)
{
	char *resolved;
	int err;

	*out = NULL;
	*out_len = 0;
	err = snapshot_resolve(snap, path, &resolved);
	if (err)
		return err;
	if (snap->tree)
		err = tree_read(snap, resolved, max_size, out, out_len);
	else
		err = worktree_read(snap, resolved, max_size, out, out_len);
	free(resolved);
	return err;
}
