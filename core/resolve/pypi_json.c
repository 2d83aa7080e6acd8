/*
 * A folder of PyPI project documents, in the registry's per-project JSON API
 * format ({"info": {"name", "version", "requires_dist": [...]}}), as saved
 * from the index or by deputy's own cache: one record per document. Markers
 * are evaluated for CPython 3.11 on Linux, the environment a snapshot of the
 * index does not otherwise tell.
 */
#include "resolve/source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "resolve/read_at.h"
#include "resolve/requires_dist.h"

#define PYPI_JSON_MAX ((size_t)8 << 20)     /* a project document is far smaller */

/* The document @text of @path: a record, or a warning. */
static int
read_document_in(struct pkg_records *out, struct arena *arena, struct diags *diags,
	      const char *path, struct sv text, const struct marker_env *env)
{
	struct source src = { path, text };
	cJSON *root = cJSON_ParseWithLength(text.ptr, text.len);
	const cJSON *info = cJSON_GetObjectItemCaseSensitive(root, "info");
	const cJSON *name = cJSON_GetObjectItemCaseSensitive(info, "name");
	const cJSON *version = cJSON_GetObjectItemCaseSensitive(info, "version");
	const cJSON *reqs = cJSON_GetObjectItemCaseSensitive(info, "requires_dist");
	struct requires_list list = { 0 };
	struct span whole = { 0, 0 };
	const cJSON *item;
	int rc = 0;

	if (!cJSON_IsString(name) || !name->valuestring[0]) {
		diag_add_path(diags, DIAG_WARNING, path, root ? "no info.name: not a PyPI project "
			      "document; skipped" : "not valid JSON; skipped");
		cJSON_Delete(root);
		return 0;
	}
	if (!cJSON_IsArray(reqs))
		reqs = NULL;            /* null: no dependencies */
	cJSON_ArrayForEach(item, reqs) {
		if (!cJSON_IsString(item))
			continue;
		rc = requires_dist_add(&list, arena, diags, &src, whole, env,
				       sv_from_cstr(item->valuestring));
		if (rc)
			break;
	}
	if (!rc) {
		struct pkg_record r = {
			.ecosystem = ECO_PYPI,
			.name = arena_strdup(arena, name->valuestring),
			.version = cJSON_IsString(version) ? arena_strdup(arena, version->valuestring)
							   : NULL,
			.requires = list.n ? list.items : NULL,
			.n_requires = list.n,
			.file = path,
			.line = 1,
			.source = "PyPI index snapshot",
		};
		rc = !r.name || (cJSON_IsString(version) && !r.version) ? ERR_NOMEM
			: pkg_records_add(out, &r);
	}
	cJSON_Delete(root);
	return rc;
}

int
pypi_json_parse(struct pkg_records *out, struct arena *arena, struct diags *diags,
		const char *path, struct sv text)
{
	struct marker_env env;

	marker_env_init_linux(&env, "3.11", "3.11.0");
	return read_document_in(out, arena, diags, path, text, &env);
}

/* A project document: NAME.json, not hidden. */
static bool
is_document(const char *name)
{
	size_t len = strlen(name);

	return len >= 6 && name[0] != '.' && strcmp(name + len - 5, ".json") == 0;
}

int
pypi_json_read(struct pkg_records *out, struct arena *arena, struct diags *diags,
	       const char *dir)
{
	int dir_fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct marker_env env;
	char **names;
	size_t n;
	int rc;

	if (dir_fd < 0)
		return ERR_NOTFOUND;
	rc = dir_names(&names, &n, dir_fd, is_document);
	marker_env_init_linux(&env, "3.11", "3.11.0");
	for (size_t i = 0; i < n && !rc; i++) {
		char *path = arena_printf(arena, "%s/%s", dir, names[i]);
		struct sv text;
		int frc;

		if (!path) {
			rc = ERR_NOMEM;
			break;
		}
		frc = read_at(&text, arena, diags, dir_fd, names[i], path, PYPI_JSON_MAX);
		if (frc == ERR_NOMEM)
			rc = frc;
		else if (frc == 0)
			rc = read_document_in(out, arena, diags, path, text, &env);
	}
	dir_names_free(names, n);
	close(dir_fd);
	return rc;
}
