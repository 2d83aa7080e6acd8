/* Paths inside a snapshot: '/' separated, relative to the root, never leaving it. */
#ifndef DEPUTY_DEPUTY_PATH_H
#define DEPUTY_DEPUTY_PATH_H

#include "deputy/arena.h"
#include "deputy/sv.h"

/*
 * Resolves @rel (as written in the file @from, e.g. "../base.txt") against
 * @from's folder and normalises "." and ".." lexically. The result, in
 * @arena, is relative to the root. Returns 0, ERR_OUTSIDE when @rel is
 * absolute or climbs above the root, ERR_USAGE for an empty path or one
 * holding NUL, ERR_NOMEM.
 */
int path_resolve(char **out, struct arena *arena, const char *from, const char *rel);

/*
 * The same against the folder @dir itself (relative to the root; NULL or ""
 * the root; an absolute @dir is ERR_OUTSIDE): a CI job's commands run in the
 * checkout's root or its working-directory, not beside the CI file.
 */
int path_resolve_in(char **out, struct arena *arena, const char *dir, const char *rel);

/*
 * @path inside a container image: absolute, or relative to the image folder
 * @dir (from the root, without its '/'); normalised the same way, except that
 * ".." at the root stays there. The result has no leading '/' ("" the root).
 * Returns 0 or ERR_NOMEM.
 */
int path_image_join(char **out, struct arena *arena, const char *dir, struct sv path);

#endif
