/* Fuzz target: the renv-lock detector on the fuzzer's bytes read as renv.lock. */
#include "fuzz_detect.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_detect("renv-lock", "renv.lock", data, size);
}
