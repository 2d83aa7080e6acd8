/* Command-line parsing: a table-free, hand-written getopt for subcommands. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deputy/diag.h"
#include "deputy/sync.h"

void
cli_usage(FILE *out)
{
	fputs("usage: deputy [OPTIONS] [PATH]\n"
	      "       deputy --demo\n"
	      "       deputy scan [PATH] [--format text|json] [--fail-on SEVERITY] [--rev REV]\n"
	      "                   [--python-env DIR] [--r-library DIR] [--cran-index FILE]\n"
	      "                   [--pypi-cache DIR] [--online [--github-base URL]]\n"
	      "       deputy explain [RULE]\n"
	      "       deputy update [--intel-url URL] [--cran [--cran-url URL]] [--clear]\n"
	      "\n"
	      "Audits the Python and R dependencies declared in the git repository (or\n"
	      "folder) at PATH (default: the current directory), and what they pull in,\n"
	      "and lets you step through every risky entry: look-alike names, standard-\n"
	      "library names, known-malicious packages, unpinned versions, mutable git\n"
	      "refs, code run from the web, insecure or extra indexes.\n"
	      "deputy never runs code from the repository and never writes into it,\n"
	      "except .deputy-review.json when you record a review decision.\n"
	      "\n"
	      "Commands:\n"
	      "  (none)          open the interactive audit screen\n"
	      "  scan            print every declaration and finding, for scripts and CI\n"
	      "  explain [RULE]  explain a rule, or list every rule\n"
	      "  update          fetch the OpenSSF malicious-packages database (git) into\n"
	      "                  the cache ($XDG_CACHE_HOME/deputy or ~/.cache/deputy);\n"
	      "                  scans then use it beside the bundled intel\n"
	      "\n"
	      "Options:\n"
	      "  --rev REV       audit a revision (any commit-ish) instead of the working tree\n"
	      "  --demo          open a built-in teaching repository (made in a temporary\n"
	      "                  folder, removed on exit)\n"
	      "  --theme NAME    colour theme: default, light, high-contrast, mono,\n"
	      "                  colour-blind, or a path to a JSON file (docs/themes.md)\n"
	      "  --ascii         draw lines, fold marks and ellipses with ASCII only (the\n"
	      "                  default outside a UTF-8 locale)\n"

	      "  -h, --help      show this help\n"
	      "  -V, --version   show the version\n"
	      "\n"
	      "Where transitive dependencies come from (besides lock files; read as files):\n"
	      "  --python-env DIR   an installed Python environment (a virtualenv or a\n"
	      "                     site-packages folder); .venv/ and venv/ at the root of\n"
	      "                     the repository are read without asking\n"
	      "  --r-library DIR    an R library (a folder of installed packages)\n"
	      "  --cran-index FILE  a CRAN PACKAGES file, plain or gzip\n"
	      "  --pypi-cache DIR   a folder of PyPI project documents (the JSON API format)\n"
	      "  --online           also use the network: resolve each GitHub, GitLab or git\n"
	      "                     ref (install_github(), Remotes, git+ requirements) to\n"
	      "                     the commit it points at today and read the package's\n"
	      "                     DESCRIPTION or pyproject.toml there (fetched into the\n"
	      "                     cache folder), and CRAN's PACKAGES and PyPI's project\n"
	      "                     documents for what nothing else describes (kept a day\n"
	      "                     in the cache); never done without this option\n"
	      "  --github-base URL  where GitHub is, for --online (a mirror, or file:// for\n"
	      "                     tests; default https://github.com); --gitlab-base URL too\n"
	      "  --cran-url URL     the CRAN repository --online reads\n"
	      "                     (default https://cloud.r-project.org)\n"
	      "  --pypi-url URL     PyPI's JSON API base (default https://pypi.org/pypi)\n"
	      "  --timeout SECONDS  for each download with --online (default 30)\n"
	      "\n"
	      "Defaults come from $XDG_CONFIG_HOME/deputy/config.json (or\n"
	      "~/.config/deputy/config.json): \"theme\", \"intel_url\", \"github_base\",\n"
	      "\"gitlab_base\", \"cran_url\", \"pypi_url\" (docs/config.md).\n"
	      "In the audit screen, press ? for the keys.\n", out);
}

void
cli_update_usage(FILE *out)
{
	fputs("usage: deputy update [--intel-url URL] [--cran [--cran-url URL]] [--clear]\n"
	      "\n"
	      "Clones (the first time) or fetches a git repository of OSV malicious-package\n"
	      "reports into the cache folder ($XDG_CACHE_HOME/deputy, or ~/.cache/deputy),\n"
	      "then indexes its PyPI and CRAN entries. 'deputy scan' and the audit screen\n"
	      "use the index beside the bundled intel; 'deputy --version' says how old it is.\n"
	      "\n"
	      "  --intel-url URL  where to fetch from: a git URL, a local path or file://\n"
	      "                   (default: \"intel_url\" in the configuration file, else\n"
	      "                   " SYNC_DEFAULT_URL ")\n"
	      "  --cran           also download CRAN's package index (PACKAGES.gz) into the\n"
	      "                   cache: scans then resolve R dependencies from it, offline\n"
	      "  --cran-url URL   the CRAN repository to take it from (default: \"cran_url\"\n"
	      "                   in the configuration file, else " SYNC_CRAN_URL ")\n"
	      "  --timeout SECONDS  for that download (default 30)\n"
	      "  --clear          remove what deputy put in the cache folder (also what\n"
	      "                   --online and --cran fetched), and nothing else\n"
	      "\n"
	      "Exit status: 0 done, 2 a usage, network or input/output error.\n", out);
}

void
cli_scan_usage(FILE *out)
{
	fputs("usage: deputy scan [PATH] [--format text|json] [--fail-on SEVERITY] [--rev REV]\n"
	      "                   [--python-env DIR] [--r-library DIR] [--cran-index FILE]\n"
	      "                   [--pypi-cache DIR] [--online [--github-base URL]\n"
	      "                   [--gitlab-base URL] [--cran-url URL] [--pypi-url URL]\n"
	      "                   [--timeout SECONDS]]\n"
	      "\n"
	      "Prints every declaration and finding of the repository at PATH, and the\n"
	      "findings on what the declarations pull in (see deputy --help for the\n"
	      "sources of the dependency graph; the JSON output carries the graph).\n"
	      "\n"
	      "  --format FORMAT     text (default) or json (see docs/json-output.md)\n"
	      "  --fail-on SEVERITY  exit 1 when a finding is at or above SEVERITY:\n"
	      "                      critical, high (default), medium, low, info\n"
	      "  --rev REV           scan a revision instead of the working tree\n"
	      "  --online            also use the network (git refs, CRAN and PyPI indexes;\n"
	      "                      see deputy --help)\n"
	      "\n"
	      "Exit status: 0 nothing at or above the threshold, 1 something is,\n"
	      "2 a usage or input/output error. A file of the repository that cannot\n"
	      "be parsed is a diagnostic in the report, not a failure: look for its\n"
	      "error lines (\"level\": \"error\" in JSON).\n", out);
}

/* Matches "--name VALUE" and "--name=VALUE"; advances *@i past what it used. */
static int
take_value(const char **out, const char *name, int argc, char **argv, int *i, char *err,
	   size_t err_size)
{
	const char *arg = argv[*i];
	size_t n = strlen(name);

	if (strncmp(arg, name, n) != 0)
		return 1;       /* not this option */
	if (arg[n] == '=') {
		*out = arg + n + 1;
		return 0;
	}
	if (arg[n] != '\0')
		return 1;
	if (*i + 1 >= argc) {
		snprintf(err, err_size, "option '%s' needs a value", name);
		return ERR_USAGE;
	}
	*out = argv[++*i];
	return 0;
}

static int
parse_option(struct cli *out, int argc, char **argv, int *i, char *err, size_t err_size)
{
	const char *arg = argv[*i];
	const char *value;
	int r;

	if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
		if (out->command == CMD_SCAN)
			out->help_for_scan = true;
		else if (out->command == CMD_UPDATE)
			out->help_for_update = true;
		else
			out->command = CMD_HELP;
		return 0;
	}
	if (strcmp(arg, "-V") == 0 || strcmp(arg, "--version") == 0) {
		out->command = CMD_VERSION;
		return 0;
	}
	if (strcmp(arg, "--demo") == 0) {
		if (out->command != CMD_AUDIT) {
			snprintf(err, err_size, "--demo goes alone, without a command");
			return ERR_USAGE;
		}
		out->command = CMD_DEMO;
		return 0;
	}
	if (strcmp(arg, "--clear") == 0) {
		out->clear = true;
		return 0;
	}
	if (strcmp(arg, "--cran") == 0) {
		out->cran = true;
		return 0;
	}
	if (strcmp(arg, "--ascii") == 0) {
		out->ascii = true;
		return 0;
	}
	if (strcmp(arg, "--online") == 0) {
		out->online = true;
		return 0;
	}
	if ((r = take_value(&out->github_base, "--github-base", argc, argv, i, err, err_size)) <= 0)
		return r;
	if ((r = take_value(&out->gitlab_base, "--gitlab-base", argc, argv, i, err, err_size)) <= 0)
		return r;
	if ((r = take_value(&out->cran_url, "--cran-url", argc, argv, i, err, err_size)) <= 0)
		return r;
	if ((r = take_value(&out->pypi_url, "--pypi-url", argc, argv, i, err, err_size)) <= 0)
		return r;
	if ((r = take_value(&value, "--timeout", argc, argv, i, err, err_size)) <= 0) {
		char *end;
		long s;

		if (r < 0)
			return r;
		s = strtol(value, &end, 10);
		if (end == value || *end || s < 1 || s > 3600) {
			snprintf(err, err_size, "--timeout takes a number of seconds from 1 to 3600, "
				 "not '%.40s'", value);
			return ERR_USAGE;
		}
		out->timeout_s = s;
		return 0;
	}
	if ((r = take_value(&out->intel_url, "--intel-url", argc, argv, i, err, err_size)) <= 0)
		return r;
	if ((r = take_value(&out->rev, "--rev", argc, argv, i, err, err_size)) <= 0)
		return r;
	if ((r = take_value(&out->python_env, "--python-env", argc, argv, i, err, err_size)) <= 0)
		return r;
	if ((r = take_value(&out->r_library, "--r-library", argc, argv, i, err, err_size)) <= 0)
		return r;
	if ((r = take_value(&out->cran_index, "--cran-index", argc, argv, i, err, err_size)) <= 0)
		return r;
	if ((r = take_value(&out->pypi_cache, "--pypi-cache", argc, argv, i, err, err_size)) <= 0)
		return r;
	if ((r = take_value(&out->theme, "--theme", argc, argv, i, err, err_size)) <= 0)
		return r;
	if ((r = take_value(&value, "--format", argc, argv, i, err, err_size)) <= 0) {
		if (r < 0)
			return r;
		if (strcmp(value, "text") == 0)
			out->format = FORMAT_TEXT;
		else if (strcmp(value, "json") == 0)
			out->format = FORMAT_JSON;
		else {
			snprintf(err, err_size, "unknown format '%.40s' (expected text or json)",
				 value);
			return ERR_USAGE;
		}
		return 0;
	}
	if ((r = take_value(&value, "--fail-on", argc, argv, i, err, err_size)) <= 0) {
		if (r < 0)
			return r;
		if (severity_parse(&out->fail_on, value) != 0) {
			snprintf(err, err_size, "unknown severity '%.40s' (expected critical, high, "
				 "medium, low or info)", value);
			return ERR_USAGE;
		}
		return 0;
	}
	snprintf(err, err_size, "unknown option '%.60s' (try 'deputy --help')", arg);
	return ERR_USAGE;
}

int
cli_parse(struct cli *out, int argc, char **argv, char *err, size_t err_size)
{
	int positional = 0;
	bool options_done = false;

	*out = (struct cli)CLI_INIT;
	err[0] = '\0';
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];

		if (!options_done && strcmp(arg, "--") == 0) {
			options_done = true;
			continue;
		}
		if (!options_done && arg[0] == '-' && arg[1] != '\0') {
			int r = parse_option(out, argc, argv, &i, err, err_size);
			if (r)
				return r;
			continue;
		}
		if (positional == 0 && out->command == CMD_AUDIT && !options_done &&
		    (strcmp(arg, "scan") == 0 || strcmp(arg, "explain") == 0 ||
		     strcmp(arg, "update") == 0)) {
			out->command = arg[0] == 's' ? CMD_SCAN : arg[0] == 'e' ? CMD_EXPLAIN
									  : CMD_UPDATE;
			continue;
		}
		if (out->command == CMD_UPDATE) {
			snprintf(err, err_size, "'deputy update' takes no argument ('%.60s')", arg);
			return ERR_USAGE;
		}
		if (positional++ > 0) {
			snprintf(err, err_size, "unexpected argument '%.60s'", arg);
			return ERR_USAGE;
		}
		if (out->command == CMD_EXPLAIN)
			out->rule = arg;
		else
			out->path = arg;
	}
	if (out->command == CMD_DEMO && (positional || out->rev)) {
		snprintf(err, err_size, "--demo takes no path and no --rev");
		return ERR_USAGE;
	}
	if (out->command != CMD_UPDATE && (out->intel_url || out->clear) &&
	    out->command != CMD_HELP && out->command != CMD_VERSION) {
		snprintf(err, err_size, "--intel-url and --clear go with 'deputy update'");
		return ERR_USAGE;
	}
	if (out->command == CMD_UPDATE && out->intel_url && out->clear) {
		snprintf(err, err_size, "--clear takes no --intel-url: it only empties the cache");
		return ERR_USAGE;
	}
	if (out->command == CMD_UPDATE && out->intel_url && !out->intel_url[0]) {
		snprintf(err, err_size, "--intel-url needs a URL or a path");
		return ERR_USAGE;
	}
	if (out->cran && (out->command != CMD_UPDATE || out->clear) && out->command != CMD_HELP &&
	    out->command != CMD_VERSION) {
		snprintf(err, err_size, "--cran goes with 'deputy update' (without --clear)");
		return ERR_USAGE;
	}
	if ((out->cran_url || out->timeout_s) && !out->online && !out->cran &&
	    out->command != CMD_HELP && out->command != CMD_VERSION) {
		snprintf(err, err_size, "--cran-url and --timeout go with --online or "
			 "'deputy update --cran'");
		return ERR_USAGE;
	}
	if ((out->github_base || out->gitlab_base || out->pypi_url) && !out->online &&
	    out->command != CMD_HELP && out->command != CMD_VERSION) {
		snprintf(err, err_size, "--github-base, --gitlab-base and --pypi-url go with --online");
		return ERR_USAGE;
	}
	if (out->online && out->command != CMD_SCAN &&
	    out->command != CMD_AUDIT && out->command != CMD_HELP && out->command != CMD_VERSION) {
		snprintf(err, err_size, "--online goes with 'deputy scan' or the audit screen");
		return ERR_USAGE;
	}
	if ((out->github_base && !out->github_base[0]) ||
	    (out->gitlab_base && !out->gitlab_base[0]) || (out->cran_url && !out->cran_url[0]) ||
	    (out->pypi_url && !out->pypi_url[0])) {
		snprintf(err, err_size, "--github-base, --gitlab-base, --cran-url and --pypi-url "
			 "need a URL");
		return ERR_USAGE;
	}
	if ((out->ascii || out->theme) && out->command != CMD_AUDIT && out->command != CMD_DEMO &&
	    out->command != CMD_HELP && out->command != CMD_VERSION) {
		snprintf(err, err_size, "--ascii and --theme go with the audit screen or --demo");
		return ERR_USAGE;
	}
	if (out->command == CMD_UPDATE && out->rev) {
		snprintf(err, err_size, "--rev goes with 'deputy scan' or the audit screen");
		return ERR_USAGE;
	}
	if (out->command != CMD_SCAN && (out->format != FORMAT_TEXT || out->fail_on != SEV_HIGH) &&
	    out->command != CMD_HELP && out->command != CMD_VERSION) {
		snprintf(err, err_size, "--format and --fail-on go with 'deputy scan'");
		return ERR_USAGE;
	}
	return 0;
}
