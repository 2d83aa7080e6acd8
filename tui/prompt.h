/*
 * The search prompt on the status line (`/`): keys typed while it is open
 * are text; the cursor follows the first match as the query grows.
 */
#ifndef DEPUTY_TUI_PROMPT_H
#define DEPUTY_TUI_PROMPT_H

struct app;

/* Opens the prompt with an empty query; REACT_* bits. */
int prompt_open(struct app *app);
/* Handles @key while the prompt is open; REACT_* bits. */
int prompt_key(struct app *app, int key);

#endif
