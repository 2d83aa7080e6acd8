/*
 * The review keys and what they show: the decisions themselves are kept by
 * core/review, which writes the file atomically and never through a link.
 */
#include "review_ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "deputy/diag.h"
#include "deputy/review.h"
#include "deputy/strbuf.h"
#include "app.h"
#include "detail.h"

void
review_ui_start(struct app *app)
{
	char err[512] = "";
	bool *marks = NULL;
	size_t stale = 0;

	if (review_load(&app->review, app->scan, time(NULL), err, sizeof(err)) != 0 && err[0])
		status_set(app, true, "review file: %s", err);
	else if (app->review && !(marks = review_stale(app->review, app->scan, &stale)))
		status_set(app, true, "out of memory");
	else if (stale > 0)
		/* decisions about findings that are gone: no row shows them */
		status_set(app, false, "%zu stale decision%s in %s (S lists %s)", stale,
			   stale == 1 ? "" : "s", REVIEW_FILE_NAME, stale == 1 ? "it" : "them");
	free(marks);
	review_ui_mark_tree(app);
}

/* Every finding on @node decided (and current), so n/N may skip it. */
static bool
node_reviewed(const struct app *app, const struct node *node)
{
	struct review_match m;

	if (!app->review || node->n_findings == 0)
		return false;
	for (size_t i = 0; i < node->n_findings; i++) {
		enum review_state st = review_state_of(app->review, app->scan,
						       scan_finding(app->scan, node->findings[i]), &m);
		if (st != REVIEW_REVIEWED && st != REVIEW_ACCEPTED)
			return false;
	}
	return true;
}

void
review_ui_mark_tree(struct app *app)
{
	struct review_progress p;

	for (size_t i = 0; i < app->tree.len; i++)
		app->tree.nodes[i].reviewed = node_reviewed(app, &app->tree.nodes[i]);
	memset(&app->review_counts, 0, sizeof(app->review_counts));
	if (!app->review || review_count(app->review) == 0)
		return;      /* nothing decided yet: the room goes to the rest */
	review_progress_of(app->review, app->scan, &p);
	app->review_counts.shown = p.flagged > 0;
	app->review_counts.decided = p.reviewed + p.accepted;
	app->review_counts.flagged = p.flagged;
}

int
review_ui_progress(const struct app *app, char *buf, size_t size)
{
	const struct review_counts *c = &app->review_counts;

	if (!c->shown || size == 0)
		return 0;
	return snprintf(buf, size, " %zu of %zu reviewed%s |", c->decided, c->flagged,
			app->tree.skip_reviewed ? " (skipped)" : "");
}

/* The selected row, when it has findings to decide on; else a message and NULL. */
static const struct node *
decidable(struct app *app)
{
	const struct node *node = app->tree.len ? &app->tree.nodes[app->tree.cursor] : NULL;

	if (!node || node->n_findings == 0) {
		status_set(app, false, "nothing flagged here to review; n goes to the next flag");
		return NULL;
	}
	if (!app->review) {
		status_set(app, true, "the review file could not be read; decisions are off");
		return NULL;
	}
	return node;
}

/* Records @kind for every finding of the selected row; a message says what happened. */
static int
decide(struct app *app, enum review_kind kind, const char *reason, const char *expires)
{
	const struct node *node = decidable(app);
	char err[512] = "";
	int rc = 0;

	if (!node)
		return REACT_REDRAW;
	for (size_t i = 0; i < node->n_findings && rc == 0; i++)
		rc = review_decide(app->review, app->scan, scan_finding(app->scan, node->findings[i]),
				   kind, reason, expires, err, sizeof(err));
	if (rc != 0)
		status_set(app, true, "not recorded: %s", err[0] ? err : err_str(rc));
	else
		status_set(app, false, "%s: %zu finding%s, in %s",
			   kind == REVIEW_KIND_ACCEPTED ? "accepted" : "marked reviewed",
			   node->n_findings, node->n_findings == 1 ? "" : "s", review_path(app->review));
	review_ui_mark_tree(app);
	return REACT_REDRAW | REACT_SELECT;
}

static int
undo(struct app *app)
{
	const struct node *node = decidable(app);
	char err[512] = "";
	size_t undone = 0;

	if (!node)
		return REACT_REDRAW;
	for (size_t i = 0; i < node->n_findings; i++) {
		int rc = review_undo(app->review, app->scan, scan_finding(app->scan, node->findings[i]),
				     err, sizeof(err));
		if (rc == 0)
			undone++;
		else if (rc != ERR_NOTFOUND) {
			status_set(app, true, "not recorded: %s", err[0] ? err : err_str(rc));
			review_ui_mark_tree(app);
			return REACT_REDRAW | REACT_SELECT;
		}
	}
	if (undone)
		status_set(app, false, "decision taken back for %zu finding%s", undone,
			   undone == 1 ? "" : "s");
	else
		status_set(app, false, "no decision recorded here");
	review_ui_mark_tree(app);
	return REACT_REDRAW | REACT_SELECT;
}

int
review_ui_action(struct app *app, enum action act)
{
	switch (act) {
	case ACT_MARK_REVIEWED:
		return decide(app, REVIEW_KIND_REVIEWED, "", NULL);
	case ACT_ACCEPT: {
		char err[512] = "";
		int rc;
		if (!decidable(app))
			return REACT_REDRAW;
		if ((rc = review_writable(app->review, err, sizeof(err))) != 0) {
			/* say so before a reason is typed in vain */
			status_set(app, true, "not recorded: %s", err[0] ? err : err_str(rc));
			return REACT_REDRAW;
		}
		app->reason.editing = true;
		app->reason.len = 0;
		app->reason.text[0] = '\0';
		return REACT_REDRAW;
	}
	case ACT_UNMARK:
		return undo(app);
	case ACT_SKIP_REVIEWED:
		app->tree.skip_reviewed = !app->tree.skip_reviewed;
		status_set(app, false, app->tree.skip_reviewed ? "n/N skip reviewed entries"
				      : "n/N stop at reviewed entries too");
		return REACT_REDRAW;
	default:
		return REACT_UNHANDLED;
	}
}

/* "until YYYY-MM-DD" at @s, a word of its own (a space or the end after it). */
static bool
is_until(const char *s)
{
	if (strncmp(s, "until ", 6) != 0)
		return false;
	for (int i = 0; i < 10; i++)
		if (!(i == 4 || i == 7 ? s[6 + i] == '-' : (s[6 + i] >= '0' && s[6 + i] <= '9')))
			return false;
	return s[16] == '\0' || s[16] == ' ';
}

/*
 * "reason until 2027-01-31" or "until 2027-01-31 reason": the date is split
 * off into @expires, the rest is the reason.
 */
static void
split_expiry(char *text, char expires[11])
{
	size_t n = strlen(text), at;

	expires[0] = '\0';
	if (n >= 16 && is_until(text))
		at = 0;
	else if (n >= 17 && text[n - 17] == ' ' && is_until(text + n - 16))
		at = n - 16;
	else
		return;
	memcpy(expires, text + at + 6, 10);
	expires[10] = '\0';
	memmove(text + at, text + at + 16, n - at - 16 + 1);
	n -= 16;
	size_t start = 0;
	while (start < n && text[start] == ' ')
		start++;
	while (n > start && text[n - 1] == ' ')
		n--;
	memmove(text, text + start, n - start);
	text[n - start] = '\0';
}

int
review_ui_key(struct app *app, int key)
{
	struct reason_prompt *p = &app->reason;
	char expires[11];

	switch (key) {
	case 27:
		p->editing = false;
		status_set(app, false, "not accepted");
		return REACT_REDRAW;
	case '\r':
	case '\n':
	case KEY_ENTER:
		p->editing = false;
		split_expiry(p->text, expires);
		if (!p->text[0]) {
			status_set(app, true, "an acceptance needs a reason; not accepted");
			return REACT_REDRAW;
		}
		return decide(app, REVIEW_KIND_ACCEPTED, p->text, expires[0] ? expires : NULL);
	case KEY_BACKSPACE:
	case 127:
	case 8:
		while (p->len > 0 && ((unsigned char)p->text[p->len - 1] & 0xc0) == 0x80)
			p->len--;
		if (p->len > 0)
			p->len--;
		p->text[p->len] = '\0';
		return REACT_REDRAW;
	default:
		if (key < 0x20 || key == 0x7f || key > 0xff || p->len + 1 >= sizeof(p->text))
			return REACT_NONE;
		p->text[p->len++] = (char)key;
		p->text[p->len] = '\0';
		return REACT_REDRAW;
	}
}

void
review_ui_said(struct strbuf *sb, const struct review_decision *dec)
{
	strbuf_printf(sb, "%s by %s on %s%s%s%s%s", review_kind_str(dec->kind), dec->reviewer,
		      dec->date, dec->expires ? " until " : "", dec->expires ? dec->expires : "",
		      dec->reason[0] ? ": " : "", dec->reason);
}

void
review_ui_detail(struct detail *d, struct app *app, const struct finding *f)
{
	struct review_match m;
	struct strbuf sb = STRBUF_INIT;
	enum review_state st = app->review ? review_state_of(app->review, app->scan, f, &m)
					    : REVIEW_NONE;
	const struct review_decision *dec = m.decision;

	if (st == REVIEW_NONE || !dec)
		return;
	if (st == REVIEW_CHANGED)
		strbuf_printf(&sb, "changed since review: %s when %s %s it on %s, %s now",
			      dec->commit && m.now_commit[0] ? dec->commit : dec->reviewed_at[0]
			      ? dec->reviewed_at : "unpinned",
			      dec->reviewer, review_kind_str(dec->kind), dec->date,
			      m.now_commit[0] ? m.now_commit : m.now_at[0] ? m.now_at : "unpinned");
	else if (st == REVIEW_EXPIRED)
		strbuf_printf(&sb, "accepted by %s on %s until %s, expired: %s", dec->reviewer,
			      dec->date, dec->expires ? dec->expires : "?", dec->reason);
	else
		review_ui_said(&sb, dec);
	detail_para(d, st == REVIEW_CHANGED || st == REVIEW_EXPIRED ? EL_MARK : EL_MUTED, 4,
		    strbuf_cstr(&sb));
	strbuf_release(&sb);
}
