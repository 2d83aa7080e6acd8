/*
 * The dependency list of a Python package from its Requires-Dist entries:
 * names only, each once (PEP 503), markers evaluated for an environment,
 * extras' requirements left out.
 */
#ifndef DEPUTY_RESOLVE_REQUIRES_DIST_H
#define DEPUTY_RESOLVE_REQUIRES_DIST_H

#include <stdbool.h>
#include <stddef.h>

#include "deputy/arena.h"
#include "deputy/diag.h"
#include "deputy/sv.h"
#include "resolve/marker.h"

#define REQUIRES_MAX 4096    /* names kept for one package */

struct requires_list {
	const char **items;      /* in the arena */
	size_t n, cap;
	bool warned;             /* the REQUIRES_MAX warning was given */
};

/*
 * Adds the project that the requirement @value names to @list, when its
 * marker holds in @env (a marker that cannot be evaluated keeps it, with a
 * warning at @at of @src); an unreadable requirement is a warning. 0 or
 * ERR_NOMEM.
 */
int requires_dist_add(struct requires_list *list, struct arena *arena, struct diags *diags,
		      struct source *src, struct span at, const struct marker_env *env,
		      struct sv value);

#endif
