/*
 * rlex_dump FILE...: prints deputy's R tokens after rlex_refine(), comments
 * included, one per line as "line1 col1 line2 col2 TOKEN text" (the columns
 * of getParseData()'s terminal tokens) for rlex_diff.py. Each file starts
 * with "== PATH" and its diagnostics follow as "!! message".
 */
#include <stdio.h>
#include <stdlib.h>

#include "deputy/arena.h"
#include "deputy/diag.h"
#include "lex/rlex.h"
#include "../common/read_file.h"

/* Token text with \ and line breaks escaped, so one token is one line. */
static void
print_text(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		switch (s[i]) {
		case '\\': fputs("\\\\", stdout); break;
		case '\n': fputs("\\n", stdout); break;
		case '\r': fputs("\\r", stdout); break;
		case '\t': fputs("\\t", stdout); break;
		case '\0': fputs("\\0", stdout); break;
		default: putchar(s[i]);
		}
	}
}

static int
dump(const char *path)
{
	struct arena arena = ARENA_INIT;
	struct diags diags;
	struct source src;
	struct rtok *toks;
	size_t len, count;
	char *text = read_file(path, &len);

	if (!text) {
		fprintf(stderr, "rlex_dump: cannot read %s\n", path);
		return 1;
	}
	diags_init(&diags, &arena);
	src = (struct source){ .path = path, .text = sv_make(text, len) };
	if (rlex_tokens(&toks, &count, &src, &diags) < 0) {
		fprintf(stderr, "rlex_dump: out of memory\n");
		free(text);
		return 1;
	}
	rlex_refine(toks, count, src.text);
	printf("== %s\n", path);
	for (size_t i = 0; i < diags.len; i++)
		printf("!! %u:%u: %s\n", diags.items[i].line, diags.items[i].column,
		       diags.items[i].message);
	for (size_t i = 0; i < count && toks[i].kind != RTOK_EOF; i++) {
		struct sv t = sv_make(text + toks[i].start, toks[i].end - toks[i].start);
		printf("%u %u %u %u %s ", toks[i].line, toks[i].column, toks[i].end_line,
		       toks[i].end_column, rlex_kind_name(toks[i].kind, t));
		print_text(t.ptr, t.len);
		putchar('\n');
	}
	free(toks);
	free(text);
	diags_release(&diags);
	arena_release(&arena);
	return 0;
}

int
main(int argc, char **argv)
{
	int rc = 0;

	for (int i = 1; i < argc; i++)
		rc |= dump(argv[i]);
	return rc;
}
