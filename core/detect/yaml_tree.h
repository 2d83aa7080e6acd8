/*
 * A YAML stream read by libyaml's event API into a small tree with byte
 * spans, for the detectors that read YAML (conda environments, CI files).
 * Aliases stay leaves: they are never expanded, so an alias bomb costs one
 * node per alias written.
 */
#ifndef DEPUTY_DETECT_YAML_TREE_H
#define DEPUTY_DETECT_YAML_TREE_H

#include <stdbool.h>
#include <stddef.h>

#include "deputy/arena.h"
#include "deputy/diag.h"

/* Deeper nesting, or more nodes, stops the reading with an ERR_LIMIT diagnostic. */
#define YTREE_MAX_DEPTH 128
#define YTREE_MAX_NODES (1u << 20)

enum ynode_type {
	YNODE_SCALAR,
	YNODE_SEQUENCE,
	YNODE_MAPPING,
	YNODE_ALIAS,
};

enum yscalar_style {
	YSTYLE_PLAIN,
	YSTYLE_SINGLE,      /* 'text' */
	YSTYLE_DOUBLE,      /* "text" */
	YSTYLE_LITERAL,     /* | */
	YSTYLE_FOLDED,      /* > */
};

struct ynode {
	enum ynode_type type;
	enum yscalar_style style;   /* scalars only */
	struct span at;             /* file bytes from libyaml's start mark to its end mark */
	const char *value;          /* a scalar's decoded value (may hold NUL: see len); "" */
	size_t len;
	const char *tag;            /* as libyaml reports it ("!reference"); NULL when none */
	struct ynode *child;        /* first item; a mapping's children alternate key, value */
	struct ynode *next;         /* next sibling */
	size_t n_children;
	bool incomplete;            /* a container a syntax error or a limit left open */
};

/* The documents of a stream, in order. */
struct ytree {
	struct ynode *docs;         /* each document's root, linked by next; NULL when empty */
	size_t n_docs;
};

/*
 * Reads @src. A syntax error, bad UTF-8 or a limit becomes one diagnostic at
 * its line and column; what was read before it stays in @out (containers
 * left open hold the items read so far). Nodes and strings live in @arena.
 * Returns 0 or ERR_NOMEM.
 */
int ytree_parse(struct ytree *out, struct arena *arena, struct diags *diags,
		struct source *src);

/* The value of key @key in mapping @map (first match), or NULL. */
const struct ynode *ytree_get(const struct ynode *map, const char *key);

/* True when @node is a scalar whose value is @s. */
bool ytree_is(const struct ynode *node, const char *s);

/*
 * The bytes of a scalar's text as written: the lines after the indicator of a
 * block scalar (| or >), the inside of the quotes of a quoted one, the whole
 * span of a plain one. Escapes and folding are not undone: the text is
 * read as written.
 */
struct span ytree_scalar_text(const struct ynode *node, struct sv text);

#endif
