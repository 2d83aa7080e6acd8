/* Growing heap arrays: one helper for every list that grows by appending. */
#ifndef DEPUTY_DEPUTY_ARRAY_H
#define DEPUTY_DEPUTY_ARRAY_H

#include <stddef.h>

/*
 * Makes room in *@items (elements of @size bytes, @len used, *@cap
 * allocated) for one more, doubling the allocation. The array stays the
 * caller's (free() it). Returns 0 or ERR_NOMEM (then nothing changed).
 */
int array_reserve(void *items, size_t *cap, size_t len, size_t size);

#endif
