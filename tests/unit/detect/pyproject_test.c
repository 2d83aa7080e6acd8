/* Tests for core/detect/pyproject.c: every table of pyproject.toml that declares a dependency. */
#define PATH "proj/pyproject.toml"
#include "detect_harness.h"

#define DETECT_LEN(text, len) \
	harness_detect(detect_pyproject, "proj/pyproject.toml", (text), (len))
#define DETECT(lit) DETECT_LEN((lit), sizeof(lit) - 1)

#define EXPECT_AT(d, line, column) harness_expect_in((d), PATH, (line), (column), LANG_PYTHON)

static const char doc[] =
	"[build-system]\n"
	"requires = [\"setuptools>=61\", \"wheel\"]\n"
	"\n"
	"[project]\n"
	"name = \"demo\"\n"
	"dependencies = [\n"
	"    \"requests[socks]>=2.8,<3; python_version >= '3.8'\",\n"
	"    \"pkg @ git+https://github.com/o/pkg.git@v1.2\",\n"
	"    \"bad spec ==\",\n"
	"]\n"
	"\n"
	"[project.optional-dependencies]\n"
	"test = [\"pytest==7.4.0\"]\n"
	"\n"
	"[dependency-groups]\n"
	"lint = [\"ruff\"]\n"
	"dev = [{include-group = \"lint\"}, \"mypy\"]\n"
	"\n"
	"[tool.poetry.dependencies]\n"
	"python = \"^3.9\"\n"
	"Django = \"^4.2\"\n"
	"\"zope.interface\" = { version = \">= 5.0, < 6\", extras = [\"test\"], markers = \"sys_platform == 'linux'\" }\n"
	"mylib = { git = \"https://github.com/o/mylib.git\", tag = \"v0.3\" }\n"
	"local = { path = \"../local\", develop = true }\n"
	"private = { version = \"*\", source = \"corp\" }\n"
	"multi = [{ version = \"<=1.9\", python = \"<3.8\" }, { version = \"^2.0\", python = \">=3.8\" }]\n"
	"\n"
	"[tool.poetry.group.docs.dependencies]\n"
	"sphinx = \"7.2.*\"\n"
	"\n"
	"[[tool.poetry.source]]\n"
	"name = \"corp\"\n"
	"url = \"https://pypi.corp.example/simple/\"\n"
	"priority = \"supplemental\"\n"
	"\n"
	"[tool.pdm.dev-dependencies]\n"
	"test = [\"-e file:///${PROJECT_ROOT}/sub#egg=sub\", \"coverage\"]\n"
	"\n"
	"[tool.uv]\n"
	"dev-dependencies = [\"httpx\"]\n"
	"\n"
	"[tool.uv.sources]\n"
	"httpx = { git = \"https://github.com/encode/httpx\", rev = \"abc123\" }\n"
	"\n"
	"[[tool.uv.index]]\n"
	"name = \"torch\"\n"
	"url = \"https://download.pytorch.org/whl/cpu\"\n"
	"explicit = true\n";

static void
test_pyproject_matches_the_base_name_only(void **state)
{
	(void)state;
	assert_true(pyproject_matches("pyproject.toml"));
	assert_true(pyproject_matches("sub/dir/pyproject.toml"));
	assert_false(pyproject_matches("pyproject.toml.orig"));
	assert_false(pyproject_matches("mypyproject.toml"));
	assert_false(pyproject_matches("Pipfile"));
}

static void
test_pyproject_reads_pep621_and_build_system_requirements(void **state)
{
	const struct dep *d;

	(void)state;
	DETECT(doc);
	d = harness_find_nth("requests", 0);
	EXPECT_AT(d, 7, 6);
	assert_int_equal(d->kind, DEP_MANIFEST);
	assert_int_equal(d->ecosystem, ECO_PYPI);
	assert_string_equal(d->spec, ">=2.8,<3");
	assert_string_equal(d->marker, "python_version >= '3.8'");
	assert_int_equal(d->n_extras, 1);
	assert_string_equal(d->extras[0], "socks");
	assert_string_equal(d->raw, "\"requests[socks]>=2.8,<3; python_version >= '3.8'\"");
	assert_int_equal(d->at.name_end - d->at.name_start, strlen("requests"));
	assert_memory_equal(doc + d->at.name_start, "requests", 8);

	d = harness_find_nth("pkg", 0);
	EXPECT_AT(d, 8, 6);
	assert_int_equal(d->ecosystem, ECO_VCS);
	assert_string_equal(d->url, "git+https://github.com/o/pkg.git@v1.2");
	assert_string_equal(d->vcs_ref, "v1.2");

	EXPECT_AT(harness_find_nth("pytest", 0), 13, 10);
	assert_string_equal(harness_find_nth("pytest", 0)->spec, "==7.4.0");
	EXPECT_AT(harness_find_nth("setuptools", 0), 2, 14);
	assert_string_equal(harness_find_nth("setuptools", 0)->spec, ">=61");
	EXPECT_AT(harness_find_nth("wheel", 0), 2, 32);
	assert_string_equal(harness_find_nth("wheel", 0)->spec, "");
}

static void
test_pyproject_reports_a_bad_requirement_and_reads_the_rest(void **state)
{
	(void)state;
	DETECT(doc);
	assert_int_equal(diags.len, 1);
	assert_int_equal(diags.items[0].level, DIAG_ERROR);
	assert_int_equal(diags.items[0].line, 9);
	assert_int_equal(diags.items[0].column, 10);
	assert_int_equal(out.n_deps, 18);
}

static void
test_pyproject_reads_dependency_groups_without_repeating_includes(void **state)
{
	(void)state;
	DETECT(doc);
	EXPECT_AT(harness_find_nth("ruff", 0), 16, 10);
	EXPECT_AT(harness_find_nth("mypy", 0), 17, 35);
	for (size_t i = 0, n = 0; i < out.n_deps; i++)
		if (strcmp(out.deps[i]->name, "ruff") == 0)
			assert_int_equal(++n, 1);
}

static void
test_pyproject_reads_poetry_tables_and_skips_python(void **state)
{
	const struct dep *d;

	(void)state;
	DETECT(doc);
	for (size_t i = 0; i < out.n_deps; i++)
		assert_string_not_equal(out.deps[i]->name, "python");
	d = harness_find_nth("Django", 0);
	EXPECT_AT(d, 21, 1);
	assert_string_equal(d->normalized, "django");
	assert_string_equal(d->spec, "^4.2");
	assert_string_equal(d->raw, "Django = \"^4.2\"");

	d = harness_find_nth("zope.interface", 0);
	EXPECT_AT(d, 22, 2);
	assert_string_equal(d->normalized, "zope-interface");
	assert_string_equal(d->spec, ">=5.0,<6");
	assert_string_equal(d->marker, "sys_platform == 'linux'");
	assert_int_equal(d->n_extras, 1);
	assert_string_equal(d->extras[0], "test");

	d = harness_find_nth("mylib", 0);
	EXPECT_AT(d, 23, 1);
	assert_int_equal(d->ecosystem, ECO_VCS);
	assert_string_equal(d->url, "https://github.com/o/mylib.git");
	assert_string_equal(d->vcs_ref, "v0.3");

	d = harness_find_nth("local", 0);
	assert_int_equal(d->ecosystem, ECO_LOCAL);
	assert_string_equal(d->url, "../local");
	assert_true(d->editable);

	d = harness_find_nth("private", 0);
	assert_string_equal(d->spec, "");
	assert_non_null(d->index_url);
	assert_string_equal(d->index_url, "https://pypi.corp.example/simple/");

	assert_string_equal(harness_find_nth("multi", 0)->spec, "<=1.9");
	assert_string_equal(harness_find_nth("multi", 0)->marker, "python_version < \"3.8\"");
	assert_string_equal(harness_find_nth("multi", 1)->spec, "^2.0");
	assert_string_equal(harness_find_nth("multi", 1)->marker, "python_version >= \"3.8\"");
	EXPECT_AT(harness_find_nth("multi", 1), 26, 1);
	EXPECT_AT(harness_find_nth("sphinx", 0), 29, 1);
	assert_string_equal(harness_find_nth("sphinx", 0)->spec, "7.2.*");
}

/* Poetry's "python" key is the marker Poetry makes of it, beside "markers". */
static void
test_pyproject_reads_poetry_python_as_a_marker(void **state)
{
	(void)state;
	DETECT("[tool.poetry.dependencies]\n"
	       "python = \"^3.6\"\n"
	       "dataclasses = { version = \">=0.7\", python = \"<3.7\" }\n"
	       "typing = { version = \"^3.6\", python = \"~2.7 || ~3.4\" }\n"
	       "pywin32 = { version = \"*\", python = \">=3.8\", markers = \"sys_platform == 'win32'\" }\n"
	       "anyver = { version = \"*\", python = \"*\" }\n"
	       "odd = { version = \"*\", python = \"three\" }\n");
	assert_int_equal(out.n_deps, 5);
	assert_string_equal(harness_find_nth("dataclasses", 0)->marker, "python_version < \"3.7\"");
	assert_string_equal(harness_find_nth("typing", 0)->marker,
			    "(python_version >= \"2.7\" and python_version < \"2.8\") or "
			    "(python_version >= \"3.4\" and python_version < \"3.5\")");
	assert_string_equal(harness_find_nth("pywin32", 0)->marker,
			    "(sys_platform == 'win32') and (python_version >= \"3.8\")");
	assert_string_equal(harness_find_nth("anyver", 0)->marker, "");
	/* not a constraint: said where, and the package still read */
	assert_string_equal(harness_find_nth("odd", 0)->marker, "");
	assert_int_equal(diags.len, 1);
	assert_int_equal(diags.items[0].level, DIAG_WARNING);
	assert_int_equal(diags.items[0].line, 7);
	assert_int_equal(diags.items[0].column, 33);
	assert_non_null(strstr(diags.items[0].message, "three"));
}

/* Hatch's environments and build hooks install what they list. */
static void
test_pyproject_reads_hatch_environments_and_build_hooks(void **state)
{
	(void)state;
	DETECT("[tool.hatch.envs.default]\n"
	       "dependencies = [\"pytest>=7\", \"coverage[toml]\"]\n"
	       "[tool.hatch.envs.lint]\n"
	       "detached = true\n"
	       "extra-dependencies = [\"ruff==0.4.1\"]\n"
	       "[tool.hatch.envs.docs.scripts]\n"
	       "build = \"mkdocs build\"\n"
	       "[tool.hatch.build.hooks.vcs]\n"
	       "version-file = \"_version.py\"\n"
	       "[tool.hatch.build.hooks.custom]\n"
	       "dependencies = [\"hatch-fancy-pypi-readme\"]\n"
	       "[tool.hatch.envs.bad]\n"
	       "dependencies = \"pytest\"\n");
	assert_int_equal(out.n_deps, 4);
	EXPECT_AT(harness_find("pytest"), 2, 18);
	assert_string_equal(harness_find("pytest")->spec, ">=7");
	EXPECT_AT(harness_find("coverage"), 2, 31);
	EXPECT_AT(harness_find("ruff"), 5, 24);
	EXPECT_AT(harness_find("hatch-fancy-pypi-readme"), 11, 18);
	/* a string where a list belongs: said where */
	assert_int_equal(diags.len, 1);
	assert_int_equal(diags.items[0].line, 13);
}

static void
test_pyproject_reads_poetry_and_uv_indexes_as_options(void **state)
{
	(void)state;
	DETECT(doc);
	assert_int_equal(out.n_options, 2);
	assert_int_equal(out.options[0]->kind, OPT_EXTRA_INDEX_URL);
	assert_string_equal(out.options[0]->value, "https://pypi.corp.example/simple/");
	assert_int_equal(out.options[0]->line, 33);
	assert_int_equal(out.options[0]->column, 8);
	assert_non_null(strstr(out.options[0]->raw, "priority = \"supplemental\""));
	/* explicit = true: only the packages that name it come from it */
	assert_int_equal(out.options[1]->kind, OPT_INDEX_SOURCE);
	assert_string_equal(out.options[1]->value, "https://download.pytorch.org/whl/cpu");
	assert_int_equal(out.options[1]->line, 47);
}

static void
test_pyproject_index_kinds_follow_poetry_priority_and_uv_strategy(void **state)
{
	(void)state;
	DETECT("[[tool.poetry.source]]\nname = \"a\"\nurl = \"https://a/\"\npriority = \"explicit\"\n"
	       "[[tool.poetry.source]]\nname = \"b\"\nurl = \"https://b/\"\npriority = \"secondary\"\n"
	       "[[tool.poetry.source]]\nname = \"c\"\nurl = \"https://c/\"\npriority = \"primary\"\n"
	       "[[tool.uv.index]]\nname = \"d\"\nurl = \"https://d/\"\n"
	       "[[tool.uv.index]]\nname = \"e\"\nurl = \"https://e/\"\ndefault = true\n"
	       "[tool.uv]\nextra-index-url = [\"https://f/\"]\n");
	assert_int_equal(out.n_options, 6);
	assert_int_equal(out.options[0]->kind, OPT_INDEX_SOURCE);
	assert_int_equal(out.options[1]->kind, OPT_EXTRA_INDEX_URL);
	assert_int_equal(out.options[2]->kind, OPT_INDEX_URL);
	/* uv's default strategy: the first index that has a package serves it */
	assert_int_equal(out.options[3]->kind, OPT_INDEX_SOURCE);
	assert_int_equal(out.options[4]->kind, OPT_INDEX_URL);
	assert_int_equal(out.options[5]->kind, OPT_INDEX_SOURCE);
	assert_string_equal(out.options[5]->value, "https://f/");

	harness_reset();
	DETECT("[tool.uv]\nindex-strategy = \"unsafe-best-match\"\n"
	       "extra-index-url = [\"https://f/\"]\n"
	       "[[tool.uv.index]]\nname = \"d\"\nurl = \"https://d/\"\n"
	       "[[tool.uv.index]]\nname = \"x\"\nurl = \"https://x/\"\nexplicit = true\n");
	assert_int_equal(out.n_options, 3);
	assert_int_equal(out.options[0]->kind, OPT_EXTRA_INDEX_URL);
	assert_string_equal(out.options[0]->value, "https://d/");
	assert_int_equal(out.options[1]->kind, OPT_INDEX_SOURCE);
	assert_int_equal(out.options[2]->kind, OPT_EXTRA_INDEX_URL);
	assert_string_equal(out.options[2]->value, "https://f/");
}

static void
test_pyproject_reads_pdm_editables_and_uv_sources(void **state)
{
	const struct dep *d;

	(void)state;
	DETECT(doc);
	d = harness_find_nth("sub", 0);
	EXPECT_AT(d, 37, 13);
	assert_true(d->editable);
	assert_true(d->env_var);
	assert_int_equal(d->ecosystem, ECO_LOCAL);
	EXPECT_AT(harness_find_nth("coverage", 0), 37, 52);

	d = harness_find_nth("httpx", 0);
	EXPECT_AT(d, 40, 22);
	assert_int_equal(d->ecosystem, ECO_VCS);
	assert_string_equal(d->url, "https://github.com/encode/httpx");
	assert_string_equal(d->vcs_ref, "abc123");
}

static void
test_pyproject_reads_what_precedes_a_truncation(void **state)
{
	const char *cut = strstr(doc, ">= 5.0");

	(void)state;
	DETECT_LEN(doc, (size_t)(cut - doc));
	assert_int_equal(diags.len, 2);     /* the cut, then the bad requirement before it */
	assert_string_equal(diags.items[0].path, "proj/pyproject.toml");
	assert_int_equal(diags.items[0].level, DIAG_ERROR);
	assert_int_equal(diags.items[0].line, 22);
	assert_int_equal(diags.items[0].column, 32);
	assert_int_equal(diags.items[1].line, 9);
	assert_int_equal(out.n_deps, 8);
	EXPECT_AT(harness_find_nth("Django", 0), 21, 1);
}

static void
test_pyproject_reads_around_a_corrupted_line(void **state)
{
	char *bad = strdup(doc);
	char *line = strstr(bad, "test = [\"pytest");

	(void)state;
	memcpy(line, "test = = ", 9);
	DETECT_LEN(bad, strlen(bad));
	assert_int_equal(diags.len, 2);
	assert_int_equal(diags.items[0].line, 13);
	assert_int_equal(diags.items[0].column, 8);
	assert_int_equal(diags.items[1].line, 9);
	assert_int_equal(out.n_deps, 17);
	EXPECT_AT(harness_find_nth("requests", 0), 7, 6);
	EXPECT_AT(harness_find_nth("sphinx", 0), 29, 1);
	assert_int_equal(harness_find_nth("httpx", 0)->ecosystem, ECO_VCS);
	free(bad);
}

static void
test_pyproject_reports_include_group_cycles_and_unknown_groups(void **state)
{
	(void)state;
	DETECT("[dependency-groups]\n"
	       "a = [\"x\", {include-group = \"B\"}]\n"
	       "b = [{include-group = \"a\"}]\n"
	       "c = [{include-group = \"nope\"}, {include-group = \"a\", extra = 1}]\n"
	       "C = []\n");
	assert_int_equal(out.n_deps, 1);
	assert_int_equal(diags.len, 4);
	/* sorted by how they are found: c's two bad entries, the duplicate, the cycle */
	assert_int_equal(diags.items[0].line, 4);
	assert_int_equal(diags.items[0].column, 23);
	assert_int_equal(diags.items[1].line, 4);
	assert_int_equal(diags.items[1].column, 32);
	assert_int_equal(diags.items[2].line, 5);
	assert_int_equal(diags.items[2].column, 1);
	assert_int_equal(diags.items[3].line, 3);
	assert_int_equal(diags.items[3].column, 23);
	assert_non_null(strstr(diags.items[3].message, "includes itself"));
}

static void
test_pyproject_reports_wrong_types_where_written(void **state)
{
	(void)state;
	DETECT("[project]\ndependencies = \"requests\"\n"
	       "[build-system]\nrequires = [1, \"flit_core\"]\n");
	assert_int_equal(out.n_deps, 1);
	assert_string_equal(out.deps[0]->name, "flit_core");
	assert_int_equal(diags.len, 2);
	assert_int_equal(diags.items[0].line, 2);
	assert_int_equal(diags.items[0].column, 16);
	assert_int_equal(diags.items[1].line, 4);
	assert_int_equal(diags.items[1].column, 13);
}

static void
test_pyproject_places_escaped_strings_at_their_quote(void **state)
{
	(void)state;
	DETECT("[project]\ndependencies = [\"\\u0063af>=1\", 'lit>=2']\n");
	assert_int_equal(out.n_deps, 2);
	assert_string_equal(out.deps[0]->name, "caf");
	assert_int_equal(out.deps[0]->column, 17);
	assert_int_equal(out.deps[1]->column, 33);
	assert_int_equal(diags.len, 0);
}

/* Every prefix of the example is read to the end: no crash, no failure, diagnostics placed in it. */
static void
test_pyproject_reads_every_prefix_of_the_example(void **state)
{
	(void)state;
	harness_every_prefix(detect_pyproject, PATH, doc, sizeof(doc) - 1, 48);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pyproject_matches_the_base_name_only),
		HARNESS_TEST(test_pyproject_reads_pep621_and_build_system_requirements),
		HARNESS_TEST(test_pyproject_reports_a_bad_requirement_and_reads_the_rest),
		HARNESS_TEST(test_pyproject_reads_dependency_groups_without_repeating_includes),
		HARNESS_TEST(test_pyproject_reads_poetry_tables_and_skips_python),
		HARNESS_TEST(test_pyproject_reads_poetry_python_as_a_marker),
		HARNESS_TEST(test_pyproject_reads_hatch_environments_and_build_hooks),
		HARNESS_TEST(test_pyproject_reads_poetry_and_uv_indexes_as_options),
		HARNESS_TEST(test_pyproject_index_kinds_follow_poetry_priority_and_uv_strategy),
		HARNESS_TEST(test_pyproject_reads_pdm_editables_and_uv_sources),
		HARNESS_TEST(test_pyproject_reads_what_precedes_a_truncation),
		HARNESS_TEST(test_pyproject_reads_around_a_corrupted_line),
		HARNESS_TEST(test_pyproject_reports_include_group_cycles_and_unknown_groups),
		HARNESS_TEST(test_pyproject_reports_wrong_types_where_written),
		HARNESS_TEST(test_pyproject_places_escaped_strings_at_their_quote),
		HARNESS_TEST(test_pyproject_reads_every_prefix_of_the_example),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
