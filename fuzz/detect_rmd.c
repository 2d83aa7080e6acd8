/* Fuzz target: the r-markdown detector on the fuzzer's bytes read as report.Rmd. */
#include "fuzz_detect.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_detect("r-markdown", "report.Rmd", data, size);
}
