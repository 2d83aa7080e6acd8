/*
 * Theme parsing and the text measuring behind draw_text(), without a
 * terminal: every shipped theme parses, bad themes are refused with a
 * reason, and escaped or wide text is measured and wrapped whole.
 */
#include <dirent.h>
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "deputy/diag.h"
#include "draw.h"
#include "theme.h"

extern const char theme_default_json[];

static char *
slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *buf = calloc(1, 1 << 20);

	assert_non_null(fp);
	assert_non_null(buf);
	fread(buf, 1, (1 << 20) - 1, fp);
	fclose(fp);
	return buf;
}

static void
spec_clear(struct theme_spec *spec)
{
	for (int el = 0; el < EL_COUNT; el++) {
		spec->fg[el] = -2;
		spec->bg[el] = -2;
		spec->attrs[el] = A_NORMAL;
	}
}

static void
test_theme_every_shipped_theme_parses(void **state)
{
	DIR *dir = opendir(DEPUTY_THEMES_DIR);
	struct dirent *e;
	int seen = 0;

	(void)state;
	assert_non_null(dir);
	while ((e = readdir(dir))) {
		size_t n = strlen(e->d_name);
		char path[1024], err[200] = "";
		struct theme_spec spec;
		char *json;

		if (n < 6 || strcmp(e->d_name + n - 5, ".json") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", DEPUTY_THEMES_DIR, e->d_name);
		json = slurp(path);
		spec_clear(&spec);
		if (theme_parse(&spec, json, err, sizeof(err)) != 0)
			fail_msg("%s: %s", path, err);
		free(json);
		seen++;
	}
	closedir(dir);
	assert_true(seen >= 1);
}

static void
test_theme_default_sets_every_element(void **state)
{
	struct theme_spec spec;
	char err[200] = "";

	(void)state;
	spec_clear(&spec);
	assert_int_equal(theme_parse(&spec, theme_default_json, err, sizeof(err)), 0);
	for (int el = 0; el < EL_COUNT; el++) {
		assert_int_not_equal(spec.fg[el], -2);
		assert_int_not_equal(spec.bg[el], -2);
	}
	assert_int_equal(spec.fg[EL_CRITICAL], COLOR_WHITE);
	assert_int_equal(spec.bg[EL_CRITICAL], COLOR_RED);
	assert_true(spec.attrs[EL_CRITICAL] & A_BOLD);
}

static void
test_theme_left_out_elements_keep_their_style(void **state)
{
	struct theme_spec spec;
	char err[200] = "";

	(void)state;
	spec_clear(&spec);
	spec.fg[EL_HIGH] = COLOR_RED;
	assert_int_equal(theme_parse(&spec, "{\"elements\":{\"mark\":{\"fg\":208,"
				     "\"attrs\":[\"underline\"]}}}", err, sizeof(err)), 0);
	assert_int_equal(spec.fg[EL_MARK], 208);
	assert_true(spec.attrs[EL_MARK] & A_UNDERLINE);
	assert_int_equal(spec.fg[EL_HIGH], COLOR_RED);
}

static void
test_theme_bad_colour_names_the_element(void **state)
{
	struct theme_spec spec;
	char err[200] = "";

	(void)state;
	spec_clear(&spec);
	assert_int_equal(theme_parse(&spec, "{\"elements\":{\"critical\":{\"fg\":\"purple\"}}}",
				     err, sizeof(err)), ERR_SYNTAX);
	assert_string_equal(err, "critical.fg: expected a colour name or a number 0-255");
	assert_int_equal(theme_parse(&spec, "{\"elements\":{\"low\":{\"bg\":256}}}",
				     err, sizeof(err)), ERR_SYNTAX);
	assert_string_equal(err, "low.bg: expected a colour name or a number 0-255");
}

static void
test_theme_refuses_unknown_names(void **state)
{
	struct theme_spec spec;
	char err[200] = "";

	(void)state;
	spec_clear(&spec);
	assert_int_equal(theme_parse(&spec, "{\"elements\":{\"sparkle\":{}}}", err, sizeof(err)),
			 ERR_SYNTAX);
	assert_string_equal(err, "unknown element \"sparkle\"");
	assert_int_equal(theme_parse(&spec, "{\"elements\":{\"tree\":{\"attrs\":[\"blink\"]}}}",
				     err, sizeof(err)), ERR_SYNTAX);
	assert_non_null(strstr(err, "tree.attrs: unknown attribute"));
	assert_int_equal(theme_parse(&spec, "{\"elements\":{\"tree\":{\"colour\":1}}}",
				     err, sizeof(err)), ERR_SYNTAX);
	assert_non_null(strstr(err, "unknown key"));
	assert_int_equal(theme_parse(&spec, "[1, 2]", err, sizeof(err)), ERR_SYNTAX);
	assert_non_null(strstr(err, "\"elements\""));
}

static void
test_theme_invalid_json_gives_the_line(void **state)
{
	struct theme_spec spec;
	char err[200] = "";

	(void)state;
	spec_clear(&spec);
	assert_int_equal(theme_parse(&spec, "{\n\"elements\": {\n\"tree\": { \"fg\": red }\n}}",
				     err, sizeof(err)), ERR_SYNTAX);
	assert_string_equal(err, "line 3: not valid JSON");
}

static void
test_draw_width_counts_escapes_and_wide_characters(void **state)
{
	(void)state;
	/* ESC ] 0 ; x BEL shows as \e]0;x\x07: 2 + 4 + 4 columns. */
	assert_int_equal(draw_width(sv_from_cstr("\x1b]0;x\x07")), 10);
	assert_int_equal(draw_width(sv_from_cstr("\xe6\x97\xa5\xe6\x9c\xac")), 4);  /* 日本 */
	assert_int_equal(draw_width(sv_make("a\0b", 3)), 6);                          /* a\x00b */
	assert_int_equal(draw_width(sv_from_cstr("\xff")), 4);                        /* \xff */
	assert_int_equal(draw_width(sv_from_cstr("\xe2\x80\xae")), 8);               /* \u{202e} */
}

static void
test_draw_wrap_never_splits_a_wide_character(void **state)
{
	struct sv rest = sv_from_cstr("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e");  /* 日本語: 6 columns */
	struct sv line;

	(void)state;
	line = draw_wrap_next(&rest, 3);
	assert_int_equal(line.len, 3);   /* one character: two would need 4 columns */
	line = draw_wrap_next(&rest, 3);
	assert_int_equal(line.len, 3);
	line = draw_wrap_next(&rest, 3);
	assert_int_equal(line.len, 3);
	assert_int_equal(rest.len, 0);
}

static void
test_draw_wrap_breaks_after_spaces(void **state)
{
	struct sv rest = sv_from_cstr("one two three");
	struct sv line;

	(void)state;
	line = draw_wrap_next(&rest, 9);
	assert_true(sv_eq_cstr(line, "one two"));
	line = draw_wrap_next(&rest, 9);
	assert_true(sv_eq_cstr(line, "three"));
	assert_int_equal(rest.len, 0);
	rest = sv_from_cstr("abcdefghij");
	line = draw_wrap_next(&rest, 4);
	assert_true(sv_eq_cstr(line, "abcd"));
}

static void
test_draw_keep_tail_keeps_whole_characters(void **state)
{
	struct sv s = draw_keep_tail(sv_from_cstr("/home/\xe6\x97\xa5\xe6\x9c\xac/repo"), 7);

	(void)state;
	assert_true(sv_eq_cstr(s, "\xe6\x9c\xac/repo"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_theme_every_shipped_theme_parses),
		cmocka_unit_test(test_theme_default_sets_every_element),
		cmocka_unit_test(test_theme_left_out_elements_keep_their_style),
		cmocka_unit_test(test_theme_bad_colour_names_the_element),
		cmocka_unit_test(test_theme_refuses_unknown_names),
		cmocka_unit_test(test_theme_invalid_json_gives_the_line),
		cmocka_unit_test(test_draw_width_counts_escapes_and_wide_characters),
		cmocka_unit_test(test_draw_wrap_never_splits_a_wide_character),
		cmocka_unit_test(test_draw_wrap_breaks_after_spaces),
		cmocka_unit_test(test_draw_keep_tail_keeps_whole_characters),
	};

	if (!setlocale(LC_ALL, "C.UTF-8"))
		return 77;   /* no UTF-8 locale: widths cannot be measured */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
