/* Tests for core/detect/packrat_lock.c: the packages and repositories of a packrat.lock. */
#include "detect_harness.h"

#define DETECT_LEN(text, len) \
	harness_detect(detect_packrat_lock, "app/packrat/packrat.lock", (text), (len))
#define DETECT(lit) DETECT_LEN((lit), sizeof(lit) - 1)

#define EXPECT_DEP(i, eco, name, spec, line, column) \
	harness_expect_r_dep((i), (eco), DEP_LOCK, (name), (spec), "app/packrat/packrat.lock", (line), \
			     (column))

static const char lock[] =
	"PackratFormat: 1.4\n"
	"PackratVersion: 0.5.0\n"
	"RVersion: 3.6.1\n"
	"Repos: CRAN=https://cran.rstudio.com/,\n"
	"    drat=http://drat.example.org/\n"
	"\n"
	"Package: BH\n"
	"Source: CRAN\n"
	"Version: 1.69.0-1\n"
	"Hash: 0f0e1bd4e7bc4ac1a7c8a1a8e8c8a1a8\n"
	"\n"
	"Package: devtools\n"
	"Source: github\n"
	"Version: 2.0.0\n"
	"GithubRepo: devtools\n"
	"GithubUsername: r-lib\n"
	"GithubRef: master\n"
	"GithubSHA1: 0123456789abcdef0123456789abcdef01234567\n"
	"GithubSubdir: pkg\n"
	"\n"
	"Package: Biobase\n"
	"Source: Bioconductor\n"
	"Version: 2.58.0\n"
	"\n"
	"Package: bbpkg\n"
	"Source: bitbucket\n"
	"Version: 0.1\n"
	"RemoteUsername: someone\n"
	"RemoteRepo: bb\n"
	"\n"
	"Package: mine\n"
	"Source: source\n"
	"Version: 0.0.1\n";

static void
test_packrat_lock_matches_only_inside_packrat_folder(void **state)
{
	(void)state;
	assert_true(packrat_lock_matches("packrat/packrat.lock"));
	assert_true(packrat_lock_matches("app/packrat/packrat.lock"));
	assert_false(packrat_lock_matches("packrat.lock"));
	assert_false(packrat_lock_matches("app/mypackrat/packrat.lock"));
	assert_false(packrat_lock_matches("packrat/packrat.lock.bak"));
}

static void
test_packrat_lock_reads_each_record(void **state)
{
	(void)state;
	DETECT_LEN(lock, sizeof(lock) - 1);
	assert_int_equal(diags.len, 0);
	assert_int_equal(out.n_deps, 5);
	EXPECT_DEP(0, ECO_CRAN, "BH", "==1.69.0-1", 7, 10);
	assert_null(out.deps[0]->vcs_ref);
	assert_null(out.deps[0]->url);
	assert_memory_equal(out.deps[0]->raw, "Package: BH\nSource: CRAN", 24);

	EXPECT_DEP(1, ECO_GITHUB, "r-lib/devtools", "master", 12, 10);
	const struct dep *gh = out.deps[1];
	assert_string_equal(gh->vcs_ref, "0123456789abcdef0123456789abcdef01234567");
	assert_string_equal(gh->package, "devtools");
	assert_string_equal(gh->subdir, "pkg");
	assert_string_equal(gh->url, "https://github.com/r-lib/devtools");

	EXPECT_DEP(2, ECO_BIOC, "Biobase", "==2.58.0", 21, 10);
	EXPECT_DEP(3, ECO_BITBUCKET, "someone/bb", "", 25, 10);
	assert_null(out.deps[3]->vcs_ref);
	assert_string_equal(out.deps[3]->url, "https://bitbucket.org/someone/bb");
	EXPECT_DEP(4, ECO_LOCAL, "mine", "", 31, 10);
}

static void
test_packrat_lock_reads_repos_beyond_cran(void **state)
{
	(void)state;
	DETECT_LEN(lock, sizeof(lock) - 1);
	assert_int_equal(out.n_options, 1);
	assert_int_equal(out.options[0]->kind, OPT_R_REPOS);
	assert_string_equal(out.options[0]->value, "http://drat.example.org/");
	assert_int_equal(out.options[0]->line, 5);
	assert_int_equal(out.options[0]->column, 10);
}

static void
test_packrat_lock_survives_corrupted_and_truncated_input(void **state)
{
	(void)state;
	DETECT("Package: a\nSource github\nVersion: 1\n\nPackage: b\nSource: github\n");
	assert_int_equal(out.n_deps, 2);
	EXPECT_DEP(0, ECO_CRAN, "a", "==1", 1, 10);
	EXPECT_DEP(1, ECO_GITHUB, "b", "", 5, 10);
	assert_int_equal(diags.len, 2);
	assert_int_equal(diags.items[0].line, 2);
	assert_string_equal(diags.items[0].message, "expected ':' after a field name");
	assert_int_equal(diags.items[1].line, 5);
	assert_int_equal(diags.items[1].level, DIAG_WARNING);
	DETECT("Package: c\0d\nVers");
	assert_int_equal(out.n_deps, 3);
	assert_string_equal(out.deps[2]->name, "c");    /* as R reads it */
	assert_int_equal(diags.len, 4);    /* the nul byte, the line without ':' */
	assert_int_equal(diags.items[3].line, 2);
}

static void
test_packrat_lock_keeps_each_record_requires(void **state)
{
	(void)state;
	DETECT("PackratFormat: 1.4\n"
	       "Repos: CRAN=https://cran.rstudio.com/\n"
	       "\n"
	       "Package: dplyr\n"
	       "Source: CRAN\n"
	       "Version: 1.0.0\n"
	       "Requires: BH, R6, Rcpp, glue, magrittr, pkgconfig, plogr, rlang,\n"
	       "    tibble, tidyselect\n"
	       "\n"
	       "Package: BH\n"
	       "Source: CRAN\n"
	       "Version: 1.69.0-1\n"
	       "\n"
	       "Package: odd\n"
	       "Source: github\n"
	       "GithubUsername: u\n"
	       "GithubRepo: r\n"
	       "requires: methods (>= 3.0) ,, data.table,\t, \n"
	       "\n"
	       "Package: blank\n"
	       "Source: CRAN\n"
	       "Version: 1\n"
	       "Requires:\n");
	assert_int_equal(diags.len, 0);
	assert_int_equal(out.n_deps, 4);
	harness_expect_requires(0, (const char *const[]){
		"BH", "R6", "Rcpp", "glue", "magrittr", "pkgconfig",
		"plogr", "rlang", "tibble", "tidyselect", NULL });
	harness_expect_requires(1, (const char *const[]){ NULL });
	assert_string_equal(out.deps[2]->name, "u/r");
	harness_expect_requires(2, (const char *const[]){ "methods", "data.table", NULL });
	harness_expect_requires(3, (const char *const[]){ NULL });
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_packrat_lock_matches_only_inside_packrat_folder),
		HARNESS_TEST(test_packrat_lock_reads_each_record),
		HARNESS_TEST(test_packrat_lock_reads_repos_beyond_cran),
		HARNESS_TEST(test_packrat_lock_survives_corrupted_and_truncated_input),
		HARNESS_TEST(test_packrat_lock_keeps_each_record_requires),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
