/* Fuzz target: lex/reqfile.c (pip requirement files: lines, continuations, options). */
#include "lex/reqfile.h"
#include "fuzz.h"

static int
on_line(const struct reqfile_line *line, void *payload)
{
	size_t size = *(size_t *)payload;

	FUZZ_CHECK(line->line > 0);
	FUZZ_CHECK(line->at.start <= line->at.end && line->at.end <= size);
	for (size_t i = 0; i < line->n_options; i++) {
		FUZZ_CHECK(line->options[i].value != NULL);
		FUZZ_CHECK(line->options[i].start <= size && line->options[i].value_start <= size);
		(void)reqfile_option_name(line->options[i].kind);
	}
	for (size_t i = 0; i <= line->text.len; i++)
		FUZZ_CHECK(reqfile_file_offset(line, i) <= size);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena arena = ARENA_INIT;
	struct diags diags;
	struct source src = { "requirements.txt", fuzz_sv(data, size) };
	int rc;

	diags_init(&diags, &arena);
	rc = reqfile_parse(&src, &arena, &diags, on_line, &size);
	FUZZ_CHECK(rc == 0 || rc == ERR_NOMEM);
	fuzz_check_diags(&diags);
	diags_release(&diags);
	arena_release(&arena);
	return 0;
}
