/* Fuzz target: the r-script detector on the fuzzer's bytes read as analysis.R. */
#include "fuzz_detect.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_detect("r-script", "analysis.R", data, size);
}
