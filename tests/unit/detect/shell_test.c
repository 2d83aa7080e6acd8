/* Tests for core/detect/shell.c: shell scripts read for install commands. */
#include "detect_harness.h"

#define DETECT(path, lit) harness_detect(detect_shell, (path), (lit), sizeof(lit) - 1)

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
	harness_expect_dep(0, "pip", 4, 34);
	harness_expect_dep(1, "requests", 5, 5);
	assert_string_equal(harness_dep_at(1)->file, "scripts/setup.sh");
	assert_int_equal(harness_dep_at(1)->kind, DEP_INSTALL_COMMAND);
	assert_string_equal(harness_dep_at(1)->spec, "==2.31.0");
	harness_expect_dep(2, "https://x.example/i.sh", 6, 12);
	assert_int_equal(harness_dep_at(2)->kind, DEP_REMOTE_SOURCE);
	assert_int_equal(harness_dep_at(2)->language, LANG_SHELL);
	assert_int_equal(diags.len, 0);
}

static void
test_shell_reports_bad_text_and_reads_the_rest(void **state)
{
	(void)state;
	DETECT("a.sh", "echo 'oops\npip install ok\0 x\n");
	assert_true(harness_has_diag("unterminated single quote"));
	/* "ok\0" is one word, and not a name pip accepts */
	assert_true(harness_has_diag("expected"));
	assert_int_equal(out.n_deps, 1);
	harness_expect_dep(0, "x", 2, 17);
}

static void
test_shell_reads_an_empty_file(void **state)
{
	(void)state;
	DETECT("e.sh", "");
	assert_int_equal(out.n_deps, 0);
	assert_int_equal(diags.len, 0);
}

/* Where the -r file @i of the script is looked for: its cd folders, "" none, NULL unknown. */
static const char *
include_cd(size_t i, char *buf, size_t cap)
{
	assert_true(i < out.n_includes);
	return harness_cd_path(out.includes[i].cd, buf, cap);
}

static void
test_shell_cd_to_its_own_folder_is_followed(void **state)
{
	char buf[256];

	(void)state;
	DETECT("scripts/ci/setup.sh",
	       "cd \"$(dirname \"$0\")\"\npip install -r a.txt\n"
	       "cd ..\npip install -r b.txt\n"
	       "cd /opt\npip install -r lost.txt\n"
	       "cd \"$( dirname -- \"${BASH_SOURCE[0]}\" )/../..\"\npip install -r c.txt\n"
	       "cd `dirname $0`/x && pip install -r d.txt\n"
	       "cd \"$(cd \"$(dirname \"$(readlink -f \"$0\")\")\" &> /dev/null && pwd)\"\n"
	       "pip install -r e.txt\n"
	       "cd ${0%/*}/y; pip install -r f.txt\n"
	       "cd \"$(dirname \"$0\")/$SUB\"; pip install -r g.txt\n"
	       "cd \"$(dirname '$0')\"; pip install -r h.txt\n");
	assert_int_equal(out.n_includes, 9);
	assert_string_equal(include_cd(0, buf, sizeof(buf)), "");
	assert_string_equal(include_cd(1, buf, sizeof(buf)), "..");
	assert_null(out.includes[2].cd);        /* cd /opt: unknown */
	assert_string_equal(include_cd(3, buf, sizeof(buf)), "../..");
	assert_string_equal(include_cd(4, buf, sizeof(buf)), "x");
	assert_string_equal(include_cd(5, buf, sizeof(buf)), "");
	assert_string_equal(include_cd(6, buf, sizeof(buf)), "y");
	/* a $ after the folder, or a single-quoted $0: unknown again */
	assert_null(out.includes[7].cd);
	assert_null(out.includes[8].cd);
	assert_int_equal(diags.len, 0);

	/* $0 is not the file outside a script: a Dockerfile's RUN leaves it unknown */
	static const char run[] = "RUN cd \"$(dirname \"$0\")\" && cd x && pip install -r z.txt\n";
	harness_reset();
	harness_detect(detect_dockerfile, "Dockerfile", run, sizeof(run) - 1);
	assert_int_equal(out.n_includes, 1);
	assert_null(out.includes[0].cd);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		HARNESS_TEST(test_shell_matches_sh_and_bash_files),
		HARNESS_TEST(test_shell_reads_the_whole_script),
		HARNESS_TEST(test_shell_reports_bad_text_and_reads_the_rest),
		HARNESS_TEST(test_shell_reads_an_empty_file),
		HARNESS_TEST(test_shell_cd_to_its_own_folder_is_followed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
