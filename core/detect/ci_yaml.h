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

/*
 * The regions of @src that hold shell text, in file order: `run:` of GitHub
 * Actions steps, or `script:`/`before_script:`/`after_script:` of GitLab CI
 * (chosen by @src->path: base name .gitlab-ci.yml is GitLab). Bad YAML
 * becomes a diagnostic in @out->diags. *@regions is heap (free()); it may be
 * NULL when *@n is 0. Returns 0 or ERR_NOMEM.
 */
int ci_yaml_find_regions(struct span **regions, size_t *n, struct detect_out *out,
			 struct source *src);

#endif
