/* Tests for core/lex/rlex.c: every token form, getParseData's positions,
 * the refined labels, string values, bad input and limits. */
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
#include "lex/rlex.h"

struct lexed {
	struct arena arena;
	struct diags diags;
	struct source src;
	struct rtok *toks;
	size_t count;            /* without comments and the EOF token */
	size_t all;
	struct rtok *sig[256];   /* the tokens that are not comments, in order */
};

/* malloc for test buffers: gcc then knows the pointer is not NULL. */
static char *
xmalloc(size_t n)
{
	char *p = malloc(n);

	if (!p)
		abort();
	return p;
}

static struct lexed *
lex_bytes(const char *text, size_t len, bool refine)
{
	struct lexed *l = calloc(1, sizeof(*l));

	assert_non_null(l);
	arena_init(&l->arena);
	diags_init(&l->diags, &l->arena);
	l->src = (struct source){ .path = "t.R", .text = sv_make(text, len) };
	assert_int_equal(rlex_tokens(&l->toks, &l->all, &l->src, &l->diags), 0);
	assert_true(l->all >= 1);
	assert_int_equal(l->toks[l->all - 1].kind, RTOK_EOF);
	if (refine)
		rlex_refine(l->toks, l->all, l->src.text);
	for (size_t i = 0; i < l->all; i++) {
		if (l->toks[i].kind != RTOK_COMMENT && l->toks[i].kind != RTOK_EOF &&
		    l->count < 256)
			l->sig[l->count++] = &l->toks[i];
	}
	return l;
}

static struct lexed *
lex(const char *text)
{
	return lex_bytes(text, strlen(text), true);
}

static void
done(struct lexed *l)
{
	free(l->toks);
	diags_release(&l->diags);
	arena_release(&l->arena);
	free(l);
}

static struct sv
text_of(const struct lexed *l, const struct rtok *t)
{
	return sv_make(l->src.text.ptr + t->start, t->end - t->start);
}

/* Checks token @i (comments skipped): its getParseData name and text. */
static void
expect(const struct lexed *l, size_t i, const char *name, const char *text)
{
	if (i >= l->count)
		fail_msg("token %zu missing (only %zu)", i, l->count);
	struct sv t = text_of(l, l->sig[i]);
	const char *got = rlex_kind_name(l->sig[i]->kind, t);
	if (strcmp(got, name) != 0 || !sv_eq_cstr(t, text))
		fail_msg("token %zu: want %s '%s', got %s '%.*s'", i, name, text, got, (int)t.len,
			 t.ptr);
}

static void
expect_pos(const struct lexed *l, size_t i, unsigned l1, unsigned c1, unsigned l2, unsigned c2)
{
	const struct rtok *t = l->sig[i];
	if (t->line != l1 || t->column != c1 || t->end_line != l2 || t->end_column != c2)
		fail_msg("token %zu at %u:%u-%u:%u, want %u:%u-%u:%u", i, t->line, t->column,
			 t->end_line, t->end_column, l1, c1, l2, c2);
}

static void
expect_kinds(const char *text, const char *const *names)
{
	struct lexed *l = lex(text);
	size_t n = 0;

	for (; names[n]; n++) {
		if (n >= l->count)
			fail_msg("%s: token %zu missing", text, n);
		struct sv t = text_of(l, l->sig[n]);
		if (strcmp(rlex_kind_name(l->sig[n]->kind, t), names[n]) != 0)
			fail_msg("%s: token %zu '%.*s' is %s, want %s", text, n, (int)t.len, t.ptr,
				 rlex_kind_name(l->sig[n]->kind, t), names[n]);
	}
	assert_int_equal(l->count, n);
	assert_int_equal(l->diags.len, 0);
	done(l);
}

#define KINDS(text, ...) expect_kinds(text, (const char *const[]){ __VA_ARGS__, NULL })

static void
test_rlex_keeps_comments_to_end_of_line(void **state)
{
	(void)state;
	struct lexed *l = lex("x <- 1 # note é\n#' @export\ny");
	assert_int_equal(l->toks[3].kind, RTOK_COMMENT);
	assert_true(sv_eq_cstr(text_of(l, &l->toks[3]), "# note é"));
	assert_int_equal(l->toks[4].kind, RTOK_COMMENT);
	assert_int_equal(l->toks[4].line, 2);
	expect(l, 3, "SYMBOL", "y");
	done(l);
}

static void
test_rlex_reads_single_and_double_quoted_strings(void **state)
{
	(void)state;
	struct lexed *l = lex("'it\"s' \"say \\\"hi\\\"\" ''");
	expect(l, 0, "STR_CONST", "'it\"s'");
	expect(l, 1, "STR_CONST", "\"say \\\"hi\\\"\"");
	expect(l, 2, "STR_CONST", "''");
	assert_string_equal(rlex_string_value(&l->arena, l->sig[1], l->src.text), "say \"hi\"");
	done(l);
}

static void
test_rlex_decodes_every_escape(void **state)
{
	(void)state;
	struct lexed *l = lex("'\\n\\t\\\\\\'\\\"\\`\\ \\a\\b\\f\\v\\r' '\\x41\\101\\7' "
			      "'\\u00e9\\u{4e2d}\\U0001F600\\U{41}'");
	assert_string_equal(rlex_string_value(&l->arena, l->sig[0], l->src.text),
			    "\n\t\\'\"` \a\b\f\v\r");
	assert_string_equal(rlex_string_value(&l->arena, l->sig[1], l->src.text), "AA\a");
	assert_string_equal(rlex_string_value(&l->arena, l->sig[2], l->src.text),
			    "\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80" "A");
	assert_int_equal(l->diags.len, 0);
	done(l);
}

static void
test_rlex_reports_bad_escapes(void **state)
{
	(void)state;
	const char *bad[] = { "'\\q'", "'\\x'", "'\\0'", "'\\x00'", "'\\u{41'", "'\\U110000'",
			      "'\\x41\\u00e9'", "'\\u'", "'\\ud800'" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct lexed *l = lex(bad[i]);
		if (l->diags.len == 0)
			fail_msg("%s: no diagnostic", bad[i]);
		done(l);
	}
}

static void
test_rlex_reads_raw_strings_with_every_delimiter(void **state)
{
	(void)state;
	struct lexed *l = lex("r\"(a\"b)\" R'[x]' r\"{}\" r\"---(a )\" )-\" b)---\" R\"-[\n]-\"");
	expect(l, 0, "STR_CONST", "r\"(a\"b)\"");
	expect(l, 1, "STR_CONST", "R'[x]'");
	expect(l, 2, "STR_CONST", "r\"{}\"");
	expect(l, 3, "STR_CONST", "r\"---(a )\" )-\" b)---\"");
	expect(l, 4, "STR_CONST", "R\"-[\n]-\"");
	assert_string_equal(rlex_string_value(&l->arena, l->sig[3], l->src.text), "a )\" )-\" b");
	assert_string_equal(rlex_string_value(&l->arena, l->sig[0], l->src.text), "a\"b");
	expect_pos(l, 4, 1, 45, 2, 3);
	assert_int_equal(l->diags.len, 0);
	done(l);
}

static void
test_rlex_keeps_backslashes_of_raw_strings(void **state)
{
	(void)state;
	struct lexed *l = lex("r\"(C:\\path\\n)\"");
	assert_string_equal(rlex_string_value(&l->arena, l->sig[0], l->src.text), "C:\\path\\n");
	done(l);
}

static void
test_rlex_reports_malformed_raw_string(void **state)
{
	(void)state;
	struct lexed *l = lex("r\"abc\"");
	assert_true(l->diags.len >= 1);
	done(l);
	l = lex("r\"-(abc)\"");
	assert_true(l->diags.len >= 1);
	assert_int_equal(l->sig[0]->kind, RTOK_ERROR);
	done(l);
}

static void
test_rlex_reads_every_number_form(void **state)
{
	(void)state;
	const char *nums[] = { "1", "1L", "0x1F", "0XffL", "0x1p-2", "0x1.8p3", "0xFi", "1e5",
			       "1E-3", "2.5e+3", ".5", "5.", "1.e2", "1i", "2.5i", "1e5L",
			       "100000L", "1e-3L", "1.5L", "0x1p2L", "1e+5i", "TRUE", "FALSE", "NA",
			       "Inf", "NaN", "NA_integer_", "NA_real_", "NA_character_",
			       "NA_complex_" };
	for (size_t i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
		struct lexed *l = lex(nums[i]);
		assert_int_equal(l->count, 1);
		expect(l, 0, "NUM_CONST", nums[i]);
		done(l);
	}
}

static void
test_rlex_splits_numbers_where_r_does(void **state)
{
	(void)state;
	KINDS("1.2.3", "NUM_CONST", "NUM_CONST");
	KINDS("1e5e3", "NUM_CONST", "SYMBOL");
	KINDS("1Li", "NUM_CONST", "SYMBOL");
	KINDS("00x1", "NUM_CONST", "SYMBOL");
	KINDS(".5.", "NUM_CONST", "SYMBOL");
}

static void
test_rlex_reports_malformed_numbers(void **state)
{
	(void)state;
	const char *bad[] = { "1e", "1e+", "0x", "0xG", "0x1.8", "0x1p" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct lexed *l = lex(bad[i]);
		if (l->diags.len == 0 || l->sig[0]->kind != RTOK_ERROR)
			fail_msg("%s: no error", bad[i]);
		done(l);
	}
}

static void
test_rlex_reads_identifiers_with_dots_underscores_and_letters(void **state)
{
	(void)state;
	const char *names[] = { "x", "..1", "...", ".a", "._", "a.b_c.1", "x.", "é", "été",
				"変数", "Ωmega", "naïve_x", "T" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		struct lexed *l = lex(names[i]);
		assert_int_equal(l->count, 1);
		expect(l, 0, "SYMBOL", names[i]);
		assert_int_equal(l->diags.len, 0);
		done(l);
	}
}

static void
test_rlex_reads_backtick_names(void **state)
{
	(void)state;
	struct lexed *l = lex("`a b` <- `if` + `a\\`b`");
	expect(l, 0, "SYMBOL", "`a b`");
	expect(l, 2, "SYMBOL", "`if`");
	expect(l, 4, "SYMBOL", "`a\\`b`");
	assert_string_equal(rlex_string_value(&l->arena, l->sig[4], l->src.text), "a`b");
	done(l);
	l = lex("`` <- 1");
	assert_true(l->diags.len >= 1);
	done(l);
}

static void
test_rlex_reads_keywords(void **state)
{
	(void)state;
	KINDS("if else for in while repeat break next function NULL", "IF", "ELSE", "FOR", "IN",
	      "WHILE", "REPEAT", "BREAK", "NEXT", "FUNCTION", "NULL_CONST");
}

static void
test_rlex_reads_every_operator(void **state)
{
	(void)state;
	KINDS("<- <<- := -> ->> = == != < > <= >= && & || | ! + - * / ^ ** ~ ? : $ @",
	      "LEFT_ASSIGN", "LEFT_ASSIGN", "LEFT_ASSIGN", "RIGHT_ASSIGN", "RIGHT_ASSIGN",
	      "EQ_ASSIGN", "EQ", "NE", "LT", "GT", "LE", "GE", "AND2", "AND", "OR2", "OR", "'!'",
	      "'+'", "'-'", "'*'", "'/'", "'^'", "'^'", "'~'", "'?'", "':'", "'$'", "'@'");
	KINDS(":: ::: |> => \\ _ ( ) { } [ ] [[ , ;", "NS_GET", "NS_GET_INT", "PIPE", "PIPEBIND",
	      "'\\\\'", "PLACEHOLDER", "'('", "')'", "'{'", "'}'", "'['", "']'", "LBB", "','",
	      "';'");
}

static void
test_rlex_prefers_assignment_in_less_minus(void **state)
{
	(void)state;
	KINDS("x<-1", "SYMBOL", "LEFT_ASSIGN", "NUM_CONST");
	KINDS("x< -1", "SYMBOL", "LT", "'-'", "NUM_CONST");
	KINDS("x<<-1", "SYMBOL", "LEFT_ASSIGN", "NUM_CONST");
}

static void
test_rlex_reads_special_operators_to_next_percent(void **state)
{
	(void)state;
	struct lexed *l = lex("a %in% b %% c %my op% d %é% e");
	expect(l, 1, "SPECIAL", "%in%");
	expect(l, 3, "SPECIAL", "%%");
	expect(l, 5, "SPECIAL", "%my op%");
	expect(l, 7, "SPECIAL", "%é%");
	done(l);
	l = lex("a %in\n% b");
	assert_true(l->diags.len >= 1);
	done(l);
}

static void
test_rlex_closes_lbb_with_two_brackets(void **state)
{
	(void)state;
	KINDS("x[[a[1]]]", "SYMBOL", "LBB", "SYMBOL", "'['", "NUM_CONST", "']'", "']'", "']'");
	struct lexed *l = lex("x[[1]]");
	assert_int_equal(l->sig[1]->depth, 0);
	assert_int_equal(l->sig[2]->depth, 2);
	assert_int_equal(l->sig[3]->depth, 2);
	assert_int_equal(l->sig[4]->depth, 1);
	done(l);
}

static void
test_rlex_lexes_lambda_and_pipe(void **state)
{
	(void)state;
	KINDS("\\(x) x |> f(y = _)", "'\\\\'", "'('", "SYMBOL_FORMALS", "')'", "SYMBOL", "PIPE",
	      "SYMBOL_FUNCTION_CALL", "'('", "SYMBOL_SUB", "EQ_SUB", "PLACEHOLDER", "')'");
}

static void
test_rlex_counts_tabs_to_multiples_of_eight(void **state)
{
	(void)state;
	struct lexed *l = lex("\tx <- 'a\tb'; \t\ty");
	expect_pos(l, 0, 1, 9, 1, 9);
	expect_pos(l, 2, 1, 14, 1, 18);   /* the tab ends at column 16 */
	expect_pos(l, 4, 1, 33, 1, 33);
	done(l);
}

static void
test_rlex_counts_multibyte_characters_once(void **state)
{
	(void)state;
	struct lexed *l = lex("\tx <- 'é'; y\n変数 <- 1");
	expect_pos(l, 0, 1, 9, 1, 9);
	expect_pos(l, 2, 1, 14, 1, 16);
	expect_pos(l, 4, 1, 19, 1, 19);
	expect_pos(l, 5, 2, 1, 2, 2);
	expect_pos(l, 6, 2, 4, 2, 5);
	done(l);
}

static void
test_rlex_spans_lines_for_multiline_strings(void **state)
{
	(void)state;
	struct lexed *l = lex("x <- 'a\nbc'; y");
	expect_pos(l, 2, 1, 6, 2, 3);
	expect_pos(l, 4, 2, 6, 2, 6);
	done(l);
}

static void
test_rlex_treats_unicode_blanks_as_space(void **state)
{
	(void)state;
	KINDS("x\xe3\x80\x80<- 1", "SYMBOL", "LEFT_ASSIGN", "NUM_CONST");
	struct lexed *l = lex("x\xc2\xa0<- 1");   /* a no-break space is not one */
	assert_true(l->diags.len >= 1);
	done(l);
}

static void
test_rlex_refine_labels_function_calls(void **state)
{
	(void)state;
	KINDS("f(x); f (y); x$g(1); p::h()", "SYMBOL_FUNCTION_CALL", "'('", "SYMBOL", "')'", "';'",
	      "SYMBOL_FUNCTION_CALL", "'('", "SYMBOL", "')'", "';'", "SYMBOL", "'$'",
	      "SYMBOL_FUNCTION_CALL", "'('", "NUM_CONST", "')'", "';'", "SYMBOL_PACKAGE",
	      "NS_GET", "SYMBOL_FUNCTION_CALL", "'('", "')'");
	KINDS("(f)(1)", "'('", "SYMBOL", "')'", "'('", "NUM_CONST", "')'");
	KINDS("'f'(1)", "STR_CONST", "'('", "NUM_CONST", "')'");
}

static void
test_rlex_refine_ends_calls_at_newlines_outside_parens(void **state)
{
	(void)state;
	KINDS("f\n(x)", "SYMBOL", "'('", "SYMBOL", "')'");
	KINDS("{h\n(z)}", "'{'", "SYMBOL", "'('", "SYMBOL", "')'", "'}'");
	KINDS("(g\n(y))", "'('", "SYMBOL_FUNCTION_CALL", "'('", "SYMBOL", "')'", "')'");
	KINDS("k # c\n(1)", "SYMBOL", "'('", "NUM_CONST", "')'");
}

static void
test_rlex_refine_labels_named_arguments(void **state)
{
	(void)state;
	KINDS("f(a = 1, 'b' = 2, NULL = 3, `c` =)", "SYMBOL_FUNCTION_CALL", "'('", "SYMBOL_SUB",
	      "EQ_SUB", "NUM_CONST", "','", "STR_CONST", "EQ_SUB", "NUM_CONST", "','",
	      "NULL_CONST", "EQ_SUB", "NUM_CONST", "','", "SYMBOL_SUB", "EQ_SUB", "')'");
	KINDS("x[i = 1][[j = 2]]", "SYMBOL", "'['", "SYMBOL_SUB", "EQ_SUB", "NUM_CONST", "']'",
	      "LBB", "SYMBOL_SUB", "EQ_SUB", "NUM_CONST", "']'", "']'");
	KINDS("(a = 1)", "'('", "SYMBOL", "EQ_ASSIGN", "NUM_CONST", "')'");
	KINDS("a = 1", "SYMBOL", "EQ_ASSIGN", "NUM_CONST");
}

static void
test_rlex_refine_labels_formals(void **state)
{
	(void)state;
	KINDS("function(a, b = 2, ...) a", "FUNCTION", "'('", "SYMBOL_FORMALS", "','",
	      "SYMBOL_FORMALS", "EQ_FORMALS", "NUM_CONST", "','", "SYMBOL_FORMALS", "')'",
	      "SYMBOL");
	KINDS("function(a = f(x = 1)) 1", "FUNCTION", "'('", "SYMBOL_FORMALS", "EQ_FORMALS",
	      "SYMBOL_FUNCTION_CALL", "'('", "SYMBOL_SUB", "EQ_SUB", "NUM_CONST", "')'", "')'",
	      "NUM_CONST");
}

static void
test_rlex_refine_labels_slots_and_packages(void **state)
{
	(void)state;
	KINDS("x@y; x@g(2); a:::b; 'a'::b", "SYMBOL", "'@'", "SLOT", "';'", "SYMBOL", "'@'", "SLOT",
	      "'('", "NUM_CONST", "')'", "';'", "SYMBOL_PACKAGE", "NS_GET_INT", "SYMBOL", "';'",
	      "STR_CONST", "NS_GET", "SYMBOL");
}

static void
test_rlex_reports_unterminated_string_at_eof(void **state)
{
	(void)state;
	const char *bad[] = { "x <- 'abc", "x <- \"a\\\"", "`abc", "r\"(abc)", "'\\" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct lexed *l = lex(bad[i]);
		if (l->diags.len == 0)
			fail_msg("%s: no diagnostic", bad[i]);
		assert_int_equal(l->sig[l->count - 1]->kind, RTOK_ERROR);
		assert_int_equal(l->sig[l->count - 1]->end, strlen(bad[i]));
		done(l);
	}
}

static void
test_rlex_reports_nul_bytes_without_stopping(void **state)
{
	(void)state;
	static const char text[] = "x\0y <- 'a\0b'";
	struct lexed *l = lex_bytes(text, sizeof(text) - 1, true);
	assert_true(l->diags.len >= 2);
	expect(l, 0, "SYMBOL", "x");
	assert_int_equal(l->sig[1]->kind, RTOK_ERROR);
	expect(l, 2, "SYMBOL", "y");
	assert_int_equal(l->sig[4]->kind, RTOK_STR_CONST);
	assert_string_equal(rlex_string_value(&l->arena, l->sig[4], l->src.text), "a");
	done(l);
}

static void
test_rlex_reports_invalid_utf8_without_stopping(void **state)
{
	(void)state;
	struct lexed *l = lex("x \xff\xfe <- '\xc3(' # \x80 ok\ny");
	assert_true(l->diags.len >= 2);
	expect(l, 0, "SYMBOL", "x");
	assert_int_equal(l->sig[1]->kind, RTOK_ERROR);
	expect(l, l->count - 1, "SYMBOL", "y");
	done(l);
}

static void
test_rlex_survives_every_prefix_of_tricky_input(void **state)
{
	(void)state;
	static const char text[] = "f <- \\(x, y = r\"-[a]-\") x$`b`@c |> g(z = 0x1p-2L) %o% "
				   "'\\u{e9}\\x41' # é\n\t[[1]] \xe3\x80\x80 \xf0\x9f";
	for (size_t n = 0; n <= sizeof(text) - 1; n++) {
		struct lexed *l = lex_bytes(text, n, true);
		assert_true(l->toks[l->all - 1].end == n);
		for (size_t i = 0; i + 1 < l->all; i++) {
			assert_true(l->toks[i].start < l->toks[i].end);
			assert_true(l->toks[i].end <= n);
			(void)rlex_string_value(&l->arena, &l->toks[i], l->src.text);
		}
		done(l);
	}
}

static void
test_rlex_limits_depth_with_a_diagnostic(void **state)
{
	(void)state;
	size_t n = RLEX_MAX_DEPTH + 10;
	char *text = xmalloc(2 * n + 1);
	memset(text, '(', n);
	memset(text + n, ')', n);
	text[2 * n] = 0;
	struct lexed *l = lex(text);
	assert_int_equal(l->diags.len, 1);
	assert_non_null(strstr(l->diags.items[0].message, "limit"));
	assert_int_equal(l->all, 2 * n + 1);
	done(l);
	free(text);
}

static void
test_rlex_limits_token_count_with_a_diagnostic(void **state)
{
	(void)state;
	size_t n = RLEX_MAX_TOKENS;      /* "1;" twice per pair of tokens: twice the limit */
	char *text = xmalloc(2 * n + 1);
	for (size_t i = 0; i < n; i++) {
		text[2 * i] = '1';
		text[2 * i + 1] = ';';
	}
	text[2 * n] = 0;
	struct lexed *l = lex_bytes(text, 2 * n, false);
	assert_true(l->all <= RLEX_MAX_TOKENS);
	assert_int_equal(l->toks[l->all - 2].kind, RTOK_ERROR);
	assert_int_equal(l->toks[l->all - 2].end, 2 * n);
	assert_int_equal(l->diags.len, 1);
	assert_non_null(strstr(l->diags.items[0].message, "limit"));
	done(l);
	free(text);
}

static void
test_rlex_caps_the_number_of_diagnostics(void **state)
{
	(void)state;
	char text[1000];
	memset(text, 0xff, sizeof(text));
	struct lexed *l = lex_bytes(text, sizeof(text), true);
	assert_int_equal(l->diags.len, RLEX_MAX_DIAGS + 1);
	done(l);
}

static void
test_rlex_reads_empty_input(void **state)
{
	(void)state;
	struct lexed *l = lex_bytes(NULL, 0, true);
	assert_int_equal(l->all, 1);
	assert_int_equal(l->diags.len, 0);
	done(l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rlex_keeps_comments_to_end_of_line),
		cmocka_unit_test(test_rlex_reads_single_and_double_quoted_strings),
		cmocka_unit_test(test_rlex_decodes_every_escape),
		cmocka_unit_test(test_rlex_reports_bad_escapes),
		cmocka_unit_test(test_rlex_reads_raw_strings_with_every_delimiter),
		cmocka_unit_test(test_rlex_keeps_backslashes_of_raw_strings),
		cmocka_unit_test(test_rlex_reports_malformed_raw_string),
		cmocka_unit_test(test_rlex_reads_every_number_form),
		cmocka_unit_test(test_rlex_splits_numbers_where_r_does),
		cmocka_unit_test(test_rlex_reports_malformed_numbers),
		cmocka_unit_test(test_rlex_reads_identifiers_with_dots_underscores_and_letters),
		cmocka_unit_test(test_rlex_reads_backtick_names),
		cmocka_unit_test(test_rlex_reads_keywords),
		cmocka_unit_test(test_rlex_reads_every_operator),
		cmocka_unit_test(test_rlex_prefers_assignment_in_less_minus),
		cmocka_unit_test(test_rlex_reads_special_operators_to_next_percent),
		cmocka_unit_test(test_rlex_closes_lbb_with_two_brackets),
		cmocka_unit_test(test_rlex_lexes_lambda_and_pipe),
		cmocka_unit_test(test_rlex_counts_tabs_to_multiples_of_eight),
		cmocka_unit_test(test_rlex_counts_multibyte_characters_once),
		cmocka_unit_test(test_rlex_spans_lines_for_multiline_strings),
		cmocka_unit_test(test_rlex_treats_unicode_blanks_as_space),
		cmocka_unit_test(test_rlex_refine_labels_function_calls),
		cmocka_unit_test(test_rlex_refine_ends_calls_at_newlines_outside_parens),
		cmocka_unit_test(test_rlex_refine_labels_named_arguments),
		cmocka_unit_test(test_rlex_refine_labels_formals),
		cmocka_unit_test(test_rlex_refine_labels_slots_and_packages),
		cmocka_unit_test(test_rlex_reports_unterminated_string_at_eof),
		cmocka_unit_test(test_rlex_reports_nul_bytes_without_stopping),
		cmocka_unit_test(test_rlex_reports_invalid_utf8_without_stopping),
		cmocka_unit_test(test_rlex_survives_every_prefix_of_tricky_input),
		cmocka_unit_test(test_rlex_limits_depth_with_a_diagnostic),
		cmocka_unit_test(test_rlex_limits_token_count_with_a_diagnostic),
		cmocka_unit_test(test_rlex_caps_the_number_of_diagnostics),
		cmocka_unit_test(test_rlex_reads_empty_input),
	};
	return cmocka_run_group_tests_name("rlex", tests, NULL, NULL);
}
