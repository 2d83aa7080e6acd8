/* Tests for core/lex/pyliteral.c: Python literals read from pytok tokens. */
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
#include "lex/pyliteral.h"

static struct arena arena;
static struct diags diags;
static struct pytok *toks;

static int
setup(void **state)
{
	(void)state;
	arena_init(&arena);
	diags_init(&diags, &arena);
	toks = NULL;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	free(toks);
	diags_release(&diags);
	arena_release(&arena);
	return 0;
}

/* Reads the expression @text (bytes, @len) and checks where the reader stopped. */
static struct pyval *
eval_len(const char *text, size_t len, bool tuple, const char *stop)
{
	struct source src = { "setup.py", { text, len } };
	size_t count, bom, pos = 0;
	struct pyval *v;

	free(toks);
	assert_int_equal(pytok_tokens(&toks, &count, &src, &diags), 0);
	struct pyliteral lit = {
		.text = src.text, .toks = toks, .count = count,
		.encoding = pytok_encoding(src.text, &bom), .arena = &arena,
	};
	assert_int_equal(pyliteral_eval(&v, &lit, &pos, false, tuple), 0);
	assert_non_null(v);
	if (stop)
		assert_true(pytok_is_op(src.text, &toks[pos], stop));
	return v;
}

static struct pyval *
eval(const char *text)
{
	return eval_len(text, strlen(text), false, NULL);
}

static void
assert_str(const struct pyval *v, const char *expect, size_t len)
{
	assert_int_equal(v->kind, PYVAL_STR);
	assert_int_equal(v->str.len, len);
	assert_memory_equal(v->str.ptr, expect, len);
}

static void
test_pyliteral_decodes_every_escape(void **state)
{
	(void)state;
	struct pyval *v = eval("'a\\tb\\n\\x41\\101\\u00e9\\U0001F600\\q\\\\\\'\\0'");
	static const char want[] = "a\tb\nAA\xc3\xa9\xf0\x9f\x98\x80\\q\\'";
	assert_str(v, want, sizeof(want)); /* sizeof counts the \0 escape's NUL */
	assert_false(v->verbatim);
}

static void
test_pyliteral_keeps_raw_strings_as_written(void **state)
{
	(void)state;
	assert_str(eval("r'\\d+\\n'"), "\\d+\\n", 5);
	struct pyval *v = eval("Rb'\\x00'");
	assert_int_equal(v->kind, PYVAL_BYTES);
	assert_int_equal(v->str.len, 4);
	assert_memory_equal(v->str.ptr, "\\x00", 4);
}

static void
test_pyliteral_joins_adjacent_strings_and_maps_plain_ones(void **state)
{
	(void)state;
	struct pyval *v = eval("('requests'  # c\n  \">=2\" '''x''')");
	assert_str(v, "requests>=2x", 12);
	assert_int_equal(v->at.start, 1);
	assert_false(v->verbatim);
	v = eval("'flask>=1'");
	assert_true(v->verbatim);
	assert_int_equal(v->content_start, 1);
}

static void
test_pyliteral_reads_nested_containers(void **state)
{
	(void)state;
	struct pyval *v = eval("[1, -2.5, (None,), {'a': [True]}, {'s'}, 3j, b'b', ()]");
	assert_int_equal(v->kind, PYVAL_LIST);
	assert_int_equal(v->n_items, 8);
	assert_int_equal(v->items[0]->kind, PYVAL_INT);
	assert_int_equal(v->items[1]->kind, PYVAL_FLOAT);
	assert_memory_equal(v->items[1]->str.ptr, "-2.5", 4);
	assert_int_equal(v->items[2]->kind, PYVAL_TUPLE);
	assert_int_equal(v->items[2]->items[0]->kind, PYVAL_NONE);
	assert_int_equal(v->items[3]->kind, PYVAL_DICT);
	assert_int_equal(v->items[3]->n_items, 1);
	assert_true(v->items[3]->items[1]->items[0]->truth);
	assert_int_equal(v->items[4]->kind, PYVAL_SET);
	assert_int_equal(v->items[5]->kind, PYVAL_COMPLEX);
	assert_int_equal(v->items[6]->kind, PYVAL_BYTES);
	assert_int_equal(v->items[7]->kind, PYVAL_TUPLE);
	assert_int_equal(v->items[7]->n_items, 0);
	assert_int_equal(eval("{}")->kind, PYVAL_DICT);
}

static void
test_pyliteral_adds_sequences_of_one_type(void **state)
{
	(void)state;
	struct pyval *v = eval("['a'] + ['b', 'c'] + []");
	assert_int_equal(v->kind, PYVAL_LIST);
	assert_int_equal(v->n_items, 3);
	assert_str(eval("'a' + 'b'"), "ab", 2);
	assert_int_equal(eval("['a'] + ('b',)")->kind, PYVAL_DYNAMIC);
	assert_int_equal(eval("1 + 2")->kind, PYVAL_DYNAMIC);
}

static void
test_pyliteral_marks_dynamic_forms_and_stops_after_them(void **state)
{
	(void)state;
	static const char *const forms[] = {
		"open('r.txt').read(), x", "os.environ['A'], x", "[r for r in y], x",
		"['a'] if c else ['b'], x", "['a'] * 2, x", "[*a, 'b'], x", "{**a}, x",
		"f'{v}', x", "lambda: 1, x", "-'a', x", "'\\N{DASH}', x", "x.y, x", "not a, x",
		"'a' b'b', x", "name, x",
	};
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		struct pyval *v = eval_len(forms[i], strlen(forms[i]), false, ",");
		assert_int_equal(v->kind, PYVAL_DYNAMIC);
		assert_non_null(v->why);
	}
}

static void
test_pyliteral_keeps_dynamic_items_of_a_literal_list(void **state)
{
	(void)state;
	struct pyval *v = eval("['a', get(), 'b']");
	assert_int_equal(v->kind, PYVAL_LIST);
	assert_int_equal(v->n_items, 3);
	assert_int_equal(v->items[1]->kind, PYVAL_DYNAMIC);
	assert_string_equal(v->items[1]->why, "a function call");
	assert_int_equal(v->items[1]->at.start, 6);
}

static void
test_pyliteral_reads_a_bare_tuple_when_asked(void **state)
{
	(void)state;
	struct pyval *v = eval_len("'a', 'b',\n", 10, true, NULL);
	assert_int_equal(v->kind, PYVAL_TUPLE);
	assert_int_equal(v->n_items, 2);
}

static void
test_pyliteral_decodes_latin1_sources(void **state)
{
	(void)state;
	static const char text[] = "# -*- coding: latin-1 -*-\nx = 'caf\xe9'\n";
	struct source src = { "setup.py", { text, sizeof(text) - 1 } };
	size_t count, bom, pos = 4;      /* COMMENT NL NAME OP */
	struct pyval *v;

	free(toks);
	assert_int_equal(pytok_tokens(&toks, &count, &src, &diags), 0);
	struct pyliteral lit = {
		.text = src.text, .toks = toks, .count = count,
		.encoding = pytok_encoding(src.text, &bom), .arena = &arena,
	};
	assert_int_equal(lit.encoding, PYTOK_LATIN1);
	assert_int_equal(pyliteral_eval(&v, &lit, &pos, false, false), 0);
	assert_str(v, "caf\xc3\xa9", 5);
	assert_false(v->verbatim);
}

static void
test_pyliteral_rejects_malformed_escapes_and_non_ascii_bytes(void **state)
{
	(void)state;
	struct pyval v;
	assert_int_equal(pyliteral_decode_string(&v, &arena, SV_LIT("'\\x4'"), PYTOK_UTF8), 0);
	assert_int_equal(v.kind, PYVAL_DYNAMIC);
	assert_int_equal(pyliteral_decode_string(&v, &arena, SV_LIT("'\\U00110000'"), PYTOK_UTF8), 0);
	assert_int_equal(v.kind, PYVAL_DYNAMIC);
	assert_int_equal(pyliteral_decode_string(&v, &arena, SV_LIT("b'\xc3\xa9'"), PYTOK_UTF8), 0);
	assert_int_equal(v.kind, PYVAL_DYNAMIC);
	assert_int_equal(pyliteral_decode_string(&v, &arena, SV_LIT("'abc"), PYTOK_UTF8), 0);
	assert_int_equal(v.kind, PYVAL_DYNAMIC);
	assert_int_equal(pyliteral_decode_string(&v, &arena, SV_LIT("x'a'"), PYTOK_UTF8), 0);
	assert_int_equal(v.kind, PYVAL_DYNAMIC);
	assert_int_equal(pyliteral_decode_string(&v, &arena, SV_LIT("''"), PYTOK_UTF8), 0);
	assert_int_equal(v.kind, PYVAL_STR);
	assert_int_equal(v.str.len, 0);
	assert_int_equal(pyliteral_decode_string(&v, &arena, SV_LIT("'a\r\nb\rc'"), PYTOK_UTF8), 0);
	assert_int_equal(v.str.len, 5);
	assert_memory_equal(v.str.ptr, "a\nb\nc", 5);
}

static void
test_pyliteral_limits_nesting(void **state)
{
	(void)state;
	char text[2 * 150 + 2];
	memset(text, '[', 150);
	memset(text + 150, ']', 150);
	text[300] = '\0';
	struct pyval *v = eval(text);
	assert_int_equal(v->kind, PYVAL_LIST);
	/* somewhere down the nesting stopped with a reason */
	while (v->kind == PYVAL_LIST && v->n_items == 1)
		v = v->items[0];
	assert_int_equal(v->kind, PYVAL_DYNAMIC);
	assert_string_equal(v->why, "nesting too deep");
}

/* Every prefix and many corrupted copies: no crash, always a value. */
static void
test_pyliteral_survives_truncated_and_corrupted_input(void **state)
{
	(void)state;
	static const char text[] =
		"['a\\x41', (b'x', {'k': [1, -2.5e3, None]}), r'''raw\n''' \"j\", {1, 2}, -3j]";
	char buf[sizeof(text)];
	uint32_t seed = 5;

	for (size_t n = 0; n < sizeof(text) - 1; n++)
		eval_len(text, n, true, NULL);
	for (int round = 0; round < 400; round++) {
		memcpy(buf, text, sizeof(text));
		for (int k = 0; k < 3; k++) {
			seed = seed * 1103515245u + 12345u;
			size_t at = (seed >> 8) % (sizeof(text) - 1);
			seed = seed * 1103515245u + 12345u;
			buf[at] = "[](){},:'\"\\+-*xb\n\r\x80#"[(seed >> 8) % 21];
		}
		eval_len(buf, sizeof(text) - 1, true, NULL);
	}
}

int
main(void)
{
#define T(test) cmocka_unit_test_setup_teardown(test, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_pyliteral_decodes_every_escape),
		T(test_pyliteral_keeps_raw_strings_as_written),
		T(test_pyliteral_joins_adjacent_strings_and_maps_plain_ones),
		T(test_pyliteral_reads_nested_containers),
		T(test_pyliteral_adds_sequences_of_one_type),
		T(test_pyliteral_marks_dynamic_forms_and_stops_after_them),
		T(test_pyliteral_keeps_dynamic_items_of_a_literal_list),
		T(test_pyliteral_reads_a_bare_tuple_when_asked),
		T(test_pyliteral_decodes_latin1_sources),
		T(test_pyliteral_rejects_malformed_escapes_and_non_ascii_bytes),
		T(test_pyliteral_limits_nesting),
		T(test_pyliteral_survives_truncated_and_corrupted_input),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
