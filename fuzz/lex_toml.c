/* Fuzz target: lex/toml.c, the input as a TOML document, then every value walked. */
#include "lex/toml.h"
#include "fuzz.h"

static void
walk(const struct toml_value *v, size_t size)
{
	FUZZ_CHECK(v != NULL);
	FUZZ_CHECK(v->at.start <= v->at.end && v->at.end <= size);
	(void)toml_kind_name(v->kind);
	if (v->kind == TOML_TABLE) {
		for (size_t i = 0; i < toml_table_len(v); i++) {
			const struct toml_entry *e = toml_table_at(v, i);

			FUZZ_CHECK(e->key_at.end <= size);
			/* Every key is found again by its decoded name. */
			FUZZ_CHECK(toml_table_find(v, e->key) != NULL);
			walk(e->value, size);
		}
	} else if (v->kind == TOML_ARRAY) {
		for (size_t i = 0; i < toml_array_len(v); i++)
			walk(toml_array_at(v, i), size);
	} else if (v->kind == TOML_STRING) {
		FUZZ_CHECK(toml_string(v) != NULL);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena arena = ARENA_INIT;
	struct toml_value *root = NULL;
	struct toml_error err;
	int rc;

	rc = toml_parse(&root, &arena, fuzz_sv(data, size), &err);
	FUZZ_CHECK(rc == 0 || rc == ERR_SYNTAX || rc == ERR_LIMIT || rc == ERR_NOMEM);
	if (rc == 0) {
		FUZZ_CHECK(root && root->kind == TOML_TABLE);
		walk(root, size);
		(void)toml_get_path(root, "tool.poetry.dependencies");
	} else {
		FUZZ_CHECK(err.offset <= size);
	}
	arena_release(&arena);
	return 0;
}
