/*
 * PEP 440 versions in the spelling packaging's canonicalize_version() gives
 * them, for telling equal specifiers apart from equal spellings.
 */
#ifndef DEPUTY_LEX_PEP440_CANON_H
#define DEPUTY_LEX_PEP440_CANON_H

#include "deputy/arena.h"
#include "deputy/sv.h"

/*
 * The canonical spelling of @version ("V1.0.0-RC1" -> "1rc1"), or @version
 * itself (trimmed of nothing) when it is not a PEP 440 version (a wildcard,
 * an arbitrary string). In @arena; NULL when out of memory.
 */
char *pep440_canonical_version(struct arena *arena, struct sv version);

#endif
