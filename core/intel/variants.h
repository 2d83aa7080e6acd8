/*
 * The forms a package name takes once its packaging words are set aside
 * (python-, py, -dev, -lib, a trailing 2 or 3, ...) or once letters that look
 * alike are folded (rn/m, vv/w, 0/o, 1/l). Look-alikes of "kafka-python"
 * and "pythonkafka" share the form "kafka"; "nurnpy" and "numpy" share
 * "numpy". Both sides of a comparison use the same function.
 */
#ifndef DEPUTY_INTEL_VARIANTS_H
#define DEPUTY_INTEL_VARIANTS_H

#include <stdbool.h>
#include <stddef.h>

#define VARIANT_MAX      24          /* variants of one name at most */
#define VARIANT_LEN      128         /* longer names have no variants */
#define VARIANT_MIN_CORE 4           /* shorter forms are not kept */

/* How a variant was made (bits). */
enum {
	VARIANT_SELF     = 0,
	VARIANT_PREFIX   = 1,          /* a packaging word removed at the start */
	VARIANT_SUFFIX   = 2,          /* ... at the end */
	VARIANT_SKELETON = 4,          /* look-alike letters folded */
};

struct variant {
	char text[VARIANT_LEN];      /* lower case, no separators */
	unsigned kind;
	const char *prefix;          /* the word removed (static), or NULL */
	const char *suffix;
};

/*
 * The variants of the PEP 503 name @normalized into @out (VARIANT_MAX slots):
 * the name itself without separators first (kind VARIANT_SELF), then every
 * distinct other form. Returns how many.
 */
size_t variants_of(struct variant *out, const char *normalized);

/* @word (lower case) is one of the packaging words ("python", "py", "dev", ...). */
bool variants_is_packaging_word(const char *word);

#endif
