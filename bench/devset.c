/*
 * Reads a labelled name list (the .tsv files in bench/lookalikes/):
 *
 *   file    = (comment | blank | entry)*
 *   entry   = name TAB imitates TAB third TAB source NEWLINE
 *   comment = "#" any-text NEWLINE
 */
#include "devset.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deputy/diag.h"
#include "deputy/dep.h"
#include "deputy/sv.h"

#define DEVSET_COLUMNS 4

/* Splits @line in place at tabs; the number of columns found (at most @cap). */
static size_t
split_tabs(char *line, char **cols, size_t cap)
{
	size_t n = 0;

	while (n < cap) {
		cols[n++] = line;
		line = strchr(line, '\t');
		if (!line)
			break;
		*line++ = '\0';
	}
	return n;
}

static int
add_entry(struct devset *set, size_t *cap, char **cols, unsigned line)
{
	struct devset_entry *e;

	if (set->count == *cap) {
		size_t ncap = *cap ? *cap * 2 : 64;
		struct devset_entry *grown = realloc(set->entries, ncap * sizeof(*grown));
		if (!grown)
			return ERR_NOMEM;
		set->entries = grown;
		*cap = ncap;
	}
	e = &set->entries[set->count];
	e->name = arena_strdup(&set->arena, cols[0]);
	e->imitates = arena_strdup(&set->arena, cols[1]);
	e->third = arena_strdup(&set->arena, cols[2]);
	e->source = arena_strdup(&set->arena, cols[3]);
	e->normalized = dep_normalize_name(&set->arena, sv_from_cstr(cols[0]));
	e->line = line;
	if (!e->name || !e->imitates || !e->third || !e->source || !e->normalized)
		return ERR_NOMEM;
	set->count++;
	return 0;
}

int
devset_load(struct devset *out, const char *path)
{
	char *line = NULL, *cols[DEVSET_COLUMNS];
	size_t linecap = 0, cap = 0;
	unsigned lineno = 0;
	ssize_t len;
	int err = 0;
	FILE *f;

	memset(out, 0, sizeof(*out));
	arena_init(&out->arena);
	f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return ERR_IO;
	}
	while (!err && (len = getline(&line, &linecap, f)) >= 0) {
		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		if (split_tabs(line, cols, DEVSET_COLUMNS) < DEVSET_COLUMNS || !cols[0][0] ||
		    strchr(cols[3], '\t')) {
			fprintf(stderr, "%s:%u: expected four tab-separated columns\n", path, lineno);
			continue;
		}
		err = add_entry(out, &cap, cols, lineno);
	}
	if (!err && ferror(f))
		err = ERR_IO;
	free(line);
	fclose(f);
	return err;
}

void
devset_release(struct devset *set)
{
	free(set->entries);
	arena_release(&set->arena);
	memset(set, 0, sizeof(*set));
}

bool
devset_has(const struct devset *set, const char *normalized)
{
	for (size_t i = 0; i < set->count; i++)
		if (strcmp(set->entries[i].normalized, normalized) == 0)
			return true;
	return false;
}
