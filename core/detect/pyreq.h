/*
 * Python requirement strings written inside manifests (pyproject.toml,
 * Pipfile, setup.cfg): a PEP 508 string or a name with a version becomes a
 * declaration placed at the bytes it was read from.
 */
#ifndef DEPUTY_DETECT_PYREQ_H
#define DEPUTY_DETECT_PYREQ_H

#include <stdbool.h>
#include <stddef.h>

#include "detect/detect.h"

/* Longer raw text is cut to this many bytes. */
#define PYREQ_RAW_MAX 200

/*
 * A decoded string and where it is written. When @map is set, byte i of @text
 * is byte @map[i] of the file; else when @exact, byte @text_at + i; otherwise
 * (escapes, joined lines) every offset inside it maps to @at.start.
 */
struct pyreq_text {
	struct sv text;
	struct span at;          /* the whole entry as written (quotes included) */
	size_t text_at;
	bool exact;
	const size_t *map;       /* borrowed; NULL when none */
};

/* The file offset of byte @offset of @t->text. */
size_t pyreq_offset(const struct pyreq_text *t, size_t offset);
/*
 * Where the bytes [@s.start, @s.end) of @t->text are written: with a map, up
 * to just past the last of them (the byte after them may come from anywhere).
 */
struct span pyreq_span(const struct pyreq_text *t, struct span s);

/*
 * A new declaration of @kind for @src: file, line and column of @name_at's
 * start, spans, and raw = the bytes of @at (cut at PYREQ_RAW_MAX). Ecosystem
 * ECO_PYPI, language LANG_PYTHON. NULL when out of memory.
 */
struct dep *pyreq_new_dep(struct detect_out *out, struct source *src, enum dep_kind kind,
			  struct span at, struct span name_at);

/*
 * Reads @t as a PEP 508 requirement into a new declaration of @kind (name,
 * normalized, extras, spec, marker, url with its ecosystem and VCS ref). A bad
 * one is a diagnostic at its place and declares nothing: *@dep_out is NULL.
 * Returns 0 or ERR_NOMEM.
 */
int pyreq_add(struct dep **dep_out, struct detect_out *out, struct source *src,
	      const struct pyreq_text *t, enum dep_kind kind);

/* Sets name and PEP 503 normalized name. 0 or ERR_NOMEM. */
int pyreq_set_name(struct dep *dep, struct arena *arena, struct sv name);
/*
 * Sets url, ecosystem (ECO_VCS for "scheme+...", ECO_LOCAL for file:, else
 * ECO_URL) and, for a VCS URL, vcs_ref from its "@ref". 0 or ERR_NOMEM.
 * Kept for the manifest readers; the rule itself is pipreq_set_url().
 */
int pyreq_set_url(struct dep *dep, struct arena *arena, struct sv url);
/* A copy of @s in @arena without ASCII whitespace ("" for none); NULL when out of memory. */
char *pyreq_strip_spaces(struct arena *arena, struct sv s);
/* The bytes of @at in @src, cut at PYREQ_RAW_MAX, in @arena. */
char *pyreq_raw(struct arena *arena, struct source *src, struct span at);
/* The host (and port) of @url, in @arena; the URL itself when it has none. */
char *pyreq_url_host(struct arena *arena, struct sv url);

#endif
