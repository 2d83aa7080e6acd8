/*
 * PEP 440 version specifiers for marker comparisons: whether "op" + a right
 * side is a specifier packaging would accept, and whether a version meets it.
 */
#ifndef DEPUTY_RESOLVE_PEP440_H
#define DEPUTY_RESOLVE_PEP440_H

#include <stdbool.h>
#include <stddef.h>

#include "deputy/sv.h"

/*
 * Whether @op + @rhs is a valid packaging Specifier, as its regex reads it
 * (the operator alternatives in the regex's order: "<" + "=3" is "<=3").
 * Sets *@op_out (static) and *@version (the trimmed version, in @buf of
 * @size bytes) when it is.
 */
bool pep440_spec_parse(const char **op_out, struct sv *version, const char *op, struct sv rhs,
		       char *buf, size_t size);

/* Whether @lhs meets the specifier @op @version (from pep440_spec_parse). */
bool pep440_spec_contains(const char *op, struct sv version, struct sv lhs);

#endif
