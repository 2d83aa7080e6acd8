/*
 * Package description files read as text: pyproject.toml's [project], and
 * setup.cfg read by the setup.cfg detector and its INI reader (as setuptools
 * reads it); only the name, the version and the install requirements matter
 * here.
 */
#include "resolve/pkgfile.h"

#include <string.h>

#include "deputy/mapped_text.h"
#include "detect/ini.h"
#include "detect/setup_cfg.h"
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

/*
 * install_requires, as the setup.cfg detector reads it: the declarations
 * added after its call for that list and before its next call.
 */
struct cfg_requires {
	struct detect_out *det;
	struct requires_list *reqs;
	struct arena *arena;
	struct diags *diags;
	struct source *src;
	const struct marker_env *env;
	size_t from;             /* the first declaration of the list being read */
	bool install;            /* that list is install_requires */
};

static int
take_install_requires(struct cfg_requires *c)
{
	for (size_t i = c->from; c->install && i < c->det->n_deps; i++) {
		const struct dep *d = c->det->deps[i];
		const char *req = d->marker[0] ? arena_printf(c->arena, "%s; %s", d->name, d->marker)
					       : d->name;
		int rc;

		if (!req)
			return ERR_NOMEM;
		if (d->name[0] && (rc = requires_dist_add(c->reqs, c->arena, c->diags, c->src,
							  (struct span){ d->at.start, d->at.end },
							  c->env, sv_from_cstr(req))) < 0)
			return rc;
	}
	c->from = c->det->n_deps;
	return 0;
}

static int
on_list(const char *option, struct sv extra, void *payload)
{
	struct cfg_requires *c = payload;
	int rc = take_install_requires(c);

	(void)extra;
	c->install = strcmp(option, "install_requires") == 0;
	return rc;
}

/*
 * [metadata] @key as configparser's get() gives it, into *@out (the arena);
 * NULL when not written, not interpolated, or a setuptools directive
 * ("attr:", "file:") that only running setuptools would resolve.
 */
static int
metadata(const char **out, struct arena *arena, struct ini *ini, const char *key)
{
	struct mapped_text v = { 0 };
	const struct ini_option *o = NULL;
	size_t section = 1;
	int rc = 0;

	*out = NULL;
	while (section < ini->n_sections && !sv_eq_cstr(ini->sections[section].name, "metadata"))
		section++;
	if (section < ini->n_sections)
		o = ini_lookup(ini, section, sv_from_cstr(key));
	if (o && (rc = ini_get(ini, &v, section, o)) == 0) {
		struct sv value = mapped_text_sv(&v);
		if (value.len && !sv_starts_with(value, SV_LIT("attr:")) &&
		    !sv_starts_with(value, SV_LIT("file:")))
			rc = (*out = arena_strndup(arena, value)) ? 0 : ERR_NOMEM;
	}
	mapped_text_release(&v);
	return rc == ERR_NOMEM ? rc : 0;
}

/*
 * setup.cfg: the declarations of install_requires as the detector reads them
 * (its diagnostics go to @diags, under the file's own name), [metadata] name
 * and version.
 */
static int
read_setup_cfg(struct pkg_records *out, struct arena *arena, struct diags *diags,
	       struct source *src, const char *label, const struct marker_env *env)
{
	struct requires_list reqs = { 0 };
	struct detect_out det;
	struct diags scratch;
	struct ini ini = { 0 };
	const char *name = NULL, *version = NULL;
	struct cfg_requires c = {
		.det = &det, .reqs = &reqs, .arena = arena, .diags = diags, .src = src, .env = env,
	};
	int rc;

	detect_out_init(&det, arena, diags);
	rc = setup_cfg_read(&det, src, on_list, &c);
	if (rc == 0)
		rc = take_install_requires(&c);
	detect_out_release(&det);
	/* read again for [metadata]: its problems were told once already */
	diags_init(&scratch, arena);
	if (rc == 0 && (rc = ini_parse(&ini, src, &scratch)) == 0 &&
	    (rc = metadata(&name, arena, &ini, "name")) == 0)
		rc = metadata(&version, arena, &ini, "version");
	ini_release(&ini);
	diags_release(&scratch);
	if (rc)
		return rc;
	if (!name)
		return ERR_NOTFOUND;
	return add_record(out, src, label, name, version, &reqs);
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
