/*
 * What the TOML lock file detectors (poetry.lock, uv.lock, pdm.lock) share:
 * reading the document, one locked declaration per [[package]] table, and the
 * notes every one of them writes for keys and values it does not expect.
 */
#ifndef DEPUTY_DETECT_LOCKFILE_H
#define DEPUTY_DETECT_LOCKFILE_H

#include <stdbool.h>

#include "deputy/arena.h"
#include "deputy/dep.h"
#include "deputy/diag.h"
#include "detect/detect.h"
#include "lex/toml.h"

/*
 * One lock file being read. @out and @src are borrowed from the detector's
 * caller; @tmp holds the TOML tree and scratch strings, and lives only while
 * lockfile_detect() runs: keep nothing from it in a dep.
 */
struct lockfile {
	struct detect_out *out;
	struct source *src;
	struct arena tmp;
};

/* Reads the parsed document; 0 or a negative ERR_* code, passed up unchanged. */
typedef int (*lockfile_read_fn)(const struct toml_value *root, void *payload);
/* Reads one [[package]] table (always a table); 0 or a negative ERR_* code. */
typedef int (*lockfile_package_fn)(const struct toml_value *pkg, void *payload);

/*
 * Parses @lock->src as TOML into @lock->tmp and hands the root to @read, then
 * releases @lock->tmp. Invalid TOML is an error diagnostic, not a failure: the
 * detector has nothing to read and returns 0. Returns 0, ERR_NOMEM or @read's code.
 */
int lockfile_detect(struct lockfile *lock, lockfile_read_fn read, void *payload);

/*
 * Calls @fn for each table of @pkgs, the array of [[package]] tables (NULL
 * when the file has none). Anything not a table is a note and skipped. Stops
 * at, and returns, the first non-zero code of @fn.
 */
int lockfile_each_package(const struct lockfile *lock, const struct toml_value *pkgs,
			  lockfile_package_fn fn, void *payload);

/*
 * The dep of one [[package]]: name, "==version", its spans and raw text (the
 * whole table, sub-tables included), kind DEP_LOCK, ecosystem PyPI; all in
 * @lock->out's arena and already appended. *@out is NULL, after a note, when
 * the table has no name. A missing version is a note only when @want_version
 * (local code has no version worth pinning). Returns 0 or ERR_NOMEM.
 */
int lockfile_new_dep(struct dep **out, const struct lockfile *lock, const struct toml_value *pkg,
		     bool want_version);

/*
 * "algo:hex" of every {file, hash} table of the array @files into
 * @dep->hashes (in the output arena); a bare "algo:hex" string counts too when
 * @bare_hashes (pdm writes them). What is not one of those is a note.
 * Returns 0 or ERR_NOMEM.
 */
int lockfile_read_files(const struct lockfile *lock, struct dep *dep,
			const struct toml_value *files, bool bare_hashes);

/*
 * A note for each key of @table not in @known (NULL-terminated); lock formats
 * grow keys, so an unknown one is worth saying but not worth refusing.
 * @where names the table in the message ("a [[package]]").
 */
void lockfile_note_unknown_keys(const struct lockfile *lock, const struct toml_value *table,
				const char *const *known, const char *where);

/* A copy of @s in the output arena, living as long as the scan; NULL for NULL or out of memory. */
const char *lockfile_keep(const struct lockfile *lock, const char *s);

#endif
