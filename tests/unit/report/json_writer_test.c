/*
 * The JSON report is written piece by piece (core/report/json_writer.c) in
 * the layout cJSON_Print() gives a whole document: each case writes a
 * document with the writer and compares it byte for byte with cJSON_Print()
 * of the same document built as one tree, but for the control characters
 * cJSON leaves raw (DEL and C1), which the writer escapes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "report/json_writer.h"

/* A small tree of every kind of value, with text that needs escaping. */
static cJSON *
entry(int i)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *list = cJSON_AddArrayToObject(o, "list");

	cJSON_AddNumberToObject(o, "n", i * 1.5);
	cJSON_AddStringToObject(o, "text", "two\nlines \"quoted\" \t\\ \x01");
	cJSON_AddNullToObject(o, "none");
	cJSON_AddBoolToObject(o, "yes", i % 2);
	for (int k = 0; k < i; k++)
		cJSON_AddItemToArray(list, cJSON_CreateString(k % 2 ? "b" : "a"));
	cJSON_AddObjectToObject(o, "empty");
	return o;
}

/* The writer's text of the document, written to a memory stream. */
static char *
written(void (*write)(struct json_writer *w))
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	struct json_writer w = JSON_WRITER_INIT(f);

	assert_non_null(f);
	write(&w);
	assert_false(w.failed);
	assert_int_equal(w.depth, 0);
	fclose(f);
	return text;
}

static void
compare(cJSON *tree, void (*write)(struct json_writer *w))
{
	char *want = cJSON_Print(tree), *got = written(write);

	assert_non_null(want);
	assert_string_equal(got, want);
	free(want);
	free(got);
	cJSON_Delete(tree);
}

/* { "a": 1, "k\"ey": {entry 2}, "items": [entry 0, entry 1, entry 3], "none": [], "nested": { "deep": [[{}]], "x": "y" } } */
static void
write_mixed(struct json_writer *w)
{
	json_writer_open_object(w, NULL);
	json_writer_value(w, "a", cJSON_CreateNumber(1));
	json_writer_value(w, "k\"ey", entry(2));
	json_writer_open_array(w, "items");
	json_writer_value(w, NULL, entry(0));
	json_writer_value(w, NULL, entry(1));
	json_writer_value(w, NULL, entry(3));
	json_writer_close(w);
	json_writer_open_array(w, "none");
	json_writer_close(w);
	json_writer_open_object(w, "nested");
	json_writer_open_array(w, "deep");
	json_writer_open_array(w, NULL);
	json_writer_open_object(w, NULL);
	json_writer_close(w);
	json_writer_close(w);
	json_writer_close(w);
	json_writer_value(w, "x", cJSON_CreateString("y"));
	json_writer_close(w);
	json_writer_close(w);
}

static void
test_json_writer_matches_cjson_print(void **state)
{
	cJSON *root = cJSON_CreateObject(), *items, *nested, *deep, *inner;

	(void)state;
	cJSON_AddNumberToObject(root, "a", 1);
	cJSON_AddItemToObject(root, "k\"ey", entry(2));
	items = cJSON_AddArrayToObject(root, "items");
	cJSON_AddItemToArray(items, entry(0));
	cJSON_AddItemToArray(items, entry(1));
	cJSON_AddItemToArray(items, entry(3));
	cJSON_AddArrayToObject(root, "none");
	nested = cJSON_AddObjectToObject(root, "nested");
	deep = cJSON_AddArrayToObject(nested, "deep");
	inner = cJSON_CreateArray();
	cJSON_AddItemToArray(inner, cJSON_CreateObject());
	cJSON_AddItemToArray(deep, inner);
	cJSON_AddStringToObject(nested, "x", "y");
	compare(root, write_mixed);
}

static void
write_empty(struct json_writer *w)
{
	json_writer_open_object(w, NULL);
	json_writer_close(w);
}

static void
test_json_writer_empty_document(void **state)
{
	(void)state;
	compare(cJSON_CreateObject(), write_empty);
}

static void
write_too_deep(struct json_writer *w)
{
	for (int i = 0; i <= JSON_WRITER_MAX_DEPTH; i++)
		json_writer_open_array(w, NULL);
}

/* Nesting past the limit, or a value cJSON could not make, fails the writer. */
static void
test_json_writer_reports_failure(void **state)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	struct json_writer w = JSON_WRITER_INIT(f);

	(void)state;
	write_too_deep(&w);
	assert_true(w.failed);
	w = (struct json_writer)JSON_WRITER_INIT(f);
	json_writer_open_array(&w, NULL);
	json_writer_value(&w, NULL, NULL);
	assert_true(w.failed);
	fclose(f);
	free(text);
}

static void
write_controls(struct json_writer *w)
{
	json_writer_open_object(w, NULL);
	json_writer_value(w, "k\xc2\x9b", cJSON_CreateString("a\x7f b\xc2\x9b[2J c\xc2\x80 "
							     "nbsp\xc2\xa0 \xe2\x80\xae\x1b"));
	json_writer_close(w);
}

/*
 * DEL and the C1 controls come out as \u escapes, in keys and values, and
 * the text decodes to the strings written; a character above them (U+00A0)
 * and the C0 controls stay as cJSON writes them.
 */
static void
test_json_writer_escapes_del_and_c1_controls(void **state)
{
	char *got = written(write_controls);
	cJSON *back = cJSON_Parse(got), *item;

	(void)state;
	assert_non_null(back);
	assert_string_equal(got, "{\n\t\"k\\u009b\":\t\"a\\u007f b\\u009b[2J c\\u0080 nbsp\xc2\xa0 "
			    "\xe2\x80\xae\\u001b\"\n}");
	item = cJSON_GetObjectItemCaseSensitive(back, "k\xc2\x9b");
	assert_true(cJSON_IsString(item));
	assert_string_equal(item->valuestring,
			    "a\x7f b\xc2\x9b[2J c\xc2\x80 nbsp\xc2\xa0 \xe2\x80\xae\x1b");
	cJSON_Delete(back);
	free(got);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_writer_matches_cjson_print),
		cmocka_unit_test(test_json_writer_empty_document),
		cmocka_unit_test(test_json_writer_reports_failure),
		cmocka_unit_test(test_json_writer_escapes_del_and_c1_controls),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
