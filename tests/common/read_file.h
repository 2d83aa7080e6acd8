/*
 * Whole-file reading for the differential dump tools (tests/diff, tests/python): the bytes of a
 * file in one heap buffer the caller frees.
 */
#ifndef DEPUTY_TESTS_READ_FILE_H
#define DEPUTY_TESTS_READ_FILE_H

#include <stdio.h>
#include <stdlib.h>

/* The bytes of @path (length in *@len, not nul-terminated), or NULL when it cannot be read. */
static inline char *
read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;

	if (!f)
		return NULL;
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			char *grown = realloc(buf, cap);
			if (!grown) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = grown;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	fclose(f);
	*len = n;
	return buf;
}

#endif
