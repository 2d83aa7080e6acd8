/*
 * The detector targets: one detector from the table, by name, run on the
 * fuzzer's bytes as the file @path, its declarations checked against the input.
 */
#ifndef DEPUTY_FUZZ_FUZZ_DETECT_H
#define DEPUTY_FUZZ_FUZZ_DETECT_H

#include <string.h>

#include "detect/detect.h"
#include "fuzz.h"

static inline void
fuzz_check_dep(const struct dep *d, size_t size)
{
	FUZZ_CHECK(d != NULL);
	FUZZ_CHECK(d->name != NULL);
	FUZZ_CHECK(d->at.start <= d->at.end && d->at.end <= size);
	FUZZ_CHECK(d->at.name_start <= d->at.name_end && d->at.name_end <= size);
	for (size_t i = 0; i < d->n_extras; i++)
		FUZZ_CHECK(d->extras[i] != NULL);
	for (size_t i = 0; i < d->n_requires; i++)
		FUZZ_CHECK(d->requires[i] != NULL);
}

static inline int
fuzz_detect(const char *name, const char *path, const uint8_t *data, size_t size)
{
	const struct detector *det = detector_find(name);
	struct arena arena = ARENA_INIT;
	struct diags diags;
	struct detect_out out;
	struct detect_ctx ctx = { 0 };
	struct source src = { path, fuzz_sv(data, size) };
	int rc;

	FUZZ_CHECK(det != NULL);
	diags_init(&diags, &arena);
	detect_out_init(&out, &arena, &diags);
	rc = det->detect(&out, &src, &ctx);
	FUZZ_CHECK(rc == 0 || rc == ERR_NOMEM);
	for (size_t i = 0; i < out.n_deps; i++)
		fuzz_check_dep(out.deps[i], size);
	for (size_t i = 0; i < out.n_includes; i++) {
		FUZZ_CHECK(out.includes[i].path != NULL);
		FUZZ_CHECK(out.includes[i].at.end <= size);
	}
	fuzz_check_diags(&diags);
	detect_out_release(&out);
	diags_release(&diags);
	arena_release(&arena);
	return 0;
}

#endif
