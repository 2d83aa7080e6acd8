/*
 * reqfile_dump FILE: reads a pip requirement file with deputy's detector,
 * follows -r/-c from the file system (relative to the including file, with
 * cycle detection) and prints what it found as JSON for reqfile_diff.py.
 * "parse_seconds" is the time spent in the detector alone (bench/requirements
 * compares it with pip's own parse).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "deputy/arena.h"
#include "deputy/dep.h"
#include "deputy/diag.h"
#include "detect/detect.h"
#include "lex/pep508.h"
#include "../common/clock.h"
#include "../common/dump_json.h"
#include "../common/read_file.h"

#define MAX_DEPTH 64

struct dump {
	struct arena arena;
	struct diags diags;
	cJSON *reqs, *options, *includes, *files, *diag_list;
	char *stack[MAX_DEPTH];  /* real paths of the files being read */
	size_t depth;
	char **texts;            /* file contents, kept until the end */
	size_t n_texts;
	double parse_seconds;    /* in detect_requirements() */
};

static void
dump_dep(struct dump *d, const struct dep *dep, const char *comes_from, bool constraint)
{
	cJSON *o = cJSON_CreateObject();
	struct pep508_error err;
	const char *spec = "", *marker = "";

	pep508_canonical_specifier(&spec, &d->arena, sv_from_cstr(dep->spec), &err);
	if (dep->marker[0])
		pep508_parse_marker(&marker, &d->arena, sv_from_cstr(dep->marker), &err);
	cJSON_AddStringToObject(o, "name", dep->name);
	cJSON_AddStringToObject(o, "normalized", dep->normalized);
	cJSON_AddStringToObject(o, "ecosystem", ecosystem_str(dep->ecosystem));
	cJSON_AddItemToObject(o, "extras", dump_json_sorted(dep->extras, dep->n_extras,
							  dep->ecosystem == ECO_LOCAL && !dep->name[0]));
	cJSON_AddStringToObject(o, "spec", dep->spec);
	cJSON_AddStringToObject(o, "specifier", spec);
	dump_json_string_or_null(o, "marker", marker[0] ? marker : NULL);
	dump_json_string_or_null(o, "url", dep->url);
	dump_json_string_or_null(o, "vcs_ref", dep->vcs_ref);
	cJSON_AddItemToObject(o, "hashes", dump_json_sorted(dep->hashes, dep->n_hashes, false));
	cJSON_AddBoolToObject(o, "editable", dep->editable);
	cJSON_AddBoolToObject(o, "constraint", constraint);
	cJSON_AddBoolToObject(o, "env_var", dep->env_var);
	dump_json_string_or_null(o, "index_url", dep->index_url);
	cJSON_AddBoolToObject(o, "extra_index", dep->extra_index);
	cJSON_AddStringToObject(o, "comes_from", comes_from);
	cJSON_AddNumberToObject(o, "line", dep->line);
	cJSON_AddNumberToObject(o, "column", dep->column);
	cJSON_AddStringToObject(o, "raw", dep->raw);
	cJSON_AddItemToArray(d->reqs, o);
}

/* Python's os.path.join(os.path.dirname(from), path). */
static char *
join_relative(const char *from, const char *path)
{
	const char *slash = strrchr(from, '/');
	size_t dir = slash ? (size_t)(slash - from) : 0;
	char *out;

	if (path[0] == '/' || !slash)
		return strdup(path);
	if (dir == 0)
		dir = 1;    /* "/x.txt": the root */
	out = malloc(dir + strlen(path) + 2);
	if (!out)
		return NULL;
	memcpy(out, from, dir);
	out[dir] = '\0';
	if (out[dir - 1] != '/')
		strcat(out, "/");
	strcat(out, path);
	return out;
}

static void dump_file(struct dump *d, const char *path, bool constraint);

static void
dump_include(struct dump *d, const struct detect_include *inc)
{
	cJSON *o = cJSON_CreateObject();
	char *path = join_relative(inc->from, inc->path);

	cJSON_AddStringToObject(o, "path", path ? path : "");
	cJSON_AddStringToObject(o, "written", inc->path);
	cJSON_AddStringToObject(o, "from", inc->from);
	cJSON_AddBoolToObject(o, "constraint", inc->constraint);
	cJSON_AddNumberToObject(o, "line", inc->line);
	cJSON_AddItemToArray(d->includes, o);
	if (path && !strchr(inc->path, ':'))
		dump_file(d, path, inc->constraint);
	free(path);
}

static void
dump_file(struct dump *d, const char *path, bool constraint)
{
	struct detect_out out;
	struct detect_ctx ctx = { .constraint = constraint, .included = d->depth > 0 };
	char real[PATH_MAX];
	size_t len = 0;
	char *text;
	char *kept_path;

	if (!realpath(path, real) || !(text = read_file(path, &len))) {
		diag_add_path(&d->diags, DIAG_ERROR, path, "cannot read this file");
		return;
	}
	for (size_t i = 0; i < d->depth; i++) {
		if (strcmp(d->stack[i], real) == 0) {
			diag_add_path(&d->diags, DIAG_ERROR, path, "include cycle: already reading it");
			free(text);
			return;
		}
	}
	if (d->depth == MAX_DEPTH) {
		diag_add_path(&d->diags, DIAG_ERROR, path, "includes nested too deep");
		free(text);
		return;
	}
	d->texts = realloc(d->texts, (d->n_texts + 1) * sizeof(*d->texts));
	d->texts[d->n_texts++] = text;
	kept_path = arena_strdup(&d->arena, path);
	d->stack[d->depth++] = arena_strdup(&d->arena, real);

	cJSON *f = cJSON_CreateObject();
	cJSON_AddStringToObject(f, "path", path);
	cJSON_AddBoolToObject(f, "constraint", constraint);
	cJSON_AddItemToArray(d->files, f);

	struct source src = { kept_path, { text, len } };
	detect_out_init(&out, &d->arena, &d->diags);
	double start = clock_seconds();
	int err = detect_requirements(&out, &src, &ctx);
	d->parse_seconds += clock_seconds() - start;
	if (err)
		diag_add_path(&d->diags, DIAG_ERROR, path, "out of memory");
	/* pip yields requirements in file order with includes expanded in place */
	size_t di = 0, ii = 0;
	while (di < out.n_deps || ii < out.n_includes) {
		if (ii < out.n_includes &&
		    (di == out.n_deps || out.includes[ii].line < out.deps[di]->line)) {
			dump_include(d, &out.includes[ii++]);
		} else {
			dump_dep(d, out.deps[di++], kept_path, constraint);
		}
	}
	for (size_t i = 0; i < out.n_options; i++) {
		const struct index_option *o = out.options[i];
		cJSON *j = cJSON_CreateObject();
		cJSON_AddStringToObject(j, "option", index_option_str(o->kind));
		cJSON_AddStringToObject(j, "value", o->value);
		cJSON_AddStringToObject(j, "file", o->file);
		cJSON_AddNumberToObject(j, "line", o->line);
		cJSON_AddItemToArray(d->options, j);
	}
	detect_out_release(&out);
	d->depth--;
}

int
main(int argc, char **argv)
{
	struct dump d = { 0 };
	bool constraint = false;
	const char *path = NULL;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--constraint") == 0)
			constraint = true;
		else
			path = argv[i];
	}
	if (!path) {
		fprintf(stderr, "usage: reqfile_dump [--constraint] FILE\n");
		return 2;
	}
	arena_init(&d.arena);
	diags_init(&d.diags, &d.arena);
	cJSON *root = cJSON_CreateObject();
	d.reqs = cJSON_AddArrayToObject(root, "requirements");
	d.options = cJSON_AddArrayToObject(root, "options");
	d.includes = cJSON_AddArrayToObject(root, "includes");
	d.files = cJSON_AddArrayToObject(root, "files");
	d.diag_list = cJSON_AddArrayToObject(root, "diagnostics");
	dump_file(&d, path, constraint);
	for (size_t i = 0; i < d.diags.len; i++) {
		const struct diag *g = &d.diags.items[i];
		cJSON *j = cJSON_CreateObject();
		cJSON_AddStringToObject(j, "level", diag_level_str(g->level));
		cJSON_AddStringToObject(j, "file", g->path);
		cJSON_AddNumberToObject(j, "line", g->line);
		cJSON_AddNumberToObject(j, "column", g->column);
		cJSON_AddStringToObject(j, "message", g->message);
		cJSON_AddItemToArray(d.diag_list, j);
	}
	cJSON_AddNumberToObject(root, "parse_seconds", d.parse_seconds);
	char *s = cJSON_Print(root);
	if (s)
		puts(s);
	free(s);
	cJSON_Delete(root);
	for (size_t i = 0; i < d.n_texts; i++)
		free(d.texts[i]);
	free(d.texts);
	diags_release(&d.diags);
	arena_release(&d.arena);
	return 0;
}
