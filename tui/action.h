/*
 * Every action the audit screen knows, declared once: its config name and
 * help text feed the key table, the help overlay and the README alike.
 */
#ifndef DEPUTY_TUI_ACTION_H
#define DEPUTY_TUI_ACTION_H

#define ACTIONS(X) \
	X(MOVE_DOWN,      "move-down",           "Move down one line (detail pane: scroll)") \
	X(MOVE_UP,        "move-up",             "Move up one line (detail pane: scroll)")   \
	X(PAGE_DOWN,      "move-page-down",      "Move down one page")                       \
	X(PAGE_UP,        "move-page-up",        "Move up one page")                         \
	X(MOVE_FIRST,     "move-first-line",     "Go to the first line")                     \
	X(MOVE_LAST,      "move-last-line",      "Go to the last line")                      \
	X(TOGGLE_FOLD,    "toggle-fold",         "Expand or collapse the row (a leaf: its parent)") \
	X(EXPAND,         "expand",              "Expand the selected row")                  \
	X(COLLAPSE,       "collapse",            "Collapse the row (a leaf: its parent)")    \
	X(NEXT_FLAG,      "next-flag",           "Jump to the next flagged entry")           \
	X(PREV_FLAG,      "previous-flag",       "Jump to the previous flagged entry")       \
	X(FLAGGED_ONLY,   "toggle-flagged-only", "Show flagged entries only, or everything") \
	X(FOCUS_NEXT,     "view-next",           "Move focus between tree and detail pane")  \
	X(REDRAW,         "screen-redraw",       "Redraw the screen")                        \
	X(HELP,           "help",                "List every key (again to close)")          \
	X(QUIT,           "quit",                "Leave deputy (in help: close help)")       \
	X(MIN_SEVERITY,   "cycle-min-severity",  "Hide entries below a severity (cycles)") \
	X(ECOSYSTEM,      "cycle-ecosystem",     "Show all, Python or R entries (cycles)")   \
	X(SEARCH,         "search",              "Search names, files and rule ids") \
	X(SEARCH_NEXT,    "search-next",         "Jump to the next search match")            \
	X(SEARCH_PREV,    "search-previous",     "Jump to the previous search match")        \
	X(EXPAND_ALL,     "expand-all",          "Expand every row")                         \
	X(COLLAPSE_ALL,   "collapse-all",        "Collapse every row to its file")           \
	X(VIEW_FILE,      "view-file",           "Show the whole declaring file, line marked") \
	X(EDIT,           "edit",                "Open $VISUAL/$EDITOR at the line (working tree)") \
	X(LESSON,         "lesson",              "The lesson of the selected finding's rule") \
	X(CYCLE_THEME,    "cycle-theme",         "Switch to the next built-in theme")        \
	X(CLOSE,          "close",               "Close the open view, prompt or overlay")   \
	X(MARK_REVIEWED,  "mark-reviewed",       "Mark the entry's findings reviewed")       \
	X(ACCEPT,         "accept",              "Accept them, with a reason you type")      \
	X(UNMARK,         "unmark",              "Take the entry's review decision back")    \
	X(SKIP_REVIEWED,  "toggle-skip-reviewed", "n/N skip reviewed entries, or stop there") \
	X(STALE,          "stale-decisions",     "Decisions that match no finding (u u removes)")

enum action {
#define X(id, name, help) ACT_##id,
	ACTIONS(X)
#undef X
	ACT_COUNT,
	ACT_NONE = -1,
};

/* What a handler asks the main loop to do; only the main loop draws. */
enum reaction {
	REACT_NONE = 0,
	REACT_REDRAW = 1 << 0,     /* draw the screen again */
	REACT_SELECT = 1 << 1,     /* the selected entry changed: rebuild the detail */
	REACT_LAYOUT = 1 << 2,     /* sizes changed: recreate the windows */
	REACT_QUIT = 1 << 3,
	REACT_UNHANDLED = 1 << 4,  /* not this view's action: offer it to the next */
};

/* "move-down", ...; static strings. */
const char *action_name(enum action act);
const char *action_help(enum action act);

#endif
