/*
 * Detectors: one per file format, each a pure function from (path, bytes) to
 * declarations, option lines, includes and diagnostics. A detector never
 * reads another file: an include becomes a request that the scan follows.
 */
#ifndef DEPUTY_DETECT_DETECT_H
#define DEPUTY_DETECT_DETECT_H

#include <stdbool.h>
#include <stddef.h>

#include "deputy/dep.h"
#include "deputy/diag.h"

/* A `cd` in shell text: its folder as written, after the cd before it. */
struct detect_cd {
	const struct detect_cd *up;      /* NULL: from where the shell started */
	const char *dir;                 /* relative, in the arena */
	unsigned depth;                  /* cds from the start, this one included */
	size_t path_len;                 /* of all their folders joined with '/' */
};

/* Folders of cds longer than this, joined, are not followed (the cd is unknown). */
#define DETECT_MAX_CD_PATH 4096

struct strbuf;
/* Appends the folders of the cds that led to @cd, first first, each with its '/'. */
void detect_cd_put(struct strbuf *sb, const struct detect_cd *cd);

/* A file that a detector asks the scan to read next (pip's -r and -c). */
struct detect_include {
	const char *path;        /* as written, in the arena */
	bool constraint;         /* -c: its requirements only constrain */
	const char *from;        /* the including file */
	const char *dir;         /* the folder @path is relative to ("" the root); NULL
				  * @from's folder */
	bool or_root;            /* with @dir NULL: when not found there, the root's */
	const struct detect_cd *cd;   /* where `cd` moved the shell before it: the
				       * folders go before @path; NULL none */
	unsigned line, column;
	struct span at;          /* of the path in the including file */
};

/* Where a detector puts what it found. Arrays are heap, owned by the caller. */
struct detect_out {
	struct arena *arena;     /* strings and extras/hashes arrays go here */
	struct diags *diags;
	struct dep **deps;       /* each dep in the arena */
	size_t n_deps, cap_deps;
	struct index_option **options;
	size_t n_options, cap_options;
	struct detect_include *includes;
	size_t n_includes, cap_includes;
};

/* What the scan knows about the file being read. */
struct detect_ctx {
	bool constraint;         /* reached through -c */
	bool included;           /* reached through -r or -c */
};

typedef int (*detect_fn)(struct detect_out *out, struct source *src,
			 const struct detect_ctx *ctx);

struct detector {
	const char *name;                         /* "requirements" */
	bool (*matches)(const char *path);        /* path relative to the root */
	detect_fn detect;
	bool incidental;   /* a file that is mostly something else (a script, a README):
			    * listed only when it declares something */
	bool (*sniff)(struct sv head);  /* for files whose name says nothing: their first
					 * bytes (a #! line); may be NULL */
};

/* The detector whose sniff() claims a file that starts with @head, or NULL. */
const struct detector *detector_for_head(struct sv head);
/* Whether a file named @path may be sniffed (no extension). */
bool detector_may_sniff(const char *path);
bool shell_sniff(struct sv head);

void detect_out_init(struct detect_out *out, struct arena *arena, struct diags *diags);
void detect_out_release(struct detect_out *out);

/*
 * Each returns 0 or ERR_NOMEM. detect_new_dep() returns a zeroed dep in the
 * arena, already appended (NULL when out of memory); fill it in place.
 */
struct dep *detect_new_dep(struct detect_out *out);
struct index_option *detect_new_option(struct detect_out *out);
int detect_add_include(struct detect_out *out, const struct detect_include *inc);

/* How much @out held at a point, to tell what a reader added after it. */
struct detect_mark {
	size_t deps, options, includes, diags;
};

void detect_out_mark(struct detect_mark *mark, const struct detect_out *out);

/*
 * From a text cut from a file back to the file: @offset maps a byte offset,
 * @line_col a line and column (called only for a line other than 0). For a
 * reader run on a piece of a file (a notebook's shell lines, a tox.ini value).
 */
struct detect_mapper {
	size_t (*offset)(size_t at, void *payload);
	void (*line_col)(unsigned *line, unsigned *column, void *payload);
	void *payload;
};

/*
 * Moves what was added to @out since @mark to the file's places: the spans
 * and lines of declarations, option lines and includes, the lines of
 * diagnostics, each kind in the order it was added.
 */
void detect_out_map_since(struct detect_out *out, const struct detect_mark *mark,
			  const struct detect_mapper *map);

/*
 * A piece of a file laid out as in the file from byte @start on (@len
 * bytes): what a reader finds in it moves back by @start, and its first
 * line by @line and @column (a tox.ini value, conda's pip items).
 */
struct detect_window {
	size_t start, len;
	unsigned line, column;   /* of @start in the file */
};

/* The window of @len bytes of @src from @start. */
void detect_window_at(struct detect_window *w, struct source *src, size_t start, size_t len);

/* detect_out_map_since() for a reader run on window @w. */
void detect_out_map_window(struct detect_out *out, const struct detect_mark *mark,
			   const struct detect_window *w);

/* The table of detectors, and the one for a path (NULL when none). */
const struct detector *detector_table(size_t *count);
const struct detector *detector_for_path(const char *path);
const struct detector *detector_find(const char *name);

/* Detectors, each in its own file. */
bool requirements_matches(const char *path);
/* A constraints*.txt: pip's constraints by name, read as -c would read it. */
bool requirements_is_constraints(const char *path);
int detect_requirements(struct detect_out *out, struct source *src,
			const struct detect_ctx *ctx);

bool rscript_matches(const char *path);        /* *.R, *.r, .Rprofile */
int detect_rscript(struct detect_out *out, struct source *src,
		   const struct detect_ctx *ctx);
bool rmd_matches(const char *path);            /* *.Rmd, *.qmd, *.Rnw, *.Rmarkdown */
int detect_rmd(struct detect_out *out, struct source *src, const struct detect_ctx *ctx);
bool description_matches(const char *path);    /* DESCRIPTION */
int detect_description(struct detect_out *out, struct source *src,
		       const struct detect_ctx *ctx);
bool renv_lock_matches(const char *path);      /* renv.lock */
int detect_renv_lock(struct detect_out *out, struct source *src,
		     const struct detect_ctx *ctx);
bool packrat_lock_matches(const char *path);   /* packrat/packrat.lock */
int detect_packrat_lock(struct detect_out *out, struct source *src,
			const struct detect_ctx *ctx);

bool pyproject_matches(const char *path);                  /* pyproject.toml */
int detect_pyproject(struct detect_out *out, struct source *src, const struct detect_ctx *ctx);
bool pipfile_matches(const char *path);                    /* Pipfile */
int detect_pipfile(struct detect_out *out, struct source *src, const struct detect_ctx *ctx);
bool setup_cfg_matches(const char *path);                  /* setup.cfg */
int detect_setup_cfg(struct detect_out *out, struct source *src, const struct detect_ctx *ctx);
bool setup_py_matches(const char *path);                   /* setup.py */
int detect_setup_py(struct detect_out *out, struct source *src, const struct detect_ctx *ctx);
bool pipfile_lock_matches(const char *path);               /* Pipfile.lock */
int detect_pipfile_lock(struct detect_out *out, struct source *src, const struct detect_ctx *ctx);
bool poetry_lock_matches(const char *path);                /* poetry.lock */
int detect_poetry_lock(struct detect_out *out, struct source *src, const struct detect_ctx *ctx);
bool uv_lock_matches(const char *path);                    /* uv.lock */
int detect_uv_lock(struct detect_out *out, struct source *src, const struct detect_ctx *ctx);
bool pdm_lock_matches(const char *path);                   /* pdm.lock */
int detect_pdm_lock(struct detect_out *out, struct source *src, const struct detect_ctx *ctx);
bool conda_env_matches(const char *path);                  /* environment.yml / environment.yaml */
int detect_conda_env(struct detect_out *out, struct source *src, const struct detect_ctx *ctx);
bool noxfile_matches(const char *path);                    /* noxfile.py */
int detect_noxfile(struct detect_out *out, struct source *src, const struct detect_ctx *ctx);
bool tox_ini_matches(const char *path);                    /* tox.ini */
int detect_tox_ini(struct detect_out *out, struct source *src, const struct detect_ctx *ctx);
bool shell_matches(const char *path);                      /* *.sh, *.bash */
int detect_shell(struct detect_out *out, struct source *src, const struct detect_ctx *ctx);
bool dockerfile_matches(const char *path);                 /* Dockerfile, Dockerfile.*, *.dockerfile, Containerfile */
int detect_dockerfile(struct detect_out *out, struct source *src, const struct detect_ctx *ctx);
bool makefile_matches(const char *path);                   /* Makefile, GNUmakefile, makefile, *.mk */
int detect_makefile(struct detect_out *out, struct source *src, const struct detect_ctx *ctx);
bool ci_yaml_matches(const char *path);                    /* .github/workflows/ *.yml|yaml, .gitlab-ci.yml */
int detect_ci_yaml(struct detect_out *out, struct source *src, const struct detect_ctx *ctx);
bool notebook_matches(const char *path);                   /* *.ipynb */
int detect_notebook(struct detect_out *out, struct source *src, const struct detect_ctx *ctx);
bool readme_matches(const char *path);                     /* README*, *.md */
int detect_readme(struct detect_out *out, struct source *src, const struct detect_ctx *ctx);

/* The base name of a '/' separated path (borrowed from @path). */
const char *path_basename(const char *path);

#endif
