/*
 * cJSON helpers the dump tools of tests/diff share: a sorted array of strings
 * without repeats (Python's sorted(set(...))) and a member that is a string or
 * null.
 */
#ifndef DEPUTY_TESTS_DUMP_JSON_H
#define DEPUTY_TESTS_DUMP_JSON_H

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "clock.h"

/* @items sorted, each once; lower-cased (ASCII) first when @lower. */
static inline cJSON *
dump_json_sorted(const char *const *items, size_t n, bool lower)
{
	const char **copy = calloc(n + 1, sizeof(*copy));
	char **owned = calloc(n + 1, sizeof(*owned));
	cJSON *arr = cJSON_CreateArray();

	for (size_t i = 0; i < n; i++) {
		owned[i] = strdup(items[i]);
		if (lower)
			for (char *p = owned[i]; *p; p++)
				if (*p >= 'A' && *p <= 'Z')
					*p = (char)(*p - 'A' + 'a');
		copy[i] = owned[i];
	}
	qsort(copy, n, sizeof(*copy), compare_cstrings);
	for (size_t i = 0; i < n; i++)
		if (i == 0 || strcmp(copy[i], copy[i - 1]) != 0)
			cJSON_AddItemToArray(arr, cJSON_CreateString(copy[i]));
	for (size_t i = 0; i < n; i++)
		free(owned[i]);
	free(owned);
	free(copy);
	return arr;
}

static inline void
dump_json_string_or_null(cJSON *obj, const char *key, const char *value)
{
	if (value)
		cJSON_AddStringToObject(obj, key, value);
	else
		cJSON_AddNullToObject(obj, key);
}

#endif
