/* Tests for core/lex/reqfile.c: logical lines, comments, options, limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lex/reqfile.h"

#define MAX_SEEN 16

struct seen {
	size_t n;
	char text[MAX_SEEN][256];
	char args[MAX_SEEN][256];
	unsigned line[MAX_SEEN];
	size_t n_options[MAX_SEEN];
	enum reqfile_option_kind kind[MAX_SEEN][4];
	char value[MAX_SEEN][4][128];
	size_t value_file_at[MAX_SEEN][4];
	size_t args_file_at[MAX_SEEN];
	bool env_var[MAX_SEEN];
};

static struct arena arena;
static struct diags diags;
static struct seen seen;

static int
setup(void **state)
{
	(void)state;
	arena_init(&arena);
	diags_init(&diags, &arena);
	memset(&seen, 0, sizeof(seen));
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	diags_release(&diags);
	arena_release(&arena);
	return 0;
}

static int
collect(const struct reqfile_line *line, void *payload)
{
	struct seen *s = payload;
	size_t i = s->n;

	if (i >= MAX_SEEN)
		return 0;
	snprintf(s->text[i], sizeof(s->text[i]), "%.*s", (int)line->text.len, line->text.ptr);
	snprintf(s->args[i], sizeof(s->args[i]), "%.*s", (int)line->args.len, line->args.ptr);
	s->line[i] = line->line;
	s->n_options[i] = line->n_options;
	s->env_var[i] = line->env_var;
	s->args_file_at[i] = reqfile_file_offset(line, 0);
	for (size_t o = 0; o < line->n_options && o < 4; o++) {
		s->kind[i][o] = line->options[o].kind;
		snprintf(s->value[i][o], sizeof(s->value[i][o]), "%s", line->options[o].value);
		s->value_file_at[i][o] = line->options[o].value_start;
	}
	s->n++;
	return 0;
}

static void
parse_text(const char *text, size_t len)
{
	struct source src = { "requirements.txt", { text, len } };

	assert_int_equal(reqfile_parse(&src, &arena, &diags, collect, &seen), 0);
}

#define PARSE(lit) parse_text((lit), sizeof(lit) - 1)

static void
test_reqfile_joins_backslash_continuation(void **state)
{
	(void)state;
	PARSE("numpy \\\n   >=1.0 \\\n  ,<2\nsix\n");
	assert_int_equal(seen.n, 2);
	assert_string_equal(seen.text[0], "numpy    >=1.0   ,<2");
	assert_int_equal(seen.line[0], 1);
	assert_string_equal(seen.text[1], "six");
	assert_int_equal(seen.line[1], 4);
}

static void
test_reqfile_continuation_before_comment_line_ends_there(void **state)
{
	(void)state;
	PARSE("foo \\\n# note\nbar\n");
	assert_int_equal(seen.n, 2);
	assert_string_equal(seen.text[0], "foo");
	assert_string_equal(seen.text[1], "bar");
	assert_int_equal(seen.line[1], 3);
}

static void
test_reqfile_continuation_at_end_of_file(void **state)
{
	(void)state;
	PARSE("foo \\");
	assert_int_equal(seen.n, 1);
	assert_string_equal(seen.text[0], "foo");
}

static void
test_reqfile_cuts_comments_only_after_space(void **state)
{
	(void)state;
	PARSE("# whole line\n  # indented\nfoo#bar\nbaz  # comment\nurl#egg=x\tq\t#c\n\n   \n");
	assert_int_equal(seen.n, 3);
	assert_string_equal(seen.text[0], "foo#bar");
	assert_string_equal(seen.text[1], "baz");
	assert_string_equal(seen.text[2], "url#egg=x\tq");
}

static void
test_reqfile_splits_python_line_breaks(void **state)
{
	(void)state;
	PARSE("a\r\nb\rc\vd\fe\x1c" "f\xe2\x80\xa8g");
	assert_int_equal(seen.n, 7);
	assert_string_equal(seen.text[6], "g");
	assert_int_equal(seen.line[6], 7);
}

static void
test_reqfile_skips_utf8_bom(void **state)
{
	(void)state;
	PARSE("\xef\xbb\xbf" "foo\n");
	assert_int_equal(seen.n, 1);
	assert_string_equal(seen.text[0], "foo");
}

static void
test_reqfile_separates_args_from_options(void **state)
{
	(void)state;
	PARSE("django>=4 --hash=sha256:abcd --hash sha512:ef\n");
	assert_int_equal(seen.n, 1);
	assert_string_equal(seen.args[0], "django>=4");
	assert_int_equal(seen.n_options[0], 2);
	assert_int_equal(seen.kind[0][0], REQOPT_HASH);
	assert_string_equal(seen.value[0][0], "sha256:abcd");
	assert_int_equal(seen.value_file_at[0][0], 17);
	assert_string_equal(seen.value[0][1], "sha512:ef");
}

static void
test_reqfile_reads_every_option(void **state)
{
	(void)state;
	PARSE("-r base.txt\n--requirement=b.txt\n-c cons.txt\n-e ./pkg\n-i https://i\n"
	      "--extra-index-url https://x\n--trusted-host h\n-f ./w\n--no-index --pre\n"
	      "--prefer-binary --require-hashes\n--only-binary=:all: --no-binary x\n"
	      "--use-feature fast-deps\n");
	assert_int_equal(seen.n, 12);
	assert_int_equal(seen.kind[0][0], REQOPT_REQUIREMENT);
	assert_string_equal(seen.value[0][0], "base.txt");
	assert_int_equal(seen.kind[1][0], REQOPT_REQUIREMENT);
	assert_string_equal(seen.value[1][0], "b.txt");
	assert_int_equal(seen.kind[2][0], REQOPT_CONSTRAINT);
	assert_int_equal(seen.kind[3][0], REQOPT_EDITABLE);
	assert_string_equal(seen.value[3][0], "./pkg");
	assert_int_equal(seen.kind[4][0], REQOPT_INDEX_URL);
	assert_int_equal(seen.kind[5][0], REQOPT_EXTRA_INDEX_URL);
	assert_int_equal(seen.kind[6][0], REQOPT_TRUSTED_HOST);
	assert_int_equal(seen.kind[7][0], REQOPT_FIND_LINKS);
	assert_int_equal(seen.kind[8][0], REQOPT_NO_INDEX);
	assert_int_equal(seen.kind[8][1], REQOPT_PRE);
	assert_int_equal(seen.kind[9][0], REQOPT_PREFER_BINARY);
	assert_int_equal(seen.kind[9][1], REQOPT_REQUIRE_HASHES);
	assert_int_equal(seen.kind[10][0], REQOPT_ONLY_BINARY);
	assert_int_equal(seen.kind[10][1], REQOPT_NO_BINARY);
	assert_int_equal(seen.kind[11][0], REQOPT_USE_FEATURE);
	assert_int_equal(diags.len, 0);
}

static void
test_reqfile_accepts_abbreviations_and_glued_values(void **state)
{
	(void)state;
	PARSE("--index https://i\n-rbase.txt\n-e.\nfoo -C k=v --global-option=--x\n");
	assert_int_equal(seen.n, 4);
	assert_int_equal(seen.kind[0][0], REQOPT_INDEX_URL);
	assert_string_equal(seen.value[1][0], "base.txt");
	assert_string_equal(seen.value[2][0], ".");
	assert_int_equal(seen.kind[3][0], REQOPT_CONFIG_SETTINGS);
	assert_int_equal(seen.kind[3][1], REQOPT_GLOBAL_OPTION);
	assert_string_equal(seen.value[3][1], "--x");
}

static void
test_reqfile_unquotes_option_values(void **state)
{
	(void)state;
	PARSE("foo --global-option='a b' --global-option=\"c\\\"d\"\n");
	assert_int_equal(seen.n, 1);
	assert_string_equal(seen.value[0][0], "a b");
	assert_string_equal(seen.value[0][1], "c\"d");
}

static void
test_reqfile_bad_line_is_diagnostic_and_reading_continues(void **state)
{
	(void)state;
	PARSE("--no-such-option\nfoo --hash=md5:x\n-e\nbar --global-option='open\n"
	      "--pre=1\n-C novalue\n--use-feature=nope\n--no x\nok\n");
	assert_int_equal(seen.n, 1);
	assert_string_equal(seen.text[0], "ok");
	assert_int_equal(diags.len, 8);
	assert_int_equal(diags.items[0].line, 1);
	assert_string_equal(diags.items[0].message, "unknown option --no-such-option");
	assert_int_equal(diags.items[1].line, 2);
	assert_int_equal(diags.items[1].column, 12);
	assert_string_equal(diags.items[2].message, "expected a value after -e");
	assert_string_equal(diags.items[3].message, "expected a closing quote in the options");
	assert_string_equal(diags.items[4].message, "option --pre takes no value");
	assert_string_equal(diags.items[7].message, "ambiguous option --no");
}

static void
test_reqfile_notes_env_var_references(void **state)
{
	(void)state;
	PARSE("pkg @ https://${TOKEN_1}@h/p.zip\nplain$ {X}\nlower${abc}\n");
	assert_int_equal(seen.n, 3);
	assert_true(seen.env_var[0]);
	assert_false(seen.env_var[1]);
	assert_false(seen.env_var[2]);
	assert_string_equal(seen.text[0], "pkg @ https://${TOKEN_1}@h/p.zip");
}

static void
test_reqfile_maps_offsets_across_continuations(void **state)
{
	(void)state;
	PARSE("x\n  foo \\\n--hash=sha256:ab\n");
	assert_int_equal(seen.n, 2);
	assert_int_equal(seen.args_file_at[1], 4);
	assert_int_equal(seen.value_file_at[1][0], 17);
}

static void
test_reqfile_survives_nul_bytes_and_invalid_utf8(void **state)
{
	(void)state;
	static const char text[] = "fo\0o\n\xff\xfe bar\n-r \0x\n";
	parse_text(text, sizeof(text) - 1);
	assert_int_equal(seen.n, 3);
	assert_int_equal(seen.line[1], 2);
	assert_int_equal(seen.kind[2][0], REQOPT_REQUIREMENT);
}

static void
test_reqfile_limits_line_length(void **state)
{
	(void)state;
	size_t n = REQFILE_MAX_LINE * 2;
	char *text = malloc(n + 8);
	memset(text, 'a', n);
	memcpy(text + n, "\nok\n", 4);
	parse_text(text, n + 4);
	assert_int_equal(seen.n, 1);
	assert_string_equal(seen.text[0], "ok");
	assert_int_equal(diags.len, 1);
	assert_non_null(strstr(diags.items[0].message, "shorter than"));
	free(text);
}

static void
test_reqfile_limits_token_count(void **state)
{
	(void)state;
	size_t n = (REQFILE_MAX_TOKENS + 10) * 7;
	char *text = malloc(n + 16);
	size_t len = 0;
	len += (size_t)sprintf(text, "foo");
	while (len + 8 < n)
		len += (size_t)sprintf(text + len, " --pre");
	len += (size_t)sprintf(text + len, "\nok\n");
	parse_text(text, len);
	assert_int_equal(seen.n, 1);
	assert_int_equal(diags.len, 1);
	assert_non_null(strstr(diags.items[0].message, "too many"));
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_reqfile_joins_backslash_continuation),
		T(test_reqfile_continuation_before_comment_line_ends_there),
		T(test_reqfile_continuation_at_end_of_file),
		T(test_reqfile_cuts_comments_only_after_space),
		T(test_reqfile_splits_python_line_breaks),
		T(test_reqfile_skips_utf8_bom),
		T(test_reqfile_separates_args_from_options),
		T(test_reqfile_reads_every_option),
		T(test_reqfile_accepts_abbreviations_and_glued_values),
		T(test_reqfile_unquotes_option_values),
		T(test_reqfile_bad_line_is_diagnostic_and_reading_continues),
		T(test_reqfile_notes_env_var_references),
		T(test_reqfile_maps_offsets_across_continuations),
		T(test_reqfile_survives_nul_bytes_and_invalid_utf8),
		T(test_reqfile_limits_line_length),
		T(test_reqfile_limits_token_count),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
