/* Reading the files of installed packages: small files never through a link, folders sorted. */
#ifndef DEPUTY_RESOLVE_READ_AT_H
#define DEPUTY_RESOLVE_READ_AT_H

#include <stdbool.h>
#include <stddef.h>

#include "deputy/arena.h"
#include "deputy/diag.h"
#include "deputy/sv.h"

/*
 * Reads the regular file @name in the folder open as @dir_fd into @arena
 * (NUL-terminated), opening it without following a symbolic link and only
 * when it is at most @max bytes. 0 with *@text set; ERR_NOTFOUND when it does
 * not exist; 1 when it is skipped, with a warning on @path (a link, not a
 * regular file, too large, unreadable); ERR_NOMEM.
 */
int read_at(struct sv *text, struct arena *arena, struct diags *diags, int dir_fd,
	    const char *name, const char *path, size_t max);

/*
 * The names in the folder open as @dir_fd (which stays open) for which @keep
 * returns true, sorted, into *@names (heap: free with dir_names_free()).
 * 0, ERR_NOTFOUND when it cannot be listed, or ERR_NOMEM.
 */
int dir_names(char ***names, size_t *n, int dir_fd, bool (*keep)(const char *name));
void dir_names_free(char **names, size_t n);

#endif
