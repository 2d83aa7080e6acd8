/* Tests for core/lex/pytok.c: the token stream of Python 3.11's tokenize. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "deputy/arena.h"
#include "deputy/diag.h"
#include "lex/pytok.h"

struct lexed {
	struct arena arena;
	struct diags diags;
	struct source src;
	struct pytok *toks;
	size_t count;
	char buf[4096];        /* "TYPE 'text' r,c-r,c" of every token, one a line */
};

static struct lexed *
lex_bytes(const char *text, size_t len)
{
	struct lexed *l = calloc(1, sizeof(*l));

	assert_non_null(l);
	arena_init(&l->arena);
	diags_init(&l->diags, &l->arena);
	l->src = (struct source){ "setup.py", { text, len } };
	assert_int_equal(pytok_tokens(&l->toks, &l->count, &l->src, &l->diags), 0);
	assert_true(l->count > 0);
	assert_int_equal(l->toks[l->count - 1].type, PYTOK_ENDMARKER);
	size_t used = 0;
	for (size_t i = 0; i < l->count && used < sizeof(l->buf) - 200; i++) {
		const struct pytok *t = &l->toks[i];
		struct sv s = pytok_text(l->src.text, t);
		used += (size_t)snprintf(l->buf + used, sizeof(l->buf) - used, "%s '%.*s' %u,%u-%u,%u\n",
					 pytok_type_name(t->type), (int)(s.len > 60 ? 60 : s.len),
					 s.ptr, t->row, t->col, t->end_row, t->end_col);
	}
	return l;
}

static struct lexed *
lex(const char *text)
{
	return lex_bytes(text, strlen(text));
}

static void
lexed_free(struct lexed *l)
{
	free(l->toks);
	diags_release(&l->diags);
	arena_release(&l->arena);
	free(l);
}

static size_t
errors(const struct lexed *l)
{
	size_t n = 0;

	for (size_t i = 0; i < l->diags.len; i++)
		n += l->diags.items[i].level == DIAG_ERROR;
	return n;
}

static const char *
first_message(const struct lexed *l, enum diag_level level)
{
	for (size_t i = 0; i < l->diags.len; i++)
		if (l->diags.items[i].level == level)
			return l->diags.items[i].message;
	return "";
}

/* Asserts the whole stream, one "TYPE 'text' r,c-r,c" a line. */
static void
expect(const char *text, const char *want)
{
	struct lexed *l = lex(text);

	if (strcmp(l->buf, want) != 0)
		fail_msg("for %s\ngot:\n%swant:\n%s", text, l->buf, want);
	assert_int_equal(errors(l), 0);
	lexed_free(l);
}

static void
test_pytok_reads_simple_statement_with_implicit_newline(void **state)
{
	(void)state;
	expect("x = 1", "NAME 'x' 1,0-1,1\nOP '=' 1,2-1,3\nNUMBER '1' 1,4-1,5\n"
	       "NEWLINE '' 1,5-1,6\nENDMARKER '' 2,0-2,0\n");
}

static void
test_pytok_empty_text_is_just_endmarker(void **state)
{
	(void)state;
	expect("", "ENDMARKER '' 1,0-1,0\n");
}

static void
test_pytok_indents_and_dedents_with_tabs_to_multiples_of_eight(void **state)
{
	(void)state;
	/* a tab and eight spaces are the same column, as in tokenize */
	expect("if a:\n\tb\n        c\nd\n",
	       "NAME 'if' 1,0-1,2\nNAME 'a' 1,3-1,4\nOP ':' 1,4-1,5\nNEWLINE '\n' 1,5-1,6\n"
	       "INDENT '\t' 2,0-2,1\nNAME 'b' 2,1-2,2\nNEWLINE '\n' 2,2-2,3\n"
	       "NAME 'c' 3,8-3,9\nNEWLINE '\n' 3,9-3,10\n"
	       "DEDENT '' 4,0-4,0\nNAME 'd' 4,0-4,1\nNEWLINE '\n' 4,1-4,2\nENDMARKER '' 5,0-5,0\n");
}

static void
test_pytok_dedents_left_open_at_end_of_file(void **state)
{
	(void)state;
	expect("if a:\n  if b:\n    c\n",
	       "NAME 'if' 1,0-1,2\nNAME 'a' 1,3-1,4\nOP ':' 1,4-1,5\nNEWLINE '\n' 1,5-1,6\n"
	       "INDENT '  ' 2,0-2,2\nNAME 'if' 2,2-2,4\nNAME 'b' 2,5-2,6\nOP ':' 2,6-2,7\n"
	       "NEWLINE '\n' 2,7-2,8\nINDENT '    ' 3,0-3,4\nNAME 'c' 3,4-3,5\n"
	       "NEWLINE '\n' 3,5-3,6\nDEDENT '' 4,0-4,0\nDEDENT '' 4,0-4,0\n"
	       "ENDMARKER '' 4,0-4,0\n");
}

static void
test_pytok_blank_and_comment_lines_give_nl_not_newline(void **state)
{
	(void)state;
	expect("  # note\n\nx\n",
	       "COMMENT '# note' 1,2-1,8\nNL '\n' 1,8-1,9\nNL '\n' 2,0-2,1\n"
	       "NAME 'x' 3,0-3,1\nNEWLINE '\n' 3,1-3,2\nENDMARKER '' 4,0-4,0\n");
}

static void
test_pytok_comment_on_last_line_without_newline_gets_empty_nl(void **state)
{
	(void)state;
	expect("# end", "COMMENT '# end' 1,0-1,5\nNL '' 1,5-1,5\nENDMARKER '' 2,0-2,0\n");
}

static void
test_pytok_newlines_inside_brackets_are_nl(void **state)
{
	(void)state;
	expect("f(a,\n  b)  # c\n",
	       "NAME 'f' 1,0-1,1\nOP '(' 1,1-1,2\nNAME 'a' 1,2-1,3\nOP ',' 1,3-1,4\n"
	       "NL '\n' 1,4-1,5\nNAME 'b' 2,2-2,3\nOP ')' 2,3-2,4\nCOMMENT '# c' 2,6-2,9\n"
	       "NEWLINE '\n' 2,9-2,10\nENDMARKER '' 3,0-3,0\n");
}

static void
test_pytok_backslash_continuation_joins_lines_without_token(void **state)
{
	(void)state;
	expect("x = \\\n  1\n",
	       "NAME 'x' 1,0-1,1\nOP '=' 1,2-1,3\nNUMBER '1' 2,2-2,3\nNEWLINE '\n' 2,3-2,4\n"
	       "ENDMARKER '' 3,0-3,0\n");
}

static void
test_pytok_crlf_line_ends_are_part_of_newline_tokens(void **state)
{
	(void)state;
	expect("a\r\n\r\nb \\\r\n c\r\n",
	       "NAME 'a' 1,0-1,1\nNEWLINE '\r\n' 1,1-1,3\nNL '\r\n' 2,0-2,2\n"
	       "NAME 'b' 3,0-3,1\nNAME 'c' 4,1-4,2\nNEWLINE '\r\n' 4,2-4,4\nENDMARKER '' 5,0-5,0\n");
}

static void
test_pytok_form_feed_resets_indentation_column(void **state)
{
	(void)state;
	expect("if a:\n    b\n\f    c\n",
	       "NAME 'if' 1,0-1,2\nNAME 'a' 1,3-1,4\nOP ':' 1,4-1,5\nNEWLINE '\n' 1,5-1,6\n"
	       "INDENT '    ' 2,0-2,4\nNAME 'b' 2,4-2,5\nNEWLINE '\n' 2,5-2,6\n"
	       "NAME 'c' 3,5-3,6\nNEWLINE '\n' 3,6-3,7\nDEDENT '' 4,0-4,0\nENDMARKER '' 4,0-4,0\n");
}

static void
test_pytok_numbers_in_every_form(void **state)
{
	(void)state;
	static const char *const ok[] = {
		"0", "00", "0_0", "7", "1_000", "0x_dead_BEEF", "0XFF", "0o17", "0O_7", "0b1010",
		"0B_1", "1.", "1.5", ".5", "1e10", "1E-5", "1.5e+3", "1_0.2_5e1_0", "1j", "1.5J",
		".5j", "1e5j", "1.j",
	};
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		struct lexed *l = lex(ok[i]);
		assert_int_equal(l->toks[0].type, PYTOK_NUMBER);
		assert_int_equal(l->toks[0].at.end, strlen(ok[i]));
		lexed_free(l);
	}
}

static void
test_pytok_numbers_stop_where_tokenize_stops(void **state)
{
	(void)state;
	/* the first alternative that matches wins, not the longest */
	expect("0777 1_ 0x 1e 1__0",
	       "NUMBER '0' 1,0-1,1\nNUMBER '777' 1,1-1,4\nNUMBER '1' 1,5-1,6\nNAME '_' 1,6-1,7\n"
	       "NUMBER '0' 1,8-1,9\nNAME 'x' 1,9-1,10\nNUMBER '1' 1,11-1,12\nNAME 'e' 1,12-1,13\n"
	       "NUMBER '1' 1,14-1,15\nNAME '__0' 1,15-1,18\nNEWLINE '' 1,18-1,19\n"
	       "ENDMARKER '' 2,0-2,0\n");
}

static void
test_pytok_strings_with_every_prefix_are_one_token(void **state)
{
	(void)state;
	static const char *const ok[] = {
		"'a'", "\"a\"", "r'\\d'", "b'x'", "B'x'", "u'x'", "U\"x\"", "f'{x}'", "F'{x!r}'",
		"rb'x'", "bR'x'", "Rb'x'", "BR'x'", "fr'x'", "rF'x'", "FR'x'", "'''a'b''c'''",
		"\"\"\"a\n\"b\"\n\"\"\"", "'a\\'b'", "'a\\\nb'", "rb'''x\n'''", "''",
	};
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		struct lexed *l = lex(ok[i]);
		if (l->toks[0].type != PYTOK_STRING || l->toks[0].at.end != strlen(ok[i]))
			fail_msg("%s:\n%s", ok[i], l->buf);
		assert_int_equal(errors(l), 0);
		lexed_free(l);
	}
}

static void
test_pytok_invalid_prefixes_are_names(void **state)
{
	(void)state;
	expect("ur'x' bu'y'",
	       "NAME 'ur' 1,0-1,2\nSTRING ''x'' 1,2-1,5\nNAME 'bu' 1,6-1,8\nSTRING ''y'' 1,8-1,11\n"
	       "NEWLINE '' 1,11-1,12\nENDMARKER '' 2,0-2,0\n");
}

static void
test_pytok_triple_quoted_string_spans_lines(void **state)
{
	(void)state;
	expect("s = '''a\nb''' + x\n",
	       "NAME 's' 1,0-1,1\nOP '=' 1,2-1,3\nSTRING ''''a\nb'''' 1,4-2,4\nOP '+' 2,5-2,6\n"
	       "NAME 'x' 2,7-2,8\nNEWLINE '\n' 2,8-2,9\nENDMARKER '' 3,0-3,0\n");
}

static void
test_pytok_every_operator_is_op(void **state)
{
	(void)state;
	static const char *const ops[] = {
		"!=", "%", "%=", "&", "&=", "(", ")", "*", "**", "**=", "*=", "+", "+=", ",", "-",
		"-=", "->", ".", "...", "/", "//", "//=", "/=", ":", ":=", ";", "<", "<<", "<<=",
		"<=", "=", "==", ">", ">=", ">>", ">>=", "@", "@=", "[", "]", "^", "^=", "{", "|",
		"|=", "}", "~",
	};
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		struct lexed *l = lex(ops[i]);
		assert_int_equal(l->toks[0].type, PYTOK_OP);
		assert_true(pytok_is_op(l->src.text, &l->toks[0], ops[i]));
		lexed_free(l);
	}
}

static void
test_pytok_columns_count_code_points_and_unicode_names(void **state)
{
	(void)state;
	/* é is two bytes, one column; ² is \w but cannot start a name: OP */
	expect("\xc3\xa9t\xc3\xa9 = 'd\xc3\xa9j\xc3\xa0' \xc2\xb2",
	       "NAME '\xc3\xa9t\xc3\xa9' 1,0-1,3\nOP '=' 1,4-1,5\n"
	       "STRING ''d\xc3\xa9j\xc3\xa0'' 1,6-1,12\nOP '\xc2\xb2' 1,13-1,14\n"
	       "NEWLINE '' 1,14-1,15\nENDMARKER '' 2,0-2,0\n");
}

static void
test_pytok_utf8_bom_is_skipped_in_columns(void **state)
{
	(void)state;
	expect("\xef\xbb\xbfx", "NAME 'x' 1,0-1,1\nNEWLINE '' 1,1-1,2\nENDMARKER '' 2,0-2,0\n");
}

static void
test_pytok_latin1_cookie_decodes_bytes_as_code_points(void **state)
{
	(void)state;
	size_t bom;
	assert_int_equal(pytok_encoding(SV_LIT("# -*- coding: latin-1 -*-\n"), &bom), PYTOK_LATIN1);
	assert_int_equal(pytok_encoding(SV_LIT("#!/usr/bin/python\n# vim: set fileencoding=ascii\n"),
					&bom), PYTOK_ASCII);
	assert_int_equal(pytok_encoding(SV_LIT("x = 1\n# coding: latin-1\n"), &bom), PYTOK_UTF8);
	expect("# coding: latin-1\n\xe9 = 1\n",
	       "COMMENT '# coding: latin-1' 1,0-1,17\nNL '\n' 1,17-1,18\n"
	       "NAME '\xe9' 2,0-2,1\nOP '=' 2,2-2,3\nNUMBER '1' 2,4-2,5\nNEWLINE '\n' 2,5-2,6\n"
	       "ENDMARKER '' 3,0-3,0\n");
}

static void
test_pytok_stray_characters_are_error_tokens_with_warning(void **state)
{
	(void)state;
	/* the blank before a stray character is an ERRORTOKEN too, as in tokenize */
	struct lexed *l = lex("a $b ?\n");
	assert_string_equal(l->buf,
		"NAME 'a' 1,0-1,1\nERRORTOKEN ' ' 1,1-1,2\nERRORTOKEN '$' 1,2-1,3\n"
		"NAME 'b' 1,3-1,4\nERRORTOKEN ' ' 1,4-1,5\nERRORTOKEN '?' 1,5-1,6\n"
		"NEWLINE '\n' 1,6-1,7\nENDMARKER '' 2,0-2,0\n");
	assert_int_equal(errors(l), 0);
	assert_string_equal(first_message(l, DIAG_WARNING), "unexpected character '$'");
	lexed_free(l);
}

static void
test_pytok_unterminated_single_quote_is_error_token(void **state)
{
	(void)state;
	struct lexed *l = lex("x = 'abc\ny\n");
	assert_string_equal(l->buf,
		"NAME 'x' 1,0-1,1\nOP '=' 1,2-1,3\nERRORTOKEN ' ' 1,3-1,4\nERRORTOKEN ''' 1,4-1,5\n"
		"NAME 'abc' 1,5-1,8\nNEWLINE '\n' 1,8-1,9\nNAME 'y' 2,0-2,1\nNEWLINE '\n' 2,1-2,2\n"
		"ENDMARKER '' 3,0-3,0\n");
	assert_int_equal(errors(l), 0);
	assert_string_equal(first_message(l, DIAG_WARNING), "unterminated string literal");
	lexed_free(l);
}

static void
test_pytok_unterminated_triple_quoted_string_is_error(void **state)
{
	(void)state;
	struct lexed *l = lex("x = 1\ns = '''abc\ndef\n");
	assert_int_equal(errors(l), 1);
	assert_string_equal(first_message(l, DIAG_ERROR), "unterminated triple-quoted string");
	assert_int_equal(l->diags.items[0].line, 2);
	assert_int_equal(l->diags.items[0].column, 5);
	/* the rest of the file is one ERRORTOKEN from the opening quotes */
	assert_int_equal(l->toks[l->count - 2].type, PYTOK_ERRORTOKEN);
	assert_int_equal(l->toks[l->count - 2].at.start, 10);
	assert_int_equal(l->toks[l->count - 2].at.end, 21);
	lexed_free(l);
}

static void
test_pytok_unclosed_bracket_at_end_of_file_is_error(void **state)
{
	(void)state;
	struct lexed *l = lex("setup(install_requires=[\n 'a',\n");
	assert_int_equal(errors(l), 1);
	assert_non_null(strstr(first_message(l, DIAG_ERROR), "bracket is not closed"));
	lexed_free(l);
}

static void
test_pytok_backslash_before_end_of_file_is_error(void **state)
{
	(void)state;
	struct lexed *l = lex("x = \\\n");
	assert_int_equal(errors(l), 1);
	lexed_free(l);
}

static void
test_pytok_bad_dedent_is_error_and_reading_goes_on(void **state)
{
	(void)state;
	struct lexed *l = lex("if a:\n    b\n  c\nd\n");
	assert_int_equal(errors(l), 1);
	assert_string_equal(first_message(l, DIAG_ERROR),
			    "unindent does not match any outer indentation level");
	assert_int_equal(l->diags.items[0].line, 3);
	/* c and d are still tokens, and INDENT/DEDENT stay balanced */
	int depth = 0, names = 0;
	for (size_t i = 0; i < l->count; i++) {
		depth += l->toks[i].type == PYTOK_INDENT;
		depth -= l->toks[i].type == PYTOK_DEDENT;
		names += l->toks[i].type == PYTOK_NAME;
		assert_true(depth >= 0);
	}
	assert_int_equal(depth, 0);
	assert_int_equal(names, 5);
	lexed_free(l);
}

static void
test_pytok_nul_byte_never_stops_the_stream(void **state)
{
	(void)state;
	static const char text[] = "a = 1\0\nb = '\0'\n";
	struct lexed *l = lex_bytes(text, sizeof(text) - 1);
	assert_string_equal(l->buf,
		"NAME 'a' 1,0-1,1\nOP '=' 1,2-1,3\nNUMBER '1' 1,4-1,5\n"
		"ERRORTOKEN '' 1,5-1,6\nNEWLINE '\n' 1,6-1,7\n"
		"NAME 'b' 2,0-2,1\nOP '=' 2,2-2,3\nSTRING ''' 2,4-2,7\nNEWLINE '\n' 2,7-2,8\n"
		"ENDMARKER '' 3,0-3,0\n");
	assert_string_equal(first_message(l, DIAG_WARNING), "unexpected NUL byte");
	lexed_free(l);
}

static void
test_pytok_invalid_utf8_is_error_and_counts_one_column_a_byte(void **state)
{
	(void)state;
	struct lexed *l = lex("a = '\xff\xfe'\nb\xc3 = 2\n");
	assert_int_equal(errors(l), 2);
	assert_string_equal(first_message(l, DIAG_ERROR), "invalid UTF-8 byte 0xff");
	assert_int_equal(l->toks[2].type, PYTOK_STRING);
	assert_int_equal(l->toks[2].end_col, 8);
	assert_int_equal(l->toks[4].type, PYTOK_NAME);
	assert_int_equal(l->toks[5].type, PYTOK_ERRORTOKEN);
	assert_int_equal(l->toks[5].col, 1);
	lexed_free(l);
}

static void
test_pytok_unknown_encoding_cookie_is_error(void **state)
{
	(void)state;
	struct lexed *l = lex("# -*- coding: uft-8 -*-\nx = 1\n");
	assert_int_equal(errors(l), 1);
	assert_non_null(strstr(first_message(l, DIAG_ERROR), "'uft-8'"));
	lexed_free(l);
	l = lex("\xef\xbb\xbf# coding: latin-1\n");
	assert_int_equal(errors(l), 1);
	lexed_free(l);
}

static void
test_pytok_huge_line_is_limit_error(void **state)
{
	(void)state;
	size_t len = PYTOK_MAX_LINE + 16;
	char *text = malloc(len);
	assert_non_null(text);
	memcpy(text, "x = 1\ny = '", 11);
	memset(text + 11, 'a', len - 11);
	struct lexed *l = lex_bytes(text, len);
	assert_int_equal(errors(l), 1);
	assert_non_null(strstr(first_message(l, DIAG_ERROR), "line too long"));
	assert_non_null(strstr(first_message(l, DIAG_ERROR), "(limit)"));
	assert_int_equal(l->toks[l->count - 1].type, PYTOK_ENDMARKER);
	assert_int_equal(l->toks[3].type, PYTOK_NEWLINE);
	assert_int_equal(l->count, 5);
	lexed_free(l);
	free(text);
}

static void
test_pytok_deep_brackets_and_indents_are_limit_errors(void **state)
{
	(void)state;
	static char text[16384];
	size_t n = 0;
	for (int i = 0; i < PYTOK_MAX_PARENS + 5; i++)
		text[n++] = '(';
	text[n] = '\0';
	struct lexed *l = lex(text);
	assert_int_equal(errors(l), 1);
	assert_non_null(strstr(first_message(l, DIAG_ERROR), "(limit)"));
	lexed_free(l);

	n = 0;
	for (int i = 0; i <= PYTOK_MAX_INDENTS + 1; i++) {
		memset(text + n, ' ', (size_t)i);
		n += (size_t)i;
		memcpy(text + n, "if a:\n", 6);
		n += 6;
	}
	text[n] = '\0';
	l = lex(text);
	assert_int_equal(errors(l), 1);
	assert_non_null(strstr(first_message(l, DIAG_ERROR), "indentation"));
	lexed_free(l);
}

static void
test_pytok_whitespace_only_last_line_ends_stream(void **state)
{
	(void)state;
	expect("if a:\n  b\n  ",
	       "NAME 'if' 1,0-1,2\nNAME 'a' 1,3-1,4\nOP ':' 1,4-1,5\nNEWLINE '\n' 1,5-1,6\n"
	       "INDENT '  ' 2,0-2,2\nNAME 'b' 2,2-2,3\nNEWLINE '\n' 2,3-2,4\n"
	       "DEDENT '' 3,0-3,0\nENDMARKER '' 3,0-3,0\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pytok_reads_simple_statement_with_implicit_newline),
		cmocka_unit_test(test_pytok_empty_text_is_just_endmarker),
		cmocka_unit_test(test_pytok_indents_and_dedents_with_tabs_to_multiples_of_eight),
		cmocka_unit_test(test_pytok_dedents_left_open_at_end_of_file),
		cmocka_unit_test(test_pytok_blank_and_comment_lines_give_nl_not_newline),
		cmocka_unit_test(test_pytok_comment_on_last_line_without_newline_gets_empty_nl),
		cmocka_unit_test(test_pytok_newlines_inside_brackets_are_nl),
		cmocka_unit_test(test_pytok_backslash_continuation_joins_lines_without_token),
		cmocka_unit_test(test_pytok_crlf_line_ends_are_part_of_newline_tokens),
		cmocka_unit_test(test_pytok_form_feed_resets_indentation_column),
		cmocka_unit_test(test_pytok_numbers_in_every_form),
		cmocka_unit_test(test_pytok_numbers_stop_where_tokenize_stops),
		cmocka_unit_test(test_pytok_strings_with_every_prefix_are_one_token),
		cmocka_unit_test(test_pytok_invalid_prefixes_are_names),
		cmocka_unit_test(test_pytok_triple_quoted_string_spans_lines),
		cmocka_unit_test(test_pytok_every_operator_is_op),
		cmocka_unit_test(test_pytok_columns_count_code_points_and_unicode_names),
		cmocka_unit_test(test_pytok_utf8_bom_is_skipped_in_columns),
		cmocka_unit_test(test_pytok_latin1_cookie_decodes_bytes_as_code_points),
		cmocka_unit_test(test_pytok_stray_characters_are_error_tokens_with_warning),
		cmocka_unit_test(test_pytok_unterminated_single_quote_is_error_token),
		cmocka_unit_test(test_pytok_unterminated_triple_quoted_string_is_error),
		cmocka_unit_test(test_pytok_unclosed_bracket_at_end_of_file_is_error),
		cmocka_unit_test(test_pytok_backslash_before_end_of_file_is_error),
		cmocka_unit_test(test_pytok_bad_dedent_is_error_and_reading_goes_on),
		cmocka_unit_test(test_pytok_nul_byte_never_stops_the_stream),
		cmocka_unit_test(test_pytok_invalid_utf8_is_error_and_counts_one_column_a_byte),
		cmocka_unit_test(test_pytok_unknown_encoding_cookie_is_error),
		cmocka_unit_test(test_pytok_huge_line_is_limit_error),
		cmocka_unit_test(test_pytok_deep_brackets_and_indents_are_limit_errors),
		cmocka_unit_test(test_pytok_whitespace_only_last_line_ends_stream),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
