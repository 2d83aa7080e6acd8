/*
 * Tests for core/detect/poetry_python.c: Poetry's "python" constraints as
 * markers. The expected ranges are those of Poetry's documentation
 * (python-poetry.org/docs/dependency-specification: "^1.2.3" is ">=1.2.3
 * <2.0.0", "~1.2" is ">=1.2 <1.3", ...).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "deputy/arena.h"
#include "deputy/diag.h"
#include "detect/poetry_python.h"

static const char *
marker_of(struct arena *arena, const char *constraint)
{
	const char *m = NULL;
	int rc = poetry_python_marker(&m, arena, constraint);

	if (rc != 0)
		fail_msg("'%s' refused (%d)", constraint, rc);
	return m;
}

/* Each constraint of @cases[i][0] gives the marker @cases[i][1]. */
static void
expect_markers(const char *const (*cases)[2], size_t n)
{
	struct arena arena;

	arena_init(&arena);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(marker_of(&arena, cases[i][0]), cases[i][1]);
	arena_release(&arena);
}

static void
test_poetry_python_spells_out_caret_and_tilde(void **state)
{
	static const char *const cases[][2] = {
		{ "^1.2.3", "python_full_version >= \"1.2.3\" and python_full_version < \"2.0.0\"" },
		{ "^1.2", "python_version >= \"1.2\" and python_version < \"2.0\"" },
		{ "^3", "python_version >= \"3\" and python_version < \"4\"" },
		{ "^0.2.3", "python_full_version >= \"0.2.3\" and python_full_version < \"0.3.0\"" },
		{ "^0.0.3", "python_full_version >= \"0.0.3\" and python_full_version < \"0.0.4\"" },
		{ "^0.0", "python_version >= \"0.0\" and python_version < \"0.1\"" },
		{ "^0", "python_version >= \"0\" and python_version < \"1\"" },
		{ "~1.2.3", "python_full_version >= \"1.2.3\" and python_full_version < \"1.3.0\"" },
		{ "~2.7", "python_version >= \"2.7\" and python_version < \"2.8\"" },
		{ "~3", "python_version >= \"3\" and python_version < \"4\"" },
		{ "^3.8.0a1", "python_full_version >= \"3.8.0a1\" and python_full_version < \"4.0.0\"" },
	};

	(void)state;
	expect_markers(cases, sizeof(cases) / sizeof(cases[0]));
}

static void
test_poetry_python_reads_comparisons_wildcards_and_unions(void **state)
{
	static const char *const cases[][2] = {
		{ "<3.7", "python_version < \"3.7\"" },
		{ "<3.7.2", "python_full_version < \"3.7.2\"" },
		{ ">=2.7,<2.8", "python_version >= \"2.7\" and python_version < \"2.8\"" },
		{ ">= 2.7, < 2.8", "python_version >= \"2.7\" and python_version < \"2.8\"" },
		{ ">=2.7 <2.8", "python_version >= \"2.7\" and python_version < \"2.8\"" },
		{ "3.6", "python_version == \"3.6\"" },
		{ "=3.6", "python_version == \"3.6\"" },
		{ "==3.6.1", "python_full_version == \"3.6.1\"" },
		{ "!=3.5", "python_version != \"3.5\"" },
		{ "3.6.*", "python_full_version == \"3.6.*\"" },
		{ "!=3.0.*", "python_full_version != \"3.0.*\"" },
		{ "~=3.6", "python_full_version ~= \"3.6\"" },
		{ "~2.7 || ^3.4", "(python_version >= \"2.7\" and python_version < \"2.8\") or "
				  "(python_version >= \"3.4\" and python_version < \"4.0\")" },
		{ "<3.7|>=3.9", "python_version < \"3.7\" or python_version >= \"3.9\"" },
		{ " >=3.6 , <3.7 ", "python_version >= \"3.6\" and python_version < \"3.7\"" },
		/* every Python */
		{ "*", "" },
		{ "<3.7 || *", "" },
		{ ">=3.6,*", "python_version >= \"3.6\"" },
	};

	(void)state;
	expect_markers(cases, sizeof(cases) / sizeof(cases[0]));
}

static void
test_poetry_python_refuses_what_is_not_a_constraint(void **state)
{
	struct arena arena;
	static const char *const bad[] = {
		"", " ", "||", "<3.7 ||", "abc", ">=", "3..6", ">=3.*", "~=3", "3.6\"", "<3.7 x",
		"3.6 and", "3.*.1", "<3.7\" or \"1", ">>3", "^", "1.2.3.4.5.6.7.8.9",
		"99999999999999999999", "3.", "^3.", "3.6abc", "3.8-", "3.*.*", "3.6.*+local",
	};

	(void)state;
	arena_init(&arena);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *m = "unset";
		if (poetry_python_marker(&m, &arena, bad[i]) != ERR_SYNTAX)
			fail_msg("'%s' read as '%s'", bad[i], m ? m : "(null)");
		assert_null(m);
	}
	arena_release(&arena);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_poetry_python_spells_out_caret_and_tilde),
		cmocka_unit_test(test_poetry_python_reads_comparisons_wildcards_and_unions),
		cmocka_unit_test(test_poetry_python_refuses_what_is_not_a_constraint),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
