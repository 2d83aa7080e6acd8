/*
 * The user's configuration file, $XDG_CONFIG_HOME/deputy/config.json
 * (default ~/.config/deputy/config.json): defaults that the command line
 * overrides. Format and keys: docs/config.md.
 */
#ifndef DEPUTY_TUI_CONFIG_H
#define DEPUTY_TUI_CONFIG_H

#include <stdio.h>

struct config {
	char *path;         /* the file read, or NULL when there is none */
	char *theme;        /* "theme": a theme name or path; NULL when unset */
	char *intel_url;    /* "intel_url": what `deputy update` fetches; NULL when unset */
	char *github_base;  /* "github_base": where GitHub is for --online; NULL when unset */
	char *gitlab_base;  /* "gitlab_base": likewise for GitLab */
	char *cran_url;     /* "cran_url": the CRAN repository --online reads */
	char *pypi_url;     /* "pypi_url": PyPI's JSON API base for --online */
};

#define CONFIG_INIT { NULL, NULL, NULL, NULL, NULL, NULL, NULL }

/*
 * Reads the configuration file when there is one. A problem (unreadable,
 * not JSON, a key of the wrong type, an unknown key) is reported on @warn as
 * one line naming the file; what could be read is kept, the rest stays at
 * its default. Nothing is fatal. Free with config_release().
 */
void config_load(struct config *out, FILE *warn);
void config_release(struct config *config);

#endif
