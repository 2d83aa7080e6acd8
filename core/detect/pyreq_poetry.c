/*
 * Poetry's dependency tables in pyproject.toml (python-poetry.org/docs/
 * dependency-specification): the key is the name, the value a constraint, a
 * table saying where the package comes from, or a list of such tables.
 *
 *   dependencies    = "[tool.poetry.dependencies]" | "[tool.poetry.dev-dependencies]"
 *                   | "[tool.poetry.group.<g>.dependencies]"
 *   entry           = name "=" ( constraint | table | "[" table ( "," table )* "]" )
 *   constraint      = a string as Poetry writes it: "^1.2", "~1.2", "1.2.*", ">=1,<2", "*"
 *   table           = "{" ( version | git [ rev | tag | branch ] | url | path [ develop ] )
 *                     [ extras ] [ markers ] [ python ] [ source ] [ subdirectory ] "}"
 *
 * "python" in [tool.poetry.dependencies] is the interpreter, not a package.
 */
#include "detect/pyreq_toml.h"

#include <string.h>
#include <strings.h>

#include "detect/poetry_python.h"
#include "lex/pep508.h"

int
pyreq_poetry_locate(struct pyreq_toml_doc *pp, struct dep *dep, const struct toml_value *table,
		    const char *index_key, const char *editable_key)
{
	const struct toml_value *v;
	const char *git = pyreq_toml_get_string(pp, table, "git", NULL);
	const char *url = pyreq_toml_get_string(pp, table, "url", NULL);
	const char *path = pyreq_toml_get_string(pp, table, "path", NULL);
	const char *subdir = pyreq_toml_get_string(pp, table, "subdirectory", NULL);
	const char *index = pyreq_toml_get_string(pp, table, index_key, &v);
	static const char *const refs[] = { "rev", "tag", "branch" };
	int rc;

	if (git) {
		dep->ecosystem = ECO_VCS;
		dep->url = git;
		dep->vcs_ref = NULL;
		for (size_t i = 0; i < 3 && !dep->vcs_ref; i++)
			dep->vcs_ref = pyreq_toml_get_string(pp, table, refs[i], NULL);
	} else if (url) {
		if ((rc = pyreq_set_url(dep, pp->out->arena, sv_from_cstr(url))))
			return rc;
	} else if (path) {
		dep->ecosystem = ECO_LOCAL;
		dep->url = path;
		dep->editable = pyreq_toml_get_bool(table, editable_key);
	}
	if (subdir)
		dep->subdir = subdir;
	if (index) {
		dep->index_url = pyreq_toml_find_index(pp, index);
		if (!dep->index_url)
			diag_add(pp->out->diags, DIAG_WARNING, pp->src, pyreq_toml_span(v, pp->base),
				 "expected an index named '%s' in this file", index);
	}
	return 0;
}

/*
 * "markers", and "python" as the marker Poetry makes of it, both holding
 * when both are given.
 */
static int
set_marker(struct pyreq_toml_doc *pp, struct dep *dep, const struct toml_value *table)
{
	const struct toml_value *python_v;
	const char *markers = pyreq_toml_get_string(pp, table, "markers", NULL);
	const char *python = pyreq_toml_get_string(pp, table, "python", &python_v);
	const char *marker = NULL;
	int rc;

	if (markers)
		dep->marker = markers;
	if (!python)
		return 0;
	rc = poetry_python_marker(&marker, pp->out->arena, python);
	if (rc == ERR_SYNTAX) {
		diag_add(pp->out->diags, DIAG_WARNING, pp->src, pyreq_toml_span(python_v, pp->base),
			 "expected a Python version constraint such as \"<3.7\" or \"^3.8\", "
			 "found '%s': not read", python);
		return 0;
	}
	if (rc)
		return rc;
	if (!marker[0])
		return 0;
	if (markers && markers[0])
		marker = arena_printf(pp->out->arena, "(%s) and (%s)", markers, marker);
	return (dep->marker = marker) ? 0 : ERR_NOMEM;
}

/* One declaration of @e's name, from the constraint or table @v written at @at. */
static int
add_dep(struct pyreq_toml_doc *pp, const struct toml_entry *e, const struct toml_value *v,
	struct span at)
{
	struct span name_at = pyreq_toml_key_span(pp->src, e, pp->base);
	struct dep *dep = pyreq_new_dep(pp->out, pp->src, DEP_MANIFEST, at, name_at);
	const char *s;
	int rc;

	if (!dep || (rc = pyreq_set_name(dep, pp->out->arena, e->key)))
		return ERR_NOMEM;
	if (v->kind == TOML_STRING)
		return (dep->spec = pyreq_toml_constraint_spec(pp, v->as.string.ptr)) ? 0 : ERR_NOMEM;
	if ((s = pyreq_toml_get_string(pp, v, "version", NULL)) &&
	    !(dep->spec = pyreq_toml_constraint_spec(pp, s)))
		return ERR_NOMEM;
	if ((rc = set_marker(pp, dep, v)))
		return rc;
	if ((rc = pyreq_toml_set_extras(pp, dep, toml_table_get(v, "extras"))))
		return rc;
	if (!toml_table_get(v, "version") && !toml_table_get(v, "git") &&
	    !toml_table_get(v, "url") && !toml_table_get(v, "path"))
		diag_add(pp->out->diags, DIAG_WARNING, pp->src, at,
			 "expected version, git, url or path for '%s'", dep->name);
	return pyreq_poetry_locate(pp, dep, v, "source", "develop");
}

static int
read_entry(struct pyreq_toml_doc *pp, const struct toml_entry *e, const char *where)
{
	const struct toml_value *v = e->value;
	int rc;

	if (!pep508_is_name(e->key)) {
		diag_add(pp->out->diags, DIAG_ERROR, pp->src,
			 pyreq_toml_key_span(pp->src, e, pp->base),
			 "expected a package name in %s, found '%s'", where, e->key.ptr);
		return 0;
	}
	if (v->kind == TOML_STRING)
		return add_dep(pp, e, v, pyreq_toml_entry_span(e, pp->base));
	if (v->kind == TOML_TABLE)
		return add_dep(pp, e, v, v->is_inline ? pyreq_toml_entry_span(e, pp->base)
						      : pyreq_toml_table_span(pp, v));
	if (v->kind != TOML_ARRAY) {
		pyreq_toml_expected(pp, v, "a version string or a table", where);
		return 0;
	}
	/* multiple constraints: one table per environment, each one declaration */
	for (size_t i = 0; i < toml_array_len(v); i++) {
		const struct toml_value *item = toml_array_at(v, i);
		if (item->kind != TOML_TABLE && item->kind != TOML_STRING)
			pyreq_toml_expected(pp, item, "a version string or a table", where);
		else if ((rc = add_dep(pp, e, item, pyreq_toml_span(item, pp->base))))
			return rc;
	}
	return 0;
}

static int
read_table(struct pyreq_toml_doc *pp, const struct toml_value *deps, const char *where, bool main)
{
	int rc;

	if (!deps)
		return 0;
	if (deps->kind != TOML_TABLE) {
		pyreq_toml_expected(pp, deps, "a table", where);
		return 0;
	}
	for (size_t i = 0; i < toml_table_len(deps); i++) {
		const struct toml_entry *e = toml_table_at(deps, i);
		if (main && strcasecmp(e->key.ptr, "python") == 0)
			continue;
		if ((rc = read_entry(pp, e, where)))
			return rc;
	}
	return 0;
}

int
pyreq_poetry_read(struct pyreq_toml_doc *pp, const struct toml_value *root)
{
	const struct toml_value *poetry = toml_get_path(root, "tool.poetry");
	const struct toml_value *groups = toml_table_get(poetry, "group");
	int rc;

	if ((rc = read_table(pp, toml_table_get(poetry, "dependencies"),
			     "tool.poetry.dependencies", true)) ||
	    (rc = read_table(pp, toml_table_get(poetry, "dev-dependencies"),
			     "tool.poetry.dev-dependencies", false)))
		return rc;
	for (size_t i = 0; i < toml_table_len(groups); i++) {
		const struct toml_value *g = toml_table_at(groups, i)->value;
		if ((rc = read_table(pp, toml_table_get(g, "dependencies"),
				     "tool.poetry.group.dependencies", false)))
			return rc;
	}
	return 0;
}
