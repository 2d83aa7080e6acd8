/* Tests for core/detect/noxfile.c: session.install and the pip commands of session.run. */
#include "detect_harness.h"

#define PATH "ci/noxfile.py"
#define DETECT(lit) harness_detect(detect_noxfile, PATH, (lit), sizeof(lit) - 1)

static void
test_noxfile_matches_only_noxfile_py(void **state)
{
	(void)state;
	assert_true(noxfile_matches("noxfile.py"));
	assert_true(noxfile_matches("a/b/noxfile.py"));
	assert_false(noxfile_matches("noxfile.py.bak"));
	assert_false(noxfile_matches("mynoxfile.py"));
	assert_false(noxfile_matches("setup.py"));
}

static const char doc[] =
	"import nox\n"
	"\n"
	"@nox.session(python=[\"3.8\", \"3.11\"])\n"
	"def tests(session):\n"
	"    session.install(\"-r\", \"requirements-test.txt\")\n"
	"    session.install(\".[test]\", 'pytest>=7',\n"
	"                    \"coverage[toml]\", silent=False)\n"
	"    session.run(\"pytest\", *session.posargs)\n"
	"    session.run(\"python\", \"-m\", \"pip\", \"install\", \"--upgrade\", \"pip\")\n"
	"    s = session\n"
	"    s.run_install(\"uv\", \"pip\", \"install\", \"ruff==0.4.1\")\n"
	"    session.install(\"it's\")\n";

static void
test_noxfile_reads_install_and_pip_runs_where_written(void **state)
{
	(void)state;
	DETECT(doc);
	assert_int_equal(out.n_includes, 1);
	assert_string_equal(out.includes[0].path, "requirements-test.txt");
	assert_null(out.includes[0].dir);       /* beside the noxfile: nox runs there */
	assert_int_equal(out.includes[0].line, 5);
	assert_int_equal(out.includes[0].column, 28);

	const struct dep *d = harness_find("pytest");
	harness_expect_in(d, PATH, 6, 33, LANG_PYTHON);
	assert_int_equal(d->kind, DEP_INSTALL_COMMAND);
	assert_string_equal(d->spec, ">=7");
	d = harness_find("coverage");
	harness_expect_in(d, PATH, 7, 22, LANG_PYTHON);
	assert_int_equal(d->n_extras, 1);
	size_t local = 0;
	for (size_t i = 0; i < out.n_deps; i++)
		local += out.deps[i]->ecosystem == ECO_LOCAL && out.deps[i]->line == 6;
	assert_int_equal(local, 1);             /* ".[test]": the project itself */
	harness_expect_in(harness_find("pip"), PATH, 9, 65, LANG_PYTHON);
	assert_string_equal(harness_find("ruff")->spec, "==0.4.1");
	/* a quote inside the literal stays part of the word, and is placed where written */
	assert_int_equal(diags.len, 1);
	assert_true(harness_has_diag("found '''"));
	assert_int_equal(diags.items[0].line, 12);
	assert_int_equal(diags.items[0].column, 24);
	/* session.run("pytest", *session.posargs) installs nothing: no note */
	assert_int_equal(out.n_deps, 5);
}

static void
test_noxfile_notes_what_is_named_only_when_the_session_runs(void **state)
{
	(void)state;
	DETECT("LINT = ['flake8']\n"
	       "def lint(session):\n"
	       "    session.install(*LINT)\n"
	       "    session.install('black', LINT[0])\n"
	       "    session.install(f'pkg=={V}')\n"
	       "    session.run('pip', 'install', *DEPS)\n"
	       "    session.run('pytest', CONFIG)\n"
	       "    session.run('pytest', '-k', 'install', *session.posargs)\n"
	       "    session.run_always('pip', 'install', *DEPS)\n"
	       "    session.install('ok-pkg')\n");
	assert_int_equal(out.n_deps, 1);
	assert_string_equal(harness_dep_at(0)->name, "ok-pkg");
	/* lines 3 to 6, and run_always on 9; not pytest -k install on 8 */
	static const unsigned lines[] = { 3, 4, 5, 6, 9 };
	assert_int_equal(diags.len, 5);
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(diags.items[i].level, DIAG_NOTE);
		assert_non_null(strstr(diags.items[i].message, "named when the session runs"));
		assert_int_equal(diags.items[i].line, lines[i]);
	}
	assert_int_equal(diags.items[0].column, 22);    /* LINT, after the star */
	assert_int_equal(diags.items[1].column, 30);    /* LINT[0] */
}

static void
test_noxfile_leaves_other_calls_and_broken_code(void **state)
{
	(void)state;
	DETECT("import apt\n"
	       "apt.cache.install('x')\n"          /* not NAME.install( */
	       "session.install\n"                 /* not a call */
	       "session.installer('y')\n"
	       "session.install('z'\n");           /* never closed */
	assert_int_equal(out.n_deps, 0);
	assert_true(diags.len >= 1);            /* the tokenizer's: EOF in a bracket */
}

/* Every prefix of the example is read to the end: no crash, diagnostics placed in it. */
static void
test_noxfile_reads_every_prefix_of_the_example(void **state)
{
	(void)state;
	harness_every_prefix(detect_noxfile, PATH, doc, sizeof(doc) - 1, 12);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_noxfile_matches_only_noxfile_py),
		HARNESS_TEST(test_noxfile_reads_install_and_pip_runs_where_written),
		HARNESS_TEST(test_noxfile_notes_what_is_named_only_when_the_session_runs),
		HARNESS_TEST(test_noxfile_leaves_other_calls_and_broken_code),
		HARNESS_TEST(test_noxfile_reads_every_prefix_of_the_example),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
