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
#include <wchar.h>

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

/* Parses the shipped theme @name with every element unset first. */
static void
parse_shipped(struct theme_spec *spec, const char *name)
{
	char path[1024], err[200] = "";
	char *json;

	snprintf(path, sizeof(path), "%s/%s.json", DEPUTY_THEMES_DIR, name);
	json = slurp(path);
	spec_clear(spec);
	if (theme_parse(spec, json, err, sizeof(err)) != 0)
		fail_msg("%s: %s", path, err);
	free(json);
}

static void
test_theme_every_builtin_names_every_element(void **state)
{
	size_t count;
	const char *const *names = theme_builtin_names(&count);

	(void)state;
	assert_true(count >= 5);
	for (size_t i = 0; i < count; i++) {
		struct theme_spec spec;

		parse_shipped(&spec, names[i]);
		for (int el = 0; el < EL_COUNT; el++)
			if (spec.fg[el] == -2 || spec.bg[el] == -2)
				fail_msg("theme %s leaves element %d out", names[i], el);
	}
}

static void
test_theme_mono_has_attributes_only(void **state)
{
	static const attr_t mono[] = {
#define X(id, name, attrs) attrs,
		THEME_ELEMENTS(X)
#undef X
	};
	struct theme_spec spec;

	(void)state;
	parse_shipped(&spec, "mono");
	for (int el = 0; el < EL_COUNT; el++) {
		assert_int_equal(spec.fg[el], -1);
		assert_int_equal(spec.bg[el], -1);
		/* the same attributes NO_COLOR gets */
		assert_int_equal(spec.attrs[el], mono[el]);
	}
}

static void
test_theme_map_color_picks_the_nearest_basic_colour(void **state)
{
	(void)state;
	assert_int_equal(theme_map_color(75, 256), 75);
	assert_int_equal(theme_map_color(-1, 8), -1);
	assert_int_equal(theme_map_color(3, 8), 3);
	assert_int_equal(theme_map_color(9, 16), 9);
	assert_int_equal(theme_map_color(9, 8), COLOR_RED);          /* bright red */
	assert_int_equal(theme_map_color(196, 16), 9);               /* #ff0000 */
	assert_int_equal(theme_map_color(196, 8), COLOR_RED);
	assert_int_equal(theme_map_color(214, 8), COLOR_YELLOW);     /* orange, not 214 % 8 */
	assert_int_equal(theme_map_color(214, 16), COLOR_YELLOW);
	assert_int_equal(theme_map_color(21, 8), COLOR_BLUE);        /* #0000ff */
	assert_int_equal(theme_map_color(75, 16), 12);               /* sky blue: bright blue */
	assert_int_equal(theme_map_color(46, 16), 10);               /* #00ff00 */
	assert_int_equal(theme_map_color(51, 8), COLOR_CYAN);
	assert_int_equal(theme_map_color(232, 8), COLOR_BLACK);      /* darkest grey */
	assert_int_equal(theme_map_color(255, 8), COLOR_WHITE);      /* lightest grey */
	assert_int_equal(theme_map_color(244, 16), 8);               /* mid grey: bright black */
	assert_int_equal(theme_map_color(201, 8), COLOR_MAGENTA);
	assert_int_equal(theme_map_color(75, 2), -1);                /* too few colours */
}

/* A curses screen on /dev/null, for reading back what draw_text() put in a window. */
static SCREEN *
null_screen(FILE **out, FILE **in)
{
	SCREEN *screen;

	setenv("TERM", "xterm", 1);
	*out = fopen("/dev/null", "w");
	*in = fopen("/dev/null", "r");
	assert_non_null(*out);
	assert_non_null(*in);
	screen = newterm(NULL, *out, *in);
	assert_non_null(screen);
	set_term(screen);
	return screen;
}

static void
null_screen_end(SCREEN *screen, FILE *out, FILE *in)
{
	endwin();
	delscreen(screen);
	fclose(out);
	fclose(in);
}

/* Row 0 of @win as text (a wide character once). */
static void
row_text(WINDOW *win, wchar_t *buf, int n)
{
	mvwinnwstr(win, 0, 0, buf, n);
	for (int i = (int)wcslen(buf); i > 0 && buf[i - 1] == L' '; i--)
		buf[i - 1] = L'\0';
}

static void
test_draw_text_never_cuts_a_wide_character(void **state)
{
	FILE *out, *in;
	SCREEN *screen = null_screen(&out, &in);
	WINDOW *win = newwin(1, 30, 0, 0);
	wchar_t buf[64];

	(void)state;
	/* a日本語日本語: 13 columns. In 8: "a日本語" (7) and the ellipsis. */
	assert_int_equal(draw_cstr(win, "a\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"
				   "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 8, A_NORMAL), 8);
	row_text(win, buf, 64);
	assert_true(wcscmp(buf, L"a\u65e5\u672c\u8a9e\u2026") == 0);
	/* In 7, 語 would need columns 6-7 and leave none for the ellipsis: it goes. */
	werase(win);
	wmove(win, 0, 0);
	assert_int_equal(draw_cstr(win, "a\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"
				   "\xe6\x97\xa5", 7, A_NORMAL), 6);
	row_text(win, buf, 64);
	assert_true(wcscmp(buf, L"a\u65e5\u672c\u2026") == 0);
	/* An emoji is two columns too. */
	werase(win);
	wmove(win, 0, 0);
	assert_int_equal(draw_cstr(win, "\xf0\x9f\x93\xa6\xf0\x9f\x93\xa6x", 5, A_NORMAL), 5);
	delwin(win);
	null_screen_end(screen, out, in);
}

static void
test_draw_ascii_uses_ascii_glyphs_only(void **state)
{
	FILE *out, *in;
	SCREEN *screen = null_screen(&out, &in);
	WINDOW *win = newwin(1, 30, 0, 0);
	wchar_t buf[64];

	(void)state;
	assert_true(draw_utf8());
	assert_string_equal(draw_glyphs()->fold_open, "\xe2\x96\xbe");
	draw_set_ascii(true);
	assert_false(draw_utf8());
	assert_string_equal(draw_ellipsis(), "...");
	assert_string_equal(draw_glyphs()->fold_open, "-");
	assert_string_equal(draw_glyphs()->fold_closed, "+");
	assert_string_equal(draw_glyphs()->arrow, "->");
	/* Text that does not fit ends with "..."; non-ASCII shows as '?'. */
	assert_int_equal(draw_cstr(win, "abc\xe6\x97\xa5" "defghij", 8, A_NORMAL), 8);
	row_text(win, buf, 64);
	assert_true(wcscmp(buf, L"abc?d...") == 0);
	werase(win);
	wmove(win, 0, 0);
	assert_int_equal(draw_cstr(win, "abcdef", 6, A_NORMAL), 6);
	row_text(win, buf, 64);
	assert_true(wcscmp(buf, L"abcdef") == 0);
	draw_set_ascii(false);
	assert_true(draw_utf8());
	delwin(win);
	null_screen_end(screen, out, in);
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

/* The longest tail that fits, for text mixing escapes, bad bytes and wide characters. */
static void
test_draw_keep_tail_keeps_the_longest_tail_that_fits(void **state)
{
	struct sv text = sv_from_cstr("\x1b[31mab\xff\xc3\xa9\xe6\x97\xa5\t\xe2\x80\xaez");

	(void)state;
	for (int width = 0; width <= draw_width(text) + 1; width++) {
		struct sv tail = draw_keep_tail(text, width);
		size_t dropped = text.len - tail.len;

		assert_true(tail.ptr + tail.len == text.ptr + text.len);
		assert_true(tail.len == 0 || draw_width(tail) <= width);
		if (dropped > 0) {
			/* One step more (a byte or a whole character) would not fit. */
			size_t back = 1;

			while (back < dropped && back < 4 && (text.ptr[dropped - back] & 0xc0) == 0x80)
				back++;
			assert_true(draw_width(sv_tail(text, dropped - back)) > width);
		}
	}
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
		cmocka_unit_test(test_theme_every_builtin_names_every_element),
		cmocka_unit_test(test_theme_mono_has_attributes_only),
		cmocka_unit_test(test_theme_map_color_picks_the_nearest_basic_colour),
		cmocka_unit_test(test_draw_text_never_cuts_a_wide_character),
		cmocka_unit_test(test_draw_ascii_uses_ascii_glyphs_only),
		cmocka_unit_test(test_draw_width_counts_escapes_and_wide_characters),
		cmocka_unit_test(test_draw_wrap_never_splits_a_wide_character),
		cmocka_unit_test(test_draw_wrap_breaks_after_spaces),
		cmocka_unit_test(test_draw_keep_tail_keeps_whole_characters),
		cmocka_unit_test(test_draw_keep_tail_keeps_the_longest_tail_that_fits),
	};

	if (!setlocale(LC_ALL, "C.UTF-8"))
		return 77;   /* no UTF-8 locale: widths cannot be measured */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
