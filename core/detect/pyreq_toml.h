/*
 * TOML manifests (pyproject.toml, Pipfile) read so that one bad line costs
 * one diagnostic, not the file: the parts before and after it are still read.
 */
#ifndef DEPUTY_DETECT_PYREQ_TOML_H
#define DEPUTY_DETECT_PYREQ_TOML_H

#include <stdbool.h>
#include <stddef.h>

#include "detect/detect.h"
#include "detect/pyreq.h"
#include "lex/toml.h"

/* Parts of a bad document tried after its first error, at most. */
#define PYREQ_TOML_MAX_PARTS 64

/*
 * Called with the root of a document, or of a part of one: the spans in the
 * tree are relative to @base, a byte offset in the file.
 */
typedef int (*pyreq_toml_fn)(const struct toml_value *root, size_t base, void *payload);

/*
 * Parses @src as TOML and calls @fn once with the root. A bad document gets
 * one diagnostic, at its first error; then @fn is called for the longest part
 * before the error that parses (whole lines), and for each later part that
 * starts at a "[header]" line and parses to the end. Returns 0, ERR_NOMEM or
 * what @fn returned.
 */
int pyreq_toml_read(struct detect_out *out, struct source *src, pyreq_toml_fn fn,
		    void *payload);

/* The string value @v (spans relative to @base) as written in @src. */
void pyreq_toml_text(struct pyreq_text *out, struct source *src, size_t base,
		     const struct toml_value *v);

/* The span of @v, or of @e's key through its value, moved by @base. */
struct span pyreq_toml_span(const struct toml_value *v, size_t base);
struct span pyreq_toml_entry_span(const struct toml_entry *e, size_t base);
/* The span of the key of @e without its quotes, moved by @base. */
struct span pyreq_toml_key_span(struct source *src, const struct toml_entry *e, size_t base);

/* ---- typed lookups over a TOML manifest (pyproject.toml, Pipfile) ---- */

/* A named index ([[tool.poetry.source]], [[tool.uv.index]], [[source]]); strings in the arena. */
struct pyreq_toml_index {
	const char *name;        /* NULL when the table has none */
	const char *url;
};

struct pyreq_toml_doc {
	struct detect_out *out;
	struct source *src;
	size_t base;             /* the part of the file being read: spans are relative to it */
	size_t first_dep;        /* out->deps index of this part's first declaration */
	struct pyreq_toml_index *indexes;   /* heap, freed by the detector */
	size_t n_indexes, cap_indexes;
	enum index_option_kind uv_extra;    /* a uv index that does not replace PyPI */
};

/* "expected @what for @where, found <kind>" at @v. */
void pyreq_toml_expected(struct pyreq_toml_doc *pp, const struct toml_value *v,
			 const char *what, const char *where);
/*
 * The string at @key of @table (NULL when absent or not a string: then a
 * diagnostic). *@value, when asked for, is the value whatever its kind.
 */
const char *pyreq_toml_get_string(struct pyreq_toml_doc *pp, const struct toml_value *table,
				 const char *key, const struct toml_value **value);
/* True when @key of @table is the boolean true. */
bool pyreq_toml_get_bool(const struct toml_value *table, const char *key);
/* Where a table is written: its [header] line or braces through its last value. */
struct span pyreq_toml_table_span(const struct pyreq_toml_doc *pp, const struct toml_value *t);

/* An array of PEP 508 strings; PDM's "-e ..." strings too when @editable_ok. 0 or ERR_NOMEM. */
int pyreq_toml_read_requirements(struct pyreq_toml_doc *pp, const struct toml_value *v,
				enum dep_kind kind, const char *where, bool editable_ok);
/* A version constraint as written without spaces; "*" (any) is "". NULL when out of memory. */
const char *pyreq_toml_constraint_spec(struct pyreq_toml_doc *pp, const char *constraint);
/* The strings of the array @extras (may be NULL) as @dep's extras. 0 or ERR_NOMEM. */
int pyreq_toml_set_extras(struct pyreq_toml_doc *pp, struct dep *dep, const struct toml_value *extras);

/* Remembers the index @name (may be NULL) at @url. 0 or ERR_NOMEM. */
int pyreq_toml_add_index(struct pyreq_toml_doc *pp, const char *name, const char *url);
/* The URL of the index named @name (the last of that name), or NULL. */
const char *pyreq_toml_find_index(const struct pyreq_toml_doc *pp, const char *name);
/*
 * An option of @kind for the index at @url (a string value), written in
 * @table (or in @url's own line when @table is @url). 0 or ERR_NOMEM.
 */
int pyreq_toml_add_option(struct pyreq_toml_doc *pp, const struct toml_value *table,
			 const struct toml_value *url, enum index_option_kind kind);

/* ---- the parts of the pyproject.toml detector, each in its own file ---- */

/* pyreq_index.c: the indexes of Poetry and uv, as options. 0 or ERR_NOMEM. */
int pyreq_index_read(struct pyreq_toml_doc *pp, const struct toml_value *root);

/* pyreq_poetry.c: [tool.poetry] dependency tables. 0 or ERR_NOMEM. */
int pyreq_poetry_read(struct pyreq_toml_doc *pp, const struct toml_value *root);
/*
 * Moves @dep to where @table says it comes from: git (with rev, tag or
 * branch), url, path (editable when @editable_key is true), subdirectory, and
 * the index named by @index_key. 0 or ERR_NOMEM.
 */
int pyreq_poetry_locate(struct pyreq_toml_doc *pp, struct dep *dep, const struct toml_value *table,
			const char *index_key, const char *editable_key);

/* pyreq_groups.c: PEP 735 [dependency-groups]. 0 or ERR_NOMEM. */
int pyreq_groups_read(struct pyreq_toml_doc *pp, const struct toml_value *root);

#endif
