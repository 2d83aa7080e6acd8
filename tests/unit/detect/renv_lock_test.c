/* Tests for core/detect/renv_lock.c: the packages and repositories of an renv.lock. */
#include "detect_harness.h"

#define DETECT_LEN(text, len) harness_detect(detect_renv_lock, "proj/renv.lock", (text), (len))
#define DETECT(lit) DETECT_LEN((lit), sizeof(lit) - 1)

static const char lock[] =
	"{\n"
	"  \"R\": {\n"
	"    \"Version\": \"4.2.2\",\n"
	"    \"Repositories\": [\n"
	"      { \"Name\": \"CRAN\", \"URL\": \"https://cloud.r-project.org\" },\n"
	"      {\n"
	"        \"Name\": \"drat\",\n"
	"        \"URL\": \"http://drat.example.org\"\n"
	"      }\n"
	"    ]\n"
	"  },\n"
	"  \"Bioconductor\": { \"Version\": \"3.16\" },\n"
	"  \"Packages\": {\n"
	"    \"cli\": {\n"
	"      \"Package\": \"cli\",\n"
	"      \"Version\": \"3.6.0\",\n"
	"      \"Source\": \"Repository\",\n"
	"      \"Repository\": \"CRAN\",\n"
	"      \"Requirements\": [ \"R\", \"utils\" ],\n"
	"      \"Hash\": \"89e6d8219950eac806ae0c489052048a\"\n"
	"    },\n"
	"    \"Biobase\": {\"Package\": \"Biobase\", \"Version\": \"2.58.0\", \"Source\": "
	"\"Bioconductor\"},\n"
	"    \"mypkg\": {\n"
	"      \"Package\": \"mypkg\",\n"
	"      \"Version\": \"0.1\",\n"
	"      \"Source\": \"GitHub\",\n"
	"      \"RemoteType\": \"github\",\n"
	"      \"RemoteHost\": \"api.github.com\",\n"
	"      \"RemoteUsername\": \"someone\",\n"
	"      \"RemoteRepo\": \"my-repo\",\n"
	"      \"RemoteRef\": \"main\",\n"
	"      \"RemoteSha\": \"0123456789abcdef0123456789abcdef01234567\",\n"
	"      \"RemoteSubdir\": \"pkg\"\n"
	"    },\n"
	"    \"gl\": { \"Package\": \"gl\", \"Source\": \"GitLab\", \"RemoteUsername\": \"g\","
	" \"RemoteRepo\": \"r\", \"RemoteHost\": \"https://gitlab.example.org/api/v4\" },\n"
	"    \"bb\": { \"Package\": \"bb\", \"Source\": \"Bitbucket\", \"RemoteUsername\": \"b\","
	" \"RemoteRepo\": \"r\", \"RemoteRef\": \"dev\" },\n"
	"    \"gx\": { \"Package\": \"gx\", \"Source\": \"git\", \"RemoteType\": \"git2r\","
	" \"RemoteUrl\": \"https://h.org/gx.git\", \"RemoteRef\": \"v1\" }\n"
	"  }\n"
	"}\n";

static void
expect_dep(size_t i, enum ecosystem eco, const char *name, const char *spec, unsigned line,
	   unsigned column)
{
	assert_true(i < out.n_deps);
	const struct dep *d = out.deps[i];
	assert_int_equal(d->ecosystem, eco);
	assert_int_equal(d->kind, DEP_LOCK);
	assert_int_equal(d->language, LANG_R);
	assert_string_equal(d->name, name);
	assert_string_equal(d->normalized, name);
	assert_string_equal(d->spec, spec);
	assert_string_equal(d->file, "proj/renv.lock");
	assert_int_equal(d->line, line);
	assert_int_equal(d->column, column);
}

static void
test_renv_lock_matches_the_file_name(void **state)
{
	(void)state;
	assert_true(renv_lock_matches("renv.lock"));
	assert_true(renv_lock_matches("a/b/renv.lock"));
	assert_false(renv_lock_matches("renv.lock.bak"));
	assert_false(renv_lock_matches("renv/activate.R"));
}

static void
test_renv_lock_reads_each_package_at_its_key(void **state)
{
	(void)state;
	DETECT_LEN(lock, sizeof(lock) - 1);
	assert_int_equal(diags.len, 0);
	assert_int_equal(out.n_deps, 6);

	expect_dep(0, ECO_CRAN, "cli", "==3.6.0", 14, 6);
	assert_null(out.deps[0]->package);
	assert_null(out.deps[0]->vcs_ref);
	assert_null(out.deps[0]->url);
	assert_memory_equal(lock + out.deps[0]->at.name_start, "cli\"", 4);
	assert_memory_equal(lock + out.deps[0]->at.start, "\"cli\": {", 8);
	assert_int_equal(lock[out.deps[0]->at.end - 1], '}');

	expect_dep(1, ECO_BIOC, "Biobase", "==2.58.0", 22, 6);

	expect_dep(2, ECO_GITHUB, "someone/my-repo", "main", 23, 6);
	const struct dep *gh = out.deps[2];
	assert_string_equal(gh->vcs_ref, "0123456789abcdef0123456789abcdef01234567");
	assert_string_equal(gh->package, "mypkg");
	assert_string_equal(gh->subdir, "pkg");
	assert_string_equal(gh->url, "https://github.com/someone/my-repo");

	expect_dep(3, ECO_GITLAB, "g/r", "", 35, 6);
	assert_null(out.deps[3]->vcs_ref);
	assert_string_equal(out.deps[3]->url, "https://gitlab.example.org/g/r");
	expect_dep(4, ECO_BITBUCKET, "b/r", "dev", 36, 6);
	assert_string_equal(out.deps[4]->vcs_ref, "dev");
	assert_string_equal(out.deps[4]->url, "https://bitbucket.org/b/r");
	expect_dep(5, ECO_VCS, "https://h.org/gx.git", "v1", 37, 6);
	assert_string_equal(out.deps[5]->url, "https://h.org/gx.git");
	assert_string_equal(out.deps[5]->package, "gx");
}

static void
test_renv_lock_reads_non_cran_repositories(void **state)
{
	(void)state;
	DETECT_LEN(lock, sizeof(lock) - 1);
	assert_int_equal(out.n_options, 1);
	const struct index_option *o = out.options[0];
	assert_int_equal(o->kind, OPT_R_REPOS);
	assert_string_equal(o->value, "http://drat.example.org");
	assert_string_equal(o->file, "proj/renv.lock");
	assert_int_equal(o->line, 8);
	assert_int_equal(o->column, 17);
}

static void
test_renv_lock_reports_where_truncated_json_stops(void **state)
{
	(void)state;
	DETECT_LEN(lock, 400);
	assert_int_equal(out.n_deps, 0);
	assert_int_equal(diags.len, 1);
	assert_int_equal(diags.items[0].level, DIAG_ERROR);
	assert_string_equal(diags.items[0].path, "proj/renv.lock");
	assert_string_equal(diags.items[0].message, "invalid json: the text ends before the value does");
	unsigned line, column;
	text_line_col((struct sv){ lock, 400 }, 400, &line, &column);
	assert_int_equal(diags.items[0].line, line);
	assert_int_equal(diags.items[0].column, column);
}

static void
test_renv_lock_reports_corrupted_json(void **state)
{
	(void)state;
	DETECT("{\n  \"Packages\": {\n    \"a\": { \"Package\" \"a\" }\n  }\n}\n");
	assert_int_equal(out.n_deps, 0);
	assert_int_equal(diags.len, 1);
	assert_int_equal(diags.items[0].line, 3);
	assert_int_equal(diags.items[0].column, 22);
	assert_string_equal(diags.items[0].message, "invalid json: unexpected text here");
}

static void
test_renv_lock_reports_a_nul_byte(void **state)
{
	(void)state;
	/* cJSON alone would accept both */
	DETECT("{\"Packages\": {\"a\": {\"Package\": \"a\"}}\0}\n");
	assert_int_equal(out.n_deps, 0);
	assert_int_equal(diags.len, 1);
	assert_string_equal(diags.items[0].message, "invalid json: a nul byte");
	assert_int_equal(diags.items[0].line, 1);
	assert_int_equal(diags.items[0].column, 37);
	DETECT("{\"Packages\": {\"a\": {\"Package\": \"a\0\"}}}\n");
	assert_int_equal(out.n_deps, 0);
	assert_int_equal(diags.len, 2);
	assert_int_equal(diags.items[1].column, 34);
}

static void
test_renv_lock_finds_keys_past_escapes_and_nested_strings(void **state)
{
	(void)state;
	DETECT("\xef\xbb\xbf{ \"Packages\" :\n"
	       " {\"x\": {\"Package\": \"x\", \"Version\": \"1\", \"Note\": \"}\\\"{\"},\n"
	       "  \"we\\\"ird\"\t:{\"Version\": \"2\"} } }");
	assert_int_equal(diags.len, 2);     /* neither says its Source */
	assert_int_equal(diags.items[0].level, DIAG_NOTE);
	assert_string_equal(diags.items[0].message,
			    "package 'x' has source '(none)'; read as a cran package");
	assert_int_equal(out.n_deps, 2);
	expect_dep(0, ECO_CRAN, "x", "==1", 2, 4);
	expect_dep(1, ECO_CRAN, "we\"ird", "==2", 3, 4);
}

static void
test_renv_lock_rejects_a_top_level_array(void **state)
{
	(void)state;
	DETECT("[1, 2]");
	assert_int_equal(out.n_deps, 0);
	assert_int_equal(diags.len, 1);
	assert_string_equal(diags.items[0].message, "expected a json object at the top of renv.lock");
	DETECT("");
	assert_int_equal(diags.len, 2);
	assert_int_equal(diags.items[1].line, 1);
}

static void
test_renv_lock_takes_any_control_byte_for_white_space(void **state)
{
	(void)state;
	/* cJSON skips every byte up to ' ' between tokens: a form feed hid the packages' keys */
	DETECT("{\f\"Packages\":\v{\"a\"\f:\f{\"Package\": \"a\", \"Version\": \"1\",\f"
	       "\"Source\": \"Repository\"},\f\n\"b\": {\"Package\": \"b\", \"Version\": \"2\", \"Hash\": 2\f,"
	       "\"Source\": \"CRAN\"}\f}}\f\n");
	assert_int_equal(diags.len, 0);
	assert_int_equal(out.n_deps, 2);
	expect_dep(0, ECO_CRAN, "a", "==1", 1, 17);
	assert_non_null(out.deps[0]->raw);
	assert_string_equal(out.deps[0]->raw,
			    "\"a\"\f:\f{\"Package\": \"a\", \"Version\": \"1\",\f\"Source\": \"Repository\"}");
	expect_dep(1, ECO_CRAN, "b", "==2", 2, 2);
	assert_non_null(out.deps[1]->raw);
	assert_memory_equal(out.deps[1]->raw, "\"b\": {", 6);
}

static void
test_renv_lock_keeps_each_package_requirements(void **state)
{
	(void)state;
	DETECT("{\"Packages\": {\n"
	       " \"cli\": {\"Package\": \"cli\", \"Version\": \"3.6.0\", \"Source\": \"Repository\",\n"
	       "   \"Requirements\": [\"R\", \"utils\", \"methods\", \"Rcpp\", \"BiocGenerics\"]},\n"
	       " \"none\": {\"Package\": \"none\", \"Version\": \"1\", \"Source\": \"Repository\"},\n"
	       " \"empty\": {\"Package\": \"empty\", \"Version\": \"1\", \"Source\": \"Repository\",\n"
	       "   \"Requirements\": []},\n"
	       " \"mixed\": {\"Package\": \"mixed\", \"Version\": \"1\", \"Source\": \"Repository\",\n"
	       "   \"Requirements\": [{\"Package\": \"x\"}, \"jsonlite\", 3, null, \"\", [\"y\"],"
	       " \"data.table\"]},\n"
	       " \"gh\": {\"Package\": \"gh\", \"Source\": \"GitHub\", \"RemoteUsername\": \"u\",\n"
	       "   \"RemoteRepo\": \"r\", \"Requirements\": [\"cli\"]},\n"
	       " \"odd\": {\"Package\": \"odd\", \"Version\": \"1\", \"Source\": \"Repository\",\n"
	       "   \"Requirements\": {\"a\": \"b\"}},\n"
	       " \"lone\": {\"Package\": \"lone\", \"Version\": \"1\", \"Source\": \"Repository\",\n"
	       "   \"Requirements\": \"stats\"}\n"
	       "}}\n");
	assert_int_equal(diags.len, 0);
	assert_int_equal(out.n_deps, 7);
	harness_expect_requires(0, (const char *const[]){
		"R", "utils", "methods", "Rcpp", "BiocGenerics", NULL });
	harness_expect_requires(1, (const char *const[]){ NULL });
	harness_expect_requires(2, (const char *const[]){ NULL });
	harness_expect_requires(3, (const char *const[]){ "jsonlite", "data.table", NULL });
	assert_string_equal(out.deps[4]->name, "u/r");
	harness_expect_requires(4, (const char *const[]){ "cli", NULL });
	harness_expect_requires(5, (const char *const[]){ NULL });
	harness_expect_requires(6, (const char *const[]){ "stats", NULL });
}

static void
test_renv_lock_requirements_outlive_the_json_tree(void **state)
{
	(void)state;
	/* cJSON frees its strings with the tree; under ASan a borrowed name fails here */
	DETECT_LEN(lock, sizeof(lock) - 1);
	assert_int_equal(out.n_deps, 6);
	harness_expect_requires(0, (const char *const[]){ "R", "utils", NULL });
	for (size_t i = 1; i < out.n_deps; i++)
		harness_expect_requires(i, (const char *const[]){ NULL });
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_renv_lock_matches_the_file_name),
		HARNESS_TEST(test_renv_lock_reads_each_package_at_its_key),
		HARNESS_TEST(test_renv_lock_reads_non_cran_repositories),
		HARNESS_TEST(test_renv_lock_reports_where_truncated_json_stops),
		HARNESS_TEST(test_renv_lock_reports_corrupted_json),
		HARNESS_TEST(test_renv_lock_reports_a_nul_byte),
		HARNESS_TEST(test_renv_lock_finds_keys_past_escapes_and_nested_strings),
		HARNESS_TEST(test_renv_lock_rejects_a_top_level_array),
		HARNESS_TEST(test_renv_lock_takes_any_control_byte_for_white_space),
		HARNESS_TEST(test_renv_lock_keeps_each_package_requirements),
		HARNESS_TEST(test_renv_lock_requirements_outlive_the_json_tree),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
