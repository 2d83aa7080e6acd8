/* Tests for core/detect/tox_ini.c: deps and commands in tox.ini. */
#include "detect_harness.h"

#define DETECT(lit) harness_detect(detect_tox_ini, "tox.ini", (lit), sizeof(lit) - 1)

static void
test_tox_ini_matches_only_tox_ini(void **state)
{
	(void)state;
	assert_true(tox_ini_matches("tox.ini"));
	assert_true(tox_ini_matches("pkg/tox.ini"));
	assert_false(tox_ini_matches("setup.cfg"));
	assert_false(tox_ini_matches("tox.ini.bak"));
}

static void
test_tox_ini_reads_deps_and_commands_of_testenvs(void **state)
{
	(void)state;
	DETECT("[tox]\n"
	       "envlist = py311\n"
	       "requires = tox>=4\n"
	       "\n"
	       "[testenv]\n"
	       "deps =\n"
	       "    pytest>=7\n"
	       "    py38: mock==5.0\n"
	       "    -r{toxinidir}/requirements-test.txt\n"
	       "    -c constraints.txt\n"
	       "    {[base]deps}\n"
	       "    # a comment\n"
	       "    -e .\n"
	       "commands =\n"
	       "    pip install extra-tool\n"
	       "    {envpython} -m pip install --pre nightly\n"
	       "    - coverage erase\n"
	       "\n"
	       "[testenv:lint]\n"
	       "deps = ruff\n"
	       "\n"
	       "[other]\n"
	       "deps = notread\n");
	assert_int_equal(out.n_deps, 7);
	harness_expect_dep(0, "tox", 3, 12);
	assert_string_equal(harness_dep_at(0)->spec, ">=4");
	harness_expect_dep(1, "pytest", 7, 5);
	assert_int_equal(harness_dep_at(1)->kind, DEP_INSTALL_COMMAND);
	assert_string_equal(harness_dep_at(1)->file, "tox.ini");
	harness_expect_dep(2, "mock", 8, 11);
	assert_string_equal(harness_dep_at(2)->spec, "==5.0");
	assert_true(harness_dep_at(3)->editable);
	assert_int_equal(harness_dep_at(3)->ecosystem, ECO_LOCAL);
	assert_int_equal(harness_dep_at(3)->line, 13);
	harness_expect_dep(4, "extra-tool", 15, 17);
	harness_expect_dep(5, "nightly", 16, 38);
	harness_expect_dep(6, "ruff", 20, 8);
	assert_int_equal(out.n_includes, 2);
	assert_string_equal(out.includes[0].path, "requirements-test.txt");
	assert_int_equal(out.includes[0].line, 9);
	assert_int_equal(out.includes[0].column, 19);
	assert_string_equal(out.includes[1].path, "constraints.txt");
	assert_true(out.includes[1].constraint);
	assert_int_equal(out.n_options, 1);
	assert_int_equal(out.options[0]->kind, OPT_PRE);
	assert_int_equal(diags.len, 0);
}

static void
test_tox_ini_reports_bad_lines_with_their_file_position(void **state)
{
	(void)state;
	DETECT("[testenv\ndeps = ok\n[testenv]\ndeps =\n    good\n    bad[\n    fine\n");
	assert_true(diags.len >= 2);
	assert_true(harness_has_diag("expected ']'"));
	assert_int_equal(diags.items[0].line, 1);
	assert_int_equal(diags.items[1].line, 6);
	assert_int_equal(out.n_deps, 2);
	harness_expect_dep(0, "good", 5, 5);
	harness_expect_dep(1, "fine", 7, 5);
}

/*
 * configparser's grammar, as tox 4 reads the file: a line continues a value
 * only when indented deeper than the option's line; comment lines inside a
 * value are left out; CR alone ends a line; keys are matched in any case.
 */
static void
test_tox_ini_reads_values_as_configparser_does(void **state)
{
	(void)state;
	DETECT("[testenv]\n"
	       "  deps = a\n"
	       "  commands = pytest\n"       /* as deep as deps: an option, not a dep */
	       "    pip install b\n"
	       "[testenv:x]\r"
	       "Deps =\r"
	       "  # c\r"
	       "  d\r"
	       "[notenv]\n"
	       "deps = e\n");
	assert_int_equal(out.n_deps, 3);
	harness_expect_dep(0, "a", 2, 10);
	harness_expect_dep(1, "b", 4, 17);
	assert_string_equal(harness_dep_at(2)->name, "d");
	assert_int_equal(harness_dep_at(2)->line, 5);      /* a line counter sees no CR */
	assert_int_equal(diags.len, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		HARNESS_TEST(test_tox_ini_matches_only_tox_ini),
		HARNESS_TEST(test_tox_ini_reads_deps_and_commands_of_testenvs),
		HARNESS_TEST(test_tox_ini_reports_bad_lines_with_their_file_position),
		HARNESS_TEST(test_tox_ini_reads_values_as_configparser_does),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
