/*
 * A deletion-neighbourhood index over the popular names: finds, without
 * comparing against every name, the names one edit away from a query.
 */
#ifndef DEPUTY_INTEL_NEAR_H
#define DEPUTY_INTEL_NEAR_H

#include <stddef.h>
#include <stdint.h>

#include "deputy/arena.h"
#include "intel/intel.h"

struct near_key;

struct near_index {
	const char *const *names;    /* the indexed names, separators removed (borrowed) */
	size_t n_names;
	struct near_key *keys;       /* in the arena given to near_build */
	size_t n_keys;
};

/*
 * Indexes @names (already stripped of separators; borrowed for the index's
 * lifetime): each name and each of its one-deletion variants. 0, ERR_NOMEM,
 * or ERR_LIMIT when a name is too long to index.
 */
int near_build(struct near_index *out, struct arena *arena, const char *const *names,
	       size_t n_names);

/*
 * Calls @fn(i, payload) for the index i of every indexed name that shares the
 * query @stripped or one of its one-deletion variants. An index may repeat.
 * Stops at the first non-zero return of @fn and returns it; else 0.
 */
int near_query(const struct near_index *index, const char *stripped,
	       int (*fn)(size_t i, void *payload), void *payload);

#endif
