/* Tests for core/lex/pystr.c: Python's str.isspace(), strip() and splitlines() on UTF-8. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lex/pystr.h"

#define SV(lit) SV_LIT(lit)

static void
test_pystr_space_is_pythons_isspace(void **state)
{
	static const char *const spaces[] = {
		" ", "\t", "\n", "\v", "\f", "\r", "\x1c", "\x1d", "\x1e", "\x1f",
		"\xc2\x85", "\xc2\xa0", "\xe1\x9a\x80", "\xe2\x80\x80", "\xe2\x80\x8a",
		"\xe2\x80\xa8", "\xe2\x80\xa9", "\xe2\x80\xaf", "\xe2\x81\x9f", "\xe3\x80\x80",
	};
	static const char *const others[] = {
		"a", "\x00", "\x1b", "\x7f", "\xc2\x84", "\xe2\x80\x8b" /* zero width space */,
		"\xef\xbb\xbf" /* byte-order mark */, "\xff", "\xc2",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(spaces) / sizeof(*spaces); i++) {
		struct sv s = sv_from_cstr(spaces[i]);
		assert_int_equal(pystr_space_len(s), s.len);
		assert_int_equal(pystr_space_len_before(s), s.len);
	}
	for (size_t i = 0; i < sizeof(others) / sizeof(*others); i++) {
		struct sv s = { others[i], strlen(others[i]) + (others[i][0] == '\0') };
		assert_int_equal(pystr_space_len(s), 0);
		assert_int_equal(pystr_space_len_before(s), 0);
	}
}

static void
test_pystr_strip_cuts_unicode_white_space(void **state)
{
	size_t skipped;
	struct sv s;

	(void)state;
	s = pystr_strip(SV("\xe3\x80\x80\t a b\xc2\xa0\x1f\v"), &skipped);
	assert_int_equal(skipped, 5);
	assert_int_equal(s.len, 3);
	assert_memory_equal(s.ptr, "a b", 3);
	s = pystr_strip(SV(" \xc2\x85 "), &skipped);
	assert_int_equal(s.len, 0);
	/* a byte that does not decode is no space, even one that ends like one */
	s = pystr_strip(SV("\x80\x80 "), NULL);
	assert_int_equal(s.len, 2);
	s = pystr_strip(SV("\xff\xa0"), NULL);
	assert_int_equal(s.len, 2);
}

static void
test_pystr_breaks_are_splitlines_boundaries(void **state)
{
	static const char *const breaks[] = {
		"\n", "\r", "\v", "\f", "\x1c", "\x1d", "\x1e", "\xc2\x85", "\xe2\x80\xa8",
		"\xe2\x80\xa9",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(breaks) / sizeof(*breaks); i++)
		assert_int_equal(pystr_break_len(sv_from_cstr(breaks[i])), strlen(breaks[i]));
	assert_int_equal(pystr_break_len(SV("\r\nx")), 2);
	assert_int_equal(pystr_break_len(SV("\x1f")), 0);      /* white space, no boundary */
	assert_int_equal(pystr_break_len(SV("\xc2\xa0")), 0);
	assert_int_equal(pystr_break_len(SV("\x85")), 0);      /* a lone continuation byte */
	assert_int_equal(pystr_break_len(SV("")), 0);
}

static void
test_pystr_last_len_finds_the_last_character(void **state)
{
	(void)state;
	assert_int_equal(pystr_last_len(SV("")), 0);
	assert_int_equal(pystr_last_len(SV("ab")), 1);
	assert_int_equal(pystr_last_len(SV("a\xc3\xa9")), 2);
	assert_int_equal(pystr_last_len(SV("\xe3\x80\x80")), 3);
	assert_int_equal(pystr_last_len(SV("a\xf0\x9f\x98\x80")), 4);
	assert_int_equal(pystr_last_len(SV("a\x80\x80\x80\x80")), 1);
	assert_int_equal(pystr_last_len(SV("\xc3")), 1);
}

static void
test_pystr_indent_counts_characters_not_bytes(void **state)
{
	(void)state;
	assert_int_equal(pystr_indent(SV("\xe3\x80\x80x")), 1);
	assert_int_equal(pystr_indent(SV("\t \xc2\xa0x")), 3);
	assert_int_equal(pystr_indent(SV("x ")), 0);
	assert_int_equal(pystr_indent(SV("  ")), 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pystr_space_is_pythons_isspace),
		cmocka_unit_test(test_pystr_strip_cuts_unicode_white_space),
		cmocka_unit_test(test_pystr_breaks_are_splitlines_boundaries),
		cmocka_unit_test(test_pystr_last_len_finds_the_last_character),
		cmocka_unit_test(test_pystr_indent_counts_characters_not_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
