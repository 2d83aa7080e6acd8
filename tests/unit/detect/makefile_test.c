/* Tests for core/detect/makefile.c: recipes in Makefiles. */
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
	struct source src = { "Makefile", { text, len } };
	struct detect_ctx ctx = { 0 };

	assert_int_equal(detect_makefile(&out, &src, &ctx), 0);
}

#define DETECT(lit) detect_len((lit), sizeof(lit) - 1)

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
	expect_dep(0, "requests", 6, 22);
	expect_dep(1, "flask", 7, 3);
	assert_string_equal(dep_at(1)->spec, "==3.0");
	assert_string_equal(dep_at(1)->raw, "$(PIP) install -U requests \\\n\tflask==3.0");
	expect_dep(2, "ci-only", 9, 15);
	assert_true(dep_at(3)->env_var);
	assert_string_equal(dep_at(3)->name, "$EXTRA");
	assert_int_equal(dep_at(3)->line, 11);
	assert_int_equal(dep_at(3)->column, 14);
	expect_dep(4, "ruff", 13, 21);
	assert_int_equal(diags.len, 0);
}

static void
test_makefile_ignores_tab_lines_outside_rules(void **state)
{
	(void)state;
	DETECT("X = 1\n\tpip install orphan\nall:\n\tpip install real\n");
	assert_int_equal(out.n_deps, 1);
	expect_dep(0, "real", 4, 14);
}

static void
test_makefile_survives_bad_recipes(void **state)
{
	(void)state;
	DETECT("all:\n\tpip install 'broken\n\tpip install ok\n\tpip install \\");
	assert_true(has_diag("unterminated single quote"));
	assert_int_equal(out.n_deps, 1);
	expect_dep(0, "ok", 3, 14);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_makefile_matches_its_names, setup, teardown),
		cmocka_unit_test_setup_teardown(test_makefile_reads_recipes_with_prefixes_and_continuations, setup, teardown),
		cmocka_unit_test_setup_teardown(test_makefile_ignores_tab_lines_outside_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(test_makefile_survives_bad_recipes, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
