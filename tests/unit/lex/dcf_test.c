/* Tests for core/lex/dcf.c: fields, records and values as R's read.dcf() gives them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include <cmocka.h>

#include "lex/dcf.h"

#define MAX_FIELDS 256

static struct arena arena;
static struct diags diags;
static struct dcf_field fields[MAX_FIELDS];
static size_t n_fields;
static struct source src;

static int
setup(void **state)
{
	(void)state;
	arena_init(&arena);
	diags_init(&diags, &arena);
	n_fields = 0;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	diags_release(&diags);
	arena_release(&arena);
	return 0;
}

static int
collect(const struct dcf_field *field, void *payload)
{
	(void)payload;
	assert_true(n_fields < MAX_FIELDS);
	fields[n_fields++] = *field;
	return 0;
}

static int
parse_len(const char *text, size_t len)
{
	src = (struct source){ "pkg/DESCRIPTION", { text, len } };
	return dcf_parse(&src, &arena, &diags, collect, NULL);
}

#define PARSE(lit) assert_int_equal(parse_len((lit), sizeof(lit) - 1), 0)

static void
assert_field(size_t i, const char *name, const char *value, size_t record)
{
	assert_true(i < n_fields);
	assert_int_equal(fields[i].name.len, strlen(name));
	assert_memory_equal(fields[i].name.ptr, name, strlen(name));
	assert_string_equal(fields[i].value, value);
	assert_int_equal(fields[i].record, record);
}

static void
test_dcf_reads_fields_and_records(void **state)
{
	(void)state;
	PARSE("\n\nPackage: foo\nTitle:   A thing   \n\n\n   \nPackage: bar\nEmpty:\nX:y");
	assert_int_equal(n_fields, 5);
	assert_field(0, "Package", "foo", 0);
	assert_field(1, "Title", "A thing", 0);
	assert_field(2, "Package", "bar", 1);
	assert_field(3, "Empty", "", 1);
	assert_field(4, "X", "y", 1);
	assert_int_equal(diags.len, 0);
	/* the whole field, and the value without the blanks around it */
	assert_int_equal(fields[1].at.start, 15);
	assert_int_equal(fields[1].at.end, 15 + strlen("Title:   A thing   "));
	assert_int_equal(fields[1].value_at.start, 24);
	assert_int_equal(fields[1].value_at.end, 31);
}

static void
test_dcf_joins_continuation_lines_with_newlines(void **state)
{
	(void)state;
	PARSE("Imports: a (>= 1.0),\n    b,\n\t c  \nDescription: line one\n  .\n  line two\n");
	assert_int_equal(n_fields, 2);
	assert_field(0, "Imports", "a (>= 1.0),\nb,\nc", 0);
	assert_field(1, "Description", "line one\n\nline two", 0);
	assert_int_equal(fields[0].n_pieces, 3);
}

static void
test_dcf_drops_an_empty_first_line(void **state)
{
	(void)state;
	PARSE("C:\n  cont\n  more\nD:\n  .\n  x\n");
	assert_field(0, "C", "cont\nmore", 0);
	assert_field(1, "D", "\nx", 0);
}

static void
test_dcf_dot_lines_count_like_read_dcf(void **state)
{
	(void)state;
	/* "." lines are written only before the next text line ... */
	PARSE("B: x\n  .\n  .\n  z\nC: c\n  .\n  . \n");
	assert_field(0, "B", "x\n\n\nz", 0);
	assert_field(1, "C", "c", 0);
	/* ... and R carries them into the next field of the record */
	PARSE("A: a\nB: b\n  .\nC: c\n  more\n\nD: d\n  .\n\nE: e\n  more\n");
	assert_field(2 + 2, "C", "c\n\nmore", 0);
	assert_field(2 + 4, "E", "e\nmore", 2);
}

static void
test_dcf_keeps_hash_lines_as_fields(void **state)
{
	(void)state;
	PARSE("#comment: x\nFoo Bar: baz\nFo\tx: 1\n");
	assert_int_equal(n_fields, 3);
	assert_field(0, "#comment", "x", 0);
	assert_field(1, "Foo Bar", "baz", 0);
	assert_field(2, "Fo\tx", "1", 0);
}

static void
test_dcf_accepts_crlf_and_lone_cr(void **state)
{
	(void)state;
	PARSE("Package: foo\r\nImports: a,\r\n  b\r\n\r\nX: 1 \r\nY: 2\rZ: 3\r\r\nW: 4");
	assert_int_equal(n_fields, 6);
	assert_field(0, "Package", "foo", 0);
	assert_field(1, "Imports", "a,\nb", 0);
	assert_field(2, "X", "1", 1);
	assert_field(3, "Y", "2", 1);
	assert_field(4, "Z", "3", 1);
	assert_field(5, "W", "4", 2);   /* "\r\r\n" is an empty line */
}

static void
test_dcf_skips_a_utf8_bom(void **state)
{
	(void)state;
	PARSE("\xef\xbb\xbfPackage: foo\n");
	assert_int_equal(n_fields, 1);
	assert_field(0, "Package", "foo", 0);
	assert_int_equal(fields[0].at.start, 3);
}

static void
test_dcf_reports_line_without_colon_and_goes_on(void **state)
{
	(void)state;
	PARSE("A: 1\nno colon here\n  its continuation\n:x\nB: 2\n");
	assert_int_equal(n_fields, 2);
	assert_field(0, "A", "1", 0);
	assert_field(1, "B", "2", 0);
	assert_int_equal(diags.len, 2);
	assert_int_equal(diags.items[0].level, DIAG_ERROR);
	assert_string_equal(diags.items[0].path, "pkg/DESCRIPTION");
	assert_int_equal(diags.items[0].line, 2);
	assert_int_equal(diags.items[0].column, 1);
	assert_string_equal(diags.items[0].message, "expected ':' after a field name");
	assert_int_equal(diags.items[1].line, 4);
	assert_string_equal(diags.items[1].message, "expected a field name before ':'");
}

static void
test_dcf_reports_continuation_at_record_start(void **state)
{
	(void)state;
	PARSE("A: 1\n \n B\n  C\nD: 2\n");
	assert_int_equal(n_fields, 2);
	assert_field(1, "D", "2", 1);
	assert_int_equal(diags.len, 1);
	assert_int_equal(diags.items[0].line, 3);
	assert_int_equal(diags.items[0].column, 1);
}

static void
test_dcf_maps_value_offsets_to_source(void **state)
{
	(void)state;
	/* "aa" at 20, "bb" at 28, "1.0" at 36 */
	PARSE("Package: p\nImports: aa,\n    bb (>=\n\t1.0)\n");
	const struct dcf_field *f = &fields[1];
	assert_string_equal(f->value, "aa,\nbb (>=\n1.0)");
	assert_int_equal(dcf_source_offset(f, 0), 20);            /* aa */
	assert_int_equal(dcf_source_offset(f, 4), 28);            /* bb */
	assert_int_equal(dcf_source_offset(f, 11), 36);           /* 1.0 after a tab */
	assert_int_equal(dcf_source_offset(f, 3), 23);            /* the joining newline */
	assert_int_equal(f->at.start, 11);
	assert_int_equal(f->at.end, 40);
}

static void
test_dcf_keeps_nul_bytes_in_values(void **state)
{
	(void)state;
	PARSE("A: x\0y\nB: 2\n");
	assert_int_equal(n_fields, 2);
	assert_int_equal(fields[0].value_len, 3);
	assert_memory_equal(fields[0].value, "x\0y", 3);
	assert_field(1, "B", "2", 0);
	assert_int_equal(diags.len, 1);
	assert_int_equal(diags.items[0].level, DIAG_WARNING);
	assert_int_equal(diags.items[0].line, 1);
	assert_int_equal(diags.items[0].column, 5);
	assert_string_equal(diags.items[0].message,
			    "nul byte in the line; r reads the line only up to it");
}

static int
stop_at_second(const struct dcf_field *field, void *payload)
{
	(void)field;
	return ++*(int *)payload == 2 ? 7 : 0;
}

static void
test_dcf_stops_when_the_callback_asks(void **state)
{
	int seen = 0;

	(void)state;
	src = (struct source){ "PACKAGES", SV_LIT("A: 1\nB: 2\nC: 3\n") };
	assert_int_equal(dcf_parse(&src, &arena, &diags, stop_at_second, &seen), 7);
	assert_int_equal(seen, 2);
}

static void
test_dcf_reads_empty_and_blank_input(void **state)
{
	(void)state;
	PARSE("");
	PARSE(" \n\t\n\n");
	assert_int_equal(n_fields, 0);
	assert_int_equal(diags.len, 0);
}

/*
 * Differential test against R's read.dcf(): generated files of every line
 * kind (fields, continuations, "." lines, blank lines, lines without ':',
 * CRLF and lone CR). Where R reads a file, our fields (the last of each name
 * in a record, as R keeps) must equal R's byte for byte and we must report no
 * error; where R stops with an error, we must report one.
 */
#define DIFF_CASES 400

static const char *const diff_fields[] = {
	"A: v", "B:", "B: a, b", "Imports: x (>= 1),", "x y:  spaced  ", "C:\tt\t", "A : z",
	"#c: 1", "D: \xc3\xa9t\xc3\xa9", "E: \x01\x7f",
};
static const char *const diff_conts[] = {
	" c", "\tc2", "  .", " . ", "  . x", "  r (>=", "    1.0)", " \t.\t",
};
static const char *const diff_blanks[] = { "", "   ", "\t" };
static const char *const diff_bad[] = { "nocolon", ":x" };
static const char *const diff_eols[] = { "\n", "\n", "\n", "\r\n", "\r" };

#define PICK(seed, list) ((list)[diff_rand(seed) % (sizeof(list) / sizeof(*(list)))])

static unsigned
diff_rand(unsigned *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return (*seed >> 16) & 0x7fff;
}

/* A random file; a record mostly starts with a field, a few files are broken. */
static size_t
diff_make(char *buf, size_t cap, unsigned *seed)
{
	size_t n = 0, lines = 1 + diff_rand(seed) % 14;
	bool record_start = true;

	for (size_t i = 0; i < lines; i++) {
		unsigned roll = diff_rand(seed) % 100;
		const char *l;
		if (roll < 2)
			l = PICK(seed, diff_bad);
		else if (roll < (record_start ? 5u : 20u))
			l = PICK(seed, diff_blanks);
		else if (roll < (record_start ? 8u : 60u))
			l = PICK(seed, diff_conts);
		else
			l = PICK(seed, diff_fields);
		record_start = l[0] == '\0' || strspn(l, " \t") == strlen(l);
		const char *e = PICK(seed, diff_eols);
		n += (size_t)snprintf(buf + n, cap - n, "%s%s", l,
				      i + 1 == lines && diff_rand(seed) % 4 == 0 ? "" : e);
	}
	return n;
}

static void
hex(char *out, const char *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		sprintf(out + 2 * i, "%02x", (unsigned char)p[i]);
	out[2 * len] = '\0';
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Our canonical lines for the fields read: "record\tname-hex\tvalue-hex", sorted. */
static size_t
our_lines(char **lines)
{
	size_t n = 0;

	for (size_t i = 0; i < n_fields; i++) {
		bool later = false;
		for (size_t j = i + 1; j < n_fields && !later; j++)
			later = fields[j].record == fields[i].record &&
				sv_eq(fields[j].name, fields[i].name);
		if (later)
			continue;
		char *l = malloc(32 + 2 * (fields[i].name.len + fields[i].value_len));
		int k = sprintf(l, "%zu\t", fields[i].record);
		hex(l + k, fields[i].name.ptr, fields[i].name.len);
		strcat(l, "\t");
		hex(l + strlen(l), fields[i].value, fields[i].value_len);
		lines[n++] = l;
	}
	qsort(lines, n, sizeof(*lines), cmp_str);
	return n;
}

static void
test_dcf_agrees_with_r_read_dcf(void **state)
{
	char dir[] = "/tmp/dcf-diff.XXXXXX", path[64], cmd[256], line[4096];
	static char texts[DIFF_CASES][1024];
	static size_t lens[DIFF_CASES];
	unsigned seed = 4;
	FILE *f, *r;

	(void)state;
	if (system("command -v Rscript >/dev/null 2>&1") != 0) {
		printf("SKIPPED: Rscript is not installed\n");
		skip();
	}
	assert_non_null(mkdtemp(dir));
	for (size_t i = 0; i < DIFF_CASES; i++) {
		lens[i] = diff_make(texts[i], sizeof(texts[i]), &seed);
		snprintf(path, sizeof(path), "%s/c%03zu.dcf", dir, i);
		assert_non_null(f = fopen(path, "wb"));
		fwrite(texts[i], 1, lens[i], f);
		fclose(f);
	}
	snprintf(path, sizeof(path), "%s/run.R", dir);
	assert_non_null(f = fopen(path, "w"));
	fputs("a <- commandArgs(TRUE)\n"
	      "hex <- function(s) paste(sprintf('%02x', as.integer(charToRaw(s))), collapse = '')\n"
	      "for (i in seq_len(as.integer(a[2])) - 1L) {\n"
	      "  x <- tryCatch(read.dcf(file.path(a[1], sprintf('c%03d.dcf', i))),\n"
	      "                error = function(e) NULL)\n"
	      "  if (is.null(x)) { cat('case', i, 'error\\n'); next }\n"
	      "  cat('case', i, 'ok\\n')\n"
	      "  for (r in seq_len(nrow(x))) for (c in seq_len(ncol(x))) if (!is.na(x[r, c]))\n"
	      "    cat(r - 1L, '\\t', hex(colnames(x)[c]), '\\t', hex(x[r, c]), '\\n', sep = '')\n"
	      "}\n", f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "Rscript --vanilla %s/run.R %s %d 2>/dev/null", dir, dir,
		 DIFF_CASES);
	assert_non_null(r = popen(cmd, "r"));

	size_t compared = 0, errors = 0;
	char *want[MAX_FIELDS], *ours[MAX_FIELDS];
	bool have_line = fgets(line, sizeof(line), r) != NULL;
	for (size_t i = 0; i < DIFF_CASES; i++) {
		unsigned idx;
		char status[8];
		size_t n_want = 0;

		assert_true(have_line);
		assert_int_equal(sscanf(line, "case %u %7s", &idx, status), 2);
		assert_int_equal(idx, i);
		while ((have_line = fgets(line, sizeof(line), r) != NULL) &&
		       strncmp(line, "case ", 5) != 0) {
			line[strcspn(line, "\n")] = '\0';
			assert_true(n_want < MAX_FIELDS);
			want[n_want++] = strdup(line);
		}
		qsort(want, n_want, sizeof(*want), cmp_str);

		n_fields = 0;
		size_t diags_before = diags.len;
		assert_int_equal(parse_len(texts[i], lens[i]), 0);
		bool we_erred = false;
		for (size_t d = diags_before; d < diags.len; d++)
			we_erred |= diags.items[d].level == DIAG_ERROR;
		if (strcmp(status, "error") == 0) {
			if (!we_erred)
				fail_msg("case %zu: R rejects it, we do not: [%s]", i, texts[i]);
			errors++;
			continue;
		}
		if (we_erred)
			fail_msg("case %zu: we report an error, R reads it: [%s]", i, texts[i]);
		size_t n_ours = our_lines(ours);
		if (n_ours != n_want)
			fail_msg("case %zu: %zu fields, R has %zu: [%s]", i, n_ours, n_want, texts[i]);
		for (size_t k = 0; k < n_ours; k++) {
			if (strcmp(ours[k], want[k]) != 0)
				fail_msg("case %zu: ours %s, R %s: [%s]", i, ours[k], want[k], texts[i]);
			free(ours[k]);
			free(want[k]);
		}
		compared++;
	}
	pclose(r);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
	printf("dcf vs read.dcf: %zu files equal, %zu rejected by both\n", compared, errors);
	assert_true(compared > DIFF_CASES / 4 && errors > DIFF_CASES / 10);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_dcf_reads_fields_and_records, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dcf_joins_continuation_lines_with_newlines,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_dcf_drops_an_empty_first_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dcf_dot_lines_count_like_read_dcf, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_dcf_keeps_hash_lines_as_fields, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dcf_accepts_crlf_and_lone_cr, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dcf_skips_a_utf8_bom, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dcf_reports_line_without_colon_and_goes_on,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_dcf_reports_continuation_at_record_start,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_dcf_maps_value_offsets_to_source, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_dcf_keeps_nul_bytes_in_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dcf_stops_when_the_callback_asks, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_dcf_reads_empty_and_blank_input, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_dcf_agrees_with_r_read_dcf, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
