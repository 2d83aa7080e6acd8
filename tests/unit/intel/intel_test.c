/* core/intel: the bundled data loads, and each lookup answers from it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "intel/intel.h"

static int
setup(void **state)
{
	struct intel *intel;

	if (intel_open(&intel) != 0)
		return -1;
	*state = intel;
	return 0;
}

static int
teardown(void **state)
{
	intel_free(*state);
	return 0;
}

static void
test_intel_ranks_popular_names(void **state)
{
	const struct intel *intel = *state;

	assert_int_equal(intel_pypi_rank(intel, "boto3"), 1);
	assert_int_equal(intel_pypi_rank(intel, "urllib3"), 3);
	assert_int_equal(intel_pypi_rank(intel, "setuptools"), 9);
	assert_int_equal(intel_pypi_rank(intel, "python-dateutil"), 13);
	assert_true(intel_pypi_rank(intel, "requests") > 0);
	assert_int_equal(intel_pypi_rank(intel, "urlib3"), 0);
	assert_int_equal(intel_pypi_rank(intel, ""), 0);
	assert_int_equal(intel_pypi_rank(intel, "zzzzzzzzzz-not-a-package"), 0);
}

static void
test_intel_popular_names_are_sorted_and_normalized(void **state)
{
	const struct intel *intel = *state;
	size_t n = intel_pypi_count(intel);
	const char *prev = NULL;

	assert_true(n > 14000 && n <= 15000);
	for (size_t i = 0; i < n; i++) {
		int rank = 0;
		const char *name = intel_pypi_name(intel, i, &rank);
		assert_non_null(name);
		assert_true(rank >= 1 && rank <= 15000);
		assert_int_equal(intel_pypi_rank(intel, name), rank);
		for (const char *s = name; *s; s++)
			assert_true((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-');
		if (prev)
			assert_true(strcmp(prev, name) < 0);
		prev = name;
	}
	assert_null(intel_pypi_name(intel, n, NULL));
}

static void
test_intel_knows_stdlib_modules_and_aliases(void **state)
{
	const struct intel *intel = *state;

	assert_string_equal(intel_stdlib_module(intel, "urllib"), "urllib");
	assert_string_equal(intel_stdlib_module(intel, "crypt"), "crypt");
	assert_string_equal(intel_stdlib_module(intel, "pwd"), "pwd");
	assert_string_equal(intel_stdlib_module(intel, "os"), "os");
	assert_string_equal(intel_stdlib_module(intel, "telnet"), "telnetlib");
	assert_string_equal(intel_stdlib_module(intel, "bzip"), "bz2");
	assert_string_equal(intel_stdlib_module(intel, "urllib2"), "urllib");
	assert_string_equal(intel_stdlib_module(intel, "cpickle"), "pickle");
	/* "_thread" normalises to "-thread" under PEP 503 */
	assert_string_equal(intel_stdlib_module(intel, "-thread"), "_thread");
	assert_null(intel_stdlib_module(intel, "requests"));
	assert_null(intel_stdlib_module(intel, "urllib3"));
}

static void
test_intel_knows_when_python3_brought_a_module(void **state)
{
	const struct intel *intel = *state;

	assert_int_equal(intel_stdlib_since(intel, "dataclasses"), 7);
	assert_int_equal(intel_stdlib_since(intel, "typing"), 5);
	assert_int_equal(intel_stdlib_since(intel, "tomllib"), 11);
	assert_int_equal(intel_stdlib_since(intel, "configparser"), 0);
	assert_int_equal(intel_stdlib_since(intel, "-thread"), 0);
	/* Python 2.7 had them: no Python lacks them */
	assert_int_equal(intel_stdlib_since(intel, "argparse"), -1);
	assert_int_equal(intel_stdlib_since(intel, "os"), -1);
	/* an alias is not the module */
	assert_int_equal(intel_stdlib_since(intel, "concurrent-futures"), -1);
	assert_int_equal(intel_stdlib_since(intel, "requests"), -1);
}

static void
test_intel_lists_the_2017_packages_as_malicious(void **state)
{
	const struct intel *intel = *state;
	static const char *const pairs[][2] = {
		{ "acqusition", "acquisition" }, { "apidev-coop", "apidev-coop_cms" },
		{ "bzip", "bz2file" }, { "crypt", "crypto" },
		{ "django-server", "django-server-guardian-api" }, { "pwd", "pwdhash" },
		{ "setup-tools", "setuptools" }, { "telnet", "telnetsrvlib" },
		{ "urlib3", "urllib3" }, { "urllib", "urllib3" },
	};

	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		const struct malicious *m = intel_find_malicious(intel, ECO_PYPI, pairs[i][0]);
		assert_non_null(m);
		assert_string_equal(m->name, pairs[i][0]);
		assert_string_equal(m->imitates, pairs[i][1]);
		assert_non_null(m->source);
		assert_true(strncmp(m->source, "https://", 8) == 0);
		assert_true(strncmp(m->id, "DEPUTY-2017-", 12) == 0);
	}
	/* published as "jeIlyfish"; found by its normal form */
	const struct malicious *j = intel_find_malicious(intel, ECO_PYPI, "jeilyfish");
	assert_non_null(j);
	assert_string_equal(j->imitates, "jellyfish");
	const struct malicious *ctx = intel_find_malicious(intel, ECO_PYPI, "ctx");
	assert_non_null(ctx);
	assert_null(ctx->imitates);
	assert_null(intel_find_malicious(intel, ECO_PYPI, "urllib3"));
	assert_null(intel_find_malicious(intel, ECO_CRAN, "urllib"));
	assert_true(intel_malicious_count(intel) >= 15);
	for (size_t i = 0; i < intel_malicious_count(intel); i++)
		assert_non_null(intel_malicious_at(intel, i)->summary);
	assert_null(intel_malicious_at(intel, intel_malicious_count(intel)));
}

struct collect {
	const char *want;
	int seen;
	int count;
};

static int
collect(const char *name, int rank, void *payload)
{
	struct collect *c = payload;

	(void)rank;
	c->count++;
	if (strcmp(name, c->want) == 0)
		c->seen++;
	return 0;
}

static int
stop_at_first(const char *name, int rank, void *payload)
{
	(void)name;
	(void)rank;
	(*(int *)payload)++;
	return 7;
}

static void
test_intel_near_finds_each_kind_of_edit(void **state)
{
	const struct intel *intel = *state;
	static const char *const pairs[][2] = {
		{ "urlib3", "urllib3" },                 /* deletion */
		{ "python3-dateutil", "python-dateutil" },  /* insertion */
		{ "jeilyfish", "jellyfish" },            /* substitution */
		{ "reqeusts", "requests" },              /* adjacent swap */
		{ "setup-tools", "setuptools" },         /* separators */
		{ "requests", "requests" },              /* itself */
	};

	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		struct collect c = { pairs[i][1], 0, 0 };
		assert_int_equal(intel_pypi_near(intel, pairs[i][0], collect, &c), 0);
		assert_true(c.seen > 0);
	}
	struct collect none = { "requests", 0, 0 };
	intel_pypi_near(intel, "qqqqqqqqqqqqqqqqqqqq", collect, &none);
	assert_int_equal(none.count, 0);
	int calls = 0;
	assert_int_equal(intel_pypi_near(intel, "urlib3", stop_at_first, &calls), 7);
	assert_int_equal(calls, 1);
}

static void
test_intel_near_survives_odd_queries(void **state)
{
	const struct intel *intel = *state;
	char long_name[2000];
	struct collect c = { "x", 0, 0 };

	memset(long_name, 'a', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	assert_int_equal(intel_pypi_near(intel, long_name, collect, &c), 0);
	assert_int_equal(intel_pypi_near(intel, "", collect, &c), 0);
	assert_int_equal(intel_pypi_near(intel, "-", collect, &c), 0);
	assert_int_equal(intel_pypi_near(intel, "a", collect, &c), 0);
}

static void
test_intel_snapshot_date_is_a_date(void **state)
{
	const char *d = intel_snapshot_date();

	(void)state;
	assert_int_equal(strlen(d), 10);
	assert_true(d[4] == '-' && d[7] == '-');
	assert_true(strncmp(d, "20", 2) == 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_intel_ranks_popular_names),
		cmocka_unit_test(test_intel_popular_names_are_sorted_and_normalized),
		cmocka_unit_test(test_intel_knows_stdlib_modules_and_aliases),
		cmocka_unit_test(test_intel_knows_when_python3_brought_a_module),
		cmocka_unit_test(test_intel_lists_the_2017_packages_as_malicious),
		cmocka_unit_test(test_intel_near_finds_each_kind_of_edit),
		cmocka_unit_test(test_intel_near_survives_odd_queries),
		cmocka_unit_test(test_intel_snapshot_date_is_a_date),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
