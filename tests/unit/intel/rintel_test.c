/*
 * core/intel: the R lists (CRAN names, base and recommended packages, GitHub
 * owners, CRAN mirrors) load, answer case-insensitively, and accept
 * known-malicious entries added through the API.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

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
test_cran_list_is_lower_case_sorted_and_case_insensitive(void **state)
{
	const struct intel *intel = *state;
	size_t n = intel_cran_count(intel);

	assert_true(n > 1000);
	for (size_t i = 0; i < n; i++) {
		const char *name = intel_cran_name(intel, i);
		for (const char *s = name; *s; s++)
			assert_true((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '.');
		if (i > 0)
			assert_true(strcmp(intel_cran_name(intel, i - 1), name) < 0);
		assert_true(intel_cran_has(intel, name));
	}
	assert_null(intel_cran_name(intel, n));
	assert_true(intel_cran_has(intel, "Rcpp"));
	assert_true(intel_cran_has(intel, "data.table"));
	assert_true(intel_cran_has(intel, "MASS"));     /* recommended packages are on CRAN */
	assert_false(intel_cran_has(intel, "stats"));   /* base ones are not */
	assert_false(intel_cran_has(intel, "dplry"));
	assert_false(intel_cran_has(intel, ""));
}

static void
test_base_and_recommended_packages(void **state)
{
	const struct intel *intel = *state;
	static const char *const base[] = {
		"base", "compiler", "datasets", "graphics", "grDevices", "grid", "methods",
		"parallel", "splines", "stats", "stats4", "tcltk", "tools", "utils",
	};
	static const char *const recommended[] = {
		"MASS", "lattice", "Matrix", "nlme", "survival", "boot", "cluster", "codetools",
		"foreign", "KernSmooth", "rpart", "class", "nnet", "spatial", "mgcv",
	};
	bool rec = true;

	for (size_t i = 0; i < sizeof(base) / sizeof(base[0]); i++) {
		const char *name = intel_r_base_package(intel, base[i], &rec);
		assert_non_null(name);
		assert_string_equal(name, base[i]);
		assert_false(rec);
	}
	for (size_t i = 0; i < sizeof(recommended) / sizeof(recommended[0]); i++) {
		const char *name = intel_r_base_package(intel, recommended[i], &rec);
		assert_non_null(name);
		assert_string_equal(name, recommended[i]);
		assert_true(rec);
	}
	assert_string_equal(intel_r_base_package(intel, "grdevices", NULL), "grDevices");
	assert_string_equal(intel_r_base_package(intel, "mass", NULL), "MASS");
	assert_null(intel_r_base_package(intel, "dplyr", NULL));
	assert_null(intel_r_base_package(intel, "stat", NULL));
}

struct hits {
	const char *want;
	bool seen;
	int rank;
};

static int
collect(const char *name, int rank, void *payload)
{
	struct hits *h = payload;

	if (strcmp(name, h->want) == 0) {
		h->seen = true;
		h->rank = rank;
	}
	return 0;
}

static void
test_near_finds_one_edit_neighbours(void **state)
{
	const struct intel *intel = *state;
	struct hits h = { .want = "dplyr", .rank = -1 };

	assert_int_equal(intel_cran_near(intel, "dplry", collect, &h), 0);
	assert_true(h.seen);
	assert_int_equal(h.rank, 0);
	h = (struct hits){ .want = "data.table" };
	intel_cran_near(intel, "DATA_TABLE", collect, &h);
	assert_true(h.seen);
	h = (struct hits){ .want = "grDevices" };
	intel_r_base_near(intel, "grdevice", collect, &h);
	assert_true(h.seen);
	h = (struct hits){ .want = "tidyverse" };
	intel_r_owner_near(intel, "tidyvrse", collect, &h);
	assert_true(h.seen);
	h = (struct hits){ .want = "dplyr" };
	intel_cran_near(intel, "zzzzzz", collect, &h);
	assert_false(h.seen);
}

static void
test_owners(void **state)
{
	const struct intel *intel = *state;
	size_t n = intel_r_owner_count(intel);

	assert_true(n >= 40);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(intel_r_owner(intel, intel_r_owner_at(intel, i)),
				    intel_r_owner_at(intel, i));
	assert_string_equal(intel_r_owner(intel, "TIDYVERSE"), "tidyverse");
	assert_string_equal(intel_r_owner(intel, "rdatatable"), "Rdatatable");
	assert_non_null(intel_r_owner(intel, "r-lib"));
	assert_non_null(intel_r_owner(intel, "posit-dev"));
	assert_null(intel_r_owner(intel, "tidyvrse"));
	assert_null(intel_r_owner_at(intel, n));
}

static void
test_cran_mirrors(void **state)
{
	const struct intel *intel = *state;

	assert_true(intel_cran_is_mirror(intel, "https://cloud.r-project.org/"));
	assert_true(intel_cran_is_mirror(intel, "https://cloud.r-project.org"));
	assert_true(intel_cran_is_mirror(intel, "cran.ma.imperial.ac.uk/"));
	assert_true(intel_cran_is_mirror(intel, "https://MIRRORS.TUNA.TSINGHUA.EDU.CN/CRAN/"));
	assert_false(intel_cran_is_mirror(intel, "https://mirrors.tuna.tsinghua.edu.cn/pypi/"));
	assert_false(intel_cran_is_mirror(intel, "https://cloud.r-project.org.evil.example/"));
	assert_false(intel_cran_is_mirror(intel, "https://example.com/"));
	assert_false(intel_cran_is_mirror(intel, ""));
}

static void
test_add_malicious_for_r_ecosystems(void **state)
{
	struct intel *intel = *state;
	size_t before = intel_malicious_count(intel);
	/* Test-only entries: nothing is added to the bundled data. */
	const struct malicious cran = {
		.id = "TEST-1", .ecosystem = ECO_CRAN, .name = "FakeR", .summary = "s",
	};
	const struct malicious gh = {
		.id = "TEST-2", .ecosystem = ECO_GITHUB, .name = "Evil/Repo", .summary = "s",
		.imitates = "tidyverse/dplyr", .source = "https://example.org",
	};
	const struct malicious *m;

	assert_null(intel_find_malicious(intel, ECO_CRAN, "faker"));
	assert_int_equal(intel_add_malicious(intel, &cran), 0);
	assert_int_equal(intel_add_malicious(intel, &gh), 0);
	assert_int_equal(intel_malicious_count(intel), before + 2);
	m = intel_find_malicious(intel, ECO_CRAN, "faker");
	assert_non_null(m);
	assert_string_equal(m->id, "TEST-1");
	assert_null(m->imitates);
	assert_null(m->source);
	m = intel_find_malicious(intel, ECO_GITHUB, "evil/REPO");
	assert_non_null(m);
	assert_string_equal(m->imitates, "tidyverse/dplyr");
	assert_null(intel_find_malicious(intel, ECO_PYPI, "faker"));
	assert_null(intel_find_malicious(intel, ECO_GITHUB, "evil"));
	/* the bundled entries are still found after the re-sort */
	assert_non_null(intel_find_malicious(intel, ECO_PYPI, "urlib3"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cran_list_is_lower_case_sorted_and_case_insensitive),
		cmocka_unit_test(test_base_and_recommended_packages),
		cmocka_unit_test(test_near_finds_one_edit_neighbours),
		cmocka_unit_test(test_owners),
		cmocka_unit_test(test_cran_mirrors),
		cmocka_unit_test(test_add_malicious_for_r_ecosystems),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
