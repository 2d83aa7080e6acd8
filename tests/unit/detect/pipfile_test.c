/* Tests for core/detect/pipfile.c: package categories and [[source]] indexes of a Pipfile. */
#define PATH "proj/Pipfile"
#define DETECT_FN detect_pipfile
#include "detect_harness.h"

#define DETECT_LEN(text, len) harness_detect(DETECT_FN, PATH, (text), (len))
#define DETECT(lit) DETECT_LEN((lit), sizeof(lit) - 1)

#define EXPECT_AT(d, line, column) \
	harness_expect_manifest_in((d), PATH, (line), (column), LANG_PYTHON)

static const char doc[] =
	"[[source]]\n"
	"name = \"pypi\"\n"
	"url = \"https://pypi.org/simple\"\n"
	"verify_ssl = true\n"
	"\n"
	"[[source]]\n"
	"name = \"corp\"\n"
	"url = \"http://user@pypi.corp.example:8080/simple\"\n"
	"verify_ssl = false\n"
	"\n"
	"[packages]\n"
	"requests = \"*\"\n"
	"django = \"==4.2\"\n"
	"\"zope.interface\" = {version = \">=5\", extras = [\"test\"], markers = \"os_name == 'nt'\"}\n"
	"mylib = {git = \"https://github.com/o/mylib.git\", ref = \"abc123\", editable = true}\n"
	"local = {path = \"./local\", editable = true}\n"
	"private = {version = \"*\", index = \"corp\", sys_platform = \"== 'linux'\"}\n"
	"wheelfile = {file = \"https://example.com/w-1.0-py3-none-any.whl\"}\n"
	"\n"
	"[dev-packages]\n"
	"pytest = \">= 7\"\n"
	"\n"
	"[docs]\n"
	"sphinx = \"*\"\n"
	"\n"
	"[requires]\n"
	"python_version = \"3.11\"\n"
	"\n"
	"[scripts]\n"
	"test = \"pytest\"\n";

static void
test_pipfile_matches_the_base_name_only(void **state)
{
	(void)state;
	assert_true(pipfile_matches("Pipfile"));
	assert_true(pipfile_matches("app/Pipfile"));
	assert_false(pipfile_matches("Pipfile.lock"));
	assert_false(pipfile_matches("pipfile"));
}

static void
test_pipfile_reads_every_category_but_requires_and_scripts(void **state)
{
	(void)state;
	DETECT(doc);
	assert_int_equal(diags.len, 0);
	assert_int_equal(out.n_deps, 9);
	EXPECT_AT(harness_find_nth("requests", 0), 12, 1);
	assert_string_equal(harness_find_nth("requests", 0)->spec, "");
	assert_string_equal(harness_find_nth("requests", 0)->raw, "requests = \"*\"");
	EXPECT_AT(harness_find_nth("django", 0), 13, 1);
	assert_string_equal(harness_find_nth("django", 0)->spec, "==4.2");
	EXPECT_AT(harness_find_nth("pytest", 0), 21, 1);
	assert_string_equal(harness_find_nth("pytest", 0)->spec, ">=7");
	EXPECT_AT(harness_find_nth("sphinx", 0), 24, 1);
	for (size_t i = 0; i < out.n_deps; i++) {
		assert_string_not_equal(out.deps[i]->name, "python_version");
		assert_string_not_equal(out.deps[i]->name, "test");
	}
}

static void
test_pipfile_reads_package_tables(void **state)
{
	const struct dep *d;

	(void)state;
	DETECT(doc);
	d = harness_find_nth("zope.interface", 0);
	EXPECT_AT(d, 14, 2);
	assert_string_equal(d->normalized, "zope-interface");
	assert_string_equal(d->spec, ">=5");
	assert_string_equal(d->marker, "os_name == 'nt'");
	assert_int_equal(d->n_extras, 1);
	assert_string_equal(d->extras[0], "test");

	d = harness_find_nth("mylib", 0);
	EXPECT_AT(d, 15, 1);
	assert_int_equal(d->ecosystem, ECO_VCS);
	assert_string_equal(d->url, "https://github.com/o/mylib.git");
	assert_string_equal(d->vcs_ref, "abc123");
	assert_true(d->editable);

	d = harness_find_nth("local", 0);
	assert_int_equal(d->ecosystem, ECO_LOCAL);
	assert_string_equal(d->url, "./local");
	assert_true(d->editable);

	d = harness_find_nth("private", 0);
	assert_string_equal(d->spec, "");
	assert_non_null(d->index_url);
	assert_string_equal(d->index_url, "http://user@pypi.corp.example:8080/simple");
	assert_string_equal(d->marker, "sys_platform == 'linux'");

	d = harness_find_nth("wheelfile", 0);
	assert_int_equal(d->ecosystem, ECO_URL);
	assert_string_equal(d->url, "https://example.com/w-1.0-py3-none-any.whl");
}

static void
test_pipfile_makes_verify_ssl_false_a_trusted_host(void **state)
{
	(void)state;
	DETECT(doc);
	assert_int_equal(out.n_options, 3);
	assert_int_equal(out.options[0]->kind, OPT_INDEX_URL);
	assert_string_equal(out.options[0]->value, "https://pypi.org/simple");
	assert_int_equal(out.options[0]->line, 3);
	assert_int_equal(out.options[0]->column, 8);
	assert_int_equal(out.options[1]->kind, OPT_EXTRA_INDEX_URL);
	assert_string_equal(out.options[1]->value, "http://user@pypi.corp.example:8080/simple");
	assert_int_equal(out.options[1]->line, 8);
	assert_non_null(strstr(out.options[1]->raw, "verify_ssl = false"));
	assert_int_equal(out.options[2]->kind, OPT_TRUSTED_HOST);
	assert_string_equal(out.options[2]->value, "pypi.corp.example:8080");
	assert_int_equal(out.options[2]->line, 8);
	assert_non_null(strstr(out.options[2]->raw, "verify_ssl = false"));
	assert_string_equal(out.options[2]->file, "proj/Pipfile");
}

static void
test_pipfile_reads_what_precedes_a_truncation(void **state)
{
	const char *cut = strstr(doc, "ref = ");

	(void)state;
	DETECT_LEN(doc, (size_t)(cut - doc));
	assert_int_equal(diags.len, 1);
	assert_int_equal(diags.items[0].level, DIAG_ERROR);
	assert_string_equal(diags.items[0].path, "proj/Pipfile");
	assert_int_equal(diags.items[0].line, 15);
	assert_int_equal(diags.items[0].column, 50);
	assert_int_equal(out.n_deps, 3);
	assert_int_equal(out.n_options, 3);
	EXPECT_AT(harness_find_nth("zope.interface", 0), 14, 2);
}

static void
test_pipfile_reads_around_a_corrupted_line(void **state)
{
	char *bad = strdup(doc);

	(void)state;
	memcpy(strstr(bad, "django = "), "django ? ", 9);
	DETECT_LEN(bad, strlen(bad));
	assert_int_equal(diags.len, 1);
	assert_int_equal(diags.items[0].line, 13);
	assert_int_equal(diags.items[0].column, 8);
	/* [packages] is lost from the bad line on; the later categories are read */
	assert_int_equal(out.n_deps, 3);
	EXPECT_AT(harness_find_nth("requests", 0), 12, 1);
	EXPECT_AT(harness_find_nth("pytest", 0), 21, 1);
	EXPECT_AT(harness_find_nth("sphinx", 0), 24, 1);
	free(bad);
}

static void
test_pipfile_reports_wrong_types_and_bad_names(void **state)
{
	(void)state;
	DETECT("[packages]\n\"bad name\" = \"*\"\nok = 3\nfine = \"~=1.0\"\n"
	       "[[source]]\nname = \"x\"\n");
	assert_int_equal(out.n_deps, 1);
	assert_string_equal(out.deps[0]->name, "fine");
	assert_string_equal(out.deps[0]->spec, "~=1.0");
	assert_int_equal(diags.len, 3);
	assert_int_equal(diags.items[0].line, 5);       /* the source without a url */
	assert_int_equal(diags.items[1].line, 2);
	assert_int_equal(diags.items[1].column, 2);
	assert_int_equal(diags.items[2].line, 3);
	assert_int_equal(diags.items[2].column, 6);
}

/* Every prefix of the example is read to the end: no crash, no failure, diagnostics placed in it. */
static void
test_pipfile_reads_every_prefix_of_the_example(void **state)
{
	(void)state;
	harness_every_prefix(detect_pipfile, PATH, doc, sizeof(doc) - 1, 48);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pipfile_matches_the_base_name_only),
		HARNESS_TEST(test_pipfile_reads_every_category_but_requires_and_scripts),
		HARNESS_TEST(test_pipfile_reads_package_tables),
		HARNESS_TEST(test_pipfile_makes_verify_ssl_false_a_trusted_host),
		HARNESS_TEST(test_pipfile_reads_what_precedes_a_truncation),
		HARNESS_TEST(test_pipfile_reads_around_a_corrupted_line),
		HARNESS_TEST(test_pipfile_reports_wrong_types_and_bad_names),
		HARNESS_TEST(test_pipfile_reads_every_prefix_of_the_example),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
