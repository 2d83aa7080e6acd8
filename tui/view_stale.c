/*
 * The stale decisions (S): the review file's decisions that match no finding
 * of this scan, each with what it said, and u twice to remove them from the
 * file. No tree row shows them, so this page is where they are seen.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deputy/diag.h"
#include "deputy/review.h"
#include "deputy/strbuf.h"
#include "app.h"
#include "review_ui.h"


/* Which decisions are stale (free()), *@n how many; NULL when out of memory (said). */
static bool *
stale_marks(struct app *app, size_t *n)
{
	bool *stale = review_stale(app->review, app->scan, n);

	if (!stale)
		status_set(app, true, "out of memory");
	return stale;
}

static void
add_decision(struct detail *d, const struct review_decision *dec)
{
	struct strbuf sb = STRBUF_INIT;

	detail_blank(d);
	detail_line(d);
	detail_segs(d, EL_HEADING, " ");
	detail_segs(d, EL_HEADING, dec->package);
	detail_segs(d, EL_MUTED, " (");
	detail_segs(d, EL_MUTED, dec->ecosystem);
	detail_segs(d, EL_MUTED, ") [");
	detail_segs(d, EL_MUTED, dec->rule);
	detail_segs(d, EL_MUTED, "]");
	detail_wrap(d, 4);
	strbuf_printf(&sb, "in %s%s%s", dec->file, dec->reviewed_at[0] ? ", at " : "",
		      dec->reviewed_at);
	detail_para(d, EL_TEXT, 3, strbuf_cstr(&sb));
	strbuf_reset(&sb);
	review_ui_said(&sb, dec);
	detail_para(d, EL_MUTED, 3, strbuf_cstr(&sb));
	strbuf_release(&sb);
}

int
stale_open(struct app *app)
{
	struct detail *d = &app->page_text;
	size_t n;
	bool *stale = stale_marks(app, &n);
	struct strbuf sb = STRBUF_INIT;

	if (!stale)
		return REACT_REDRAW;
	if (n == 0) {
		free(stale);
		status_set(app, false, app->review && review_count(app->review) > 0
			   ? "no stale decisions: every decision in %s matches a finding"
			   : "no stale decisions (%s holds none)", REVIEW_FILE_NAME);
		return REACT_REDRAW;
	}
	detail_reset(d, app->views[VIEW_PAGE].width - 1);
	d->title = strdup(" Stale decisions   u removes them (asks first)   q or Esc closes");
	detail_line(d);
	strbuf_printf(&sb, "%zu decision%s in %s match%s no finding of this scan: the entry "
		      "was removed or fixed, or its package, rule or file changed. A stale "
		      "decision excuses nothing; it stays in the file until it is removed "
		      "(u, then u again to confirm) or the finding comes back.", n,
		      n == 1 ? "" : "s", review_path(app->review), n == 1 ? "es" : "");
	detail_para(d, EL_TEXT, 1, strbuf_cstr(&sb));
	strbuf_release(&sb);
	for (size_t i = 0; i < review_count(app->review); i++)
		if (stale[i])
			add_decision(d, review_get(app->review, i));
	free(stale);
	page_show(app, PAGE_STALE, 0);
	return REACT_REDRAW;
}

int
stale_remove(struct app *app)
{
	size_t n, dropped = 0;
	char err[512] = "";
	bool *stale = stale_marks(app, &n);
	int rc;

	if (!stale)
		return REACT_REDRAW;
	free(stale);
	if (n == 0)
		return REACT_REDRAW;
	if (!app->stale_armed) {
		if ((rc = review_writable(app->review, err, sizeof(err))) != 0) {
			status_set(app, true, "not removed: %s", err[0] ? err : err_str(rc));
			return REACT_REDRAW;
		}
		app->stale_armed = true;
		status_set(app, false, "remove %zu stale decision%s? u again: yes, any other key: no",
			   n, n == 1 ? "" : "s");
		return REACT_REDRAW;
	}
	app->stale_armed = false;
	rc = review_drop_stale(app->review, app->scan, &dropped, err, sizeof(err));
	if (rc != 0) {
		status_set(app, true, "not removed: %s", err[0] ? err : err_str(rc));
		return REACT_REDRAW;
	}
	app->page = PAGE_NONE;
	status_set(app, false, "%zu stale decision%s removed from %s", dropped,
		   dropped == 1 ? "" : "s", review_path(app->review));
	return REACT_REDRAW;
}
