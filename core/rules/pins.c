/*
 * Which declarations fix a version for others. Context-blind pin checks
 * drown users in noise, so the unpinned rule asks here first; but a pin
 * only counts where the tool that installs reads it:
 *
 * - pip applies a constraints file's == pins to every requirement of the
 *   same install: the files that -r and -c join into one (a file, what it
 *   includes, what includes it: a group of the include graph, kept with
 *   union-find so that a hostile include bomb costs no more than its
 *   edges). A constraints file no file includes (constraints.txt handed to
 *   pip by PIP_CONSTRAINT or a command deputy did not read) pins its own
 *   folder and those below it.
 * - a lock file fixes what its own manifest installs: poetry.lock, uv.lock
 *   and pdm.lock the pyproject.toml beside them, Pipfile.lock the Pipfile;
 *   not a requirements.txt or a Dockerfile in the same folder.
 */
#include "rules/rules.h"
#include "rules/checks.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "deputy/diag.h"

struct pin {
	const char *normalized;
	const struct dep *dep;
};

struct rule_pins {
	struct pin *items;
	size_t len;
	const char **files;      /* every file an include names, sorted, unique */
	size_t n_files;
	size_t *group;           /* union-find parent of each of @files */
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

static size_t
file_index(const struct rule_pins *pins, const char *path)
{
	const char **hit = pins->n_files ? bsearch(&path, pins->files, pins->n_files,
						   sizeof(*pins->files), rules_cmp_cstr) : NULL;

	return hit ? (size_t)(hit - pins->files) : SIZE_MAX;
}

static size_t
root_of(size_t *group, size_t i)
{
	while (group[i] != i) {
		group[i] = group[group[i]];      /* path halving */
		i = group[i];
	}
	return i;
}

/* The include graph's groups: files joined by any -r or -c, either way. */
static int
build_groups(struct rule_pins *pins, const struct rules_include *incs, size_t n)
{
	size_t k = 0;

	if (n == 0)
		return 0;
	if (n > SIZE_MAX / 2 / sizeof(size_t))
		return ERR_NOMEM;
	pins->files = malloc(2 * n * sizeof(*pins->files));
	pins->group = malloc(2 * n * sizeof(*pins->group));
	if (!pins->files || !pins->group)
		return ERR_NOMEM;
	for (size_t i = 0; i < n; i++) {
		pins->files[k++] = incs[i].from;
		pins->files[k++] = incs[i].to;
	}
	qsort(pins->files, k, sizeof(*pins->files), rules_cmp_cstr);
	for (size_t i = 0; i < k; i++)
		if (pins->n_files == 0 || strcmp(pins->files[pins->n_files - 1], pins->files[i]) != 0)
			pins->files[pins->n_files++] = pins->files[i];
	for (size_t i = 0; i < pins->n_files; i++)
		pins->group[i] = i;
	for (size_t i = 0; i < n; i++) {
		size_t a = root_of(pins->group, file_index(pins, incs[i].from));
		size_t b = root_of(pins->group, file_index(pins, incs[i].to));
		pins->group[a] = b;
	}
	for (size_t i = 0; i < pins->n_files; i++)   /* each file straight to its root */
		pins->group[i] = root_of(pins->group, i);
	return 0;
}

struct rule_pins *
rule_pins_new(const struct rules_input *in)
{
	struct rule_pins *pins = calloc(1, sizeof(*pins));

	if (!pins)
		return NULL;
	for (size_t i = 0; i < in->n_deps; i++) {
		const struct dep *d = in->deps[i];
		if (d->ecosystem != ECO_PYPI || d->language != LANG_PYTHON || !d->normalized[0])
			continue;
		if ((d->kind != DEP_CONSTRAINT && d->kind != DEP_LOCK) || !dep_is_pinned(d))
			continue;
		if (!pins->items && !(pins->items = calloc(in->n_deps, sizeof(*pins->items))))
			goto fail;
		pins->items[pins->len++] = (struct pin){ d->normalized, d };
	}
	if (pins->len > 1)
		qsort(pins->items, pins->len, sizeof(*pins->items), pin_cmp);
	if (pins->len == 0 || build_groups(pins, in->includes, in->n_includes) == 0)
		return pins;
fail:
	rule_pins_free(pins);
	return NULL;
}

void
rule_pins_free(struct rule_pins *pins)
{
	if (!pins)
		return;
	free(pins->items);
	free(pins->files);
	free(pins->group);
	free(pins);
}

/* @path is in the folder of @file, or in one below it. */
static bool
in_folder_of(const char *file, const char *path)
{
	size_t n = dir_len(file);

	return n == 0 || (strncmp(path, file, n) == 0 && path[n] == '/');
}

/* The lock file @lock fixes what the manifest @manifest installs. */
static bool
lock_of(const char *lock, const char *manifest)
{
	static const char *const pyproject_locks[] = { "poetry.lock", "uv.lock", "pdm.lock" };
	const char *l = rules_basename(lock), *m = rules_basename(manifest);
	size_t n = dir_len(lock);

	if (n != dir_len(manifest) || strncmp(lock, manifest, n) != 0)
		return false;
	if (strcmp(l, "Pipfile.lock") == 0)
		return strcmp(m, "Pipfile") == 0;
	for (size_t i = 0; i < sizeof(pyproject_locks) / sizeof(pyproject_locks[0]); i++)
		if (strcmp(l, pyproject_locks[i]) == 0)
			return strcmp(m, "pyproject.toml") == 0;
	return false;
}

/* The constraints of @constraint reach the install that reads @file. */
static bool
constrains(const struct rule_pins *pins, const char *constraint, const char *file)
{
	size_t c = file_index(pins, constraint);

	if (c == SIZE_MAX)
		return in_folder_of(constraint, file);  /* read by no file deputy saw */
	size_t f = file_index(pins, file);
	return f != SIZE_MAX && pins->group[c] == pins->group[f];
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
	for (size_t i = lo; i < pins->len; i++) {
		const struct pin *p = &pins->items[i];
		if (strcmp(p->normalized, dep->normalized) != 0)
			break;
		if (p->dep == dep)
			continue;
		if (p->dep->kind == DEP_CONSTRAINT ? constrains(pins, p->dep->file, dep->file)
						   : lock_of(p->dep->file, dep->file))
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
