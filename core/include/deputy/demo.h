/*
 * The built-in teaching repository for `deputy --demo`: a small git history,
 * made with libgit2 in a temporary folder, holding the 2017 PyPI look-alikes
 * among clean entries.
 */
#ifndef DEPUTY_DEPUTY_DEMO_H
#define DEPUTY_DEPUTY_DEMO_H

/*
 * Creates the demo repository in a new folder under $TMPDIR (or /tmp).
 * On success *@out is the folder's path (heap; the caller frees it with
 * free() after demo_remove()). Returns 0, ERR_IO or ERR_GIT, ERR_NOMEM.
 */
int demo_create(char **out);

/* Removes the folder demo_create() made, without following links. 0 or ERR_IO. */
int demo_remove(const char *dir);

#endif
