/*
 * setup_py_dump: prints what deputy reads from each setup.py given as an
 * argument, for setup_py_diff.py: "== PATH", then one line per event of
 * setup_py_read() (positions LINE:COLUMN, 1-based, columns in code points;
 * strings quoted with bytes outside printable ASCII as \xHH).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deputy/arena.h"
#include "deputy/diag.h"
#include "detect/setup_py.h"
#include "../common/read_file.h"

struct dump {
	struct sv text;
};

static void
print_quoted(struct sv s)
{
	putchar('\'');
	for (size_t i = 0; i < s.len; i++) {
		unsigned char c = (unsigned char)s.ptr[i];
		if (c >= 0x20 && c < 0x7f && c != '\\' && c != '\'')
			putchar(c);
		else
			printf("\\x%02x", c);
	}
	putchar('\'');
}

static void
print_at(const struct dump *d, size_t offset)
{
	unsigned line, column;

	text_line_col(d->text, offset, &line, &column);
	printf(" %u:%u", line, column);
}

static int
on_event(const struct setup_py_event *ev, void *payload)
{
	const struct dump *d = payload;
	unsigned line, column;

	switch (ev->type) {
	case SETUP_PY_CALL:
		printf("call");
		print_at(d, ev->at.start);
		break;
	case SETUP_PY_KEYWORD:
		printf("kw %s", ev->keyword);
		print_at(d, ev->at.start);
		break;
	case SETUP_PY_DYNAMIC:
		text_line_col(d->text, ev->at.start, &line, &column);
		printf("dynamic %s %u", ev->keyword, line);
		break;
	case SETUP_PY_EXTRA:
		printf("extra ");
		print_quoted(ev->text);
		print_at(d, ev->at.start);
		break;
	case SETUP_PY_REQUIREMENT:
		printf("req ");
		print_quoted(ev->text);
		print_at(d, ev->at.start);
		break;
	case SETUP_PY_NOT_STRING:
		printf("bad %s", pyval_type_name(ev->value->kind));
		print_at(d, ev->at.start);
		break;
	}
	putchar('\n');
	return 0;
}

int
main(int argc, char **argv)
{
	int status = 0;

	for (int i = 1; i < argc; i++) {
		struct arena arena = ARENA_INIT;
		struct diags diags;
		size_t len;
		char *text = read_file(argv[i], &len);
		if (!text) {
			fprintf(stderr, "setup_py_dump: cannot read %s\n", argv[i]);
			status = 1;
			continue;
		}
		diags_init(&diags, &arena);
		struct source src = { argv[i], { text, len } };
		struct dump d = { src.text };
		printf("== %s\n", argv[i]);
		if (setup_py_read(&src, &arena, &diags, on_event, &d) != 0) {
			fprintf(stderr, "setup_py_dump: out of memory on %s\n", argv[i]);
			status = 1;
		}
		free(text);
		diags_release(&diags);
		arena_release(&arena);
	}
	return status;
}
