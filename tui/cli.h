/* The command line: what the user asked for, parsed without side effects. */
#ifndef DEPUTY_TUI_CLI_H
#define DEPUTY_TUI_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "deputy/rule.h"

enum cli_command {
	CMD_AUDIT,      /* deputy [PATH]: the audit screen */
	CMD_DEMO,       /* deputy --demo */
	CMD_SCAN,       /* deputy scan [PATH] */
	CMD_EXPLAIN,    /* deputy explain [RULE] */
	CMD_UPDATE,     /* deputy update [--intel-url URL] [--clear] */
	CMD_HELP,
	CMD_VERSION,
};

enum cli_format {
	FORMAT_TEXT,
	FORMAT_JSON,
};

struct config;

struct cli {
	enum cli_command command;
	const char *path;           /* borrowed from argv; "." by default */
	const char *rev;            /* --rev; NULL for the working tree */
	const char *rule;           /* explain RULE; NULL lists all */
	const char *theme;          /* --theme */
	enum cli_format format;
	enum severity fail_on;
	bool help_for_scan;         /* scan --help */
	bool help_for_update;       /* update --help */
	const char *intel_url;      /* update --intel-url; NULL for the default */
	bool clear;                 /* update --clear */
	const char *python_env;     /* --python-env DIR */
	const char *r_library;      /* --r-library DIR */
	const char *cran_index;     /* --cran-index FILE */
	const char *pypi_cache;     /* --pypi-cache DIR */
	bool online;                /* --online: resolve git refs over the network */
	const char *github_base;    /* --github-base URL; NULL: the configuration's, else GitHub */
	const char *gitlab_base;    /* --gitlab-base URL; likewise */
	const char *cran_url;       /* --cran-url URL: the CRAN repository read online */
	const char *pypi_url;       /* --pypi-url URL: PyPI's JSON API base */
	long timeout_s;             /* --timeout SECONDS per download; 0: the default */
	bool cran;                  /* update --cran: CRAN's index too */
	bool ascii;                 /* --ascii: ASCII line drawing in the audit screen */
	const struct config *config;  /* the configuration file's other defaults; may be NULL */
};

#define CLI_INIT { CMD_AUDIT, ".", NULL, NULL, NULL, FORMAT_TEXT, SEV_HIGH, false, false, NULL, \
		   false, NULL, NULL, NULL, NULL, false, NULL, NULL, NULL, NULL, 0, false, false, NULL }

/*
 * Parses @argv into @out. Returns 0, or ERR_USAGE with a one-line message
 * (without the "deputy: " prefix) in @err.
 */
int cli_parse(struct cli *out, int argc, char **argv, char *err, size_t err_size);

void cli_usage(FILE *out);
void cli_scan_usage(FILE *out);
void cli_update_usage(FILE *out);

#endif
