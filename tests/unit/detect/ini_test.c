/* Tests for core/detect/ini.c and ini_interpolate.c: INI files as configparser reads them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "deputy/strbuf.h"
#include "detect/ini.h"

static struct arena arena;
static struct diags diags;
static struct source src;
static struct ini ini;
static struct mapped_text value;

static int
setup(void **state)
{
	(void)state;
	arena_init(&arena);
	diags_init(&diags, &arena);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	ini_release(&ini);
	mapped_text_release(&value);
	diags_release(&diags);
	arena_release(&arena);
	return 0;
}

static void
parse_len(const char *text, size_t len)
{
	src = (struct source){ "setup.cfg", { text, len } };
	assert_int_equal(ini_parse(&ini, &src, &diags), 0);
	assert_int_equal(ini_check(&ini, NULL, NULL), 0);
}

#define PARSE(lit) parse_len((lit), sizeof(lit) - 1)

static size_t
section(const char *name)
{
	for (size_t i = 0; i < ini.n_sections; i++)
		if (sv_eq_cstr(ini.sections[i].name, name))
			return i;
	fail_msg("no section [%s]", name);
	return 0;
}

static const struct ini_option *
option(const char *sect, const char *key)
{
	const struct ini_option *o = ini_lookup(&ini, section(sect), sv_from_cstr(key));

	if (!o)
		fail_msg("no option %s in [%s]", key, sect);
	return o;
}

/* get(@sect, @key) must succeed and give @want. */
static void
expect_get(const char *sect, const char *key, const char *want)
{
	assert_int_equal(ini_get(&ini, &value, section(sect), option(sect, key)), 0);
	assert_int_equal(value.len, strlen(want));
	assert_memory_equal(value.text, want, value.len);
}

static void
expect_diag(size_t i, enum diag_level level, unsigned line, unsigned column, const char *prefix)
{
	assert_true(i < diags.len);
	assert_int_equal(diags.items[i].level, level);
	assert_int_equal(diags.items[i].line, line);
	assert_int_equal(diags.items[i].column, column);
	assert_int_equal(strncmp(diags.items[i].message, prefix, strlen(prefix)), 0);
}

static void
test_ini_values_skip_comments_and_keep_inner_blank_lines(void **state)
{
	(void)state;
	PARSE("# top\n; also\n[s]\nk = a\n  # not a line of k\n\n\t \n  b\n; nor this\n  c\n\n\n"
	      "j: x # kept: no inline comments\n");
	assert_int_equal(diags.len, 0);
	expect_get("s", "k", "a\n\n\nb\nc");
	expect_get("s", "j", "x # kept: no inline comments");
	/* each byte maps back to where it is written */
	assert_int_equal(ini_get(&ini, &value, section("s"), option("s", "k")), 0);
	assert_int_equal(value.map[0], 21);
	assert_int_equal(value.map[4], (size_t)(strstr(src.text.ptr, "b\n;") - src.text.ptr));
}

static void
test_ini_continuation_is_deeper_indentation_in_characters(void **state)
{
	(void)state;
	/* U+3000 is one character of three bytes: not deeper than two spaces */
	PARSE("[s]\n  k = a\n\xe3\x80\x80\xe3\x80\x80\xe3\x80\x80" "b\n\xe3\x80\x80" "c\n");
	expect_get("s", "k", "a\nb");
	assert_int_equal(diags.len, 1);
	expect_diag(0, DIAG_ERROR, 4, 2, "expected 'key = value'");
}

static void
test_ini_a_bad_line_keeps_the_option_open(void **state)
{
	(void)state;
	PARSE("[s]\nk = a\nnot an option\n  b\n");
	expect_get("s", "k", "a\nb");
	expect_diag(0, DIAG_ERROR, 3, 1, "expected 'key = value'");
}

static void
test_ini_reads_cr_crlf_and_lf_line_ends(void **state)
{
	(void)state;
	PARSE("[s]\rk = a\r\n  b\r\r  c\nj = \\\r");
	assert_int_equal(diags.len, 0);
	expect_get("s", "k", "a\nb\n\nc");
	expect_get("s", "j", "\\");
}

static void
test_ini_headers_run_to_the_last_bracket(void **state)
{
	(void)state;
	PARSE("[a]b] trailing\nk = 1\n  [not a header]\n[]\n  [c]\n[d]\n");
	/* "[]" is a bad line, which leaves k open: the indented [c] continues it */
	expect_get("a]b", "k", "1\n[not a header]\n[c]");
	assert_int_equal(ini.n_sections, 3);
	assert_int_equal(section("d"), 2);
	assert_int_equal(diags.len, 1);
	expect_diag(0, DIAG_ERROR, 4, 1, "expected 'key = value'");
}

static void
test_ini_keys_end_at_the_first_delimiter(void **state)
{
	(void)state;
	PARSE("[s]\na b : c = d\ne=f:g\n= no key\n  h = i\n");
	expect_get("s", "a b", "c = d");
	expect_get("s", "e", "f:g");
	/* the line with no key opens no option: the indented one is an option */
	expect_get("s", "h", "i");
	expect_diag(0, DIAG_ERROR, 4, 1, "expected an option name");
}

static void
test_ini_refuses_what_strict_mode_refuses(void **state)
{
	(void)state;
	PARSE("orphan = 1\n[s]\nk = 1\nk = 2\n[t]\n[s]\n[DEFAULT]\nd = 1\n[DEFAULT]\nd = 2\n");
	assert_int_equal(diags.len, 4);
	expect_diag(0, DIAG_ERROR, 1, 1, "expected a [section] header");
	expect_diag(1, DIAG_ERROR, 4, 1, "expected each option once in a section: 'k' is "
		    "already at line 3");
	expect_diag(2, DIAG_ERROR, 6, 2, "expected each section once: [s] is already at line 2");
	expect_diag(3, DIAG_ERROR, 10, 1, "expected each option once");
	expect_get("s", "k", "2");
}

static void
test_ini_refuses_a_byte_order_mark_and_bad_utf8(void **state)
{
	(void)state;
	PARSE("\xef\xbb\xbf[s]\nk = \xff\n");
	assert_int_equal(diags.len, 2);
	expect_diag(0, DIAG_ERROR, 2, 5, "expected utf-8 text: byte 0xff");
	expect_diag(1, DIAG_ERROR, 1, 1, "expected a [section] header, not a byte-order mark");
}

static int
collect_key(const struct ini_option *opt, void *payload)
{
	char *keys = payload;

	strncat(keys, opt->key.ptr, opt->key.len);
	strcat(keys, " ");
	return 0;
}

static void
test_ini_options_lists_the_sections_then_defaults(void **state)
{
	char keys[64] = "";

	(void)state;
	PARSE("[DEFAULT]\nb = 1\nz = 2\n[s]\ny = 3\nb = 4\n");
	assert_int_equal(ini_each_option(&ini, section("s"), collect_key, keys), 0);
	assert_string_equal(keys, "y b z ");
	expect_get("s", "b", "4");
	expect_get("s", "z", "2");
}

static void
test_ini_interpolates_from_the_section_then_defaults(void **state)
{
	(void)state;
	PARSE("[DEFAULT]\nbase = %(own)s-x\n[s]\nown = a\nk = %(base)s 100%%\n  %(own)s\n");
	assert_int_equal(diags.len, 0);
	expect_get("s", "k", "a-x 100%\na");
	assert_int_equal(value.map[0], (size_t)(strstr(src.text.ptr, "a\nk") - src.text.ptr));
	assert_int_equal(value.map[1], 24);   /* the "-" after %(own)s in [DEFAULT] */
}

static void
test_ini_refuses_bad_interpolation(void **state)
{
	(void)state;
	PARSE("[s]\na = 100%\nb = %(missing)s\nc = %(B)s\nB = x\nd = %(\n  b)s\n");
	assert_int_equal(diags.len, 3);
	expect_diag(0, DIAG_ERROR, 2, 8, "expected '%%' or '%(name)s' after '%'");
	expect_diag(1, DIAG_ERROR, 3, 5, "expected an option 'missing' in [s] or [DEFAULT]");
	expect_diag(2, DIAG_ERROR, 6, 5, "expected an option '");   /* a name across lines */
	assert_int_equal(ini_get(&ini, &value, section("s"), option("s", "b")), ERR_SYNTAX);
	expect_get("s", "c", "x");         /* names are case-sensitive: B is not b */
}

/* A chain of @n options d1 -> d2 -> ... -> dn = "end", read from k = %(d1)s. */
static void
parse_chain(char *buf, size_t size, int n)
{
	int len = snprintf(buf, size, "[s]\nk = %%(d1)s\n");

	for (int i = 1; i < n; i++)
		len += snprintf(buf + len, size - (size_t)len, "d%d = %%(d%d)s\n", i, i + 1);
	len += snprintf(buf + len, size - (size_t)len, "d%d = end\n", n);
	parse_len(buf, (size_t)len);
}

static void
test_ini_interpolates_ten_deep_and_no_deeper(void **state)
{
	char buf[512];

	(void)state;
	parse_chain(buf, sizeof(buf), 10);     /* k and d1..d9 hold a '%': 10 deep */
	assert_int_equal(diags.len, 0);
	expect_get("s", "k", "end");
	ini_release(&ini);
	parse_chain(buf, sizeof(buf), 11);
	assert_int_equal(diags.len, 1);
	expect_diag(0, DIAG_ERROR, 2, 1, "expected references nested at most 10 deep: 'k'");
	assert_int_equal(ini_get(&ini, &value, section("s"), option("s", "k")), ERR_SYNTAX);
}

static void
test_ini_refuses_a_reference_loop(void **state)
{
	(void)state;
	PARSE("[s]\na = %(b)s\nb = x%(a)s\n");
	assert_int_equal(diags.len, 1);
	expect_diag(0, DIAG_ERROR, 2, 1, "expected references nested at most 10 deep");
}

static void
test_ini_defaults_are_checked_in_each_section_only(void **state)
{
	(void)state;
	/* no section: configparser's caller gets nothing, so nothing is refused */
	PARSE("[DEFAULT]\na = %\nb = %(x)s\n");
	assert_int_equal(diags.len, 0);
	ini_release(&ini);
	/* [t] has x, [u] has not */
	PARSE("[DEFAULT]\nb = %(x)s\n[t]\nx = 1\n[u]\n");
	assert_int_equal(diags.len, 1);
	expect_diag(0, DIAG_ERROR, 2, 5, "expected an option 'x' in [u] or [DEFAULT]");
	expect_get("t", "b", "1");
}

static void
test_ini_stops_past_its_limits(void **state)
{
	struct strbuf sb = { 0 };

	(void)state;
	/* 100 x 100 x 200 bytes: two MiB from a file of 20 KiB */
	strbuf_adds(&sb, "[s]\nk = %(b1)s\nb1 = ");
	for (int i = 0; i < 100; i++)
		strbuf_adds(&sb, "%(b2)s");
	strbuf_adds(&sb, "\nb2 = ");
	for (int i = 0; i < 100; i++)
		strbuf_adds(&sb, "%(b3)s");
	strbuf_adds(&sb, "\nb3 = ");
	for (int i = 0; i < 200; i++)
		strbuf_adds(&sb, "x");
	strbuf_adds(&sb, "\n");
	parse_len(strbuf_cstr(&sb), sb.len);
	assert_int_equal(diags.len, 0);
	assert_int_equal(ini_get(&ini, &value, section("s"), option("s", "k")), ERR_LIMIT);
	expect_diag(0, DIAG_WARNING, 2, 1, "expected 'k' to interpolate within deputy's limit");
	ini_release(&ini);
	diags.len = 0;
	/* 1,200 sections each reading 1,000 options of [DEFAULT] */
	strbuf_reset(&sb);
	strbuf_adds(&sb, "[DEFAULT]\n");
	for (int i = 0; i < 1000; i++)
		strbuf_printf(&sb, "d%d = %%%%\n", i);
	for (int i = 0; i < 1200; i++)
		strbuf_printf(&sb, "[s%d]\n", i);
	parse_len(strbuf_cstr(&sb), sb.len);
	assert_int_equal(diags.len, 1);
	assert_int_equal(diags.items[0].level, DIAG_WARNING);
	assert_true(strstr(diags.items[0].message, "expected fewer sections reading [DEFAULT]"));
	strbuf_release(&sb);
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_ini_values_skip_comments_and_keep_inner_blank_lines),
		T(test_ini_continuation_is_deeper_indentation_in_characters),
		T(test_ini_a_bad_line_keeps_the_option_open),
		T(test_ini_reads_cr_crlf_and_lf_line_ends),
		T(test_ini_headers_run_to_the_last_bracket),
		T(test_ini_keys_end_at_the_first_delimiter),
		T(test_ini_refuses_what_strict_mode_refuses),
		T(test_ini_refuses_a_byte_order_mark_and_bad_utf8),
		T(test_ini_options_lists_the_sections_then_defaults),
		T(test_ini_interpolates_from_the_section_then_defaults),
		T(test_ini_refuses_bad_interpolation),
		T(test_ini_interpolates_ten_deep_and_no_deeper),
		T(test_ini_refuses_a_reference_loop),
		T(test_ini_defaults_are_checked_in_each_section_only),
		T(test_ini_stops_past_its_limits),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
