/* Fuzz target: the shell detector on the fuzzer's bytes read as install.sh. */
#include "fuzz_detect.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_detect("shell", "install.sh", data, size);
}
