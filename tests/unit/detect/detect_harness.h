/*
 * Scaffolding shared by the detector unit tests: the arena, diagnostics and detect_out a test
 * fills, their set-up and teardown, running a detector on a fixture string, and lookups.
 */
#ifndef DEPUTY_TESTS_DETECT_HARNESS_H
#define DEPUTY_TESTS_DETECT_HARNESS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "detect/detect.h"

static struct arena arena;
static struct diags diags;
static struct detect_out out;
static struct source src;       /* the last source given to harness_detect() */

static inline int
harness_setup(void **state)
{
	(void)state;
	arena_init(&arena);
	diags_init(&diags, &arena);
	detect_out_init(&out, &arena, &diags);
	return 0;
}

static inline int
harness_teardown(void **state)
{
	(void)state;
	detect_out_release(&out);
	diags_release(&diags);
	arena_release(&arena);
	return 0;
}

/* Forgets the declarations and diagnostics found so far (the arena keeps growing). */
static inline void
harness_reset(void)
{
	detect_out_release(&out);
	detect_out_init(&out, &arena, &diags);
	diags.len = 0;
}

/* Runs @fn on @len bytes of @text read from @path; the detector must succeed. */
static inline void
harness_detect(detect_fn fn, const char *path, const char *text, size_t len)
{
	struct detect_ctx ctx = { 0 };

	src = (struct source){ path, { text, len } };
	assert_int_equal(fn(&out, &src, &ctx), 0);
}

/* The folders of the cds that led to @cd, joined with '/' ("" for none), in @buf. */
static inline const char *
harness_cd_path(const struct detect_cd *cd, char *buf, size_t cap)
{
	const char *dirs[64];
	size_t n = 0, len = 0;

	for (; cd && n < 64; cd = cd->up)
		dirs[n++] = cd->dir;
	buf[0] = '\0';
	while (n-- > 0)
		len += (size_t)snprintf(buf + len, len < cap ? cap - len : 0, "%s%s", dirs[n],
					n ? "/" : "");
	return buf;
}

static inline const struct dep *
harness_dep_at(size_t i)
{
	assert_true(i < out.n_deps);
	return out.deps[i];
}

/* Asserts that declaration @i requires exactly the NULL-terminated @names, in order. */
static inline void
harness_expect_requires(size_t i, const char *const *names)
{
	const struct dep *d = harness_dep_at(i);
	size_t n = 0;

	while (names[n])
		n++;
	assert_int_equal(d->n_requires, n);
	if (n == 0) {
		assert_null(d->requires);
		return;
	}
	assert_non_null(d->requires);
	for (size_t k = 0; k < n; k++)
		assert_string_equal(d->requires[k], names[k]);
}

/* The @nth (0-based) declaration named @name; fails when absent. */
static inline const struct dep *
harness_find_nth(const char *name, size_t nth)
{
	for (size_t i = 0; i < out.n_deps; i++)
		if (strcmp(out.deps[i]->name, name) == 0 && nth-- == 0)
			return out.deps[i];
	fail_msg("no declaration named '%s'", name);
	return NULL;
}

static inline const struct dep *
harness_find(const char *name)
{
	return harness_find_nth(name, 0);
}

/* The first declaration whose normalized name is @normalized; fails when absent. */
static inline const struct dep *
harness_find_normalized(const char *normalized)
{
	for (size_t i = 0; i < out.n_deps; i++)
		if (strcmp(out.deps[i]->normalized, normalized) == 0)
			return out.deps[i];
	fail_msg("no declaration normalized as '%s'", normalized);
	return NULL;
}

static inline void
harness_assert_at(const struct dep *d, unsigned line, unsigned column)
{
	assert_int_equal(d->line, line);
	assert_int_equal(d->column, column);
}

/* @d was declared in @path at @line:@column, by @language code. */
static inline void
harness_expect_in(const struct dep *d, const char *path, unsigned line, unsigned column,
		  enum dep_language language)
{
	assert_string_equal(d->file, path);
	harness_assert_at(d, line, column);
	assert_int_equal(d->language, language);
}

/* The same, for a manifest declaration. */
static inline void
harness_expect_manifest_in(const struct dep *d, const char *path, unsigned line, unsigned column,
			   enum dep_language language)
{
	harness_expect_in(d, path, line, column, language);
	assert_int_equal(d->kind, DEP_MANIFEST);
}

/*
 * Declaration @i is the R package @name (normalized as written) of @eco and @kind, with @spec,
 * in @path at @line:@column.
 */
static inline void
harness_expect_r_dep(size_t i, enum ecosystem eco, enum dep_kind kind, const char *name,
		     const char *spec, const char *path, unsigned line, unsigned column)
{
	const struct dep *d = harness_dep_at(i);

	assert_int_equal(d->ecosystem, eco);
	assert_int_equal(d->kind, kind);
	assert_string_equal(d->name, name);
	assert_string_equal(d->normalized, name);
	assert_string_equal(d->spec, spec);
	harness_expect_in(d, path, line, column, LANG_R);
}

/* Declaration @i is named @name and placed at @line:@column. */
static inline void
harness_expect_dep(size_t i, const char *name, unsigned line, unsigned column)
{
	const struct dep *d = harness_dep_at(i);

	assert_string_equal(d->name, name);
	harness_assert_at(d, line, column);
}

/* A test run between harness_setup() and harness_teardown(). */
#define HARNESS_TEST(fn) cmocka_unit_test_setup_teardown(fn, harness_setup, harness_teardown)

/* Whether a diagnostic's message contains @needle. */
static inline bool
harness_has_diag(const char *needle)
{
	for (size_t i = 0; i < diags.len; i++)
		if (strstr(diags.items[i].message, needle))
			return true;
	return false;
}

/* How many diagnostics start with @prefix, on @line (any line when 0). */
static inline size_t
harness_count_diags(const char *prefix, unsigned line)
{
	size_t n = 0;

	for (size_t i = 0; i < diags.len; i++)
		if (strncmp(diags.items[i].message, prefix, strlen(prefix)) == 0 &&
		    (line == 0 || diags.items[i].line == line))
			n++;
	return n;
}

/*
 * Runs @fn on every proper prefix of @doc: each must succeed, with its diagnostics on lines
 * 1..@max_line and its declarations inside the prefix.
 */
static inline void
harness_every_prefix(detect_fn fn, const char *path, const char *doc, size_t doc_len,
		     unsigned max_line)
{
	for (size_t len = 0; len < doc_len; len++) {
		harness_detect(fn, path, doc, len);
		for (size_t i = 0; i < diags.len; i++)
			assert_true(diags.items[i].line >= 1 && diags.items[i].line <= max_line);
		for (size_t i = 0; i < out.n_deps; i++)
			assert_true(out.deps[i]->at.end <= len && out.deps[i]->at.name_end <= len);
		harness_reset();
	}
}

#endif
