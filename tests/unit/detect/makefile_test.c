/* Tests for core/detect/makefile.c: recipes in Makefiles. */
#include "detect_harness.h"

#define DETECT(lit) harness_detect(detect_makefile, "Makefile", (lit), sizeof(lit) - 1)

static void
test_makefile_matches_its_names(void **state)
{
	(void)state;
	assert_true(makefile_matches("Makefile"));
	assert_true(makefile_matches("sub/makefile"));
	assert_true(makefile_matches("GNUmakefile"));
	assert_true(makefile_matches("rules/python.mk"));
	assert_false(makefile_matches("Makefile.am"));
	assert_false(makefile_matches("CMakeLists.txt"));
}

static void
test_makefile_reads_recipes_with_prefixes_and_continuations(void **state)
{
	(void)state;
	DETECT("PIP := pip3\n"
	       "NOTREAD = pip install notarecipe\n"
	       ".PHONY: deps\n"
	       "deps: venv\n"
	       "\t@echo installing\n"
	       "\t@-$(PIP) install -U requests \\\n"
	       "\t\tflask==3.0\n"
	       "ifeq ($(CI),1)\n"
	       "\t+pip install ci-only\n"
	       "endif\n"
	       "\tpip install $$EXTRA\n"
	       "\n"
	       "lint: ; pip install ruff\n"
	       "define HELP\n"
	       "\tpip install indefine\n"
	       "endef\n");
	assert_int_equal(out.n_deps, 5);
	harness_expect_dep(0, "requests", 6, 22);
	harness_expect_dep(1, "flask", 7, 3);
	assert_string_equal(harness_dep_at(1)->spec, "==3.0");
	assert_string_equal(harness_dep_at(1)->raw, "$(PIP) install -U requests \\\n\tflask==3.0");
	harness_expect_dep(2, "ci-only", 9, 15);
	assert_true(harness_dep_at(3)->env_var);
	assert_string_equal(harness_dep_at(3)->name, "$EXTRA");
	assert_int_equal(harness_dep_at(3)->line, 11);
	assert_int_equal(harness_dep_at(3)->column, 14);
	harness_expect_dep(4, "ruff", 13, 21);
	assert_int_equal(diags.len, 0);
}

static void
test_makefile_ignores_tab_lines_outside_rules(void **state)
{
	(void)state;
	DETECT("X = 1\n\tpip install orphan\nall:\n\tpip install real\n");
	assert_int_equal(out.n_deps, 1);
	harness_expect_dep(0, "real", 4, 14);
}

static void
test_makefile_survives_bad_recipes(void **state)
{
	(void)state;
	DETECT("all:\n\tpip install 'broken\n\tpip install ok\n\tpip install \\");
	assert_true(harness_has_diag("unterminated single quote"));
	assert_int_equal(out.n_deps, 1);
	harness_expect_dep(0, "ok", 3, 14);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		HARNESS_TEST(test_makefile_matches_its_names),
		HARNESS_TEST(test_makefile_reads_recipes_with_prefixes_and_continuations),
		HARNESS_TEST(test_makefile_ignores_tab_lines_outside_rules),
		HARNESS_TEST(test_makefile_survives_bad_recipes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
