/*
 * Package records from the resolver's other sources, read as files and never
 * by running Python or R: an installed Python environment (venv.c), an R
 * library (rlib.c), a CRAN PACKAGES index (cran_index.c), a folder of PyPI
 * project documents (pypi_json.c). Each record says
 * what one package depends on there; graph_build() turns them into nodes and
 * edges with the record's file as provenance.
 */
#ifndef DEPUTY_RESOLVE_SOURCE_H
#define DEPUTY_RESOLVE_SOURCE_H

#include <stddef.h>

#include "deputy/arena.h"
#include "deputy/dep.h"
#include "deputy/diag.h"

struct pkg_record {
	enum ecosystem ecosystem;    /* ECO_PYPI or ECO_CRAN */
	const char *name;            /* as the source writes it */
	const char *version;         /* NULL when unknown */
	const char *const *requires; /* names only: markers evaluated, extras, versions and
					R itself dropped; NULL when none */
	size_t n_requires;
	const char *file;            /* provenance: the METADATA, DESCRIPTION or PACKAGES file */
	unsigned line;               /* the record's first line in @file (1 for a whole file) */
	const char *source;          /* "installed environment", "R library", "CRAN index" (static) */
};

/* A growing array of records; @items is heap memory (pkg_records_release), strings in an arena. */
struct pkg_records {
	struct pkg_record *items;
	size_t len, cap;
};

/* Appends a copy of @r (strings not copied). 0 or ERR_NOMEM. */
int pkg_records_add(struct pkg_records *list, const struct pkg_record *r);
void pkg_records_release(struct pkg_records *list);

/*
 * A Python environment at @env_dir (a virtualenv, or a site-packages folder):
 * every *.dist-info/METADATA under lib/pythonX.Y/site-packages (or directly
 * in @env_dir), Name, Version and Requires-Dist, with environment markers
 * evaluated for the environment's Python (pyvenv.cfg's version, else the
 * lib/pythonX.Y folder name) on Linux, extras' requirements left out.
 * Symlinks are not followed out of @env_dir; a malformed file is a
 * diagnostic and is skipped. 0, ERR_NOTFOUND when @env_dir is not a folder,
 * ERR_NOMEM.
 */
int venv_read(struct pkg_records *out, struct arena *arena, struct diags *diags,
	      const char *env_dir);

/*
 * An R library at @lib_dir: each <pkg>/DESCRIPTION, Package, Version and the
 * names in Depends, Imports and LinkingTo ("R" and version ranges dropped).
 * Same rules and returns as venv_read().
 */
int rlib_read(struct pkg_records *out, struct arena *arena, struct diags *diags,
	      const char *lib_dir);

/*
 * A CRAN PACKAGES index at @path, plain or gzip-compressed: one record per
 * stanza, as rlib_read(). 0, ERR_NOTFOUND, ERR_SYNTAX for a file from which
 * no record at all could be read, ERR_LIMIT past 256 MB (compressed or not),
 * ERR_IO when it cannot be opened, ERR_NOMEM.
 */
int cran_index_read(struct pkg_records *out, struct arena *arena, struct diags *diags,
		    const char *path);

/*
 * A folder of PyPI project documents (the registry's per-project JSON API
 * format), one record per *.json file: info.name, info.version and the names
 * in info.requires_dist, markers evaluated for CPython 3.11 on Linux. Same
 * rules and returns as venv_read().
 */
int pypi_json_read(struct pkg_records *out, struct arena *arena, struct diags *diags,
		   const char *dir);

/*
 * One PyPI project document @text, named @path: one record added, or a
 * warning when it is not one. 0 or ERR_NOMEM.
 */
int pypi_json_parse(struct pkg_records *out, struct arena *arena, struct diags *diags,
		    const char *path, struct sv text);

/*
 * Records from the DCF text @src, one per stanza that has a Package field,
 * labelled @label (static) as their source; a malformed stanza is a
 * diagnostic and is skipped. *@n_added counts them. 0 or ERR_NOMEM
 * (cran_index.c; rlib.c reads each DESCRIPTION with it).
 */
int cran_index_parse(struct pkg_records *out, struct arena *arena, struct diags *diags,
		     struct source *src, const char *label, size_t *n_added);

#endif
