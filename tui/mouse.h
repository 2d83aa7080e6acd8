/*
 * The mouse, where the terminal reports it: a click selects a tree row (or
 * focuses the detail pane), the wheel scrolls what is under the pointer.
 */
#ifndef DEPUTY_TUI_MOUSE_H
#define DEPUTY_TUI_MOUSE_H

struct app;

/* Asks the terminal for clicks and wheel events (nothing when it has no mouse). */
void mouse_start(void);
/* Reads the pending KEY_MOUSE event and acts on it; REACT_* bits. */
int mouse_event(struct app *app);

#endif
