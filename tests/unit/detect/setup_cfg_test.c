/* Tests for core/detect/setup_cfg.c: requirements in setup.cfg, read as setuptools reads them. */
#define PATH "proj/setup.cfg"
#define DETECT_FN detect_setup_cfg
#include "detect_harness.h"
#include "detect/setup_cfg.h"

#define DETECT_LEN(text, len) harness_detect(DETECT_FN, PATH, (text), (len))
#define DETECT(lit) DETECT_LEN((lit), sizeof(lit) - 1)

#define EXPECT_AT(d, line, column) \
	harness_expect_manifest_in((d), PATH, (line), (column), LANG_PYTHON)

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
	d = harness_find_nth("requests", 0);
	EXPECT_AT(d, 6, 5);
	assert_string_equal(d->spec, ">=2.8");
	d = harness_find_nth("Django", 0);
	EXPECT_AT(d, 9, 5);
	assert_string_equal(d->normalized, "django");
	assert_string_equal(d->spec, "~=4.2");
	assert_string_equal(d->marker, "python_version >= \"3.8\"");
	assert_int_equal(d->n_extras, 1);
	assert_string_equal(d->extras[0], "bcrypt");
	assert_string_equal(d->raw, "Django[bcrypt] ~= 4.2 ; python_version >= \"3.8\"");
	EXPECT_AT(harness_find_nth("numpy", 0), 10, 2);
}

static void
test_setup_cfg_splits_one_line_values_on_semicolons(void **state)
{
	(void)state;
	DETECT(doc);
	EXPECT_AT(harness_find_nth("setuptools_scm", 0), 11, 18);
	EXPECT_AT(harness_find_nth("wheel", 0), 11, 34);
	EXPECT_AT(harness_find_nth("pytest", 0), 12, 16);
	assert_string_equal(harness_find_nth("pytest", 0)->spec, "==7.4");
	EXPECT_AT(harness_find_nth("sphinx", 0), 16, 8);
	EXPECT_AT(harness_find_nth("furo", 0), 16, 19);
	EXPECT_AT(harness_find_nth("coverage", 0), 18, 5);
	EXPECT_AT(harness_find_nth("attrs", 0), 20, 10);
	assert_string_equal(harness_find_nth("attrs", 0)->marker, "");
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
	EXPECT_AT(harness_find_nth("python_version", 0), 20, 17);
	assert_string_equal(harness_find_nth("python_version", 0)->spec, "<\"3.8\"");
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
test_setup_cfg_reads_double_percent_as_one(void **state)
{
	(void)state;
	DETECT("[options]\ninstall_requires =\n  pkg @ https://x.example/a%%20b.whl\n");
	assert_int_equal(out.n_deps, 1);
	assert_string_equal(out.deps[0]->url, "https://x.example/a%20b.whl");
	assert_int_equal(out.deps[0]->line, 3);
	assert_int_equal(out.deps[0]->column, 3);
	assert_int_equal(diags.len, 0);
}

static void
test_setup_cfg_reads_no_value_configparser_cannot_interpolate(void **state)
{
	(void)state;
	/* get() raises for the whole value: setuptools reads none of it */
	DETECT("[options]\ninstall_requires =\n  pkg @ https://x.example/a%%20b.whl\n  odd%1\n");
	assert_int_equal(out.n_deps, 0);
	assert_int_equal(diags.len, 1);
	assert_int_equal(diags.items[0].line, 4);
	assert_int_equal(diags.items[0].column, 6);
	harness_reset();
	/* nor a file with a bad '%' in a section setuptools does not read */
	DETECT("[flake8]\nformat = %(path)s\n[options]\ninstall_requires = a\n");
	assert_int_equal(diags.len, 1);
	assert_int_equal(diags.items[0].level, DIAG_ERROR);
	assert_int_equal(diags.items[0].line, 2);
}

static void
test_setup_cfg_places_interpolated_requirements_where_written(void **state)
{
	const struct dep *d;

	(void)state;
	DETECT("[DEFAULT]\nbase = six>=1\n[options]\ninstall_requires = %(base)s; attrs\n"
	       "[options.extras_require]\ndev = pytest\n");
	assert_int_equal(diags.len, 0);
	/* install_requires, then the extras dev and base ([DEFAULT] is in every section) */
	assert_int_equal(out.n_deps, 4);
	d = harness_find_nth("six", 0);
	EXPECT_AT(d, 2, 8);
	assert_string_equal(d->spec, ">=1");
	assert_string_equal(d->raw, "six>=1");
	EXPECT_AT(harness_find_nth("attrs", 0), 4, 30);
	EXPECT_AT(harness_find_nth("pytest", 0), 6, 7);
	EXPECT_AT(harness_find_nth("six", 1), 2, 8);
	harness_reset();
	/* "Foo" from e, then "[x]" from d, written above it: the name is Foo's bytes */
	DETECT("[options]\nd = [x]\ninstall_requires = %(e)s%(d)s\ne = Foo\n");
	d = harness_find_nth("Foo", 0);
	EXPECT_AT(d, 4, 5);
	assert_int_equal(d->at.name_end - d->at.name_start, 3);
	assert_string_equal(d->raw, "Foo");
	assert_string_equal(d->extras[0], "x");
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
	EXPECT_AT(harness_find_nth("a", 0), 4, 3);
	EXPECT_AT(harness_find_nth("b", 0), 6, 3);
	EXPECT_AT(harness_find_nth("c", 0), 7, 18);
	assert_string_equal(harness_find_nth("c", 0)->raw, "c");
}

static void
test_setup_cfg_reads_a_truncated_file(void **state)
{
	const char *cut = strstr(doc, "bcrypt]");

	(void)state;
	DETECT_LEN(doc, (size_t)(cut - doc) + 3);
	assert_int_equal(out.n_deps, 1);
	EXPECT_AT(harness_find_nth("requests", 0), 6, 5);
	assert_int_equal(diags.len, 1);
	assert_int_equal(diags.items[0].line, 9);
	assert_int_equal(diags.items[0].column, 15);
}

static void
test_setup_cfg_reads_the_last_of_dashed_and_underscored_names(void **state)
{
	(void)state;
	DETECT("[options]\ninstall-requires = a\ninstall_requires = b\n");
	assert_int_equal(out.n_deps, 1);
	assert_string_equal(out.deps[0]->name, "b");
	harness_reset();
	/* options() lists the section's own keys before [DEFAULT]'s: the default wins */
	DETECT("[DEFAULT]\ninstall_requires = x\n[options]\ninstall-requires = b\n");
	assert_int_equal(out.n_deps, 1);
	assert_string_equal(out.deps[0]->name, "x");
	harness_reset();
	/* [options.options] is [options] to setuptools; the later section wins */
	DETECT("[options]\ninstall_requires = a\n[options.options]\ninstall_requires = b\n");
	assert_int_equal(out.n_deps, 1);
	assert_string_equal(out.deps[0]->name, "b");
}

static void
test_setup_cfg_reads_file_directives_only_in_requirement_lists(void **state)
{
	(void)state;
	DETECT("[options]\nsetup_requires = file: a.txt\ninstall_requires =\n  file: b.txt\n");
	assert_int_equal(out.n_includes, 0);
	assert_int_equal(diags.len, 2);
	assert_true(harness_has_diag("setuptools reads 'file:' only in install_requires"));
	assert_int_equal(diags.items[0].line, 4);       /* "file: b.txt" as a requirement */
	harness_reset();
	DETECT("[options]\ninstall_requires = file: a.txt, , b.txt,\n  c.txt\n");
	assert_int_equal(out.n_includes, 3);
	assert_string_equal(out.includes[0].path, "a.txt");
	assert_int_equal(out.includes[0].column, 26);
	assert_string_equal(out.includes[1].path, "b.txt");
	assert_int_equal(out.includes[1].column, 35);
	assert_string_equal(out.includes[2].path, "c.txt");
	assert_int_equal(out.includes[2].line, 3);
	assert_int_equal(out.includes[2].column, 3);
}

static void
test_setup_cfg_joins_continuations_as_setuptools_does(void **state)
{
	(void)state;
	/* join_continuation() drops the "\" and the character before it */
	DETECT("[options]\ninstall_requires =\n  ab\\\n  >=1\n  c \\\n  # x\n  d\n  e\\\n");
	assert_int_equal(out.n_deps, 2);
	assert_string_equal(out.deps[0]->name, "a");
	assert_string_equal(out.deps[0]->spec, ">=1");
	EXPECT_AT(out.deps[0], 3, 3);
	assert_string_equal(out.deps[0]->raw, "ab\\\n  >=1");
	assert_string_equal(out.deps[1]->name, "cd");
	assert_int_equal(diags.len, 1);                  /* "e\" continues into nothing */
	assert_int_equal(diags.items[0].level, DIAG_WARNING);
	assert_int_equal(diags.items[0].line, 8);
}

static void
test_setup_cfg_splits_items_at_every_line_boundary(void **state)
{
	(void)state;
	/* _reqs.parse() splits "a\fb" with str.splitlines() */
	DETECT("[options]\ninstall_requires = a\fb\n");
	assert_int_equal(out.n_deps, 2);
	EXPECT_AT(harness_find_nth("b", 0), 2, 22);
	harness_reset();
	/* a "#" item is dropped whole from install_requires, line by line elsewhere */
	DETECT("[options]\ninstall_requires = #c\f b\nsetup_requires = #c\f d\n");
	assert_int_equal(out.n_deps, 1);
	assert_string_equal(out.deps[0]->name, "d");
	harness_reset();
	DETECT("[options]\ninstall_requires = a\xc2\xa0" "b\n");   /* U+00A0 splits nothing */
	assert_int_equal(out.n_deps, 0);
	assert_int_equal(diags.len, 1);
}

static void
test_setup_cfg_refuses_sections_setuptools_has_no_handler_for(void **state)
{
	(void)state;
	DETECT("[options.bogus]\n[metadata.x]\n[optionsfoo]\n[options.extras_require ]\n"
	       "[options.packages.find]\n[options.packages__find]\n[Options]\n[metadata]\n");
	assert_int_equal(diags.len, 4);
	for (size_t i = 0; i < diags.len; i++) {
		assert_int_equal(diags.items[i].line, i + 1);
		assert_int_equal(diags.items[i].column, 2);
	}
}

struct seen {
	char names[256];
};

static int
record_list(const char *option, struct sv extra, void *payload)
{
	struct seen *s = payload;

	strcat(s->names, option);
	if (extra.ptr) {
		strcat(s->names, ":");
		strncat(s->names, extra.ptr, extra.len);
	}
	strcat(s->names, " ");
	return 0;
}

static void
test_setup_cfg_names_the_extras_as_setuptools_does(void **state)
{
	struct seen s = { "" };
	static const char text[] = "[options..extras_require.]\ndash-name = a\ndash_name = b\n"
				   "__name__ = c\n[options]\ntests-require = d\n";

	(void)state;
	src = (struct source){ PATH, SV_LIT(text) };
	assert_int_equal(setup_cfg_read(&out, &src, record_list, &s), 0);
	/* outside [options.extras_require] itself, dashes read as underscores */
	assert_string_equal(s.names, "tests_require extras_require:dash_name ");
	assert_int_equal(out.n_deps, 2);
	assert_string_equal(out.deps[0]->name, "d");
	assert_string_equal(out.deps[1]->name, "b");
}

/* Every prefix of the example is read to the end: no crash, no failure, diagnostics placed in it. */
static void
test_setup_cfg_reads_every_prefix_of_the_example(void **state)
{
	(void)state;
	harness_every_prefix(detect_setup_cfg, PATH, doc, sizeof(doc) - 1, 48);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_setup_cfg_matches_the_base_name_only),
		HARNESS_TEST(test_setup_cfg_reads_install_requires_lines),
		HARNESS_TEST(test_setup_cfg_splits_one_line_values_on_semicolons),
		HARNESS_TEST(test_setup_cfg_reports_bad_requirements_and_split_markers),
		HARNESS_TEST(test_setup_cfg_keeps_inline_hash_text_out_of_the_requirement),
		HARNESS_TEST(test_setup_cfg_follows_file_directives),
		HARNESS_TEST(test_setup_cfg_reads_double_percent_as_one),
		HARNESS_TEST(test_setup_cfg_reads_no_value_configparser_cannot_interpolate),
		HARNESS_TEST(test_setup_cfg_places_interpolated_requirements_where_written),
		HARNESS_TEST(test_setup_cfg_reads_the_last_of_dashed_and_underscored_names),
		HARNESS_TEST(test_setup_cfg_reads_file_directives_only_in_requirement_lists),
		HARNESS_TEST(test_setup_cfg_joins_continuations_as_setuptools_does),
		HARNESS_TEST(test_setup_cfg_splits_items_at_every_line_boundary),
		HARNESS_TEST(test_setup_cfg_refuses_sections_setuptools_has_no_handler_for),
		HARNESS_TEST(test_setup_cfg_names_the_extras_as_setuptools_does),
		HARNESS_TEST(test_setup_cfg_reads_past_a_corrupted_line),
		HARNESS_TEST(test_setup_cfg_reads_a_truncated_file),
		HARNESS_TEST(test_setup_cfg_reads_every_prefix_of_the_example),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
