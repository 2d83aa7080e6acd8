/* core/demo: the teaching repository holds what the lesson promises. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "deputy/demo.h"
#include "deputy/scan.h"

static const char *const lookalikes[][2] = {
	{ "urllib", "urllib3" }, { "urlib3", "urllib3" }, { "setup-tools", "setuptools" },
	{ "bzip", "bz2file" }, { "crypt", "crypto" }, { "pwd", "pwdhash" },
	{ "telnet", "telnetsrvlib" }, { "acqusition", "acquisition" },
	{ "apidev-coop", "apidev-coop_cms" }, { "django-server", "django-server-guardian-api" },
};

static const struct finding *
find_rule(const struct scan *scan, const char *name, const char *rule)
{
	for (size_t i = 0; i < scan_finding_count(scan); i++) {
		const struct finding *f = scan_finding(scan, i);
		if (f->dep && strcmp(f->dep->normalized, name) == 0 && strcmp(f->rule->id, rule) == 0)
			return f;
	}
	return NULL;
}

static void
test_demo_flags_all_ten_2017_lookalikes_with_their_targets(void **state)
{
	char *dir;
	struct scan *scan;
	char err[256];
	struct stat st;
	(void)state;

	assert_int_equal(demo_create(&dir), 0);
	assert_int_equal(scan_run(&scan, dir, NULL, err, sizeof(err)), 0);
	assert_true(scan_is_git(scan));
	for (size_t i = 0; i < sizeof(lookalikes) / sizeof(lookalikes[0]); i++) {
		const struct finding *f = find_rule(scan, lookalikes[i][0], "known-malicious");
		assert_non_null(f);
		assert_string_equal(f->imitates, lookalikes[i][1]);
	}
	/* Clean entries stay clean. */
	assert_null(find_rule(scan, "numpy", "typosquat"));
	assert_null(find_rule(scan, "flask", "unpinned"));

	/* The R analysis: GitHub installs and remote code, side by side. */
	const struct finding *r = find_rule(scan, "tidyverse/ggplot2", "github-unpinned");
	assert_non_null(r);
	assert_int_equal(r->dep->language, LANG_R);
	assert_string_equal(r->file, "analysis/install.R");
	assert_null(find_rule(scan, "r-lib/cli", "github-unpinned"));   /* pinned to a commit */
	r = find_rule(scan, "http://weather-tools.example.org/plots.R", "remote-source");
	assert_non_null(r);
	assert_int_equal(r->severity, SEV_CRITICAL);
	r = find_rule(scan, "https://raw.githubusercontent.com/forecastr/helpers/main/smooth.R",
		      "remote-source");
	assert_non_null(r);
	assert_int_equal(r->severity, SEV_HIGH);
	assert_non_null(find_rule(scan, "forecastr/tsplots", "github-unpinned"));

	/* Blame names the author who brought urlib3 in. */
	const struct finding *f = find_rule(scan, "urlib3", "known-malicious");
	struct blame blame;
	assert_int_equal(scan_blame(scan, f->file, f->line, &blame), 0);
	assert_string_equal(blame.author, "Bob Keller");
	assert_int_equal(strlen(blame.commit), 40);
	blame_release(&blame);

	scan_free(scan);
	assert_int_equal(demo_remove(dir), 0);
	assert_int_not_equal(stat(dir, &st), 0);
	free(dir);
}

static void
test_demo_remove_refuses_other_folders(void **state)
{
	(void)state;
	assert_int_not_equal(demo_remove("/tmp"), 0);
	assert_int_not_equal(demo_remove(NULL), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_demo_flags_all_ten_2017_lookalikes_with_their_targets),
		cmocka_unit_test(test_demo_remove_refuses_other_folders),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
