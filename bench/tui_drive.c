/*
 * tui_drive: the audit screen driven without a terminal, for bench/tui.py.
 *
 *   tui_drive PATH KEYS
 *
 * Scans PATH, then runs the audit screen itself (tui_run_on(), the loop
 * `deputy PATH` runs) on a virtual screen: ncurses writing a 200x50
 * xterm-256color screen to /dev/null and reading its keys from the file KEYS
 * (raw bytes, as a terminal sends them; the file should end with "q").
 * ncurses' typeahead check is off, so every key's screen is computed and
 * written out in full, as on an idle terminal. Prints one line:
 *
 *   declarations D findings F seconds S
 *
 * S is the screen's whole run (start-up, every key, quitting), the scan not
 * included: bench/tui.py runs it with and without the keys and divides the
 * difference by their number. Exits 1 on a failed scan or screen.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <curses.h>

#include "app.h"
#include "deputy/scan.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	struct scan_opts sopts = SCAN_OPTS_INIT;
	struct tui_opts topts = TUI_OPTS_INIT;
	struct scan *scan = NULL;
	char err[512] = "";
	FILE *keys, *out;
	SCREEN *screen;
	double start, seconds;
	int rc;

	if (argc != 3) {
		fprintf(stderr, "usage: tui_drive PATH KEYS\n");
		return 2;
	}
	if (scan_run(&scan, argv[1], &sopts, err, sizeof(err)) < 0) {
		fprintf(stderr, "tui_drive: %s\n", err);
		return 1;
	}
	keys = fopen(argv[2], "r");
	out = fopen("/dev/null", "w");
	if (!keys || !out) {
		fprintf(stderr, "tui_drive: cannot open %s or /dev/null\n", argv[2]);
		return 1;
	}
	/* With no terminal to ask, ncurses takes the size from the environment. */
	setenv("LINES", "50", 1);
	setenv("COLUMNS", "200", 1);
	screen = newterm("xterm-256color", out, keys);
	if (!screen) {
		fprintf(stderr, "tui_drive: no xterm-256color terminal description\n");
		return 1;
	}
	set_term(screen);
	typeahead(-1);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	start = now();
	rc = tui_run_on(screen, scan, &topts);     /* ends the screen */
	seconds = now() - start;
	printf("declarations %zu findings %zu seconds %.6f\n", scan_dep_count(scan),
	       scan_finding_count(scan), seconds);
	scan_free(scan);
	fclose(keys);
	fclose(out);
	return rc < 0 ? 1 : 0;
}
