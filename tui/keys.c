/*
 * Default key bindings (tig- and less-like) and the action table's names.
 */
#include "keys.h"
#include "config.h"

#include <stdio.h>

#include <curses.h>

#define CTRL(c) ((c) & 0x1f)

static const struct action_info {
	const char *name;
	const char *help;
} actions[] = {
#define X(id, name, help) { name, help },
	ACTIONS(X)
#undef X
};

static const struct binding default_keys[] = {
	{ 'j', ACT_MOVE_DOWN }, { KEY_DOWN, ACT_MOVE_DOWN },
	{ 'k', ACT_MOVE_UP }, { KEY_UP, ACT_MOVE_UP },
	{ KEY_NPAGE, ACT_PAGE_DOWN }, { CTRL('f'), ACT_PAGE_DOWN },
	{ KEY_PPAGE, ACT_PAGE_UP }, { CTRL('b'), ACT_PAGE_UP },
	{ 'g', ACT_MOVE_FIRST }, { KEY_HOME, ACT_MOVE_FIRST },
	{ 'G', ACT_MOVE_LAST }, { KEY_END, ACT_MOVE_LAST },
	{ '\n', ACT_TOGGLE_FOLD }, { KEY_ENTER, ACT_TOGGLE_FOLD }, { ' ', ACT_TOGGLE_FOLD },
	{ KEY_RIGHT, ACT_EXPAND },
	{ 'h', ACT_COLLAPSE }, { KEY_LEFT, ACT_COLLAPSE },
	{ 'n', ACT_NEXT_FLAG },
	{ 'N', ACT_PREV_FLAG },
	{ 'f', ACT_FLAGGED_ONLY },
	{ 's', ACT_MIN_SEVERITY },
	{ 'p', ACT_ECOSYSTEM },
	/* Not n/N: those step through flagged entries. */
	{ '/', ACT_SEARCH }, { CTRL('n'), ACT_SEARCH_NEXT }, { CTRL('p'), ACT_SEARCH_PREV },
	{ '+', ACT_EXPAND_ALL }, { '-', ACT_COLLAPSE_ALL },
	{ 'v', ACT_VIEW_FILE },
	{ 'e', ACT_EDIT },
	{ 'l', ACT_LESSON },
	{ 't', ACT_CYCLE_THEME },
	{ 'm', ACT_MARK_REVIEWED }, { 'a', ACT_ACCEPT }, { 'u', ACT_UNMARK },
	{ 'R', ACT_SKIP_REVIEWED }, { 'S', ACT_STALE },
	{ 27, ACT_CLOSE },
	{ '\t', ACT_FOCUS_NEXT },
	{ CTRL('l'), ACT_REDRAW },
	{ '?', ACT_HELP },
	{ 'q', ACT_QUIT },
};

const char *
action_name(enum action act)
{
	return act >= 0 && act < ACT_COUNT ? actions[act].name : "none";
}

const char *
action_help(enum action act)
{
	return act >= 0 && act < ACT_COUNT ? actions[act].help : "";
}

enum action
keys_lookup(int key)
{
	if (key == '\r')
		key = '\n';
	for (size_t i = 0; i < sizeof(default_keys) / sizeof(default_keys[0]); i++)
		if (default_keys[i].key == key)
			return default_keys[i].action;
	return ACT_NONE;
}

enum action
keys_lookup_with(const struct config_key *over, size_t n, int key)
{
	for (size_t i = 0; over && i < n; i++)
		if (over[i].key == (key == '\r' ? '\n' : key))
			return over[i].action;
	return keys_lookup(key);
}

const struct binding *
keys_table(size_t *count)
{
	*count = sizeof(default_keys) / sizeof(default_keys[0]);
	return default_keys;
}

const char *
keys_name(int key, char *buf, size_t size)
{
	static const struct {
		int key;
		const char *name;
	} names[] = {
		{ KEY_DOWN, "Down" }, { KEY_UP, "Up" }, { KEY_LEFT, "Left" }, { KEY_RIGHT, "Right" },
		{ KEY_NPAGE, "PgDn" }, { KEY_PPAGE, "PgUp" }, { KEY_HOME, "Home" },
		{ KEY_END, "End" }, { KEY_ENTER, "Enter" }, { '\n', "Enter" }, { ' ', "Space" },
		{ '\t', "Tab" }, { 27, "Esc" },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (names[i].key == key) {
			snprintf(buf, size, "%s", names[i].name);
			return buf;
		}
	}
	if (key > 0 && key < 0x20)
		snprintf(buf, size, "Ctrl-%c", key + 'A' - 1);
	else if (key > 0x20 && key < 0x7f)
		snprintf(buf, size, "%c", key);
	else
		snprintf(buf, size, "key %d", key);
	return buf;
}
