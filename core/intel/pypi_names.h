/*
 * The table of every existing PyPI project, front-coded in blocks and searched
 * in place (format: scripts/pack-pypi-names.py). Nothing is parsed or copied
 * at start-up: opening checks the header and the block offsets.
 */
#ifndef DEPUTY_INTEL_PYPI_NAMES_H
#define DEPUTY_INTEL_PYPI_NAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PYPI_NAME_MAX 256        /* a name's bytes plus the NUL */

struct pypi_names {
	const unsigned char *data;   /* borrowed: the table */
	size_t len;
	uint32_t count, n_blocks, block_size;
};

/* Checks the table's header and offsets. 0 or ERR_SYNTAX. */
int pypi_names_open(struct pypi_names *out, const unsigned char *data, size_t len);

/*
 * @name is listed; *@month (when not NULL) gets its last release month as
 * year * 12 + month - 1, or 0 when unknown.
 */
bool pypi_names_find(const struct pypi_names *names, const char *name, int *month);

/* Some listed name starts with the @len bytes of @prefix. */
bool pypi_names_has_prefix(const struct pypi_names *names, const char *prefix, size_t len);

/* The @i-th name (sorted) into @buf (PYPI_NAME_MAX bytes), or NULL past the end. */
const char *pypi_names_at(const struct pypi_names *names, size_t i, char *buf, int *month);

#endif
