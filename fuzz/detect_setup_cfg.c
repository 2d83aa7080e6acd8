/* Fuzz target: the setup-cfg detector on the fuzzer's bytes read as setup.cfg. */
#include "fuzz_detect.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_detect("setup-cfg", "setup.cfg", data, size);
}
