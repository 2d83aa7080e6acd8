/*
 * Which declarations fix a version for others: pip applies every -c
 * constraint's == pin to the requirements it installs, and a lock file
 * (poetry.lock, uv.lock, Pipfile.lock, ...) decides what the loose manifest
 * entries in its folder install. Context-blind pin checks drown users in
 * noise, so the unpinned rule asks here first.
 */
#include "rules/rules.h"
#include "rules/checks.h"

#include <stdlib.h>
#include <string.h>

struct pin {
	const char *normalized;
	const struct dep *dep;
	size_t dir_len;          /* length of the folder part of dep->file */
};

struct rule_pins {
	struct pin *items;
	size_t len;
};

static size_t
dir_len(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? (size_t)(slash - path) : 0;
}

static int
pin_cmp(const void *a, const void *b)
{
	return strcmp(((const struct pin *)a)->normalized, ((const struct pin *)b)->normalized);
}

struct rule_pins *
rule_pins_new(struct dep *const *deps, size_t n_deps)
{
	struct rule_pins *pins = calloc(1, sizeof(*pins));

	if (!pins)
		return NULL;
	for (size_t i = 0; i < n_deps; i++) {
		const struct dep *d = deps[i];
		if (d->ecosystem != ECO_PYPI || d->language != LANG_PYTHON || !d->normalized[0])
			continue;
		if ((d->kind != DEP_CONSTRAINT && d->kind != DEP_LOCK) || !dep_is_pinned(d))
			continue;
		if (!pins->items) {
			pins->items = calloc(n_deps, sizeof(*pins->items));
			if (!pins->items) {
				free(pins);
				return NULL;
			}
		}
		pins->items[pins->len++] = (struct pin){ d->normalized, d, dir_len(d->file) };
	}
	if (pins->len > 1)
		qsort(pins->items, pins->len, sizeof(*pins->items), pin_cmp);
	return pins;
}

void
rule_pins_free(struct rule_pins *pins)
{
	if (!pins)
		return;
	free(pins->items);
	free(pins);
}

const char *
rule_pins_source(const struct rule_pins *pins, const struct dep *dep)
{
	size_t lo = 0, hi = pins->len;

	if (!dep->normalized || !dep->normalized[0])
		return NULL;
	while (lo < hi) {       /* the first pin of that name */
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(pins->items[mid].normalized, dep->normalized) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t dlen = dir_len(dep->file);
	for (size_t i = lo; i < pins->len; i++) {
		const struct pin *p = &pins->items[i];
		if (strcmp(p->normalized, dep->normalized) != 0)
			break;
		if (p->dep == dep)
			continue;
		if (p->dep->kind == DEP_CONSTRAINT)
			return p->dep->file;
		/* a lock pins the manifests of its own folder */
		if (p->dir_len == dlen && strncmp(p->dep->file, dep->file, dlen) == 0)
			return p->dep->file;
	}
	return NULL;
}

const char *
rules_basename(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}
