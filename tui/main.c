/*
 * deputy's entry point: parse the command line, run the scan, then hand the
 * finished scan to the audit screen or to a report.
 */
#include <errno.h>
#include <locale.h>
#include <stdarg.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "config.h"
#include "output.h"
#include "tree.h"
#include "deputy/demo.h"
#include "deputy/diag.h"
#include "deputy/report.h"
#include "deputy/review.h"
#include "deputy/scan.h"
#include "deputy/strbuf.h"
#include "deputy/sync.h"
#include "tui.h"

/* Exit statuses, as documented in --help. */
enum {
	EXIT_CLEAN = 0,
	EXIT_FINDINGS = 1,
	EXIT_TROUBLE = 2,
};

/*
 * A message on stderr, "deputy: " first. Paths, reasons and names may come
 * from the repository or the intel: control bytes are shown escaped
 * (output_say()).
 */
static void __attribute__((format(printf, 1, 2)))
say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	output_vsay(stderr, fmt, ap);
	va_end(ap);
}

/* What a command did, on stdout. */
static void __attribute__((format(printf, 1, 2)))
tell(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	output_vsay(stdout, fmt, ap);
	va_end(ap);
}

/* The cache folder `deputy update` fills, for scans to read; NULL when there is none. */
static char *
intel_cache(void)
{
	char *dir = NULL;
	char err[256];

	return sync_cache_dir(&dir, false, err, sizeof(err)) == 0 ? dir : NULL;
}

/*
 * The resolver's sources the command line names. With --online the cache
 * folder is made when missing (the caller frees *@online_cache).
 */
static void
set_sources(struct scan_opts *opts, const struct cli *cli, char **online_cache)
{
	char err[256];

	opts->python_env = cli->python_env;
	opts->r_library = cli->r_library;
	opts->cran_index = cli->cran_index;
	opts->pypi_cache = cli->pypi_cache;
	opts->online = cli->online;
	opts->github_base = cli->github_base;
	opts->gitlab_base = cli->gitlab_base;
	opts->cran_url = cli->cran_url;
	opts->pypi_url = cli->pypi_url;
	opts->timeout_s = cli->timeout_s;
	*online_cache = NULL;
	if (cli->online && sync_cache_dir(online_cache, true, err, sizeof(err)) != 0)
		say("warning: no cache folder for --online: %s", err);
	opts->cache = *online_cache;
}

/*
 * What the command line names must exist before a scan starts: @path a
 * folder (a file's folder, or its whole repository, was scanned without a
 * word), and each source of the graph it gives. False when not, said.
 */
static bool
check_paths(const struct cli *cli, const char *path)
{
	const char *const sources[][2] = {
		{ "--python-env", cli->python_env }, { "--r-library", cli->r_library },
		{ "--cran-index", cli->cran_index }, { "--pypi-cache", cli->pypi_cache },
	};
	struct stat st;

	if (stat(path, &st) != 0) {
		int e = errno;
		say("%s: %s%s", path, strerror(e), e == ENOENT && !strchr(path, '/')
		    ? " (and no command has that name: scan, explain, update)" : "");
		return false;
	}
	if (!S_ISDIR(st.st_mode)) {
		say("%s is not a folder: give the repository or folder that holds it", path);
		return false;
	}
	for (size_t i = 0; i < sizeof(sources) / sizeof(sources[0]); i++) {
		if (sources[i][1] && stat(sources[i][1], &st) != 0) {
			say("%s %s: %s", sources[i][0], sources[i][1], strerror(errno));
			return false;
		}
	}
	return true;
}

struct report_args {
	const struct scan *scan;
	const struct review *review;
	bool json;
};

static int
write_report(FILE *out, const void *arg)
{
	const struct report_args *a = arg;

	return a->json ? report_json_reviewed(out, a->scan, a->review)
		       : report_text_reviewed(out, a->scan, a->review, output_ascii());
}

static int
run_scan(const struct cli *cli)
{
	struct scan_opts opts = SCAN_OPTS_INIT;
	char *cache = intel_cache(), *online_cache;
	struct scan *scan;
	char err[512];
	int rc;

	if (!check_paths(cli, cli->path)) {
		free(cache);
		return EXIT_TROUBLE;
	}
	opts.rev = cli->rev;
	opts.intel_cache = cache;
	set_sources(&opts, cli, &online_cache);
	rc = scan_run(&scan, cli->path, &opts, err, sizeof(err));
	free(cache);
	free(online_cache);
	if (rc) {
		say("%s", err[0] ? err : err_str(rc));
		return EXIT_TROUBLE;
	}
	/* a broken review file is a warning: the scan is reported without what it lost */
	struct review *review = NULL;
	int rrc = review_load(&review, scan, time(NULL), err, sizeof(err));
	if (rrc)
		say("warning: %s", err[0] ? err : err_str(rrc));
	struct report_args args = { scan, review, cli->format == FORMAT_JSON };
	rc = output_with(stdout, args.json, write_report, &args);
	if (fflush(stdout) != 0 && rc == 0)
		rc = ERR_IO;
	size_t bad = report_count_failing(scan, review, cli->fail_on);
	review_free(review);
	scan_free(scan);
	if (rc) {
		say("could not write the report: %s", err_str(rc));
		return EXIT_TROUBLE;
	}
	return bad ? EXIT_FINDINGS : EXIT_CLEAN;
}

/* One rule's explanation (@arg), or the list of rules (@arg NULL). */
static int
write_explain(FILE *out, const void *arg)
{
	return arg ? report_rule(out, arg) : report_rule_list(out);
}

static int
run_explain(const struct cli *cli)
{
	const struct rule *rule = NULL;

	if (cli->rule && !(rule = rule_find(cli->rule))) {
		say("no rule named '%.60s' (run 'deputy explain' for the list)",
			cli->rule);
		return EXIT_TROUBLE;
	}
	return output_with(stdout, false, write_explain, rule) ? EXIT_TROUBLE : EXIT_CLEAN;
}

/* The audit screen's options: the command line's, and the configuration file's filters and keys. */
static void
set_screen_opts(struct tui_opts *topts, const struct cli *cli, bool demo)
{
	const struct config *c = cli->config;

	topts->theme = cli->theme;
	topts->demo = demo;
	topts->ascii = cli->ascii;
	if (!c)
		return;
	if (c->filters.has_min_severity)
		topts->min_severity = (int)c->filters.min_severity;
	if (c->filters.has_ecosystem)
		topts->ecosystem = c->filters.ecosystem == CONFIG_ECO_PYTHON ? TREE_ECO_PYTHON
				   : c->filters.ecosystem == CONFIG_ECO_R ? TREE_ECO_R : TREE_ECO_ALL;
	if (c->filters.has_flagged_only)
		topts->flagged_only = c->filters.flagged_only;
	topts->keys = c->keys;
	topts->n_keys = c->n_keys;
}

static int
run_audit(const struct cli *cli, const char *path, bool demo)
{
	struct scan_opts opts = SCAN_OPTS_INIT;
	struct tui_opts topts = TUI_OPTS_INIT;
	char *cache, *online_cache;
	char err[512];
	int rc;

	if (!check_paths(cli, path))
		return EXIT_TROUBLE;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		say("the audit screen needs a terminal; use 'deputy scan' for a report");
		return EXIT_TROUBLE;
	}
	set_screen_opts(&topts, cli, demo);
	opts.rev = cli->rev;
	opts.intel_cache = cache = intel_cache();
	set_sources(&opts, cli, &online_cache);
	err[0] = '\0';
	rc = tui_audit(path, &opts, &topts, err, sizeof(err));
	free(cache);
	free(online_cache);
	if (rc == 1) {
		say("the scan of %s was cancelled", path);
		return EXIT_CLEAN;
	}
	if (rc) {
		say("%s", err[0] ? err : err_str(rc));
		return EXIT_TROUBLE;
	}
	return EXIT_CLEAN;
}

/* Reports shown one by one before "and N more". */
#define PROBLEMS_SHOWN 10

struct update_ui {
	bool tty;                    /* stderr is a terminal: draw the bar */
	char last[128];              /* the bar drawn last; "" when none is drawn */
	unsigned long key;           /* what it showed: percentage and MiB */
	size_t problems;
};

/* One line on stderr: a bar over received objects, then over resolved deltas. */
static int
on_update_progress(const struct sync_progress *p, void *payload)
{
	struct update_ui *ui = payload;
	bool deltas = p->total_objects > 0 && p->received_objects == p->total_objects &&
		p->total_deltas > 0;
	unsigned done = deltas ? p->indexed_deltas : p->received_objects;
	unsigned total = deltas ? p->total_deltas : p->total_objects;
	unsigned pct = total ? (unsigned)((uint64_t)done * 100 / total) : 0;
	char bar[31], line[sizeof(ui->last)];
	size_t fill = (size_t)pct * 30 / 100;

	if (!ui->tty)
		return 0;
	memset(bar, '#', fill);
	memset(bar + fill, '.', 30 - fill);
	bar[30] = '\0';
	snprintf(line, sizeof(line), "%s [%s] %3u%% %u/%u %s, %.1f MiB",
		 deltas ? "resolving" : "fetching ", bar, pct, done, total,
		 deltas ? "deltas" : "objects", (double)p->received_bytes / (1024.0 * 1024.0));
	/* Redraw when the percentage or the tenth of a MiB moves, not at every object. */
	unsigned long key = ((unsigned long)deltas << 7 | pct) |
		(unsigned long)(p->received_bytes / (1024 * 1024 / 10)) << 8;
	if (!ui->last[0] || key != ui->key || (done == total && strcmp(line, ui->last) != 0)) {
		ui->key = key;
		snprintf(ui->last, sizeof(ui->last), "%s", line);
		fprintf(stderr, "\r%-79.79s", line);
		fflush(stderr);
	}
	return 0;
}

static void
on_update_problem(const char *path, const char *reason, void *payload)
{
	struct update_ui *ui = payload;

	if (ui->problems++ >= PROBLEMS_SHOWN)
		return;
	if (ui->tty && ui->last[0]) {
		fprintf(stderr, "\r%79s\r", "");
		ui->last[0] = '\0';
	}
	say("warning: skipped %s: %s", path, reason);
}

static int
run_clear(const char *cache)
{
	char err[1024];
	size_t removed = 0;

	if (sync_clear(cache, &removed, err, sizeof(err)) != 0) {
		say("%s", err);
		return EXIT_TROUBLE;
	}
	tell("cleared the intel cache %s (%zu %s removed)", cache, removed,
	     removed == 1 ? "entry" : "entries");
	return EXIT_CLEAN;
}

static int
run_update(const struct cli *cli)
{
	struct update_ui ui = { isatty(STDERR_FILENO) != 0, "", 0, 0 };
	struct sync_opts opts = SYNC_OPTS_INIT;
	struct sync_result res;
	char err[1024];
	char *cache = NULL;
	int rc;

	if (sync_cache_dir(&cache, !cli->clear, err, sizeof(err)) != 0) {
		say("%s", err);
		return EXIT_TROUBLE;
	}
	if (cli->clear) {
		rc = run_clear(cache);
		free(cache);
		return rc;
	}
	opts.url = cli->intel_url;
	/* a local path (no scheme, no host:): libgit2 would call it an unsupported URL */
	struct stat st;
	if (opts.url && (opts.url[0] == '/' || opts.url[0] == '.' || !strchr(opts.url, ':')) &&
	    stat(opts.url, &st) != 0) {
		say("%s: %s", opts.url, strerror(errno));
		free(cache);
		return EXIT_TROUBLE;
	}
	opts.progress = on_update_progress;
	opts.problem = on_update_problem;
	opts.payload = &ui;
	rc = sync_update(&res, cache, &opts, err, sizeof(err));
	if (ui.tty && ui.last[0])
		fprintf(stderr, "\r%79s\r", "");
	if (rc) {
		say("%s", err[0] ? err : err_str(rc));
		free(cache);
		return EXIT_TROUBLE;
	}
	if (ui.problems > PROBLEMS_SHOWN)
		say("warning: and %zu more malformed reports skipped",
			ui.problems - PROBLEMS_SHOWN);
	/* the branch is the intel repository's to name: any bytes but the few git refuses */
	char malformed[64] = "";
	if (res.malformed)
		snprintf(malformed, sizeof(malformed), ", %zu malformed skipped", res.malformed);
	tell("%s %s (%s%s%.7s): %zu PyPI and %zu CRAN packages from %zu reports%s; index in %s",
	     res.cloned ? "cloned" : "fetched", opts.url ? opts.url : SYNC_DEFAULT_URL,
	     res.branch, res.branch[0] ? " " : "", res.commit, res.pypi, res.cran, res.reports,
	     malformed, cache);
	if (cli->cran) {
		rc = sync_cran(cache, cli->cran_url, cli->timeout_s, err, sizeof(err));
		if (rc) {
			say("could not download the CRAN index: %s",
				err[0] ? err : err_str(rc));
			free(cache);
			return EXIT_TROUBLE;
		}
		tell("downloaded CRAN's package index from %s into %s/%s",
		     cli->cran_url ? cli->cran_url : SYNC_CRAN_URL, cache, SYNC_CRAN_INDEX);
	}
	free(cache);
	return EXIT_CLEAN;
}

/* "(bundled intel of DATE, N days old; synced intel of DATE, N days old)" */
static void
print_version(void)
{
	int64_t now = (int64_t)time(NULL);
	struct sync_info info;
	char err[1024];
	char *cache = intel_cache();
	int rc = cache ? sync_info(&info, cache, err, sizeof(err)) : ERR_NOTFOUND;
	int age = sync_age_days(scan_intel_date(), now);

	free(cache);
	printf("deputy %s (bundled intel of %s, %d %s old; ", DEPUTY_VERSION, scan_intel_date(),
	       age, age == 1 ? "day" : "days");
	if (rc == 0) {
		age = sync_age_days(info.updated, now);
		printf("synced intel of %.10s, %d %s old)\n", info.updated, age,
		       age == 1 ? "day" : "days");
	} else if (rc == ERR_NOTFOUND) {
		printf("no synced intel: run deputy update)\n");
	} else {
		printf("synced intel unreadable: run deputy update)\n");
		say("%s", err);
	}
}

/*
 * The demo's folder, so that a terminal closed under deputy (SIGHUP) or a
 * kill (SIGTERM) still removes it. nftw() is not async-signal-safe; the
 * process ends right after, so the worst case is a folder left in $TMPDIR.
 */
static char *demo_dir;
static pid_t demo_owner;        /* not a child forked for --online, which inherits the handler */

static void
on_fatal_signal(int sig)
{
	if (demo_dir && getpid() == demo_owner)
		demo_remove(demo_dir);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Sets what SIGHUP, SIGTERM and SIGINT do. */
static void
on_fatal_signals(void (*handler)(int))
{
	signal(SIGHUP, handler);
	signal(SIGTERM, handler);
	signal(SIGINT, handler);
}

/*
 * Those three signals are held back while the folder is made and while it is
 * removed (each a quarter of a second on a busy machine), so that one coming
 * then waits for demo_dir to say what exists, rather than ending the process
 * halfway.
 */
static int
run_demo(const struct cli *cli)
{
	sigset_t fatal, old;

	sigemptyset(&fatal);
	sigaddset(&fatal, SIGHUP);
	sigaddset(&fatal, SIGTERM);
	sigaddset(&fatal, SIGINT);
	sigprocmask(SIG_BLOCK, &fatal, &old);
	demo_owner = getpid();
	int rc = demo_create(&demo_dir);

	if (rc) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		say("could not create the demo repository: %s", err_str(rc));
		return EXIT_TROUBLE;
	}
	on_fatal_signals(on_fatal_signal);
	sigprocmask(SIG_SETMASK, &old, NULL);
	rc = run_audit(cli, demo_dir, true);
	sigprocmask(SIG_BLOCK, &fatal, NULL);
	demo_remove(demo_dir);
	free(demo_dir);
	demo_dir = NULL;
	on_fatal_signals(SIG_DFL);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return rc;
}

/* @rc, unless what went to stdout could not be written (a full disk, /dev/full). */
static int
flushed(int rc)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		say("could not write the output: %s", strerror(errno));
		return EXIT_TROUBLE;
	}
	return rc;
}

/* Runs the command @cli asks for; the process's exit status. */
static int
dispatch(const struct cli *cli)
{
	if (cli->help_for_scan) {
		cli_scan_usage(stdout);
		return flushed(EXIT_CLEAN);
	}
	if (cli->help_for_update) {
		cli_update_usage(stdout);
		return flushed(EXIT_CLEAN);
	}
	switch (cli->command) {
	case CMD_HELP:
		cli_usage(stdout);
		return flushed(EXIT_CLEAN);
	case CMD_VERSION:
		print_version();
		return flushed(EXIT_CLEAN);
	case CMD_SCAN:
		return run_scan(cli);
	case CMD_EXPLAIN:
		return flushed(run_explain(cli));
	case CMD_UPDATE:
		return flushed(run_update(cli));
	case CMD_DEMO:
		return run_demo(cli);
	case CMD_AUDIT:
		return run_audit(cli, cli->path, false);
	}
	return EXIT_TROUBLE;
}

int
main(int argc, char **argv)
{
	struct config config;
	struct cli cli;
	char err[256];
	int rc;

	setlocale(LC_ALL, "");
	if (cli_parse(&cli, argc, argv, err, sizeof(err)) != 0) {
		say("%s", err);
		return EXIT_TROUBLE;
	}
	/* the configuration file gives defaults; the command line wins */
	config_load(&config, stderr);
	cli.config = &config;
	if (!cli.theme)
		cli.theme = config.theme;
	if (cli.command == CMD_UPDATE && !cli.intel_url && !cli.clear)
		cli.intel_url = config.intel_url;
	if (!cli.github_base)
		cli.github_base = config.github_base;
	if (!cli.gitlab_base)
		cli.gitlab_base = config.gitlab_base;
	if (!cli.cran_url)
		cli.cran_url = config.cran_url;
	if (!cli.pypi_url)
		cli.pypi_url = config.pypi_url;
	rc = dispatch(&cli);
	config_release(&config);
	return rc;
}
