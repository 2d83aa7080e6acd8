/*
 * The labelled name lists under bench/lookalikes/: tab-separated lines of
 * four columns, '#' comments and blank lines skipped.
 */
#ifndef DEPUTY_BENCH_DEVSET_H
#define DEPUTY_BENCH_DEVSET_H

#include <stdbool.h>
#include <stddef.h>

#include "deputy/arena.h"

struct devset_entry {
	const char *name;        /* as published */
	const char *imitates;    /* the package or module it imitates (or resembles) */
	const char *third;       /* the year (PyPI) or the kind (CRAN) */
	const char *source;      /* the public report, or "synthetic" */
	const char *normalized;  /* @name after PEP 503 */
	unsigned line;
};

struct devset {
	struct devset_entry *entries;
	size_t count;
	struct arena arena;      /* every string above */
};

/*
 * Reads @path. A line without four columns is reported on stderr
 * ("path:line: ...") and skipped. 0, ERR_IO when the file cannot be read,
 * ERR_NOMEM. devset_release() frees what was read, in every case.
 */
int devset_load(struct devset *out, const char *path);
void devset_release(struct devset *set);

/* @normalized is the normalised name of one of @set's entries. */
bool devset_has(const struct devset *set, const char *normalized);

#endif
