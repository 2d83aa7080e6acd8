/* Tests for core/detect/pipfile_lock.c: packages, hashes, sources and indexes of a Pipfile.lock. */
#include "detect_harness.h"

#define DETECT_LEN(text, len) \
	harness_detect(detect_pipfile_lock, "app/Pipfile.lock", (text), (len))
#define DETECT(lit) DETECT_LEN((lit), sizeof(lit) - 1)

static const char lock[] =
	"{\n"
	"    \"_meta\": {\n"
	"        \"hash\": {\n"
	"            \"sha256\": \"7f7606f08e0544d8d012ef4d097dabdd6df6843a28793eb6551245d4b2db4242\"\n"
	"        },\n"
	"        \"pipfile-spec\": 6,\n"
	"        \"requires\": {\n"
	"            \"python_version\": \"3.11\"\n"
	"        },\n"
	"        \"sources\": [\n"
	"            {\n"
	"                \"name\": \"pypi\",\n"
	"                \"url\": \"https://pypi.org/simple\",\n"
	"                \"verify_ssl\": true\n"
	"            },\n"
	"            {\n"
	"                \"name\": \"corp\",\n"
	"                \"url\": \"http://pypi.corp.example.com:8080/simple\",\n"
	"                \"verify_ssl\": false\n"
	"            }\n"
	"        ]\n"
	"    },\n"
	"    \"default\": {\n"
	"        \"certifi\": {\n"
	"            \"hashes\": [\n"
	"                \"sha256:0569859f95fc761b18b45ef421b1290a0f65f147e92a1e5eb3e635f9a5e4e66f\",\n"
	"                \"sha256:dc383c07b76109f368f6106eee2b593b04a011ea4d55f652c6ca24a754d1cdd1\"\n"
	"            ],\n"
	"            \"index\": \"pypi\",\n"
	"            \"markers\": \"python_version >= '3.6'\",\n"
	"            \"version\": \"==2024.2.2\"\n"
	"        },\n"
	"        \"corp-auth\": {\n"
	"            \"hashes\": [\n"
	"                \"sha256:5555555555555555555555555555555555555555555555555555555555555555\"\n"
	"            ],\n"
	"            \"index\": \"corp\",\n"
	"            \"version\": \"==3.2.1\"\n"
	"        },\n"
	"        \"requests\": {\n"
	"            \"extras\": [\n"
	"                \"socks\"\n"
	"            ],\n"
	"            \"git\": \"https://github.com/psf/requests.git\",\n"
	"            \"ref\": \"0e322af87745eff34caffe4df68456ebc20d9068\"\n"
	"        },\n"
	"        \"Django\": {\"hashes\": [\"sha256:6666666666666666666666666666666666666666666666666666666666666666\"], \"index\": \"pypi\", \"version\": \"==4.2.11\"}\n"
	"    },\n"
	"    \"develop\": {\n"
	"        \"mytool\": {\n"
	"            \"editable\": true,\n"
	"            \"path\": \"./tools/mytool\"\n"
	"        },\n"
	"        \"pytest\": {\n"
	"            \"hashes\": [],\n"
	"            \"version\": \"==8.1.1\"\n"
	"        }\n"
	"    }\n"
	"}\n"
	;

static void
test_pipfile_lock_reads_default_and_develop_packages_with_hashes(void **state)
{
	(void)state;
	DETECT(lock);
	assert_int_equal(diags.len, 0);
	assert_int_equal(out.n_deps, 6);

	const struct dep *d = out.deps[0];
	assert_string_equal(d->name, "certifi");
	assert_string_equal(d->normalized, "certifi");
	assert_string_equal(d->spec, "==2024.2.2");
	assert_int_equal(d->kind, DEP_LOCK);
	assert_int_equal(d->ecosystem, ECO_PYPI);
	assert_string_equal(d->file, "app/Pipfile.lock");
	assert_int_equal(d->line, 24);
	assert_int_equal(d->column, 10);
	assert_string_equal(d->marker, "python_version >= '3.6'");
	assert_null(d->index_url);
	assert_int_equal(d->n_hashes, 2);
	assert_string_equal(d->hashes[0],
		"sha256:0569859f95fc761b18b45ef421b1290a0f65f147e92a1e5eb3e635f9a5e4e66f");
	assert_string_equal(d->hashes[1],
		"sha256:dc383c07b76109f368f6106eee2b593b04a011ea4d55f652c6ca24a754d1cdd1");
	assert_memory_equal(lock + d->at.start, "\"certifi\": {", 12);
	assert_memory_equal(lock + d->at.end - 19, "2024.2.2\"\n        }", 19);
	assert_memory_equal(lock + d->at.name_start, "certifi\"", 8);
	assert_int_equal(d->at.name_end - d->at.name_start, 7);

	d = out.deps[3];
	assert_string_equal(d->name, "Django");
	assert_string_equal(d->normalized, "django");
	assert_string_equal(d->spec, "==4.2.11");
	assert_int_equal(d->line, 47);
	assert_int_equal(d->n_hashes, 1);
	assert_string_equal(d->raw, "\"Django\": {\"hashes\": [\"sha256:6666666666666666666666666666666666666666666666666666666666666666\"], \"index\": \"pypi\", \"version\": \"==4.2.11\"}");

	d = out.deps[5];
	assert_string_equal(d->name, "pytest");
	assert_string_equal(d->spec, "==8.1.1");
	assert_int_equal(d->n_hashes, 0);
	assert_int_equal(d->line, 54);
}

static void
test_pipfile_lock_reads_sources_as_index_options(void **state)
{
	(void)state;
	DETECT(lock);
	assert_int_equal(out.n_options, 3);
	assert_int_equal(out.options[0]->kind, OPT_INDEX_URL);
	assert_string_equal(out.options[0]->value, "https://pypi.org/simple");
	assert_string_equal(out.options[0]->file, "app/Pipfile.lock");
	assert_int_equal(out.options[0]->line, 13);
	assert_int_equal(out.options[0]->column, 25);
	assert_int_equal(out.options[1]->kind, OPT_EXTRA_INDEX_URL);
	assert_string_equal(out.options[1]->value, "http://pypi.corp.example.com:8080/simple");
	assert_int_equal(out.options[1]->line, 18);
	/* verify_ssl false: pip is told to trust the host */
	assert_int_equal(out.options[2]->kind, OPT_TRUSTED_HOST);
	assert_string_equal(out.options[2]->value, "pypi.corp.example.com:8080");
	assert_int_equal(out.options[2]->line, 18);
	assert_true(strncmp(out.options[1]->raw, "{\n                \"name\": \"corp\"", 32) == 0);
}

static void
test_pipfile_lock_reads_named_private_index_as_index_url(void **state)
{
	(void)state;
	DETECT(lock);
	const struct dep *d = harness_find_normalized("corp-auth");
	assert_string_equal(d->index_url, "http://pypi.corp.example.com:8080/simple");
	assert_string_equal(d->spec, "==3.2.1");
	assert_int_equal(d->line, 33);
}

static void
test_pipfile_lock_reads_git_package_with_ref_and_extras(void **state)
{
	(void)state;
	DETECT(lock);
	const struct dep *d = harness_find_normalized("requests");
	assert_int_equal(d->ecosystem, ECO_VCS);
	assert_string_equal(d->url, "https://github.com/psf/requests.git");
	assert_string_equal(d->vcs_ref, "0e322af87745eff34caffe4df68456ebc20d9068");
	assert_string_equal(d->spec, "");
	assert_int_equal(d->n_extras, 1);
	assert_string_equal(d->extras[0], "socks");
	assert_int_equal(d->n_hashes, 0);
	assert_int_equal(d->line, 40);
}

static void
test_pipfile_lock_reads_editable_path_as_local(void **state)
{
	(void)state;
	DETECT(lock);
	const struct dep *d = harness_find_normalized("mytool");
	assert_int_equal(d->ecosystem, ECO_LOCAL);
	assert_string_equal(d->url, "./tools/mytool");
	assert_true(d->editable);
	assert_string_equal(d->spec, "");
	assert_int_equal(d->line, 50);
	assert_int_equal(d->column, 10);
}

static void
test_pipfile_lock_notes_odd_fields_and_keeps_reading(void **state)
{
	(void)state;
	DETECT("{\n"
	       "  \"_meta\": {\"sources\": [{\"name\": \"pypi\", \"url\": \"https://pypi.org/simple\"}]},\n"
	       "  \"default\": {\n"
	       "    \"a\": {\"version\": \"==1.0\", \"colour\": \"blue\"},\n"
	       "    \"b\": \"==2.0\",\n"
	       "    \"c\": {\"version\": \"==3.0\", \"index\": \"nowhere\", \"hashes\": \"sha256:00\"},\n"
	       "    \"d\": {\"hashes\": [\"sha256:11\"]}\n"
	       "  },\n"
	       "  \"develop\": []\n"
	       "}\n");
	assert_int_equal(out.n_deps, 3);
	assert_string_equal(out.deps[0]->name, "a");
	assert_string_equal(out.deps[1]->name, "c");
	assert_int_equal(out.deps[1]->n_hashes, 0);
	assert_string_equal(out.deps[2]->spec, "");
	assert_int_equal(out.deps[2]->n_hashes, 1);
	assert_int_equal(diags.len, 6);
	for (size_t i = 0; i < diags.len; i++)
		assert_int_equal(diags.items[i].level, DIAG_NOTE);
	assert_non_null(strstr(diags.items[0].message, "colour"));
	assert_int_equal(diags.items[0].line, 4);
	assert_int_equal(diags.items[0].column, 32);
	assert_non_null(strstr(diags.items[1].message, "expected an object for package 'b'"));
	assert_int_equal(diags.items[1].line, 5);
	assert_non_null(strstr(diags.items[2].message, "index 'nowhere'"));
	assert_int_equal(diags.items[2].line, 6);
	assert_int_equal(diags.items[2].column, 32);
	assert_non_null(strstr(diags.items[3].message, "expected an array of hashes"));
	assert_non_null(strstr(diags.items[4].message, "expected a version for 'd'"));
	assert_int_equal(diags.items[4].line, 7);
	assert_non_null(strstr(diags.items[5].message, "'develop'"));
	assert_int_equal(diags.items[5].line, 9);
}

static void
test_pipfile_lock_finds_keys_past_white_space_cjson_accepts(void **state)
{
	(void)state;
	/* cJSON takes form feeds and vertical tabs between tokens */
	DETECT("{\f\"default\":\v{\"six\": {\"version\": \"==1.16.0\"},\f\n"
	       "\"idna\"\v: {\"version\": \"==3.6\"}}}");
	assert_int_equal(out.n_deps, 2);
	assert_int_equal(out.deps[1]->line, 2);
	assert_int_equal(out.deps[1]->column, 2);
	assert_string_equal(out.deps[1]->raw, "\"idna\"\v: {\"version\": \"==3.6\"}");
	/* no _meta: one note */
	assert_int_equal(diags.len, 1);
	assert_int_equal(diags.items[0].level, DIAG_NOTE);
}

static void
test_pipfile_lock_cut_in_half_gives_one_error_at_the_end(void **state)
{
	(void)state;
	/* the cut falls inside certifi's "markers" key: the error is at the end */
	DETECT_LEN(lock, sizeof(lock) / 2);
	assert_int_equal(out.n_deps, 0);
	assert_int_equal(diags.len, 1);
	assert_int_equal(diags.items[0].level, DIAG_ERROR);
	assert_string_equal(diags.items[0].path, "app/Pipfile.lock");
	assert_int_equal(diags.items[0].line, 30);
	assert_int_equal(diags.items[0].column, 20);
	assert_non_null(strstr(diags.items[0].message, "ends before"));
}

static void
test_pipfile_lock_invalid_json_gives_one_error_with_position(void **state)
{
	(void)state;
	DETECT("{\n"
	       "  \"default\": {\n"
	       "    \"six\": {\"version\": \"==1.16.0\",}\n"
	       "  }\n"
	       "}\n");
	assert_int_equal(out.n_deps, 0);
	assert_int_equal(diags.len, 1);
	assert_int_equal(diags.items[0].level, DIAG_ERROR);
	assert_int_equal(diags.items[0].line, 3);
	assert_int_equal(diags.items[0].column, 36);
	assert_non_null(strstr(diags.items[0].message, "invalid json"));
}

static void
test_pipfile_lock_nul_byte_gives_one_error(void **state)
{
	(void)state;
	DETECT("{\"default\": {\"six\": {\"version\": \"==1.0\"\0}}}");
	assert_int_equal(out.n_deps, 0);
	assert_int_equal(diags.len, 1);
	assert_int_equal(diags.items[0].line, 1);
	assert_int_equal(diags.items[0].column, 40);
}

static void
test_pipfile_lock_matches_only_pipfile_lock(void **state)
{
	(void)state;
	assert_true(pipfile_lock_matches("Pipfile.lock"));
	assert_true(pipfile_lock_matches("svc/Pipfile.lock"));
	assert_false(pipfile_lock_matches("Pipfile"));
	assert_false(pipfile_lock_matches("pipfile.lock.bak"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		HARNESS_TEST(test_pipfile_lock_reads_default_and_develop_packages_with_hashes),
		HARNESS_TEST(test_pipfile_lock_reads_sources_as_index_options),
		HARNESS_TEST(test_pipfile_lock_reads_named_private_index_as_index_url),
		HARNESS_TEST(test_pipfile_lock_reads_git_package_with_ref_and_extras),
		HARNESS_TEST(test_pipfile_lock_reads_editable_path_as_local),
		HARNESS_TEST(test_pipfile_lock_notes_odd_fields_and_keeps_reading),
		HARNESS_TEST(test_pipfile_lock_finds_keys_past_white_space_cjson_accepts),
		HARNESS_TEST(test_pipfile_lock_cut_in_half_gives_one_error_at_the_end),
		HARNESS_TEST(test_pipfile_lock_invalid_json_gives_one_error_with_position),
		HARNESS_TEST(test_pipfile_lock_nul_byte_gives_one_error),
		HARNESS_TEST(test_pipfile_lock_matches_only_pipfile_lock),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
