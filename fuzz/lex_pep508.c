/* Fuzz target: lex/pep508.c, the input read as a requirement, a marker and a specifier list. */
#include <string.h>

#include "lex/pep508.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena arena = ARENA_INIT;
	struct pep508_req req;
	struct pep508_error err;
	const char *canonical;
	struct sv text = fuzz_sv(data, size);
	int rc;

	rc = pep508_parse(&req, &arena, text, &err);
	FUZZ_CHECK(rc == 0 || rc == ERR_SYNTAX || rc == ERR_LIMIT || rc == ERR_NOMEM);
	if (rc == 0) {
		FUZZ_CHECK(req.name_at.start <= req.name_at.end && req.name_at.end <= size);
		FUZZ_CHECK(req.spec && req.spec_canonical && req.marker && req.marker_canonical);
		FUZZ_CHECK(req.marker_at.end <= size && req.spec_at.end <= size);
		for (size_t i = 0; i < req.n_extras; i++)
			FUZZ_CHECK(req.extras[i] != NULL);
		/*
		 * A canonical specifier set reads back to itself, but for a NUL
		 * byte: packaging keeps one in a version ("<1\0"), and the
		 * canonical set is a C string that ends there.
		 */
		if (!memchr(data, '\0', size) && pep508_canonical_specifier(&canonical, &arena, sv_from_cstr(req.spec_canonical),
					       &err) == 0)
			FUZZ_CHECK(strcmp(canonical, req.spec_canonical) == 0);
	} else if (rc != ERR_NOMEM) {
		FUZZ_CHECK(err.offset <= size);
	}

	rc = pep508_parse_marker(&canonical, &arena, text, &err);
	FUZZ_CHECK(rc == 0 || rc == ERR_SYNTAX || rc == ERR_LIMIT || rc == ERR_NOMEM);
	/*
	 * str(Marker) parses again to the same text, except where packaging's
	 * own str() does not: it puts every value in double quotes (so a value
	 * holding '"' comes out unreadable), and a NUL byte cuts the C string.
	 */
	if (rc == 0 && !memchr(data, '\'', size) && !memchr(data, '\0', size)) {
		const char *again;

		FUZZ_CHECK(pep508_parse_marker(&again, &arena, sv_from_cstr(canonical), &err) == 0);
		FUZZ_CHECK(strcmp(again, canonical) == 0);
	}

	rc = pep508_canonical_specifier(&canonical, &arena, text, &err);
	FUZZ_CHECK(rc == 0 || rc == ERR_SYNTAX || rc == ERR_LIMIT || rc == ERR_NOMEM);
	(void)pep508_is_name(text);
	arena_release(&arena);
	return 0;
}
