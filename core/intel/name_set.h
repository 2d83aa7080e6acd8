/*
 * A sorted list of names compared case-insensitively (CRAN packages, R base
 * packages, GitHub owners), with a one-edit index over their letters.
 */
#ifndef DEPUTY_INTEL_NAME_SET_H
#define DEPUTY_INTEL_NAME_SET_H

#include <stdbool.h>
#include <stddef.h>

#include "deputy/arena.h"
#include "intel/near.h"

struct name_entry {
	const char *key;         /* lower case: what lookups compare */
	const char *name;        /* as the data file spells it */
	const char *tag;         /* the second column ("recommended"), or NULL */
};

struct name_set {
	struct name_entry *entries;   /* sorted by key */
	size_t n;
	struct near_index near;       /* over the keys without separators */
};

/*
 * Reads @len bytes of "name[<TAB>tag]" lines ("#" starts a comment line, blank
 * lines are skipped) into @out; everything goes into @arena. Returns 0,
 * ERR_NOMEM, ERR_SYNTAX for a duplicate or empty name, or ERR_LIMIT from the
 * index.
 */
int name_set_parse(struct name_set *out, struct arena *arena, const unsigned char *data,
		   size_t len);

/* The entry for @name, whatever its case, or NULL. */
const struct name_entry *name_set_find(const struct name_set *set, const char *name);

/*
 * Calls @fn for every entry that may be one edit from @name once both are in
 * lower case and stripped of separators ('.', '-', '_'): candidates, as for
 * near_query(). An entry may repeat. Stops at the first non-zero return of
 * @fn and returns it; else 0.
 */
typedef int (*name_set_fn)(const struct name_entry *entry, void *payload);
int name_set_near(const struct name_set *set, const char *name, name_set_fn fn, void *payload);

/*
 * @name in lower case without separators into @out (@cap bytes). The length,
 * or (size_t)-1 when it does not fit.
 */
size_t name_set_fold(char *out, size_t cap, const char *name);

#endif
