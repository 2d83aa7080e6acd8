/*
 * PEP 508 environment markers evaluated for a known environment, the way
 * pip's vendored packaging 21.3 evaluates them (Marker.evaluate), with the
 * PEP 440 version comparisons its Specifier makes.
 */
#ifndef DEPUTY_RESOLVE_MARKER_H
#define DEPUTY_RESOLVE_MARKER_H

#include <stdbool.h>
#include <stddef.h>

#include "deputy/sv.h"

/* Longer markers and deeper parentheses are refused with ERR_LIMIT. */
#define MARKER_MAX_LEN 65536
#define MARKER_MAX_DEPTH 64

/* The values of the marker variables (borrowed C strings; NULL: undefined). */
struct marker_env {
	const char *implementation_name;
	const char *implementation_version;
	const char *os_name;
	const char *platform_machine;
	const char *platform_python_implementation;
	const char *platform_release;
	const char *platform_system;
	const char *platform_version;
	const char *python_full_version;
	const char *python_version;
	const char *sys_platform;
	const char *extra;
};

/*
 * CPython on x86_64 Linux with @python_version ("3.8") and
 * @python_full_version ("3.8.10"), both borrowed; extra is "" so that
 * 'extra == "x"' is false; platform_release and platform_version are "".
 */
void marker_env_init_linux(struct marker_env *env, const char *python_version,
			   const char *python_full_version);

/*
 * Evaluates the marker @text in @env into *out. Every comparison is made, as
 * packaging does, so an undefined one anywhere fails the whole marker.
 * Returns 0; ERR_SYNTAX when @text is not a marker or a comparison is
 * undefined (~= or === on strings, an unknown variable); ERR_LIMIT. On
 * failure @why (of @why_size bytes, may be NULL) says why, in lower case.
 */
int marker_evaluate(bool *out, const struct marker_env *env, struct sv text,
		    char *why, size_t why_size);

#endif
