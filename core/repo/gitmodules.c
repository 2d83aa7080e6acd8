/*
 * .gitmodules, read as text (never through git_config, which would follow
 * include.path): the URL of a submodule given its path. The file uses git's
 * config syntax, of which we read this subset (git-config(1), "Syntax"):
 *
 *   file       = { line }
 *   line       = ws [ section | variable ] ws [ comment ] EOL
 *   section    = "[" name [ ws '"' subsection '"' ] "]"  |  "[" name "." subsection "]"
 *   subsection = { char | "\" char }
 *   variable   = key [ ws "=" ws value ]
 *   value      = { char | '"' { char | escape } '"' | escape }   trailing blanks dropped
 *   escape     = "\" ( "n" | "t" | "b" | '"' | "\" | EOL )        "\" EOL joins lines
 *   comment    = ( "#" | ";" ) { char }
 *
 * Only [submodule "NAME"] sections and their "path" and "url" keys matter;
 * a malformed line is skipped (the URL is a note, not worth failing over).
 */
#include "repo/snapshot_internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "deputy/array.h"
#include "deputy/strbuf.h"

struct module {
	char *name;
	char *path;
	char *url;
};

struct gitmodules_parser {
	const char *p, *end;
	struct module *mods;
	size_t len, cap;
	struct module *cur;          /* the [submodule] being read, or NULL */
	bool nomem;
};

static bool
at_eol(const struct gitmodules_parser *g)
{
	return g->p >= g->end || *g->p == '\n';
}

static void
skip_blanks(struct gitmodules_parser *g)
{
	while (g->p < g->end && (*g->p == ' ' || *g->p == '\t' || *g->p == '\r'))
		g->p++;
}

static void
skip_line(struct gitmodules_parser *g)
{
	while (!at_eol(g))
		g->p++;
	if (g->p < g->end)
		g->p++;
}

static bool
is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-';
}

/* The module called @name, created on first sight (sections may repeat). */
static struct module *
module_named(struct gitmodules_parser *g, char *name)
{
	for (size_t i = 0; i < g->len; i++) {
		if (!strcmp(g->mods[i].name, name)) {
			free(name);
			return &g->mods[i];
		}
	}
	if (array_reserve(&g->mods, &g->cap, g->len, sizeof(*g->mods))) {
		free(name);
		g->nomem = true;
		return NULL;
	}
	g->mods[g->len] = (struct module){ .name = name };
	return &g->mods[g->len++];
}

static void
parse_section(struct gitmodules_parser *g)
{
	struct strbuf name = STRBUF_INIT, sub = STRBUF_INIT;
	bool ok = false;

	g->cur = NULL;
	g->p++;                         /* '[' */
	while (g->p < g->end && (is_name_char(*g->p) || *g->p == '.')) {
		if (*g->p == '.' && !strcasecmp(strbuf_cstr(&name), "submodule")) {
			/* legacy [submodule.NAME] */
			g->p++;
			while (g->p < g->end && *g->p != ']' && !at_eol(g))
				strbuf_addch(&sub, *g->p++);
			ok = g->p < g->end && *g->p == ']' && sub.len;
			break;
		}
		strbuf_addch(&name, *g->p++);
	}
	if (!ok && !sub.len) {
		skip_blanks(g);
		if (g->p < g->end && *g->p == '"') {
			g->p++;
			while (g->p < g->end && *g->p != '"' && !at_eol(g)) {
				if (*g->p == '\\' && g->p + 1 < g->end && g->p[1] != '\n')
					g->p++;
				strbuf_addch(&sub, *g->p++);
			}
			ok = g->p < g->end && *g->p == '"';
			if (ok)
				g->p++;
			ok = ok && g->p < g->end && *g->p == ']';
		}
	}
	if (name.failed || sub.failed)
		g->nomem = true;
	else if (ok && !strcasecmp(strbuf_cstr(&name), "submodule"))
		g->cur = module_named(g, strbuf_detach(&sub, NULL));
	strbuf_release(&name);
	strbuf_release(&sub);
	skip_line(g);
}

/* The value after "=", with quotes and escapes undone. */
static char *
parse_value(struct gitmodules_parser *g)
{
	struct strbuf v = STRBUF_INIT;
	bool quoted = false;
	size_t blanks = 0;              /* pending blanks, dropped at the end */

	skip_blanks(g);
	while (g->p < g->end) {
		char c = *g->p;
		if (c == '\n' || (!quoted && (c == '#' || c == ';')))
			break;
		g->p++;
		if (!quoted && (c == ' ' || c == '\t' || c == '\r')) {
			blanks++;
			continue;
		}
		for (; blanks; blanks--)
			strbuf_addch(&v, ' ');
		if (c == '"') {
			quoted = !quoted;
		} else if (c == '\\' && g->p < g->end) {
			char e = *g->p++;
			if (e == 'n')
				strbuf_addch(&v, '\n');
			else if (e == 't')
				strbuf_addch(&v, '\t');
			else if (e == 'b')
				strbuf_addch(&v, '\b');
			else if (e != '\n')
				strbuf_addch(&v, e);
		} else {
			strbuf_addch(&v, c);
		}
	}
	skip_line(g);
	if (v.failed) {
		g->nomem = true;
		strbuf_release(&v);
		return NULL;
	}
	return strbuf_detach(&v, NULL);
}

static void
parse_variable(struct gitmodules_parser *g)
{
	struct strbuf key = STRBUF_INIT;
	char **slot = NULL;
	char *value;

	while (g->p < g->end && is_name_char(*g->p))
		strbuf_addch(&key, *g->p++);
	skip_blanks(g);
	if (g->cur && !strcasecmp(strbuf_cstr(&key), "path"))
		slot = &g->cur->path;
	else if (g->cur && !strcasecmp(strbuf_cstr(&key), "url"))
		slot = &g->cur->url;
	strbuf_release(&key);
	if (!slot || g->p >= g->end || *g->p != '=') {
		skip_line(g);
		return;
	}
	g->p++;
	value = parse_value(g);
	if (value) {
		free(*slot);
		*slot = value;
	}
}

static bool
same_path(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	while (la > 1 && a[la - 1] == '/')
		la--;
	while (lb > 1 && b[lb - 1] == '/')
		lb--;
	return la == lb && !memcmp(a, b, la);
}

const char *
gitmodules_url(struct arena *arena, const char *text, size_t len, const char *path)
{
	struct gitmodules_parser g = { .p = text, .end = text + len };
	const char *url = NULL;

	while (g.p < g.end && !g.nomem) {
		skip_blanks(&g);
		if (at_eol(&g) || *g.p == '#' || *g.p == ';')
			skip_line(&g);
		else if (*g.p == '[')
			parse_section(&g);
		else if (is_name_char(*g.p))
			parse_variable(&g);
		else
			skip_line(&g);
	}
	for (size_t i = 0; i < g.len; i++) {
		if (!url && g.mods[i].path && g.mods[i].url && same_path(g.mods[i].path, path))
			url = arena_strdup(arena, g.mods[i].url);
		free(g.mods[i].name);
		free(g.mods[i].path);
		free(g.mods[i].url);
	}
	free(g.mods);
	return url;
}
