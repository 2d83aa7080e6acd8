/* Tests for core/detect/dockerfile.c: RUN instructions in Dockerfiles. */
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
	struct source src = { "docker/Dockerfile", { text, len } };
	struct detect_ctx ctx = { 0 };

	assert_int_equal(detect_dockerfile(&out, &src, &ctx), 0);
}

#define DETECT(lit) detect_len((lit), sizeof(lit) - 1)

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
	expect_dep(0, "flask", 6, 7);
	assert_string_equal(dep_at(0)->spec, "==3.0");
	assert_int_equal(dep_at(0)->kind, DEP_INSTALL_COMMAND);
	expect_dep(1, "gunicorn", 8, 7);
	assert_string_equal(dep_at(1)->raw, "pip install --no-cache-dir       flask==3.0       gunicorn");
	expect_dep(2, "uvicorn", 9, 76);
	expect_dep(3, "onbuilt", 11, 25);
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
	expect_dep(0, "c", 1, 75);
	assert_string_equal(dep_at(0)->index_url, "https://m.example/simple");
	expect_dep(1, "d", 2, 36);
	expect_dep(2, "https://e.example/x", 2, 49);
	assert_int_equal(out.n_options, 1);
	assert_int_equal(out.options[0]->column, 25);
}

static void
test_dockerfile_follows_the_escape_directive(void **state)
{
	(void)state;
	DETECT("# escape=`\nFROM mcr.microsoft.com/windows\nRUN pip install `\n    winpkg\n");
	assert_int_equal(out.n_deps, 1);
	expect_dep(0, "winpkg", 4, 5);
}

static void
test_dockerfile_reads_heredoc_bodies(void **state)
{
	(void)state;
	DETECT("RUN <<EOF\nset -e\npip install fromheredoc\nEOF\nRUN pip install after\n");
	assert_int_equal(out.n_deps, 2);
	expect_dep(0, "fromheredoc", 3, 13);
	expect_dep(1, "after", 5, 17);
}

static void
test_dockerfile_survives_truncated_input(void **state)
{
	(void)state;
	DETECT("RUN pip install \"unclosed \\\n");
	assert_int_equal(out.n_deps, 0);
	assert_true(has_diag("unterminated double quote"));
	DETECT("RUN [\"pip\", \"install\", \"x");
	DETECT("RUN \\");
	DETECT("RUN <<EOF\npip install never_closed\n");
	/* Docker reads broken JSON as shell form, which sh refuses: only the heredoc counts */
	assert_int_equal(out.n_deps, 1);
	assert_string_equal(dep_at(0)->name, "never_closed");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_dockerfile_matches_its_names, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dockerfile_reads_run_with_continuations_and_chains, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dockerfile_reads_the_exec_form, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dockerfile_follows_the_escape_directive, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dockerfile_reads_heredoc_bodies, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dockerfile_survives_truncated_input, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
