/*
 * The shell text of CI files, split from the detector so that tests can see
 * which regions are handed to the shell-command reader.
 */
#ifndef DEPUTY_DETECT_CI_YAML_H
#define DEPUTY_DETECT_CI_YAML_H

#include <stddef.h>

#include "deputy/diag.h"
#include "detect/detect.h"

/* GitLab's script lists nest (they are flattened) at most this deep. */
#define CI_YAML_MAX_SCRIPT_DEPTH 16
/* Bytes of inherited before_script read again for the jobs of one file, at most. */
#define CI_YAML_MAX_REPLAY (1u << 22)

/* A piece of shell text in a CI file and the folder it runs in. */
struct ci_region {
	struct span at;
	const char *dir;         /* for shcmd_opts.dir: a GitHub step's working-directory
				  * or "" (the checkout's root), in @out's arena; NULL
				  * for GitLab: the folder of .gitlab-ci.yml, the
				  * project's root (one in a subfolder is a vendored
				  * project's) */
	unsigned shell;          /* regions with the same number run in one shell, in
				  * order: a GitLab job's before_script and script lines */
	bool replay;             /* read already: the default before_script again, at
				  * the start of a job that has none, for its cds only */
};

/*
 * The regions of @src that hold shell text, in the order they run: `run:` of
 * GitHub Actions steps, or `before_script:`/`script:`/`after_script:` of a GitLab CI job
 * (chosen by @src->path: base name .gitlab-ci.yml is GitLab). Bad YAML
 * becomes a diagnostic in @out->diags. *@regions is heap (free()); it may be
 * NULL when *@n is 0. Returns 0 or ERR_NOMEM.
 */
int ci_yaml_find_regions(struct ci_region **regions, size_t *n, struct detect_out *out,
			 struct source *src);

#endif
