/* Tests for core/detect/readme.c: shell blocks in README and Markdown files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "detect/detect.h"

static struct arena arena;
static struct diags diags;
static struct detect_out out;

static int
setup(void **state)
{
	(void)state;
	arena_init(&arena);
	diags_init(&diags, &arena);
	detect_out_init(&out, &arena, &diags);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	detect_out_release(&out);
	diags_release(&diags);
	arena_release(&arena);
	return 0;
}

static const struct dep *
dep_at(size_t i)
{
	assert_true(i < out.n_deps);
	return out.deps[i];
}

static void
expect_dep(size_t i, const char *name, unsigned line, unsigned column)
{
	const struct dep *d = dep_at(i);

	assert_string_equal(d->name, name);
	assert_int_equal(d->line, line);
	assert_int_equal(d->column, column);
}

static bool
has_diag(const char *needle)
{
	for (size_t i = 0; i < diags.len; i++)
		if (strstr(diags.items[i].message, needle))
			return true;
	return false;
}

static void
detect_len(const char *text, size_t len)
{
	struct source src = { "README.md", { text, len } };
	struct detect_ctx ctx = { 0 };

	assert_int_equal(detect_readme(&out, &src, &ctx), 0);
}

#define DETECT(lit) detect_len((lit), sizeof(lit) - 1)

static void
test_readme_matches_readmes_and_markdown(void **state)
{
	(void)state;
	assert_true(readme_matches("README"));
	assert_true(readme_matches("README.rst"));
	assert_true(readme_matches("docs/readme.txt"));
	assert_true(readme_matches("docs/install.md"));
	assert_true(readme_matches("CHANGES.markdown"));
	assert_false(readme_matches("notes.txt"));
	assert_false(readme_matches("x.mdx"));
}

static void
test_readme_reads_shell_fences_as_documentation(void **state)
{
	(void)state;
	DETECT("# Tool\n"
	       "Run `pip install inline` to start.\n"
	       "```bash\n"
	       "pip install fromsh\n"
	       "```\n"
	       "```python\n"
	       "os.system('pip install frompython')\n"
	       "```\n"
	       "~~~\n"
	       "pip install fromplain\n"
	       "~~~\n"
	       "  ```console\n"
	       "  $ pip install fromprompt \\\n"
	       "      cont\n"
	       "  Collecting notacommand\n"
	       "  (venv) $ python -m pip install invenv\n"
	       "  ```\n");
	assert_int_equal(out.n_deps, 5);
	expect_dep(0, "fromsh", 4, 13);
	assert_int_equal(dep_at(0)->kind, DEP_DOCUMENTATION);
	assert_string_equal(dep_at(0)->file, "README.md");
	expect_dep(1, "fromplain", 10, 13);
	expect_dep(2, "fromprompt", 13, 17);
	expect_dep(3, "cont", 14, 7);
	expect_dep(4, "invenv", 16, 34);
	assert_int_equal(diags.len, 0);
}

static void
test_readme_reports_curl_pipe_shell_and_options(void **state)
{
	(void)state;
	DETECT("```sh\ncurl -sSL https://install.example/x | bash\n"
	       "pip install --extra-index-url https://extra.example/ pkg\n```\n");
	assert_int_equal(out.n_deps, 2);
	expect_dep(0, "https://install.example/x", 2, 11);
	assert_int_equal(dep_at(0)->kind, DEP_REMOTE_SOURCE);
	expect_dep(1, "pkg", 3, 54);
	assert_true(dep_at(1)->extra_index);
	assert_int_equal(out.n_options, 1);
}

static void
test_readme_keeps_unlabelled_blocks_quiet_and_survives_an_open_fence(void **state)
{
	(void)state;
	DETECT("```\nthat's not shell\n```\n```bash\necho 'open\n```\n```sh\npip install last\n");
	assert_int_equal(diags.len, 1);
	assert_true(has_diag("unterminated single quote"));
	assert_int_equal(diags.items[0].line, 5);
	assert_int_equal(out.n_deps, 1);
	expect_dep(0, "last", 8, 13);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_readme_matches_readmes_and_markdown, setup, teardown),
		cmocka_unit_test_setup_teardown(test_readme_reads_shell_fences_as_documentation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_readme_reports_curl_pipe_shell_and_options, setup, teardown),
		cmocka_unit_test_setup_teardown(test_readme_keeps_unlabelled_blocks_quiet_and_survives_an_open_fence, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
