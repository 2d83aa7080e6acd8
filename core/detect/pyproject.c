/*
 * The detector for pyproject.toml: the standard tables (PEP 621 [project],
 * PEP 518 [build-system], PEP 735 [dependency-groups]) and the tool tables of
 * Poetry, PDM, uv and setuptools that declare dependencies or indexes.
 *
 *   [project]            dependencies = [pep508...]; optional-dependencies.<extra> = [pep508...]
 *   [build-system]       requires = [pep508...]
 *   [dependency-groups]  <group> = [ pep508 | { include-group = "<group>" } ... ]
 *   [tool.poetry]        dependencies, dev-dependencies, group.<g>.dependencies:
 *                        <name> = "<constraint>" | { version, git, rev, branch, tag, url,
 *                        path, develop, extras, markers, source, subdirectory } | [ {...}... ]
 *   [[tool.poetry.source]] name, url, priority (or legacy default/secondary booleans)
 *   [tool.pdm]           dev-dependencies.<group> = [pep508 | "-e <path or url>" ...]
 *   [tool.uv]            dev-dependencies, constraint-dependencies, override-dependencies,
 *                        index-url, extra-index-url, find-links
 *   [tool.uv.sources]    <name> = { git, rev, tag, branch, url, path, editable, index,
 *                        workspace } | [ {...}... ]: where a declared name comes from
 *   [[tool.uv.index]]    name, url, default, explicit
 *   [tool.hatch.envs.<env>] dependencies, extra-dependencies = [pep508...]
 *   [tool.hatch.build.hooks.<hook>] dependencies = [pep508...]
 *   [tool.setuptools.dynamic] dependencies = { file = [...] }: files to read next
 */
#include "detect/detect.h"

#include <stdlib.h>
#include <string.h>

#include "detect/pyreq.h"
#include "detect/pyreq_toml.h"
#include "lex/toml.h"

bool
pyproject_matches(const char *path)
{
	return strcmp(path_basename(path), "pyproject.toml") == 0;
}

/* A table of arrays of PEP 508 strings (optional-dependencies, PDM's groups). */
static int
read_requirement_groups(struct pyreq_toml_doc *pp, const struct toml_value *v, const char *where,
			bool editable_ok)
{
	int rc;

	if (!v)
		return 0;
	if (v->kind != TOML_TABLE) {
		pyreq_toml_expected(pp, v, "a table of requirement arrays", where);
		return 0;
	}
	for (size_t i = 0; i < toml_table_len(v); i++) {
		const struct toml_entry *e = toml_table_at(v, i);
		if ((rc = pyreq_toml_read_requirements(pp, e->value, DEP_MANIFEST, where, editable_ok)))
			return rc;
	}
	return 0;
}

static int
read_project(struct pyreq_toml_doc *pp, const struct toml_value *root)
{
	const struct toml_value *project = toml_table_get(root, "project");
	int rc;

	if (!project)
		return 0;
	if (project->kind != TOML_TABLE) {
		pyreq_toml_expected(pp, project, "a table", "project");
		return 0;
	}
	if ((rc = pyreq_toml_read_requirements(pp, toml_table_get(project, "dependencies"), DEP_MANIFEST,
				    "project.dependencies", false)))
		return rc;
	return read_requirement_groups(pp, toml_table_get(project, "optional-dependencies"),
				       "project.optional-dependencies", false);
}

/* [tool.setuptools.dynamic]: "file" lists of requirement files become includes. */
static int
read_dynamic_file(struct pyreq_toml_doc *pp, const struct toml_value *spec)
{
	const struct toml_value *file = toml_table_get(spec, "file");
	size_t n = file && file->kind == TOML_ARRAY ? toml_array_len(file) : 1;
	int rc;

	for (size_t i = 0; file && i < n; i++) {
		const struct toml_value *f = file->kind == TOML_ARRAY ? toml_array_at(file, i) : file;
		if (f->kind != TOML_STRING) {
			pyreq_toml_expected(pp, f, "a file name", "tool.setuptools.dynamic");
			continue;
		}
		struct detect_include inc = {
			.path = f->as.string.ptr,
			.from = pp->src->path,
			.at = pyreq_toml_span(f, pp->base),
		};
		source_line_col(pp->src, inc.at.start, &inc.line, &inc.column);
		if ((rc = detect_add_include(pp->out, &inc)))
			return rc;
	}
	return 0;
}

static int
read_setuptools(struct pyreq_toml_doc *pp, const struct toml_value *root)
{
	const struct toml_value *dynamic = toml_get_path(root, "tool.setuptools.dynamic");
	const struct toml_value *optional = toml_table_get(dynamic, "optional-dependencies");
	int rc;

	if ((rc = read_dynamic_file(pp, toml_table_get(dynamic, "dependencies"))))
		return rc;
	for (size_t i = 0; i < toml_table_len(optional); i++)
		if ((rc = read_dynamic_file(pp, toml_table_at(optional, i)->value)))
			return rc;
	return 0;
}

/* [tool.pdm] dev-dependencies and [tool.uv]'s lists of requirements. */
static int
read_tool_requirements(struct pyreq_toml_doc *pp, const struct toml_value *root)
{
	const struct toml_value *uv = toml_get_path(root, "tool.uv");
	int rc;

	if ((rc = read_requirement_groups(pp, toml_get_path(root, "tool.pdm.dev-dependencies"),
					  "tool.pdm.dev-dependencies", true)))
		return rc;
	if ((rc = pyreq_toml_read_requirements(pp, toml_table_get(uv, "dev-dependencies"),
					      DEP_MANIFEST, "tool.uv.dev-dependencies", false)))
		return rc;
	/* constraints and overrides only bound what something else asks for */
	if ((rc = pyreq_toml_read_requirements(pp, toml_table_get(uv, "constraint-dependencies"),
					      DEP_CONSTRAINT, "tool.uv.constraint-dependencies",
					      false)))
		return rc;
	return pyreq_toml_read_requirements(pp, toml_table_get(uv, "override-dependencies"),
					   DEP_CONSTRAINT, "tool.uv.override-dependencies", false);
}

/*
 * Hatch: each environment's dependencies and extra-dependencies (what
 * `hatch run` installs), each build hook's dependencies (installed to build).
 */
static int
read_hatch(struct pyreq_toml_doc *pp, const struct toml_value *root)
{
	static const char *const env_keys[] = { "dependencies", "extra-dependencies" };
	const struct toml_value *envs = toml_get_path(root, "tool.hatch.envs");
	const struct toml_value *hooks = toml_get_path(root, "tool.hatch.build.hooks");
	int rc;

	for (size_t i = 0; envs && envs->kind == TOML_TABLE && i < toml_table_len(envs); i++) {
		const struct toml_value *env = toml_table_at(envs, i)->value;
		for (size_t k = 0; k < 2 && env->kind == TOML_TABLE; k++)
			if ((rc = pyreq_toml_read_requirements(pp, toml_table_get(env, env_keys[k]),
							      DEP_MANIFEST, "tool.hatch.envs", false)))
				return rc;
	}
	for (size_t i = 0; hooks && hooks->kind == TOML_TABLE && i < toml_table_len(hooks); i++) {
		const struct toml_value *hook = toml_table_at(hooks, i)->value;
		if (hook->kind == TOML_TABLE &&
		    (rc = pyreq_toml_read_requirements(pp, toml_table_get(hook, "dependencies"),
						      DEP_MANIFEST, "tool.hatch.build.hooks", false)))
			return rc;
	}
	return 0;
}

/*
 * [tool.uv.sources]: each names a dependency declared elsewhere in the file
 * and says where it really comes from. A list of sources (one per marker)
 * is read by its first entry.
 */
static int
apply_uv_sources(struct pyreq_toml_doc *pp, const struct toml_value *root)
{
	const struct toml_value *sources = toml_get_path(root, "tool.uv.sources");
	int rc;

	for (size_t i = 0; i < toml_table_len(sources); i++) {
		const struct toml_entry *e = toml_table_at(sources, i);
		const struct toml_value *where = e->value;
		char *name = dep_normalize_name(pp->out->arena, e->key);
		if (!name)
			return ERR_NOMEM;
		if (where->kind == TOML_ARRAY && toml_array_len(where) > 0)
			where = toml_array_at(where, 0);
		if (where->kind != TOML_TABLE) {
			pyreq_toml_expected(pp, where, "a table", "tool.uv.sources");
			continue;
		}
		for (size_t d = pp->first_dep; d < pp->out->n_deps; d++) {
			struct dep *dep = pp->out->deps[d];
			if (strcmp(dep->normalized, name) != 0)
				continue;
			if ((rc = pyreq_poetry_locate(pp, dep, where, "index", "editable")))
				return rc;
			if (pyreq_toml_get_bool(where, "workspace"))
				dep->ecosystem = ECO_LOCAL;
		}
	}
	return 0;
}

static int
read_root(const struct toml_value *root, size_t base, void *payload)
{
	struct pyreq_toml_doc *pp = payload;
	const struct toml_value *build = toml_table_get(root, "build-system");
	int rc;

	pp->base = base;
	pp->first_dep = pp->out->n_deps;
	pp->n_indexes = 0;
	if ((rc = pyreq_index_read(pp, root)) || (rc = read_project(pp, root)))
		return rc;
	if (build && build->kind != TOML_TABLE)
		pyreq_toml_expected(pp, build, "a table", "build-system");
	else if ((rc = pyreq_toml_read_requirements(pp, toml_table_get(build, "requires"),
						   DEP_MANIFEST, "build-system.requires", false)))
		return rc;
	if ((rc = pyreq_groups_read(pp, root)) || (rc = pyreq_poetry_read(pp, root)) ||
	    (rc = read_tool_requirements(pp, root)) || (rc = read_hatch(pp, root)) ||
	    (rc = read_setuptools(pp, root)))
		return rc;
	return apply_uv_sources(pp, root);
}

int
detect_pyproject(struct detect_out *out, struct source *src, const struct detect_ctx *ctx)
{
	struct pyreq_toml_doc pp = { .out = out, .src = src };
	int rc;

	(void)ctx;
	rc = pyreq_toml_read(out, src, read_root, &pp);
	free(pp.indexes);
	return rc;
}
