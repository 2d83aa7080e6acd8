/* Fuzz target: the requirements detector on the fuzzer's bytes read as requirements.txt. */
#include "fuzz_detect.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_detect("requirements", "requirements.txt", data, size);
}
