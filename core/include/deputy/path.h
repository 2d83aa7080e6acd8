/* Paths inside a snapshot: '/' separated, relative to the root, never leaving it. */
#ifndef DEPUTY_DEPUTY_PATH_H
#define DEPUTY_DEPUTY_PATH_H

#include "deputy/arena.h"

/*
 * Resolves @rel (as written in the file @from, e.g. "../base.txt") against
 * @from's folder and normalises "." and ".." lexically. The result, in
 * @arena, is relative to the root. Returns 0, ERR_OUTSIDE when @rel is
 * absolute or climbs above the root, ERR_USAGE for an empty path or one
 * holding NUL, ERR_NOMEM.
 */
int path_resolve(char **out, struct arena *arena, const char *from, const char *rel);

#endif
