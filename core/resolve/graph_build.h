/*
 * The graph under construction, shared by the passes over declarations
 * (graph.c) and over the other sources' package records (graph_records.c).
 */
#ifndef DEPUTY_RESOLVE_GRAPH_BUILD_H
#define DEPUTY_RESOLVE_GRAPH_BUILD_H

#include <stdbool.h>
#include <stddef.h>

#include "deputy/arena.h"
#include "deputy/graph.h"
#include "deputy/hash_index.h"

struct intel;
struct pkg_record;

struct builder {
	struct arena *arena;
	struct graph *g;          /* nodes and edges in heap arrays until the end */
	size_t cap_nodes, cap_edges;
	struct hash_index nodes;  /* the nodes by (eco, name) */
	int err;                  /* sticky ERR_NOMEM */
};

/* ECO_PYPI, or ECO_CRAN for any R registry; false for packages without a node. */
bool gb_graph_ecosystem(enum ecosystem eco, enum ecosystem *out);
/* @name normalised for @eco (PEP 503, or lower case), in the arena; NULL when out of memory. */
char *gb_normal_name(struct arena *arena, enum ecosystem eco, const char *name);
/* The node of (@eco, normalised @name), or GRAPH_NONE. */
size_t gb_lookup(const struct builder *b, enum ecosystem eco, const char *name);
/* A new node; GRAPH_NONE (and b->err) when out of memory. */
size_t gb_add_node(struct builder *b, enum ecosystem eco, char *name, const char *display);
/* An edge with its provenance. */
void gb_add_edge(struct builder *b, size_t from, size_t to, const char *file, unsigned line,
		 const char *source);
/*
 * The edge from node @from to the package @req (as a source writes it), the
 * target made when missing (*@made then true); R's own packages get none.
 * The target, or GRAPH_NONE.
 */
size_t gb_require(struct builder *b, const struct intel *intel, size_t from, const char *req,
		  const char *file, unsigned line, const char *source, bool *made);
/* R itself or a package that ships with R (not a recommended one). */
bool gb_part_of_r(const struct intel *intel, const char *name);

/*
 * Expands the graph from @records (in order of preference): every node no
 * lock entry gave a dependency list gets the first record of its name, its
 * version and edges to what the record requires, and so on for the nodes
 * that adds. Nodes that nothing defines are marked unresolved with the reason.
 */
void gb_add_records(struct builder *b, const struct intel *intel,
		    const struct pkg_record *records, size_t n_records);

#endif
