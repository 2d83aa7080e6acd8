/*
 * Region allocator. Everything a scan produces lives in the scan's arena and
 * dies with it: no per-node free, no reference counts.
 */
#ifndef DEPUTY_DEPUTY_ARENA_H
#define DEPUTY_DEPUTY_ARENA_H

#include <stdarg.h>
#include <stddef.h>

#include "deputy/sv.h"

struct arena_block;

/* An arena embedded by value; initialise with ARENA_INIT or arena_init(). */
struct arena {
	struct arena_block *head;
};

#define ARENA_INIT { NULL }

void arena_init(struct arena *arena);
/* Frees every block; the arena may be used again afterwards. */
void arena_release(struct arena *arena);

/* @size zeroed bytes aligned for any type. NULL when out of memory. */
void *arena_alloc(struct arena *arena, size_t size);
/* Copies @s into @arena with a trailing NUL. NULL when out of memory. */
char *arena_strndup(struct arena *arena, struct sv s);
char *arena_strdup(struct arena *arena, const char *s);
/* A formatted string in @arena. NULL when out of memory. */
char *arena_printf(struct arena *arena, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *arena, const char *fmt, va_list ap);
/* Copies @len bytes of @src into @arena. */
void *arena_memdup(struct arena *arena, const void *src, size_t len);

#endif
