/*
 * Python's str methods on UTF-8 bytes, for readers that must split and strip
 * text exactly as a Python reference does: str.isspace() (which is also the
 * re module's \s), str.strip() and the line boundaries of str.splitlines().
 * A byte that is not valid UTF-8 counts as one character that is neither.
 */
#ifndef DEPUTY_LEX_PYSTR_H
#define DEPUTY_LEX_PYSTR_H

#include <stddef.h>

#include "deputy/sv.h"

/* Bytes of the white space character @s starts with; 0 when it starts with none. */
size_t pystr_space_len(struct sv s);
/* Bytes of the white space character @s ends with; 0 when it ends with none. */
size_t pystr_space_len_before(struct sv s);
/*
 * Bytes of the str.splitlines() boundary @s starts with ("\r\n" is one; \n \r
 * \v \f \x1c \x1d \x1e U+0085 U+2028 U+2029 the others); 0 when none.
 */
size_t pystr_break_len(struct sv s);
/* Bytes of the last character of @s (1 to 4; 0 for the empty view). */
size_t pystr_last_len(struct sv s);

/*
 * str.strip(): @s without white space at either end. *@skipped (when not
 * NULL) gets the number of bytes cut at the start.
 */
struct sv pystr_strip(struct sv s, size_t *skipped);
/* The number of characters (code points) of white space @s starts with. */
size_t pystr_indent(struct sv s);

#endif
