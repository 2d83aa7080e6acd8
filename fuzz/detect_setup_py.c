/* Fuzz target: the setup-py detector on the fuzzer's bytes read as setup.py. */
#include "fuzz_detect.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_detect("setup-py", "setup.py", data, size);
}
