/*
 * The tree the audit screen shows: dependency files, the declarations and
 * flagged option lines of each, and under each declaration the packages it
 * pulls in. Nodes point into the scan; folds, the filter and the cursor are
 * the TUI's own state.
 */
#ifndef DEPUTY_TUI_TREE_H
#define DEPUTY_TUI_TREE_H

#include <stdbool.h>
#include <stddef.h>

#include "deputy/scan.h"
#include "tree_index.h"

/* Package rows under one declaration; past it one NODE_MORE row counts the rest. */
#define TREE_MAX_PACKAGES 2000

enum node_kind {
	NODE_FILE,
	NODE_DEP,
	NODE_OPTION,
	NODE_PACKAGE,   /* a package a declaration pulls in, at any depth */
	NODE_MORE,      /* "... N more": the package rows left out past TREE_MAX_PACKAGES */
};

/*
 * Package rows: the graph walked depth-first from the declaration's package,
 * in edge order. A package is expanded once under a declaration; where it
 * comes again (a diamond, or a cycle back to a package above), it is one
 * more row marked @repeat, with no children and no findings: a cycle is
 * never followed twice. Lock entries (DEP_LOCK) get no package rows: the
 * declarations they lock do.
 */
struct node {
	enum node_kind kind;
	const char *path;                    /* the file, for every kind */
	const struct scan_file *file;        /* NULL when only declarations name the path */
	const struct dep *dep;               /* NODE_DEP */
	const struct index_option *option;   /* NODE_OPTION */
	size_t graph_node;                   /* NODE_DEP, NODE_PACKAGE: its graph node, or
						GRAPH_NONE */
	size_t edge;                         /* NODE_PACKAGE: the edge that pulls it in */
	bool repeat;                         /* NODE_PACKAGE: shown before in this subtree */
	size_t n_more;                       /* NODE_MORE: the rows left out */
	const size_t *findings;              /* indices for scan_finding(), highest first */
	size_t n_findings;                   /* the node's own findings */
	int severity;                        /* highest own or descendant's; -1 none */
	size_t parent;                       /* the row above it; a file is its own parent */
	unsigned depth;                      /* files 0, entries 1, packages 2 and more */
	size_t n_children;                   /* rows right below it */
	size_t n_subtree;                    /* all rows under it, right after it */
	size_t n_diags;                      /* files: diagnostics on this path */
	unsigned line;                       /* entries: the line; files and packages: 0 */
	bool expanded;                       /* files start expanded, the rest collapsed */
	bool shown;                          /* every ancestor expanded (tree_refresh) */
	bool keep;                           /* passes the filters (tree_refresh) */
	bool reviewed;                       /* every finding decided (set by review_ui.c) */
	bool kept_below;                     /* files: an entry below passes them */
	size_t order;                        /* entries, while building: the scan's order */
};

/* The ecosystem filter: which rows `p` keeps. */
enum tree_eco {
	TREE_ECO_ALL,
	TREE_ECO_PYTHON,
	TREE_ECO_R,
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
	bool skip_reviewed;      /* tree_step_flag() passes rows marked reviewed */
	int min_severity;        /* rows whose severity is below it are hidden; -1: none */
	enum tree_eco eco;
	/* What the detail pane looks up at every move, indexed once (tree_lookup_*()). */
	struct tree_index by_name;         /* dep->normalized -> ecosystem * deps + dep index */
	struct tree_index by_finding_dep;  /* finding->dep -> finding index */
	struct tree_index by_diag_path;    /* diag->path -> diag index */
};

/*
 * Builds the tree of @scan: every file expanded, package rows collapsed
 * except the path to each package row carrying a finding. A finding on a
 * package that no declaration of the repository names (DEP_RESOLVED, or a
 * line of a file read from a remote repository, such as its Remotes:)
 * belongs to the first non-repeated row of that package, else (cut by
 * TREE_MAX_PACKAGES) to the first NODE_MORE row that counts it; when no
 * declaration reaches it, to the file that describes it. Findings on
 * declarations and lock entries stay on their rows. 0 or ERR_NOMEM.
 */
int tree_init(struct tree *tree, const struct scan *scan);
void tree_release(struct tree *tree);

/* Recomputes the visible rows after a fold or filter change, keeping the cursor visible. */
void tree_refresh(struct tree *tree);
/* Row of the cursor in tree->visible (0 when nothing is visible). */
size_t tree_cursor_row(const struct tree *tree);
/* Position of the cursor in the flagged list, 1-based; 0 when not flagged. */
size_t tree_flag_position(const struct tree *tree);
/*
 * Expands every ancestor of node @i (not @i itself); true when one was
 * folded, and then call tree_refresh() after.
 */
bool tree_expand_to(struct tree *tree, size_t i);
/* Puts the cursor on node @i, expanding its ancestors (refreshing only when that changed the rows). */
void tree_move_to(struct tree *tree, size_t i);
/* Expands (@expand) or collapses every row that has rows below it, then refreshes. */
void tree_fold_all(struct tree *tree, bool expand);
/* "all", "Python", "R". */
const char *tree_eco_str(enum tree_eco eco);

/*
 * Moves the cursor to the next (@forward) or previous flagged entry that
 * passes the filters, expanding its ancestors and wrapping around. Returns 0, 1 when it wrapped,
 * or ERR_NOTFOUND when nothing (that passes the filters) is flagged.
 */
int tree_step_flag(struct tree *tree, bool forward);

#endif
