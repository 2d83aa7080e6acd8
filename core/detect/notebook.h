/*
 * The shell lines of a Jupyter notebook's code cells, gathered into one
 * buffer with a map back to the notebook's bytes, so that tests can see
 * what is handed to the shell-command reader.
 */
#ifndef DEPUTY_DETECT_NOTEBOOK_H
#define DEPUTY_DETECT_NOTEBOOK_H

#include <stddef.h>

#include "deputy/diag.h"
#include "detect/detect.h"

/* A larger notebook (outputs, images) is not read: one diagnostic says so. */
#define NOTEBOOK_MAX_BYTES (16u << 20)

struct notebook_shell {
	char *text;              /* shell lines, each ending in '\n', in the arena */
	size_t len;
	size_t *map;             /* len + 1 offsets into the notebook's bytes (heap) */
	size_t n_lines;
};

/*
 * Reads @src (JSON, nbformat 4) and gathers the shell text of its code
 * cells: `!command` lines, `%pip ...` lines (as `pip ...`) and the body of
 * `%%bash`/`%%sh` cells. Bad JSON or a notebook over the size limit is one
 * diagnostic in @out->diags and an empty result. Returns 0 or ERR_NOMEM.
 */
int notebook_shell_gather(struct notebook_shell *sh, struct detect_out *out,
			  struct source *src);
void notebook_shell_release(struct notebook_shell *sh);

#endif
