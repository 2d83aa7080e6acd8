/* Tests for core/detect/shell.c: shell scripts read for install commands. */
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
detect_len(const char *path, const char *text, size_t len)
{
	struct source src = { path, { text, len } };
	struct detect_ctx ctx = { 0 };

	assert_int_equal(detect_shell(&out, &src, &ctx), 0);
}

#define DETECT(path, lit) detect_len((path), (lit), sizeof(lit) - 1)

static void
test_shell_matches_sh_and_bash_files(void **state)
{
	(void)state;
	assert_true(shell_matches("install.sh"));
	assert_true(shell_matches("scripts/setup.bash"));
	assert_false(shell_matches("sh"));
	assert_false(shell_matches("x.shx"));
	assert_false(shell_matches("bash"));
	assert_false(shell_matches("notes.sh.txt"));
}

static void
test_shell_reads_the_whole_script(void **state)
{
	(void)state;
	DETECT("scripts/setup.sh", "#!/bin/sh\nset -eu\n\npython3 -m pip install --upgrade pip \\\n"
				  "    requests==2.31.0\ncurl -fsSL https://x.example/i.sh | sh\n");
	assert_int_equal(out.n_deps, 3);
	expect_dep(0, "pip", 4, 34);
	expect_dep(1, "requests", 5, 5);
	assert_string_equal(dep_at(1)->file, "scripts/setup.sh");
	assert_int_equal(dep_at(1)->kind, DEP_INSTALL_COMMAND);
	assert_string_equal(dep_at(1)->spec, "==2.31.0");
	expect_dep(2, "https://x.example/i.sh", 6, 12);
	assert_int_equal(dep_at(2)->kind, DEP_REMOTE_SOURCE);
	assert_int_equal(dep_at(2)->language, LANG_SHELL);
	assert_int_equal(diags.len, 0);
}

static void
test_shell_reports_bad_text_and_reads_the_rest(void **state)
{
	(void)state;
	DETECT("a.sh", "echo 'oops\npip install ok\0 x\n");
	assert_true(has_diag("unterminated single quote"));
	/* "ok\0" is one word, and not a name pip accepts */
	assert_true(has_diag("expected"));
	assert_int_equal(out.n_deps, 1);
	expect_dep(0, "x", 2, 17);
}

static void
test_shell_reads_an_empty_file(void **state)
{
	(void)state;
	DETECT("e.sh", "");
	assert_int_equal(out.n_deps, 0);
	assert_int_equal(diags.len, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_shell_matches_sh_and_bash_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shell_reads_the_whole_script, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shell_reports_bad_text_and_reads_the_rest, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shell_reads_an_empty_file, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
