/* Tests for core/detect/notebook.c: shell lines of code cells, at the notebook's lines. */
#include <stdio.h>

#include "detect_harness.h"
#include "detect/notebook.h"

#define DETECT_LEN(text, len) harness_detect(detect_notebook, "nb/analysis.ipynb", (text), (len))
#define DETECT(lit) DETECT_LEN((lit), sizeof(lit) - 1)

static const char notebook[] =
	"{\n"
	" \"cells\": [\n"
	"  {\n"
	"   \"cell_type\": \"markdown\",\n"
	"   \"metadata\": {},\n"
	"   \"source\": [\"!pip install notcode\\n\"]\n"
	"  },\n"
	"  {\n"
	"   \"cell_type\": \"code\",\n"
	"   \"execution_count\": null,\n"
	"   \"metadata\": {\"source\": \"!pip install decoy\"},\n"
	"   \"outputs\": [],\n"
	"   \"source\": [\n"
	"    \"import os\\n\",\n"
	"    \"!pip install reqeusts==2.0\\n\",\n"
	"    \"%pip install \\\"flask>=2\\\"\\n\",\n"
	"    \"  !python -m pip install numpy\\n\",\n"
	"    \"x = 1\"\n"
	"   ]\n"
	"  },\n"
	"  {\n"
	"   \"cell_type\": \"code\",\n"
	"   \"source\": \"%%bash\\npip install six\\necho hi\"\n"
	"  },\n"
	"  {\n"
	"   \"cell_type\": \"code\",\n"
	"   \"source\": [\"%conda install scipy\\n\", \"!uv pip install torch\\n\"]\n"
	"  }\n"
	" ],\n"
	" \"metadata\": {},\n"
	" \"nbformat\": 4,\n"
	" \"nbformat_minor\": 5\n"
	"}\n";

static void
assert_line_at(const struct notebook_shell *sh, size_t offset, unsigned line, unsigned column)
{
	unsigned l, c;

	assert_true(offset <= sh->len);
	text_line_col(src.text, sh->map[offset], &l, &c);
	assert_int_equal(l, line);
	assert_int_equal(c, column);
}

static void
test_notebook_matches_ipynb_files(void **state)
{
	(void)state;
	assert_true(notebook_matches("a/b/analysis.ipynb"));
	assert_true(notebook_matches("x.ipynb"));
	assert_false(notebook_matches(".ipynb"));
	assert_false(notebook_matches("x.ipynb.json"));
	assert_false(notebook_matches("x.py"));
}

static void
test_notebook_gathers_shell_lines_of_code_cells_only(void **state)
{
	struct notebook_shell sh;

	(void)state;
	src = (struct source){ "nb/analysis.ipynb", { notebook, sizeof(notebook) - 1 } };
	assert_int_equal(notebook_shell_gather(&sh, &out, &src), 0);
	assert_int_equal(sh.n_lines, 6);
	assert_memory_equal(sh.text,
			    "pip install reqeusts==2.0\n"
			    "pip install \"flask>=2\"\n"
			    "python -m pip install numpy\n"
			    "pip install six\n"
			    "echo hi\n"
			    "uv pip install torch\n", sh.len);
	/* each line maps back to where its JSON string is written */
	assert_line_at(&sh, 0, 15, 7);
	assert_line_at(&sh, 26, 16, 7);
	assert_line_at(&sh, 26 + 12, 16, 19);     /* the \" of the file */
	assert_line_at(&sh, 49, 17, 9);
	assert_line_at(&sh, 77, 23, 23);
	assert_line_at(&sh, 93, 23, 40);
	assert_line_at(&sh, 101, 27, 43);
	notebook_shell_release(&sh);
	assert_int_equal(diags.len, 0);
}

static void
test_notebook_declares_installs_at_the_notebook_lines(void **state)
{
	static const struct {
		const char *name, *spec;
		unsigned line, column;
	} want[] = {
		{ "reqeusts", "==2.0", 15, 19 },
		{ "flask", ">=2", 16, 21 },
		{ "numpy", "", 17, 31 },
		{ "six", "", 23, 35 },
		{ "torch", "", 27, 58 },
	};

	(void)state;
	DETECT(notebook);
	assert_int_equal(out.n_deps, 5);
	for (size_t i = 0; i < 5; i++) {
		const struct dep *d = out.deps[i];
		assert_string_equal(d->name, want[i].name);
		assert_string_equal(d->spec, want[i].spec);
		assert_int_equal(d->kind, DEP_INSTALL_COMMAND);
		assert_int_equal(d->ecosystem, ECO_PYPI);
		assert_string_equal(d->file, "nb/analysis.ipynb");
		assert_int_equal(d->line, want[i].line);
		assert_int_equal(d->column, want[i].column);
		assert_memory_equal(notebook + d->at.name_start, want[i].name, strlen(want[i].name));
	}
	assert_int_equal(diags.len, 0);
}

static void
test_notebook_maps_options_and_includes_back(void **state)
{
	(void)state;
	static const char text[] =
		"{\"cells\": [{\"cell_type\": \"code\", \"source\": [\n"
		"\"!pip install -r reqs.txt --index-url https://mirror.example.org/simple\"]}]}";
	DETECT(text);
	assert_int_equal(out.n_includes, 1);
	assert_memory_equal(text + out.includes[0].at.start, "reqs.txt", 8);
	assert_string_equal(out.includes[0].path, "reqs.txt");
	assert_int_equal(out.includes[0].line, 2);
	assert_int_equal(out.includes[0].column, 18);
	assert_int_equal(out.n_options, 1);
	assert_int_equal(out.options[0]->kind, OPT_INDEX_URL);
	assert_int_equal(out.options[0]->line, 2);
	assert_int_equal(out.options[0]->column, 27);
	/* the option's spans are the notebook's too */
	assert_memory_equal(text + out.options[0]->at.name_start, "https://mirror", 14);
	assert_memory_equal(text + out.options[0]->at.start, "--index-url", 11);
}

static void
test_notebook_cut_in_half_is_one_diagnostic_at_the_cut(void **state)
{
	size_t half = (sizeof(notebook) - 1) / 2;
	unsigned line, column;

	(void)state;
	DETECT_LEN(notebook, half);
	assert_int_equal(out.n_deps, 0);
	assert_int_equal(diags.len, 1);
	assert_int_equal(diags.items[0].level, DIAG_ERROR);
	text_line_col((struct sv){ notebook, half }, half, &line, &column);
	assert_int_equal(diags.items[0].line, line);
	assert_true(diags.items[0].column >= 1);
}

static void
test_notebook_reports_a_corrupted_byte_where_it_is(void **state)
{
	(void)state;
	DETECT("{\"cells\": [\n"
	       "  {\"cell_type\": \"code\", \"source\": [\"!pip install a\"]},\n"
	       "  {\"cell_type\": code}\n"
	       "]}\n");
	assert_int_equal(out.n_deps, 0);
	assert_int_equal(diags.len, 1);
	assert_int_equal(diags.items[0].line, 3);
	assert_int_equal(diags.items[0].column, 17);
}

static void
test_notebook_that_is_not_an_object_says_so(void **state)
{
	(void)state;
	DETECT("[{\"cells\": []}]");
	assert_int_equal(diags.len, 1);
	assert_string_equal(diags.items[0].message, "expected a json object at the top of a notebook");
	assert_int_equal(diags.items[0].line, 1);
}

static void
test_notebook_with_a_nul_byte_is_refused_at_the_byte(void **state)
{
	/* cJSON would end the string at the NUL and read on */
	static const char nul[] = "{\"cells\": [\n {\"source\": \"!pip install a\0b\"}]}";

	(void)state;
	DETECT(nul);
	assert_int_equal(out.n_deps, 0);
	assert_int_equal(diags.len, 1);
	assert_string_equal(diags.items[0].message, "invalid json: a nul byte");
	assert_int_equal(diags.items[0].line, 2);
	assert_int_equal(diags.items[0].column, 28);
}

static void
test_notebook_with_text_after_it_is_read_and_the_text_reported(void **state)
{
	(void)state;
	DETECT("{\"cells\": [{\"cell_type\": \"code\", \"source\": \"!pip install a\"}]}\n}x");
	assert_int_equal(out.n_deps, 1);
	assert_int_equal(diags.len, 1);
	assert_string_equal(diags.items[0].message, "invalid json: unexpected text after the value");
	assert_int_equal(diags.items[0].line, 2);
	assert_int_equal(diags.items[0].column, 1);
}

static void
test_notebook_over_the_size_limit_is_not_read(void **state)
{
	size_t n = NOTEBOOK_MAX_BYTES + 1;
	char *text = malloc(n);

	(void)state;
	assert_non_null(text);
	memset(text, ' ', n);
	memcpy(text, "{\"cells\": []}", 13);
	DETECT_LEN(text, n);
	free(text);
	assert_int_equal(diags.len, 1);
	assert_int_equal(diags.items[0].line, 0);
	assert_non_null(strstr(diags.items[0].message, "larger than"));
}

static void
test_notebook_ignores_odd_shapes_without_crashing(void **state)
{
	(void)state;
	DETECT("{\"cells\": {}}");
	DETECT("{\"cells\": [1, \"x\", {\"cell_type\": \"code\", \"source\": 3},"
	       " {\"cell_type\": \"code\", \"source\": [1, \"!pip install \\u0061b\"]}]}");
	DETECT("{\"worksheets\": [{\"cells\": []}], \"nbformat\": 3}");
	assert_int_equal(diags.len, 0);
	assert_int_equal(out.n_deps, 1);
	assert_string_equal(out.deps[0]->name, "ab");
	assert_int_equal(out.deps[0]->column, 106);   /* where the escape is written */
}

static void
test_notebook_joins_a_backslash_continued_shell_line_within_its_cell(void **state)
{
	(void)state;
	DETECT("{\"cells\": [\n"
	       "{\"cell_type\": \"code\", \"source\": [\"!pip install a \\\\\\n\", \"  b==1\\n\",\n"
	       "  \"%pip install c \\\\\"]},\n"
	       "{\"cell_type\": \"code\", \"source\": [\"!pip install d\"]}]}");
	assert_int_equal(out.n_deps, 4);
	assert_string_equal(out.deps[0]->name, "a");
	assert_string_equal(out.deps[1]->name, "b");
	assert_string_equal(out.deps[1]->spec, "==1");
	assert_int_equal(out.deps[1]->line, 2);
	assert_int_equal(out.deps[1]->column, 60);
	assert_string_equal(out.deps[2]->name, "c");
	assert_int_equal(out.deps[2]->line, 3);
	assert_string_equal(out.deps[3]->name, "d");
	assert_int_equal(out.deps[3]->line, 4);
}

/*
 * Columns count code points, an invalid byte as one (utf8_count()); mapped
 * back from the shell text they count the same way, so every declaration's
 * line and column are those of its name's first byte in the notebook.
 */
static void
test_notebook_columns_count_invalid_bytes_as_the_file_does(void **state)
{
	static const char text[] =
		"{\"cells\": [{\"cell_type\": \"code\", \"source\": [\n"
		"\"!A=\xff\xa9\xa9 B=\xc3\xa9\xe2\x82 pip install numpyy \xc0\xaf \xf0\x9f\x98\x80 reqests\"]}]}";
	(void)state;
	DETECT(text);
	assert_int_equal(out.n_deps, 2);
	assert_string_equal(out.deps[0]->name, "numpyy");
	assert_string_equal(out.deps[1]->name, "reqests");
	for (size_t i = 0; i < out.n_deps; i++) {
		unsigned line, column;
		text_line_col((struct sv){ text, sizeof(text) - 1 }, out.deps[i]->at.name_start,
			      &line, &column);
		assert_int_equal(out.deps[i]->line, line);
		assert_int_equal(out.deps[i]->column, column);
	}
	assert_int_equal(out.deps[0]->column, 27);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		HARNESS_TEST(test_notebook_matches_ipynb_files),
		HARNESS_TEST(test_notebook_gathers_shell_lines_of_code_cells_only),
		HARNESS_TEST(test_notebook_declares_installs_at_the_notebook_lines),
		HARNESS_TEST(test_notebook_maps_options_and_includes_back),
		HARNESS_TEST(test_notebook_cut_in_half_is_one_diagnostic_at_the_cut),
		HARNESS_TEST(test_notebook_reports_a_corrupted_byte_where_it_is),
		HARNESS_TEST(test_notebook_that_is_not_an_object_says_so),
		HARNESS_TEST(test_notebook_with_a_nul_byte_is_refused_at_the_byte),
		HARNESS_TEST(test_notebook_with_text_after_it_is_read_and_the_text_reported),
		HARNESS_TEST(test_notebook_over_the_size_limit_is_not_read),
		HARNESS_TEST(test_notebook_ignores_odd_shapes_without_crashing),
		HARNESS_TEST(test_notebook_joins_a_backslash_continued_shell_line_within_its_cell),
		HARNESS_TEST(test_notebook_columns_count_invalid_bytes_as_the_file_does),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
