/*
 * Shell commands for the unit tests that build fixtures with git and
 * coreutils (tests/unit/remote, tests/unit/fetch).
 */
#ifndef DEPUTY_TESTS_SH_H
#define DEPUTY_TESTS_SH_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

/* Runs the shell command made from @fmt; system()'s status (0 when it exits with 0). */
static inline int __attribute__((format(printf, 1, 2)))
sh(const char *fmt, ...)
{
	char cmd[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	return system(cmd);
}

#endif
