/*
 * The screen while a scan runs: it appears at once, says how many files were
 * read and how many declarations found (redrawn at most every 50 ms), and q
 * or Esc cancels. Then the audit screen takes over the same terminal.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "deputy/diag.h"
#include "deputy/scan.h"
#include "app.h"
#include "draw.h"
#include "tui.h"

struct scanning {
	const char *path;
	struct timespec last;
	bool cancelled;
};

static long
ms_since(const struct timespec *then)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - then->tv_sec) * 1000 + (now.tv_nsec - then->tv_nsec) / 1000000;
}

static void
draw_progress(const struct scanning *s, size_t files, size_t decls)
{
	char line[160];
	int y = LINES / 2 - 1;

	erase();
	move(y > 0 ? y : 0, 2);
	draw_cstr(stdscr, "Scanning ", COLS - 4, A_BOLD);
	draw_cstr(stdscr, s->path, COLS - 13, A_BOLD);     /* the user's own path, sanitised */
	snprintf(line, sizeof(line), "%zu dependency files read, %zu declarations found", files,
		 decls);
	mvaddnstr(y + 1 > 0 ? y + 1 : 1, 2, line, COLS - 4);
	mvaddnstr(y + 3 > 0 ? y + 3 : 3, 2, "q or Esc cancels", COLS - 4);
	refresh();
}

static int
on_progress(size_t files, size_t decls, void *payload)
{
	struct scanning *s = payload;
	int key;

	if (ms_since(&s->last) >= 50) {
		draw_progress(s, files, decls);
		clock_gettime(CLOCK_MONOTONIC, &s->last);
	}
	while ((key = getch()) != ERR)
		if (key == 'q' || key == 'Q' || key == 27)
			s->cancelled = true;
	return s->cancelled;
}

int
tui_audit(const char *path, const struct scan_opts *sopts, const struct tui_opts *opts,
	  char *err, size_t err_size)
{
	struct scanning s = { path, { 0, 0 }, false };
	struct scan_opts o = *sopts;
	struct scan *scan = NULL;
	SCREEN *screen = tui_screen_start();
	int rc;

	if (!screen) {
		snprintf(err, err_size, "the audit screen needs a terminal");
		return ERR_IO;
	}
	nodelay(stdscr, TRUE);
	draw_progress(&s, 0, 0);
	clock_gettime(CLOCK_MONOTONIC, &s.last);
	o.progress = on_progress;
	o.payload = &s;
	rc = scan_run(&scan, path, &o, err, err_size);
	nodelay(stdscr, FALSE);
	if (rc != 0 || s.cancelled) {
		tui_screen_end(screen);
		scan_free(scan);
		return rc != 0 ? rc : 1;
	}
	rc = tui_run_on(screen, scan, opts);
	scan_free(scan);
	if (rc)
		snprintf(err, err_size, "the audit screen failed: %s", err_str(rc));
	return rc;
}
