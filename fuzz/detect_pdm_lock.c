/* Fuzz target: the pdm-lock detector on the fuzzer's bytes read as pdm.lock. */
#include "fuzz_detect.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_detect("pdm-lock", "pdm.lock", data, size);
}
