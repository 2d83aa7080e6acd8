/*
 * The detector for Pipfile (TOML, as pipenv's plette reads it): package
 * categories and the [[source]] indexes they come from.
 *
 *   [[source]]         name, url, verify_ssl: the first is the index, the others extra
 *   [packages] [dev-packages] [<category>]     every table but source, requires,
 *                      scripts and pipenv is a category of packages
 *   entry            = name "=" ( "*" | specifier | table )
 *   table            = "{" [ version ] [ git [ ref ] | path | file ] [ editable ] [ extras ]
 *                      [ index ] [ markers ] [ <marker variable> = "<op> <value>" ... ] "}"
 *
 * verify_ssl = false turns off certificate checks: such a source is also an
 * OPT_TRUSTED_HOST option for its host, which is what pip is told to do.
 */
#include "detect/detect.h"

#include <stdlib.h>
#include <string.h>

#include "detect/pyreq.h"
#include "detect/pyreq_toml.h"
#include "lex/pep508.h"

/* PEP 508 marker variables pipenv accepts as keys of a package table. */
static const char *const marker_keys[] = {
	"os_name", "sys_platform", "platform_machine", "platform_python_implementation",
	"platform_release", "platform_system", "platform_version", "python_version",
	"python_full_version", "implementation_name", "implementation_version",
};

bool
pipfile_matches(const char *path)
{
	return strcmp(path_basename(path), "Pipfile") == 0;
}

static int
read_source(struct pyreq_toml_doc *pp, const struct toml_value *s, size_t i)
{
	const struct toml_value *url_v, *ssl = toml_table_get(s, "verify_ssl");
	const char *name = pyreq_toml_get_string(pp, s, "name", NULL);
	const char *url = pyreq_toml_get_string(pp, s, "url", &url_v);
	int rc;

	if (!url) {
		if (!url_v)
			diag_add(pp->out->diags, DIAG_ERROR, pp->src, pyreq_toml_table_span(pp, s),
				 "expected a url for source '%s'", name ? name : "");
		return 0;
	}
	if ((rc = pyreq_toml_add_index(pp, name, url)) ||
	    (rc = pyreq_toml_add_option(pp, s, url_v, i == 0 ? OPT_INDEX_URL : OPT_EXTRA_INDEX_URL)))
		return rc;
	if (ssl && ssl->kind != TOML_BOOL)
		pyreq_toml_expected(pp, ssl, "true or false", "verify_ssl");
	if (!ssl || ssl->kind != TOML_BOOL || ssl->as.boolean)
		return 0;
	if ((rc = pyreq_toml_add_option(pp, s, url_v, OPT_TRUSTED_HOST)))
		return rc;
	struct index_option *opt = pp->out->options[pp->out->n_options - 1];
	return (opt->value = pyreq_url_host(pp->out->arena, sv_from_cstr(url))) ? 0 : ERR_NOMEM;
}

/* "markers" and the marker variables written as keys, joined with "and" as pipenv does. */
static int
set_marker(struct pyreq_toml_doc *pp, struct dep *dep, const struct toml_value *t)
{
	const char *markers = pyreq_toml_get_string(pp, t, "markers", NULL);
	char *joined = markers ? arena_strdup(pp->out->arena, markers) : NULL;

	if (markers && !joined)
		return ERR_NOMEM;
	for (size_t i = 0; i < sizeof(marker_keys) / sizeof(marker_keys[0]); i++) {
		const char *v = pyreq_toml_get_string(pp, t, marker_keys[i], NULL);
		if (!v)
			continue;
		joined = joined ? arena_printf(pp->out->arena, "%s and %s %s", joined, marker_keys[i], v)
				: arena_printf(pp->out->arena, "%s %s", marker_keys[i], v);
		if (!joined)
			return ERR_NOMEM;
	}
	if (joined)
		dep->marker = joined;
	return 0;
}

static int
read_table(struct pyreq_toml_doc *pp, struct dep *dep, const struct toml_value *t)
{
	const struct toml_value *index_v;
	const char *version = pyreq_toml_get_string(pp, t, "version", NULL);
	const char *git = pyreq_toml_get_string(pp, t, "git", NULL);
	const char *path = pyreq_toml_get_string(pp, t, "path", NULL);
	const char *file = pyreq_toml_get_string(pp, t, "file", NULL);
	const char *index = pyreq_toml_get_string(pp, t, "index", &index_v);
	const char *subdir = pyreq_toml_get_string(pp, t, "subdirectory", NULL);
	int rc;

	if (version && !(dep->spec = pyreq_toml_constraint_spec(pp, version)))
		return ERR_NOMEM;
	if ((rc = pyreq_toml_set_extras(pp, dep, toml_table_get(t, "extras"))) ||
	    (rc = set_marker(pp, dep, t)))
		return rc;
	dep->editable = pyreq_toml_get_bool(t, "editable");
	dep->subdir = subdir;
	if (git) {
		dep->ecosystem = ECO_VCS;
		dep->url = git;
		dep->vcs_ref = pyreq_toml_get_string(pp, t, "ref", NULL);
	} else if (file && strstr(file, "://")) {
		if ((rc = pyreq_set_url(dep, pp->out->arena, sv_from_cstr(file))))
			return rc;
	} else if (path || file) {
		dep->ecosystem = ECO_LOCAL;
		dep->url = path ? path : file;
	}
	if (index && !(dep->index_url = pyreq_toml_find_index(pp, index)))
		diag_add(pp->out->diags, DIAG_WARNING, pp->src, pyreq_toml_span(index_v, pp->base),
			 "expected the name of a [[source]], found '%s'", index);
	return 0;
}

static int
read_entry(struct pyreq_toml_doc *pp, const struct toml_entry *e, const char *category)
{
	const struct toml_value *v = e->value;
	struct span name_at = pyreq_toml_key_span(pp->src, e, pp->base);
	struct span at = v->kind == TOML_TABLE && !v->is_inline ? pyreq_toml_table_span(pp, v)
								 : pyreq_toml_entry_span(e, pp->base);
	struct dep *dep;

	if (!pep508_is_name(e->key)) {
		diag_add(pp->out->diags, DIAG_ERROR, pp->src, name_at,
			 "expected a package name in [%s], found '%s'", category, e->key.ptr);
		return 0;
	}
	if (v->kind != TOML_STRING && v->kind != TOML_TABLE) {
		pyreq_toml_expected(pp, v, "a version string or a table", e->key.ptr);
		return 0;
	}
	if (!(dep = pyreq_new_dep(pp->out, pp->src, DEP_MANIFEST, at, name_at)) ||
	    pyreq_set_name(dep, pp->out->arena, e->key))
		return ERR_NOMEM;
	if (v->kind == TOML_STRING)
		return (dep->spec = pyreq_toml_constraint_spec(pp, v->as.string.ptr)) ? 0 : ERR_NOMEM;
	return read_table(pp, dep, v);
}

static bool
is_category(struct sv key)
{
	return !sv_eq_cstr(key, "source") && !sv_eq_cstr(key, "requires") &&
	       !sv_eq_cstr(key, "scripts") && !sv_eq_cstr(key, "pipenv");
}

static int
read_root(const struct toml_value *root, size_t base, void *payload)
{
	struct pyreq_toml_doc *pp = payload;
	const struct toml_value *sources = toml_table_get(root, "source");
	int rc;

	pp->base = base;
	pp->first_dep = pp->out->n_deps;
	pp->n_indexes = 0;
	if (sources && sources->kind != TOML_ARRAY)
		pyreq_toml_expected(pp, sources, "an array of tables ([[source]])", "source");
	for (size_t i = 0; i < toml_array_len(sources); i++) {
		const struct toml_value *s = toml_array_at(sources, i);
		if (s->kind != TOML_TABLE)
			pyreq_toml_expected(pp, s, "a table", "source");
		else if ((rc = read_source(pp, s, i)))
			return rc;
	}
	for (size_t i = 0; i < toml_table_len(root); i++) {
		const struct toml_entry *cat = toml_table_at(root, i);
		if (!is_category(cat->key) || cat->value->kind != TOML_TABLE)
			continue;
		for (size_t j = 0; j < toml_table_len(cat->value); j++)
			if ((rc = read_entry(pp, toml_table_at(cat->value, j), cat->key.ptr)))
				return rc;
	}
	return 0;
}

int
detect_pipfile(struct detect_out *out, struct source *src, const struct detect_ctx *ctx)
{
	struct pyreq_toml_doc pp = { .out = out, .src = src };
	int rc;

	(void)ctx;
	rc = pyreq_toml_read(out, src, read_root, &pp);
	free(pp.indexes);
	return rc;
}
