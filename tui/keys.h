/*
 * The one key table: keys map to actions, views never see raw keys. The help
 * overlay reads the same table, so it cannot drift from the code.
 */
#ifndef DEPUTY_TUI_KEYS_H
#define DEPUTY_TUI_KEYS_H

#include <stddef.h>

#include "action.h"

struct binding {
	int key;               /* a character or an ncurses KEY_* code */
	enum action action;
};

/* The action bound to @key, or ACT_NONE. */
enum action keys_lookup(int key);
/* The same, the configuration's overrides (@n of them, may be NULL) first. */
struct config_key;
enum action keys_lookup_with(const struct config_key *over, size_t n, int key);
/* The bindings, in table order. */
const struct binding *keys_table(size_t *count);
/* A readable name for @key ("j", "Down", "PgDn", "Ctrl-L") in @buf. */
const char *keys_name(int key, char *buf, size_t size);

#endif
