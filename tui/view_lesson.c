/*
 * The lesson (l): for each rule that flagged the selected row, the whole
 * teaching text of the catalog: why it matters, the real incident behind it,
 * how to check by hand, how to fix, and where to read more.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"

static const char *
severity_name(enum severity sev)
{
	static const char *const names[] = { "info", "low", "medium", "high", "critical" };

	return sev >= 0 && sev < SEV_COUNT ? names[sev] : "?";
}

static void
add_section(struct detail *d, const char *heading, const char *text)
{
	if (!text || !text[0])
		return;
	detail_blank(d);
	detail_line(d);
	detail_segs(d, EL_HEADING, heading);
	detail_para(d, EL_TEXT, 2, text);
}

static void
add_rule(struct detail *d, const struct rule *rule, const struct finding *f)
{
	detail_line(d);
	detail_fmt(d, theme_severity_element(rule->severity), " %s ",
		   severity_name(rule->severity));
	detail_segs(d, EL_HEADING, " ");
	detail_segs(d, EL_HEADING, rule->title);
	detail_segs(d, EL_MUTED, " [");
	detail_segs(d, EL_MUTED, rule->id);
	detail_segs(d, EL_MUTED, "]");
	detail_wrap(d, 4);
	if (f->message) {
		detail_line(d);
		detail_segs(d, EL_MUTED, "  here: ");
		detail_segs(d, EL_TEXT, f->message);
		detail_wrap(d, 8);
	}
	add_section(d, "Why it matters", rule->why);
	add_section(d, "The real incident behind it", rule->incident);
	add_section(d, "How to check by hand", rule->check);
	add_section(d, "How to fix", rule->fix);
	if (rule->refs && rule->refs[0]) {
		detail_blank(d);
		detail_line(d);
		detail_segs(d, EL_HEADING, "References");
		detail_bullets(d, EL_MUTED, 2, rule->refs);
	}
}

int
lesson_open(struct app *app)
{
	struct detail *d = &app->page_text;
	const struct node *n;
	size_t shown = 0;

	if (app->tree.n_visible == 0 ||
	    (n = &app->tree.nodes[app->tree.cursor])->n_findings == 0) {
		status_set(app, false, "no finding on this row, so no lesson: n goes to a flagged entry");
		return REACT_REDRAW;
	}
	detail_reset(d, app->views[VIEW_PAGE].width - 1);
	d->title = strdup(" Lesson   q or Esc closes");
	for (size_t i = 0; i < n->n_findings; i++) {
		const struct finding *f = scan_finding(app->scan, n->findings[i]);
		bool seen = false;

		for (size_t j = 0; j < i; j++)
			if (scan_finding(app->scan, n->findings[j])->rule == f->rule)
				seen = true;
		if (!f->rule || seen)
			continue;
		if (shown++ > 0) {
			detail_blank(d);
			detail_blank(d);
		}
		add_rule(d, f->rule, f);
	}
	page_show(app, PAGE_LESSON, 0);
	return REACT_REDRAW;
}
