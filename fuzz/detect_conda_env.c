/* Fuzz target: the conda-env detector on the fuzzer's bytes read as environment.yml. */
#include "fuzz_detect.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_detect("conda-env", "environment.yml", data, size);
}
