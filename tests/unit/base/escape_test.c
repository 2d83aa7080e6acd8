/* core/base/escape.c: nothing unsafe passes, everything safe passes unchanged. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "deputy/escape.h"

static char *
esc(struct strbuf *sb, const char *s, size_t len)
{
	strbuf_reset(sb);
	assert_int_equal(escape_text(sb, sv_make(s, len), false), 0);
	return sb->ptr ? sb->ptr : "";
}

static void
test_escape_copies_printable_utf8_unchanged(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	assert_string_equal(esc(&sb, "requests==2.31 café 日本", 27), "requests==2.31 café 日本");
	assert_true(escape_is_safe(sv_from_cstr("café"), false));
	strbuf_release(&sb);
}

static void
test_escape_shows_esc_sequences_visibly(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	const char *s = "\x1b]0;pwned\x07" "evil\x1b[2J";
	assert_string_equal(esc(&sb, s, strlen(s)), "\\e]0;pwned\\x07evil\\e[2J");
	assert_false(escape_is_safe(sv_from_cstr(s), false));
	strbuf_release(&sb);
}

static void
test_escape_replaces_invalid_utf8_and_c1_controls(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	assert_string_equal(esc(&sb, "a\xff" "b", 3), "a\\xffb");
	assert_string_equal(esc(&sb, "\xc2\x9b" "31m", 5), "\\u{009b}31m");  /* C1 CSI */
	assert_string_equal(esc(&sb, "\xc0\xaf", 2), "\\xc0\\xaf");          /* overlong */
	assert_string_equal(esc(&sb, "\xed\xa0\x80", 3), "\\xed\\xa0\\x80"); /* surrogate */
	strbuf_release(&sb);
}

static void
test_escape_shows_bidi_controls(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	/* U+202E RIGHT-TO-LEFT OVERRIDE, as in Trojan Source */
	assert_string_equal(esc(&sb, "a\xe2\x80\xae" "b", 5), "a\\u{202e}b");
	strbuf_release(&sb);
}

static void
test_escape_keeps_nul_visible(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	assert_string_equal(esc(&sb, "a\0b\tc\n", 6), "a\\x00b\\tc\\n");
	strbuf_reset(&sb);
	escape_text(&sb, sv_make("a\tb", 3), true);
	assert_string_equal(sb.ptr, "a\tb");
	strbuf_release(&sb);
}

static char *
ascii(struct strbuf *sb, const char *s, size_t len, bool json)
{
	strbuf_reset(sb);
	assert_int_equal(escape_ascii(sb, sv_make(s, len), json), 0);
	return sb->ptr ? sb->ptr : "";
}

/*
 * Outside a UTF-8 locale: ASCII copied, every other character (an arrow, a
 * dash: a repository's "→" must not pass for deputy's "->"; a C1 control's
 * bytes) as \u{XXXX}, a byte that is not UTF-8 as \xNN; the result never
 * holds a byte above 0x7f.
 */
static void
test_escape_ascii_text(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s = "req \xe2\x86\x92 urlib3 dev\xe2\x80\x93x x\xc4\x9b" "2J \xc2\x9b \xff "
			"\xf0\x9f\x98\x80 \\e\t";
	const char *got;

	(void)state;
	got = ascii(&sb, s, strlen(s), false);
	assert_string_equal(got, "req \\u{2192} urlib3 dev\\u{2013}x x\\u{011b}2J \\u{009b} \\xff \\u{1f600} \\e\t");
	for (const char *p = got; *p; p++)
		assert_true((unsigned char)*p < 0x80);
	assert_string_equal(ascii(&sb, "plain", 5, false), "plain");
	assert_string_equal(ascii(&sb, "", 0, false), "");
	strbuf_release(&sb);
}

/* JSON: \uXXXX escapes, a surrogate pair beyond U+FFFF, U+FFFD for a byte that is not UTF-8. */
static void
test_escape_ascii_json(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s = "{\"p\":\"x\xc4\x9b" "2J \xe2\x86\x92 \xf0\x9f\x98\x80 \xc2\x9b\xff\"}";

	(void)state;
	assert_string_equal(ascii(&sb, s, strlen(s), true),
			    "{\"p\":\"x\\u011b2J \\u2192 \\ud83d\\ude00 \\u009b\\ufffd\"}");
	strbuf_release(&sb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_copies_printable_utf8_unchanged),
		cmocka_unit_test(test_escape_shows_esc_sequences_visibly),
		cmocka_unit_test(test_escape_replaces_invalid_utf8_and_c1_controls),
		cmocka_unit_test(test_escape_shows_bidi_controls),
		cmocka_unit_test(test_escape_keeps_nul_visible),
		cmocka_unit_test(test_escape_ascii_text),
		cmocka_unit_test(test_escape_ascii_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
