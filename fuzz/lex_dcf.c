/* Fuzz target: lex/dcf.c (DESCRIPTION and PACKAGES), every value mapped back to the source. */
#include "lex/dcf.h"
#include "fuzz.h"

static int
on_field(const struct dcf_field *f, void *payload)
{
	size_t size = *(size_t *)payload;

	FUZZ_CHECK(f->at.start <= f->at.end && f->at.end <= size);
	FUZZ_CHECK(f->value_at.end <= size);
	FUZZ_CHECK(f->value != NULL);
	for (size_t i = 0; i < f->n_pieces; i++) {
		const struct dcf_piece *p = &f->pieces[i];

		FUZZ_CHECK(p->src_at + p->len <= size);
		FUZZ_CHECK(p->value_at + p->len <= f->value_len);
	}
	for (size_t i = 0; i <= f->value_len; i++)
		FUZZ_CHECK(dcf_source_offset(f, i) <= size);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena arena = ARENA_INIT;
	struct diags diags;
	struct source src = { "DESCRIPTION", fuzz_sv(data, size) };
	int rc;

	diags_init(&diags, &arena);
	rc = dcf_parse(&src, &arena, &diags, on_field, &size);
	FUZZ_CHECK(rc == 0 || rc == ERR_NOMEM);
	fuzz_check_diags(&diags);
	diags_release(&diags);
	arena_release(&arena);
	return 0;
}
