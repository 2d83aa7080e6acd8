/*
 * pytok_dump: reads file paths, one a line, on stdin and prints each file's
 * tokens for pytok_diff.py: a header "@@ BYTES ERRORS FIRST_ERROR_LINE\n",
 * then BYTES bytes of records "TYPE\x1fSTRING\x1fROW\x1fCOL\x1fEROW\x1fECOL\x1e".
 * With arguments instead, tokenizes those files and prints one token a line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deputy/arena.h"
#include "deputy/diag.h"
#include "deputy/strbuf.h"
#include "lex/pytok.h"
#include "../common/read_file.h"

static int
dump(const char *path, int human)
{
	struct arena arena = ARENA_INIT;
	struct diags diags;
	struct pytok *toks;
	size_t len, count, errors = 0;
	unsigned first_error = 0;
	char *text = read_file(path, &len);

	if (!text) {
		fprintf(stderr, "pytok_dump: cannot read %s\n", path);
		return 1;
	}
	diags_init(&diags, &arena);
	struct source src = { path, { text, len } };
	if (pytok_tokens(&toks, &count, &src, &diags) != 0) {
		fprintf(stderr, "pytok_dump: out of memory on %s\n", path);
		free(text);
		return 1;
	}
	for (size_t i = 0; i < diags.len; i++) {
		if (diags.items[i].level != DIAG_ERROR)
			continue;
		if (errors++ == 0)
			first_error = diags.items[i].line;
		if (human)
			fprintf(stderr, "%s:%u:%u: %s\n", path, diags.items[i].line,
				diags.items[i].column, diags.items[i].message);
	}
	struct strbuf out = STRBUF_INIT;
	for (size_t i = 0; i < count; i++) {
		const struct pytok *t = &toks[i];
		struct sv s = pytok_text(src.text, t);
		if (human) {
			printf("%s %u,%u-%u,%u ", pytok_type_name(t->type), t->row, t->col,
			       t->end_row, t->end_col);
			for (size_t k = 0; k < s.len; k++) {
				unsigned char c = (unsigned char)s.ptr[k];
				if (c == '\n')
					fputs("\\n", stdout);
				else if (c == '\r')
					fputs("\\r", stdout);
				else if (c < 0x20)
					printf("\\x%02x", c);
				else
					putchar(c);
			}
			putchar('\n');
			continue;
		}
		strbuf_printf(&out, "%s\x1f", pytok_type_name(t->type));
		strbuf_add(&out, s.ptr, s.len);
		strbuf_printf(&out, "\x1f%u\x1f%u\x1f%u\x1f%u\x1e", t->row, t->col, t->end_row,
			    t->end_col);
	}
	if (!human) {
		printf("@@ %zu %zu %u\n", out.len, errors, first_error);
		fwrite(out.ptr, 1, out.len, stdout);
	}
	strbuf_release(&out);
	free(toks);
	free(text);
	diags_release(&diags);
	arena_release(&arena);
	return 0;
}

int
main(int argc, char **argv)
{
	char line[8192];
	int rc = 0;

	if (argc > 1) {
		for (int i = 1; i < argc; i++)
			rc |= dump(argv[i], 1);
		return rc;
	}
	while (fgets(line, sizeof(line), stdin)) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] && dump(line, 0) != 0)
			printf("@@ -1 0 0\n");
		fflush(stdout);
	}
	return 0;
}
