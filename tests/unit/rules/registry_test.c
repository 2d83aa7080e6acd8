/*
 * core/rules: not-in-registry (the name has no PyPI project) and abandoned
 * (the last release is over five years old), both from the bundled list of
 * every PyPI project.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "rules_fixture.h"

static void
test_not_in_registry_flags_unknown_names(void **state)
{
	struct fixture *fx = *state;
	const struct finding *f;

	assert_int_equal(fixture_run_one(fx, fixture_dep(fx, "acme-internal-billing", "==1.0")), 0);
	f = fixture_find(fx, "not-in-registry");
	assert_non_null(f);
	assert_int_equal(f->severity, SEV_MEDIUM);
	assert_non_null(strstr(f->message, "acme-internal-billing"));
}

static void
test_not_in_registry_is_high_beside_an_extra_index(void **state)
{
	struct fixture *fx = *state;
	struct dep *d = fixture_dep(fx, "acme-internal-billing", "==1.0");
	const struct finding *f;

	d->extra_index = true;
	assert_int_equal(fixture_run_one(fx, d), 0);
	f = fixture_find(fx, "not-in-registry");
	assert_non_null(f);
	assert_int_equal(f->severity, SEV_HIGH);
	assert_non_null(strstr(f->message, "dependency confusion"));
}

static void
test_not_in_registry_leaves_existing_and_private_names(void **state)
{
	struct fixture *fx = *state;
	struct dep *d;
	static const char *const existing[] = {
		"requests", "Flask", "zope.interface", "backports_zoneinfo", "0",
		"nose",                     /* old, but it exists */
	};

	for (size_t i = 0; i < sizeof(existing) / sizeof(existing[0]); i++) {
		assert_int_equal(fixture_run_one(fx, fixture_dep(fx, existing[i], "")), 0);
		if (fixture_find(fx, "not-in-registry"))
			fail_msg("%s flagged", existing[i]);
	}
	/* from a private index alone: PyPI is never asked */
	d = fixture_dep(fx, "acme-internal-billing", "");
	d->index_url = "https://pypi.acme.example/simple";
	assert_int_equal(fixture_run_one(fx, d), 0);
	assert_null(fixture_find(fx, "not-in-registry"));
	/* ... but an --index-url that is PyPI is */
	d->index_url = "https://pypi.org/simple";
	assert_int_equal(fixture_run_one(fx, d), 0);
	assert_non_null(fixture_find(fx, "not-in-registry"));
	/* other rules speak for removed malicious names and module names */
	assert_int_equal(fixture_run_one(fx, fixture_dep(fx, "urlib3", "")), 0);
	assert_null(fixture_find(fx, "not-in-registry"));
	assert_int_equal(fixture_run_one(fx, fixture_dep(fx, "urllib2", "")), 0);
	assert_null(fixture_find(fx, "not-in-registry"));
	/* an import is a module name, not a project name */
	d = fixture_dep(fx, "acme_internal_billing", "");
	d->kind = DEP_LIBRARY_CALL;
	assert_int_equal(fixture_run_one(fx, d), 0);
	assert_null(fixture_find(fx, "not-in-registry"));
}

static void
test_abandoned_flags_old_projects_only(void **state)
{
	struct fixture *fx = *state;
	const struct finding *f;

	assert_int_equal(fixture_run_one(fx, fixture_dep(fx, "ordereddict", "==1.1")), 0);
	f = fixture_find(fx, "abandoned");
	assert_non_null(f);
	assert_int_equal(f->severity, SEV_LOW);
	assert_non_null(strstr(f->message, "2010-10"));
	assert_int_equal(fixture_run_one(fx, fixture_dep(fx, "PyCrypto", "")), 0);
	assert_non_null(fixture_find(fx, "abandoned"));
	/* recent releases, unknown months and unknown names are not */
	assert_int_equal(fixture_run_one(fx, fixture_dep(fx, "requests", "")), 0);
	assert_null(fixture_find(fx, "abandoned"));
	assert_int_equal(fixture_run_one(fx, fixture_dep(fx, "six", "")), 0);
	assert_null(fixture_find(fx, "abandoned"));
	assert_int_equal(fixture_run_one(fx, fixture_dep(fx, "certifi", "")), 0);
	assert_null(fixture_find(fx, "abandoned"));             /* month unknown */
	assert_int_equal(fixture_run_one(fx, fixture_dep(fx, "acme-internal-billing", "")), 0);
	assert_null(fixture_find(fx, "abandoned"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_not_in_registry_flags_unknown_names),
		cmocka_unit_test(test_not_in_registry_is_high_beside_an_extra_index),
		cmocka_unit_test(test_not_in_registry_leaves_existing_and_private_names),
		cmocka_unit_test(test_abandoned_flags_old_projects_only),
	};

	return cmocka_run_group_tests(tests, fixture_setup, fixture_teardown);
}
