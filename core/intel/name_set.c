/*
 * Case-insensitive name lists: R package names (CRAN spells them as it likes,
 * Debian lowercases them) and GitHub owners (GitHub ignores case). Sorted for
 * binary search, indexed by near.c for look-alikes.
 */
#include "intel/name_set.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "deputy/ascii.h"
#include "deputy/diag.h"

static bool
is_separator(char c)
{
	return c == '.' || c == '-' || c == '_';
}

size_t
name_set_fold(char *out, size_t cap, const char *name)
{
	size_t n = 0;

	for (; *name; name++) {
		if (is_separator(*name))
			continue;
		if (n + 1 >= cap)
			return (size_t)-1;
		out[n++] = ascii_lower(*name);
	}
	out[n] = '\0';
	return n;
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct name_entry *x = a, *y = b;

	return strcmp(x->key, y->key);
}

static char *
lower_dup(struct arena *arena, const char *s)
{
	char *out = arena_strdup(arena, s);

	if (out)
		for (char *p = out; *p; p++)
			*p = ascii_lower(*p);
	return out;
}

/* Splits @text into lines in place; fills @out->entries. */
static int
parse_lines(struct name_set *out, struct arena *arena, char *text)
{
	size_t n = 0;

	while (*text) {
		char *line = text, *nl = strchr(text, '\n');
		if (nl) {
			*nl = '\0';
			text = nl + 1;
		} else {
			text += strlen(text);
		}
		size_t len = strlen(line);
		if (len > 0 && line[len - 1] == '\r')
			line[--len] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		struct name_entry *e = &out->entries[n++];
		char *tab = strchr(line, '\t');
		if (tab) {
			*tab = '\0';
			e->tag = tab + 1;
		}
		if (!line[0])
			return ERR_SYNTAX;
		e->name = line;
		e->key = lower_dup(arena, line);
		if (!e->key)
			return ERR_NOMEM;
	}
	out->n = n;
	return 0;
}

int
name_set_parse(struct name_set *out, struct arena *arena, const unsigned char *data,
	       size_t len)
{
	char *text = arena_strndup(arena, sv_make((const char *)data, len));
	size_t cap = 1;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!text)
		return ERR_NOMEM;
	for (const char *s = text; *s; s++)
		cap += *s == '\n';
	out->entries = arena_alloc(arena, cap * sizeof(*out->entries));
	if (!out->entries)
		return ERR_NOMEM;       /* zeroed by the arena */
	if ((rc = parse_lines(out, arena, text)) != 0)
		return rc;
	qsort(out->entries, out->n, sizeof(*out->entries), entry_cmp);

	const char **folded = arena_alloc(arena, (out->n ? out->n : 1) * sizeof(*folded));
	if (!folded)
		return ERR_NOMEM;
	for (size_t i = 0; i < out->n; i++) {
		if (i > 0 && strcmp(out->entries[i - 1].key, out->entries[i].key) == 0)
			return ERR_SYNTAX;
		char *f = arena_alloc(arena, strlen(out->entries[i].key) + 1);
		if (!f)
			return ERR_NOMEM;
		name_set_fold(f, strlen(out->entries[i].key) + 1, out->entries[i].key);
		folded[i] = f;
	}
	return near_build(&out->near, arena, folded, out->n);
}

const struct name_entry *
name_set_find(const struct name_set *set, const char *name)
{
	size_t lo = 0, hi = set->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcasecmp(set->entries[mid].key, name);
		if (c == 0)
			return &set->entries[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

struct near_payload {
	const struct name_set *set;
	name_set_fn fn;
	void *payload;
};

static int
near_hit(size_t i, void *payload)
{
	struct near_payload *np = payload;

	return np->fn(&np->set->entries[i], np->payload);
}

int
name_set_near(const struct name_set *set, const char *name, name_set_fn fn, void *payload)
{
	struct near_payload np = { set, fn, payload };
	char folded[256];

	/* Names past the buffer have no neighbours worth reporting. */
	if (name_set_fold(folded, sizeof(folded), name) == (size_t)-1)
		return 0;
	return near_query(&set->near, folded, near_hit, &np);
}
