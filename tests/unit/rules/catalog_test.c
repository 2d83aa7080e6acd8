/* core/rules/rules.c: the catalog table, lookups and severities. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "deputy/diag.h"
#include "deputy/rule.h"

static void
test_catalog_entries_are_complete(void **state)
{
	size_t n = 0;
	const struct rule *rules = rule_catalog(&n);

	(void)state;
	assert_true(n >= 7);
	for (size_t i = 0; i < n; i++) {
		const struct rule *r = &rules[i];
		assert_non_null(r->id);
		assert_true(strlen(r->title) > 10);
		assert_true(strlen(r->why) > 200);     /* several sentences */
		assert_true(strlen(r->fix) > 20);
		/* the lesson (l, deputy explain): the incident and the check by hand */
		assert_true(r->incident && strlen(r->incident) > 80);
		assert_true(r->check && strlen(r->check) > 40);
		assert_non_null(r->refs);
		assert_non_null(r->refs[0]);
		assert_true(r->check_dep || r->check_option);
		assert_ptr_equal(rule_find(r->id), r);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(rules[j].id, r->id);
	}
}

static void
test_catalog_has_the_documented_ids_and_severities(void **state)
{
	static const struct {
		const char *id;
		enum severity sev;
	} want[] = {
		{ "known-malicious", SEV_CRITICAL }, { "typosquat", SEV_HIGH },
		{ "stdlib-shadow", SEV_HIGH }, { "unpinned", SEV_LOW },
		{ "mutable-ref", SEV_MEDIUM }, { "insecure-url", SEV_HIGH },
		{ "extra-index", SEV_HIGH },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct rule *r = rule_find(want[i].id);
		assert_non_null(r);
		assert_int_equal(r->severity, want[i].sev);
	}
	assert_null(rule_find("no-such-rule"));
	assert_null(rule_find(""));
}

static void
test_severity_names_round_trip(void **state)
{
	enum severity s;

	(void)state;
	for (int i = 0; i < SEV_COUNT; i++) {
		assert_int_equal(severity_parse(&s, severity_str((enum severity)i)), 0);
		assert_int_equal(s, i);
	}
	assert_string_equal(severity_str(SEV_CRITICAL), "critical");
	assert_int_equal(severity_parse(&s, "HIGH"), 0);
	assert_int_equal(s, SEV_HIGH);
	assert_int_equal(severity_parse(&s, "severe"), ERR_USAGE);
	assert_int_equal(severity_parse(&s, ""), ERR_USAGE);
	assert_string_equal(severity_str((enum severity)99), "?");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_catalog_entries_are_complete),
		cmocka_unit_test(test_catalog_has_the_documented_ids_and_severities),
		cmocka_unit_test(test_severity_names_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
