/* Fuzz target: the dockerfile detector on the fuzzer's bytes read as Dockerfile. */
#include "fuzz_detect.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_detect("dockerfile", "Dockerfile", data, size);
}
