/*
 * A snapshot of a repository: the working tree (tracked plus untracked files
 * that are not ignored), any revision read straight from the object database,
 * or a plain folder. No checkout, no filters, no hooks: bytes only.
 */
#ifndef DEPUTY_REPO_SNAPSHOT_H
#define DEPUTY_REPO_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "deputy/scan.h"

enum snapshot_entry_kind {
	SNAP_FILE,
	SNAP_SYMLINK,
	SNAP_SUBMODULE,
	SNAP_SPECIAL,       /* working tree only: a FIFO, socket or device; never read */
};

/* One listed entry; every pointer is borrowed for the callback's duration. */
/* A working-tree file listed without a stat(): every read checks its size. */
#define SNAPSHOT_SIZE_UNKNOWN UINT64_MAX

struct snapshot_entry {
	const char *path;            /* relative to the root, '/' separated, no "./" */
	enum snapshot_entry_kind kind;
	uint64_t size;               /* bytes (the blob's or the file's), or SNAPSHOT_SIZE_UNKNOWN */
	const char *link_target;     /* SNAP_SYMLINK: the target as stored; else NULL */
	const char *submodule_url;   /* SNAP_SUBMODULE: from .gitmodules when known; else NULL */
};

/* Return non-zero to stop the listing (that value is returned by snapshot_list). */
typedef int (*snapshot_entry_fn)(const struct snapshot_entry *entry, void *payload);

struct snapshot;

/*
 * Opens the git repository containing @path (discovered upward) or, when
 * there is none, the plain folder @path. @rev NULL means the working tree
 * (or the folder); otherwise a commit-ish, which needs git. Repository
 * configuration that could run programs (hooks, filters, fsmonitor) is never
 * used. @path may also be a file inside the repository. Returns 0 or
 * ERR_NOTFOUND (no such path), ERR_GIT (bad rev, corrupt repository, or a
 * core.worktree naming a folder that does not hold @path), ERR_USAGE (--rev
 * on a plain folder; a bare repository without --rev), ERR_NOMEM; a
 * one-line reason goes to @errbuf.
 *
 * Sets libgit2's process-wide options on every open (libgit2 is initialised
 * here and shut down by snapshot_close(), reference-counted): owner
 * validation off (auditing someone else's clone is the point), and empty
 * search paths for the system, XDG, global and ProgramData levels, so the
 * user's and the system's config, attributes and excludes never change what
 * a snapshot holds.
 */
int snapshot_open(struct snapshot **out, const char *path, const char *rev,
		  char *errbuf, size_t errbuf_size);
void snapshot_close(struct snapshot *snap);

/* The absolute root folder (a bare repository: its git dir). Borrowed. */
const char *snapshot_root(const struct snapshot *snap);
/* "working tree", "folder", or "REV (abc1234)". Borrowed. */
const char *snapshot_name(const struct snapshot *snap);
/* Why a git repository was read as a plain folder (its own configuration is unusable), or NULL. */
const char *snapshot_warning(const struct snapshot *snap);
bool snapshot_is_git(const struct snapshot *snap);

/*
 * Calls @fn for every entry in path order. Skips .git/ and anything inside a
 * submodule or a nested repository (the submodule itself is listed).
 * Returns 0, @fn's non-zero value, or a negative error code.
 */
int snapshot_list(struct snapshot *snap, snapshot_entry_fn fn, void *payload);

/*
 * Reads the file at @path (a path as listed, or one made from an include).
 * A symlink is followed only while it stays inside the repository (at most
 * 8 links). On success *@out is a heap buffer the caller frees with free()
 * (NUL-terminated for convenience; the bytes may hold NUL) and *@out_len its
 * length. Returns 0, ERR_NOTFOUND, ERR_OUTSIDE (a link or path leaving the
 * repository), ERR_LIMIT (larger than @max_size, or more than 8 links: a
 * loop or a long chain), ERR_IO, ERR_NOMEM. ERR_NOTFOUND also covers what
 * the snapshot does not hold: an ignored file, anything under .git/, a
 * submodule's or nested repository's files, a folder, and anything that is
 * not a regular file (FIFO, device, socket: never opened, so never blocks).
 */
int snapshot_read(struct snapshot *snap, const char *path, uint64_t max_size,
		  char **out, size_t *out_len);

/*
 * The path of the regular file @path names once in-repository symlinks are
 * followed, as snapshot_read() would read it (e.g. "requirements.txt" for a
 * link "requirements-alias.txt -> requirements.txt"). *@out is heap (free()).
 * Returns 0, ERR_NOTFOUND, ERR_OUTSIDE, ERR_LIMIT (more than 8 links: a loop
 * or a long chain), ERR_IO, ERR_NOMEM.
 */
int snapshot_resolve(struct snapshot *snap, const char *path, char **out);

/*
 * See scan_blame() in deputy/scan.h. @path is followed through symlinks like
 * snapshot_read(). The working tree is blamed against HEAD, with the bytes on
 * disk, so a line not yet committed gives ERR_NOTFOUND and commit "".
 */
int snapshot_blame(struct snapshot *snap, const char *path, unsigned line, struct blame *out);

#endif
