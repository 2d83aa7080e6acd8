/*
 * Making repository text safe to show. Every string from an audited
 * repository reaches a terminal or a text report through escape_text():
 * control bytes, C1 controls, bidi and other invisible format characters,
 * and invalid UTF-8 become visible escapes, so a package name holding an
 * escape sequence cannot change the terminal.
 */
#ifndef DEPUTY_DEPUTY_ESCAPE_H
#define DEPUTY_DEPUTY_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>

#include "deputy/strbuf.h"
#include "deputy/sv.h"

/*
 * Appends @s to @out with every unsafe character replaced by a visible
 * escape: "\e" for ESC, "\t" for TAB unless @keep_tab, "\xNN" for other
 * control bytes and invalid UTF-8 bytes, "\u{XXXX}" for C1 controls, bidi
 * controls and other invisible format characters. Valid printable UTF-8 is
 * copied as is. Returns 0 or ERR_NOMEM.
 */
int escape_text(struct strbuf *out, struct sv s, bool keep_tab);

/* True when escape_text() would copy @s unchanged. */
bool escape_is_safe(struct sv s, bool keep_tab);

#endif
