/*
 * The detector for tox.ini, read with the INI reader (detect/ini.c: tox 4
 * reads it with configparser, interpolation off): in each [testenv] or
 * [testenv:NAME] section (and [tox] requires), the `deps` value is read as a
 * pip requirement file by the requirements detector, and each line of
 * `commands`, `commands_pre` and `commands_post` by core/lex/shcmd.c.
 *
 *   dep = [factors ":" blank] requirement-line     (py38,py39: mock)
 *
 * tox substitutions: a line that is only {...} ({[testenv]deps}) is skipped,
 * and {toxinidir}/ before a path is dropped so the include resolves.
 *
 * Each value is read from a text of its own, its lines where they are in the
 * file from the value's first byte on (what configparser leaves out, and
 * tox's own syntax, blanked), and what the readers find is moved back by
 * that offset: one value costs its own length, not the file's.
 */
#include "detect/detect.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "detect/ini.h"
#include "lex/shcmd.h"

#include "deputy/ascii.h"

bool
tox_ini_matches(const char *path)
{
	return strcmp(path_basename(path), "tox.ini") == 0;
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* "py38,!py39-django{32,40}: " at @s: the length of the factor prefix, or 0. */
static size_t
factor_prefix(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && (byte_in("!,{}.-_", s[i]) || (s[i] >= '0' && s[i] <= '9') ||
			 (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
		i++;
	if (i == 0 || i + 1 >= n || s[i] != ':' || !is_blank(s[i + 1]))
		return 0;
	return i + 1;
}

static void
blank(char *s, size_t from, size_t to)
{
	for (size_t k = from; k < to; k++)
		if (s[k] != '\n' && s[k] != '\r')
			s[k] = ' ';
}

/* A value's lines, laid out as in the file from the value's first byte. */
struct value_text {
	char *text;              /* in the arena: what shcmd keeps may point into it */
	struct detect_window at; /* where text[0 .. at.len) stands in the file */
};

static int
value_text_cut(struct value_text *v, struct arena *arena, const struct ini *ini,
	       const struct ini_option *o)
{
	struct sv t = ini->src->text;
	const struct ini_line *first = &ini->lines[o->line];
	const struct ini_line *last = &ini->lines[o->line + o->n_lines - 1];
	size_t base = first->at, len = last->at + last->text.len - base;

	if (!(v->text = arena_memdup(arena, t.ptr + base, len)))
		return ERR_NOMEM;
	blank(v->text, 0, len);
	for (size_t i = 0; i < o->n_lines; i++) {
		const struct ini_line *l = &ini->lines[o->line + i];
		memcpy(v->text + (l->at - base), l->text.ptr, l->text.len);
	}
	detect_window_at(&v->at, ini->src, base, len);
	return 0;
}

/* tox's own syntax in the deps lines of @v, blanked: factor prefixes, {...} lines, {toxinidir}/. */
static void
blank_tox_syntax(struct value_text *v)
{
	char *c = v->text;
	struct sv t = sv_make(c, v->at.len);

	for (size_t i = 0; i < v->at.len;) {
		size_t e = sv_line_end(t, i), s = i;
		while (s < e && is_blank(c[s]))
			s++;
		size_t f = factor_prefix(c + s, e - s);
		blank(c, s, s + f);
		s += f;
		while (s < e && is_blank(c[s]))
			s++;
		size_t last = e;
		while (last > s && is_blank(c[last - 1]))
			last--;
		if (last > s && c[s] == '{' && c[last - 1] == '}')
			blank(c, s, last);
		for (size_t k = s; k + 12 <= e; k++)
			if (memcmp(c + k, "{toxinidir}", 11) == 0 && (c[k + 11] == '/' || c[k + 11] == '\\'))
				blank(c, k, k + 12);
		i = e + 1;
	}
}

enum value_kind {
	VALUE_DEPS,              /* a requirement file */
	VALUE_COMMANDS,          /* a command a line; tox hands it to no shell, but its
				  * words are shell words */
};

static int
read_value(struct detect_out *out, const struct ini *ini, const struct ini_option *o,
	   enum value_kind kind)
{
	struct value_text v;
	struct detect_mark mark;
	struct detect_ctx ctx = { 0 };
	struct shcmd_opts opts = { .kind = DEP_INSTALL_COMMAND };
	int rc;

	if ((rc = value_text_cut(&v, out->arena, ini, o)))
		return rc;
	struct source sub = { ini->src->path, { v.text, v.at.len } };
	detect_out_mark(&mark, out);
	if (kind == VALUE_DEPS) {
		blank_tox_syntax(&v);
		rc = detect_requirements(out, &sub, &ctx);
		for (size_t i = mark.deps; i < out->n_deps; i++)
			out->deps[i]->kind = DEP_INSTALL_COMMAND;
	} else {
		rc = shcmd_detect(out, &sub, (struct span){ 0, v.at.len }, &opts);
	}
	detect_out_map_window(out, &mark, &v.at);
	return rc;
}

static bool
is_testenv(struct sv name)
{
	return sv_eq_cstr(name, "testenv") || sv_starts_with(name, SV_LIT("testenv:"));
}

static bool
key_is(const struct ini_option *o, const char *key)
{
	return o->key.len == strlen(key) && strncasecmp(o->key.ptr, key, o->key.len) == 0;
}

int
detect_tox_ini(struct detect_out *out, struct source *src, const struct detect_ctx *ctx)
{
	struct ini ini;
	int rc;

	(void)ctx;
	rc = ini_parse(&ini, src, out->diags);
	for (size_t i = 0; i < ini.n_options && rc == 0; i++) {
		const struct ini_option *o = &ini.options[i];
		struct sv section = ini.sections[o->section].name;
		bool testenv = is_testenv(section);
		if ((testenv && key_is(o, "deps")) ||
		    (sv_eq_cstr(section, "tox") && key_is(o, "requires")))
			rc = read_value(out, &ini, o, VALUE_DEPS);
		else if (testenv && (key_is(o, "commands") || key_is(o, "commands_pre") ||
				     key_is(o, "commands_post")))
			rc = read_value(out, &ini, o, VALUE_COMMANDS);
	}
	ini_release(&ini);
	return rc;
}
