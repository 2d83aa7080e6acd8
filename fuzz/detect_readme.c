/* Fuzz target: the readme detector on the fuzzer's bytes read as README.md. */
#include "fuzz_detect.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_detect("readme", "README.md", data, size);
}
