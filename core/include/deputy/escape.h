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

/*
 * Appends @s, text about to be written outside a UTF-8 locale, in ASCII
 * only: there a terminal may take the bytes 0x80 to 0x9f inside UTF-8 for
 * C1 controls (0x9b is CSI). ASCII bytes are copied as they are (escape
 * repository text with escape_text() first); every other character becomes
 * "\u{XXXX}" (write deputy's own signs in ASCII before: a repository's
 * "→" must not read as deputy's "->") and a byte that is not UTF-8 "\xNN".
 * @json: @s is JSON, whose non-ASCII bytes are all inside strings: each
 * character becomes a \uXXXX escape (a surrogate pair beyond U+FFFF) and
 * reads back the same; a byte that is not UTF-8 becomes \ufffd.
 * Returns 0 or ERR_NOMEM.
 */
int escape_ascii(struct strbuf *out, struct sv s, bool json);

#endif
