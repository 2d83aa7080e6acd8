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
};

/* One listed entry; every pointer is borrowed for the callback's duration. */
struct snapshot_entry {
	const char *path;            /* relative to the root, '/' separated, no "./" */
	enum snapshot_entry_kind kind;
	uint64_t size;               /* bytes (the blob's or the file's) */
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
 * used. Returns 0 or ERR_NOTFOUND (no such path), ERR_GIT (bad rev,
 * corrupt repository), ERR_USAGE (--rev on a plain folder), ERR_NOMEM; a
 * one-line reason goes to @errbuf.
 */
int snapshot_open(struct snapshot **out, const char *path, const char *rev,
		  char *errbuf, size_t errbuf_size);
void snapshot_close(struct snapshot *snap);

/* The absolute root folder (a bare repository: its git dir). Borrowed. */
const char *snapshot_root(const struct snapshot *snap);
/* "working tree", "folder", or "REV (abc1234)". Borrowed. */
const char *snapshot_name(const struct snapshot *snap);
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
 * repository), ERR_LIMIT (larger than @max_size), ERR_IO, ERR_NOMEM.
 */
int snapshot_read(struct snapshot *snap, const char *path, uint64_t max_size,
		  char **out, size_t *out_len);

/* See scan_blame() in deputy/scan.h. */
int snapshot_blame(struct snapshot *snap, const char *path, unsigned line, struct blame *out);

#endif
