/*
 * PEP 440 versions, read the way packaging 21.3 reads them (PEP 440's
 * appendix B pattern, packaging's VERSION_PATTERN), compared in packaging's
 * order and written in its spellings. The specifiers built on them are in
 * core/resolve/pep440.c; the canonical spelling used to tell equal
 * specifiers apart from equal spellings is pep440_canonical_version().
 */
#ifndef DEPUTY_LEX_PEP440_VERSION_H
#define DEPUTY_LEX_PEP440_VERSION_H

#include <stdbool.h>

#include "deputy/arena.h"
#include "deputy/strbuf.h"
#include "deputy/sv.h"

#define PEP440_MAX_PARTS 64     /* release numbers or split items kept */

/*
 * A parsed version. Its views point into the text parsed, which must outlive
 * it. Numbers are digit strings without leading zeros (empty is 0), so they
 * never overflow.
 */
struct pep440_version {
	struct sv epoch;
	struct sv release[PEP440_MAX_PARTS];
	size_t n_release;
	char pre;               /* 0, 'a', 'b' or 'r' (rc) */
	struct sv pre_n;
	bool has_post, has_dev, has_local, wildcard;
	struct sv post_n, dev_n;
	struct sv local;        /* as written after "+" */
};

/* What pep440_version_parse() accepts beyond the plain version. */
enum {
	PEP440_LOCAL = 1,       /* "+local" */
	PEP440_WILDCARD = 2,    /* a trailing ".*" (then no dev, no local) */
	PEP440_TWO = 4,         /* at least two release numbers (~=) */
};

/* How pep440_version_write() spells a version. */
enum pep440_spelling {
	PEP440_PUBLIC,          /* str(Version).public: no local part */
	PEP440_FULL,            /* str(Version) */
	PEP440_CANONICAL,       /* canonicalize_version(): str() without trailing ".0"s */
};

/* Python's str.strip() in ASCII: spaces, \t..\r and \x1c..\x1f. */
bool pep440_is_space(char c);
struct sv pep440_trim(struct sv s);

/* Parses the whole of @text (Python spaces around allowed) under @flags. */
bool pep440_version_parse(struct pep440_version *v, struct sv text, unsigned flags);

/* packaging's _cmpkey order: <0, 0, >0. Trailing zeros of the release do not count. */
int pep440_version_cmp(const struct pep440_version *a, const struct pep440_version *b);

bool pep440_version_is_prerelease(const struct pep440_version *v);

/* Appends @v spelt as @how to @out; -1 when out of memory. */
int pep440_version_write(struct strbuf *out, const struct pep440_version *v, enum pep440_spelling how);

/* The next part of a local version @s ("abc.7-x") from *pos; false at the end. */
bool pep440_local_next(struct sv s, size_t *pos, struct sv *part);

/* A non-empty run of ASCII digits. */
bool pep440_all_digits(struct sv s);

/*
 * The canonical spelling of @version ("V1.0.0-RC1" -> "1rc1"), or @version
 * itself when it is not a PEP 440 version (a wildcard "1.*", an arbitrary
 * string). In @arena; NULL when out of memory.
 */
char *pep440_canonical_version(struct arena *arena, struct sv version);

#endif
