/*
 * The working tree (tracked plus untracked files that are not ignored) and
 * plain folders, read from the file system. Every path is opened component
 * by component from the root with O_NOFOLLOW, so the kernel never follows a
 * symlink for us: links are reported, and snapshot.c follows them lexically.
 */
#include "repo/snapshot_internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <git2.h>

#include "deputy/diag.h"
#include "deputy/strbuf.h"

static int
errno_code(int e)
{
	switch (e) {
	case ENOENT:
	case ENOTDIR:
	case ENAMETOOLONG:
		return ERR_NOTFOUND;
	case ELOOP:
		return ERR_OUTSIDE;     /* a symlink where a folder was expected */
	case ENOMEM:
		return ERR_NOMEM;
	}
	return ERR_IO;
}

/*
 * Opens the folder that holds the last component of @path (relative to the
 * root, normalised), refusing to pass through a symlink. *@leaf points into
 * @path. The caller closes *@out_fd.
 */
static int
open_parent(const struct snapshot *snap, const char *path, int *out_fd, const char **leaf)
{
	char name[NAME_MAX + 1];
	const char *p = path, *slash;
	int fd = open(snap->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return errno_code(errno);
	while ((slash = strchr(p, '/'))) {
		size_t len = (size_t)(slash - p);
		int next;

		if (len == 0 || len > NAME_MAX) {
			close(fd);
			return ERR_NOTFOUND;
		}
		memcpy(name, p, len);
		name[len] = '\0';
		next = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		int e = errno;
		close(fd);
		if (next < 0)
			return errno_code(e);
		fd = next;
		p = slash + 1;
	}
	if (!*p || strlen(p) > NAME_MAX) {
		close(fd);
		return ERR_NOTFOUND;
	}
	*out_fd = fd;
	*leaf = p;
	return 0;
}

/* The target of the link @name in @dirfd, heap-allocated. */
static int
read_link(int dirfd, const char *name, char **out)
{
	char *buf = malloc(SNAPSHOT_MAX_LINK_TARGET + 1);
	ssize_t n;

	*out = NULL;
	if (!buf)
		return ERR_NOMEM;
	n = readlinkat(dirfd, name, buf, SNAPSHOT_MAX_LINK_TARGET + 1);
	if (n < 0) {
		int e = errno;
		free(buf);
		return errno_code(e);
	}
	if (n > SNAPSHOT_MAX_LINK_TARGET) {
		free(buf);
		return ERR_LIMIT;
	}
	buf[n] = '\0';
	*out = buf;
	return 0;
}

int
worktree_node(struct snapshot *snap, const char *path, enum snapshot_node *kind,
	      char **target)
{
	struct stat st;
	const char *leaf;
	int fd, err;

	*kind = NODE_NONE;
	*target = NULL;
	err = open_parent(snap, path, &fd, &leaf);
	if (err == ERR_NOTFOUND)
		return 0;
	if (err)
		return err;
	if (fstatat(fd, leaf, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		err = errno == ENOENT || errno == ENOTDIR ? 0 : errno_code(errno);
	} else if (S_ISDIR(st.st_mode)) {
		*kind = NODE_DIR;
	} else if (S_ISREG(st.st_mode)) {
		*kind = NODE_FILE;
	} else if (S_ISLNK(st.st_mode)) {
		err = read_link(fd, leaf, target);
		if (!err)
			*kind = NODE_LINK;
	} else {
		*kind = NODE_OTHER;
	}
	close(fd);
	return err;
}

/* Reads at most @max_size bytes of the regular file open on @fd. */
static int
read_fd(int fd, uint64_t max_size, char **out, size_t *out_len)
{
	struct stat st;
	size_t size, got = 0;
	char *buf;

	if (fstat(fd, &st) < 0)
		return errno_code(errno);
	if (!S_ISREG(st.st_mode))
		return ERR_NOTFOUND;    /* never read a FIFO or a device */
	if (st.st_size < 0 || (uint64_t)st.st_size > max_size ||
	    (uint64_t)st.st_size >= SIZE_MAX)
		return ERR_LIMIT;
	size = (size_t)st.st_size;
	buf = malloc(size + 1);
	if (!buf)
		return ERR_NOMEM;
	while (got < size) {
		ssize_t n = read(fd, buf + got, size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			free(buf);
			return ERR_IO;
		}
		if (n == 0)
			break;          /* shrank while we read: keep what is there */
		got += (size_t)n;
	}
	buf[got] = '\0';
	*out = buf;
	*out_len = got;
	return 0;
}

/*
 * Opens the file at @path for reading with one openat2() from the root:
 * the kernel refuses any symlink on the way (RESOLVE_NO_SYMLINKS) and any
 * step out of the root (RESOLVE_BENEATH). *@fd is -1 with 0 returned when
 * the kernel has no openat2 (before Linux 5.6, or filtered): the caller
 * then walks the components itself.
 */
static int
open_beneath(struct snapshot *snap, const char *path, int *fd)
{
	struct open_how how = {
		.flags = O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC,
		.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS,
	};
	long r;

	*fd = -1;
	if (snap->root_fd < 0) {
		snap->root_fd = open(snap->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (snap->root_fd < 0)
			return errno_code(errno);
	}
	r = syscall(SYS_openat2, snap->root_fd, path, &how, sizeof(how));
	if (r >= 0) {
		*fd = (int)r;
		return 0;
	}
	if (errno == ENOSYS || errno == EPERM || errno == E2BIG)
		return 0;
	return errno == EXDEV ? ERR_OUTSIDE : errno_code(errno);
}

int
worktree_read(struct snapshot *snap, const char *path, uint64_t max_size, char **out,
	      size_t *out_len)
{
	const char *leaf;
	int dirfd, fd, err;

	*out = NULL;
	*out_len = 0;
	err = open_beneath(snap, path, &fd);
	if (err)
		return err;
	if (fd < 0) {
		err = open_parent(snap, path, &dirfd, &leaf);
		if (err)
			return err;
		/* O_NONBLOCK: should a FIFO appear here after we looked, open must not wait */
		fd = openat(dirfd, leaf, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
		err = fd < 0 ? errno_code(errno) : 0;
		close(dirfd);
		if (err)
			return err;
	}
	err = read_fd(fd, max_size, out, out_len);
	close(fd);
	return err;
}

/* Walking the tree. */

struct walk {
	struct snapshot *snap;
	struct strbuf path;          /* the current entry, relative to the root */
	const char *gitmodules;      /* heap text of .gitmodules, or NULL */
	size_t gitmodules_len;
};

/* The index mode of @path (0 when not tracked). */
static unsigned
tracked_mode(const struct snapshot *snap, const char *path)
{
	size_t pos;
	const git_index_entry *e;

	if (!snap->index || git_index_find(&pos, snap->index, path) < 0)
		return 0;
	e = git_index_get_byindex(snap->index, pos);
	return e ? e->mode : 0;
}

static bool
tracks_something_under(const struct snapshot *snap, struct strbuf *dir)
{
	size_t pos, len = dir->len;
	bool found;

	if (!snap->index || strbuf_addch(dir, '/'))
		return false;
	found = git_index_find_prefix(&pos, snap->index, dir->ptr) == 0;
	dir->len = len;
	dir->ptr[len] = '\0';
	return found;
}

static bool
is_ignored(const struct snapshot *snap, const char *path)
{
	int ignored = 0;

	if (!snap->repo || git_ignore_path_is_ignored(&ignored, snap->repo, path) < 0)
		return false;
	return ignored == 1;
}

static int walk_dir(struct walk *w, int fd, unsigned depth);

static int
walk_subdir(struct walk *w, int parent, const char *name, unsigned depth)
{
	struct snapshot *snap = w->snap;
	struct stat st;
	unsigned mode = tracked_mode(snap, w->path.ptr);
	int fd;

	if (mode == GIT_FILEMODE_COMMIT) {
		struct snapshot_entry e = {
			.path = w->path.ptr,
			.kind = SNAP_SUBMODULE,
		};
		if (w->gitmodules)
			e.submodule_url = gitmodules_url(&snap->arena, w->gitmodules,
							 w->gitmodules_len, w->path.ptr);
		return snapshot_add_entry(snap, &e);
	}
	fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return 0;               /* gone or unreadable: not in the snapshot */
	if (snap->repo) {
		/* a nested repository is not ours to list */
		if (fstatat(fd, ".git", &st, AT_SYMLINK_NOFOLLOW) == 0 ||
		    (!tracks_something_under(snap, &w->path) && is_ignored(snap, w->path.ptr))) {
			close(fd);
			return 0;
		}
	}
	if (depth >= SNAPSHOT_MAX_DEPTH) {
		close(fd);
		return 0;
	}
	return walk_dir(w, fd, depth + 1);
}

/*
 * One entry of a folder. The type readdir() gave (@type, a DT_ value) spares
 * a stat() of every file and folder (a sixth of a scan of 100,000 files):
 * a regular file's size is then left unknown, since every read checks the
 * size of what it opened (read_fd()), and a folder is opened without
 * following a link (walk_subdir()). Symbolic links, and file systems that
 * give no type, are looked at with fstatat().
 */
static int
walk_entry(struct walk *w, int dirfd, const char *name, unsigned char type, unsigned depth)
{
	struct snapshot *snap = w->snap;
	struct snapshot_entry e = { .path = w->path.ptr, .size = SNAPSHOT_SIZE_UNKNOWN };
	struct stat st;
	char *target = NULL;
	int err;

	if (type == DT_DIR)
		return walk_subdir(w, dirfd, name, depth);
	if (type == DT_REG) {
		st.st_mode = S_IFREG;
	} else if (type == DT_LNK || type == DT_UNKNOWN) {
		if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
			return 0;
		if (S_ISDIR(st.st_mode))
			return walk_subdir(w, dirfd, name, depth);
		e.size = (uint64_t)st.st_size;
	} else {
		st.st_mode = S_IFIFO;   /* FIFOs, devices, sockets: listed, never read */
	}
	if (snap->repo && !tracked_mode(snap, w->path.ptr) && is_ignored(snap, w->path.ptr))
		return 0;
	if (!S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode)) {
		e.kind = SNAP_SPECIAL;  /* the scan says so when its name is a dependency file's */
		e.size = 0;
	} else if (S_ISLNK(st.st_mode)) {
		err = read_link(dirfd, name, &target);
		if (err == ERR_NOMEM)
			return err;
		e.kind = SNAP_SYMLINK;
		e.link_target = target ? target : "";
	} else {
		e.kind = SNAP_FILE;
	}
	err = snapshot_add_entry(snap, &e);
	free(target);
	return err;
}

/* Lists the folder open on @fd (which this takes over) into the snapshot. */
static int
walk_dir(struct walk *w, int fd, unsigned depth)
{
	DIR *dir = fdopendir(fd);
	struct dirent *d;
	size_t len = w->path.len;
	int err = 0;

	if (!dir) {
		close(fd);
		return 0;
	}
	while (!err && (d = readdir(dir))) {
		const char *name = d->d_name;
		if (!strcmp(name, ".") || !strcmp(name, "..") || !strcmp(name, ".git"))
			continue;
		if (len)
			strbuf_addch(&w->path, '/');
		strbuf_adds(&w->path, name);
		if (w->path.failed)
			err = ERR_NOMEM;
		else
			err = walk_entry(w, dirfd(dir), name, d->d_type, depth);
		w->path.len = len;
		if (w->path.ptr)
			w->path.ptr[len] = '\0';
	}
	closedir(dir);
	return err;
}

int
worktree_collect(struct snapshot *snap)
{
	struct walk w = { .snap = snap, .path = STRBUF_INIT };
	char *gitmodules = NULL;
	size_t gitmodules_len = 0;
	int fd, err;

	if (snap->repo && worktree_read(snap, ".gitmodules", SNAPSHOT_MAX_GITMODULES,
					&gitmodules, &gitmodules_len) == 0) {
		w.gitmodules = gitmodules;
		w.gitmodules_len = gitmodules_len;
	}
	fd = open(snap->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		err = errno_code(errno);
	} else {
		err = walk_dir(&w, fd, 0);
	}
	strbuf_release(&w.path);
	free(gitmodules);
	return err;
}
