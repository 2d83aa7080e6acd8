/* The table that maps paths to detectors. */
#include "detect/detect.h"

#include <string.h>

static const struct detector detectors[] = {
	{ "requirements", requirements_matches, detect_requirements },
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
