/*
 * deputy's entry point: parse the command line, run the scan, then hand the
 * finished scan to the audit screen or to a report.
 */
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "deputy/demo.h"
#include "deputy/diag.h"
#include "deputy/report.h"
#include "deputy/scan.h"
#include "tui.h"

/* Exit statuses, as documented in --help. */
enum {
	EXIT_CLEAN = 0,
	EXIT_FINDINGS = 1,
	EXIT_TROUBLE = 2,
};

static int
run_scan(const struct cli *cli)
{
	struct scan_opts opts = SCAN_OPTS_INIT;
	struct scan *scan;
	char err[512];
	int rc;

	opts.rev = cli->rev;
	rc = scan_run(&scan, cli->path, &opts, err, sizeof(err));
	if (rc) {
		fprintf(stderr, "deputy: %s\n", err[0] ? err : err_str(rc));
		return EXIT_TROUBLE;
	}
	rc = cli->format == FORMAT_JSON ? report_json(stdout, scan) : report_text(stdout, scan);
	if (fflush(stdout) != 0 && rc == 0)
		rc = ERR_IO;
	size_t bad = report_count_at_least(scan, cli->fail_on);
	scan_free(scan);
	if (rc) {
		fprintf(stderr, "deputy: could not write the report: %s\n", err_str(rc));
		return EXIT_TROUBLE;
	}
	return bad ? EXIT_FINDINGS : EXIT_CLEAN;
}

static int
run_explain(const struct cli *cli)
{
	if (!cli->rule)
		return report_rule_list(stdout) ? EXIT_TROUBLE : EXIT_CLEAN;
	const struct rule *rule = rule_find(cli->rule);
	if (!rule) {
		fprintf(stderr, "deputy: no rule named '%.60s' (run 'deputy explain' for the list)\n",
			cli->rule);
		return EXIT_TROUBLE;
	}
	return report_rule(stdout, rule) ? EXIT_TROUBLE : EXIT_CLEAN;
}

static int
run_audit(const struct cli *cli, const char *path, bool demo)
{
	struct scan_opts opts = SCAN_OPTS_INIT;
	struct tui_opts topts = { cli->theme, demo };
	struct scan *scan;
	char err[512];
	int rc;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs("deputy: the audit screen needs a terminal; use 'deputy scan' for a report\n",
		      stderr);
		return EXIT_TROUBLE;
	}
	opts.rev = cli->rev;
	rc = scan_run(&scan, path, &opts, err, sizeof(err));
	if (rc) {
		fprintf(stderr, "deputy: %s\n", err[0] ? err : err_str(rc));
		return EXIT_TROUBLE;
	}
	rc = tui_run(scan, &topts);
	scan_free(scan);
	if (rc) {
		fprintf(stderr, "deputy: the audit screen failed: %s\n", err_str(rc));
		return EXIT_TROUBLE;
	}
	return EXIT_CLEAN;
}

/*
 * The demo's folder, so that a terminal closed under deputy (SIGHUP) or a
 * kill (SIGTERM) still removes it. nftw() is not async-signal-safe; the
 * process ends right after, so the worst case is a folder left in $TMPDIR.
 */
static char *demo_dir;

static void
on_fatal_signal(int sig)
{
	if (demo_dir)
		demo_remove(demo_dir);
	signal(sig, SIG_DFL);
	raise(sig);
}

static int
run_demo(const struct cli *cli)
{
	int rc = demo_create(&demo_dir);

	if (rc) {
		fprintf(stderr, "deputy: could not create the demo repository: %s\n", err_str(rc));
		return EXIT_TROUBLE;
	}
	signal(SIGHUP, on_fatal_signal);
	signal(SIGTERM, on_fatal_signal);
	signal(SIGINT, on_fatal_signal);
	rc = run_audit(cli, demo_dir, true);
	signal(SIGHUP, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	demo_remove(demo_dir);
	free(demo_dir);
	demo_dir = NULL;
	return rc;
}

int
main(int argc, char **argv)
{
	struct cli cli;
	char err[256];

	setlocale(LC_ALL, "");
	if (cli_parse(&cli, argc, argv, err, sizeof(err)) != 0) {
		fprintf(stderr, "deputy: %s\n", err);
		return EXIT_TROUBLE;
	}
	if (cli.help_for_scan) {
		cli_scan_usage(stdout);
		return EXIT_CLEAN;
	}
	switch (cli.command) {
	case CMD_HELP:
		cli_usage(stdout);
		return EXIT_CLEAN;
	case CMD_VERSION:
		printf("deputy %s (intel of %s)\n", DEPUTY_VERSION, scan_intel_date());
		return EXIT_CLEAN;
	case CMD_SCAN:
		return run_scan(&cli);
	case CMD_EXPLAIN:
		return run_explain(&cli);
	case CMD_DEMO:
		return run_demo(&cli);
	case CMD_AUDIT:
		return run_audit(&cli, cli.path, false);
	}
	return EXIT_TROUBLE;
}
