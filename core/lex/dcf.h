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

struct dcf_field {
	struct sv name;          /* borrowed from the source */
	const char *value;       /* continuation lines joined (R's read.dcf rules), in the arena */
	struct span at;          /* the whole field in the source */
	struct span value_at;    /* where the value starts .. ends in the source */
	size_t record;           /* 0-based record index */
};

/* Called for each field in order; return non-zero to stop. */
typedef int (*dcf_field_fn)(const struct dcf_field *field, void *payload);

/* Reads @src; malformed lines become diagnostics. Returns 0, the callback's
 * non-zero value, or ERR_NOMEM. */
int dcf_parse(const struct source *src, struct arena *arena, struct diags *diags,
	      dcf_field_fn fn, void *payload);

#endif
