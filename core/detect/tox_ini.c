/*
 * The detector for tox.ini: in each [testenv] or [testenv:NAME] section (and
 * [tox] requires), the `deps` value is read as a pip requirement file by the
 * requirements detector, and each `commands` line by core/lex/shcmd.c.
 *
 *   file    = (section | key | continuation | comment | blank)*
 *   section = "[" name "]"
 *   key     = name ("=" | ":") value       continuation = blank+ value
 *   dep     = [factors ":" blank] requirement-line     (py38,py39: mock)
 *
 * tox substitutions: a line that is only {...} ({[testenv]deps}) is skipped,
 * and {toxinidir}/ before a path is dropped so the include resolves.
 */
#include "detect/detect.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
		if (s[k] != '\n')
			s[k] = ' ';
}

/*
 * The deps value [@start, @end) as a requirement file: a copy of the file with
 * every byte outside the value (and tox's own syntax inside it) blanked, so
 * lines, columns and offsets stay the file's own.
 */
static int
read_deps(struct detect_out *out, struct source *src, size_t start, size_t end)
{
	struct sv t = src->text;
	char *copy = malloc(t.len ? t.len : 1);
	struct detect_ctx ctx = { 0 };
	size_t first = out->n_deps;
	int rc;

	if (!copy)
		return ERR_NOMEM;
	memcpy(copy, t.ptr, t.len);
	blank(copy, 0, start);
	blank(copy, end, t.len);
	for (size_t i = start; i < end;) {
		size_t e = sv_line_end(t, i), s = i;
		while (s < e && is_blank(copy[s]))
			s++;
		size_t f = factor_prefix(copy + s, e - s);
		blank(copy, s, s + f);
		s += f;
		while (s < e && is_blank(copy[s]))
			s++;
		size_t last = e;
		while (last > s && is_blank(copy[last - 1]))
			last--;
		if (last > s && copy[s] == '{' && copy[last - 1] == '}')
			blank(copy, s, last);
		for (size_t k = s; k + 12 <= e; k++)
			if (memcmp(copy + k, "{toxinidir}", 11) == 0 &&
			    (copy[k + 11] == '/' || copy[k + 11] == '\\'))
				blank(copy, k, k + 12);
		i = e + 1;
	}
	struct source sub = { src->path, { copy, t.len } };
	rc = detect_requirements(out, &sub, &ctx);
	for (size_t i = first; i < out->n_deps; i++)
		out->deps[i]->kind = DEP_INSTALL_COMMAND;
	free(copy);
	return rc;
}

/* Each commands line is a command of its own; tox hands it to no shell, but its words are shell words. */
static int
read_commands(struct detect_out *out, struct source *src, size_t start, size_t end)
{
	struct shcmd_opts opts = { .kind = DEP_INSTALL_COMMAND };

	return shcmd_detect(out, src, (struct span){ start, end }, &opts);
}

static bool
is_testenv(struct sv name)
{
	return sv_eq_cstr(name, "testenv") || sv_starts_with(name, SV_LIT("testenv:"));
}

int
detect_tox_ini(struct detect_out *out, struct source *src, const struct detect_ctx *ctx)
{
	struct sv t = src->text;
	enum { OTHER, TESTENV, TOX } section = OTHER;
	size_t i = 0;
	int rc = 0;

	(void)ctx;
	while (i < t.len && rc == 0) {
		size_t e = sv_line_end(t, i), next = e < t.len ? e + 1 : e;
		struct sv line = sv_trim(sv_make(t.ptr + i, e - i));
		if (line.len == 0 || line.ptr[0] == '#' || line.ptr[0] == ';' || is_blank(t.ptr[i])) {
			i = next;
			continue;
		}
		if (line.ptr[0] == '[') {
			size_t close = sv_find_char(line, ']');
			struct sv name = close == SV_NPOS ? SV_NULL : sv_trim(sv_slice(line, 1, close - 1));
			if (close == SV_NPOS)
				diag_add(out->diags, DIAG_ERROR, src, (struct span){ i, e },
					 "expected ']' to close the section name");
			section = is_testenv(name) ? TESTENV : sv_eq_cstr(name, "tox") ? TOX : OTHER;
			i = next;
			continue;
		}
		size_t sep = 0;
		while (sep < line.len && line.ptr[sep] != '=' && line.ptr[sep] != ':')
			sep++;
		struct sv key = sv_trim(sv_slice(line, 0, sep));
		size_t value = (size_t)(line.ptr - t.ptr) + sep + 1, end = e;
		/* the value goes on over the indented lines after it */
		while (next < t.len) {
			size_t ne = sv_line_end(t, next);
			struct sv nl = sv_trim(sv_make(t.ptr + next, ne - next));
			if (!is_blank(t.ptr[next]) && nl.len)
				break;
			end = ne;
			next = ne < t.len ? ne + 1 : ne;
		}
		if (sep < line.len && ((section == TESTENV && sv_eq_cstr(key, "deps")) ||
				       (section == TOX && sv_eq_cstr(key, "requires"))))
			rc = read_deps(out, src, value, end);
		else if (sep < line.len && section == TESTENV &&
			 (sv_eq_cstr(key, "commands") || sv_eq_cstr(key, "commands_pre") ||
			  sv_eq_cstr(key, "commands_post")))
			rc = read_commands(out, src, value, end);
		i = next;
	}
	return rc;
}
