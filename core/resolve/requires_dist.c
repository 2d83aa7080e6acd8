/*
 * Requires-Dist: one requirement of a package's metadata (a METADATA header,
 * a PyPI JSON document's requires_dist) reduced to the project it names, kept
 * only when its environment marker holds; a list without repeats.
 */
#include "resolve/requires_dist.h"

#include <string.h>

#include "lex/pep508.h"

#include "deputy/ascii.h"

static bool
is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_' || c == '.';
}

/* PEP 503: case and runs of -_. do not tell names apart. */
static bool
same_project(struct sv a, struct sv b)
{
	size_t i = 0, j = 0;

	for (;;) {
		bool ea = i >= a.len, eb = j >= b.len;
		if (ea || eb)
			return ea && eb;
		bool sa = byte_in("-_.", a.ptr[i]), sb = byte_in("-_.", b.ptr[j]);
		if (sa != sb)
			return false;
		if (sa) {
			while (i < a.len && byte_in("-_.", a.ptr[i]))
				i++;
			while (j < b.len && byte_in("-_.", b.ptr[j]))
				j++;
			continue;
		}
		char x = a.ptr[i++], y = b.ptr[j++];
		if ((x | 0x20) != (y | 0x20) || ((x | 0x20) < 'a') != ((y | 0x20) < 'a'))
			return false;
	}
}

/* The requirement's project name, or SV_NULL when the requirement is dropped. */
static int
requirement_name(struct arena *arena, struct diags *diags, struct source *src,
		 struct span at, const struct marker_env *env, struct sv value, struct sv *name)
{
	struct pep508_req req;
	struct pep508_error err;
	struct sv marker = SV_NULL;

	*name = SV_NULL;
	int rc = pep508_parse(&req, arena, value, &err);
	if (rc == ERR_NOMEM)
		return rc;
	if (rc == 0) {
		*name = req.name;
		marker = sv_from_cstr(req.marker);
	} else {
		/* keep what can be read: the name, and a marker after ";" */
		struct sv v = sv_trim(value);
		size_t n = 0;
		while (n < v.len && is_name_char(v.ptr[n]))
			n++;
		if (!n || !pep508_is_name(sv_slice(v, 0, n))) {
			diag_add(diags, DIAG_WARNING, src, at,
				 "requires-dist: expected a requirement: %s", err.message);
			return 0;
		}
		*name = sv_slice(v, 0, n);
		size_t semi = sv_find_char(v, ';');
		if (semi != SV_NPOS)
			marker = sv_trim(sv_tail(v, semi + 1));
		diag_add(diags, DIAG_WARNING, src, at,
			 "requires-dist: %s; kept the name", err.message);
	}
	if (!marker.len)
		return 0;
	bool keep;
	char why[160];
	rc = marker_evaluate(&keep, env, marker, why, sizeof(why));
	if (rc) {
		diag_add(diags, DIAG_WARNING, src, at,
			 "requires-dist: cannot evaluate the marker (%s); requirement kept", why);
		return 0;
	}
	if (!keep)
		*name = SV_NULL;
	return 0;
}

/* Adds @name to @list unless the same project is there; strings into the arena. */
static int
add_require(struct arena *arena, struct requires_list *list, struct sv name)
{
	for (size_t i = 0; i < list->n; i++)
		if (same_project(sv_from_cstr(list->items[i]), name))
			return 0;
	if (list->n == REQUIRES_MAX)
		return ERR_LIMIT;
	if (list->n == list->cap) {
		size_t c = list->cap ? list->cap * 2 : 8;
		const char **p = arena_alloc(arena, c * sizeof(*p));
		if (!p)
			return ERR_NOMEM;
		if (list->n)
			memcpy(p, list->items, list->n * sizeof(*p));
		list->items = p;
		list->cap = c;
	}
	char *s = arena_strndup(arena, name);
	if (!s)
		return ERR_NOMEM;
	list->items[list->n++] = s;
	return 0;
}

int
requires_dist_add(struct requires_list *list, struct arena *arena, struct diags *diags,
		  struct source *src, struct span at, const struct marker_env *env,
		  struct sv value)
{
	struct sv name;
	int rc = requirement_name(arena, diags, src, at, env, value, &name);

	if (rc || !name.len)
		return rc;
	rc = add_require(arena, list, name);
	if (rc == ERR_LIMIT) {
		if (list->n == REQUIRES_MAX && !list->warned)
			diag_add(diags, DIAG_WARNING, src, at,
				 "more than %d requirements; the rest ignored", REQUIRES_MAX);
		list->warned = true;
		rc = 0;
	}
	return rc;
}
