/*
 * Fuzz target: resolve/marker.c, the input evaluated as an environment marker
 * for CPython 3.11 on Linux, with "extra" set from the first line when there are two.
 */
#include <string.h>

#include "resolve/marker.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct marker_env env;
	struct sv text = fuzz_sv(data, size);
	size_t nl = sv_find_char(text, '\n');
	char why[160];
	char *extra = NULL;
	bool holds;
	int rc;

	marker_env_init_linux(&env, "3.11", "3.11.4");
	if (nl != SV_NPOS) {
		extra = fuzz_cstr(data, nl);
		if (!extra)
			return 0;
		env.extra = extra;
		text = sv_tail(text, nl + 1);
	}
	why[0] = '\0';
	rc = marker_evaluate(&holds, &env, text, why, sizeof(why));
	FUZZ_CHECK(rc == 0 || rc == ERR_SYNTAX || rc == ERR_LIMIT || rc == ERR_NOMEM);
	FUZZ_CHECK(memchr(why, '\0', sizeof(why)) != NULL);
	free(extra);
	return 0;
}
