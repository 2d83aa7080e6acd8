/* Tests for core/detect/conda_env.c: channels, skipped conda specs and the nested pip list. */
#include <stdio.h>

#include "detect_harness.h"
#include "detect/yaml_tree.h"

#define DETECT_LEN(text, len) \
	harness_detect(detect_conda_env, "envs/environment.yml", (text), (len))
#define DETECT(lit) DETECT_LEN((lit), sizeof(lit) - 1)

static void
assert_dep(size_t i, const char *name, const char *spec, unsigned line, unsigned column)
{
	assert_true(i < out.n_deps);
	assert_string_equal(out.deps[i]->name, name);
	assert_string_equal(out.deps[i]->spec, spec);
	assert_int_equal(out.deps[i]->kind, DEP_MANIFEST);
	assert_string_equal(out.deps[i]->file, "envs/environment.yml");
	assert_int_equal(out.deps[i]->line, line);
	assert_int_equal(out.deps[i]->column, column);
}

static const char env[] =
	"name: demo\n"
	"channels:\n"
	"  - conda-forge\n"
	"  - https://conda.example.com/private\n"
	"  - nodefaults\n"
	"dependencies:\n"
	"  - python>=3.10\n"
	"  - numpy=1.26\n"
	"  - conda-forge::pkg\n"
	"  - pip\n"
	"  - pip:\n"
	"      - --extra-index-url https://pypi.example.org/simple\n"
	"      - reqeusts==2.31.0\n"
	"      - \"flask>=2\"\n"
	"      - -r requirements-dev.txt\n"
	"      - git+https://github.com/org/repo@v1.2#egg=repo\n";

static void
test_conda_env_matches_environment_yml_and_yaml_by_base_name(void **state)
{
	(void)state;
	assert_true(conda_env_matches("environment.yml"));
	assert_true(conda_env_matches("a/b/environment.yaml"));
	assert_false(conda_env_matches("environment.yml.bak"));
	assert_false(conda_env_matches("my-environment.yml"));
}

static void
test_conda_env_reads_channels_as_index_options_in_order(void **state)
{
	(void)state;
	DETECT(env);
	assert_int_equal(out.n_options, 3);
	/* channels are asked in order, never raced against PyPI */
	assert_int_equal(out.options[0]->kind, OPT_INDEX_SOURCE);
	assert_string_equal(out.options[0]->value, "conda-forge");
	assert_int_equal(out.options[0]->line, 3);
	assert_int_equal(out.options[0]->column, 5);
	assert_int_equal(out.options[1]->kind, OPT_INDEX_SOURCE);
	assert_string_equal(out.options[1]->value, "https://conda.example.com/private");
	assert_int_equal(out.options[1]->line, 4);
	assert_string_equal(out.options[1]->file, "envs/environment.yml");
	/* the pip list's own option, after the channels ("nodefaults" names none) */
	assert_int_equal(out.options[2]->kind, OPT_EXTRA_INDEX_URL);
	assert_string_equal(out.options[2]->value, "https://pypi.example.org/simple");
	assert_int_equal(out.options[2]->line, 12);
	assert_int_equal(out.options[2]->column, 9);
	assert_int_equal(diags.len, 0);
}

static void
test_conda_env_declares_conda_specs_then_the_pip_list_with_item_positions(void **state)
{
	(void)state;
	DETECT(env);
	assert_int_equal(out.n_deps, 7);
	/* conda's own packages: ecosystem conda, the channel prefix as their index */
	assert_dep(0, "python", ">=3.10", 7, 5);
	assert_int_equal(out.deps[0]->ecosystem, ECO_CONDA);
	assert_dep(1, "numpy", "=1.26", 8, 5);
	assert_dep(2, "pkg", "", 9, 18);
	assert_string_equal(out.deps[2]->index_url, "conda-forge");
	assert_dep(3, "pip", "", 10, 5);
	/* then what conda hands to pip */
	assert_dep(4, "reqeusts", "==2.31.0", 13, 9);
	assert_int_equal(out.deps[4]->ecosystem, ECO_PYPI);
	assert_string_equal(out.deps[4]->normalized, "reqeusts");
	assert_true(out.deps[4]->extra_index);
	assert_string_equal(out.deps[4]->raw, "reqeusts==2.31.0");
	assert_dep(5, "flask", ">=2", 14, 10);      /* inside the quotes */
	assert_dep(6, "repo", "", 16, 9);
	assert_int_equal(out.deps[6]->ecosystem, ECO_VCS);
	assert_string_equal(out.deps[6]->vcs_ref, "v1.2");
	/* the byte span is the file's */
	assert_memory_equal(env + out.deps[4]->at.name_start, "reqeusts", 8);
	assert_memory_equal(env + out.deps[5]->at.name_start, "flask", 5);
	assert_memory_equal(env + out.deps[2]->at.name_start, "pkg", 3);
}

static void
test_conda_env_turns_pip_r_line_into_an_include(void **state)
{
	(void)state;
	DETECT(env);
	assert_int_equal(out.n_includes, 1);
	assert_string_equal(out.includes[0].path, "requirements-dev.txt");
	assert_false(out.includes[0].constraint);
	assert_string_equal(out.includes[0].from, "envs/environment.yml");
	assert_int_equal(out.includes[0].line, 15);
	assert_int_equal(out.includes[0].column, 12);
}

static void
test_conda_env_reads_flow_pip_list_items_on_one_line_separately(void **state)
{
	(void)state;
	DETECT("dependencies:\n"
	       "  - pip: [six==1.16, 'attrs>=21']\n");
	assert_int_equal(out.n_deps, 2);
	assert_dep(0, "six", "==1.16", 2, 11);
	assert_dep(1, "attrs", ">=21", 2, 23);
	assert_int_equal(diags.len, 0);
}

static void
test_conda_env_keeps_columns_in_code_points_after_multibyte_text(void **state)
{
	(void)state;
	DETECT("dependencies:\n"
	       "  - pip: [\"\xc3\xa9t\xc3\xa9\", six==1]\n");
	/* "été" is not a requirement: one diagnostic; six keeps its column */
	assert_int_equal(out.n_deps, 1);
	assert_dep(0, "six", "==1", 2, 18);
}

static void
test_conda_env_places_flow_items_on_their_lines_and_columns(void **state)
{
	static const char text[] =
		"dependencies:\n"
		"  - pip: [a==1, b==2,\n"
		"      c==3, ==bad,\n"
		"      d==4]\n";

	(void)state;
	DETECT(text);
	assert_int_equal(out.n_deps, 4);
	assert_dep(0, "a", "==1", 2, 11);
	assert_dep(1, "b", "==2", 2, 17);
	assert_dep(2, "c", "==3", 3, 7);
	assert_dep(3, "d", "==4", 4, 7);
	assert_int_equal(out.deps[1]->at.start, (size_t)(strstr(text, "b==2") - text));
	assert_int_equal(out.deps[3]->at.end, (size_t)(strstr(text, "d==4") - text) + 4);
	/* the one item that is no requirement, at its own place */
	assert_int_equal(diags.len, 1);
	assert_int_equal(diags.items[0].line, 3);
	assert_int_equal(diags.items[0].column, 13);
}

static void
test_conda_env_reports_invalid_yaml_once_with_line_and_column(void **state)
{
	(void)state;
	DETECT("channels: [a, b\n"
	       "dependencies:\n"
	       "  - pip: [six]\n");
	assert_int_equal(diags.len, 1);
	assert_int_equal(diags.items[0].level, DIAG_ERROR);
	assert_int_equal(diags.items[0].line, 2);
	assert_int_equal(diags.items[0].column, 13);
	assert_non_null(strstr(diags.items[0].message, "yaml"));
	assert_int_equal(out.n_deps, 0);
}

static void
test_conda_env_keeps_items_read_before_a_syntax_error(void **state)
{
	(void)state;
	DETECT("channels:\n"
	       "  - conda-forge\n"
	       "dependencies:\n"
	       "  - pip:\n"
	       "    - six==1\n"
	       "    - [unclosed\n");
	assert_int_equal(diags.len, 1);
	assert_int_equal(diags.items[0].line, 7);
	assert_int_equal(diags.items[0].column, 1);
	assert_int_equal(out.n_options, 1);
	assert_int_equal(out.n_deps, 1);
	assert_dep(0, "six", "==1", 5, 7);
}

static void
test_conda_env_reports_non_string_items_and_reads_the_rest(void **state)
{
	(void)state;
	DETECT("channels: conda-forge\n"
	       "dependencies:\n"
	       "  - pip:\n"
	       "    - {a: b}\n"
	       "    - bad line ===\n"
	       "    - six==1\n");
	assert_int_equal(out.n_options, 0);
	assert_int_equal(out.n_deps, 1);
	assert_dep(0, "six", "==1", 6, 7);
	assert_int_equal(diags.len, 3);
	assert_int_equal(diags.items[0].line, 1);
	assert_int_equal(diags.items[1].line, 4);
	assert_int_equal(diags.items[2].line, 5);
}

static void
test_conda_env_never_expands_aliases(void **state)
{
	char text[4096];
	size_t n = 0;

	(void)state;
	n += (size_t)snprintf(text + n, sizeof(text) - n, "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
	for (int i = 1; i < 30; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n,
				      "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n",
				      i, i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
	n += (size_t)snprintf(text + n, sizeof(text) - n,
			      "channels: *a29\ndependencies:\n  - pip: *a29\n  - pip: [*a29, six]\n");
	assert_true(n < sizeof(text));
	DETECT_LEN(text, n);
	/* an expansion would be 10 * 8^29 items; the alias is one node */
	assert_int_equal(out.n_deps, 1);
	assert_dep(0, "six", "", 34, 17);
	assert_int_equal(out.n_options, 0);
	assert_int_equal(diags.len, 3);
}

static void
test_conda_env_stops_at_deep_nesting_with_a_limit_diagnostic(void **state)
{
	size_t depth = 100000;
	char *text = malloc(depth + 16);

	(void)state;
	assert_non_null(text);
	memcpy(text, "channels: ", 10);
	memset(text + 10, '[', depth);
	DETECT_LEN(text, depth + 10);
	free(text);
	assert_int_equal(diags.len, 1);
	assert_non_null(strstr(diags.items[0].message, "deeper"));
	assert_int_equal(diags.items[0].line, 1);
	/* the root mapping is the first level */
	assert_int_equal(diags.items[0].column, 10 + YTREE_MAX_DEPTH);
}

static void
test_conda_env_reads_nothing_from_empty_or_scalar_documents(void **state)
{
	(void)state;
	DETECT("");
	DETECT("just a string\n");
	DETECT("---\n...\n");
	assert_int_equal(out.n_deps, 0);
	assert_int_equal(out.n_options, 0);
	assert_int_equal(diags.len, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		HARNESS_TEST(test_conda_env_matches_environment_yml_and_yaml_by_base_name),
		HARNESS_TEST(test_conda_env_reads_channels_as_index_options_in_order),
		HARNESS_TEST(test_conda_env_declares_conda_specs_then_the_pip_list_with_item_positions),
		HARNESS_TEST(test_conda_env_turns_pip_r_line_into_an_include),
		HARNESS_TEST(test_conda_env_reads_flow_pip_list_items_on_one_line_separately),
		HARNESS_TEST(test_conda_env_keeps_columns_in_code_points_after_multibyte_text),
		HARNESS_TEST(test_conda_env_places_flow_items_on_their_lines_and_columns),
		HARNESS_TEST(test_conda_env_reports_invalid_yaml_once_with_line_and_column),
		HARNESS_TEST(test_conda_env_keeps_items_read_before_a_syntax_error),
		HARNESS_TEST(test_conda_env_reports_non_string_items_and_reads_the_rest),
		HARNESS_TEST(test_conda_env_never_expands_aliases),
		HARNESS_TEST(test_conda_env_stops_at_deep_nesting_with_a_limit_diagnostic),
		HARNESS_TEST(test_conda_env_reads_nothing_from_empty_or_scalar_documents),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
