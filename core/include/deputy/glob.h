/* Shell-style name patterns, as .dockerignore, COPY sources and file names use them. */
#ifndef DEPUTY_DEPUTY_GLOB_H
#define DEPUTY_DEPUTY_GLOB_H

#include <stdbool.h>

/*
 * @name matches @pat: '*' any run of bytes, '?' one byte, "[a-z]" / "[!a-z]"
 * (or "[^...]") one byte of (not of) a set, '\' takes the next byte as it is
 * (a final lone '\' matches nothing); an unclosed '[' is itself. Bytes, not characters: no locale. Time
 * O(len(pat) * len(name)) at worst, whatever the pattern.
 */
bool glob_match(const char *pat, const char *name);

#endif
