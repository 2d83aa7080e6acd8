/* Fuzz target: the description detector on the fuzzer's bytes read as DESCRIPTION. */
#include "fuzz_detect.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_detect("description", "DESCRIPTION", data, size);
}
