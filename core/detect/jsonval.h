/*
 * Reading values out of a cJSON tree, for the JSON detectors (renv.lock,
 * Pipfile.lock). cJSON frees its strings with the tree, so what a
 * declaration keeps is copied into the scan's arena.
 */
#ifndef DEPUTY_DETECT_JSONVAL_H
#define DEPUTY_DETECT_JSONVAL_H

#include <stdbool.h>

#include <cjson/cJSON.h>

#include "deputy/arena.h"

/* The string member @key of @obj (borrowed from the tree), or NULL. */
static inline const char *
jsonval_string(const cJSON *obj, const char *key)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsString(item) ? item->valuestring : NULL;
}

/* A copy of @s in @arena; NULL stays NULL, and out of memory sets *@nomem. */
static inline const char *
jsonval_keep(struct arena *arena, const char *s, bool *nomem)
{
	char *copy;

	if (!s)
		return NULL;
	if (!(copy = arena_strdup(arena, s)))
		*nomem = true;
	return copy;
}

#endif
