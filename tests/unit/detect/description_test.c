/* Tests for core/detect/description.c: what an R package's DESCRIPTION declares. */
#include "detect_harness.h"

#define DETECT(lit) harness_detect(detect_description, "pkg/DESCRIPTION", (lit), sizeof(lit) - 1)

static void
expect_dep(size_t i, enum ecosystem eco, const char *name, const char *spec, unsigned line,
	   unsigned column)
{
	harness_expect_r_dep(i, eco, DEP_MANIFEST, name, spec, "pkg/DESCRIPTION", line, column);
	assert_string_equal(out.deps[i]->marker, "");
}

static void
test_description_matches_only_the_exact_name(void **state)
{
	(void)state;
	assert_true(description_matches("DESCRIPTION"));
	assert_true(description_matches("pkgs/foo/DESCRIPTION"));
	assert_false(description_matches("description"));
	assert_false(description_matches("DESCRIPTION.in"));
	assert_false(description_matches("x/MY-DESCRIPTION"));
}

static void
test_description_reads_dependency_fields_with_constraints(void **state)
{
	(void)state;
	DETECT("Package: foo\n"
	       "Version: 1.0\n"
	       "Depends: R (>= 3.5.0), methods\n"
	       "Imports:\n"
	       "    dplyr (>= 1.0.0),\n"
	       "    rlang (>=\n"
	       "      1.1.0), tibble,\n"
	       "LinkingTo: Rcpp\n"
	       "Suggests: testthat (>= 3.0.0), knitr\n"
	       "Enhances: data.table (== 1.14.8)\n"
	       "imports: ignored\n");
	assert_int_equal(out.n_deps, 8);
	expect_dep(0, ECO_CRAN, "methods", "", 3, 24);
	expect_dep(1, ECO_CRAN, "dplyr", ">=1.0.0", 5, 5);
	expect_dep(2, ECO_CRAN, "rlang", ">=1.1.0", 6, 5);
	expect_dep(3, ECO_CRAN, "tibble", "", 7, 15);
	expect_dep(4, ECO_CRAN, "Rcpp", "", 8, 12);
	expect_dep(5, ECO_CRAN, "testthat", ">=3.0.0", 9, 11);
	expect_dep(6, ECO_CRAN, "knitr", "", 9, 32);
	expect_dep(7, ECO_CRAN, "data.table", "==1.14.8", 10, 11);
	assert_int_equal(diags.len, 0);

	const struct dep *rlang = out.deps[2];
	assert_string_equal(rlang->raw, "rlang (>=\n1.1.0)");
	assert_null(rlang->url);
	assert_null(rlang->vcs_ref);
	assert_null(rlang->package);
	/* at = the whole Imports field, name = "rlang" in the source */
	assert_int_equal(rlang->at.start, strlen("Package: foo\nVersion: 1.0\n"
						 "Depends: R (>= 3.5.0), methods\n"));
	assert_int_equal(rlang->at.name_end - rlang->at.name_start, 5);
}

static void
test_description_reads_every_remote_form(void **state)
{
	(void)state;
	DETECT("Package: foo\n"
	       "Remotes: r-lib/cli@v3.6.0,\n"
	       "  github::tidyverse/dplyr#123, mypkg=owner/repo/sub@*release,\n"
	       "  gitlab::grp/proj, bitbucket::u/r@abc,\n"
	       "  git::https://host.org/x.git@dev, url::https://h.org/p_1.0.tar.gz,\n"
	       "  local::../p, bioc::Biobase, cran::glue@1.6.2,\n");
	assert_int_equal(out.n_deps, 10);
	expect_dep(0, ECO_GITHUB, "r-lib/cli", "v3.6.0", 2, 10);
	const struct dep *d = out.deps[0];
	assert_string_equal(d->vcs_ref, "v3.6.0");
	assert_string_equal(d->url, "https://github.com/r-lib/cli");
	assert_null(d->package);
	assert_null(d->subdir);
	assert_string_equal(d->raw, "r-lib/cli@v3.6.0");

	expect_dep(1, ECO_GITHUB, "tidyverse/dplyr", "#123", 3, 3);
	assert_string_equal(out.deps[1]->vcs_ref, "#123");
	expect_dep(2, ECO_GITHUB, "owner/repo", "*release", 3, 32);
	assert_string_equal(out.deps[2]->package, "mypkg");
	assert_string_equal(out.deps[2]->subdir, "sub");
	expect_dep(3, ECO_GITLAB, "grp/proj", "", 4, 3);
	assert_null(out.deps[3]->vcs_ref);
	assert_string_equal(out.deps[3]->url, "https://gitlab.com/grp/proj");
	expect_dep(4, ECO_BITBUCKET, "u/r", "abc", 4, 21);
	assert_string_equal(out.deps[4]->url, "https://bitbucket.org/u/r");
	expect_dep(5, ECO_VCS, "https://host.org/x.git", "dev", 5, 3);
	assert_string_equal(out.deps[5]->url, "https://host.org/x.git");
	assert_string_equal(out.deps[5]->vcs_ref, "dev");
	expect_dep(6, ECO_URL, "https://h.org/p_1.0.tar.gz", "", 5, 36);
	expect_dep(7, ECO_LOCAL, "../p", "", 6, 3);
	assert_string_equal(out.deps[7]->url, "../p");
	expect_dep(8, ECO_BIOC, "Biobase", "", 6, 16);
	assert_null(out.deps[8]->url);
	expect_dep(9, ECO_CRAN, "glue", "==1.6.2", 6, 31);
	assert_int_equal(diags.len, 0);
}

static void
test_description_reports_bad_remote_and_keeps_the_rest(void **state)
{
	(void)state;
	DETECT("Remotes: owner/repo@, good/one\n");
	assert_int_equal(out.n_deps, 1);
	expect_dep(0, ECO_GITHUB, "good/one", "", 1, 23);
	assert_int_equal(diags.len, 1);
	assert_int_equal(diags.items[0].level, DIAG_ERROR);
	assert_int_equal(diags.items[0].line, 1);
	assert_int_equal(diags.items[0].column, 10);
	assert_string_equal(diags.items[0].message, "expected a ref after '@'");
}

static void
test_description_reads_additional_repositories(void **state)
{
	(void)state;
	DETECT("Package: foo\nAdditional_repositories: https://a.r-universe.dev,\n"
	       "    http://drat.example.org/\n");
	assert_int_equal(out.n_deps, 0);
	assert_int_equal(out.n_options, 2);
	const struct index_option *o = out.options[1];
	assert_int_equal(o->kind, OPT_R_REPOS);
	assert_string_equal(o->value, "http://drat.example.org/");
	assert_string_equal(o->file, "pkg/DESCRIPTION");
	assert_int_equal(o->line, 3);
	assert_int_equal(o->column, 5);
	assert_string_equal(out.options[0]->value, "https://a.r-universe.dev");
	assert_int_equal(out.options[0]->line, 2);
	assert_int_equal(out.options[0]->column, 26);
}

static void
test_description_reports_field_missing_its_colon(void **state)
{
	(void)state;
	DETECT("Package: foo\nImports dplyr\n  more\nSuggests: knitr\n");
	assert_int_equal(out.n_deps, 1);
	expect_dep(0, ECO_CRAN, "knitr", "", 4, 11);
	assert_int_equal(diags.len, 1);
	assert_string_equal(diags.items[0].path, "pkg/DESCRIPTION");
	assert_int_equal(diags.items[0].line, 2);
	assert_int_equal(diags.items[0].column, 1);
	assert_string_equal(diags.items[0].message, "expected ':' after a field name");
}

static void
test_description_reports_bad_constraints_and_missing_commas(void **state)
{
	(void)state;
	DETECT("Imports: a (>= 1.0, b\nSuggests: c d, e (1.0)\n");
	/* the unclosed '(' swallows the rest of its entry */
	assert_int_equal(out.n_deps, 4);
	expect_dep(0, ECO_CRAN, "a", "", 1, 10);
	expect_dep(1, ECO_CRAN, "b", "", 1, 21);
	expect_dep(2, ECO_CRAN, "c", "", 2, 11);
	expect_dep(3, ECO_CRAN, "e", "1.0", 2, 16);
	assert_int_equal(diags.len, 3);
	assert_string_equal(diags.items[0].message, "expected ')' after the version constraint");
	assert_int_equal(diags.items[0].column, 12);
	assert_string_equal(diags.items[1].message, "expected ',' between packages");
	assert_int_equal(diags.items[1].line, 2);
	assert_int_equal(diags.items[1].column, 13);
	assert_int_equal(diags.items[2].level, DIAG_WARNING);
}

static void
test_description_survives_truncated_input_and_nul_bytes(void **state)
{
	(void)state;
	DETECT("Package: foo\nImports: dp\0lyr, tidyr (>= 1");
	assert_int_equal(out.n_deps, 2);
	assert_int_equal(out.deps[0]->at.name_end - out.deps[0]->at.name_start, 6);
	expect_dep(1, ECO_CRAN, "tidyr", "", 2, 18);
	assert_int_equal(diags.len, 2);
	assert_string_equal(diags.items[0].message,
			    "nul byte in the line; r reads the line only up to it");
	assert_int_equal(diags.items[0].column, 12);
	assert_string_equal(diags.items[1].message, "expected ')' after the version constraint");
	DETECT("Imp");
	assert_int_equal(out.n_deps, 2);
	assert_int_equal(diags.len, 3);
	assert_int_equal(diags.items[2].line, 1);
}

static void
test_description_warns_about_repeated_fields_and_records(void **state)
{
	(void)state;
	DETECT("Imports: a\nImports: b\n\nImports: c\n");
	assert_int_equal(out.n_deps, 3);
	assert_int_equal(diags.len, 2);
	assert_string_equal(diags.items[0].message,
			    "field 'Imports' appears again; r keeps only the last one");
	assert_int_equal(diags.items[0].line, 2);
	assert_string_equal(diags.items[1].message,
			    "a description file holds one record; r rejects a file with more");
	assert_int_equal(diags.items[1].line, 4);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_description_matches_only_the_exact_name),
		HARNESS_TEST(test_description_reads_dependency_fields_with_constraints),
		HARNESS_TEST(test_description_reads_every_remote_form),
		HARNESS_TEST(test_description_reports_bad_remote_and_keeps_the_rest),
		HARNESS_TEST(test_description_reads_additional_repositories),
		HARNESS_TEST(test_description_reports_field_missing_its_colon),
		HARNESS_TEST(test_description_reports_bad_constraints_and_missing_commas),
		HARNESS_TEST(test_description_survives_truncated_input_and_nul_bytes),
		HARNESS_TEST(test_description_warns_about_repeated_fields_and_records),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
