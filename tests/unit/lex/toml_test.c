/* Tests for core/lex/toml.c: values, spans, lookups, redefinitions, errors, limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "deputy/strbuf.h"
#include "lex/toml.h"

static struct arena arena;

static int
setup(void **state)
{
	(void)state;
	arena_init(&arena);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	arena_release(&arena);
	return 0;
}

static const struct toml_value *
parse_ok(const char *text)
{
	struct toml_value *root;
	struct toml_error err;
	int rc = toml_parse(&root, &arena, sv_from_cstr(text), &err);

	if (rc != 0)
		fail_msg("%s: %s at %zu", text, err.message, err.offset);
	assert_non_null(root);
	return root;
}

static struct toml_error
parse_bad(const char *text, int code)
{
	struct toml_value *root = (void *)&root;
	struct toml_error err;

	assert_int_equal(toml_parse(&root, &arena, sv_from_cstr(text), &err), code);
	assert_null(root);
	assert_int_equal(err.code, code);
	assert_true(err.message[0] != '\0');
	return err;
}

/* Line and column of @offset in @text, as "L:C". */
static const char *
where(const char *text, size_t offset)
{
	static char buf[32];
	unsigned line, column;

	text_line_col(sv_from_cstr(text), offset, &line, &column);
	snprintf(buf, sizeof(buf), "%u:%u", line, column);
	return buf;
}

static void
test_toml_decodes_scalars(void **state)
{
	(void)state;
	const struct toml_value *r = parse_ok(
		"s = \"a\\tb\\u00e9\"\ni = 1_000\nj = -9223372036854775808\nh = 0xff\n"
		"f = 6.5e-1\nb = true\nodt = 1979-05-27T00:32:00.999999-07:00\n"
		"ldt = 1979-05-27 07:32:00\nld = 2024-02-29\nlt = 07:32:00.5\n");

	assert_string_equal(toml_string(toml_table_get(r, "s")), "a\tb\xc3\xa9");
	assert_int_equal(toml_table_get(r, "i")->as.integer, 1000);
	assert_true(toml_table_get(r, "j")->as.integer == INT64_MIN);
	assert_int_equal(toml_table_get(r, "h")->as.integer, 255);
	assert_true(toml_table_get(r, "f")->as.floating == 0.65);
	assert_true(toml_table_get(r, "b")->as.boolean);

	const struct toml_value *odt = toml_table_get(r, "odt");
	assert_int_equal(odt->kind, TOML_DATETIME);
	assert_int_equal(odt->as.datetime.year, 1979);
	assert_int_equal(odt->as.datetime.minute, 32);
	assert_int_equal(odt->as.datetime.nanosecond, 999999000);
	assert_int_equal(odt->as.datetime.frac_digits, 6);
	assert_int_equal(odt->as.datetime.offset_minutes, -7 * 60);
	assert_false(odt->as.datetime.offset_z);
	assert_int_equal(toml_table_get(r, "ldt")->kind, TOML_DATETIME_LOCAL);
	assert_int_equal(toml_table_get(r, "ld")->kind, TOML_DATE_LOCAL);
	assert_int_equal(toml_table_get(r, "ld")->as.datetime.day, 29);
	assert_int_equal(toml_table_get(r, "lt")->kind, TOML_TIME_LOCAL);
	assert_int_equal(toml_table_get(r, "lt")->as.datetime.nanosecond, 500000000);
}

static void
test_toml_refuses_a_sign_before_a_prefixed_integer(void **state)
{
	(void)state;
	struct toml_error e = parse_bad("i = -0x0\n", ERR_SYNTAX);
	assert_int_equal(e.offset, 4);
	assert_string_equal(e.message, "a sign is not allowed before '0x'");
}

static void
test_toml_keeps_spans_of_keys_and_values(void **state)
{
	(void)state;
	const char *text = "# deps\n[tool.poetry.dependencies]\n  requests = { version = \"^2.31\" }\n"
			   "\"quoted key\" = 'x'\n";
	const struct toml_value *r = parse_ok(text);
	const struct toml_value *deps = toml_get_path(r, "tool.poetry.dependencies");
	assert_non_null(deps);
	assert_string_equal(where(text, deps->at.start), "2:14");  /* the header's last key */

	const struct toml_entry *e = toml_table_find(deps, SV_LIT("requests"));
	assert_non_null(e);
	assert_string_equal(where(text, e->key_at.start), "3:3");
	assert_int_equal(e->key_at.end - e->key_at.start, strlen("requests"));
	assert_string_equal(where(text, e->value->at.start), "3:14");
	assert_int_equal(text[e->value->at.end - 1], '}');

	const struct toml_value *version = toml_table_get(e->value, "version");
	assert_string_equal(where(text, version->at.start), "3:26");
	assert_int_equal(version->at.end - version->at.start, strlen("\"^2.31\""));

	e = toml_table_find(deps, SV_LIT("quoted key"));
	assert_non_null(e);
	assert_string_equal(where(text, e->key_at.start), "4:1");
	assert_int_equal(e->key_at.end - e->key_at.start, strlen("\"quoted key\""));
}

static void
test_toml_columns_count_code_points(void **state)
{
	(void)state;
	const char *text = "\xc3\xa9t\xc3\xa9 = 1\n";
	struct toml_error e = parse_bad(text, ERR_SYNTAX);
	assert_int_equal(e.offset, 0);
	assert_non_null(strstr(e.message, "U+00E9"));

	text = "\"\xc3\xa9t\xc3\xa9\" = ]\n";
	e = parse_bad(text, ERR_SYNTAX);
	assert_string_equal(where(text, e.offset), "1:9");
	assert_string_equal(e.message, "expected a value, found ']'");
}

static void
test_toml_dotted_keys_build_nested_tables(void **state)
{
	(void)state;
	const struct toml_value *r = parse_ok("a.b.c = 1\na . \"b\" . d = 2\n[x.y]\nz = 3\n");
	const struct toml_value *b = toml_get_path(r, "a.b");
	assert_non_null(b);
	assert_int_equal(toml_table_len(b), 2);
	assert_string_equal(toml_table_at(b, 0)->key.ptr, "c");
	assert_string_equal(toml_table_at(b, 1)->key.ptr, "d");
	assert_int_equal(toml_get_path(r, "x.y.z")->as.integer, 3);
	assert_null(toml_get_path(r, "x.y.z.w"));
	assert_null(toml_get_path(r, "a.nope"));
	assert_null(toml_table_get(toml_get_path(r, "x.y.z"), "w"));
	assert_null(toml_table_at(b, 2));
}

static void
test_toml_keys_keep_document_order(void **state)
{
	(void)state;
	const struct toml_value *r = parse_ok("z = 1\na = 2\nm = 3\n[b]\n[0]\n");
	const char *want[] = { "z", "a", "m", "b", "0" };
	assert_int_equal(toml_table_len(r), 5);
	for (size_t i = 0; i < 5; i++)
		assert_string_equal(toml_table_at(r, i)->key.ptr, want[i]);
}

static void
test_toml_arrays_of_tables_append_elements(void **state)
{
	(void)state;
	const struct toml_value *r = parse_ok(
		"[[tool.poetry.source]]\nname = \"a\"\n[[tool.poetry.source]]\nname = \"b\"\n"
		"[tool.poetry.source.extra]\nx = 1\n");
	const struct toml_value *src = toml_get_path(r, "tool.poetry.source");
	assert_int_equal(src->kind, TOML_ARRAY);
	assert_int_equal(toml_array_len(src), 2);
	assert_string_equal(toml_string(toml_table_get(toml_array_at(src, 0), "name")), "a");
	assert_string_equal(toml_string(toml_table_get(toml_array_at(src, 1), "name")), "b");
	assert_non_null(toml_get_path(toml_array_at(src, 1), "extra"));
	assert_null(toml_table_get(toml_array_at(src, 0), "extra"));
	assert_null(toml_array_at(src, 2));
}

static void
test_toml_mixed_arrays_with_comments_and_trailing_comma(void **state)
{
	(void)state;
	const struct toml_value *r = parse_ok(
		"a = [\n  1, # one\n  \"two\",\n  # none\n  [3],\n  {x = 4},\n]\n");
	const struct toml_value *a = toml_table_get(r, "a");
	assert_int_equal(toml_array_len(a), 4);
	assert_int_equal(toml_array_at(a, 1)->kind, TOML_STRING);
	assert_int_equal(toml_array_at(a, 2)->kind, TOML_ARRAY);
	assert_int_equal(toml_array_at(a, 3)->kind, TOML_TABLE);
}

static void
test_toml_strings_of_every_form(void **state)
{
	(void)state;
	const struct toml_value *r = parse_ok(
		"a = \"\\u0000x\"\nb = '''\nraw \\n'''\nc = \"\"\"\\\n   one \\\n   two\"\"\"\n"
		"d = \"\"\"q\"\"\"\"\"\nlit = 'C:\\dir'\ne = \"\\U0001F600\"\n");
	const struct toml_value *a = toml_table_get(r, "a");
	assert_int_equal(a->as.string.len, 2);
	assert_int_equal(a->as.string.ptr[0], '\0');
	assert_string_equal(toml_string(toml_table_get(r, "b")), "raw \\n");
	assert_string_equal(toml_string(toml_table_get(r, "c")), "one two");
	assert_string_equal(toml_string(toml_table_get(r, "d")), "q\"\"");
	assert_string_equal(toml_string(toml_table_get(r, "lit")), "C:\\dir");
	assert_string_equal(toml_string(toml_table_get(r, "e")), "\xf0\x9f\x98\x80");
	assert_null(toml_string(toml_table_get(r, "nope")));
}

static void
test_toml_crlf_and_bom_are_accepted(void **state)
{
	(void)state;
	const struct toml_value *r = parse_ok("\xef\xbb\xbf" "a = \"\"\"x\r\ny\"\"\"\r\n[t]\r\nb = 1\r\n");
	assert_string_equal(toml_string(toml_table_get(r, "a")), "x\ny");
	assert_int_equal(toml_get_path(r, "t.b")->as.integer, 1);
	struct toml_error e = parse_bad("a = 1\rb = 2\n", ERR_SYNTAX);
	assert_int_equal(e.offset, 5);
}

static void
test_toml_reports_missing_equals(void **state)
{
	(void)state;
	struct toml_error e = parse_bad("[project]\nname \"x\"\n", ERR_SYNTAX);
	assert_string_equal(e.message, "expected '=' after a key");
	assert_string_equal(where("[project]\nname \"x\"\n", e.offset), "2:6");
}

static void
test_toml_reports_duplicate_keys_at_the_second(void **state)
{
	(void)state;
	const char *text = "[a]\nb.c = 1\nb.c = 2\n";
	struct toml_error e = parse_bad(text, ERR_SYNTAX);
	assert_string_equal(e.message, "duplicate key 'b.c'");
	assert_string_equal(where(text, e.offset), "3:3");
}

static void
test_toml_refuses_redefinitions(void **state)
{
	(void)state;
	struct toml_error e = parse_bad("[a]\n[a]\n", ERR_SYNTAX);
	assert_string_equal(e.message, "table 'a' is defined more than once");
	assert_int_equal(e.offset, 5);
	e = parse_bad("a.b = 1\n[a]\n", ERR_SYNTAX);
	assert_string_equal(e.message, "table 'a' is defined more than once");
	e = parse_bad("[a.b.c]\nz = 1\n[a]\nb.c.t = 2\n", ERR_SYNTAX);
	assert_non_null(strstr(e.message, "with a dotted key"));
	e = parse_bad("a = {b = 1}\na.c = 2\n", ERR_SYNTAX);
	assert_string_equal(e.message, "cannot add keys to the inline table 'a' after it was written");
	e = parse_bad("a = {}\n[a.b]\n", ERR_SYNTAX);
	assert_non_null(strstr(e.message, "written as a value"));
	e = parse_bad("a = [1]\n[[a]]\n", ERR_SYNTAX);
	assert_non_null(strstr(e.message, "written as a value"));
	e = parse_bad("[a]\n[[a]]\n", ERR_SYNTAX);
	assert_string_equal(e.message, "'a' is already a table, not an array of tables");
	e = parse_bad("[[a]]\n[a]\n", ERR_SYNTAX);
	assert_string_equal(e.message, "'a' is an array of tables, not a table");
	e = parse_bad("a = 1\n[a.b]\n", ERR_SYNTAX);
	assert_string_equal(e.message, "'a' is already an integer, not a table");
}

static void
test_toml_allows_what_the_spec_allows(void **state)
{
	(void)state;
	parse_ok("[x.y.z]\n[x]\n");
	parse_ok("[fruit]\napple.color = 'red'\napple.taste.sweet = true\n[fruit.apple.texture]\n");
	parse_ok("[[a]]\n[a.b]\n[[a]]\n[a.b]\n");
	parse_ok("a = {b.c = 1, b.d = 2}\n");
}

static void
test_toml_inline_tables_are_one_line_without_trailing_comma(void **state)
{
	(void)state;
	struct toml_error e = parse_bad("a = {b = 1,}\n", ERR_SYNTAX);
	assert_string_equal(e.message, "a trailing comma is not allowed in an inline table");
	assert_int_equal(e.offset, 11);
	e = parse_bad("a = {b = 1\n}\n", ERR_SYNTAX);
	assert_int_equal(e.offset, 10);
	e = parse_bad("a = {\nb = 1}\n", ERR_SYNTAX);
	assert_string_equal(e.message, "newlines are not allowed in an inline table");
}

static void
test_toml_refuses_bad_numbers_with_reasons(void **state)
{
	(void)state;
	struct toml_error e = parse_bad("a = 9223372036854775808\n", ERR_SYNTAX);
	assert_string_equal(e.message, "integer does not fit in 64 bits");
	e = parse_bad("a = 0x8000000000000000\n", ERR_SYNTAX);
	assert_string_equal(e.message, "integer does not fit in 64 bits");
	e = parse_bad("a = 012\n", ERR_SYNTAX);
	assert_string_equal(e.message, "leading zeros are not allowed in a number");
	e = parse_bad("a = 1__2\n", ERR_SYNTAX);
	assert_int_equal(e.offset, 5);
	assert_string_equal(e.message, "an underscore in a number must be between two digits");
	e = parse_bad("a = 1.\n", ERR_SYNTAX);
	assert_string_equal(e.message, "expected digits after the decimal point");
	e = parse_bad("a = 1e\n", ERR_SYNTAX);
	assert_string_equal(e.message, "expected digits in the exponent");
}

static void
test_toml_validates_dates_and_times(void **state)
{
	(void)state;
	parse_ok("a = 2000-02-29\nb = 2024-02-29T23:59:59Z\n");
	struct toml_error e = parse_bad("a = 1900-02-29\n", ERR_SYNTAX);
	assert_string_equal(e.message, "day 29 is out of range for 1900-02");
	assert_int_equal(e.offset, 12);
	e = parse_bad("a = 2023-13-01\n", ERR_SYNTAX);
	assert_non_null(strstr(e.message, "month 13"));
	e = parse_bad("a = 24:00:00\n", ERR_SYNTAX);
	assert_non_null(strstr(e.message, "hour 24"));
	e = parse_bad("a = 12:00\n", ERR_SYNTAX);
	assert_string_equal(e.message, "expected seconds in the time (HH:MM:SS)");
	e = parse_bad("a = 1979-05-27T07:32:00+24:00\n", ERR_SYNTAX);
	assert_non_null(strstr(e.message, "offset"));
}

static void
test_toml_refuses_bad_strings_with_reasons(void **state)
{
	(void)state;
	struct toml_error e = parse_bad("a = \"\\x41\"\n", ERR_SYNTAX);
	assert_string_equal(e.message, "invalid escape sequence '\\x'");
	assert_int_equal(e.offset, 5);
	e = parse_bad("a = \"\\uD800\"\n", ERR_SYNTAX);
	assert_non_null(strstr(e.message, "not a Unicode scalar value"));
	e = parse_bad("a = \"abc\nb = 1\n", ERR_SYNTAX);
	assert_int_equal(e.offset, 4);
	assert_non_null(strstr(e.message, "unterminated string"));
	e = parse_bad("a = \"tab\x01\"\n", ERR_SYNTAX);
	assert_string_equal(e.message, "control character U+0001 must be escaped in a string");
	e = parse_bad("a = '''x\n", ERR_SYNTAX);
	assert_int_equal(e.offset, 4);
	e = parse_bad("# \x7f\n", ERR_SYNTAX);
	assert_int_equal(e.offset, 2);
	e = parse_bad("a = \"\xc3\x28\"\n", ERR_SYNTAX);
	assert_int_equal(e.offset, 5);
	assert_string_equal(e.message, "invalid UTF-8 byte 0xC3");
}

static char *
nested(const char *open, const char *close, int depth)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_adds(&sb, "a = ");
	for (int i = 0; i < depth; i++)
		strbuf_adds(&sb, open);
	for (int i = 0; i < depth; i++)
		strbuf_adds(&sb, close);
	strbuf_adds(&sb, "\n");
	return strbuf_detach(&sb, NULL);
}

static void
test_toml_nesting_beyond_the_limit_is_err_limit(void **state)
{
	(void)state;
	char *ok = nested("[", "]", TOML_MAX_DEPTH);
	char *deep = nested("[", "]", TOML_MAX_DEPTH + 1);
	char *very_deep = nested("{b=", "}", 100000);
	parse_ok(ok);
	struct toml_error e = parse_bad(deep, ERR_LIMIT);
	assert_string_equal(e.message, "nesting deeper than 128 levels");
	parse_bad(very_deep, ERR_LIMIT);
	free(ok);
	free(deep);
	free(very_deep);

	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, "[k");
	for (int i = 0; i < 300; i++)
		strbuf_adds(&sb, ".k");
	strbuf_adds(&sb, "]\n");
	parse_bad(strbuf_cstr(&sb), ERR_LIMIT);
	strbuf_reset(&sb);
	for (int i = 0; i < 200; i++)
		strbuf_adds(&sb, "k.");
	strbuf_adds(&sb, "k = 1\n");
	parse_bad(strbuf_cstr(&sb), ERR_LIMIT);
	strbuf_release(&sb);
}

static void
test_toml_large_tables_find_every_key(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	char key[32];

	for (int i = 0; i < 2000; i++)
		strbuf_printf(&sb, "key%d = %d\n", i, i);
	const struct toml_value *r = parse_ok(strbuf_cstr(&sb));
	assert_int_equal(toml_table_len(r), 2000);
	for (int i = 0; i < 2000; i++) {
		snprintf(key, sizeof(key), "key%d", i);
		assert_int_equal(toml_table_get(r, key)->as.integer, i);
	}
	assert_null(toml_table_get(r, "key2000"));
	strbuf_adds(&sb, "key1234 = 0\n");
	struct toml_error e = parse_bad(strbuf_cstr(&sb), ERR_SYNTAX);
	assert_string_equal(e.message, "duplicate key 'key1234'");
	strbuf_release(&sb);
}

static const char pyproject[] =
	"[build-system]\nrequires = [\"setuptools>=61\", 'wheel']\n\n"
	"[project]\nname = \"demo\" # the name\nversion = \"1.0\"\n"
	"dependencies = [\n  \"requests>=2\",\n  \"\"\"click\"\"\",\n]\n"
	"optional-dependencies.dev = ['pytest']\n"
	"[tool.poetry.dependencies]\npython = \"^3.9\"\n"
	"flask = { git = \"https://x/y.git\", rev = \"abc\" }\n"
	"[[tool.poetry.source]]\nname = \"pt\"\nurl = \"https://download.pytorch.org/whl\"\n"
	"released = 2024-01-02T03:04:05Z\nratio = 0.5\ncount = 0x10\n";

static void
test_toml_truncated_input_never_crashes_and_errors_stay_in_range(void **state)
{
	(void)state;
	size_t len = strlen(pyproject), rejected = 0;

	parse_ok(pyproject);
	for (size_t n = 0; n <= len; n++) {
		char *copy = malloc(n + 1);
		memcpy(copy, pyproject, n);
		struct toml_value *root;
		struct toml_error err;
		int rc = toml_parse(&root, &arena, sv_make(copy, n), &err);
		assert_true(rc == 0 || rc == ERR_SYNTAX);
		if (rc) {
			assert_true(err.offset <= n);
			assert_null(root);
			rejected++;
		}
		free(copy);
	}
	/* cutting inside a string, a header or after "=" must be refused */
	assert_true(rejected > len / 3);
	parse_bad("[project]\nname = \"de", ERR_SYNTAX);
	parse_bad("[tool.poe", ERR_SYNTAX);
	parse_bad("a = ", ERR_SYNTAX);
	parse_bad("a = [1, 2", ERR_SYNTAX);
	parse_bad("a = {b = 1", ERR_SYNTAX);
	parse_bad("a = 2024-01-0", ERR_SYNTAX);
}

static void
test_toml_corrupted_input_never_crashes_and_errors_stay_in_range(void **state)
{
	(void)state;
	static const char junk[] = "\"'[]{}=,.#\n\r\\ \t_+-:0xeZ\x00\xff\xc3";
	size_t len = sizeof(pyproject) - 1, rejected = 0;
	uint32_t seed = 12345;

	for (int round = 0; round < 3000; round++) {
		char copy[sizeof(pyproject)];
		memcpy(copy, pyproject, len);
		for (int k = 0; k < 1 + round % 3; k++) {
			seed = seed * 1103515245u + 12345u;
			size_t at = (seed >> 8) % len;
			seed = seed * 1103515245u + 12345u;
			copy[at] = junk[(seed >> 8) % (sizeof(junk) - 1)];
		}
		struct toml_value *root;
		struct toml_error err;
		int rc = toml_parse(&root, &arena, sv_make(copy, len), &err);
		assert_true(rc == 0 || rc == ERR_SYNTAX);
		if (rc) {
			assert_true(err.offset <= len);
			rejected++;
		}
		if (round % 200 == 0) {
			arena_release(&arena);
			arena_init(&arena);
		}
	}
	assert_true(rejected > 1000);
}

static void
test_toml_empty_and_null_text_give_an_empty_table(void **state)
{
	(void)state;
	struct toml_value *root;
	assert_int_equal(toml_parse(&root, &arena, SV_NULL, NULL), 0);
	assert_int_equal(root->kind, TOML_TABLE);
	assert_int_equal(toml_table_len(root), 0);
	assert_null(toml_table_get(NULL, "a"));
	assert_int_equal(toml_array_len(root), 0);
	assert_string_equal(toml_kind_name(TOML_DATE_LOCAL), "local date");
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_toml_decodes_scalars),
		TEST(test_toml_refuses_a_sign_before_a_prefixed_integer),
		TEST(test_toml_keeps_spans_of_keys_and_values),
		TEST(test_toml_columns_count_code_points),
		TEST(test_toml_dotted_keys_build_nested_tables),
		TEST(test_toml_keys_keep_document_order),
		TEST(test_toml_arrays_of_tables_append_elements),
		TEST(test_toml_mixed_arrays_with_comments_and_trailing_comma),
		TEST(test_toml_strings_of_every_form),
		TEST(test_toml_crlf_and_bom_are_accepted),
		TEST(test_toml_reports_missing_equals),
		TEST(test_toml_reports_duplicate_keys_at_the_second),
		TEST(test_toml_refuses_redefinitions),
		TEST(test_toml_allows_what_the_spec_allows),
		TEST(test_toml_inline_tables_are_one_line_without_trailing_comma),
		TEST(test_toml_refuses_bad_numbers_with_reasons),
		TEST(test_toml_validates_dates_and_times),
		TEST(test_toml_refuses_bad_strings_with_reasons),
		TEST(test_toml_nesting_beyond_the_limit_is_err_limit),
		TEST(test_toml_large_tables_find_every_key),
		TEST(test_toml_truncated_input_never_crashes_and_errors_stay_in_range),
		TEST(test_toml_corrupted_input_never_crashes_and_errors_stay_in_range),
		TEST(test_toml_empty_and_null_text_give_an_empty_table),
	};
	return cmocka_run_group_tests_name("lex/toml", tests, NULL, NULL);
}
