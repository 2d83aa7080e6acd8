/*
 * Fuzz target: resolve/pkgfile.c, a package's own description file read at a
 * git commit. The first byte picks the file: pyproject.toml, setup.cfg or DESCRIPTION.
 */
#include "resolve/pkgfile.h"
#include "resolve/source.h"
#include "fuzz_records.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const paths[] = { "pyproject.toml", "setup.cfg", "DESCRIPTION" };
	struct arena arena = ARENA_INIT;
	struct diags diags;
	struct pkg_records recs = { 0 };
	struct source src;
	unsigned which;
	int rc;

	if (size == 0)
		return 0;
	which = data[0] % 3;
	src = (struct source){ paths[which], fuzz_sv(data + 1, size - 1) };
	diags_init(&diags, &arena);
	if (which == 2)
		rc = pkgfile_description(&recs, &arena, &diags, &src, "git repository");
	else
		rc = pkgfile_python(&recs, &arena, &diags, &src, "git repository");
	FUZZ_CHECK(rc == 0 || rc == ERR_NOTFOUND || rc == ERR_SYNTAX || rc == ERR_NOMEM);
	FUZZ_CHECK(which == 2 || rc != 0 || recs.len == 1);
	fuzz_finish_records(&recs, &diags, &arena);
	return 0;
}
