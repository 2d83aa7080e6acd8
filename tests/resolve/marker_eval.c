/*
 * Reads one PEP 508 marker a line from stdin and prints "true", "false" or
 * "error" for each, evaluated for CPython 3.8.10 on x86_64 Linux
 * (marker_diff.py compares the answers with packaging's).
 */
#include <stdio.h>
#include <string.h>

#include "resolve/marker.h"

int
main(void)
{
	static char line[1 << 16];
	struct marker_env env;

	marker_env_init_linux(&env, "3.8", "3.8.10");
	while (fgets(line, sizeof(line), stdin)) {
		size_t len = strcspn(line, "\n");
		bool value;
		char why[160];
		int rc = marker_evaluate(&value, &env, sv_make(line, len), why, sizeof(why));
		puts(rc ? "error" : value ? "true" : "false");
	}
	return 0;
}
