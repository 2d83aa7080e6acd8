/* The table that maps paths to detectors. */
#include "detect/detect.h"

#include <string.h>

static const struct detector detectors[] = {
	{ "requirements", requirements_matches, detect_requirements },
	{ "r-script", rscript_matches, detect_rscript, true },
	{ "r-markdown", rmd_matches, detect_rmd, true },
	{ "description", description_matches, detect_description },
	{ "renv-lock", renv_lock_matches, detect_renv_lock },
	{ "packrat-lock", packrat_lock_matches, detect_packrat_lock },
	{ "pyproject", pyproject_matches, detect_pyproject },
	{ "pipfile", pipfile_matches, detect_pipfile },
	{ "setup-cfg", setup_cfg_matches, detect_setup_cfg },
	{ "setup-py", setup_py_matches, detect_setup_py },
	{ "pipfile-lock", pipfile_lock_matches, detect_pipfile_lock },
	{ "poetry-lock", poetry_lock_matches, detect_poetry_lock },
	{ "uv-lock", uv_lock_matches, detect_uv_lock },
	{ "pdm-lock", pdm_lock_matches, detect_pdm_lock },
	{ "conda-env", conda_env_matches, detect_conda_env },
	{ "tox-ini", tox_ini_matches, detect_tox_ini },
	{ "noxfile", noxfile_matches, detect_noxfile, true },
	{ "shell", shell_matches, detect_shell, true, shell_sniff },
	{ "dockerfile", dockerfile_matches, detect_dockerfile, true },
	{ "makefile", makefile_matches, detect_makefile, true },
	{ "ci-yaml", ci_yaml_matches, detect_ci_yaml, true },
	{ "notebook", notebook_matches, detect_notebook, true },
	{ "readme", readme_matches, detect_readme, true },
};

const struct detector *
detector_table(size_t *count)
{
	*count = sizeof(detectors) / sizeof(detectors[0]);
	return detectors;
}

const struct detector *
detector_for_path(const char *path)
{
	for (size_t i = 0; i < sizeof(detectors) / sizeof(detectors[0]); i++)
		if (detectors[i].matches(path))
			return &detectors[i];
	return NULL;
}

const struct detector *
detector_find(const char *name)
{
	for (size_t i = 0; i < sizeof(detectors) / sizeof(detectors[0]); i++)
		if (strcmp(detectors[i].name, name) == 0)
			return &detectors[i];
	return NULL;
}

const struct detector *
detector_for_head(struct sv head)
{
	for (size_t i = 0; i < sizeof(detectors) / sizeof(detectors[0]); i++)
		if (detectors[i].sniff && detectors[i].sniff(head))
			return &detectors[i];
	return NULL;
}

bool
detector_may_sniff(const char *path)
{
	return strchr(path_basename(path), '.') == NULL;
}
