/*
 * TOML 1.0.0 documents (pyproject.toml, Pipfile, poetry.lock, uv.lock) read
 * into a tree in the caller's arena. Every key and value keeps its byte span
 * in the source, so a detector can say where a dependency was declared.
 */
#ifndef DEPUTY_LEX_TOML_H
#define DEPUTY_LEX_TOML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "deputy/arena.h"
#include "deputy/diag.h"
#include "deputy/sv.h"

/* Deeper nesting (tables, arrays, inline tables, dotted key parts) is ERR_LIMIT. */
#define TOML_MAX_DEPTH 128
/* A longer document is refused with ERR_LIMIT before it is read. */
#define TOML_MAX_LEN ((size_t)64 << 20)

enum toml_kind {
	TOML_TABLE,
	TOML_ARRAY,
	TOML_STRING,
	TOML_INTEGER,
	TOML_FLOAT,
	TOML_BOOL,
	TOML_DATETIME,          /* offset date-time: 1979-05-27T07:32:00Z */
	TOML_DATETIME_LOCAL,    /* 1979-05-27T07:32:00 */
	TOML_DATE_LOCAL,        /* 1979-05-27 */
	TOML_TIME_LOCAL,        /* 07:32:00 */
};

/*
 * A date, a time or both, as written. Fields a kind does not have are 0.
 * Fractions finer than a nanosecond are truncated, as the spec allows.
 */
struct toml_datetime {
	int year, month, day;
	int hour, minute, second;
	uint32_t nanosecond;
	unsigned frac_digits;   /* digits of the fraction kept (0..9); 0 when none was written */
	int offset_minutes;     /* TOML_DATETIME only: east of UTC */
	bool offset_z;          /* TOML_DATETIME only: written as "Z" */
};

struct toml_value;

/* One key of a table, in document order. */
struct toml_entry {
	struct sv key;          /* decoded; in the arena, NUL-terminated (may hold NUL) */
	struct span key_at;     /* the key as written, quotes included */
	struct toml_value *value;
};

struct toml_value {
	enum toml_kind kind;
	/*
	 * Where the value is written. A [table] or [[table]] points at its header's
	 * key, a table created by a dotted key or a header's prefix at that key.
	 */
	struct span at;
	union {
		struct sv string;       /* decoded; in the arena, NUL-terminated (may hold NUL) */
		int64_t integer;
		double floating;
		bool boolean;
		struct toml_datetime datetime;
		struct {
			struct toml_entry *entries;
			size_t len;
			/* the reader's bookkeeping */
			size_t cap;
			uint32_t *index;        /* hash slots (entry index + 1) once len grows */
			size_t index_cap;
		} table;
		struct {
			struct toml_value **items;
			size_t len;
			size_t cap;
		} array;
	} as;
	/* How the value came to be; the reader uses these for the redefinition rules. */
	bool is_inline;         /* an inline table or array written as a value: immutable */
	bool is_aot;            /* an array made by [[header]] */
	bool is_defined;        /* a table defined by its own [header] */
	unsigned dotted_section;/* header count when a dotted key last went through it */
	unsigned depth;         /* 0 for the root */
};

/* Why a parse failed. @offset is a byte offset into the parsed text. */
struct toml_error {
	int code;               /* ERR_SYNTAX, ERR_LIMIT or ERR_NOMEM */
	size_t offset;
	char message[160];      /* one line, lower case, says what was expected */
};

/*
 * Parses @text as a whole TOML 1.0.0 document (a leading UTF-8 BOM is
 * skipped). On success *@out is the root table, in @arena; the tree borrows
 * nothing from @text. Returns 0, or ERR_SYNTAX / ERR_LIMIT / ERR_NOMEM with
 * @err filled in (then *@out is NULL).
 */
int toml_parse(struct toml_value **out, struct arena *arena, struct sv text,
	       struct toml_error *err);

/* The value of @key in @table; NULL when absent or when @table is not a table. */
const struct toml_value *toml_table_get(const struct toml_value *table, const char *key);
const struct toml_value *toml_table_get_sv(const struct toml_value *table, struct sv key);
/* The same, as the whole entry (for the key's span). */
const struct toml_entry *toml_table_find(const struct toml_value *table, struct sv key);

/*
 * Follows @path, keys separated by ".", through tables only:
 * toml_get_path(root, "tool.poetry.dependencies"). A key that itself holds a
 * "." cannot be reached this way; use toml_table_get() for it. NULL when any
 * step is missing or not a table.
 */
const struct toml_value *toml_get_path(const struct toml_value *table, const char *path);

/* Iteration: the count, and the item at @i (NULL when out of range or the wrong kind). */
size_t toml_table_len(const struct toml_value *table);
const struct toml_entry *toml_table_at(const struct toml_value *table, size_t i);
size_t toml_array_len(const struct toml_value *array);
const struct toml_value *toml_array_at(const struct toml_value *array, size_t i);

/* The string of @value (NUL-terminated, in the arena), or NULL when it is not a string. */
const char *toml_string(const struct toml_value *value);

/* "table", "array", "string", "integer", ... Static. */
const char *toml_kind_name(enum toml_kind kind);

#endif
