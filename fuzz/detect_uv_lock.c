/* Fuzz target: the uv-lock detector on the fuzzer's bytes read as uv.lock. */
#include "fuzz_detect.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_detect("uv-lock", "uv.lock", data, size);
}
