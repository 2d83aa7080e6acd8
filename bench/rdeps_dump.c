/*
 * rdeps_dump LISTFILE: runs deputy's R script detector on each file named in
 * LISTFILE (one path a line) and prints, as JSON, the CRAN packages each file
 * uses or installs (library(), require(), requireNamespace(), pkg::fn,
 * install.packages() and kin; names only, sorted, no duplicates) and the
 * time spent in the detector alone, for bench/r.py.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "deputy/arena.h"
#include "deputy/dep.h"
#include "deputy/diag.h"
#include "detect/detect.h"
#include "../tests/common/read_file.h"
#include "../tests/common/clock.h"

/* The package names @out holds, sorted and unique, as a JSON array. */
static cJSON *
packages(const struct detect_out *out)
{
	const char **names = calloc(out->n_deps + 1, sizeof(*names));
	cJSON *arr = cJSON_CreateArray();
	size_t n = 0;

	for (size_t i = 0; i < out->n_deps; i++) {
		const struct dep *d = out->deps[i];
		if (d->ecosystem == ECO_CRAN && !d->dynamic && d->name[0] &&
		    (d->kind == DEP_LIBRARY_CALL || d->kind == DEP_INSTALL_COMMAND))
			names[n++] = d->name;
	}
	qsort(names, n, sizeof(*names), compare_cstrings);
	for (size_t i = 0; i < n; i++)
		if (i == 0 || strcmp(names[i], names[i - 1]) != 0)
			cJSON_AddItemToArray(arr, cJSON_CreateString(names[i]));
	free(names);
	return arr;
}

int
main(int argc, char **argv)
{
	const struct detector *det = detector_find("r-script");
	char line[4096];
	double spent = 0;
	FILE *list;

	if (argc != 2 || !det || !(list = fopen(argv[1], "r"))) {
		fprintf(stderr, "usage: rdeps_dump LISTFILE\n");
		return 2;
	}
	cJSON *root = cJSON_CreateObject(), *files = cJSON_AddObjectToObject(root, "files");
	while (fgets(line, sizeof(line), list)) {
		line[strcspn(line, "\n")] = '\0';
		size_t len = 0;
		char *text = line[0] ? read_file(line, &len) : NULL;
		if (!text)
			continue;
		struct arena arena;
		struct diags diags;
		struct detect_out out;
		struct detect_ctx ctx = { 0 };
		struct source src = { line, { text, len } };

		arena_init(&arena);
		diags_init(&diags, &arena);
		detect_out_init(&out, &arena, &diags);
		double start = clock_seconds();
		int err = det->detect(&out, &src, &ctx);
		spent += clock_seconds() - start;
		if (err)
			fprintf(stderr, "%s: %s\n", line, err_str(err));
		cJSON_AddItemToObject(files, line, packages(&out));
		detect_out_release(&out);
		diags_release(&diags);
		arena_release(&arena);
		free(text);
	}
	fclose(list);
	cJSON_AddNumberToObject(root, "parse_seconds", spent);
	char *s = cJSON_PrintUnformatted(root);
	if (s)
		puts(s);
	free(s);
	cJSON_Delete(root);
	return 0;
}
