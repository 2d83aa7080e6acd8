/* Fuzz target: the notebook detector on the fuzzer's bytes read as analysis.ipynb. */
#include "fuzz_detect.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_detect("notebook", "analysis.ipynb", data, size);
}
