/* Growing heap arrays. */
#include "deputy/array.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "deputy/diag.h"

int
array_reserve(void *items, size_t *cap, size_t len, size_t size)
{
	void *old;
	size_t ncap;

	if (len < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 16;
	if (ncap < *cap || ncap > SIZE_MAX / size)
		return ERR_NOMEM;
	memcpy(&old, items, sizeof(old));
	void *grown = realloc(old, ncap * size);
	if (!grown)
		return ERR_NOMEM;
	memcpy(items, &grown, sizeof(grown));
	*cap = ncap;
	return 0;
}
