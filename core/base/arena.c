/* Region allocator: blocks chained from the newest, freed all at once. */
#include "deputy/arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK_MIN (64u * 1024)
#define ARENA_ALIGN (_Alignof(max_align_t))

struct arena_block {
	struct arena_block *next;
	size_t used;
	size_t size;
	_Alignas(max_align_t) unsigned char data[];
};

void
arena_init(struct arena *arena)
{
	arena->head = NULL;
}

void
arena_release(struct arena *arena)
{
	struct arena_block *b = arena->head;

	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	arena->head = NULL;
}

void *
arena_alloc(struct arena *arena, size_t size)
{
	struct arena_block *b = arena->head;
	size_t need = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);

	if (need < size)
		return NULL;    /* overflow */
	if (!b || b->size - b->used < need) {
		size_t bsize = need > ARENA_BLOCK_MIN ? need : ARENA_BLOCK_MIN;

		if (bsize > SIZE_MAX - sizeof(*b))
			return NULL;
		b = malloc(sizeof(*b) + bsize);
		if (!b)
			return NULL;
		b->used = 0;
		b->size = bsize;
		if (arena->head && need > ARENA_BLOCK_MIN / 4) {
			/* A big one-off goes behind the current block so that
			 * the current block's free space stays in use. */
			b->next = arena->head->next;
			arena->head->next = b;
		} else {
			b->next = arena->head;
			arena->head = b;
		}
	}
	void *p = b->data + b->used;
	b->used += need;
	memset(p, 0, size);
	return p;
}

void *
arena_memdup(struct arena *arena, const void *src, size_t len)
{
	void *p = arena_alloc(arena, len ? len : 1);

	if (p && len)
		memcpy(p, src, len);
	return p;
}

char *
arena_strndup(struct arena *arena, struct sv s)
{
	if (s.len == SIZE_MAX)
		return NULL;
	char *p = arena_alloc(arena, s.len + 1);

	if (!p)
		return NULL;
	if (s.len)
		memcpy(p, s.ptr, s.len);
	p[s.len] = '\0';
	return p;
}

char *
arena_strdup(struct arena *arena, const char *s)
{
	return arena_strndup(arena, sv_from_cstr(s));
}

char *
arena_vprintf(struct arena *arena, const char *fmt, va_list ap)
{
	va_list copy;
	char small[256];

	va_copy(copy, ap);
	int n = vsnprintf(small, sizeof(small), fmt, copy);
	va_end(copy);
	if (n < 0)
		return NULL;
	char *p = arena_alloc(arena, (size_t)n + 1);
	if (!p)
		return NULL;
	if ((size_t)n < sizeof(small))
		memcpy(p, small, (size_t)n + 1);
	else
		vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
arena_printf(struct arena *arena, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	char *p = arena_vprintf(arena, fmt, ap);
	va_end(ap);
	return p;
}
