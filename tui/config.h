/*
 * The user's configuration file, $XDG_CONFIG_HOME/deputy/config.json
 * (default ~/.config/deputy/config.json): defaults that the command line
 * overrides. Format and keys: docs/config.md.
 */
#ifndef DEPUTY_TUI_CONFIG_H
#define DEPUTY_TUI_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "deputy/rule.h"
#include "action.h"

/* "ecosystem" in "filters": which declarations the tree shows at start. */
enum config_ecosystem {
	CONFIG_ECO_ALL,
	CONFIG_ECO_PYTHON,
	CONFIG_ECO_R,
};

/* "filters": how the audit screen starts; each has_* says the key was given. */
struct config_filters {
	bool has_min_severity;
	enum severity min_severity;     /* "min_severity": hide findings below it */
	bool has_ecosystem;
	enum config_ecosystem ecosystem; /* "ecosystem": "python", "r" or "all" */
	bool has_flagged_only;
	bool flagged_only;              /* "flagged_only": start with flagged entries only */
};

/* One entry of "keys": @key (a character or an ncurses KEY_* code) runs @action. */
struct config_key {
	enum action action;
	int key;
};

struct config {
	char *path;         /* the file read, or NULL when there is none */
	char *theme;        /* "theme": a theme name or path; NULL when unset */
	char *intel_url;    /* "intel_url": what `deputy update` fetches; NULL when unset */
	char *github_base;  /* "github_base": where GitHub is for --online; NULL when unset */
	char *gitlab_base;  /* "gitlab_base": likewise for GitLab */
	char *cran_url;     /* "cran_url": the CRAN repository --online reads */
	char *pypi_url;     /* "pypi_url": PyPI's JSON API base for --online */
	struct config_filters filters;  /* "filters" */
	struct config_key *keys;        /* "keys": overrides, in file order; heap array */
	size_t n_keys, cap_keys;
};

#define CONFIG_INIT { NULL, NULL, NULL, NULL, NULL, NULL, NULL, \
		      { false, SEV_INFO, false, CONFIG_ECO_ALL, false, false }, NULL, 0, 0 }

/*
 * Reads the configuration file when there is one. A problem (unreadable,
 * not JSON, a key of the wrong type, an unknown key) is reported on @warn as
 * one line naming the file; what could be read is kept, the rest stays at
 * its default. Nothing is fatal. Free with config_release().
 */
void config_load(struct config *out, FILE *warn);
void config_release(struct config *config);

/*
 * Parses a key spec as "keys" takes it: one printable ASCII character ("J",
 * "/"), "Ctrl-X", or a name: Up, Down, Left, Right, PgUp, PgDn, Home, End,
 * Enter, Space, Tab, Esc, Backspace, Delete, Insert, F1-F12 (names in any
 * case). 0 with the key in *@out, or ERR_SYNTAX.
 */
int config_parse_key(int *out, const char *spec);

#endif
