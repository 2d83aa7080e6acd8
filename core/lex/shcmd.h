/*
 * Package-install commands in shell text: splits POSIX shell words (quotes,
 * backslashes, line continuations, &&, ||, ;, |, comments) and reads the
 * argument lists of pip install, pip3 install, python -m pip install,
 * python3 -m pip install, uv pip install, uv add, poetry add, pipx install
 * and easy_install (with their options: -r FILE, -c FILE, -i/--index-url,
 * --extra-index-url, --trusted-host, -f, --require-hashes, -e, --user,
 * --pre, git+ URLs), and `curl ... | sh`-style pipes. Shared by every
 * detector that finds commands: shell scripts, Dockerfiles, Makefiles, CI
 * YAML, notebooks, README code blocks.
 */
#ifndef DEPUTY_LEX_SHCMD_H
#define DEPUTY_LEX_SHCMD_H

#include <stdbool.h>

#include "deputy/dep.h"
#include "deputy/diag.h"
#include "detect/detect.h"

/*
 * Where `cd` has moved a shell, from where it started: carried from one
 * text to the next when they run in one shell (a GitLab job's script
 * lines). Zero for a fresh shell.
 */
struct shcmd_cd {
	const struct detect_cd *at;      /* the last cd followed; NULL none */
	bool unknown;            /* a cd deputy cannot follow: $DIR, /abs, ~, -, none */
};

/* A cd is followed at most this deep, each folder at most this long. */
#define SHCMD_MAX_CDS 64
#define SHCMD_MAX_CD_DIR 1024

struct shcmd_opts {
	enum dep_kind kind;      /* DEP_INSTALL_COMMAND, or DEP_DOCUMENTATION for README blocks */
	bool quiet;              /* no diagnostics: text that may not be shell (an unlabelled README block) */
	const char *dir;         /* the folder the commands run in, for -r FILE ("" the
				  * root); NULL the file's own folder */
	bool or_root;            /* with @dir NULL: they may run in the root as well (a
				  * script in scripts/, a Dockerfile built from the
				  * root): -r FILE is looked for there when not beside */
	struct shcmd_cd *cd;     /* in and out: where earlier text of the same shell
				  * left it; NULL a fresh shell */
	bool cd_only;            /* follow cds, read nothing else: text read already,
				  * run again for where it leaves the shell (GitLab's
				  * default before_script in each job) */
	bool self_dir;           /* the text is a script file and $0 its path, so
				  * `cd "$(dirname "$0")"` goes back to the file's folder */
};

/* Limits: a longer word, or a command with more words or packages, is an ERR_LIMIT diagnostic. */
#define SHCMD_MAX_WORD 65536
#define SHCMD_MAX_WORDS 4096
#define SHCMD_MAX_DEPTH 8        /* $(...) inside $(...), sh -c inside sh -c */

/*
 * Reads the shell text @region of @src->text (a slice of the same bytes, so
 * positions are @src's) and adds one declaration per package named by an
 * install command (PEP 508 via pep508_parse, language LANG_PYTHON), one
 * index_option per index option, one detect_include per -r/-c file, and one
 * declaration (ECO_URL, DEP_REMOTE_SOURCE, language LANG_SHELL) per
 * download piped into a shell. Bad words become diagnostics. @opts may be
 * NULL (DEP_INSTALL_COMMAND). Returns 0 or ERR_NOMEM.
 */
int shcmd_detect(struct detect_out *out, struct source *src, struct span region,
		 const struct shcmd_opts *opts);

/*
 * The same over text that is not @src's bytes as they stand (a Dockerfile
 * RUN with its continuations joined, a README line without its "$ " prompt,
 * a JSON string): byte i of @text comes from file offset @map[i] of @src;
 * @map holds @text.len offsets. @opts may be NULL (DEP_INSTALL_COMMAND).
 */
int shcmd_detect_mapped(struct detect_out *out, struct source *src, struct sv text,
			const size_t *map, const struct shcmd_opts *opts);

#endif
