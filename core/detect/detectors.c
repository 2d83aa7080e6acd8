/* The table that maps paths to detectors. */
#include "detect/detect.h"

#include <string.h>

static const struct detector detectors[] = {
	{ "requirements", requirements_matches, detect_requirements },
	{ "r-script", rscript_matches, detect_rscript },
	{ "r-markdown", rmd_matches, detect_rmd },
	{ "description", description_matches, detect_description },
	{ "renv-lock", renv_lock_matches, detect_renv_lock },
	{ "packrat-lock", packrat_lock_matches, detect_packrat_lock },
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
