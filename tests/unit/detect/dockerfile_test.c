/* Tests for core/detect/dockerfile.c: RUN instructions in Dockerfiles. */
#include "detect_harness.h"

#define DETECT(lit) harness_detect(detect_dockerfile, "docker/Dockerfile", (lit), sizeof(lit) - 1)

static void
test_dockerfile_matches_its_names(void **state)
{
	(void)state;
	assert_true(dockerfile_matches("Dockerfile"));
	assert_true(dockerfile_matches("x/Dockerfile.dev"));
	assert_true(dockerfile_matches("api.dockerfile"));
	assert_true(dockerfile_matches("Containerfile"));
	assert_true(dockerfile_matches("dockerfile"));
	assert_false(dockerfile_matches("Dockerfiles"));
	assert_false(dockerfile_matches("docker-compose.yml"));
}

static void
test_dockerfile_reads_run_with_continuations_and_chains(void **state)
{
	(void)state;
	DETECT("FROM python:3.11\n"
	       "ENV PIP_NO_CACHE_DIR=1\n"
	       "run apt-get update && \\\n"
	       "    # a comment inside the instruction\n"
	       "    pip install --no-cache-dir \\\n"
	       "      flask==3.0 \\\n"
	       "\n"
	       "      gunicorn && rm -rf /tmp/*\n"
	       "RUN --mount=type=cache,target=/root/.cache pip install -r requirements.txt uvicorn\n"
	       "CMD [\"pip\", \"install\", \"notrun\"]\n"
	       "ONBUILD RUN pip install onbuilt\n");
	assert_int_equal(out.n_deps, 4);
	harness_expect_dep(0, "flask", 6, 7);
	assert_string_equal(harness_dep_at(0)->spec, "==3.0");
	assert_int_equal(harness_dep_at(0)->kind, DEP_INSTALL_COMMAND);
	harness_expect_dep(1, "gunicorn", 8, 7);
	assert_string_equal(harness_dep_at(1)->raw, "pip install --no-cache-dir       flask==3.0       gunicorn");
	harness_expect_dep(2, "uvicorn", 9, 76);
	harness_expect_dep(3, "onbuilt", 11, 25);
	assert_int_equal(out.n_includes, 1);
	assert_string_equal(out.includes[0].path, "requirements.txt");
	assert_int_equal(out.includes[0].line, 9);
	assert_int_equal(out.includes[0].column, 59);
	assert_int_equal(diags.len, 0);
}

static void
test_dockerfile_reads_the_exec_form(void **state)
{
	(void)state;
	DETECT("RUN [\"pip\", \"install\", \"--index-url\", \"https://m.example/simple\", \"a b\", \"c\"]\n"
	       "RUN [\"/bin/sh\", \"-c\", \"pip install d && curl -s https://e.example/x | sh\"]\n");
	assert_int_equal(out.n_deps, 3);
	/* "a b" is one argument: pip refuses it, and says so */
	assert_true(diags.len >= 1);
	harness_expect_dep(0, "c", 1, 75);
	assert_string_equal(harness_dep_at(0)->index_url, "https://m.example/simple");
	harness_expect_dep(1, "d", 2, 36);
	harness_expect_dep(2, "https://e.example/x", 2, 49);
	assert_int_equal(out.n_options, 1);
	assert_int_equal(out.options[0]->column, 25);
}

static void
test_dockerfile_decodes_escapes_of_the_exec_form(void **state)
{
	(void)state;
	/* \u0065 is "e", \u0041 "A" */
	DETECT("RUN [\"pip\", \"install\", \"r\\u0065quests\", \"\\u0041b\"]\n");
	assert_int_equal(out.n_deps, 2);
	assert_string_equal(harness_dep_at(0)->name, "requests");
	assert_int_equal(harness_dep_at(0)->column, 25);
	assert_string_equal(harness_dep_at(1)->name, "Ab");
}

static void
test_dockerfile_follows_the_escape_directive(void **state)
{
	(void)state;
	DETECT("# escape=`\nFROM mcr.microsoft.com/windows\nRUN pip install `\n    winpkg\n");
	assert_int_equal(out.n_deps, 1);
	harness_expect_dep(0, "winpkg", 4, 5);
}

static void
test_dockerfile_reads_heredoc_bodies(void **state)
{
	(void)state;
	DETECT("RUN <<EOF\nset -e\npip install fromheredoc\nEOF\nRUN pip install after\n");
	assert_int_equal(out.n_deps, 2);
	harness_expect_dep(0, "fromheredoc", 3, 13);
	harness_expect_dep(1, "after", 5, 17);
}

static void
test_dockerfile_survives_truncated_input(void **state)
{
	(void)state;
	DETECT("RUN pip install \"unclosed \\\n");
	assert_int_equal(out.n_deps, 0);
	assert_true(harness_has_diag("unterminated double quote"));
	DETECT("RUN [\"pip\", \"install\", \"x");
	DETECT("RUN \\");
	DETECT("RUN <<EOF\npip install never_closed\n");
	/* Docker reads broken JSON as shell form, which sh refuses: only the heredoc counts */
	assert_int_equal(out.n_deps, 1);
	assert_string_equal(harness_dep_at(0)->name, "never_closed");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		HARNESS_TEST(test_dockerfile_matches_its_names),
		HARNESS_TEST(test_dockerfile_reads_run_with_continuations_and_chains),
		HARNESS_TEST(test_dockerfile_reads_the_exec_form),
		HARNESS_TEST(test_dockerfile_decodes_escapes_of_the_exec_form),
		HARNESS_TEST(test_dockerfile_follows_the_escape_directive),
		HARNESS_TEST(test_dockerfile_reads_heredoc_bodies),
		HARNESS_TEST(test_dockerfile_survives_truncated_input),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
