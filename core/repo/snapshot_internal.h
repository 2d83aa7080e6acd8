/*
 * What the files of core/repo share: the snapshot itself and the three
 * sources it reads from (the file system, a git tree, .gitmodules).
 */
#ifndef DEPUTY_REPO_SNAPSHOT_INTERNAL_H
#define DEPUTY_REPO_SNAPSHOT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <git2.h>

#include "deputy/arena.h"
#include "repo/snapshot.h"

/* Symlinks followed by one read before giving up with ERR_LIMIT. */
#define SNAPSHOT_MAX_LINKS 8
/* Longest symlink target we look at; longer ones are ERR_LIMIT. */
#define SNAPSHOT_MAX_LINK_TARGET 4096
/* Deeper folders are not listed (a guard against pathological trees). */
#define SNAPSHOT_MAX_DEPTH 128
/* .gitmodules larger than this is not read (its URLs are then unknown). */
#define SNAPSHOT_MAX_GITMODULES (1024 * 1024)

struct snapshot {
	git_repository *repo;        /* NULL for a plain folder */
	git_index *index;            /* the working tree of a repository */
	git_commit *commit;          /* --rev */
	git_tree *tree;              /* --rev: the commit's tree; NULL otherwise */
	git_odb *odb;                /* --rev: for sizes without inflating blobs */
	const char *root;            /* in @arena; absolute, no trailing '/' */
	int root_fd;                 /* @root opened by the first read; -1 before */
	const char *name;            /* in @arena */
	const char *warning;         /* why the repository was read as a plain folder; NULL */
	struct arena arena;          /* listed paths, link targets, URLs */
	struct snapshot_entry *entries;  /* heap; sorted by path once @listed */
	size_t len, cap;
	bool listed;
};

/* What sits at a path, looked at without following a symlink. */
enum snapshot_node {
	NODE_NONE,
	NODE_DIR,
	NODE_FILE,
	NODE_LINK,
	NODE_SUBMODULE,
	NODE_OTHER,                  /* FIFO, device, socket: never read */
};

/* Appends a copy of @entry (strings copied into the arena). 0 or ERR_NOMEM. */
int snapshot_add_entry(struct snapshot *snap, const struct snapshot_entry *entry);

/*
 * The working tree of a repository (snap->repo set) or a plain folder,
 * read through file descriptors opened component by component with
 * O_NOFOLLOW, so that no symlink on the way is ever followed by the kernel.
 */
int worktree_collect(struct snapshot *snap);
/* *@target (heap, for NODE_LINK) is freed by the caller. */
int worktree_node(struct snapshot *snap, const char *path, enum snapshot_node *kind,
		  char **target);
int worktree_read(struct snapshot *snap, const char *path, uint64_t max_size,
		  char **out, size_t *out_len);

/* The same for snap->tree, straight from the object database. */
int tree_collect(struct snapshot *snap);
int tree_node(struct snapshot *snap, const char *path, enum snapshot_node *kind,
	      char **target);
int tree_read(struct snapshot *snap, const char *path, uint64_t max_size,
	      char **out, size_t *out_len);

/*
 * The URL of the submodule at @path in the .gitmodules text @text (@len
 * bytes), copied into @arena; NULL when absent or out of memory.
 */
const char *gitmodules_url(struct arena *arena, const char *text, size_t len,
			   const char *path);

#endif
