/* Fuzz target: the noxfile detector on the fuzzer's bytes read as noxfile.py. */
#include "fuzz_detect.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_detect("noxfile", "noxfile.py", data, size);
}
