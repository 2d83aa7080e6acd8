/*
 * Reading a JSON file and values out of its cJSON tree, for the JSON
 * detectors (renv.lock, Pipfile.lock, notebooks). cJSON frees its strings
 * with the tree, so what a declaration keeps is copied into the scan's arena.
 */
#ifndef DEPUTY_DETECT_JSONVAL_H
#define DEPUTY_DETECT_JSONVAL_H

#include <stdbool.h>

#include <cjson/cJSON.h>

#include "deputy/arena.h"
#include "detect/detect.h"

/*
 * The tree of @src, whose top must be an object (@what names the file in the
 * message when it is not: "renv.lock"), or NULL. Every error goes to
 * out->diags at its offset: a NUL byte (cJSON would take it for the end),
 * where cJSON stopped, the text ending inside a string or bracket, text
 * after the value (the tree is still returned). The caller deletes the tree.
 */
cJSON *jsonval_parse_object(struct detect_out *out, struct source *src, const char *what);

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
