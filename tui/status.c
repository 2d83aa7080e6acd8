/*
 * The one status line: what is being audited, the counts by severity, where
 * the cursor is among the flagged entries, and the message of the moment
 * (a refused action says why here).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "deputy/sync.h"
#include "draw.h"

void
status_set(struct app *app, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(app->message, sizeof(app->message), fmt, ap);
	va_end(ap);
	app->message_is_error = error;
}

void
status_clear(struct app *app)
{
	app->message[0] = '\0';
	app->message_is_error = false;
}

/*
 * How old the intel is: the synced index when the scan used one ("intel 3d"),
 * else the bundled data ("bundled intel 40d": `deputy update` would help).
 */
static int
compose_intel(const struct app *app, char *buf, size_t size)
{
	const char *synced = scan_intel_synced(app->scan);
	int age = sync_age_days(synced ? synced : scan_intel_date(), (int64_t)time(NULL));

	if (age < 0)
		return 0;
	return snprintf(buf, size, " %sintel %dd |", synced ? "" : "bundled ", age);
}

/* The filters in force ("high+ R flagged |"), nothing when none. */
static int
compose_filters(const struct app *app, char *buf, size_t size)
{
	const struct tree *t = &app->tree;

	if (t->min_severity < 0 && t->eco == TREE_ECO_ALL && !t->flagged_only)
		return 0;
	return snprintf(buf, size, " %s%s%s%s%s%s |",
			t->min_severity >= 0 ? severity_str((enum severity)t->min_severity) : "",
			t->min_severity >= 0 ? "+" : "",
			t->min_severity >= 0 && t->eco != TREE_ECO_ALL ? " " : "",
			t->eco != TREE_ECO_ALL ? tree_eco_str(t->eco) : "",
			t->flagged_only && (t->min_severity >= 0 || t->eco != TREE_ECO_ALL) ? " " : "",
			t->flagged_only ? "flagged" : "");
}

/* How much of the right part to show: all, without the intel's age, the least. */
enum right_part { RIGHT_ALL, RIGHT_NO_INTEL, RIGHT_LEAST };

/*
 * Intel age, filters, review progress, counts and flag position,
 * right-aligned; @part leaves out the first, or keeps only the filters and
 * the position (beside a long message).
 */
static void
compose_right(const struct app *app, enum right_part part, char *buf, size_t size)
{
	size_t counts[SEV_COUNT], pos = tree_flag_position(&app->tree);
	size_t n = app->tree.n_flagged;
	int len = part == RIGHT_ALL ? compose_intel(app, buf, size) : 0;

	if (len < 0 || (size_t)len >= size)
		return;
	buf += len;
	size -= (size_t)len;
	len = compose_filters(app, buf, size);
	if (len < 0 || (size_t)len >= size)
		return;
	buf += len;
	size -= (size_t)len;
	len = part == RIGHT_LEAST ? 0 : review_ui_progress(app, buf, size);
	if (len < 0 || (size_t)len >= size)
		return;
	buf += len;
	size -= (size_t)len;
	scan_severity_counts(app->scan, counts);
	len = part == RIGHT_LEAST ? snprintf(buf, size, " ") :
		snprintf(buf, size, " C%zu H%zu M%zu L%zu i%zu | ", counts[SEV_CRITICAL],
			 counts[SEV_HIGH], counts[SEV_MEDIUM], counts[SEV_LOW], counts[SEV_INFO]);
	if (len < 0 || (size_t)len >= size)
		return;
	if (n == 0)
		snprintf(buf + len, size - (size_t)len, "nothing flagged ");
	else if (pos > 0)
		snprintf(buf + len, size - (size_t)len, "flag %zu of %zu ", pos, n);
	else
		snprintf(buf + len, size - (size_t)len, "%zu flagged ", n);
}

/* The repository, $HOME shown as ~, cut from the left to @width columns. */
static void
draw_root(WINDOW *win, const char *root, int width, attr_t attr)
{
	const char *home = getenv("HOME");
	struct sv s = sv_from_cstr(root);
	int x = 0;

	if (home && home[0] && strlen(home) > 1 && !strncmp(root, home, strlen(home)) &&
	    (root[strlen(home)] == '/' || root[strlen(home)] == '\0')) {
		x += draw_cstr(win, "~", width, attr);
		s = sv_tail(s, strlen(home));
	}
	if (draw_width(s) > width - x) {
		x += draw_cstr(win, draw_ellipsis(), width - x, attr);
		s = draw_keep_tail(s, width - x);
	}
	draw_text(win, s, width - x, attr);
}

/*
 * A prompt gets the whole line (the counts give way): @label, or
 * @short_label when the line is narrow, then what was typed, its end always
 * in view (cut from the left), the cursor and @after. The text is the user's
 * own, but it goes through draw_text() all the same.
 */
static void
draw_prompt(struct app *app, int width, const char *label, const char *short_label,
	    struct sv text, const char *after)
{
	WINDOW *win = app->status_win;
	attr_t msg = theme_attr(app->theme, EL_MESSAGE);
	int after_w = draw_width(sv_from_cstr(after));
	int room, x;

	if (draw_width(sv_from_cstr(label)) + draw_width(text) + 1 + after_w > width)
		label = short_label;
	x = draw_cstr(win, label, width, msg);
	room = width - x - 1 - after_w;
	if (room > 0 && draw_width(text) > room) {
		int cut = draw_cstr(win, draw_ellipsis(), room, msg);
		x += cut;
		text = draw_keep_tail(text, room - cut);
	}
	x += draw_text(win, text, width - x - 1 - after_w, msg);
	x += draw_cstr(win, "_", width - x, theme_attr(app->theme, EL_STATUS));
	draw_cstr(win, after, width - x, msg);
}

void
status_draw(struct app *app)
{
	WINDOW *win = app->status_win;
	attr_t attr = theme_attr(app->theme, EL_STATUS);
	int width = getmaxx(win), right_w, x = 0;
	char right[128];

	/* The intel's age gives way to a message, and to a narrow screen. */
	compose_right(app, app->message[0] ? RIGHT_NO_INTEL : RIGHT_ALL, right, sizeof(right));
	right_w = (int)strlen(right);
	if (right_w > width / 2) {
		compose_right(app, RIGHT_NO_INTEL, right, sizeof(right));
		right_w = (int)strlen(right);
	}
	werase(win);
	wmove(win, 0, 0);
	draw_fill(win, width, attr);
	wmove(win, 0, 0);
	if (app->reason.editing) {
		draw_prompt(app, width, " accept, reason (\"until YYYY-MM-DD\" to expire): ",
			    " reason: ", sv_make(app->reason.text, app->reason.len), "");
		return;
	} else if (app->search.editing) {
		draw_prompt(app, width, " /", " /", sv_make(app->search.text, app->search.len),
			    app->search.no_match ? " (no match)" : "");
		return;
	} else if (app->message[0]) {
		int msg_w = draw_width(sv_from_cstr(app->message)) + 2;

		/* Beside a long message the position stays, the counts give way; then all. */
		if (msg_w + right_w > width) {
			compose_right(app, RIGHT_LEAST, right, sizeof(right));
			right_w = (int)strlen(right);
		}
		if (msg_w + right_w > width)
			right_w = 0;
		x += draw_cstr(win, " ", width - right_w, theme_attr(app->theme, EL_MESSAGE));
		x += draw_cstr(win, app->message, width - right_w - x - 1,
			       theme_attr(app->theme, app->message_is_error ? EL_CRITICAL : EL_MESSAGE));
	} else {
		/* A plain folder has no history: say so, since blame will be empty. */
		const char *snap = app->opts.demo ? "demo" :
			!scan_is_git(app->scan) ? "folder, not a git repository" :
			scan_snapshot_name(app->scan);
		int snap_w = draw_width(sv_from_cstr(snap)) + 3;
		int room;

		if (right_w > width)
			right_w = width;
		room = width - right_w - snap_w - 1;
		x += draw_cstr(win, " ", width, attr);
		if (room > 4) {
			draw_root(win, scan_root(app->scan), room, attr);
			x = getcurx(win);
		}
		x += draw_cstr(win, " [", width - right_w - x, attr);
		x += draw_cstr(win, snap, width - right_w - x, attr);
		x += draw_cstr(win, "]", width - right_w - x, attr);
	}
	if (right_w > 0) {
		wmove(win, 0, width - right_w);
		draw_cstr(win, right, right_w, attr);
	}
}
