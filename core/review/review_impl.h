/*
 * Inside the review store: the decisions in memory, and the file they are
 * read from and written to (review_file.c), shared by review.c.
 */
#ifndef DEPUTY_REVIEW_REVIEW_IMPL_H
#define DEPUTY_REVIEW_REVIEW_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "deputy/review.h"
#include "deputy/sv.h"

/* A decision and the members of its object that this deputy does not know. */
struct review_entry {
	struct review_decision d;    /* every string on the heap, owned */
	cJSON *extra;                /* unknown members, written back as read; may be NULL */
};

struct review {
	char *path;                  /* <root>/.deputy-review.json */
	char *root;
	bool snapshot;               /* a --rev snapshot: never written */
	int broken;                  /* why it was not read whole at load (an ERR_* code);
					then it is never overwritten. 0: read whole */
	bool newer;                  /* written by a newer deputy (version > ours): never overwritten */
	char today[11];              /* YYYY-MM-DD, UTC */
	struct review_entry *items;
	size_t len, cap;
};

/* Files larger than this are refused. */
#define REVIEW_FILE_MAX (4u * 1024 * 1024)

/*
 * Reads @review->path into @review's list (review_load's codes). A missing
 * file is an empty list.
 */
int review_file_read(struct review *review, char *err, size_t err_size);

/*
 * Reads the decisions of @text, the file's bytes (not NUL-terminated; any
 * bytes), onto the end of @review's list, in file order; sets @review->newer
 * for a version above ours. 0; ERR_SYNTAX (malformed JSON or a malformed
 * decision: the well-formed ones are still added, and @err, cleared first,
 * says "PATH:LINE:COLUMN: what" about the first problem, PATH being
 * @review->path); ERR_NOMEM.
 */
int review_file_parse(struct review *review, struct sv text, char *err, size_t err_size);

/*
 * The file's text for @items (@n of them, written in that order), as
 * review_file_write() writes it (without the final newline). Heap (free());
 * NULL when out of memory.
 */
char *review_file_render(struct review_entry *const *items, size_t n);

/*
 * Writes @items (@n of them, already sorted) to @review->path atomically,
 * refusing a symbolic link or anything but a regular file there.
 * 0, ERR_OUTSIDE, ERR_IO or ERR_NOMEM, with a message in @err.
 */
int review_file_write(const struct review *review, struct review_entry *const *items, size_t n,
		      char *err, size_t err_size);

/* Frees the strings and extras of @e. */
void review_entry_release(struct review_entry *e);
/* Orders entries by ecosystem, package, rule, file (the file's order). */
int review_entry_cmp(const struct review_entry *a, const struct review_entry *b);

/* True when @s is YYYY-MM-DD with a plausible month and day. */
bool review_date_is_valid(const char *s);
/* @now as YYYY-MM-DD in UTC into @out. */
void review_date_of(char out[11], time_t now);

/*
 * Who records a decision: "Name <email>" from the git configuration of the
 * repository at @root and the user's (read, never run), else $USER, else
 * "unknown". Heap; NULL when out of memory.
 */
char *review_reviewer(const char *root);

#endif
