/* Fuzz target: the poetry-lock detector on the fuzzer's bytes read as poetry.lock. */
#include "fuzz_detect.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_detect("poetry-lock", "poetry.lock", data, size);
}
