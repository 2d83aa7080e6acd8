/*
 * Debian Control File format, as R uses it for DESCRIPTION and CRAN's
 * PACKAGES (R's read.dcf(); Debian Policy 5.1): "Field: value" records
 * separated by blank lines, continuation lines starting with white space.
 */
#ifndef DEPUTY_LEX_DCF_H
#define DEPUTY_LEX_DCF_H

#include <stddef.h>

#include "deputy/arena.h"
#include "deputy/diag.h"
#include "deputy/sv.h"

/* A run of value bytes copied unchanged from the source. */
struct dcf_piece {
	size_t value_at;         /* offset in dcf_field.value */
	size_t src_at;           /* offset in the source */
	size_t len;
};

struct dcf_field {
	struct sv name;          /* borrowed from the source */
	const char *value;       /* continuation lines joined (R's read.dcf rules), in the arena */
	size_t value_len;        /* the value may hold NUL bytes */
	struct span at;          /* the whole field in the source */
	struct span value_at;    /* where the value starts .. ends in the source */
	size_t record;           /* 0-based record index */
	const struct dcf_piece *pieces;  /* n_pieces runs, in order, in the arena */
	size_t n_pieces;
};

/* Called for each field in order; return non-zero to stop. A field that
 * appears twice in a record is passed twice (read.dcf keeps the last). */
typedef int (*dcf_field_fn)(const struct dcf_field *field, void *payload);

/* Reads @src; malformed lines become diagnostics. Returns 0, the callback's
 * non-zero value, or ERR_NOMEM. */
int dcf_parse(struct source *src, struct arena *arena, struct diags *diags,
	      dcf_field_fn fn, void *payload);

/* The source offset of byte @offset of @field's value: inside a copied run,
 * the matching source byte; on a newline that joins lines, the end of the
 * run before it. */
size_t dcf_source_offset(const struct dcf_field *field, size_t offset);

#endif
