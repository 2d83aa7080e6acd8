/* Fuzz target: resolve/cran_index.c, the input as a CRAN PACKAGES index (one record per stanza). */
#include "resolve/source.h"
#include "fuzz_records.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena arena = ARENA_INIT;
	struct diags diags;
	struct pkg_records recs = { 0 };
	struct source src = { "PACKAGES", fuzz_sv(data, size) };
	size_t added = 0;
	int rc;

	diags_init(&diags, &arena);
	rc = cran_index_parse(&recs, &arena, &diags, &src, "CRAN index", &added);
	FUZZ_CHECK(rc == 0 || rc == ERR_NOMEM);
	FUZZ_CHECK(added == recs.len);
	fuzz_finish_records(&recs, &diags, &arena);
	return 0;
}
