/* Fuzz target: lex/rremote.c (remotes specs: "owner/repo@ref", "git::https://...", ...). */
#include "lex/rremote.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena arena = ARENA_INIT;
	struct rremote r;
	const char *why = NULL;
	int rc;

	rc = rremote_parse(&r, &arena, fuzz_sv(data, size), &why);
	FUZZ_CHECK(rc == 0 || rc == ERR_SYNTAX || rc == ERR_NOMEM);
	if (rc == 0) {
		struct dep d = { 0 };

		FUZZ_CHECK(r.name != NULL && r.ref != NULL);
		FUZZ_CHECK(rremote_fill_dep(&d, &arena, &r) == 0);
		if (r.name)
			(void)rremote_is_main_cran(r.name);
	} else if (rc == ERR_SYNTAX) {
		FUZZ_CHECK(why != NULL);
	}
	arena_release(&arena);
	return 0;
}
