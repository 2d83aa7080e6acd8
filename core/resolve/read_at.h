/* Reading one small file of an installed package, never through a link. */
#ifndef DEPUTY_RESOLVE_READ_AT_H
#define DEPUTY_RESOLVE_READ_AT_H

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

#endif
