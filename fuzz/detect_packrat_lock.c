/* Fuzz target: the packrat-lock detector on the fuzzer's bytes read as packrat/packrat.lock. */
#include "fuzz_detect.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_detect("packrat-lock", "packrat/packrat.lock", data, size);
}
