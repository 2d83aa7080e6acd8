/* Fuzz target: the ci-yaml detector, as a GitHub workflow or GitLab CI file (the first byte's low bit). */
#include "fuzz_detect.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = ".github/workflows/ci.yml";

	if (size > 0) {
		if (data[0] & 1)
			path = ".gitlab-ci.yml";
		data++;
		size--;
	}
	return fuzz_detect("ci-yaml", path, data, size);
}
