/*
 * The interactive audit screen: what tui/main.c calls once a scan is done.
 */
#ifndef DEPUTY_TUI_TUI_H
#define DEPUTY_TUI_TUI_H

#include <stdbool.h>

#include <stddef.h>

struct scan;
struct config_key;

struct tui_opts {
	const char *theme;       /* NULL: default; a name in themes/ or a path to a .json file */
	bool demo;               /* opened by --demo: say so in the status line */
	bool ascii;              /* --ascii: ASCII line drawing even in a UTF-8 locale */
	/* The configuration file's start-up filters and key overrides (config.h). */
	int min_severity;        /* hide rows below this severity; -1: none */
	int ecosystem;           /* 0 all, 1 Python, 2 R (enum tree_eco) */
	bool flagged_only;
	const struct config_key *keys;   /* checked before the default keys; borrowed */
	size_t n_keys;
};

#define TUI_OPTS_INIT { NULL, false, false, -1, 0, false, NULL, 0 }

/*
 * Runs the audit screen on a finished scan until the user quits. Returns 0,
 * or a negative ERR_* code: ERR_IO when standard input or output is not a
 * terminal or the terminal cannot be set up (nothing is printed: the caller
 * says why), ERR_NOMEM. @scan is only read; @opts may be NULL.
 */
int tui_run(const struct scan *scan, const struct tui_opts *opts);

struct scan_opts;

/*
 * The audit screen of the repository at @path, scanned with @sopts while the
 * screen shows how far the scan has come (files read, declarations found);
 * q or Esc cancels it. 0 after the user quits, 1 when the scan was
 * cancelled, else a negative ERR_* code with a message in @err (the scan's
 * own, or ERR_IO when the terminal cannot be used).
 */
int tui_audit(const char *path, const struct scan_opts *sopts, const struct tui_opts *opts,
	      char *err, size_t err_size);

#endif
