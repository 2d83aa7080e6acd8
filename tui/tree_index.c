/* Sorted key arrays for the tree builder (tree_index.h). */
#include "tree_index.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "deputy/diag.h"

int
tree_index_add(struct tree_index *ix, const void *key, size_t value)
{
	if (!key)
		return 0;
	if (ix->len == ix->cap) {
		size_t cap = ix->cap ? ix->cap * 2 : 64;
		struct tree_key *keys = realloc(ix->keys, cap * sizeof(*keys));
		if (!keys)
			return ERR_NOMEM;
		ix->keys = keys;
		ix->cap = cap;
	}
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

size_t
tree_index_range(const struct tree_index *ix, const void *key, size_t *end)
{
	size_t lo = 0, hi = ix->len;

	*end = ix->len;
	if (!key)
		return ix->len;
	while (lo < hi) {       /* the first key >= @key */
		size_t mid = lo + (hi - lo) / 2;
		if (compare_keys(ix, ix->keys[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == ix->len || compare_keys(ix, ix->keys[lo].key, key) != 0)
		return ix->len;
	for (hi = lo; hi < ix->len && compare_keys(ix, ix->keys[hi].key, key) == 0;)
		hi++;
	*end = hi;
	return lo;
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
