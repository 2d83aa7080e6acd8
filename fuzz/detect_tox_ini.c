/* Fuzz target: the tox-ini detector on the fuzzer's bytes read as tox.ini. */
#include "fuzz_detect.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_detect("tox-ini", "tox.ini", data, size);
}
