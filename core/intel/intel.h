/*
 * Read-only reference data about the registries, bundled into the binary from
 * data/: popular PyPI names with their download rank, Python standard-library
 * modules (and the aliases people type for them), known-malicious packages.
 */
#ifndef DEPUTY_INTEL_INTEL_H
#define DEPUTY_INTEL_INTEL_H

#include <stdbool.h>
#include <stddef.h>

#include "deputy/dep.h"

struct intel;

/* A known-malicious package. Strings are borrowed from the intel. */
struct malicious {
	const char *id;          /* report id, e.g. "DEPUTY-2017-0001" */
	enum ecosystem ecosystem;
	const char *name;        /* normalised */
	const char *imitates;    /* the package it imitated, or NULL */
	const char *summary;
	const char *source;      /* the public report (the first reference) */
	const char *references;  /* every reference URL, one a line; NULL when none */
	const char *modified;    /* when the report was last changed ("2024-03-01"), or NULL */
};

/* Loads the bundled data. 0, ERR_NOMEM, or ERR_SYNTAX for corrupt bundled data. */
int intel_open(struct intel **out);
void intel_free(struct intel *intel);

/* Download rank (1 = most downloaded) of a PEP 503 name, or 0 when not popular. */
int intel_pypi_rank(const struct intel *intel, const char *normalized);
/* The intel's own copy of the popular name @normalized, with its rank; NULL when not popular. */
const char *intel_pypi_popular(const struct intel *intel, const char *normalized, int *rank);
/*
 * The popular names by rank: the i-th most downloaded (0 = the most), its rank
 * and its letters without separators (@stripped, when not NULL). NULL past the end.
 */
const char *intel_pypi_top(const struct intel *intel, size_t i, int *rank, const char **stripped);
/* The index of the first popular name (sorted by name) not before @normalized. */
size_t intel_pypi_lower_bound(const struct intel *intel, const char *normalized);
/* Number of popular names, and the i-th (normalised) with its rank. */
size_t intel_pypi_count(const struct intel *intel);
const char *intel_pypi_name(const struct intel *intel, size_t i, int *rank);

/*
 * Calls @fn for every popular name that may be one edit from @normalized:
 * one character inserted, deleted or substituted, two adjacent characters
 * swapped, or separators alone differing ('-' is ignored on both sides).
 * These are candidates: the caller decides what the difference is. A name
 * may come more than once, and @normalized itself comes when popular.
 * Stops at the first non-zero return of @fn and returns it; else 0.
 */
typedef int (*intel_name_fn)(const char *normalized, int rank, void *payload);
int intel_pypi_near(const struct intel *intel, const char *normalized, intel_name_fn fn,
		    void *payload);

/*
 * Calls @fn for every other form of a popular name (its packaging words set
 * aside, or its look-alike letters folded: intel/variants.h) that may be one
 * edit from @text (lower case, no separators), @text itself included.
 * Candidates, as for intel_pypi_near(). Stops at the first non-zero return.
 */
struct intel_form {
	const char *target;      /* the popular name (normalised) */
	int rank;
	const char *text;        /* the form: lower case, no separators */
	unsigned kind;           /* VARIANT_* bits (intel/variants.h) */
	const char *prefix, *suffix;   /* the words set aside (static), or NULL */
};
typedef int (*intel_variant_fn)(const struct intel_form *form, void *payload);
int intel_pypi_variant_near(const struct intel *intel, const char *text, intel_variant_fn fn,
			    void *payload);

/*
 * Every existing PyPI project (data/pypi-names.tsv.gz, about 886,000 names),
 * kept front-coded in the binary and searched in place.
 */

/* @normalized (PEP 503) is an existing PyPI project. */
bool intel_pypi_exists(const struct intel *intel, const char *normalized);
/* Some existing project's name starts with the @len bytes of @prefix. */
bool intel_pypi_has_prefix(const struct intel *intel, const char *prefix, size_t len);
/*
 * The month of @normalized's last release as year * 12 + (month - 1), or 0
 * when the project is not listed or its month is unknown.
 */
int intel_pypi_last_release(const struct intel *intel, const char *normalized);
/* Number of existing names, and the i-th (sorted) written into @buf (@cap bytes). */
size_t intel_pypi_known_count(const struct intel *intel);
const char *intel_pypi_known_name(const struct intel *intel, size_t i, char *buf, size_t cap);

/*
 * When @normalized names a standard-library module (or an alias people type
 * for one, e.g. "telnet"), returns the module's name; else NULL.
 */
const char *intel_stdlib_module(const struct intel *intel, const char *normalized);

/*
 * When @normalized names a standard-library module that Python 2.7 lacked
 * (dataclasses, typing), returns N of the CPython 3.N that brought it; else
 * -1 (a module every Python has, an alias, or no module).
 */
int intel_stdlib_since(const struct intel *intel, const char *normalized);

/* The known-malicious entry for @normalized in @eco, or NULL. */
const struct malicious *intel_find_malicious(const struct intel *intel, enum ecosystem eco,
					     const char *normalized);

/* Number of known-malicious entries, and the i-th. */
size_t intel_malicious_count(const struct intel *intel);
const struct malicious *intel_malicious_at(const struct intel *intel, size_t i);

/*
 * Adds a known-malicious entry (strings copied) beside the bundled ones, for
 * the synced database and for tests. A PyPI name is normalised; CRAN and
 * GitHub names are compared case-insensitively; a GitHub entry names
 * "owner/repo", or "owner" for every repository of the account. 0 or ERR_NOMEM.
 */
int intel_add_malicious(struct intel *intel, const struct malicious *m);
/* The same for @n entries at once (one sort): 0 or ERR_NOMEM. */
int intel_add_malicious_batch(struct intel *intel, const struct malicious *ms, size_t n);

/*
 * R. CRAN names are compared case-insensitively: the bundled list comes from
 * Debian's r-cran-* names, which are lower case (data/README.md).
 */

/* @name is on the bundled CRAN list. */
bool intel_cran_has(const struct intel *intel, const char *name);
/*
 * @name is a package deputy knows is real: on the bundled CRAN list, or named
 * as a dependency by a package on it (data/cran-known.txt).
 */
bool intel_cran_known(const struct intel *intel, const char *name);
/* Number of CRAN names, and the i-th (lower case). */
size_t intel_cran_count(const struct intel *intel);
const char *intel_cran_name(const struct intel *intel, size_t i);
/*
 * Calls @fn (rank 0) for every CRAN name that may be one edit from @name once
 * case and separators ('.', '-', '_') are set aside; candidates, as for
 * intel_pypi_near(), @name itself included when listed.
 */
int intel_cran_near(const struct intel *intel, const char *name, intel_name_fn fn,
		    void *payload);

/*
 * When @name (any case) is one of R's base or recommended packages, R's
 * spelling of it ("MASS"), with *@recommended set (when not NULL); else NULL.
 */
const char *intel_r_base_package(const struct intel *intel, const char *name,
				 bool *recommended);
/* As intel_cran_near(), over the base and recommended packages (R's spelling). */
int intel_r_base_near(const struct intel *intel, const char *name, intel_name_fn fn,
		      void *payload);

/* GitHub's spelling of @owner (any case) when it is a well-known R owner; else NULL. */
const char *intel_r_owner(const struct intel *intel, const char *owner);
size_t intel_r_owner_count(const struct intel *intel);
const char *intel_r_owner_at(const struct intel *intel, size_t i);
/* As intel_cran_near(), over the well-known R owners (GitHub's spelling). */
int intel_r_owner_near(const struct intel *intel, const char *owner, intel_name_fn fn,
		       void *payload);

/*
 * @url (with or without its scheme) starts with a CRAN mirror that R lists
 * (data/cran-mirrors.txt), case aside.
 */
bool intel_cran_is_mirror(const struct intel *intel, const char *url);

/* When the bundled data was taken ("2026-11-25"). Static. */
const char *intel_snapshot_date(void);

#endif
