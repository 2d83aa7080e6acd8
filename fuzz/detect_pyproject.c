/* Fuzz target: the pyproject detector on the fuzzer's bytes read as pyproject.toml. */
#include "fuzz_detect.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_detect("pyproject", "pyproject.toml", data, size);
}
