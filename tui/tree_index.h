/*
 * Lookups the tree builder makes once per file or finding, and the detail
 * pane at every move, made in O(log n): entries by path or name (sorted
 * once, equal keys kept in the order of their values, scan order) and rows
 * by a pointer or a path. A repository of 100,000 declarations in
 * 10,000 files then builds its tree in a blink rather than minutes.
 */
#ifndef DEPUTY_TUI_TREE_INDEX_H
#define DEPUTY_TUI_TREE_INDEX_H

#include <stddef.h>

/* One key (a path, or a pointer), with a value (an index, or a row). */
struct tree_key {
	const void *key;
	size_t value;
};

/* A sorted array of keys; owned by whoever called tree_index_sort(). */
struct tree_index {
	struct tree_key *keys;
	size_t len, cap;
	int by_path;             /* keys are C strings (compared by strcmp) */
};

/* Appends (@key, @value); 0 or ERR_NOMEM. A NULL key is skipped. */
int tree_index_add(struct tree_index *ix, const void *key, size_t value);
/* Sorts by key, then by value: call once every key is in. */
void tree_index_sort(struct tree_index *ix);
/* The first position holding @key, and in *@end the one past its last; both len when absent. */
size_t tree_index_range(const struct tree_index *ix, const void *key, size_t *end);
/*
 * The first position in [@from, @to), a range of one key, whose value is
 * >= @value (one key's values are sorted); @to when none is.
 */
size_t tree_index_value_bound(const struct tree_index *ix, size_t from, size_t to, size_t value);
/* The smallest value stored under @key, or SIZE_MAX. */
size_t tree_index_first(const struct tree_index *ix, const void *key);
void tree_index_release(struct tree_index *ix);

#endif
