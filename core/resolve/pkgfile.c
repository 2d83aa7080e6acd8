/*
 * Package description files read as text. setup.cfg is read as setuptools
 * reads it (configparser): "[section]" headers, "key = value" or "key: value",
 * a value continued on indented lines, '#' and ';' comment lines; only
 * [metadata] name, version and [options] install_requires matter here.
 */
#include "resolve/pkgfile.h"

#include <string.h>

#include "lex/toml.h"
#include "resolve/marker.h"
#include "resolve/requires_dist.h"
#include "resolve/source.h"

int
pkgfile_description(struct pkg_records *out, struct arena *arena, struct diags *diags,
		    struct source *src, const char *label)
{
	size_t added = 0;

	return cran_index_parse(out, arena, diags, src, label, &added);
}

static int
add_record(struct pkg_records *out, struct source *src, const char *label,
	   const char *name, const char *version, const struct requires_list *reqs)
{
	struct pkg_record r = {
		.ecosystem = ECO_PYPI, .name = name, .version = version,
		.requires = reqs->items, .n_requires = reqs->n,
		.file = src->path, .line = 1, .source = label,
	};

	return pkg_records_add(out, &r);
}

static int
read_pyproject(struct pkg_records *out, struct arena *arena, struct diags *diags,
	       struct source *src, const char *label, const struct marker_env *env)
{
	struct toml_value *root;
	struct toml_error terr;
	const struct toml_value *project, *deps;
	const char *name;
	struct requires_list reqs = { 0 };
	int rc;

	rc = toml_parse(&root, arena, src->text, &terr);
	if (rc == ERR_NOMEM)
		return rc;
	if (rc != 0) {
		diag_add(diags, DIAG_WARNING, src, (struct span){ terr.offset, terr.offset },
			 "not valid TOML: %s", terr.message);
		return ERR_SYNTAX;
	}
	project = toml_get_path(root, "project");
	name = project ? toml_string(toml_table_get(project, "name")) : NULL;
	if (!name)
		return ERR_NOTFOUND;
	deps = toml_table_get(project, "dependencies");
	for (size_t i = 0; deps && i < toml_array_len(deps); i++) {
		const struct toml_value *v = toml_array_at(deps, i);
		const char *s = toml_string(v);

		if (s && (rc = requires_dist_add(&reqs, arena, diags, src, v->at, env,
						 sv_from_cstr(s))) < 0)
			return rc;
	}
	return add_record(out, src, label, name,
			  toml_string(toml_table_get(project, "version")), &reqs);
}

/* The next line of @text from *@at, without its newline. */
static struct sv
next_line(struct sv text, size_t *at)
{
	size_t start = *at, end = start;

	while (end < text.len && text.ptr[end] != '\n')
		end++;
	*at = end < text.len ? end + 1 : end;
	return sv_make(text.ptr + start, end - start);
}

static int
read_setup_cfg(struct pkg_records *out, struct arena *arena, struct diags *diags,
	       struct source *src, const char *label, const struct marker_env *env)
{
	struct requires_list reqs = { 0 };
	struct sv section = { "", 0 }, key = { "", 0 };
	const char *name = NULL, *version = NULL;
	size_t at = 0;
	int rc;

	while (at < src->text.len) {
		size_t line_at = at;
		struct sv line = next_line(src->text, &at), t = sv_trim(line);
		bool continued = line.len && (line.ptr[0] == ' ' || line.ptr[0] == '\t');

		if (t.len == 0 || t.ptr[0] == '#' || t.ptr[0] == ';')
			continue;
		if (!continued && t.ptr[0] == '[' && t.ptr[t.len - 1] == ']') {
			section = sv_trim(sv_slice(t, 1, t.len - 2));
			key = (struct sv){ "", 0 };
			continue;
		}
		struct sv value = t;
		if (!continued) {
			size_t eq = 0;
			while (eq < t.len && t.ptr[eq] != '=' && t.ptr[eq] != ':')
				eq++;
			if (eq == t.len)
				continue;
			key = sv_trim(sv_slice(t, 0, eq));
			value = sv_trim(sv_tail(t, eq + 1));
		}
		if (sv_eq_cstr(section, "metadata") && !continued && sv_eq_cstr(key, "name"))
			name = arena_strndup(arena, value);
		else if (sv_eq_cstr(section, "metadata") && !continued && sv_eq_cstr(key, "version"))
			version = arena_strndup(arena, value);
		else if (sv_eq_cstr(section, "options") && sv_eq_cstr(key, "install_requires") &&
			 value.len) {
			struct span span = { line_at + (size_t)(value.ptr - line.ptr),
					     line_at + (size_t)(value.ptr - line.ptr) + value.len };
			if ((rc = requires_dist_add(&reqs, arena, diags, src, span, env, value)) < 0)
				return rc;
		}
	}
	if (!name || !name[0])
		return ERR_NOTFOUND;
	return add_record(out, src, label, name, version && version[0] ? version : NULL, &reqs);
}

int
pkgfile_python(struct pkg_records *out, struct arena *arena, struct diags *diags,
	       struct source *src, const char *label)
{
	struct marker_env env;
	size_t n = strlen(src->path);

	marker_env_init_linux(&env, "3.11", "3.11.0");
	/* "setup.cfg", "sub/setup.cfg", "owner/repo@1a2b3c4:setup.cfg" */
	if (n >= 9 && strcmp(src->path + n - 9, "setup.cfg") == 0 &&
	    (n == 9 || src->path[n - 10] == '/' || src->path[n - 10] == ':'))
		return read_setup_cfg(out, arena, diags, src, label, &env);
	return read_pyproject(out, arena, diags, src, label, &env);
}
