/* Fuzz target: resolve/pypi_json.c, the input as one PyPI project document (JSON API). */
#include "resolve/source.h"
#include "fuzz_records.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena arena = ARENA_INIT;
	struct diags diags;
	struct pkg_records recs = { 0 };
	int rc;

	diags_init(&diags, &arena);
	rc = pypi_json_parse(&recs, &arena, &diags, "requests.json", fuzz_sv(data, size));
	FUZZ_CHECK(rc == 0 || rc == ERR_NOMEM);
	FUZZ_CHECK(recs.len <= 1);
	fuzz_finish_records(&recs, &diags, &arena);
	return 0;
}
