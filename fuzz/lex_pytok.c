/* Fuzz target: lex/pytok.c (the Python tokenizer), then lex/pyliteral.c over its tokens. */
#include "lex/pyliteral.h"
#include "lex/pytok.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena arena = ARENA_INIT;
	struct diags diags;
	struct source src = { "setup.py", fuzz_sv(data, size) };
	struct pytok *toks = NULL;
	size_t count = 0, bom;
	int rc;

	diags_init(&diags, &arena);
	rc = pytok_tokens(&toks, &count, &src, &diags);
	FUZZ_CHECK(rc == 0 || rc == ERR_NOMEM);
	if (rc == 0) {
		struct pyliteral lit = {
			.text = src.text, .toks = toks, .count = count,
			.encoding = pytok_encoding(src.text, &bom), .arena = &arena,
		};

		FUZZ_CHECK(count > 0 && toks[count - 1].type == PYTOK_ENDMARKER);
		for (size_t i = 0; i < count; i++) {
			FUZZ_CHECK(toks[i].at.start <= toks[i].at.end && toks[i].at.end <= size);
			(void)pytok_text(src.text, &toks[i]);
			(void)pytok_type_name(toks[i].type);
		}
		/* Read every expression statement as a literal, the way setup_py.c reads values. */
		for (size_t pos = 0; pos < count && toks[pos].type != PYTOK_ENDMARKER;) {
			struct pyval *val = NULL;
			size_t before = pos;

			if (pyliteral_eval(&val, &lit, &pos, false, true) < 0)
				break;
			FUZZ_CHECK(val != NULL);
			if (pos == before)
				pos++;
		}
	}
	fuzz_check_diags(&diags);
	free(toks);
	diags_release(&diags);
	arena_release(&arena);
	return 0;
}
