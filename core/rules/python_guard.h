/*
 * Whether a requirement's PEP 508 marker keeps it off the Pythons that have a
 * standard-library module: the marker must be false on every Python from
 * 3.N on, whatever its other comparisons (platform, implementation, extra)
 * turn out to be.
 */
#ifndef DEPUTY_RULES_PYTHON_GUARD_H
#define DEPUTY_RULES_PYTHON_GUARD_H

#include <stdbool.h>

/* The newest CPython 3 minor release tried. */
#define PYTHON_GUARD_LAST_MINOR 30

/*
 * True when @marker is false on every Python 3.@since and later, its
 * comparisons of anything but python_version and python_full_version being
 * free to go either way; false when it may hold on one, or cannot be read.
 */
bool python_guard_excludes(const char *marker, int since);

#endif
