/*
 * Building the dependency graph from a scan's declarations (offline: lock
 * files), and naming the path by which a transitive package is pulled in.
 */
#ifndef DEPUTY_RESOLVE_GRAPH_H
#define DEPUTY_RESOLVE_GRAPH_H

#include "deputy/arena.h"
#include "deputy/graph.h"

struct intel;
struct pkg_record;

/*
 * Builds @out from @deps: a node for every registry package declared or
 * locked, an edge for every name in a lock entry's dependency list; then
 * from @records (resolve/source.h; first preferred) for what no lock file
 * describes, following what they require. R's own packages ("R", base
 * packages) are left out. Each of @remotes (resolve/remotes.h; in @arena,
 * kept by the graph) gets the node of its package. Everything goes into
 * @arena. 0 or ERR_NOMEM.
 */
int graph_build(struct graph *out, struct arena *arena, const struct intel *intel,
		struct dep *const *deps, size_t n_deps, const struct pkg_record *records,
		size_t n_records, struct graph_remote *remotes, size_t n_remotes);

/* The repository entry of a declaration of a package from a git repository, or NULL. */
const struct graph_remote *graph_remote_of(const struct graph *graph, const struct dep *dep);

/* The node of @dep's package, or (size_t)-1 when it has none. */
size_t graph_find(const struct graph *graph, const struct dep *dep);

/*
 * The shortest path from a root to node @i, as "requests → urllib3 → urlib3"
 * (display names) in @arena; NULL when @i is a root itself, unreachable from
 * every root, or out of memory.
 */
const char *graph_path(const struct graph *graph, struct arena *arena, size_t i);

#endif
