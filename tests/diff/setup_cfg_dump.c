/*
 * setup_cfg_dump FILE...: reads each file as setup.cfg with deputy's detector
 * and prints, for setup_cfg_diff.py, a JSON array with an object a file: the
 * lists setuptools reads (install_requires, setup_requires, tests_require,
 * each extra) with their requirements and "file:" paths, and the diagnostics.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "deputy/arena.h"
#include "deputy/dep.h"
#include "deputy/diag.h"
#include "detect/setup_cfg.h"
#include "lex/pep508.h"
#include "../common/dump_json.h"
#include "../common/read_file.h"

/* Where each list starts in the detector's output. */
struct list {
	char *option;
	char *extra;             /* NULL outside extras_require */
	size_t first_dep, first_include;
};

struct lists {
	struct detect_out *out;
	struct list *items;
	size_t n;
};

static int
start_list(const char *option, struct sv extra, void *payload)
{
	struct lists *l = payload;
	struct list *grown = realloc(l->items, (l->n + 1) * sizeof(*grown));

	if (!grown)
		return ERR_NOMEM;
	l->items = grown;
	l->items[l->n++] = (struct list){
		.option = strdup(option),
		.extra = extra.ptr ? strndup(extra.ptr, extra.len) : NULL,
		.first_dep = l->out->n_deps,
		.first_include = l->out->n_includes,
	};
	return 0;
}

static cJSON *
dump_dep(struct arena *arena, const struct dep *dep)
{
	cJSON *o = cJSON_CreateObject();
	struct pep508_error err;
	const char *spec = "", *marker = "";

	pep508_canonical_specifier(&spec, arena, sv_from_cstr(dep->spec), &err);
	if (dep->marker[0])
		pep508_parse_marker(&marker, arena, sv_from_cstr(dep->marker), &err);
	cJSON_AddStringToObject(o, "name", dep->name);
	cJSON_AddStringToObject(o, "normalized", dep->normalized);
	cJSON_AddItemToObject(o, "extras", dump_json_sorted(dep->extras, dep->n_extras, false));
	cJSON_AddStringToObject(o, "specifier", spec);
	dump_json_string_or_null(o, "marker", marker[0] ? marker : NULL);
	dump_json_string_or_null(o, "url", dep->url);
	cJSON_AddNumberToObject(o, "line", dep->line);
	cJSON_AddNumberToObject(o, "column", dep->column);
	cJSON_AddStringToObject(o, "raw", dep->raw);
	return o;
}

static cJSON *
dump_list(struct arena *arena, const struct detect_out *out, const struct lists *l, size_t i)
{
	const struct list *it = &l->items[i];
	size_t deps_end = i + 1 < l->n ? l->items[i + 1].first_dep : out->n_deps;
	size_t incs_end = i + 1 < l->n ? l->items[i + 1].first_include : out->n_includes;
	cJSON *o = cJSON_CreateObject();
	cJSON *reqs = cJSON_AddArrayToObject(o, "requirements");
	cJSON *incs = cJSON_AddArrayToObject(o, "includes");

	cJSON_AddStringToObject(o, "option", it->option);
	dump_json_string_or_null(o, "extra", it->extra);
	for (size_t k = it->first_dep; k < deps_end; k++)
		cJSON_AddItemToArray(reqs, dump_dep(arena, out->deps[k]));
	for (size_t k = it->first_include; k < incs_end; k++)
		cJSON_AddItemToArray(incs, cJSON_CreateString(out->includes[k].path));
	return o;
}

static cJSON *
dump_file(const char *path)
{
	struct arena arena;
	struct diags diags;
	struct detect_out out;
	struct lists l = { &out, NULL, 0 };
	size_t len = 0;
	char *text = read_file(path, &len);
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "path", path);
	if (!text) {
		cJSON_AddStringToObject(o, "failure", "cannot read the file");
		return o;
	}
	arena_init(&arena);
	diags_init(&diags, &arena);
	detect_out_init(&out, &arena, &diags);
	struct source src = { path, { text, len } };
	if (setup_cfg_read(&out, &src, start_list, &l))
		cJSON_AddStringToObject(o, "failure", "out of memory");
	cJSON *lists = cJSON_AddArrayToObject(o, "lists");
	for (size_t i = 0; i < l.n; i++)
		cJSON_AddItemToArray(lists, dump_list(&arena, &out, &l, i));
	cJSON *list = cJSON_AddArrayToObject(o, "diagnostics");
	for (size_t i = 0; i < diags.len; i++) {
		const struct diag *g = &diags.items[i];
		cJSON *j = cJSON_CreateObject();
		cJSON_AddStringToObject(j, "level", diag_level_str(g->level));
		cJSON_AddNumberToObject(j, "line", g->line);
		cJSON_AddNumberToObject(j, "column", g->column);
		cJSON_AddStringToObject(j, "message", g->message);
		cJSON_AddItemToArray(list, j);
	}
	for (size_t i = 0; i < l.n; i++) {
		free(l.items[i].option);
		free(l.items[i].extra);
	}
	free(l.items);
	detect_out_release(&out);
	diags_release(&diags);
	arena_release(&arena);
	free(text);
	return o;
}

int
main(int argc, char **argv)
{
	cJSON *all = cJSON_CreateArray();

	if (argc < 2) {
		fprintf(stderr, "usage: setup_cfg_dump FILE...\n");
		return 2;
	}
	for (int i = 1; i < argc; i++)
		cJSON_AddItemToArray(all, dump_file(argv[i]));
	char *s = cJSON_PrintUnformatted(all);
	if (s)
		puts(s);
	free(s);
	cJSON_Delete(all);
	return 0;
}
