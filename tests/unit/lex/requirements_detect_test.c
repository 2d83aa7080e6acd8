/* Tests for core/detect/requirements.c: what each requirement line declares. */
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

static void
detect_len(const char *text, size_t len, bool constraint)
{
	struct source src = { "reqs/requirements.txt", { text, len } };
	struct detect_ctx ctx = { .constraint = constraint, .included = constraint };

	assert_int_equal(detect_requirements(&out, &src, &ctx), 0);
}

#define DETECT(lit) detect_len((lit), sizeof(lit) - 1, false)

static void
test_requirements_matches_pip_file_names(void **state)
{
	(void)state;
	assert_true(requirements_matches("requirements.txt"));
	assert_true(requirements_matches("a/b/requirements-dev.txt"));
	assert_true(requirements_matches("dev-requirements.in"));
	assert_true(requirements_matches("test-requirements.txt"));
	assert_true(requirements_matches("doc/dev_requirements_py3.txt"));
	/* the lists of other package managers */
	assert_false(requirements_matches("apt-requirements.txt"));
	assert_false(requirements_matches("ci/system_requirements.txt"));
	assert_false(requirements_matches("R-requirements.txt"));
	assert_true(requirements_matches("requirements.in"));
	assert_true(requirements_matches("constraints.txt"));
	assert_true(requirements_matches("x/requirements/base.txt"));
	assert_false(requirements_matches("x/requirements/sub/base.txt"));
	assert_false(requirements_matches("x/myrequirements/base.txt"));
	assert_false(requirements_matches("Requirements.txt"));
	assert_false(requirements_matches("requirements.txt.bak"));
	assert_false(requirements_matches("notes.txt"));
}

static void
test_requirements_reads_named_requirement(void **state)
{
	(void)state;
	DETECT("# top\n  Requests[socks,security] >= 2.8 , <3 ; python_version < '3.8'\n");
	assert_int_equal(out.n_deps, 1);
	const struct dep *d = out.deps[0];
	assert_int_equal(d->ecosystem, ECO_PYPI);
	assert_int_equal(d->kind, DEP_MANIFEST);
	assert_string_equal(d->name, "Requests");
	assert_string_equal(d->normalized, "requests");
	assert_string_equal(d->spec, ">=2.8,<3");
	assert_int_equal(d->n_extras, 2);
	assert_string_equal(d->extras[0], "socks");
	assert_string_equal(d->marker, "python_version < '3.8'");
	assert_null(d->url);
	assert_string_equal(d->file, "reqs/requirements.txt");
	assert_int_equal(d->line, 2);
	assert_int_equal(d->column, 3);
	assert_int_equal(d->at.name_start, 8);
	assert_int_equal(d->at.name_end, 16);
	assert_string_equal(d->raw, "Requests[socks,security] >= 2.8 , <3 ; python_version < '3.8'");
	assert_int_equal(diags.len, 0);
}

static void
test_requirements_normalizes_names_per_pep503(void **state)
{
	(void)state;
	DETECT("Setup_Tools\nsetup-tools\nSetup..tools\n");
	assert_int_equal(out.n_deps, 3);
	for (size_t i = 0; i < 3; i++)
		assert_string_equal(out.deps[i]->normalized, "setup-tools");
	assert_string_equal(out.deps[0]->name, "Setup_Tools");
}

static void
test_requirements_reads_vcs_urls_with_ref_and_egg(void **state)
{
	(void)state;
	DETECT("git+https://github.com/o/r.git@v1.2#egg=My_Pkg&subdirectory=sub\n"
	       "git+ssh://git@github.com/o/r.git#egg=r\n"
	       "-e git://github.com/o/r.git@main#egg=rr\n"
	       "pkg @ git+https://gitlab.com/g/p.git@abc123\n");
	assert_int_equal(out.n_deps, 4);
	assert_int_equal(out.deps[0]->ecosystem, ECO_VCS);
	assert_string_equal(out.deps[0]->name, "My_Pkg");
	assert_string_equal(out.deps[0]->normalized, "my-pkg");
	assert_string_equal(out.deps[0]->vcs_ref, "v1.2");
	assert_null(out.deps[1]->vcs_ref);
	assert_true(out.deps[2]->editable);
	assert_string_equal(out.deps[2]->url, "git+git://github.com/o/r.git@main#egg=rr");
	assert_string_equal(out.deps[2]->vcs_ref, "main");
	assert_string_equal(out.deps[3]->name, "pkg");
	assert_int_equal(out.deps[3]->ecosystem, ECO_VCS);
	assert_string_equal(out.deps[3]->vcs_ref, "abc123");
}

static void
test_requirements_reads_archive_urls_and_local_paths(void **state)
{
	(void)state;
	DETECT("https://host/pkg-1.0.tar.gz\nname @ https://h/n.zip\n./pkg[a]\n.\n-e .\n"
	       "file:///tmp/x#egg=x\n./dist/foo_bar-1.0-py3-none-any.whl\nthing-1.0.tar.gz\n");
	assert_int_equal(out.n_deps, 8);
	assert_int_equal(out.deps[0]->ecosystem, ECO_URL);
	assert_string_equal(out.deps[0]->name, "");
	assert_string_equal(out.deps[1]->name, "name");
	assert_string_equal(out.deps[1]->url, "https://h/n.zip");
	assert_int_equal(out.deps[2]->ecosystem, ECO_LOCAL);
	assert_string_equal(out.deps[2]->url, "./pkg");
	assert_int_equal(out.deps[2]->n_extras, 1);
	assert_string_equal(out.deps[3]->url, ".");
	assert_true(out.deps[4]->editable);
	assert_int_equal(out.deps[4]->ecosystem, ECO_LOCAL);
	assert_int_equal(out.deps[5]->ecosystem, ECO_LOCAL);
	assert_string_equal(out.deps[5]->name, "x");
	assert_string_equal(out.deps[6]->name, "foo_bar");
	assert_string_equal(out.deps[6]->spec, "==1.0");
	assert_int_equal(out.deps[7]->ecosystem, ECO_LOCAL);
	assert_int_equal(diags.len, 0);
}

static void
test_requirements_collects_hashes(void **state)
{
	(void)state;
	DETECT("django==4.2 \\\n  --hash=sha256:aa \\\n  --hash sha512:bb\n");
	assert_int_equal(out.n_deps, 1);
	assert_int_equal(out.deps[0]->n_hashes, 2);
	assert_string_equal(out.deps[0]->hashes[0], "sha256:aa");
	assert_string_equal(out.deps[0]->hashes[1], "sha512:bb");
	assert_true(dep_is_pinned(out.deps[0]));
}

static void
test_requirements_applies_index_options_to_later_lines(void **state)
{
	(void)state;
	DETECT("early\n-i https://mirror/simple\n--extra-index-url https://extra/simple\nlate\n"
	       "--trusted-host extra --pre\n");
	assert_int_equal(out.n_deps, 2);
	assert_null(out.deps[0]->index_url);
	assert_false(out.deps[0]->extra_index);
	assert_string_equal(out.deps[1]->index_url, "https://mirror/simple");
	assert_true(out.deps[1]->extra_index);
	assert_int_equal(out.n_options, 4);
	assert_int_equal(out.options[0]->kind, OPT_INDEX_URL);
	assert_string_equal(out.options[0]->value, "https://mirror/simple");
	assert_int_equal(out.options[0]->line, 2);
	assert_int_equal(out.options[2]->kind, OPT_TRUSTED_HOST);
	assert_int_equal(out.options[3]->kind, OPT_PRE);
}

static void
test_requirements_turns_r_and_c_into_includes(void **state)
{
	(void)state;
	DETECT("-r base.txt\n-c cons.txt --pre\nfoo -r ignored.txt\n");
	assert_int_equal(out.n_includes, 2);
	assert_string_equal(out.includes[0].path, "base.txt");
	assert_false(out.includes[0].constraint);
	assert_string_equal(out.includes[0].from, "reqs/requirements.txt");
	assert_int_equal(out.includes[0].line, 1);
	assert_int_equal(out.includes[0].column, 4);
	assert_true(out.includes[1].constraint);
	/* pip drops the other options of an include line */
	assert_int_equal(out.n_options, 0);
	assert_int_equal(out.n_deps, 1);
}

static void
test_requirements_marks_constraints(void **state)
{
	(void)state;
	detect_len("foo<3\n", 6, true);
	assert_int_equal(out.n_deps, 1);
	assert_int_equal(out.deps[0]->kind, DEP_CONSTRAINT);
}

static void
test_requirements_keeps_env_vars_as_written(void **state)
{
	(void)state;
	DETECT("pkg @ https://${PIP_TOKEN}@private.example/pkg.zip\n");
	assert_int_equal(out.n_deps, 1);
	assert_true(out.deps[0]->env_var);
	assert_string_equal(out.deps[0]->url, "https://${PIP_TOKEN}@private.example/pkg.zip");
}

static void
test_requirements_reports_bad_lines_and_continues(void **state)
{
	(void)state;
	DETECT("good\nfoo==1.0[bar]\nfoo; os_name = 'x'\n-e https://x/y.zip\n"
	       "-e git+https://x/y.git\nfoo @ notaurl\nfoo>=\nalso-good\n");
	assert_int_equal(out.n_deps, 3);
	assert_string_equal(out.deps[0]->name, "good");
	assert_string_equal(out.deps[1]->name, "foo");
	assert_string_equal(out.deps[2]->name, "also-good");
	assert_int_equal(diags.len, 6);
	assert_int_equal(diags.items[0].line, 2);
	assert_int_equal(diags.items[1].line, 3);
	assert_int_equal(diags.items[1].column, 14);
	assert_string_equal(diags.items[1].path, "reqs/requirements.txt");
	assert_int_equal(diags.items[5].level, DIAG_WARNING);
	assert_string_equal(diags.items[5].message, "expected a version after '>='");
	assert_int_equal(diags.items[5].column, 4);
}

static void
test_requirements_survives_nul_bytes(void **state)
{
	(void)state;
	static const char text[] = "foo\0bar\nok\n\xff\xfe\n";
	detect_len(text, sizeof(text) - 1, false);
	assert_int_equal(out.n_deps, 1);
	assert_string_equal(out.deps[0]->name, "ok");
	assert_int_equal(diags.len, 2);
}

static void
test_requirements_survives_huge_line(void **state)
{
	(void)state;
	size_t n = 300000;
	char *text = malloc(n + 8);
	memset(text, 'a', n);
	memcpy(text + n, "\nok\n", 4);
	detect_len(text, n + 4, false);
	assert_int_equal(out.n_deps, 1);
	assert_int_equal(diags.len, 1);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_requirements_matches_pip_file_names),
		T(test_requirements_reads_named_requirement),
		T(test_requirements_normalizes_names_per_pep503),
		T(test_requirements_reads_vcs_urls_with_ref_and_egg),
		T(test_requirements_reads_archive_urls_and_local_paths),
		T(test_requirements_collects_hashes),
		T(test_requirements_applies_index_options_to_later_lines),
		T(test_requirements_turns_r_and_c_into_includes),
		T(test_requirements_marks_constraints),
		T(test_requirements_keeps_env_vars_as_written),
		T(test_requirements_reports_bad_lines_and_continues),
		T(test_requirements_survives_nul_bytes),
		T(test_requirements_survives_huge_line),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
