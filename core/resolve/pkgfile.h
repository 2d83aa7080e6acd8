/*
 * A package's own description file, read as text (a repository's file at a
 * commit): an R DESCRIPTION, or a Python project's pyproject.toml [project]
 * table or setup.cfg [metadata] and [options] sections. Each gives one
 * package record (resolve/source.h) with @src->path as its provenance.
 */
#ifndef DEPUTY_RESOLVE_PKGFILE_H
#define DEPUTY_RESOLVE_PKGFILE_H

#include "deputy/arena.h"
#include "deputy/diag.h"

struct pkg_records;

/* 0 (a record added when the file has a Package field), ERR_NOMEM. */
int pkgfile_description(struct pkg_records *out, struct arena *arena, struct diags *diags,
			struct source *src, const char *label);

/*
 * pyproject.toml or setup.cfg (by the end of @src->path, which may be a
 * provenance "owner/repo@1a2b3c4:setup.cfg"): name, version and
 * the runtime requirements, markers evaluated for CPython 3.11 on Linux.
 * 0 with a record added; ERR_NOTFOUND when the file names no project (its
 * name may be in the other file); ERR_SYNTAX when it cannot be read (a
 * diagnostic says why); ERR_NOMEM.
 */
int pkgfile_python(struct pkg_records *out, struct arena *arena, struct diags *diags,
		   struct source *src, const char *label);

#endif
