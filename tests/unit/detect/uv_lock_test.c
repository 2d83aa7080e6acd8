/* Tests for core/detect/uv_lock.c: packages, hashes and sources of a uv.lock. */
#include "detect_harness.h"

#define DETECT_LEN(text, len) harness_detect(detect_uv_lock, "app/uv.lock", (text), (len))
#define DETECT(lit) DETECT_LEN((lit), sizeof(lit) - 1)

static const char lock[] =
	"version = 1\n"
	"revision = 2\n"
	"requires-python = \">=3.11\"\n"
	"\n"
	"[[package]]\n"
	"name = \"anyio\"\n"
	"version = \"4.3.0\"\n"
	"source = { registry = \"https://pypi.org/simple\" }\n"
	"dependencies = [\n"
	"    { name = \"idna\" },\n"
	"    { name = \"sniffio\" },\n"
	"]\n"
	"sdist = { url = \"https://files.pythonhosted.org/packages/db/4d/anyio-4.3.0.tar.gz\", hash = \"sha256:f75253795a87df48568485fd18cdd2a3fa5c4f7c5be8e5e36637733fce06fed6\", size = 159642, upload-time = \"2024-02-19T08:36:28Z\" }\n"
	"wheels = [\n"
	"    { url = \"https://files.pythonhosted.org/packages/14/fd/anyio-4.3.0-py3-none-any.whl\", hash = \"sha256:048e05d0f6caeed70d731f3db756d35dcc1f35747c8c403364a8332c630441b8\", size = 85584, upload-time = \"2024-02-19T08:36:26Z\" },\n"
	"]\n"
	"\n"
	"[[package]]\n"
	"name = \"corp.utils\"\n"
	"version = \"2.0.1\"\n"
	"source = { registry = \"https://pkgs.corp.example.com/simple\" }\n"
	"sdist = { url = \"https://pkgs.corp.example.com/files/corp.utils-2.0.1.tar.gz\", hash = \"sha256:2222222222222222222222222222222222222222222222222222222222222222\", size = 1000 }\n"
	"\n"
	"[[package]]\n"
	"name = \"flask\"\n"
	"version = \"3.1.0.dev0\"\n"
	"source = { git = \"https://github.com/pallets/flask?rev=main#c8f13b3fbbd1e3e63ad80c6f0e2f6e6e2c8a3d5f\" }\n"
	"dependencies = [\n"
	"    { name = \"werkzeug\" },\n"
	"]\n"
	"\n"
	"[[package]]\n"
	"name = \"myapp\"\n"
	"version = \"0.1.0\"\n"
	"source = { editable = \".\" }\n"
	"dependencies = [\n"
	"    { name = \"anyio\" },\n"
	"    { name = \"flask\" },\n"
	"]\n"
	"\n"
	"[package.metadata]\n"
	"requires-dist = [\n"
	"    { name = \"anyio\", specifier = \">=4\" },\n"
	"    { name = \"flask\", git = \"https://github.com/pallets/flask?rev=main\" },\n"
	"]\n"
	"\n"
	"[[package]]\n"
	"name = \"shim\"\n"
	"version = \"1.0\"\n"
	"source = { url = \"https://example.com/dist/shim-1.0.tar.gz\" }\n"
	"sdist = { hash = \"sha256:3333333333333333333333333333333333333333333333333333333333333333\" }\n"
	"\n"
	"[[package]]\n"
	"name = \"vendored\"\n"
	"version = \"0.3.0\"\n"
	"source = { directory = \"vendor/vendored\" }\n"
	;

static void
test_uv_lock_reads_registry_package_with_sdist_and_wheel_hashes(void **state)
{
	(void)state;
	DETECT(lock);
	assert_int_equal(diags.len, 0);
	assert_int_equal(out.n_deps, 6);

	const struct dep *d = out.deps[0];
	assert_string_equal(d->name, "anyio");
	assert_string_equal(d->normalized, "anyio");
	assert_string_equal(d->spec, "==4.3.0");
	assert_int_equal(d->kind, DEP_LOCK);
	assert_int_equal(d->ecosystem, ECO_PYPI);
	assert_string_equal(d->file, "app/uv.lock");
	assert_int_equal(d->line, 6);
	assert_int_equal(d->column, 9);
	/* the public index is the default: no index_url */
	assert_null(d->index_url);
	assert_null(d->url);
	assert_int_equal(d->n_hashes, 2);
	assert_string_equal(d->hashes[0],
		"sha256:f75253795a87df48568485fd18cdd2a3fa5c4f7c5be8e5e36637733fce06fed6");
	assert_string_equal(d->hashes[1],
		"sha256:048e05d0f6caeed70d731f3db756d35dcc1f35747c8c403364a8332c630441b8");
	assert_memory_equal(lock + d->at.start, "[[package]]\nname = \"anyio\"", 25);
	assert_memory_equal(lock + d->at.end - 4, "},\n]\n", 5);
	assert_memory_equal(lock + d->at.name_start, "anyio\"", 6);
	assert_int_equal(d->at.name_end - d->at.name_start, 5);
	/* kept for the resolver: what anyio itself depends on */
	assert_int_equal(d->n_requires, 2);
	assert_string_equal(d->requires[0], "idna");
	assert_string_equal(d->requires[1], "sniffio");
	assert_int_equal(out.deps[1]->n_requires, 0);
}

static void
test_uv_lock_reads_private_registry_as_index_url(void **state)
{
	(void)state;
	DETECT(lock);
	const struct dep *d = harness_find_normalized("corp-utils");
	assert_string_equal(d->name, "corp.utils");
	assert_int_equal(d->ecosystem, ECO_PYPI);
	assert_string_equal(d->index_url, "https://pkgs.corp.example.com/simple");
	assert_int_equal(d->n_hashes, 1);
	assert_int_equal(d->line, 19);
}

static void
test_uv_lock_reads_git_source_with_commit_after_hash_sign(void **state)
{
	(void)state;
	DETECT(lock);
	const struct dep *d = harness_find_normalized("flask");
	assert_int_equal(d->ecosystem, ECO_VCS);
	assert_string_equal(d->url, "https://github.com/pallets/flask");
	assert_string_equal(d->vcs_ref, "c8f13b3fbbd1e3e63ad80c6f0e2f6e6e2c8a3d5f");
	assert_null(d->subdir);
	assert_string_equal(d->spec, "==3.1.0.dev0");
	assert_int_equal(d->n_hashes, 0);
	assert_int_equal(d->line, 25);
}

static void
test_uv_lock_reads_project_itself_as_local_without_spec(void **state)
{
	(void)state;
	DETECT(lock);
	const struct dep *d = harness_find_normalized("myapp");
	assert_int_equal(d->ecosystem, ECO_LOCAL);
	assert_string_equal(d->url, ".");
	assert_true(d->editable);
	assert_string_equal(d->spec, "");
	assert_int_equal(d->line, 33);
	/* [package.metadata] belongs to the entry */
	assert_memory_equal(lock + d->at.end - 1, "]\n\n[[package]]\nname = \"shim\"", 27);
}

static void
test_uv_lock_reads_url_and_directory_sources(void **state)
{
	(void)state;
	DETECT(lock);
	const struct dep *d = harness_find_normalized("shim");
	assert_int_equal(d->ecosystem, ECO_URL);
	assert_string_equal(d->url, "https://example.com/dist/shim-1.0.tar.gz");
	assert_string_equal(d->spec, "==1.0");
	assert_int_equal(d->n_hashes, 1);
	assert_string_equal(d->hashes[0],
		"sha256:3333333333333333333333333333333333333333333333333333333333333333");

	d = harness_find_normalized("vendored");
	assert_int_equal(d->ecosystem, ECO_LOCAL);
	assert_string_equal(d->url, "vendor/vendored");
	assert_false(d->editable);
	assert_string_equal(d->spec, "");
	assert_int_equal(d->n_hashes, 0);
	assert_int_equal(d->line, 54);
}

static void
test_uv_lock_reads_git_subdirectory_and_old_distribution_tables(void **state)
{
	(void)state;
	DETECT("version = 1\n"
	       "\n"
	       "[[distribution]]\n"
	       "name = \"sub_pkg\"\n"
	       "version = \"0.2.0\"\n"
	       "source = { git = \"https://gitlab.example.com/g/mono.git?subdirectory=libs/sub&tag=v0.2#0123456789abcdef0123456789abcdef01234567\" }\n");
	assert_int_equal(diags.len, 0);
	assert_int_equal(out.n_deps, 1);
	assert_string_equal(out.deps[0]->normalized, "sub-pkg");
	assert_string_equal(out.deps[0]->url, "https://gitlab.example.com/g/mono.git");
	assert_string_equal(out.deps[0]->subdir, "libs/sub");
	assert_string_equal(out.deps[0]->vcs_ref, "0123456789abcdef0123456789abcdef01234567");
	assert_int_equal(out.deps[0]->line, 4);
}

static void
test_uv_lock_notes_odd_sources_and_keeps_reading(void **state)
{
	(void)state;
	DETECT("version = 1\n"
	       "\n"
	       "[[package]]\n"
	       "name = \"a\"\n"
	       "version = \"1\"\n"
	       "source = { mirror = \"https://m.example.com\" }\n"
	       "\n"
	       "[[package]]\n"
	       "name = \"b\"\n"
	       "version = \"2\"\n"
	       "source = { git = \"https://example.com/b.git?branch=dev\" }\n"
	       "extra-thing = 1\n"
	       "\n"
	       "[[package]]\n"
	       "name = \"c\"\n"
	       "version = \"3\"\n");
	assert_int_equal(out.n_deps, 3);
	assert_int_equal(out.deps[0]->ecosystem, ECO_PYPI);
	assert_int_equal(out.deps[1]->ecosystem, ECO_VCS);
	assert_null(out.deps[1]->vcs_ref);
	assert_string_equal(out.deps[2]->spec, "==3");
	assert_int_equal(diags.len, 4);
	assert_int_equal(diags.items[0].level, DIAG_NOTE);
	assert_int_equal(diags.items[0].line, 6);
	assert_int_equal(diags.items[0].column, 12);
	assert_non_null(strstr(diags.items[0].message, "mirror"));
	assert_int_equal(diags.items[1].line, 12);
	assert_non_null(strstr(diags.items[1].message, "extra-thing"));
	assert_int_equal(diags.items[2].line, 11);
	assert_non_null(strstr(diags.items[2].message, "no resolved commit"));
	assert_int_equal(diags.items[3].line, 15);
	assert_non_null(strstr(diags.items[3].message, "expected a source"));
}

static void
test_uv_lock_cut_in_half_gives_one_error(void **state)
{
	(void)state;
	/* the cut falls inside corp.utils' sdist hash string */
	DETECT_LEN(lock, sizeof(lock) / 2);
	assert_int_equal(out.n_deps, 0);
	assert_int_equal(diags.len, 1);
	assert_int_equal(diags.items[0].level, DIAG_ERROR);
	assert_string_equal(diags.items[0].path, "app/uv.lock");
	assert_int_equal(diags.items[0].line, 22);
	assert_int_equal(diags.items[0].column, 87);
}

static void
test_uv_lock_invalid_toml_gives_one_error_with_position(void **state)
{
	(void)state;
	DETECT("version = 1\n"
	       "[[package]]\n"
	       "name = \"idna\"\n"
	       "source = { registry = \"https://pypi.org/simple\",\n"
	       "  }\n");
	assert_int_equal(out.n_deps, 0);
	assert_int_equal(diags.len, 1);
	assert_int_equal(diags.items[0].level, DIAG_ERROR);
	assert_int_equal(diags.items[0].line, 4);
	assert_int_equal(diags.items[0].column, 49);
	assert_non_null(strstr(diags.items[0].message, "invalid toml"));
}

static void
test_uv_lock_matches_only_uv_lock(void **state)
{
	(void)state;
	assert_true(uv_lock_matches("uv.lock"));
	assert_true(uv_lock_matches("packages/web/uv.lock"));
	assert_false(uv_lock_matches("myuv.lock"));
	assert_false(uv_lock_matches("uv.toml"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		HARNESS_TEST(test_uv_lock_reads_registry_package_with_sdist_and_wheel_hashes),
		HARNESS_TEST(test_uv_lock_reads_private_registry_as_index_url),
		HARNESS_TEST(test_uv_lock_reads_git_source_with_commit_after_hash_sign),
		HARNESS_TEST(test_uv_lock_reads_project_itself_as_local_without_spec),
		HARNESS_TEST(test_uv_lock_reads_url_and_directory_sources),
		HARNESS_TEST(test_uv_lock_reads_git_subdirectory_and_old_distribution_tables),
		HARNESS_TEST(test_uv_lock_notes_odd_sources_and_keeps_reading),
		HARNESS_TEST(test_uv_lock_cut_in_half_gives_one_error),
		HARNESS_TEST(test_uv_lock_invalid_toml_gives_one_error_with_position),
		HARNESS_TEST(test_uv_lock_matches_only_uv_lock),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
