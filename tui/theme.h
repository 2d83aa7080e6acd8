/*
 * Colours and attributes for each screen element, read from a JSON theme
 * (the .json files in themes/; format and elements in docs/themes.md).
 */
#ifndef DEPUTY_TUI_THEME_H
#define DEPUTY_TUI_THEME_H

#include <stdbool.h>
#include <stddef.h>

#include <curses.h>

#include "deputy/rule.h"

/*
 * Element id, JSON name, attributes used without colours (NO_COLOR, or a
 * terminal without colours). What each element is for: docs/themes.md.
 */
#define THEME_ELEMENTS(X) \
	X(TREE,      "tree",      A_NORMAL)             \
	X(FILE,      "file",      A_BOLD)               \
	X(SKIPPED,   "skipped",   A_DIM)                \
	X(SELECTION, "selection", A_REVERSE)            \
	X(SEARCH,    "search",    A_BOLD | A_UNDERLINE) \
	X(CRITICAL,  "critical",  A_REVERSE | A_BOLD)   \
	X(HIGH,      "high",      A_BOLD)               \
	X(MEDIUM,    "medium",    A_BOLD)               \
	X(LOW,       "low",       A_NORMAL)             \
	X(INFO,      "info",      A_DIM)                \
	X(HEADING,   "heading",   A_BOLD | A_UNDERLINE) \
	X(TEXT,      "text",      A_NORMAL)             \
	X(MUTED,     "muted",     A_DIM)                \
	X(CODE,      "code",      A_NORMAL)             \
	X(MARK,      "mark",      A_BOLD | A_UNDERLINE) \
	X(LINE_MARK, "line-mark", A_REVERSE)            \
	X(BORDER,    "border",    A_NORMAL)             \
	X(TITLE,     "title",     A_BOLD)               \
	X(TITLE_FOCUS, "title-focus", A_REVERSE)        \
	X(STATUS,    "status",    A_REVERSE)            \
	X(MESSAGE,   "message",   A_REVERSE | A_BOLD)   \
	X(HELP,      "help",      A_NORMAL)             \
	X(HELP_KEY,  "help-key",  A_BOLD)

enum element {
#define X(id, name, mono) EL_##id,
	THEME_ELEMENTS(X)
#undef X
	EL_COUNT,
};

struct theme;

/*
 * Loads the theme @name (NULL: "default"; a name in the themes folder, or a
 * path to a .json file) and sets up colour pairs; call after the screen is
 * started. Never fails for bad input: a malformed or missing theme falls
 * back to the built-in default, and *@message (if not NULL) receives a
 * heap string naming the file and the problem (free() it), else NULL.
 * Without colours (NO_COLOR set, or has_colors() false) every element uses
 * plain attributes. NULL only when out of memory.
 */
struct theme *theme_new(const char *name, char **message);
void theme_free(struct theme *theme);

/* The themes deputy ships, in the order `t` cycles through them ("default" first). */
const char *const *theme_builtin_names(size_t *count);

/* The attributes (colour pair included) of @el. */
attr_t theme_attr(const struct theme *theme, enum element el);
/* The element for severity @sev. */
enum element theme_severity_element(enum severity sev);

/*
 * Parses a theme document @json into attribute values without touching the
 * screen (the colour pairs are numbered 1 + element). 0, or ERR_SYNTAX with a
 * one-line reason in @err. Exposed for tests.
 */
struct theme_spec {
	short fg[EL_COUNT], bg[EL_COUNT];   /* -1: terminal default */
	attr_t attrs[EL_COUNT];
};
int theme_parse(struct theme_spec *out, const char *json, char *err, size_t err_size);

/*
 * The colour a terminal with @colors colours shows for @color (a number
 * 0-255 of the xterm 256-colour palette, or -1 for the terminal's default):
 * itself when the terminal has 256 colours, else the basic colour (of 16, or
 * of 8) nearest to it in RGB. -1 stays -1. Exposed for tests.
 */
short theme_map_color(short color, int colors);

#endif
