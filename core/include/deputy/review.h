/*
 * The user's review decisions: a flagged entry marked reviewed, or accepted
 * with a reason (and maybe an expiry), kept in .deputy-review.json at the
 * repository root (docs/review-file.md). A decision is bound to the version or
 * commit it was made at; `deputy scan` honours accepted entries.
 */
#ifndef DEPUTY_DEPUTY_REVIEW_H
#define DEPUTY_DEPUTY_REVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "deputy/finding.h"
#include "deputy/scan.h"

/* The file's name, at the root of the scanned repository. */
#define REVIEW_FILE_NAME ".deputy-review.json"
/* The version of the file's shape this deputy writes. */
#define REVIEW_FILE_VERSION 1

enum review_kind {
	REVIEW_KIND_REVIEWED,        /* looked at; still counts against --fail-on */
	REVIEW_KIND_ACCEPTED,        /* accepted with a reason: no longer fails a scan */
};

/* What a finding's decision amounts to today. */
enum review_state {
	REVIEW_NONE,                 /* no decision */
	REVIEW_REVIEWED,             /* marked reviewed, at the version it has now */
	REVIEW_ACCEPTED,             /* accepted, unexpired, at the version it has now */
	REVIEW_EXPIRED,              /* accepted, but the expiry date has passed */
	REVIEW_CHANGED,              /* decided at another version or commit than today's */
};

/*
 * One decision, as in the file. Identity: ecosystem, package, rule and file
 * (not the line: lines move). Strings belong to the review; a decision stays
 * valid until the next review_decide() or review_undo() on the same review.
 */
struct review_decision {
	const char *ecosystem;       /* "pypi", "cran", ... (ecosystem_str) */
	const char *package;         /* normalised name; for an option line, its value */
	const char *rule;            /* rule id */
	const char *file;            /* the declaration's file, relative to the root */
	const char *reviewed_at;     /* the version or git ref it was decided at; "" when
					the entry pins nothing */
	const char *commit;          /* the commit its ref pointed at (--online); NULL unknown */
	enum review_kind kind;
	const char *reason;          /* "" when none (always given for an acceptance) */
	const char *reviewer;        /* "Name <email>" from git config, else $USER */
	const char *date;            /* YYYY-MM-DD, UTC */
	const char *expires;         /* YYYY-MM-DD (last day it holds), or NULL */
};

/* Where the version strings of a match are cut (display only; comparisons use all). */
#define REVIEW_AT_MAX 128

/* A finding's decision and state, from review_state_of(). */
struct review_match {
	enum review_state state;
	const struct review_decision *decision;  /* NULL for REVIEW_NONE; borrowed */
	char now_at[REVIEW_AT_MAX];  /* the version or ref the finding is at today ("") */
	char now_commit[41];         /* the commit its ref points at today; "" unknown */
};

/* Review progress for the status line ("7 of 12 flags reviewed"). */
struct review_progress {
	size_t flagged;              /* findings in the scan */
	size_t reviewed;             /* REVIEW_REVIEWED */
	size_t accepted;             /* REVIEW_ACCEPTED */
	size_t expired;              /* REVIEW_EXPIRED */
	size_t changed;              /* REVIEW_CHANGED */
};

struct review;

/*
 * Reads <scan_root>/.deputy-review.json into a new review (free with
 * review_free()); @now is "today" for new decisions' dates and for expiry
 * (time(NULL), except in tests). A missing file gives an empty review.
 * On ERR_SYNTAX (malformed JSON or a malformed decision), ERR_OUTSIDE (the
 * file is a symbolic link or not a regular file), ERR_LIMIT (too large) or
 * ERR_IO, *@out is still a usable review holding the well-formed decisions,
 * @err names the file (and line), and the review refuses to save so the
 * file is never overwritten with less than it held. Only ERR_NOMEM leaves
 * *@out NULL.
 */
int review_load(struct review **out, const struct scan *scan, time_t now, char *err,
		size_t err_size);
void review_free(struct review *review);

/* The file's path (heap, the review's). */
const char *review_path(const struct review *review);

/* Decisions in file order (sorted: ecosystem, package, rule, file). */
size_t review_count(const struct review *review);
const struct review_decision *review_get(const struct review *review, size_t i);

/*
 * The decision about @finding of @scan (which must be the scan the review
 * was loaded for, or a rescan of the same root) and its state. @out is always
 * filled; returns @out->state.
 */
enum review_state review_state_of(const struct review *review, const struct scan *scan,
				  const struct finding *finding, struct review_match *out);

/* Whether a finding in @state is excused from --fail-on (an unexpired, unchanged acceptance). */
bool review_state_excuses(enum review_state state);
/* "reviewed", "accepted", "expired", "changed"; "none" for REVIEW_NONE. Static. */
const char *review_state_str(enum review_state state);
/* "reviewed" or "accepted". Static. */
const char *review_kind_str(enum review_kind kind);

/* Counts for the status line. */
void review_progress_of(const struct review *review, const struct scan *scan,
			struct review_progress *out);

/*
 * Which decisions match no finding of @scan (stale: to be reported): an array
 * of review_count() flags, in review_get()'s order, on the heap (free()), and
 * in *@n_stale how many are set. NULL when out of memory. Time: findings ×
 * log(decisions).
 */
bool *review_stale(const struct review *review, const struct scan *scan, size_t *n_stale);

/*
 * Records a decision about @finding at the version it has now, replacing
 * any earlier one with the same identity, and saves the file (created if
 * missing; atomically: a temporary file in the same folder, then rename).
 * @reason: required (non-empty) for REVIEW_KIND_ACCEPTED, may be NULL for
 * REVIEW_KIND_REVIEWED. @expires: NULL or "YYYY-MM-DD". The reviewer comes
 * from git config (user.name, user.email), else $USER, else "unknown".
 * Returns 0; ERR_USAGE (a --rev snapshot: decisions go into the working
 * tree only; a missing reason, or one with control characters or invalid
 * UTF-8; a malformed or past expiry; a file written by a newer deputy);
 * ERR_OUTSIDE (the file is a symbolic link or not a regular file);
 * ERR_SYNTAX, ERR_LIMIT or ERR_IO (the file could not be read whole at load:
 * fix it first; or the write failed); ERR_NOMEM. @err says which. On failure
 * nothing changes, in memory or on disk.
 */
int review_decide(struct review *review, const struct scan *scan, const struct finding *finding,
		  enum review_kind kind, const char *reason, const char *expires, char *err,
		  size_t err_size);

/*
 * Whether a decision could be saved at all (before asking for a reason):
 * 0, or the error review_decide() would give for any finding (a --rev
 * snapshot, a review file that is a link or could not be read), @err
 * filled.
 */
int review_writable(const struct review *review, char *err, size_t err_size);

/*
 * Removes the decision about @finding and saves (the file stays, perhaps
 * with an empty list). ERR_NOTFOUND when there is none; otherwise the codes
 * of review_decide().
 */
int review_undo(struct review *review, const struct scan *scan, const struct finding *finding,
		char *err, size_t err_size);

/*
 * Removes every stale decision (review_stale()) and saves; *@dropped says
 * how many went (0: nothing to remove, the file is not written). The codes of
 * review_decide(); on failure nothing changes, in memory or on disk.
 */
int review_drop_stale(struct review *review, const struct scan *scan, size_t *dropped,
		      char *err, size_t err_size);

#endif
