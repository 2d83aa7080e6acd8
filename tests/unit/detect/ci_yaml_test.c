/* Tests for core/detect/ci_yaml.c: the shell regions of GitHub and GitLab CI files. */
#include <stdio.h>

#include "detect_harness.h"
#include "detect/ci_yaml.h"
#include "detect/yaml_tree.h"

static struct ci_region *regions;
static size_t n_regions;
static int
setup(void **state)
{
	regions = NULL;
	n_regions = 0;
	return harness_setup(state);
}

static int
teardown(void **state)
{
	free(regions);
	return harness_teardown(state);
}

static void
find_len(const char *path, const char *text, size_t len)
{
	free(regions);  /* of an earlier call in the same test */
	src = (struct source){ path, { text, len } };
	assert_int_equal(ci_yaml_find_regions(&regions, &n_regions, &out, &src), 0);
}

#define FIND(path, lit) find_len((path), (lit), sizeof(lit) - 1)
#define DETECT(path, lit) harness_detect(detect_ci_yaml, (path), (lit), sizeof(lit) - 1)

static void
assert_region(size_t i, const char *text)
{
	assert_true(i < n_regions);
	assert_true(regions[i].at.end <= src.text.len);
	struct span at = regions[i].at;
	struct sv got = sv_slice(src.text, at.start, at.end - at.start);
	if (!sv_eq_cstr(got, text))
		fail_msg("region %zu is \"%.*s\", expected \"%s\"", i, (int)got.len, got.ptr, text);
}

static const char workflow[] =
	"name: ci\n"
	"on: push\n"
	"jobs:\n"
	"  test:\n"
	"    runs-on: ubuntu-latest\n"
	"    steps:\n"
	"      - uses: actions/checkout@v4\n"
	"      - run: pip install reqeusts==2.31.0\n"
	"      - name: deps\n"
	"        run: |\n"
	"          python -m pip install --upgrade pip\n"
	"          pip install -r requirements.txt\n"
	"      - run: \"pip install \\\"flask>=2\\\"\"\n"
	"      - shell: pwsh\n"
	"        run: pip install ignored-pwsh\n"
	"      - shell: bash -e {0}\n"
	"        run: pip3 install six\n"
	"  lint:\n"
	"    steps:\n"
	"      - run: 'curl -sSL https://example.com/install.sh | sh'\n";

static const char gitlab[] =
	"stages: [test]\n"
	"variables:\n"
	"  script: \"pip install not-a-script\"\n"
	"before_script:\n"
	"  - pip install global-dep\n"
	"default:\n"
	"  after_script:\n"
	"    - echo done\n"
	".setup: &setup\n"
	"  - pip install anchored\n"
	"test:\n"
	"  image: python:3.11\n"
	"  before_script:\n"
	"    - *setup\n"
	"    - !reference [.base, script]\n"
	"  script:\n"
	"    - pip install reqeusts\n"
	"    - - cd src && pip install colorama\n"
	"    - |\n"
	"      pip install \\\n"
	"        numpy\n"
	"build:\n"
	"  script: python -m pip install build\n";

static void
test_ci_yaml_matches_workflows_and_gitlab_ci(void **state)
{
	(void)state;
	assert_true(ci_yaml_matches(".github/workflows/ci.yml"));
	assert_true(ci_yaml_matches(".github/workflows/release.yaml"));
	assert_true(ci_yaml_matches(".gitlab-ci.yml"));
	assert_true(ci_yaml_matches("sub/project/.gitlab-ci.yml"));
	assert_false(ci_yaml_matches(".github/workflows/nested/ci.yml"));
	assert_false(ci_yaml_matches(".github/workflows/README.md"));
	assert_false(ci_yaml_matches("docs/.github/workflows/ci.yml"));
	assert_false(ci_yaml_matches(".github/dependabot.yml"));
	assert_false(ci_yaml_matches("ci.yml"));
}

static void
test_ci_yaml_finds_run_of_every_posix_shell_step_as_written(void **state)
{
	(void)state;
	FIND(".github/workflows/ci.yml", workflow);
	assert_int_equal(n_regions, 5);
	assert_region(0, "pip install reqeusts==2.31.0");
	/* a block scalar: the lines after the indicator, indentation included */
	assert_region(1, "          python -m pip install --upgrade pip\n"
			 "          pip install -r requirements.txt\n");
	/* a quoted scalar: inside the quotes, escapes not decoded */
	assert_region(2, "pip install \\\"flask>=2\\\"");
	assert_region(3, "pip3 install six");
	assert_region(4, "curl -sSL https://example.com/install.sh | sh");
	assert_int_equal(diags.len, 0);
}

static void
assert_dir(size_t i, const char *dir)
{
	assert_true(i < n_regions);
	if (!dir)
		assert_null(regions[i].dir);
	else
		assert_string_equal(regions[i].dir, dir);
}

/* A step runs in the checkout's root unless it, its job or the workflow names a folder. */
static void
test_ci_yaml_gives_each_step_its_working_directory(void **state)
{
	(void)state;
	FIND(".github/workflows/ci.yml",
	     "defaults:\n"
	     "  run:\n"
	     "    working-directory: top\n"
	     "jobs:\n"
	     "  a:\n"
	     "    steps:\n"
	     "      - run: one\n"
	     "      - run: two\n"
	     "        working-directory: ./step\n"
	     "  b:\n"
	     "    defaults: {run: {working-directory: job}}\n"
	     "    steps:\n"
	     "      - run: three\n"
	     "      - run: four\n"
	     "        working-directory: ${{ matrix.dir }}\n");
	assert_int_equal(n_regions, 4);
	assert_dir(0, "top");
	assert_dir(1, "./step");
	assert_dir(2, "job");
	assert_dir(3, "");      /* known only when the job runs: the root */
	FIND(".github/workflows/ci.yml",
	     "jobs:\n"
	     "  a:\n"
	     "    steps:\n"
	     "      - run: one\n"
	     "        working-directory: ${{ github.workspace }}/backend\n"
	     "      - run: two\n"
	     "        working-directory: ${{github.workspace}}\n"
	     "      - run: three\n"
	     "        working-directory: /home/runner/work\n"
	     "      - run: four\n"
	     "        working-directory: ~/src\n");
	assert_int_equal(n_regions, 4);
	assert_dir(0, "backend");
	assert_dir(1, "");
	assert_dir(2, "");      /* outside the checkout: unknown, the root */
	assert_dir(3, "");
	FIND(".github/workflows/ci.yml", "jobs:\n  a:\n    steps:\n      - run: one\n");
	assert_dir(0, "");
	FIND(".gitlab-ci.yml", "job:\n  script: one\n");
	assert_dir(0, NULL);    /* the folder of .gitlab-ci.yml */
}

/* `defaults: run: shell:` of the job or the workflow applies to steps that set none. */
static void
test_ci_yaml_skips_steps_whose_default_shell_is_not_posix(void **state)
{
	(void)state;
	FIND(".github/workflows/ci.yml",
	     "defaults: {run: {shell: pwsh}}\n"
	     "jobs:\n"
	     "  a:\n"
	     "    steps:\n"
	     "      - run: skipped\n"
	     "      - run: read\n"
	     "        shell: bash\n"
	     "  b:\n"
	     "    defaults: {run: {shell: bash}}\n"
	     "    steps:\n"
	     "      - run: also read\n");
	assert_int_equal(n_regions, 2);
	assert_region(0, "read");
	assert_region(1, "also read");
}

/* Include @i names @path after a cd to @dir (NULL: none). */
static void
expect_include(size_t i, const char *path, const char *dir)
{
	assert_true(i < out.n_includes);
	assert_string_equal(out.includes[i].path, path);
	if (dir)
		assert_string_equal(out.includes[i].cd->dir, dir);
	else
		assert_null(out.includes[i].cd);
}

/*
 * A GitLab job's before_script and script lines run in one shell, so a cd
 * in one line holds for the next; after_script and other jobs start anew.
 * A GitHub step's run: is a shell of its own.
 */
static void
test_ci_yaml_keeps_a_cd_across_the_lines_of_one_shell(void **state)
{
	(void)state;
	DETECT(".gitlab-ci.yml",
	       "a:\n"
	       "  before_script:\n"
	       "    - cd backend\n"
	       "  script:\n"
	       "    - pip install -r one.txt\n"
	       "  after_script:\n"
	       "    - pip install -r two.txt\n"
	       "b:\n"
	       "  script:\n"
	       "    - pip install -r three.txt\n");
	assert_int_equal(out.n_includes, 3);
	assert_string_equal(out.includes[0].cd->dir, "backend");
	assert_null(out.includes[1].cd);
	assert_null(out.includes[2].cd);
	DETECT(".github/workflows/ci.yml",
	       "jobs:\n"
	       "  a:\n"
	       "    steps:\n"
	       "      - run: cd api && pip install -r one.txt\n"
	       "      - run: pip install -r two.txt\n");
	assert_int_equal(out.n_includes, 5);  /* after the three above */
	assert_string_equal(out.includes[3].cd->dir, "api");
	assert_null(out.includes[4].cd);
	/* a default before_script's cd holds in a job without one, declared once */
	DETECT(".gitlab-ci.yml",
	       "default:\n"
	       "  before_script: [cd app, pip install once]\n"
	       "d:\n"
	       "  script: [pip install -r six.txt]\n"
	       "e:\n"
	       "  before_script: [pip install -r seven.txt]\n");
	assert_int_equal(out.n_includes, 7);
	expect_include(5, "six.txt", "app");
	expect_include(6, "seven.txt", NULL);   /* its own before_script replaces it */
	size_t once = 0;
	for (size_t i = 0; i < out.n_deps; i++)
		once += strcmp(out.deps[i]->name, "once") == 0;
	assert_int_equal(once, 1);
	/* the order GitLab runs them in, not the order of the keys */
	DETECT(".gitlab-ci.yml",
	       "c:\n"
	       "  after_script: [pip install -r four.txt]\n"
	       "  script: [pip install -r five.txt]\n"
	       "  before_script: [cd web]\n");
	assert_int_equal(out.n_includes, 9);
	expect_include(7, "five.txt", "web");
	expect_include(8, "four.txt", NULL);
}

/* A job's templates give it their before_script, and `inherit:` can refuse default's. */
static void
test_ci_yaml_follows_extends_and_inherit_to_a_before_script(void **state)
{
	(void)state;
	DETECT(".gitlab-ci.yml",
	       "default:\n"
	       "  before_script: [cd dflt]\n"
	       ".py:\n"
	       "  before_script: [cd api]\n"
	       ".deep:\n"
	       "  extends: .py\n"
	       ".other:\n"
	       "  before_script: [cd web]\n"
	       ".loop-a:\n"
	       "  extends: .loop-b\n"
	       ".loop-b:\n"
	       "  extends: [.loop-a]\n"
	       "one:\n"
	       "  extends: .deep\n"
	       "  script: [pip install -r one.txt]\n"
	       "two:\n"
	       "  extends: [.py, .other, .missing]\n"
	       "  script: [pip install -r two.txt]\n"
	       "three:\n"
	       "  extends: .loop-a\n"
	       "  script: [pip install -r three.txt]\n"
	       "four:\n"
	       "  extends: .py\n"
	       "  before_script: [echo own]\n"
	       "  script: [pip install -r four.txt]\n"
	       "five:\n"
	       "  inherit: {default: false}\n"
	       "  script: [pip install -r five.txt]\n"
	       "six:\n"
	       "  inherit: {default: [image]}\n"
	       "  script: [pip install -r six.txt]\n"
	       "seven:\n"
	       "  inherit: {default: [image, before_script]}\n"
	       "  script: [pip install -r seven.txt]\n"
	       ".alone:\n"
	       "  inherit: {default: false}\n"
	       "eight:\n"
	       "  extends: .alone\n"
	       "  inherit: {variables: false}\n"
	       "  script: [pip install -r eight.txt]\n"
	       ".middle:\n"
	       "  extends: .alone\n"
	       "  inherit: {variables: false}\n"
	       "nine:\n"
	       "  extends: [.alone, .middle]\n"
	       "  script: [pip install -r nine.txt]\n");
	assert_int_equal(out.n_includes, 9);
	expect_include(0, "one.txt", "api");      /* .deep extends .py */
	expect_include(1, "two.txt", "web");      /* the last template with one */
	expect_include(2, "three.txt", "dflt");   /* a cycle gives nothing: default's */
	expect_include(3, "four.txt", NULL);      /* its own replaces them */
	expect_include(4, "five.txt", NULL);
	expect_include(5, "six.txt", NULL);
	expect_include(6, "seven.txt", "dflt");
	expect_include(7, "eight.txt", NULL);     /* inherit: merged from its template */
	expect_include(8, "nine.txt", NULL);      /* ... key by key, down the chain */
}

static void
test_ci_yaml_reads_a_shell_other_than_pwsh_or_python(void **state)
{
	(void)state;
	FIND(".github/workflows/ci.yml",
	     "jobs:\n"
	     "  a:\n"
	     "    steps:\n"
	     "      - {shell: sh, run: pip install a}\n"
	     "      - {shell: python, run: import os}\n"
	     "      - {shell: 'bash {0}', run: pip install b}\n");
	assert_int_equal(n_regions, 2);
	assert_region(0, "pip install a");
	assert_region(1, "pip install b");
}

static void
test_ci_yaml_finds_gitlab_scripts_in_jobs_default_and_globals(void **state)
{
	(void)state;
	FIND(".gitlab-ci.yml", gitlab);
	assert_int_equal(n_regions, 7);
	assert_region(0, "pip install global-dep");
	assert_region(1, "echo done");
	assert_region(2, "pip install reqeusts");
	assert_region(3, "cd src && pip install colorama");
	assert_region(4, "      pip install \\\n        numpy\n");
	/* build has no before_script: the global one runs first, read again for its cds */
	assert_region(5, "pip install global-dep");
	assert_true(regions[5].replay);
	assert_region(6, "python -m pip install build");
	assert_false(regions[6].replay);
	assert_int_equal(regions[5].shell, regions[6].shell);
	for (size_t i = 0; i < 5; i++)
		assert_false(regions[i].replay);
	assert_int_equal(diags.len, 0);
}

static void
test_ci_yaml_does_not_read_github_keys_in_gitlab_files_nor_the_reverse(void **state)
{
	(void)state;
	FIND(".gitlab-ci.yml", workflow);
	assert_int_equal(n_regions, 0);
	free(regions);
	regions = NULL;
	FIND(".github/workflows/x.yml", gitlab);
	assert_int_equal(n_regions, 0);
}

static void
test_ci_yaml_reads_every_document_of_a_stream(void **state)
{
	(void)state;
	FIND(".gitlab-ci.yml",
	     "spec:\n  inputs: {}\n"
	     "---\n"
	     "job:\n  script: pip install two\n");
	assert_int_equal(n_regions, 1);
	assert_region(0, "pip install two");
}

static void
test_ci_yaml_reports_invalid_yaml_once_with_line_and_column(void **state)
{
	(void)state;
	FIND(".gitlab-ci.yml",
	     "job:\n"
	     "  script:\n"
	     "    - pip install a\n"
	     "  - bad: [\n");
	assert_int_equal(diags.len, 1);
	assert_int_equal(diags.items[0].level, DIAG_ERROR);
	assert_int_equal(diags.items[0].line, 4);
	assert_int_equal(diags.items[0].column, 3);
	assert_non_null(strstr(diags.items[0].message, "expected valid yaml"));
	/* what came before the error is still read */
	assert_int_equal(n_regions, 1);
	assert_region(0, "pip install a");
}

static void
test_ci_yaml_never_expands_an_alias_bomb(void **state)
{
	char text[4096];
	size_t n = 0;

	(void)state;
	n += (size_t)snprintf(text + n, sizeof(text) - n, "a0: &a0 [pip install x, y, z, w]\n");
	for (int i = 1; i < 40; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n,
				      "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n",
				      i, i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
	n += (size_t)snprintf(text + n, sizeof(text) - n, "job:\n  script: [*a39, *a39, echo]\n");
	assert_true(n < sizeof(text));
	find_len(".gitlab-ci.yml", text, n);
	assert_int_equal(n_regions, 1);
	assert_region(0, "echo");
	assert_int_equal(diags.len, 0);
}

static void
test_ci_yaml_stops_at_deep_nesting_with_a_limit_diagnostic(void **state)
{
	size_t depth = 50000;
	char *text = malloc(depth * 4 + 64);
	size_t n = 0;

	(void)state;
	assert_non_null(text);
	n += (size_t)sprintf(text, "job:\n  script:\n    - pip install a\n    - ");
	for (size_t i = 0; i < depth; i++)
		n += (size_t)sprintf(text + n, "- ");
	n += (size_t)sprintf(text + n, "x\n");
	find_len(".gitlab-ci.yml", text, n);
	assert_int_equal(diags.len, 1);
	assert_non_null(strstr(diags.items[0].message, "deeper than"));
	assert_int_equal(diags.items[0].line, 4);
	assert_int_equal(n_regions, 1);
	assert_region(0, "pip install a");
	free(text);
}

static void
test_ci_yaml_reports_bad_utf8_at_its_byte(void **state)
{
	(void)state;
	FIND(".gitlab-ci.yml", "job:\n  script: pip install \xff\n");
	assert_int_equal(diags.len, 1);
	assert_int_equal(diags.items[0].line, 2);
	assert_int_equal(diags.items[0].column, 23);
	assert_int_equal(n_regions, 0);
}

/* ---- end to end, through core/lex/shcmd.c ---- */

static void
test_ci_yaml_declares_workflow_installs_at_their_file_lines(void **state)
{
	const struct dep *d;

	(void)state;
	DETECT(".github/workflows/ci.yml", workflow);
	d = harness_find("reqeusts");
	assert_int_equal(d->kind, DEP_INSTALL_COMMAND);
	assert_int_equal(d->ecosystem, ECO_PYPI);
	assert_string_equal(d->spec, "==2.31.0");
	assert_string_equal(d->file, ".github/workflows/ci.yml");
	assert_int_equal(d->line, 8);
	assert_int_equal(d->column, 26);
	d = harness_find("pip");
	assert_int_equal(d->line, 11);
	assert_int_equal(d->column, 43);
	d = harness_find("six");
	assert_int_equal(d->line, 17);
	assert_int_equal(d->column, 27);
	assert_int_equal(out.n_includes, 1);
	assert_string_equal(out.includes[0].path, "requirements.txt");
	assert_int_equal(out.includes[0].line, 12);
	assert_int_equal(out.includes[0].column, 26);
	for (size_t i = 0; i < out.n_deps; i++)
		assert_string_not_equal(out.deps[i]->name, "ignored-pwsh");
	bool curl = false;
	for (size_t i = 0; i < out.n_deps; i++)
		if (out.deps[i]->language == LANG_SHELL && out.deps[i]->ecosystem == ECO_URL) {
			assert_int_equal(out.deps[i]->line, 20);
			curl = true;
		}
	assert_true(curl);
}

static void
test_ci_yaml_declares_gitlab_installs_at_their_file_lines(void **state)
{
	const struct dep *d;

	(void)state;
	DETECT(".gitlab-ci.yml", gitlab);
	d = harness_find("global-dep");
	assert_int_equal(d->kind, DEP_INSTALL_COMMAND);
	assert_int_equal(d->line, 5);
	assert_int_equal(d->column, 17);
	d = harness_find("reqeusts");
	assert_int_equal(d->line, 17);
	assert_int_equal(d->column, 19);
	d = harness_find("colorama");
	assert_int_equal(d->line, 18);
	assert_int_equal(d->column, 31);
	d = harness_find("numpy");
	assert_int_equal(d->line, 21);
	assert_int_equal(d->column, 9);
	d = harness_find("build");
	assert_int_equal(d->line, 23);
	assert_int_equal(d->column, 33);
	for (size_t i = 0; i < out.n_deps; i++)
		assert_string_not_equal(out.deps[i]->name, "not-a-script");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_ci_yaml_matches_workflows_and_gitlab_ci),
		T(test_ci_yaml_finds_run_of_every_posix_shell_step_as_written),
		T(test_ci_yaml_gives_each_step_its_working_directory),
		T(test_ci_yaml_skips_steps_whose_default_shell_is_not_posix),
		T(test_ci_yaml_keeps_a_cd_across_the_lines_of_one_shell),
		T(test_ci_yaml_follows_extends_and_inherit_to_a_before_script),
		T(test_ci_yaml_reads_a_shell_other_than_pwsh_or_python),
		T(test_ci_yaml_finds_gitlab_scripts_in_jobs_default_and_globals),
		T(test_ci_yaml_does_not_read_github_keys_in_gitlab_files_nor_the_reverse),
		T(test_ci_yaml_reads_every_document_of_a_stream),
		T(test_ci_yaml_reports_invalid_yaml_once_with_line_and_column),
		T(test_ci_yaml_never_expands_an_alias_bomb),
		T(test_ci_yaml_stops_at_deep_nesting_with_a_limit_diagnostic),
		T(test_ci_yaml_reports_bad_utf8_at_its_byte),
		T(test_ci_yaml_declares_workflow_installs_at_their_file_lines),
		T(test_ci_yaml_declares_gitlab_installs_at_their_file_lines),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
