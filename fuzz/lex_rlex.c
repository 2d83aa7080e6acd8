/* Fuzz target: lex/rlex.c (the R lexer), its refinement pass and string values. */
#include "lex/rlex.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena arena = ARENA_INIT;
	struct diags diags;
	struct source src = { "analysis.R", fuzz_sv(data, size) };
	struct rtok *toks = NULL;
	size_t count = 0;
	int rc;

	diags_init(&diags, &arena);
	rc = rlex_tokens(&toks, &count, &src, &diags);
	FUZZ_CHECK(rc == 0 || rc == ERR_NOMEM);
	if (rc == 0) {
		FUZZ_CHECK(count > 0 && toks[count - 1].kind == RTOK_EOF);
		rlex_refine(toks, count, src.text);
		for (size_t i = 0; i < count; i++) {
			struct sv t;

			FUZZ_CHECK(toks[i].start <= toks[i].end && toks[i].end <= size);
			t = sv_slice(src.text, toks[i].start, toks[i].end - toks[i].start);
			FUZZ_CHECK(rlex_kind_name(toks[i].kind, t) != NULL);
			if (toks[i].kind == RTOK_STR_CONST ||
			    (toks[i].kind == RTOK_SYMBOL && t.len > 0 && t.ptr[0] == '`'))
				(void)rlex_string_value(&arena, &toks[i], src.text);
		}
	}
	fuzz_check_diags(&diags);
	free(toks);
	diags_release(&diags);
	arena_release(&arena);
	return 0;
}
