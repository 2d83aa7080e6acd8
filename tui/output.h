/*
 * What deputy writes on stdout and stderr outside the audit screen: as it is
 * in a UTF-8 locale, in ASCII otherwise (escape_ascii()), where the screen
 * draws ASCII too. In an 8-bit locale a terminal may take the bytes 0x80 to
 * 0x9f inside UTF-8 for C1 controls.
 */
#ifndef DEPUTY_TUI_OUTPUT_H
#define DEPUTY_TUI_OUTPUT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

/* Whether deputy's output is ASCII only: the locale is not UTF-8 (the screen's too, and with --ascii). */
bool output_ascii(void);

/*
 * Calls @write(@to, @arg); outside a UTF-8 locale through a stream that
 * converts the text to ASCII on its way to @to, as it is written (@json:
 * the text is JSON). Returns what @write returned, else ERR_NOMEM or ERR_IO.
 */
int output_with(FILE *to, bool json, int (*write)(FILE *out, const void *arg), const void *arg);

/*
 * "deputy: ", the formatted text and a newline on @to, the text escaped
 * (escape_text(): its arguments may come from a repository) and in ASCII
 * outside a UTF-8 locale.
 */
void output_vsay(FILE *to, const char *fmt, va_list ap);
void output_say(FILE *to, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
