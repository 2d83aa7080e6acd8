/*
 * core/intel: the table of every existing PyPI project (pypi_names.c), read
 * through the intel and, for damaged tables, directly.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "deputy/diag.h"
#include "intel/intel.h"
#include "intel/pypi_names.h"

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
test_names_knows_existing_projects(void **state)
{
	const struct intel *intel = *state;

	assert_true(intel_pypi_exists(intel, "requests"));
	assert_true(intel_pypi_exists(intel, "urllib3"));
	assert_true(intel_pypi_exists(intel, "0"));              /* the first name */
	assert_false(intel_pypi_exists(intel, ""));
	assert_false(intel_pypi_exists(intel, "requests-zz-not-a-project"));
	assert_false(intel_pypi_exists(intel, "Requests"));      /* lookups take PEP 503 names */
	assert_false(intel_pypi_exists(intel, "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"));
	assert_false(intel_pypi_exists(intel, "!"));             /* sorts before every name */
	/* the 2017 look-alikes were removed from PyPI */
	assert_false(intel_pypi_exists(intel, "urlib3"));
	assert_int_equal(intel_pypi_last_release(intel, "0"), 2017 * 12 + 7);
	assert_int_equal(intel_pypi_last_release(intel, "requests-zz-not-a-project"), 0);
	assert_true(intel_pypi_last_release(intel, "requests") >= 2024 * 12);
}

static void
test_names_are_many_sorted_and_normalized(void **state)
{
	const struct intel *intel = *state;
	size_t n = intel_pypi_known_count(intel);
	char prev[PYPI_NAME_MAX] = "", name[PYPI_NAME_MAX];

	assert_true(n > 800000);
	for (size_t i = 0; i < n; i += 97) {
		assert_non_null(intel_pypi_known_name(intel, i, name, sizeof(name)));
		assert_true(strcmp(prev, name) < 0);
		for (const char *c = name; *c; c++)
			assert_true((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-');
		assert_true(intel_pypi_exists(intel, name));
		strcpy(prev, name);
	}
	assert_non_null(intel_pypi_known_name(intel, n - 1, name, sizeof(name)));
	assert_true(intel_pypi_exists(intel, name));
	assert_null(intel_pypi_known_name(intel, n, name, sizeof(name)));
	assert_null(intel_pypi_known_name(intel, 0, name, 1));   /* does not fit */
}

static void
test_names_contain_every_popular_name(void **state)
{
	const struct intel *intel = *state;
	size_t missing = 0;

	for (size_t i = 0; i < intel_pypi_count(intel); i++) {
		int rank;
		missing += !intel_pypi_exists(intel, intel_pypi_name(intel, i, &rank));
	}
	assert_int_equal(missing, 0);
}

/* A table of two blocks of two: "a", "ab" | "b", "bc"; months 1..4. */
static const unsigned char tiny[] = {
	'D', 'P', 'Y', 'N', 'A', 'M', 'E', '1',
	4, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0,
	32, 0, 0, 0, 42, 0, 0, 0,
	0, 1, 'a', 1, 0,   1, 1, 'b', 2, 0,            /* "a", "ab" */
	0, 1, 'b', 3, 0,   1, 1, 'c', 4, 0,            /* "b", "bc" */
};

static void
test_names_reads_a_small_table(void **state)
{
	struct pypi_names names;
	char buf[PYPI_NAME_MAX];
	int month = 0;

	(void)state;
	assert_int_equal(pypi_names_open(&names, tiny, sizeof(tiny)), 0);
	assert_true(pypi_names_find(&names, "ab", &month));
	assert_int_equal(month, 2);
	assert_true(pypi_names_find(&names, "bc", &month));
	assert_int_equal(month, 4);
	assert_true(pypi_names_find(&names, "a", NULL));
	assert_false(pypi_names_find(&names, "abc", NULL));
	assert_false(pypi_names_find(&names, "c", NULL));
	assert_false(pypi_names_find(&names, "", NULL));
	assert_string_equal(pypi_names_at(&names, 3, buf, &month), "bc");
	assert_null(pypi_names_at(&names, 4, buf, &month));
}

static void
test_names_rejects_or_survives_damage(void **state)
{
	unsigned char bad[sizeof(tiny)];
	struct pypi_names names;
	char buf[PYPI_NAME_MAX];

	(void)state;
	assert_int_equal(pypi_names_open(&names, tiny, 10), ERR_SYNTAX);
	memcpy(bad, tiny, sizeof(bad));
	bad[0] = 'X';
	assert_int_equal(pypi_names_open(&names, bad, sizeof(bad)), ERR_SYNTAX);
	memcpy(bad, tiny, sizeof(bad));
	bad[8] = 200;                                  /* more names than blocks hold */
	assert_int_equal(pypi_names_open(&names, bad, sizeof(bad)), ERR_SYNTAX);
	memcpy(bad, tiny, sizeof(bad));
	bad[28] = 200;                                 /* a block past the end */
	assert_int_equal(pypi_names_open(&names, bad, sizeof(bad)), ERR_SYNTAX);
	/* entries that claim more bytes than there are: lookups fail cleanly */
	memcpy(bad, tiny, sizeof(bad));
	bad[43] = 250;
	assert_int_equal(pypi_names_open(&names, bad, sizeof(bad)), 0);
	assert_false(pypi_names_find(&names, "bc", NULL));
	assert_null(pypi_names_at(&names, 3, buf, NULL));
	memcpy(bad, tiny, sizeof(bad));
	bad[47] = 9;                                   /* shares more than the name has */
	assert_int_equal(pypi_names_open(&names, bad, sizeof(bad)), 0);
	assert_false(pypi_names_find(&names, "bc", NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_knows_existing_projects),
		cmocka_unit_test(test_names_are_many_sorted_and_normalized),
		cmocka_unit_test(test_names_contain_every_popular_name),
		cmocka_unit_test(test_names_reads_a_small_table),
		cmocka_unit_test(test_names_rejects_or_survives_damage),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
