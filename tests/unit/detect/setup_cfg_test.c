/* Tests for core/detect/setup_cfg.c: requirements in setup.cfg, read as setuptools reads them. */
#define PATH "proj/setup.cfg"
#define DETECT_FN detect_setup_cfg
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
detect_len(const char *text, size_t len)
{
	struct source src = { PATH, { text, len } };
	struct detect_ctx ctx = { 0 };

	assert_int_equal(DETECT_FN(&out, &src, &ctx), 0);
}

#define DETECT(lit) detect_len((lit), sizeof(lit) - 1)

/* The @nth (0-based) declaration named @name. */
static const struct dep *
find(const char *name, int nth)
{
	for (size_t i = 0; i < out.n_deps; i++)
		if (strcmp(out.deps[i]->name, name) == 0 && nth-- == 0)
			return out.deps[i];
	fail_msg("no declaration named %s", name);
	return NULL;
}

static void
expect_at(const struct dep *d, unsigned line, unsigned column)
{
	assert_string_equal(d->file, PATH);
	assert_int_equal(d->line, line);
	assert_int_equal(d->column, column);
	assert_int_equal(d->kind, DEP_MANIFEST);
	assert_int_equal(d->language, LANG_PYTHON);
}

static const char doc[] =
	"[metadata]\n"
	"name = demo\n"
	"\n"
	"[options]\n"
	"install_requires =\n"
	"    requests>=2.8  # http\n"
	"    # a comment line\n"
	"\n"
	"    Django[bcrypt] ~= 4.2 ; python_version >= \"3.8\"\n"
	"\tnumpy\n"
	"setup_requires = setuptools_scm; wheel\n"
	"tests-require: pytest==7.4\n"
	"python_requires = >=3.8\n"
	"\n"
	"[options.extras_require]\n"
	"docs = sphinx>=7; furo\n"
	"test =\n"
	"    coverage[toml]\n"
	"    bad spec ==\n"
	"marker = attrs; python_version<\"3.8\"\n"
	"\n"
	"[flake8]\n"
	"install_requires = notadep\n";

static void
test_setup_cfg_matches_the_base_name_only(void **state)
{
	(void)state;
	assert_true(setup_cfg_matches("setup.cfg"));
	assert_true(setup_cfg_matches("pkg/setup.cfg"));
	assert_false(setup_cfg_matches("setup.cfg.in"));
	assert_false(setup_cfg_matches("setup.py"));
}

static void
test_setup_cfg_reads_install_requires_lines(void **state)
{
	const struct dep *d;

	(void)state;
	DETECT(doc);
	d = find("requests", 0);
	expect_at(d, 6, 5);
	assert_string_equal(d->spec, ">=2.8");
	d = find("Django", 0);
	expect_at(d, 9, 5);
	assert_string_equal(d->normalized, "django");
	assert_string_equal(d->spec, "~=4.2");
	assert_string_equal(d->marker, "python_version >= \"3.8\"");
	assert_int_equal(d->n_extras, 1);
	assert_string_equal(d->extras[0], "bcrypt");
	assert_string_equal(d->raw, "Django[bcrypt] ~= 4.2 ; python_version >= \"3.8\"");
	expect_at(find("numpy", 0), 10, 2);
}

static void
test_setup_cfg_splits_one_line_values_on_semicolons(void **state)
{
	(void)state;
	DETECT(doc);
	expect_at(find("setuptools_scm", 0), 11, 18);
	expect_at(find("wheel", 0), 11, 34);
	expect_at(find("pytest", 0), 12, 16);
	assert_string_equal(find("pytest", 0)->spec, "==7.4");
	expect_at(find("sphinx", 0), 16, 8);
	expect_at(find("furo", 0), 16, 19);
	expect_at(find("coverage", 0), 18, 5);
	expect_at(find("attrs", 0), 20, 10);
	assert_string_equal(find("attrs", 0)->marker, "");
}

static void
test_setup_cfg_reports_bad_requirements_and_split_markers(void **state)
{
	(void)state;
	DETECT(doc);
	assert_int_equal(out.n_deps, 11);
	for (size_t i = 0; i < out.n_deps; i++)
		assert_string_not_equal(out.deps[i]->name, "notadep");
	assert_int_equal(diags.len, 2);
	assert_int_equal(diags.items[0].level, DIAG_ERROR);
	assert_int_equal(diags.items[0].line, 19);
	assert_int_equal(diags.items[0].column, 9);
	assert_int_equal(diags.items[1].level, DIAG_WARNING);
	assert_int_equal(diags.items[1].line, 20);
	assert_int_equal(diags.items[1].column, 17);
	/* setuptools, like packaging 21.3, reads the stray marker as a requirement */
	expect_at(find("python_version", 0), 20, 17);
	assert_string_equal(find("python_version", 0)->spec, "<\"3.8\"");
}

static void
test_setup_cfg_keeps_inline_hash_text_out_of_the_requirement(void **state)
{
	(void)state;
	DETECT("[options]\ninstall_requires = a>=1 # why; b#c\n");
	/* configparser keeps "# why"; setuptools' drop_comment() cuts at " #" */
	assert_int_equal(out.n_deps, 1);
	assert_string_equal(out.deps[0]->name, "a");
	assert_string_equal(out.deps[0]->spec, ">=1");
	assert_int_equal(diags.len, 1);         /* "b#c" is no requirement */
	assert_int_equal(diags.items[0].column, 33);
}

static void
test_setup_cfg_follows_file_directives(void **state)
{
	(void)state;
	DETECT("[options]\ninstall_requires = file: requirements.in, extra.txt\n"
	       "[options.extras_require]\ndev = file: dev.txt\n");
	assert_int_equal(out.n_deps, 0);
	assert_int_equal(out.n_includes, 3);
	assert_string_equal(out.includes[0].path, "requirements.in");
	assert_int_equal(out.includes[0].line, 2);
	assert_int_equal(out.includes[0].column, 26);
	assert_false(out.includes[0].constraint);
	assert_string_equal(out.includes[1].path, "extra.txt");
	assert_int_equal(out.includes[1].column, 43);
	assert_string_equal(out.includes[2].path, "dev.txt");
	assert_string_equal(out.includes[2].from, "proj/setup.cfg");
}

static void
test_setup_cfg_reads_percent_as_configparser_does(void **state)
{
	(void)state;
	DETECT("[options]\ninstall_requires =\n  pkg @ https://x.example/a%%20b.whl\n  odd%1\n");
	assert_int_equal(out.n_deps, 1);
	assert_string_equal(out.deps[0]->url, "https://x.example/a%20b.whl");
	assert_int_equal(out.deps[0]->line, 3);
	assert_int_equal(out.deps[0]->column, 3);
	assert_int_equal(diags.len, 2);         /* the lone '%', then the bad requirement */
	assert_int_equal(diags.items[0].line, 4);
	assert_int_equal(diags.items[0].column, 6);
}

static void
test_setup_cfg_reads_past_a_corrupted_line(void **state)
{
	(void)state;
	DETECT("no section = here\n[options]\ninstall_requires =\n  a\n"
	       "this line is garbage\n  b\nsetup_requires = c\r\n");
	assert_int_equal(diags.len, 2);
	assert_int_equal(diags.items[0].line, 1);
	assert_int_equal(diags.items[0].column, 1);
	assert_int_equal(diags.items[1].line, 5);
	assert_int_equal(diags.items[1].column, 1);
	/* configparser leaves install_requires open across the bad line: "b" continues it */
	assert_int_equal(out.n_deps, 3);
	expect_at(find("a", 0), 4, 3);
	expect_at(find("b", 0), 6, 3);
	expect_at(find("c", 0), 7, 18);
	assert_string_equal(find("c", 0)->raw, "c");
}

static void
test_setup_cfg_reads_a_truncated_file(void **state)
{
	const char *cut = strstr(doc, "bcrypt]");

	(void)state;
	detect_len(doc, (size_t)(cut - doc) + 3);
	assert_int_equal(out.n_deps, 1);
	expect_at(find("requests", 0), 6, 5);
	assert_int_equal(diags.len, 1);
	assert_int_equal(diags.items[0].line, 9);
	assert_int_equal(diags.items[0].column, 15);
}

/* Every prefix of the example is read to the end: no crash, no failure, diagnostics placed in it. */
static void
test_setup_cfg_reads_every_prefix_of_the_example(void **state)
{
	(void)state;
	for (size_t len = 0; len < sizeof(doc) - 1; len++) {
		struct source src = { PATH, { doc, len } };
		struct detect_ctx ctx = { 0 };
		assert_int_equal(detect_setup_cfg(&out, &src, &ctx), 0);
		for (size_t i = 0; i < diags.len; i++)
			assert_true(diags.items[i].line >= 1 && diags.items[i].line <= 48);
		for (size_t i = 0; i < out.n_deps; i++)
			assert_true(out.deps[i]->at.end <= len && out.deps[i]->at.name_end <= len);
		detect_out_release(&out);
		detect_out_init(&out, &arena, &diags);
		diags.len = 0;
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_setup_cfg_matches_the_base_name_only),
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_setup_cfg_reads_install_requires_lines),
		T(test_setup_cfg_splits_one_line_values_on_semicolons),
		T(test_setup_cfg_reports_bad_requirements_and_split_markers),
		T(test_setup_cfg_keeps_inline_hash_text_out_of_the_requirement),
		T(test_setup_cfg_follows_file_directives),
		T(test_setup_cfg_reads_percent_as_configparser_does),
		T(test_setup_cfg_reads_past_a_corrupted_line),
		T(test_setup_cfg_reads_a_truncated_file),
		T(test_setup_cfg_reads_every_prefix_of_the_example),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
