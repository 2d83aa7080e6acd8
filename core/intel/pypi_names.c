/*
 * Searching the front-coded PyPI name table: a binary search over the blocks'
 * first names, then one block decoded entry by entry. Every read is checked
 * against the table's length, so a damaged table fails lookups, not memory.
 */
#include "intel/pypi_names.h"

#include <string.h>

#include "deputy/diag.h"

#define HEADER_LEN 24

static uint32_t
read_u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static uint32_t
block_offset(const struct pypi_names *names, uint32_t block)
{
	return read_u32(names->data + HEADER_LEN + 4 * (size_t)block);
}

int
pypi_names_open(struct pypi_names *out, const unsigned char *data, size_t len)
{
	uint32_t prev;

	memset(out, 0, sizeof(*out));
	if (len < HEADER_LEN || memcmp(data, "DPYNAME1", 8) != 0)
		return ERR_SYNTAX;
	out->data = data;
	out->len = len;
	out->count = read_u32(data + 8);
	out->n_blocks = read_u32(data + 12);
	out->block_size = read_u32(data + 16);
	if (out->block_size == 0 ||
	    out->n_blocks != out->count / out->block_size + (out->count % out->block_size != 0) ||
	    (len - HEADER_LEN) / 4 < out->n_blocks)
		return ERR_SYNTAX;
	prev = HEADER_LEN + 4 * out->n_blocks;
	for (uint32_t b = 0; b < out->n_blocks; b++) {
		uint32_t off = block_offset(out, b);
		if (off < prev || off >= len)
			return ERR_SYNTAX;
		prev = off + 1;
	}
	return 0;
}

/* A cursor over one block's entries. */
struct cursor {
	const unsigned char *p, *end;
	char name[PYPI_NAME_MAX];
	size_t name_len;
	int month;
};

/* Decodes the next entry into @c. False at a damaged entry. */
static bool
cursor_next(struct cursor *c)
{
	size_t shared, add;

	if (c->end - c->p < 2)
		return false;
	shared = c->p[0];
	add = c->p[1];
	if (shared > c->name_len || shared + add >= PYPI_NAME_MAX ||
	    (size_t)(c->end - c->p) < 2 + add + 2)
		return false;
	memcpy(c->name + shared, c->p + 2, add);
	c->name_len = shared + add;
	c->name[c->name_len] = '\0';
	c->p += 2 + add;
	c->month = c->p[0] | c->p[1] << 8;
	c->p += 2;
	return true;
}

static void
cursor_start(struct cursor *c, const struct pypi_names *names, uint32_t block)
{
	c->p = names->data + block_offset(names, block);
	c->end = block + 1 < names->n_blocks ? names->data + block_offset(names, block + 1)
					     : names->data + names->len;
	c->name_len = 0;
	c->name[0] = '\0';
}

/* Entries in @block. */
static uint32_t
block_entries(const struct pypi_names *names, uint32_t block)
{
	if (block + 1 < names->n_blocks)
		return names->block_size;
	return names->count - block * names->block_size;
}

/* Compares @name with the first name of @block (which shares nothing). */
static int
compare_first(const struct pypi_names *names, uint32_t block, const char *name, size_t len)
{
	const unsigned char *p = names->data + block_offset(names, block);
	size_t first_len, n;
	int c;

	if ((size_t)(names->data + names->len - p) < 2)
		return -1;
	first_len = p[1];
	if ((size_t)(names->data + names->len - p) < 2 + first_len)
		return -1;
	n = len < first_len ? len : first_len;
	c = memcmp(name, p + 2, n);
	if (c)
		return c;
	return len < first_len ? -1 : len > first_len;
}

/* The last block whose first name is <= @name (@len bytes); 0 when none is. */
static uint32_t
find_block(const struct pypi_names *names, const char *name, size_t len)
{
	uint32_t lo = 0, hi = names->n_blocks;

	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (compare_first(names, mid, name, len) >= 0)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

bool
pypi_names_find(const struct pypi_names *names, const char *name, int *month)
{
	size_t len = strlen(name);
	uint32_t block;
	struct cursor c;

	if (!names->data || names->n_blocks == 0 || len >= PYPI_NAME_MAX)
		return false;
	block = find_block(names, name, len);
	cursor_start(&c, names, block);
	for (uint32_t i = block_entries(names, block); i > 0 && cursor_next(&c); i--) {
		int cmp = strcmp(c.name, name);
		if (cmp == 0) {
			if (month)
				*month = c.month;
			return true;
		}
		if (cmp > 0)
			break;
	}
	return false;
}

bool
pypi_names_has_prefix(const struct pypi_names *names, const char *prefix, size_t len)
{
	uint32_t block;
	struct cursor c;

	if (!names->data || names->n_blocks == 0 || len >= PYPI_NAME_MAX)
		return false;
	if (len == 0)
		return names->count > 0;
	/* the first name not before @prefix is in its block or starts the next one */
	block = find_block(names, prefix, len);
	for (uint32_t b = block; b < names->n_blocks && b <= block + 1; b++) {
		cursor_start(&c, names, b);
		for (uint32_t i = block_entries(names, b); i > 0 && cursor_next(&c); i--) {
			size_t n = c.name_len < len ? c.name_len : len;
			int cmp = memcmp(c.name, prefix, n);
			if (cmp > 0 || (cmp == 0 && c.name_len >= len))
				return cmp == 0;
		}
	}
	return false;
}

const char *
pypi_names_at(const struct pypi_names *names, size_t i, char *buf, int *month)
{
	uint32_t block;
	struct cursor c;

	if (!names->data || i >= names->count)
		return NULL;
	block = (uint32_t)(i / names->block_size);
	cursor_start(&c, names, block);
	for (size_t k = 0; k <= i % names->block_size; k++)
		if (!cursor_next(&c))
			return NULL;
	memcpy(buf, c.name, c.name_len + 1);
	if (month)
		*month = c.month;
	return buf;
}
