/* Fuzz target: the pipfile-lock detector on the fuzzer's bytes read as Pipfile.lock. */
#include "fuzz_detect.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_detect("pipfile-lock", "Pipfile.lock", data, size);
}
