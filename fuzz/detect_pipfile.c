/* Fuzz target: the pipfile detector on the fuzzer's bytes read as Pipfile. */
#include "fuzz_detect.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_detect("pipfile", "Pipfile", data, size);
}
