/*
 * The text report: declarations, findings, diagnostics, then a summary.
 * Every string from the repository is escaped: a report may be read in a
 * terminal.
 */
#include "deputy/report.h"

#include <string.h>

#include "deputy/diag.h"
#include "deputy/escape.h"
#include "deputy/strbuf.h"

/* Writes @s escaped. */
static void
put(FILE *out, struct strbuf *tmp, const char *s)
{
	strbuf_reset(tmp);
	escape_text(tmp, sv_from_cstr(s ? s : ""), false);
	fputs(strbuf_cstr(tmp), out);
}

static void
put_dep(FILE *out, struct strbuf *tmp, const struct dep *d)
{
	fputs("  ", out);
	put(out, tmp, d->file);
	fprintf(out, ":%u:%u: %s %s ", d->line, d->column, ecosystem_str(d->ecosystem),
		dep_kind_str(d->kind));
	put(out, tmp, d->name[0] ? d->name : (d->url ? d->url : ""));
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

static void
put_finding(FILE *out, struct strbuf *tmp, const struct finding *f)
{
	fputs("  ", out);
	put(out, tmp, f->file);
	fprintf(out, ":%u:%u: %s [%s] ", f->line, f->column, severity_str(f->severity),
		f->rule->id);
	put(out, tmp, f->message);
	if (f->path) {
		fputs(" (pulled in by ", out);
		put(out, tmp, f->path);
		fputc(')', out);
	}
	fputc('\n', out);
}

int
report_text(FILE *out, const struct scan *scan)
{
	struct strbuf tmp = STRBUF_INIT;
	size_t counts[SEV_COUNT];
	size_t n;

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
	for (size_t i = 0; i < n; i++)
		put_finding(out, &tmp, scan_finding(scan, i));

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
	int failed = tmp.failed;
	strbuf_release(&tmp);
	if (failed)
		return ERR_NOMEM;
	return ferror(out) ? ERR_IO : 0;
}

size_t
report_count_at_least(const struct scan *scan, enum severity threshold)
{
	size_t n = 0;

	for (size_t i = 0; i < scan_finding_count(scan); i++)
		if (scan_finding(scan, i)->severity >= threshold)
			n++;
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
