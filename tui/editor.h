/*
 * e: the user's editor at the selected line, with the screen handed over
 * and restored after.
 */
#ifndef DEPUTY_TUI_EDITOR_H
#define DEPUTY_TUI_EDITOR_H

struct app;

/*
 * Runs $VISUAL, else $EDITOR, else vi, as `EDITOR +LINE /abs/path` (no shell:
 * the variable is split at blanks into a program and its arguments) when the
 * scan is of the working tree; otherwise says why not. REACT_* bits.
 */
int editor_open(struct app *app);

#endif
