/*
 * Reading a JSON detector's file into a cJSON tree (see jsonval.h), with
 * core/lex/jsonpos.c placing each error where cJSON's stop pointer cannot.
 */
#include "detect/jsonval.h"

#include "lex/jsonpos.h"

static void
report(struct detect_out *out, struct source *src, const struct jsonpos_error *err)
{
	diag_add(out->diags, DIAG_ERROR, src, (struct span){ err->at, err->at }, "%s",
		 err->message);
}

cJSON *
jsonval_parse_object(struct detect_out *out, struct source *src, const char *what)
{
	struct jsonpos_error err;
	const char *end = NULL;
	cJSON *root;

	if (jsonpos_find_nul(&err, src->text)) {
		report(out, src, &err);
		return NULL;
	}
	root = cJSON_ParseWithLengthOpts(src->text.ptr, src->text.len, &end, 0);
	if (jsonpos_parse_error(&err, src->text, root != NULL, end))
		report(out, src, &err);
	if (root && !cJSON_IsObject(root)) {
		diag_add(out->diags, DIAG_ERROR, src, (struct span){ 0, 0 },
			 "expected a json object at the top of %s", what);
		cJSON_Delete(root);
		root = NULL;
	}
	return root;
}
