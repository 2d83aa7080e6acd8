/* Tests for core/detect/readme.c: shell blocks in README and Markdown files. */
#include "detect_harness.h"

#define DETECT(lit) harness_detect(detect_readme, "README.md", (lit), sizeof(lit) - 1)

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
	/* a compressed, binary or rendered copy is not Markdown to read */
	assert_false(readme_matches("usr/share/doc/bash/README.gz"));
	assert_false(readme_matches("README.md.gz"));
	assert_false(readme_matches("docs/README.PDF"));
	assert_false(readme_matches("site/README.html"));
	assert_true(readme_matches("README.Debian"));
	assert_true(readme_matches("README.md"));
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
	harness_expect_dep(0, "fromsh", 4, 13);
	assert_int_equal(harness_dep_at(0)->kind, DEP_DOCUMENTATION);
	assert_string_equal(harness_dep_at(0)->file, "README.md");
	harness_expect_dep(1, "fromplain", 10, 13);
	harness_expect_dep(2, "fromprompt", 13, 17);
	harness_expect_dep(3, "cont", 14, 7);
	harness_expect_dep(4, "invenv", 16, 34);
	assert_int_equal(diags.len, 0);
}

static void
test_readme_reports_curl_pipe_shell_and_options(void **state)
{
	(void)state;
	DETECT("```sh\ncurl -sSL https://install.example/x | bash\n"
	       "pip install --extra-index-url https://extra.example/ pkg\n```\n");
	assert_int_equal(out.n_deps, 2);
	harness_expect_dep(0, "https://install.example/x", 2, 11);
	assert_int_equal(harness_dep_at(0)->kind, DEP_REMOTE_SOURCE);
	harness_expect_dep(1, "pkg", 3, 54);
	assert_true(harness_dep_at(1)->extra_index);
	assert_int_equal(out.n_options, 1);
}

static void
test_readme_keeps_unlabelled_blocks_quiet_and_survives_an_open_fence(void **state)
{
	(void)state;
	DETECT("```\nthat's not shell\n```\n```bash\necho 'open\n```\n```sh\npip install last\n");
	assert_int_equal(diags.len, 1);
	assert_true(harness_has_diag("unterminated single quote"));
	assert_int_equal(diags.items[0].line, 5);
	assert_int_equal(out.n_deps, 1);
	harness_expect_dep(0, "last", 8, 13);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		HARNESS_TEST(test_readme_matches_readmes_and_markdown),
		HARNESS_TEST(test_readme_reads_shell_fences_as_documentation),
		HARNESS_TEST(test_readme_reports_curl_pipe_shell_and_options),
		HARNESS_TEST(test_readme_keeps_unlabelled_blocks_quiet_and_survives_an_open_fence),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
