/* Tests for core/lex/rremote.c: every form of an R remote specification. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "deputy/diag.h"
#include "lex/rremote.h"

static struct arena arena;
static struct rremote r;

static int
setup(void **state)
{
	(void)state;
	arena_init(&arena);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	arena_release(&arena);
	return 0;
}

static void
parse_ok(const char *spec)
{
	const char *why = "unset";
	int rc = rremote_parse(&r, &arena, sv_from_cstr(spec), &why);

	if (rc != 0)
		fail_msg("%s: %s", spec, why ? why : "(null)");
	assert_null(why);
}

static void
parse_bad(const char *spec, const char *expected_why)
{
	const char *why = NULL;

	assert_int_equal(rremote_parse(&r, &arena, sv_from_cstr(spec), &why), ERR_SYNTAX);
	assert_non_null(why);
	assert_string_equal(why, expected_why);
}

/* Checks the fields; NULL means the field must be NULL. */
static void
expect(enum ecosystem eco, const char *name, const char *ref, const char *package,
       const char *subdir, const char *host)
{
	assert_int_equal(r.ecosystem, eco);
	assert_string_equal(r.name, name);
	assert_string_equal(r.ref, ref);
	if (package)
		assert_string_equal(r.package, package);
	else
		assert_null(r.package);
	if (subdir)
		assert_string_equal(r.subdir, subdir);
	else
		assert_null(r.subdir);
	if (host)
		assert_string_equal(r.host, host);
	else
		assert_null(r.host);
}

static void
test_rremote_reads_github_short_forms(void **state)
{
	(void)state;
	parse_ok("r-lib/cli");
	expect(ECO_GITHUB, "r-lib/cli", "", NULL, NULL, NULL);
	parse_ok("r-lib/cli@v3.6.0");
	expect(ECO_GITHUB, "r-lib/cli", "v3.6.0", NULL, NULL, NULL);
	parse_ok("r-lib/cli@feature/x@y");
	expect(ECO_GITHUB, "r-lib/cli", "feature/x@y", NULL, NULL, NULL);
	parse_ok("r-lib/cli#123");
	expect(ECO_GITHUB, "r-lib/cli", "#123", NULL, NULL, NULL);
	parse_ok("r-lib/cli@*release");
	expect(ECO_GITHUB, "r-lib/cli", "*release", NULL, NULL, NULL);
	parse_ok("  owner/repo/sub/dir@abc123 \t\n");
	expect(ECO_GITHUB, "owner/repo", "abc123", NULL, "sub/dir", NULL);
	parse_ok("owner/repo/");
	expect(ECO_GITHUB, "owner/repo", "", NULL, NULL, NULL);
}

static void
test_rremote_reads_package_prefix_before_or_after_type(void **state)
{
	(void)state;
	parse_ok("mypkg=owner/repo@dev");
	expect(ECO_GITHUB, "owner/repo", "dev", "mypkg", NULL, NULL);
	parse_ok("my.pkg2=github::owner/repo");
	expect(ECO_GITHUB, "owner/repo", "", "my.pkg2", NULL, NULL);
	parse_ok("github::pkg=owner/repo");
	expect(ECO_GITHUB, "owner/repo", "", "pkg", NULL, NULL);
	parse_ok("GitHub::owner/repo");
	expect(ECO_GITHUB, "owner/repo", "", NULL, NULL, NULL);
}

static void
test_rremote_reads_github_urls(void **state)
{
	(void)state;
	parse_ok("https://github.com/hadley/devtools");
	expect(ECO_GITHUB, "hadley/devtools", "", NULL, NULL, "github.com");
	parse_ok("https://github.com/hadley/testthat/pull/108");
	expect(ECO_GITHUB, "hadley/testthat", "#108", NULL, NULL, "github.com");
	parse_ok("github::https://github.com/a/b/tree/dev/");
	expect(ECO_GITHUB, "a/b", "dev", NULL, NULL, "github.com");
	parse_ok("https://github.com/a/b/releases/tag/v1.0");
	expect(ECO_GITHUB, "a/b", "v1.0", NULL, NULL, "github.com");
	parse_ok("git@github.com:a/b.git");
	expect(ECO_GITHUB, "a/b", "", NULL, NULL, "github.com");
	parse_bad("https://github.com/a/b/blob/x.R",
		  "expected /tree/<ref>, /pull/<number> or /releases/tag/<tag> after the repository");
}

static void
test_rremote_reads_gitlab_subgroups_and_bitbucket(void **state)
{
	(void)state;
	parse_ok("gitlab::group/sub/project@v1");
	expect(ECO_GITLAB, "group/sub/project", "v1", NULL, NULL, NULL);
	parse_ok("gitlab::group/project/-/pkg/r#7");
	expect(ECO_GITLAB, "group/project", "#7", NULL, "pkg/r", NULL);
	parse_ok("gitlab::https://gitlab.example.org/team/proj");
	expect(ECO_GITLAB, "team/proj", "", NULL, NULL, "gitlab.example.org");
	parse_ok("bitbucket::dannavarro/lsr-package@master");
	expect(ECO_BITBUCKET, "dannavarro/lsr-package", "master", NULL, NULL, NULL);
}

static void
test_rremote_reads_git_urls_with_refs(void **state)
{
	(void)state;
	parse_ok("git::https://example.com/x/y.git");
	expect(ECO_VCS, "https://example.com/x/y.git", "", NULL, NULL, "example.com");
	parse_ok("git::https://me@example.com/x/y.git@v2");
	expect(ECO_VCS, "https://me@example.com/x/y.git", "v2", NULL, NULL, "example.com");
	parse_ok("git::git@host.org:x.git");
	expect(ECO_VCS, "git@host.org:x.git", "", NULL, NULL, "host.org");
	parse_ok("pkg=git::git@host.org:team/x.git@main");
	expect(ECO_VCS, "git@host.org:team/x.git", "main", "pkg", NULL, "host.org");
	parse_bad("git::nothing", "expected a git url after 'git::'");
	parse_bad("git::https://h/x.git@", "expected a ref after '@'");
}

static void
test_rremote_reads_url_local_and_svn(void **state)
{
	(void)state;
	parse_ok("url::https://cran.r-project.org/src/contrib/Archive/x/x_1.0.tar.gz");
	expect(ECO_URL, "https://cran.r-project.org/src/contrib/Archive/x/x_1.0.tar.gz", "", NULL,
	       NULL, "cran.r-project.org");
	parse_ok("local::../mypkg");
	expect(ECO_LOCAL, "../mypkg", "", NULL, NULL, NULL);
	parse_ok("deps::.");
	expect(ECO_LOCAL, ".", "", NULL, NULL, NULL);
	parse_ok("svn::https://svn.r-project.org/R-packages/trunk/foreign");
	expect(ECO_VCS, "https://svn.r-project.org/R-packages/trunk/foreign", "", NULL, NULL,
	       "svn.r-project.org");
	parse_bad("url::pkg.tar.gz", "expected a url after the remote type");
	parse_bad("local::", "expected something after the remote type");
}

static void
test_rremote_reads_cran_and_bioc_packages(void **state)
{
	(void)state;
	parse_ok("cran::dplyr");
	expect(ECO_CRAN, "dplyr", "", NULL, NULL, NULL);
	parse_ok("dplyr@1.2.3");
	expect(ECO_CRAN, "dplyr", "1.2.3", NULL, NULL, NULL);
	parse_ok("data.table");
	expect(ECO_CRAN, "data.table", "", NULL, NULL, NULL);
	parse_ok("any::cli");
	expect(ECO_CRAN, "cli", "", NULL, NULL, NULL);
	parse_ok("bioc::SummarizedExperiment");
	expect(ECO_BIOC, "SummarizedExperiment", "", NULL, NULL, NULL);
	parse_ok("bioc::release/Biobase");
	expect(ECO_BIOC, "Biobase", "release", NULL, NULL, NULL);
	parse_ok("bioc::3.3/SummarizedExperiment#117513");
	expect(ECO_BIOC, "SummarizedExperiment", "#117513", NULL, NULL, NULL);
	parse_bad("cran::1abc", "expected an r package name");
	parse_bad("x", "expected an r package name");
	parse_bad("dplyr@", "expected a version after '@'");
}

static void
test_rremote_rejects_bad_specs_with_reasons(void **state)
{
	(void)state;
	parse_bad("", "empty remote specification");
	parse_bad("   ", "empty remote specification");
	parse_bad("owner/", "expected owner/repo");
	parse_bad("/repo", "expected owner/repo");
	parse_bad("a//b", "expected owner/repo without empty parts");
	parse_bad("owner/repo@", "expected a ref after '@'");
	parse_bad("owner/repo#abc", "expected a pull request number after '#'");
	parse_bad("owner/repo@*latest", "expected '@*release' after '@*'");
	parse_bad("own er/repo", "unexpected white space in a remote specification");
	parse_bad("owner/re\x01po", "unexpected control character in a remote specification");
	parse_bad("foo::owner/repo", "unknown remote type");
	parse_bad("::owner/repo", "expected a remote type before '::'");
	parse_bad("my-pkg=owner/repo", "expected a valid package name before '='");
	parse_bad("gitlab::a/b/-/", "expected a folder after '/-/'");
}

static void
test_rremote_fills_a_declaration(void **state)
{
	struct dep d;

	(void)state;
	memset(&d, 0, sizeof(d));
	parse_ok("pkg=gitlab::grp/sub/proj/-/r@v1");
	assert_int_equal(rremote_fill_dep(&d, &arena, &r), 0);
	assert_int_equal(d.language, LANG_R);
	assert_int_equal(d.ecosystem, ECO_GITLAB);
	assert_string_equal(d.name, "grp/sub/proj");
	assert_string_equal(d.normalized, "grp/sub/proj");
	assert_string_equal(d.spec, "v1");
	assert_string_equal(d.vcs_ref, "v1");
	assert_string_equal(d.package, "pkg");
	assert_string_equal(d.subdir, "r");
	assert_string_equal(d.url, "https://gitlab.com/grp/sub/proj");

	parse_ok("https://ghe.corp.example/team/tool");
	assert_int_equal(rremote_fill_dep(&d, &arena, &r), 0);
	assert_string_equal(d.url, "https://ghe.corp.example/team/tool");
	assert_string_equal(d.spec, "");
	assert_null(d.vcs_ref);

	parse_ok("dplyr@1.1.0");
	assert_int_equal(rremote_fill_dep(&d, &arena, &r), 0);
	assert_string_equal(d.spec, "==1.1.0");
	assert_null(d.vcs_ref);
	assert_null(d.url);
	parse_ok("local::./pkg");
	assert_int_equal(rremote_fill_dep(&d, &arena, &r), 0);
	assert_string_equal(d.url, "./pkg");
}

static void
test_rremote_knows_cran_own_https_addresses(void **state)
{
	(void)state;
	assert_true(rremote_is_main_cran("https://cloud.r-project.org"));
	assert_true(rremote_is_main_cran("https://cran.rstudio.com/"));
	assert_true(rremote_is_main_cran("@CRAN@"));
	assert_false(rremote_is_main_cran("http://cran.r-project.org"));
	assert_false(rremote_is_main_cran("https://cran.r-project.org.evil.io"));
	assert_false(rremote_is_main_cran("https://packagemanager.posit.co/cran/latest"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_rremote_reads_github_short_forms, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_rremote_reads_package_prefix_before_or_after_type,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_rremote_reads_github_urls, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rremote_reads_gitlab_subgroups_and_bitbucket,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_rremote_reads_git_urls_with_refs, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_rremote_reads_url_local_and_svn, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_rremote_reads_cran_and_bioc_packages, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_rremote_rejects_bad_specs_with_reasons, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_rremote_fills_a_declaration, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rremote_knows_cran_own_https_addresses, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
