/*
 * core/rules: known-malicious and stdlib-shadow, and the three look-alike
 * rules together on the ten SK-CSIRT names of 2017.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "rules_fixture.h"

static const char *const lookalike_rules[] = { "known-malicious", "typosquat", "stdlib-shadow" };

static void
test_all_ten_2017_names_are_flagged_with_the_imitated_package(void **state)
{
	struct fixture *fx = *state;
	static const char *const pairs[][2] = {
		{ "acqusition", "acquisition" }, { "apidev-coop", "apidev-coop_cms" },
		{ "bzip", "bz2file" }, { "crypt", "crypto" },
		{ "django-server", "django-server-guardian-api" }, { "pwd", "pwdhash" },
		{ "setup-tools", "setuptools" }, { "telnet", "telnetsrvlib" },
		{ "urlib3", "urllib3" }, { "urllib", "urllib3" },
	};

	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		struct dep *d = fixture_dep(fx, pairs[i][0], "");
		bool imitated = false;
		assert_int_equal(fixture_run_one(fx, d), 0);
		for (size_t r = 0; r < 3; r++) {
			const struct finding *f = fixture_find(fx, lookalike_rules[r]);
			if (f && f->imitates && strcmp(f->imitates, pairs[i][1]) == 0)
				imitated = true;
		}
		if (!imitated)
			fail_msg("%s not flagged as imitating %s", pairs[i][0], pairs[i][1]);
		const struct finding *m = fixture_find(fx, "known-malicious");
		assert_non_null(m);
		assert_int_equal(m->severity, SEV_CRITICAL);
		assert_non_null(strstr(m->message, pairs[i][0]));
		assert_non_null(strstr(m->message, pairs[i][1]));
		assert_non_null(m->source);
		assert_ptr_equal(m->dep, d);
		assert_string_equal(m->file, "requirements.txt");
	}
}

static void
test_2017_names_also_caught_without_the_list(void **state)
{
	struct fixture *fx = *state;
	/* What the other rules say on their own: a fresh look-alike would be caught too. */
	static const char *const cases[][3] = {
		{ "urlib3", "typosquat", "urllib3" },
		{ "setup-tools", "typosquat", "setuptools" },
		{ "urllib", "typosquat", "urllib3" },
		{ "urllib", "stdlib-shadow", "urllib" },
		{ "crypt", "stdlib-shadow", "crypt" },
		{ "pwd", "stdlib-shadow", "pwd" },
		{ "telnet", "stdlib-shadow", "telnetlib" },
		{ "bzip", "stdlib-shadow", "bz2" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(fixture_run_one(fx, fixture_dep(fx, cases[i][0], "")), 0);
		const struct finding *f = fixture_find(fx, cases[i][1]);
		if (!f)
			fail_msg("%s: no %s finding", cases[i][0], cases[i][1]);
		assert_string_equal(f->imitates, cases[i][2]);
		assert_int_equal(f->severity, SEV_HIGH);
	}
	assert_int_equal(fixture_run_one(fx, fixture_dep(fx, "urlib3", "")), 0);
	const struct finding *t = fixture_find(fx, "typosquat");
	assert_string_equal(t->message, "urlib3 is one letter away from urllib3 (double letter made "
			    "single; download rank 3, while urlib3 is not among the 15,000 most "
			    "downloaded)");
	assert_string_equal(t->technique, "double letter made single");
	assert_int_equal(t->imitates_rank, 3);
}

static void
test_known_malicious_matches_normalized_spelling(void **state)
{
	struct fixture *fx = *state;

	assert_int_equal(fixture_run_one(fx, fixture_dep(fx, "Setup_Tools", "==1.0")), 0);
	const struct finding *f = fixture_find(fx, "known-malicious");
	assert_non_null(f);
	assert_string_equal(f->imitates, "setuptools");
	assert_int_equal(f->imitates_rank, 9);
	assert_non_null(strstr(f->message, "Setup_Tools"));      /* as written */

	assert_int_equal(fixture_run_one(fx, fixture_dep(fx, "jeIlyfish", "")), 0);
	f = fixture_find(fx, "known-malicious");
	assert_non_null(f);
	assert_string_equal(f->imitates, "jellyfish");

	/* a takeover imitates nothing; the message says what happened instead */
	assert_int_equal(fixture_run_one(fx, fixture_dep(fx, "ctx", "")), 0);
	f = fixture_find(fx, "known-malicious");
	assert_non_null(f);
	assert_null(f->imitates);
	assert_non_null(strstr(f->message, "ctx"));
}

static void
test_known_malicious_ignores_real_packages_and_other_ecosystems(void **state)
{
	struct fixture *fx = *state;
	static const char *const fine[] = {
		"requests", "urllib3", "setuptools", "crypto", "pwdhash", "bz2file", "colorama",
	};

	for (size_t i = 0; i < sizeof(fine) / sizeof(fine[0]); i++) {
		assert_int_equal(fixture_run_one(fx, fixture_dep(fx, fine[i], "")), 0);
		assert_null(fixture_find(fx, "known-malicious"));
	}
	struct dep *cran = fixture_dep(fx, "urllib", "");
	cran->ecosystem = ECO_CRAN;
	assert_int_equal(fixture_run_one(fx, cran), 0);
	assert_null(fixture_find(fx, "known-malicious"));
	assert_null(fixture_find(fx, "stdlib-shadow"));
	assert_null(fixture_find(fx, "typosquat"));
}

static void
test_stdlib_shadow_names_the_module(void **state)
{
	struct fixture *fx = *state;
	static const char *const cases[][2] = {
		{ "os", "os" }, { "json", "json" }, { "sqlite3", "sqlite3" },
		{ "urllib2", "urllib" }, { "ConfigParser", "configparser" },
		{ "cPickle", "pickle" }, { "StringIO", "io" }, { "telnet", "telnetlib" },
		{ "_thread", "_thread" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(fixture_run_one(fx, fixture_dep(fx, cases[i][0], "")), 0);
		const struct finding *f = fixture_find(fx, "stdlib-shadow");
		if (!f)
			fail_msg("%s not flagged", cases[i][0]);
		assert_string_equal(f->imitates, cases[i][1]);
		assert_non_null(strstr(f->message, cases[i][0]));
	}
}

static void
test_stdlib_shadow_is_quiet_on_popular_backports(void **state)
{
	struct fixture *fx = *state;
	static const char *const backports[] = {
		"dataclasses", "typing", "asyncio", "pathlib", "argparse", "ipaddress",
		"statistics", "contextvars",
	};

	for (size_t i = 0; i < sizeof(backports) / sizeof(backports[0]); i++) {
		assert_int_equal(fixture_run_one(fx, fixture_dep(fx, backports[i], "")), 0);
		const struct finding *f = fixture_find(fx, "stdlib-shadow");
		if (!f)
			fail_msg("%s not noted", backports[i]);
		assert_int_equal(f->severity, SEV_INFO);
		assert_true(f->imitates_rank > 0);
		assert_non_null(strstr(f->message, "backport"));
		assert_null(fixture_find(fx, "typosquat"));
	}
}

/* The rule's own fix: a backport behind a marker no Python with the module meets. */
static void
test_stdlib_shadow_passes_backports_kept_to_older_pythons(void **state)
{
	struct fixture *fx = *state;
	static const struct {
		const char *name, *marker;
		bool flagged;
	} cases[] = {
		{ "dataclasses", "python_version < \"3.7\"", false },
		{ "dataclasses", "python_full_version < '3.7.0'", false },
		{ "dataclasses", "python_version < \"3.7\" and sys_platform == \"win32\"", false },
		{ "typing", "python_version == \"2.7\"", false },
		{ "typing", "python_version < '3.5' or platform_python_implementation == 'PyPy' and python_version < '3.5'", false },
		{ "configparser", "python_version < \"3\"", false },
		{ "contextvars", "python_version >= \"3.6\" and python_version < \"3.7\"", false },
		/* installed on a Python that has the module */
		{ "dataclasses", "python_version < \"3.8\"", true },
		{ "dataclasses", "sys_platform == \"win32\"", true },
		{ "dataclasses", "python_version < \"3.7\" or os_name == \"nt\"", true },
		{ "dataclasses", "platform_python_implementation == 'PyPy'", true },
		{ "typing", "python_version >= \"3.12\"", true },
		{ "dataclasses", "", true },
		/* pip evaluates the whole marker: with an extra, still only old Pythons */
		{ "dataclasses", "python_version < \"3.7\" and extra == \"dev\"", false },
		{ "dataclasses", "(python_version<'3.7' or extra=='x') and python_version<'3.6'", false },
		/* a platform or interpreter deputy does not try still counts */
		{ "dataclasses", "sys_platform == \"cygwin\"", true },
		{ "dataclasses", "sys_platform == 'freebsd13' and python_version < '3.7'", false },
		{ "dataclasses", "platform_machine == \"ppc64le\"", true },
		{ "dataclasses", "implementation_name == \"graalpy\"", true },
		{ "dataclasses", "python_version < \"3.7\" or sys_platform == \"cygwin\"", true },
		{ "dataclasses", "extra == \"dev\"", true },
		/* a Python that no X.Y.0 release is */
		{ "dataclasses", "python_full_version == \"3.7.5\"", true },
		{ "dataclasses", "python_full_version > \"3.9.2\" and python_version < \"3.10\"", true },
		{ "dataclasses", "python_version >= \"4\"", true },
		/* not a marker: cannot be told */
		{ "dataclasses", "python_version <", true },
		{ "dataclasses", "python_version < \"3.7\" and (", true },
		{ "dataclasses", "python_version < \"3.7\" garbage", true },
		/* every Python since 2.7 has argparse */
		{ "argparse", "python_version < \"3\"", true },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct dep *dep = fixture_dep(fx, cases[i].name, "");
		dep->marker = cases[i].marker;
		assert_int_equal(fixture_run_one(fx, dep), 0);
		const struct finding *f = fixture_find(fx, "stdlib-shadow");
		if ((f != NULL) != cases[i].flagged)
			fail_msg("%s; %s: %s", cases[i].name, cases[i].marker,
				 f ? "flagged" : "not flagged");
	}

	/* A name no backport has is flagged whatever its marker says. */
	struct dep *dep = fixture_dep(fx, "urllib2", "");
	dep->marker = "python_version < \"3\"";
	assert_int_equal(fixture_run_one(fx, dep), 0);
	assert_non_null(fixture_find(fx, "stdlib-shadow"));
}

static void
test_stdlib_shadow_leaves_imports_and_real_packages_alone(void **state)
{
	struct fixture *fx = *state;
	struct dep *import = fixture_dep(fx, "os", "");

	import->kind = DEP_LIBRARY_CALL;
	assert_int_equal(fixture_run_one(fx, import), 0);
	assert_null(fixture_find(fx, "stdlib-shadow"));

	static const char *const fine[] = { "requests", "urllib3", "pwdhash", "telnetlib3",
		"bz2file", "cryptography", "six" };
	for (size_t i = 0; i < sizeof(fine) / sizeof(fine[0]); i++) {
		assert_int_equal(fixture_run_one(fx, fixture_dep(fx, fine[i], "")), 0);
		assert_null(fixture_find(fx, "stdlib-shadow"));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_ten_2017_names_are_flagged_with_the_imitated_package),
		cmocka_unit_test(test_2017_names_also_caught_without_the_list),
		cmocka_unit_test(test_known_malicious_matches_normalized_spelling),
		cmocka_unit_test(test_known_malicious_ignores_real_packages_and_other_ecosystems),
		cmocka_unit_test(test_stdlib_shadow_names_the_module),
		cmocka_unit_test(test_stdlib_shadow_is_quiet_on_popular_backports),
		cmocka_unit_test(test_stdlib_shadow_passes_backports_kept_to_older_pythons),
		cmocka_unit_test(test_stdlib_shadow_leaves_imports_and_real_packages_alone),
	};
	return cmocka_run_group_tests(tests, fixture_setup, fixture_teardown);
}
