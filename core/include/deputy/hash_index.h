/*
 * An open-addressing hash index over items that live in the caller's array,
 * found by their array index: a slot holds an item's index + 1 (0 is empty),
 * linear probing, the load kept under one half. The caller gives the hashes
 * and compares keys; the index owns only its slots.
 */
#ifndef DEPUTY_DEPUTY_HASH_INDEX_H
#define DEPUTY_DEPUTY_HASH_INDEX_H

#include <stdbool.h>
#include <stddef.h>

#define HASH_INDEX_NONE ((size_t)-1)

struct hash_index {
	size_t *slots;          /* heap, cap entries */
	size_t cap;             /* 0 or a power of two */
};

/* The hash of item @item of the caller's array. */
typedef size_t (*hash_index_hash_fn)(size_t item, const void *ctx);
/* Whether item @item has the key the caller is looking for. */
typedef bool (*hash_index_match_fn)(size_t item, const void *key);

/*
 * Room for one item more when items 0 to @n - 1 are in: a full index grows
 * and takes them in again, hashed by @hash. ERR_NOMEM, the index unchanged,
 * when out of memory.
 */
int hash_index_reserve(struct hash_index *ix, size_t n, hash_index_hash_fn hash, const void *ctx);
/* Puts @item, whose hash is @h; hash_index_reserve() first. */
void hash_index_put(struct hash_index *ix, size_t h, size_t item);
/* The first item with hash @h that @match takes, or HASH_INDEX_NONE. */
size_t hash_index_find(const struct hash_index *ix, size_t h, hash_index_match_fn match,
		       const void *key);
/* Takes @item (hash @h) out; the items probed past it move back so that they are still found. */
void hash_index_remove(struct hash_index *ix, size_t h, size_t item, hash_index_hash_fn hash,
		       const void *ctx);
/* Frees the slots; the index is empty again. */
void hash_index_release(struct hash_index *ix);

#endif
