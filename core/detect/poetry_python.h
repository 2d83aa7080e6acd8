/*
 * Poetry's "python" key of a dependency, read as a PEP 508 marker.
 */
#ifndef DEPUTY_DETECT_POETRY_PYTHON_H
#define DEPUTY_DETECT_POETRY_PYTHON_H

#include "deputy/arena.h"

/*
 * The marker that holds on the Pythons @constraint ("<3.7", "~2.7 || ^3.4")
 * allows, in @arena: "" when it allows every one ("*"). Returns 0, ERR_SYNTAX
 * when @constraint is not a Poetry version constraint (*out stays NULL), or
 * ERR_NOMEM.
 */
int poetry_python_marker(const char **out, struct arena *arena, const char *constraint);

#endif
