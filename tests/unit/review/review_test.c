/*
 * The review store on real scans of repositories made with git: decisions
 * recorded, honoured, bound to the version they were made at, and the file
 * written only where and how it should be.
 */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "deputy/diag.h"
#include "deputy/report.h"
#include "deputy/review.h"
#include "deputy/scan.h"

/* 2026-01-05 00:00 UTC and the days around it. */
#define DAY 86400
#define JAN5 ((time_t)1767571200)

struct fixture {
	char dir[64];
	char file[128];
};

static void
run(const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	assert_int_equal(system(cmd), 0);
}

static void
write_file(const struct fixture *fx, const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", fx->dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* The bytes of @path (heap), or NULL when it does not exist. */
static char *
read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = calloc(1, (size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	return buf;
}

static int
setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	if (!fx)
		return -1;
	strcpy(fx->dir, "/tmp/deputy-review-XXXXXX");
	assert_non_null(mkdtemp(fx->dir));
	strcpy(fx->file, fx->dir);
	strcat(fx->file, "/" REVIEW_FILE_NAME);
	/* no user's configuration: the repository's own gives the reviewer */
	setenv("HOME", fx->dir, 1);
	unsetenv("XDG_CONFIG_HOME");
	run("git init -q %s && git -C %s config user.name 'Rita Reviewer' && "
	    "git -C %s config user.email rita@example.org", fx->dir, fx->dir, fx->dir);
	write_file(fx, "requirements.txt",
		   "reqeusts==1.0\n--extra-index-url https://example.org/simple\nflask\n");
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *fx = *state;

	run("rm -rf %s", fx->dir);
	free(fx);
	return 0;
}

static struct scan *
scan_at(const struct fixture *fx, const char *rev)
{
	struct scan_opts opts = SCAN_OPTS_INIT;
	struct scan *scan = NULL;
	char err[256];

	opts.rev = rev;
	assert_int_equal(scan_run(&scan, fx->dir, &opts, err, sizeof(err)), 0);
	return scan;
}

/* The first finding of @rule on a package (or option value) named @name. */
static const struct finding *
finding_of(const struct scan *scan, const char *rule, const char *name)
{
	for (size_t i = 0; i < scan_finding_count(scan); i++) {
		const struct finding *f = scan_finding(scan, i);
		const char *n = f->dep ? f->dep->normalized : f->option ? f->option->value : "";
		if (strcmp(f->rule->id, rule) == 0 && strcmp(n, name) == 0)
			return f;
	}
	fail_msg("no %s finding on %s", rule, name);
	return NULL;
}

static struct review *
load(const struct scan *scan, time_t now, int want)
{
	struct review *review = NULL;
	char err[512];

	assert_int_equal(review_load(&review, scan, now, err, sizeof(err)), want);
	assert_non_null(review);
	return review;
}

static enum review_state
state_of(const struct review *review, const struct scan *scan, const struct finding *f)
{
	struct review_match m;

	return review_state_of(review, scan, f, &m);
}

/* review_stale()'s count, its marks checked against review_get()'s order by the caller. */
static size_t
stale_count(const struct review *review, const struct scan *scan)
{
	size_t n = 99;
	bool *stale = review_stale(review, scan, &n);

	assert_non_null(stale);
	free(stale);
	return n;
}

static void
test_review_missing_file_is_an_empty_review_and_is_not_created(void **state)
{
	struct fixture *fx = *state;
	struct scan *scan = scan_at(fx, NULL);
	struct review *review = load(scan, JAN5, 0);
	struct review_progress p;

	assert_int_equal(review_count(review), 0);
	assert_int_equal(state_of(review, scan, finding_of(scan, "typosquat", "reqeusts")),
			 REVIEW_NONE);
	review_progress_of(review, scan, &p);
	assert_int_equal(p.flagged, scan_finding_count(scan));
	assert_int_equal(p.reviewed + p.accepted, 0);
	assert_int_equal(access(fx->file, F_OK), -1);
	review_free(review);
	scan_free(scan);
}

static void
test_review_accept_writes_the_file_and_a_reload_honours_it(void **state)
{
	struct fixture *fx = *state;
	struct scan *scan = scan_at(fx, NULL);
	struct review *review = load(scan, JAN5, 0);
	const struct finding *f = finding_of(scan, "typosquat", "reqeusts");
	struct review_match m;
	char err[512];
	struct stat st;

	assert_int_equal(review_decide(review, scan, f, REVIEW_KIND_ACCEPTED, "",
				       NULL, err, sizeof(err)), ERR_USAGE);
	assert_int_equal(access(fx->file, F_OK), -1);
	assert_int_equal(review_decide(review, scan, f, REVIEW_KIND_ACCEPTED,
				       "internal fork of requests", NULL, err, sizeof(err)), 0);
	assert_int_equal(state_of(review, scan, f), REVIEW_ACCEPTED);
	assert_int_equal(lstat(fx->file, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	review_free(review);

	review = load(scan, JAN5 + 400 * DAY, 0);
	assert_int_equal(review_count(review), 1);
	assert_int_equal(review_state_of(review, scan, f, &m), REVIEW_ACCEPTED);
	assert_string_equal(m.decision->ecosystem, "pypi");
	assert_string_equal(m.decision->package, "reqeusts");
	assert_string_equal(m.decision->rule, "typosquat");
	assert_string_equal(m.decision->file, "requirements.txt");
	assert_string_equal(m.decision->reviewed_at, "1.0");
	assert_string_equal(m.decision->reason, "internal fork of requests");
	assert_string_equal(m.decision->reviewer, "Rita Reviewer <rita@example.org>");
	assert_string_equal(m.decision->date, "2026-01-05");
	assert_null(m.decision->expires);
	/* the other finding on the same line is not covered */
	assert_int_equal(state_of(review, scan, finding_of(scan, "not-in-registry", "reqeusts")),
			 REVIEW_NONE);
	assert_int_equal(report_count_failing(scan, review, SEV_HIGH),
			 report_count_at_least(scan, SEV_HIGH) - 1);
	review_free(review);
	scan_free(scan);
}

static void
test_review_a_new_version_flags_the_entry_again_with_from_and_to(void **state)
{
	struct fixture *fx = *state;
	struct scan *scan = scan_at(fx, NULL);
	struct review *review = load(scan, JAN5, 0);
	struct review_match m;
	char err[512];

	assert_int_equal(review_decide(review, scan, finding_of(scan, "typosquat", "reqeusts"),
				       REVIEW_KIND_ACCEPTED, "fork", NULL, err, sizeof(err)), 0);
	review_free(review);
	scan_free(scan);

	write_file(fx, "requirements.txt",
		   "reqeusts == 1.1\n--extra-index-url https://example.org/simple\nflask\n");
	scan = scan_at(fx, NULL);
	review = load(scan, JAN5, 0);
	assert_int_equal(review_state_of(review, scan, finding_of(scan, "typosquat", "reqeusts"),
					 &m), REVIEW_CHANGED);
	assert_string_equal(m.decision->reviewed_at, "1.0");
	assert_string_equal(m.now_at, "1.1");
	assert_false(review_state_excuses(m.state));
	assert_int_equal(stale_count(review, scan), 0);
	assert_int_equal(report_count_failing(scan, review, SEV_HIGH),
			 report_count_at_least(scan, SEV_HIGH));
	review_free(review);
	scan_free(scan);
}

static void
test_review_acceptance_holds_through_its_expiry_day_then_expires(void **state)
{
	struct fixture *fx = *state;
	struct scan *scan = scan_at(fx, NULL);
	struct review *review = load(scan, JAN5, 0);
	const struct finding *f = finding_of(scan, "typosquat", "reqeusts");
	char err[512];

	assert_int_equal(review_decide(review, scan, f, REVIEW_KIND_ACCEPTED, "fork",
				       "2026-01-04", err, sizeof(err)), ERR_USAGE);
	assert_int_equal(review_decide(review, scan, f, REVIEW_KIND_ACCEPTED, "fork",
				       "2026-1-10", err, sizeof(err)), ERR_USAGE);
	assert_int_equal(review_decide(review, scan, f, REVIEW_KIND_ACCEPTED, "fork",
				       "2026-01-10", err, sizeof(err)), 0);
	review_free(review);

	review = load(scan, JAN5 + 5 * DAY + DAY - 1, 0);      /* 2026-01-10 23:59:59 */
	assert_int_equal(state_of(review, scan, f), REVIEW_ACCEPTED);
	review_free(review);
	review = load(scan, JAN5 + 6 * DAY, 0);                /* 2026-01-11 */
	assert_int_equal(state_of(review, scan, f), REVIEW_EXPIRED);
	assert_int_equal(report_count_failing(scan, review, SEV_HIGH),
			 report_count_at_least(scan, SEV_HIGH));
	review_free(review);
	scan_free(scan);
}

static void
test_review_undo_removes_the_decision_and_keeps_an_empty_file(void **state)
{
	struct fixture *fx = *state;
	struct scan *scan = scan_at(fx, NULL);
	struct review *review = load(scan, JAN5, 0);
	const struct finding *f = finding_of(scan, "unpinned", "flask");
	char err[512], *text;

	assert_int_equal(review_undo(review, scan, f, err, sizeof(err)), ERR_NOTFOUND);
	assert_int_equal(access(fx->file, F_OK), -1);
	assert_int_equal(review_decide(review, scan, f, REVIEW_KIND_REVIEWED, NULL, NULL, err,
				       sizeof(err)), 0);
	assert_int_equal(state_of(review, scan, f), REVIEW_REVIEWED);
	assert_false(review_state_excuses(REVIEW_REVIEWED));
	/* reviewed, not accepted: still fails */
	assert_int_equal(report_count_failing(scan, review, SEV_LOW),
			 report_count_at_least(scan, SEV_LOW));
	assert_int_equal(review_undo(review, scan, f, err, sizeof(err)), 0);
	assert_int_equal(state_of(review, scan, f), REVIEW_NONE);
	assert_int_equal(review_count(review), 0);
	text = read_file(fx->file);
	assert_non_null(text);
	assert_non_null(strstr(text, "\"decisions\":\t[]"));
	free(text);
	review_free(review);
	review = load(scan, JAN5, 0);
	assert_int_equal(review_count(review), 0);
	review_free(review);
	scan_free(scan);
}

static void
test_review_a_symbolic_link_is_neither_read_nor_written_through(void **state)
{
	struct fixture *fx = *state;
	struct scan *scan = scan_at(fx, NULL);
	const struct finding *f = finding_of(scan, "typosquat", "reqeusts");
	struct review *review;
	char err[512], target[160], *text;

	snprintf(target, sizeof(target), "%s/elsewhere.json", fx->dir);
	write_file(fx, "elsewhere.json", "{\"version\": 1, \"decisions\": []}\n");
	assert_int_equal(symlink(target, fx->file), 0);
	review = load(scan, JAN5, ERR_OUTSIDE);
	assert_int_equal(review_decide(review, scan, f, REVIEW_KIND_ACCEPTED, "fork", NULL, err,
				       sizeof(err)), ERR_OUTSIDE);
	assert_non_null(strstr(err, REVIEW_FILE_NAME));
	review_free(review);

	/* a link put there after the review was read */
	assert_int_equal(unlink(fx->file), 0);
	review = load(scan, JAN5, 0);
	assert_int_equal(symlink(target, fx->file), 0);
	assert_int_equal(review_decide(review, scan, f, REVIEW_KIND_ACCEPTED, "fork", NULL, err,
				       sizeof(err)), ERR_OUTSIDE);
	assert_int_equal(review_count(review), 0);
	text = read_file(target);
	assert_string_equal(text, "{\"version\": 1, \"decisions\": []}\n");
	free(text);
	review_free(review);

	/* a dangling link and a folder are refused too */
	assert_int_equal(unlink(fx->file), 0);
	assert_int_equal(symlink("/nonexistent/deputy", fx->file), 0);
	review = load(scan, JAN5, ERR_OUTSIDE);
	review_free(review);
	assert_int_equal(unlink(fx->file), 0);
	assert_int_equal(mkdir(fx->file, 0755), 0);
	review = load(scan, JAN5, ERR_OUTSIDE);
	assert_int_equal(review_decide(review, scan, f, REVIEW_KIND_REVIEWED, NULL, NULL, err,
				       sizeof(err)), ERR_OUTSIDE);
	review_free(review);
	scan_free(scan);
}

static void
test_review_malformed_json_names_the_file_and_line(void **state)
{
	struct fixture *fx = *state;
	struct scan *scan = scan_at(fx, NULL);
	struct review *review = NULL;
	char err[512], want[256];

	write_file(fx, REVIEW_FILE_NAME, "{\n\t\"version\": 1,\n\t\"decisions\": [\n"
		   "\t\t{\"ecosystem\": \"pypi\",,}\n\t]\n}\n");
	assert_int_equal(review_load(&review, scan, JAN5, err, sizeof(err)), ERR_SYNTAX);
	snprintf(want, sizeof(want), "%s:4:", fx->file);
	assert_non_null(strstr(err, want));
	assert_int_equal(review_count(review), 0);
	review_free(review);
	scan_free(scan);
}

static const char two_decisions[] =
	"{\n"
	"  \"version\": 1,\n"
	"  \"decisions\": [\n"
	"    {\"ecosystem\": \"pypi\", \"package\": \"reqeusts\", \"rule\": \"typosquat\",\n"
	"     \"file\": \"requirements.txt\", \"reviewed_at\": \"1.0\", \"decision\": \"accepted\",\n"
	"     \"reason\": \"fork\", \"reviewer\": \"r\", \"date\": \"2026-01-01\",\n"
	"     \"expires\": null, \"ticket\": \"SEC-12\"},\n"
	"    {\"ecosystem\": \"pypi\", \"package\": \"gone\", \"rule\": \"typosquat\",\n"
	"     \"file\": \"requirements.txt\", \"reviewed_at\": \"\", \"decision\": \"reviewed\",\n"
	"     \"reason\": \"\", \"reviewer\": \"r\", \"date\": \"2026-01-01\"}\n"
	"  ]\n"
	"}\n";

static void
test_review_a_malformed_decision_is_reported_the_others_kept_and_nothing_saved(void **state)
{
	struct fixture *fx = *state;
	struct scan *scan = scan_at(fx, NULL);
	struct review *review = NULL;
	char err[512], want[256], *before, *after;
	static const char text[] =
		"{\"version\": 1, \"decisions\": [\n"
		"  {\"ecosystem\": \"pypi\", \"package\": \"reqeusts\", \"rule\": \"typosquat\",\n"
		"   \"file\": \"requirements.txt\", \"reviewed_at\": \"1.0\", \"decision\": \"accepted\",\n"
		"   \"reason\": \"fork\", \"reviewer\": \"r\", \"date\": \"2026-01-01\"},\n"
		"  {\"ecosystem\": \"pypi\", \"package\": \"flask\",\n"
		"   \"file\": \"requirements.txt\", \"reviewed_at\": \"\", \"decision\": \"reviewed\",\n"
		"   \"reviewer\": \"r\", \"date\": \"2026-01-01\"}\n"
		"]}\n";

	write_file(fx, REVIEW_FILE_NAME, text);
	before = read_file(fx->file);
	assert_int_equal(review_load(&review, scan, JAN5, err, sizeof(err)), ERR_SYNTAX);
	snprintf(want, sizeof(want), "%s:5:3: decision 2: missing or malformed rule", fx->file);
	assert_string_equal(err, want);
	assert_int_equal(review_count(review), 1);
	assert_int_equal(state_of(review, scan, finding_of(scan, "typosquat", "reqeusts")),
			 REVIEW_ACCEPTED);
	assert_int_equal(review_decide(review, scan, finding_of(scan, "unpinned", "flask"),
				       REVIEW_KIND_REVIEWED, NULL, NULL, err, sizeof(err)),
			 ERR_SYNTAX);
	after = read_file(fx->file);
	assert_string_equal(before, after);
	free(before);
	free(after);
	review_free(review);
	scan_free(scan);
}

static void
test_review_stale_decisions_match_nothing_and_unknown_members_survive(void **state)
{
	struct fixture *fx = *state;
	struct scan *scan = scan_at(fx, NULL);
	struct review *review;
	char err[512], *text, *a, *b;
	bool *marks;
	size_t n;

	write_file(fx, REVIEW_FILE_NAME, two_decisions);
	review = load(scan, JAN5, 0);
	assert_int_equal(review_count(review), 2);
	assert_int_equal(stale_count(review, scan), 1);
	marks = review_stale(review, scan, &n);
	assert_non_null(marks);
	assert_int_equal(n, 1);
	for (size_t i = 0; i < review_count(review); i++)
		assert_int_equal(marks[i], strcmp(review_get(review, i)->package, "gone") == 0);
	free(marks);
	/* a new decision rewrites the file: sorted, the unknown member kept */
	assert_int_equal(review_decide(review, scan, finding_of(scan, "unpinned", "flask"),
				       REVIEW_KIND_REVIEWED, NULL, NULL, err, sizeof(err)), 0);
	text = read_file(fx->file);
	assert_non_null(strstr(text, "\"ticket\":\t\"SEC-12\""));
	a = strstr(text, "\"flask\"");
	b = strstr(text, "\"gone\"");
	assert_non_null(a);
	assert_non_null(b);
	assert_true(a < b && b < strstr(text, "\"reqeusts\""));
	free(text);
	review_free(review);
	scan_free(scan);
}

static void
test_review_drop_stale_removes_only_the_stale_and_keeps_the_rest(void **state)
{
	struct fixture *fx = *state;
	struct scan *scan = scan_at(fx, NULL);
	struct review *review;
	struct stat before, after;
	size_t dropped = 99;
	char err[512], *text;

	write_file(fx, REVIEW_FILE_NAME, two_decisions);
	review = load(scan, JAN5, 0);
	assert_int_equal(review_drop_stale(review, scan, &dropped, err, sizeof(err)), 0);
	assert_int_equal(dropped, 1);
	assert_int_equal(review_count(review), 1);
	assert_string_equal(review_get(review, 0)->package, "reqeusts");
	assert_int_equal(stale_count(review, scan), 0);
	text = read_file(fx->file);
	assert_null(strstr(text, "\"gone\""));
	assert_non_null(strstr(text, "\"reqeusts\""));
	free(text);
	/* nothing stale left: nothing written (a write renames a new file into place) */
	assert_int_equal(stat(fx->file, &before), 0);
	assert_int_equal(review_drop_stale(review, scan, &dropped, err, sizeof(err)), 0);
	assert_int_equal(dropped, 0);
	assert_int_equal(stat(fx->file, &after), 0);
	assert_true(before.st_ino == after.st_ino);
	review_free(review);
	/* from a file that is kept reloaded, the same one decision */
	review = load(scan, JAN5, 0);
	assert_int_equal(review_count(review), 1);
	review_free(review);
	scan_free(scan);
}

/* One decision object of the file's format, rule unpinned, nothing pinned. */
static void
add_decision(FILE *f, bool comma, const char *package, const char *kind, const char *reason)
{
	fprintf(f, "%s{\"ecosystem\": \"pypi\", \"package\": \"%s\", \"rule\": \"unpinned\", "
		"\"file\": \"requirements.txt\", \"reviewed_at\": \"\", \"decision\": \"%s\", "
		"\"reason\": \"%s\", \"reviewer\": \"r\", \"date\": \"2026-01-01\"}\n",
		comma ? "," : "", package, kind, reason);
}

/*
 * Many decisions in no order: sorted on load, each finding finds its own,
 * the file's first of two like decisions is the one that applies, and the
 * stale ones are exactly those about names the scan does not have.
 */
static void
test_review_many_decisions_in_any_order(void **state)
{
	enum { N = 400 };
	struct fixture *fx = *state;
	struct scan *scan;
	struct review *review;
	struct review_match m;
	char path[256], name[32];
	size_t n_stale;
	bool *stale;
	FILE *f;

	snprintf(path, sizeof(path), "%s/requirements.txt", fx->dir);
	assert_non_null(f = fopen(path, "w"));
	for (int i = 0; i < N; i++)
		fprintf(f, "zq%03dpkg\n", i);
	fclose(f);
	scan = scan_at(fx, NULL);
	assert_non_null(f = fopen(fx->file, "w"));
	fputs("{\"version\": 1, \"decisions\": [\n", f);
	/* descending, a stale one after every tenth, the duplicate of 7 last */
	for (int i = N - 1; i >= 0; i--) {
		snprintf(name, sizeof(name), "zq%03dpkg", i);
		add_decision(f, i != N - 1, name, i == 7 ? "accepted" : "reviewed",
			     i == 7 ? "first" : "");
		if (i % 10 == 0) {
			snprintf(name, sizeof(name), "gone%03d", (i * 37) % 1000);
			add_decision(f, true, name, "reviewed", "");
		}
	}
	add_decision(f, true, "zq007pkg", "reviewed", "");
	fputs("]}\n", f);
	fclose(f);

	review = load(scan, JAN5, 0);
	assert_int_equal(review_count(review), N + N / 10 + 1);
	for (size_t i = 1; i < review_count(review); i++) {
		const struct review_decision *a = review_get(review, i - 1), *b = review_get(review, i);
		assert_true(strcmp(a->package, b->package) <= 0);
	}
	for (int i = 0; i < N; i++) {
		snprintf(name, sizeof(name), "zq%03dpkg", i);
		review_state_of(review, scan, finding_of(scan, "unpinned", name), &m);
		assert_int_equal(m.state, i == 7 ? REVIEW_ACCEPTED : REVIEW_REVIEWED);
		assert_string_equal(m.decision->package, name);
		if (i == 7)
			assert_string_equal(m.decision->reason, "first");
	}
	stale = review_stale(review, scan, &n_stale);
	assert_non_null(stale);
	assert_int_equal(n_stale, N / 10);
	for (size_t i = 0; i < review_count(review); i++)
		assert_int_equal(stale[i], strncmp(review_get(review, i)->package, "gone", 4) == 0);
	free(stale);
	review_free(review);
	scan_free(scan);
}

static void
test_review_drop_stale_in_a_snapshot_writes_nothing(void **state)
{
	struct fixture *fx = *state;
	struct scan *scan;
	struct review *review;
	size_t dropped = 99;
	char err[512], *before, *after;

	write_file(fx, REVIEW_FILE_NAME, two_decisions);
	run("cd %s && git add requirements.txt && git -c user.name=a -c user.email=a@b "
	    "commit -qm one", fx->dir);
	scan = scan_at(fx, "HEAD");
	review = load(scan, JAN5, 0);
	before = read_file(fx->file);
	assert_int_equal(review_drop_stale(review, scan, &dropped, err, sizeof(err)), ERR_USAGE);
	assert_int_equal(dropped, 0);
	assert_non_null(strstr(err, "--rev"));
	after = read_file(fx->file);
	assert_string_equal(before, after);
	free(before);
	free(after);
	review_free(review);
	scan_free(scan);
}

static void
test_review_an_option_line_is_identified_by_its_value(void **state)
{
	struct fixture *fx = *state;
	struct scan *scan = scan_at(fx, NULL);
	struct review *review = load(scan, JAN5, 0);
	const struct finding *f = finding_of(scan, "extra-index", "https://example.org/simple");
	struct review_progress p;
	char err[512];

	assert_int_equal(review_decide(review, scan, f, REVIEW_KIND_ACCEPTED, "our mirror",
				       "2026-02-01", err, sizeof(err)), 0);
	assert_string_equal(review_get(review, 0)->package, "https://example.org/simple");
	assert_string_equal(review_get(review, 0)->reviewed_at, "");
	assert_int_equal(review_decide(review, scan, finding_of(scan, "unpinned", "flask"),
				       REVIEW_KIND_REVIEWED, NULL, NULL, err, sizeof(err)), 0);
	review_progress_of(review, scan, &p);
	assert_int_equal(p.accepted, 1);
	assert_int_equal(p.reviewed, 1);
	assert_int_equal(p.flagged, scan_finding_count(scan));
	/* deciding again replaces, never duplicates */
	assert_int_equal(review_decide(review, scan, f, REVIEW_KIND_REVIEWED, "looked", NULL,
				       err, sizeof(err)), 0);
	assert_int_equal(review_count(review), 2);
	assert_int_equal(state_of(review, scan, f), REVIEW_REVIEWED);
	review_free(review);
	scan_free(scan);
}

static void
test_review_a_rev_snapshot_is_never_written(void **state)
{
	struct fixture *fx = *state;
	struct scan *scan;
	struct review *review;
	char err[512];

	run("cd %s && git add requirements.txt && git -c user.name=a -c user.email=a@b "
	    "commit -qm one", fx->dir);
	scan = scan_at(fx, "HEAD");
	review = load(scan, JAN5, 0);
	assert_int_equal(review_decide(review, scan, finding_of(scan, "typosquat", "reqeusts"),
				       REVIEW_KIND_ACCEPTED, "fork", NULL, err, sizeof(err)),
			 ERR_USAGE);
	assert_non_null(strstr(err, "--rev"));
	assert_int_equal(access(fx->file, F_OK), -1);
	review_free(review);
	scan_free(scan);
}

static void
test_review_reviewer_falls_back_to_user(void **state)
{
	struct fixture *fx = *state;
	struct scan *scan;
	struct review *review;
	char err[512];

	run("git -C %s config --unset user.name && git -C %s config --unset user.email",
	    fx->dir, fx->dir);
	setenv("USER", "someone", 1);
	scan = scan_at(fx, NULL);
	review = load(scan, JAN5, 0);
	assert_int_equal(review_decide(review, scan, finding_of(scan, "unpinned", "flask"),
				       REVIEW_KIND_REVIEWED, NULL, NULL, err, sizeof(err)), 0);
	assert_string_equal(review_get(review, 0)->reviewer, "someone");
	review_free(review);
	scan_free(scan);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_review_missing_file_is_an_empty_review_and_is_not_created),
		T(test_review_accept_writes_the_file_and_a_reload_honours_it),
		T(test_review_a_new_version_flags_the_entry_again_with_from_and_to),
		T(test_review_acceptance_holds_through_its_expiry_day_then_expires),
		T(test_review_undo_removes_the_decision_and_keeps_an_empty_file),
		T(test_review_a_symbolic_link_is_neither_read_nor_written_through),
		T(test_review_malformed_json_names_the_file_and_line),
		T(test_review_a_malformed_decision_is_reported_the_others_kept_and_nothing_saved),
		T(test_review_stale_decisions_match_nothing_and_unknown_members_survive),
		T(test_review_drop_stale_removes_only_the_stale_and_keeps_the_rest),
		T(test_review_drop_stale_in_a_snapshot_writes_nothing),
		T(test_review_many_decisions_in_any_order),
		T(test_review_an_option_line_is_identified_by_its_value),
		T(test_review_a_rev_snapshot_is_never_written),
		T(test_review_reviewer_falls_back_to_user),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
