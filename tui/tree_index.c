/* Sorted key arrays for the tree builder (tree_index.h). */
#include "tree_index.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "deputy/array.h"
#include "deputy/diag.h"

int
tree_index_add(struct tree_index *ix, const void *key, size_t value)
{
	if (!key)
		return 0;
	if (array_reserve(&ix->keys, &ix->cap, ix->len, sizeof(*ix->keys)))
		return ERR_NOMEM;
	ix->keys[ix->len++] = (struct tree_key){ key, value };
	return 0;
}

static int
compare_keys(const struct tree_index *ix, const void *a, const void *b)
{
	if (ix->by_path)
		return strcmp(a, b);
	return (uintptr_t)a < (uintptr_t)b ? -1 : (uintptr_t)a > (uintptr_t)b;
}

static int
compare_paths(const void *a, const void *b)
{
	const struct tree_key *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : (x->value > y->value) - (x->value < y->value);
}

static int
compare_pointers(const void *a, const void *b)
{
	const struct tree_key *x = a, *y = b;
	uintptr_t p = (uintptr_t)x->key, q = (uintptr_t)y->key;

	if (p != q)
		return p < q ? -1 : 1;
	return (x->value > y->value) - (x->value < y->value);
}

void
tree_index_sort(struct tree_index *ix)
{
	if (ix->len)
		qsort(ix->keys, ix->len, sizeof(*ix->keys),
		      ix->by_path ? compare_paths : compare_pointers);
}

/* The first position in [@lo, @hi) whose key is >= @key (> @key when @after). */
static size_t
key_bound(const struct tree_index *ix, size_t lo, size_t hi, const void *key, bool after)
{
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = compare_keys(ix, ix->keys[mid].key, key);

		if (c < 0 || (after && c == 0))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t
tree_index_range(const struct tree_index *ix, const void *key, size_t *end)
{
	size_t lo;

	*end = ix->len;
	if (!key)
		return ix->len;
	lo = key_bound(ix, 0, ix->len, key, false);
	if (lo == ix->len || compare_keys(ix, ix->keys[lo].key, key) != 0)
		return ix->len;
	*end = key_bound(ix, lo, ix->len, key, true);
	return lo;
}

size_t
tree_index_value_bound(const struct tree_index *ix, size_t from, size_t to, size_t value)
{
	while (from < to) {
		size_t mid = from + (to - from) / 2;

		if (ix->keys[mid].value < value)
			from = mid + 1;
		else
			to = mid;
	}
	return from;
}

size_t
tree_index_first(const struct tree_index *ix, const void *key)
{
	size_t end, at = tree_index_range(ix, key, &end);

	return at < end ? ix->keys[at].value : SIZE_MAX;
}

void
tree_index_release(struct tree_index *ix)
{
	free(ix->keys);
	memset(ix, 0, sizeof(*ix));
}
