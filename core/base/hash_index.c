/* The open-addressing index of hash_index.h. */
#include "deputy/hash_index.h"

#include <stdlib.h>

#include "deputy/diag.h"

static size_t
first_free(const struct hash_index *ix, size_t h)
{
	size_t mask = ix->cap - 1, k = h & mask;

	while (ix->slots[k])
		k = (k + 1) & mask;
	return k;
}

int
hash_index_reserve(struct hash_index *ix, size_t n, hash_index_hash_fn hash, const void *ctx)
{
	struct hash_index grown = { NULL, ix->cap ? ix->cap * 2 : 64 };

	if ((n + 1) * 2 <= ix->cap)
		return 0;
	if (!(grown.slots = calloc(grown.cap, sizeof(*grown.slots))))
		return ERR_NOMEM;
	for (size_t i = 0; i < n; i++)
		hash_index_put(&grown, hash(i, ctx), i);
	free(ix->slots);
	*ix = grown;
	return 0;
}

void
hash_index_put(struct hash_index *ix, size_t h, size_t item)
{
	ix->slots[first_free(ix, h)] = item + 1;
}

size_t
hash_index_find(const struct hash_index *ix, size_t h, hash_index_match_fn match, const void *key)
{
	size_t mask = ix->cap - 1;

	if (!ix->cap)
		return HASH_INDEX_NONE;
	for (size_t k = h & mask; ix->slots[k]; k = (k + 1) & mask)
		if (match(ix->slots[k] - 1, key))
			return ix->slots[k] - 1;
	return HASH_INDEX_NONE;
}

void
hash_index_remove(struct hash_index *ix, size_t h, size_t item, hash_index_hash_fn hash,
		  const void *ctx)
{
	size_t mask = ix->cap - 1, k = h & mask;

	if (!ix->cap)
		return;
	while (ix->slots[k] && ix->slots[k] != item + 1)
		k = (k + 1) & mask;
	if (!ix->slots[k])
		return;
	ix->slots[k] = 0;
	/* close the gap: what follows in the run is put in again */
	for (size_t j = (k + 1) & mask; ix->slots[j]; j = (j + 1) & mask) {
		size_t moved = ix->slots[j] - 1;
		ix->slots[j] = 0;
		hash_index_put(ix, hash(moved, ctx), moved);
	}
}

void
hash_index_release(struct hash_index *ix)
{
	free(ix->slots);
	*ix = (struct hash_index){ NULL, 0 };
}
