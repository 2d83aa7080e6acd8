/*
 * Reviewing on the audit screen: m marks the selected entry's findings
 * reviewed, a accepts them with a reason typed on the status line (ending
 * "until YYYY-MM-DD" sets an expiry), u takes the decision back, R makes n/N
 * skip what is reviewed. Decisions go to the review file (deputy/review.h).
 */
#ifndef DEPUTY_TUI_REVIEW_UI_H
#define DEPUTY_TUI_REVIEW_UI_H

#include <stdbool.h>
#include <stddef.h>

#include "action.h"

struct app;
struct detail;
struct finding;
struct review_decision;
struct strbuf;

/* The reason being typed after `a`. */
struct reason_prompt {
	bool editing;
	char text[240];
	size_t len;
};

/* The status line's count, computed when decisions change, not at every redraw. */
struct review_counts {
	bool shown;              /* a decision exists */
	size_t decided, flagged;
};

/* Reads the review file of the scan into app->review; a problem is a status message. */
void review_ui_start(struct app *app);
/* Handles ACT_MARK_REVIEWED, ACT_ACCEPT, ACT_UNMARK, ACT_SKIP_REVIEWED; REACT_* bits. */
int review_ui_action(struct app *app, enum action act);
/* A key while the reason prompt is open; REACT_* bits. */
int review_ui_key(struct app *app, int key);
/*
 * Marks the tree's rows whose findings are all reviewed or accepted (n/N may
 * skip them) and counts them for the status line; after every decision.
 */
void review_ui_mark_tree(struct app *app);
/* " 3 of 12 reviewed |" into @buf; 0 before the first decision is recorded. */
int review_ui_progress(const struct app *app, char *buf, size_t size);
/* "accepted by NAME on DATE until DATE: REASON" (what @dec says) onto @sb. */
void review_ui_said(struct strbuf *sb, const struct review_decision *dec);
/* The review state of @f, one paragraph, in the detail pane (nothing when undecided). */
void review_ui_detail(struct detail *d, struct app *app, const struct finding *f);

#endif
