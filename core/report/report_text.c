/*
 * The text report: declarations, findings (with their review decisions),
 * stale decisions, diagnostics, then a summary. Every string from the
 * repository (and from the review file) is escaped: a report may be read in
 * a terminal.
 */
#include "deputy/report.h"

#include <stdlib.h>
#include <string.h>

#include "deputy/diag.h"
#include "deputy/escape.h"
#include "deputy/strbuf.h"

/* Writes @s escaped. */
static void
put_sv(FILE *out, struct strbuf *tmp, struct sv s)
{
	strbuf_reset(tmp);
	escape_text(tmp, s, false);
	fputs(strbuf_cstr(tmp), out);
}

static void
put(FILE *out, struct strbuf *tmp, const char *s)
{
	put_sv(out, tmp, sv_from_cstr(s ? s : ""));
}

/* A finding's path, its steps escaped, @arrow between them. */
static void
put_path(FILE *out, struct strbuf *tmp, const char *path, const char *arrow)
{
	const char *next;

	while ((next = strstr(path, FINDING_PATH_ARROW))) {
		put_sv(out, tmp, (struct sv){ path, (size_t)(next - path) });
		fputs(arrow, out);
		path = next + strlen(FINDING_PATH_ARROW);
	}
	put(out, tmp, path);
}

static void
put_dep(FILE *out, struct strbuf *tmp, const struct dep *d)
{
	fputs("  ", out);
	put(out, tmp, d->file);
	fprintf(out, ":%u:%u: %s %s ", d->line, d->column, ecosystem_str(d->ecosystem),
		dep_kind_str(d->kind));
	put(out, tmp, dep_label(d));
	if (d->spec[0]) {
		fputc(' ', out);
		put(out, tmp, d->spec);
	}
	if (d->url && d->name[0]) {
		fputs(" @ ", out);
		put(out, tmp, d->url);
	}
	fputc('\n', out);
}

/* "1.0", or what stands for nothing pinned. */
static void
put_at(FILE *out, struct strbuf *tmp, const char *at, const char *commit)
{
	char short_id[8];

	if (commit && commit[0]) {
		/* the review file's commit is as written there: escaped like the rest */
		snprintf(short_id, sizeof(short_id), "%s", commit);
		put(out, tmp, short_id);
	} else if (at && at[0])
		put(out, tmp, at);
	else
		fputs("unpinned", out);
}

/* " [accepted: REASON, until DATE]" and the like; nothing without a decision. */
static void
put_review(FILE *out, struct strbuf *tmp, const struct review_match *m, const char *arrow)
{
	const struct review_decision *d = m->decision;

	switch (m->state) {
	case REVIEW_NONE:
		return;
	case REVIEW_REVIEWED:
		fputs(" [reviewed", out);
		break;
	case REVIEW_ACCEPTED:
		fputs(" [accepted", out);
		break;
	case REVIEW_EXPIRED:
		fputs(" [acceptance expired ", out);
		put(out, tmp, d->expires);
		break;
	case REVIEW_CHANGED: {
		/* a commit is shown only when the refs agree and the commits do not */
		bool by_commit = strcmp(d->reviewed_at, m->now_at) == 0 && d->commit &&
			m->now_commit[0];
		fputs(" [changed since review: ", out);
		put_at(out, tmp, d->reviewed_at, by_commit ? d->commit : NULL);
		fputs(arrow, out);
		put_at(out, tmp, m->now_at, by_commit ? m->now_commit : NULL);
		fputc(']', out);
		return;
	}
	}
	if (d->reason[0]) {
		fputs(": ", out);
		put(out, tmp, d->reason);
	}
	if (m->state == REVIEW_ACCEPTED && d->expires) {
		fputs(", until ", out);
		put(out, tmp, d->expires);
	}
	fputc(']', out);
}

static void
put_finding(FILE *out, struct strbuf *tmp, const struct finding *f, const struct review_match *m,
	    const char *arrow)
{
	fputs("  ", out);
	put(out, tmp, f->file);
	fprintf(out, ":%u:%u: %s [%s] ", f->line, f->column, severity_str(f->severity),
		f->rule->id);
	put(out, tmp, f->message);
	if (f->path) {
		fputs(" (pulled in by ", out);
		put_path(out, tmp, f->path, arrow);
		fputc(')', out);
	}
	put_review(out, tmp, m, arrow);
	fputc('\n', out);
}

/* The decisions that match no finding any more. */
static void
put_stale(FILE *out, struct strbuf *tmp, const struct review *review, const bool *stale,
	  size_t n)
{
	if (!n)
		return;
	fprintf(out, "\nstale review decisions (%zu), matching nothing any more:\n", n);
	for (size_t i = 0; i < review_count(review); i++) {
		const struct review_decision *d = review_get(review, i);
		if (!stale[i])
			continue;
		fputs("  ", out);
		put(out, tmp, d->file);
		fputs(": ", out);
		put(out, tmp, d->ecosystem);
		fputc(' ', out);
		put(out, tmp, d->package);
		fputs(" [", out);
		put(out, tmp, d->rule);
		fprintf(out, "] %s by ", review_kind_str(d->kind));
		put(out, tmp, d->reviewer);
		fputs(" on ", out);
		put(out, tmp, d->date);
		fputc('\n', out);
	}
}

int
report_text(FILE *out, const struct scan *scan)
{
	return report_text_reviewed(out, scan, NULL, false);
}

int
report_text_reviewed(FILE *out, const struct scan *scan, const struct review *review,
		     bool ascii)
{
	struct review_match m;
	struct strbuf tmp = STRBUF_INIT;
	size_t counts[SEV_COUNT];
	size_t n, n_stale;
	bool *stale = review_stale(review, scan, &n_stale);

	if (!stale)
		return ERR_NOMEM;
	fputs("deputy scan of ", out);
	put(out, &tmp, scan_root(scan));
	fputs(" (", out);
	put(out, &tmp, scan_snapshot_name(scan));
	fputs(")\n", out);

	n = scan_dep_count(scan);
	fprintf(out, "\ndeclarations (%zu):\n", n);
	for (size_t i = 0; i < n; i++)
		put_dep(out, &tmp, scan_dep(scan, i));

	n = scan_finding_count(scan);
	fprintf(out, "\nfindings (%zu):\n", n);
	for (size_t i = 0; i < n; i++) {
		review_state_of(review, scan, scan_finding(scan, i), &m);
		put_finding(out, &tmp, scan_finding(scan, i), &m,
			    ascii ? " -> " : FINDING_PATH_ARROW);
	}
	put_stale(out, &tmp, review, stale, n_stale);
	free(stale);

	n = scan_diag_count(scan);
	if (n)
		fprintf(out, "\ndiagnostics (%zu):\n", n);
	for (size_t i = 0; i < n; i++) {
		const struct diag *d = scan_diag(scan, i);
		fputs("  ", out);
		put(out, &tmp, d->path);
		if (d->line)
			fprintf(out, ":%u:%u", d->line, d->column);
		fprintf(out, ": %s: ", diag_level_str(d->level));
		put(out, &tmp, d->message);
		fputc('\n', out);
	}

	scan_severity_counts(scan, counts);
	fprintf(out, "\n%zu declarations in %zu files; findings: %zu critical, %zu high, "
		"%zu medium, %zu low, %zu info\n",
		scan_dep_count(scan), scan_file_count(scan), counts[SEV_CRITICAL], counts[SEV_HIGH],
		counts[SEV_MEDIUM], counts[SEV_LOW], counts[SEV_INFO]);
	if (review_count(review)) {
		struct review_progress p;
		review_progress_of(review, scan, &p);
		fprintf(out, "review: %zu of %zu flags reviewed (%zu accepted); %zu changed since "
			"review, %zu acceptances expired, %zu stale decisions\n",
			p.reviewed + p.accepted, p.flagged, p.accepted, p.changed, p.expired,
			n_stale);
	}
	int failed = tmp.failed;
	strbuf_release(&tmp);
	if (failed)
		return ERR_NOMEM;
	return ferror(out) ? ERR_IO : 0;
}

size_t
report_count_at_least(const struct scan *scan, enum severity threshold)
{
	return report_count_failing(scan, NULL, threshold);
}

size_t
report_count_failing(const struct scan *scan, const struct review *review,
		     enum severity threshold)
{
	struct review_match m;
	size_t n = 0;

	for (size_t i = 0; i < scan_finding_count(scan); i++) {
		const struct finding *f = scan_finding(scan, i);
		if (f->severity >= threshold &&
		    !review_state_excuses(review_state_of(review, scan, f, &m)))
			n++;
	}
	return n;
}

/* Writes @text wrapped at @width columns, each line indented by two spaces. */
static void
put_wrapped(FILE *out, const char *text, size_t width)
{
	const char *p = text;

	while (*p) {
		size_t len = strlen(p), cut = len;
		if (len > width) {
			cut = width;
			while (cut > 0 && p[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = width;    /* one long word: break it */
		}
		fprintf(out, "  %.*s\n", (int)cut, p);
		p += cut;
		while (*p == ' ')
			p++;
	}
}

int
report_rule(FILE *out, const struct rule *rule)
{
	fprintf(out, "%s (%s): %s\n\n", rule->id, severity_str(rule->severity), rule->title);
	fputs("Why it matters\n", out);
	put_wrapped(out, rule->why, 74);
	if (rule->incident && rule->incident[0]) {
		fputs("\nThe incident behind it\n", out);
		put_wrapped(out, rule->incident, 74);
	}
	if (rule->check && rule->check[0]) {
		fputs("\nHow to check by hand\n", out);
		put_wrapped(out, rule->check, 74);
	}
	fputs("\nWhat to do\n", out);
	put_wrapped(out, rule->fix, 74);
	if (rule->refs && rule->refs[0]) {
		fputs("\nReferences\n", out);
		for (const char *const *r = rule->refs; *r; r++)
			fprintf(out, "  - %s\n", *r);
	}
	return ferror(out) ? ERR_IO : 0;
}

int
report_rule_list(FILE *out)
{
	size_t n;
	const struct rule *rules = rule_catalog(&n);

	for (size_t i = 0; i < n; i++)
		fprintf(out, "%-18s %-8s %s\n", rules[i].id, severity_str(rules[i].severity),
			rules[i].title);
	fputs("\nRun 'deputy explain RULE' for the explanation of one rule.\n", out);
	return ferror(out) ? ERR_IO : 0;
}
