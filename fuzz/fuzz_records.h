/*
 * The resolver's package-record targets end alike: every record named, every
 * requirement a string, the diagnostics well formed, everything released.
 */
#ifndef DEPUTY_FUZZ_RECORDS_H
#define DEPUTY_FUZZ_RECORDS_H

#include "resolve/source.h"
#include "fuzz.h"

static inline void
fuzz_finish_records(struct pkg_records *recs, struct diags *diags, struct arena *arena)
{
	for (size_t i = 0; i < recs->len; i++) {
		FUZZ_CHECK(recs->items[i].name != NULL);
		for (size_t j = 0; j < recs->items[i].n_requires; j++)
			FUZZ_CHECK(recs->items[i].requires[j] != NULL);
	}
	fuzz_check_diags(diags);
	pkg_records_release(recs);
	diags_release(diags);
	arena_release(arena);
}

#endif
