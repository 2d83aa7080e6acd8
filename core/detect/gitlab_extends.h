/*
 * GitLab CI's `extends:` for the before_script (and `inherit:`) a job takes: the top-level
 * keys of a file indexed once, and each template's answer worked out once,
 * so that a file of many jobs and templates costs its size, not its size
 * squared.
 */
#ifndef DEPUTY_DETECT_GITLAB_EXTENDS_H
#define DEPUTY_DETECT_GITLAB_EXTENDS_H

#include <stddef.h>

#include "detect/yaml_tree.h"

/* GitLab's own limit on extends: eleven levels of templates. */
#define GITLAB_MAX_EXTENDS_DEPTH 11

/* The keys a job may take from its templates that matter here. */
enum gitlab_inherited {
	GITLAB_BEFORE_SCRIPT,
	GITLAB_INHERIT_DEFAULT,  /* `inherit: default:`, whether default's applies */
	GITLAB_N_INHERITED,
};

struct gitlab_key;

struct gitlab_templates {
	struct gitlab_key *keys;         /* heap: the top-level keys, sorted by name */
	size_t n;
};

/* Indexes the top-level keys of @root (a mapping). Returns 0 or ERR_NOMEM. */
int gitlab_templates_init(struct gitlab_templates *t, const struct ynode *root);
void gitlab_templates_release(struct gitlab_templates *t);

/*
 * The key @what that @job's `extends:` gives it: of the templates listed (one
 * name or a list), the last that has it, each template's own else its own
 * templates', as GitLab merges them. NULL when none has it, or past
 * GITLAB_MAX_EXTENDS_DEPTH levels or a cycle (GitLab refuses both).
 */
const struct ynode *gitlab_extended(struct gitlab_templates *t, const struct ynode *job,
				    enum gitlab_inherited what);

#endif
