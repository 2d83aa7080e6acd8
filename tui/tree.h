/*
 * The tree the audit screen shows: dependency files, then the declarations
 * and flagged option lines of each. Nodes point into the scan; folds, the
 * filter and the cursor are the TUI's own state.
 */
#ifndef DEPUTY_TUI_TREE_H
#define DEPUTY_TUI_TREE_H

#include <stdbool.h>
#include <stddef.h>

#include "deputy/scan.h"

enum node_kind {
	NODE_FILE,
	NODE_DEP,
	NODE_OPTION,
};

struct node {
	enum node_kind kind;
	const char *path;                    /* the file, for every kind */
	const struct scan_file *file;        /* NULL when only declarations name the path */
	const struct dep *dep;               /* NODE_DEP */
	const struct index_option *option;   /* NODE_OPTION */
	const size_t *findings;              /* indices for scan_finding(), highest first */
	size_t n_findings;                   /* the node's own findings */
	int severity;                        /* highest own or (files) children's; -1 none */
	size_t parent;                       /* the file node; a file is its own parent */
	size_t n_children;                   /* files: the nodes right after it */
	size_t n_diags;                      /* files: diagnostics on this path */
	unsigned line;                       /* entries: the line; files: 0 */
	bool expanded;
};

struct tree {
	struct node *nodes;
	size_t len;
	size_t *finding_index;   /* storage behind every node's findings */
	size_t *visible;         /* node indices on screen, top to bottom */
	size_t n_visible;
	size_t *flagged;         /* nodes with own findings, in tree order */
	size_t n_flagged;
	size_t cursor;           /* node index; meaningless when len == 0 */
	bool flagged_only;
};

/* Builds the tree of @scan, every file expanded. 0 or ERR_NOMEM. */
int tree_init(struct tree *tree, const struct scan *scan);
void tree_release(struct tree *tree);

/* Recomputes the visible rows after a fold or filter change, keeping the cursor visible. */
void tree_refresh(struct tree *tree);
/* Row of the cursor in tree->visible (0 when nothing is visible). */
size_t tree_cursor_row(const struct tree *tree);
/* Position of the cursor in the flagged list, 1-based; 0 when not flagged. */
size_t tree_flag_position(const struct tree *tree);

/*
 * Moves the cursor to the next (@forward) or previous flagged entry,
 * expanding its file and wrapping around. Returns 0, 1 when it wrapped, or
 * ERR_NOTFOUND when nothing is flagged.
 */
int tree_step_flag(struct tree *tree, bool forward);

#endif
