/* Tests for core/lex/jsonpos.c: where keys, values and elements are written in JSON text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lex/jsonpos.h"

#define TEXT(lit) ((struct sv){ (lit), sizeof(lit) - 1 })

static void
test_jsonpos_takes_every_byte_up_to_space_for_white_space(void **state)
{
	struct sv t = TEXT("\f\v\x01 \t\r\n{}");

	(void)state;
	assert_true(jsonpos_is_space('\f'));
	assert_true(jsonpos_is_space('\0'));
	assert_true(jsonpos_is_space(' '));
	assert_false(jsonpos_is_space('!'));
	assert_false(jsonpos_is_space('\x7f'));
	assert_false(jsonpos_is_space('\xc2'));
	assert_int_equal(jsonpos_skip_ws(t, 0), 7);
	assert_int_equal(jsonpos_skip_ws(t, 8), 8);
	assert_int_equal(jsonpos_skip_ws(t, 9), 9);
}

static void
test_jsonpos_finds_members_across_form_feeds(void **state)
{
	/* the renv.lock bug: a form feed between tokens hid every key after it */
	struct sv t = TEXT("{\f\"a\"\f:\f1\f,\v\"b\":\x1f[1,\f2]\f}");
	struct jsonpos_member m;
	size_t i = 0;

	(void)state;
	assert_true(jsonpos_next_member(&m, t, &i));
	assert_int_equal(m.key_start, 3);
	assert_int_equal(m.key_end, 4);
	assert_int_equal(m.value_start, 8);
	assert_int_equal(m.value_end, 9);
	assert_true(jsonpos_next_member(&m, t, &i));
	assert_memory_equal(t.ptr + m.key_start, "b\"", 2);
	assert_memory_equal(t.ptr + m.value_start, "[1,\f2]", 6);
	assert_int_equal(m.value_end - m.value_start, 6);
	assert_false(jsonpos_next_member(&m, t, &i));
	assert_true(jsonpos_find_member(&m, t, 0, "b"));
	assert_int_equal(jsonpos_find_element(t, m.value_start, 1), m.value_start + 4);
	assert_int_equal(jsonpos_find_element(t, m.value_start, 2), SV_NPOS);
}

static void
test_jsonpos_skips_strings_and_brackets_inside_values(void **state)
{
	struct sv t = TEXT("{\"k\\\"{\": \"}]\\\\\", \"n\": [{\"x\": \"]\"}, -1.5e3], \"z\": null}");
	struct jsonpos_member m;

	(void)state;
	assert_int_equal(jsonpos_skip_value(t, 0), t.len);
	assert_true(jsonpos_find_member(&m, t, 0, "z"));
	assert_memory_equal(t.ptr + m.value_start, "null}", 5);
	assert_int_equal(m.value_end, t.len - 1);
	assert_true(jsonpos_find_member(&m, t, 0, "n"));
	assert_int_equal(jsonpos_find_element(t, m.value_start, 1), m.value_start + 13);
	assert_int_equal(jsonpos_skip_value(t, m.value_start + 13), m.value_start + 19);
	/* the key is compared as written, escapes and all */
	assert_false(jsonpos_find_member(&m, t, 0, "k\"{"));
	assert_true(jsonpos_find_member(&m, t, 0, "k\\\"{"));
	assert_false(jsonpos_find_member(&m, t, 1, "z"));
}

static void
test_jsonpos_says_when_the_text_ends_first(void **state)
{
	(void)state;
	assert_int_equal(jsonpos_skip_value(TEXT("{\"a\": [1, 2"), 0), SV_NPOS);
	assert_int_equal(jsonpos_skip_value(TEXT("\"abc\\\""), 0), SV_NPOS);
	assert_int_equal(jsonpos_skip_string(TEXT("\"abc"), 0), SV_NPOS);
	assert_int_equal(jsonpos_skip_value(TEXT(""), 0), SV_NPOS);
	assert_int_equal(jsonpos_skip_value(TEXT("true"), 0), 4);
}

static void
test_jsonpos_walks_arrays_element_by_element(void **state)
{
	struct sv t = TEXT("[ \"a\" ,{\"b\":[]},\f[] , 3 ]");
	size_t i = 0, start, got[4], n = 0;

	(void)state;
	while (n < 4 && jsonpos_next_element(&start, t, &i))
		got[n++] = start;
	assert_int_equal(n, 4);
	assert_int_equal(got[0], 2);
	assert_int_equal(got[1], 7);
	assert_int_equal(got[2], 17);
	assert_int_equal(got[3], 22);
	i = 0;
	assert_false(jsonpos_next_element(&start, TEXT("[ ]"), &i));
	i = 0;
	assert_false(jsonpos_next_element(&start, TEXT("{}"), &i));
}

static void
test_jsonpos_starts_after_a_byte_order_mark(void **state)
{
	(void)state;
	assert_int_equal(jsonpos_start(TEXT("\xef\xbb\xbf \f{}")), 5);
	assert_int_equal(jsonpos_start(TEXT("{}")), 0);
	assert_int_equal(jsonpos_start(TEXT("\xef\xbb")), 0);
}

static void
test_jsonpos_reports_a_nul_byte(void **state)
{
	struct jsonpos_error err;

	(void)state;
	assert_false(jsonpos_find_nul(&err, TEXT("{}")));
	assert_false(jsonpos_find_nul(&err, (struct sv){ NULL, 0 }));
	assert_true(jsonpos_find_nul(&err, TEXT("{\"a\": \"\0\"}")));
	assert_int_equal(err.at, 7);
	assert_string_equal(err.message, "invalid json: a nul byte");
}

static void
test_jsonpos_explains_where_parsing_stopped(void **state)
{
	struct sv cut = TEXT("{\"a\": \"bc");
	struct sv bad = TEXT("{\"a\" 1}");
	struct sv trailing = TEXT("{} x");
	struct sv spaces = TEXT("{}\f\v \n");
	struct jsonpos_error err;

	(void)state;
	assert_true(jsonpos_parse_error(&err, cut, false, cut.ptr + 6));
	assert_int_equal(err.at, cut.len);
	assert_string_equal(err.message, "invalid json: the text ends before the value does");
	assert_true(jsonpos_parse_error(&err, bad, false, bad.ptr + 5));
	assert_int_equal(err.at, 5);
	assert_string_equal(err.message, "invalid json: unexpected text here");
	assert_true(jsonpos_parse_error(&err, trailing, true, trailing.ptr + 2));
	assert_int_equal(err.at, 3);   /* at the text, past the white space */
	assert_string_equal(err.message, "invalid json: unexpected text after the value");
	/* cJSON stops before trailing white space, a form feed included */
	assert_false(jsonpos_parse_error(&err, spaces, true, spaces.ptr + 2));
	assert_true(jsonpos_parse_error(&err, TEXT(" "), false, NULL));
	assert_string_equal(err.message, "invalid json: the text ends before the value does");
	assert_int_equal(jsonpos_offset(bad, NULL), 0);
	assert_int_equal(jsonpos_offset(bad, bad.ptr + 3), 3);
	assert_int_equal(jsonpos_offset(bad, bad.ptr + bad.len), bad.len);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jsonpos_takes_every_byte_up_to_space_for_white_space),
		cmocka_unit_test(test_jsonpos_finds_members_across_form_feeds),
		cmocka_unit_test(test_jsonpos_skips_strings_and_brackets_inside_values),
		cmocka_unit_test(test_jsonpos_says_when_the_text_ends_first),
		cmocka_unit_test(test_jsonpos_walks_arrays_element_by_element),
		cmocka_unit_test(test_jsonpos_starts_after_a_byte_order_mark),
		cmocka_unit_test(test_jsonpos_reports_a_nul_byte),
		cmocka_unit_test(test_jsonpos_explains_where_parsing_stopped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
