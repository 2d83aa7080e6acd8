/*
 * Searching the tree: `/` types a query on the status line, the cursor jumps
 * to the first row whose name, file or rule ids contain it, and Ctrl-N/Ctrl-P
 * step through the matches afterwards.
 */
#ifndef DEPUTY_TUI_SEARCH_H
#define DEPUTY_TUI_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "deputy/scan.h"
#include "tree.h"

#define SEARCH_MAX 128

struct search {
	char text[SEARCH_MAX];   /* the query (typed by the user), NUL-terminated */
	size_t len;
	char saved[SEARCH_MAX];  /* the query before `/`, restored by Esc */
	bool editing;            /* the prompt is open */
	bool no_match;           /* the query matches no row that passes the filters */
	size_t origin;           /* the cursor when `/` was pressed */
};

/*
 * True when row @i of @tree matches @query (case-insensitive): a file's path,
 * an entry's or package's name (or URL, or option value), or the id of a
 * rule that flagged the row. An empty query matches nothing.
 */
bool search_matches(const struct tree *tree, const struct scan *scan, size_t i,
		    const char *query);

/*
 * Moves the cursor to the next (@forward) or previous row matching @query
 * among the rows that pass the filters, starting after @from (at @from when
 * @inclusive), wrapping around and unfolding what hides it. Returns 0, 1 when
 * it wrapped, or ERR_NOTFOUND (the cursor stays).
 */
int search_step(struct tree *tree, const struct scan *scan, const char *query, size_t from,
		bool forward, bool inclusive);

#endif
