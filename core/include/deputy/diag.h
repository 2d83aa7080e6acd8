/*
 * Error codes for us, diagnostics for the input. A problem in the input is
 * recorded here and the reader resumes; it never stops a scan.
 */
#ifndef DEPUTY_DEPUTY_DIAG_H
#define DEPUTY_DEPUTY_DIAG_H

#include <stddef.h>

#include "deputy/arena.h"
#include "deputy/sv.h"

/* Negative return codes; 0 is success. ncurses owns OK and ERR. */
enum {
	ERR_NOMEM = -1,
	ERR_IO = -2,
	ERR_SYNTAX = -3,
	ERR_LIMIT = -4,
	ERR_NOTFOUND = -5,
	ERR_USAGE = -6,
	ERR_GIT = -7,
	ERR_OUTSIDE = -8,     /* a path or link leads out of the repository */
};

/* A one-word description of an error code ("out of memory", ...). Static. */
const char *err_str(int code);

enum diag_level {
	DIAG_ERROR,
	DIAG_WARNING,
	DIAG_NOTE,
};

/* A byte range in a file: [start, end). */
struct span {
	size_t start;
	size_t end;
};

/*
 * Where the last line/column lookup in one text ended, so that lookups at
 * increasing offsets cost the distance walked rather than the offset: a
 * file of 100,000 requirements is read in linear time. Zero-initialise it.
 */
struct text_cursor {
	const char *ptr;             /* the text it was last used on */
	size_t len;
	size_t pos;                  /* where a code point starts, at or before the
				      * offset last looked up (never inside one) */
	size_t line_start;           /* where the line holding @pos starts */
	unsigned line, column;       /* of @pos, 1-based; 0 before the first use */
};

/*
 * The file a reader works on: its path (as listed by the snapshot) and its
 * bytes, both borrowed and outliving the reader's call, and the cursor that
 * line and column lookups move on. The cursor is part of every source, so no
 * reader can count each diagnostic's line from the start of the file again
 * (quadratic on a file of many bad lines); zero-initialising the source
 * initialises it. Lookups change it: a reader takes its source non-const.
 */
struct source {
	const char *path;
	struct sv text;
	struct text_cursor cursor;
};

struct diag {
	enum diag_level level;
	const char *path;       /* in the diags' arena */
	unsigned line, column;  /* 1-based; column in code points; 0 when the whole file */
	const char *message;    /* in the diags' arena; one line, lower case */
};

/* A growing list of diagnostics. Strings live in @arena (borrowed). */
struct diags {
	struct arena *arena;
	struct diag *items;     /* heap; freed by diags_release() */
	size_t len;
	size_t cap;
};

void diags_init(struct diags *diags, struct arena *arena);
void diags_release(struct diags *diags);

/*
 * Records a diagnostic at byte offset @at.start of @src (line and column are
 * computed from the bytes). Repository text is an argument to %s, never part
 * of @fmt; it is kept as is and escaped when shown.
 */
void diag_add(struct diags *diags, enum diag_level level, struct source *src,
	      struct span at, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* The same for a whole file or a path with no bytes (line 0). */
void diag_add_path(struct diags *diags, enum diag_level level, const char *path,
		   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* 1-based line and column (in code points) of byte @offset in @text. */
void text_line_col(struct sv text, size_t offset, unsigned *line, unsigned *column);
/* The same, walking on from where @cursor last stopped when it can. */
void text_cursor_line_col(struct text_cursor *cursor, struct sv text, size_t offset,
			  unsigned *line, unsigned *column);
/*
 * The other way: the byte offset of @line and @column (1-based, as
 * text_cursor_line_col() gives them) in @text, walking on with @cursor. A
 * column past the line's end gives the line's end; a line past the text's
 * end, the start of the text's last line.
 */
size_t text_cursor_offset(struct text_cursor *cursor, struct sv text, unsigned line,
			  unsigned column);
/* The same in @src's text, walking on with its cursor. */
void source_line_col(struct source *src, size_t offset, unsigned *line,
		     unsigned *column);
/* The bytes of line @line (1-based) of @text, without its newline. */
struct sv text_line(struct sv text, unsigned line);

const char *diag_level_str(enum diag_level level);

#endif
