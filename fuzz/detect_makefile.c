/* Fuzz target: the makefile detector on the fuzzer's bytes read as Makefile. */
#include "fuzz_detect.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_detect("makefile", "Makefile", data, size);
}
