/*
 * What the fuzz targets share: running one detector on the fuzzer's bytes
 * with a fresh arena and diagnostics, and the invariants every reader keeps
 * (spans inside the input, only documented return codes). A broken invariant
 * aborts, which libFuzzer and the regression driver report as a crash.
 */
#ifndef DEPUTY_FUZZ_FUZZ_H
#define DEPUTY_FUZZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "deputy/arena.h"
#include "deputy/diag.h"
#include "deputy/sv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts with a message naming the broken invariant. */
#define FUZZ_CHECK(cond)                                                                    \
	do {                                                                                \
		if (!(cond)) {                                                              \
			fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, \
				#cond);                                                     \
			abort();                                                            \
		}                                                                           \
	} while (0)

static inline struct sv
fuzz_sv(const uint8_t *data, size_t size)
{
	return sv_make((const char *)data, size);
}

/* Every diagnostic has a path and a message; lines and columns are 1-based or 0. */
static inline void
fuzz_check_diags(const struct diags *diags)
{
	for (size_t i = 0; i < diags->len; i++) {
		FUZZ_CHECK(diags->items[i].message != NULL);
		FUZZ_CHECK(diags->items[i].column == 0 || diags->items[i].line > 0);
	}
}

/* A copy of @data with a trailing NUL, for readers that take a C string (heap: free()). */
static inline char *
fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		return NULL;
	for (size_t i = 0; i < size; i++)
		s[i] = (char)data[i];
	s[size] = '\0';
	return s;
}

#endif
