/*
 * What deputy writes on stdout and stderr outside the audit screen: as it is
 * in a UTF-8 locale, in ASCII otherwise (escape_ascii()), where the screen
 * draws ASCII too. In an 8-bit locale a terminal may take the bytes 0x80 to
 * 0x9f inside UTF-8 for C1 controls.
 */
#ifndef DEPUTY_TUI_OUTPUT_H
#define DEPUTY_TUI_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

/*
 * Calls @write(@to, @arg); outside a UTF-8 locale with a stream in memory
 * instead, whose text then goes to @to in ASCII (@json: the text is JSON).
 * Returns what @write returned, else ERR_NOMEM or ERR_IO.
 */
int output_with(FILE *to, bool json, int (*write)(FILE *out, const void *arg), const void *arg);

/* "deputy: " and @text on @to, escaped (escape_text()), in ASCII outside a UTF-8 locale. */
void output_line(FILE *to, const char *text);

#endif
