/*
 * pip requirement files, split the way pip 23.2's req_file.py splits them:
 * logical lines, comments, the requirement part and the option words.
 * What a line means (a dependency, an index, an include) is the detector's job.
 */
#ifndef DEPUTY_LEX_REQFILE_H
#define DEPUTY_LEX_REQFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "deputy/arena.h"
#include "deputy/diag.h"
#include "deputy/sv.h"

/* A longer logical line, or one with more option words, is an ERR_LIMIT diagnostic. */
#define REQFILE_MAX_LINE 65536
#define REQFILE_MAX_TOKENS 1024

/* The options pip accepts in a requirement file (req_file.py's SUPPORTED_OPTIONS*). */
enum reqfile_option_kind {
	REQOPT_INDEX_URL,        /* -i, --index-url, --pypi-url */
	REQOPT_EXTRA_INDEX_URL,
	REQOPT_NO_INDEX,
	REQOPT_CONSTRAINT,       /* -c */
	REQOPT_REQUIREMENT,      /* -r */
	REQOPT_EDITABLE,         /* -e */
	REQOPT_FIND_LINKS,       /* -f */
	REQOPT_NO_BINARY,
	REQOPT_ONLY_BINARY,
	REQOPT_PREFER_BINARY,
	REQOPT_REQUIRE_HASHES,
	REQOPT_PRE,
	REQOPT_TRUSTED_HOST,
	REQOPT_USE_FEATURE,
	REQOPT_GLOBAL_OPTION,    /* per requirement */
	REQOPT_HASH,             /* per requirement: "algo:hex" */
	REQOPT_CONFIG_SETTINGS,  /* per requirement: -C KEY=VAL */
};

struct reqfile_option {
	enum reqfile_option_kind kind;
	const char *value;       /* after shell-style unquoting, in the arena; "" for a flag */
	size_t start;            /* file offset of the option word */
	size_t value_start;      /* file offset where its value begins */
};

/* One piece of a logical line: @len bytes at logical offset @logical come from file @file. */
struct reqfile_segment {
	size_t logical;
	size_t file;
	size_t len;
	bool virtual_space;      /* the space pip puts before a joined comment line */
};

struct reqfile_line {
	unsigned line;           /* first physical line, 1-based */
	struct span at;          /* file bytes from the first to the last physical line */
	/*
	 * The logical line: continuations joined, comment cut, stripped. Borrowed:
	 * valid only during the callback.
	 */
	struct sv text;
	struct sv args;          /* the requirement before the first option word; may be empty */
	const struct reqfile_option *options;
	size_t n_options;
	bool env_var;            /* holds a ${NAME} reference pip would expand */
	/* How text maps back to the file; use reqfile_file_offset(). */
	const struct reqfile_segment *segments;
	size_t n_segments;
	size_t lead;             /* offset of text in the joined line */
};

/* Called for each logical line that is not blank; a negative return stops the parse. */
typedef int (*reqfile_line_fn)(const struct reqfile_line *line, void *payload);

/*
 * Reads @src line by line. Bad lines (an unknown option, an unclosed quote,
 * an option without its value, a line over the limits) become diagnostics in
 * @diags and are skipped. Option values go into @arena. Returns 0, ERR_NOMEM,
 * or the callback's negative code.
 */
int reqfile_parse(struct source *src, struct arena *arena, struct diags *diags,
		  reqfile_line_fn fn, void *payload);

/* The file offset of byte @offset of @line->text. */
size_t reqfile_file_offset(const struct reqfile_line *line, size_t offset);

/* "--index-url", ... : the long name of an option kind. Static. */
const char *reqfile_option_name(enum reqfile_option_kind kind);

#endif
