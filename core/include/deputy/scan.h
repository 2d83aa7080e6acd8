/*
 * A scan: the finished, immutable result of reading one snapshot of a
 * repository. scan_run() builds it; afterwards nothing mutates it, and the
 * TUI and the reports only read it. Everything it points to dies with
 * scan_free().
 */
#ifndef DEPUTY_DEPUTY_SCAN_H
#define DEPUTY_DEPUTY_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "deputy/dep.h"
#include "deputy/diag.h"
#include "deputy/finding.h"
#include "deputy/graph.h"
#include "deputy/rule.h"

/* Called now and then while a scan runs; return non-zero to cancel. */
typedef int (*scan_progress_fn)(size_t files_read, size_t declarations, void *payload);

struct scan_opts {
	const char *rev;             /* NULL: the working tree; else any commit-ish */
	uint64_t max_file_size;      /* larger files are reported and skipped */
	scan_progress_fn progress;   /* may be NULL */
	void *payload;
	const char *intel_cache;     /* the cache folder of `deputy update` (deputy/sync.h),
					read, never written; NULL: the bundled intel only */
	const char *python_env;      /* an installed Python environment to resolve from; NULL:
					.venv/ or venv/ at the root of a working tree, if any */
	const char *r_library;       /* an R library folder to resolve from, or NULL */
	const char *cran_index;      /* a CRAN PACKAGES file (plain or gzip), or NULL */
	const char *pypi_cache;      /* a folder of PyPI project JSON documents, or NULL */
	bool online;                 /* resolve git repositories' refs (and fetch indexes): the
					network is used only when this is set */
	const char *cache;           /* where online resolution keeps what it fetches (the
					folder of `deputy update`); online needs it */
	const char *github_base;     /* GitHub's address for online resolution; NULL: the real one */
	const char *gitlab_base;     /* GitLab's; NULL: the real one */
	const char *cran_url;        /* the CRAN repository online resolution reads; NULL: CRAN's */
	const char *pypi_url;        /* PyPI's JSON API base; NULL: PyPI's */
	long timeout_s;              /* per download online; 0: 30 seconds */
};

#define SCAN_MAX_FILE_SIZE_DEFAULT (8u * 1024 * 1024)
#define SCAN_OPTS_INIT { NULL, SCAN_MAX_FILE_SIZE_DEFAULT, NULL, NULL, NULL, NULL, NULL, NULL, \
			 NULL, false, NULL, NULL, NULL, NULL, NULL, 0 }

/* Why a listed file was not read. */
enum scan_file_state {
	FILE_READ,          /* a dependency file, read and parsed */
	FILE_TOO_LARGE,
	FILE_BINARY,
	FILE_SYMLINK_OUTSIDE,
	FILE_SUBMODULE,
	FILE_UNREADABLE,
	FILE_SPECIAL,       /* a FIFO, socket or device with a dependency file's name */
};

/* A dependency file (or a file deputy reports on, such as a submodule). */
struct scan_file {
	const char *path;            /* relative to the repository root, '/' separated */
	const char *detector;        /* "requirements", ...; NULL when not read */
	enum scan_file_state state;
	struct sv text;              /* the bytes read (FILE_READ only), in the scan's arena */
	const char *note;            /* e.g. the submodule URL, or why it was skipped; may be NULL */
};

/* Who last touched a line. Strings are heap copies owned by the struct. */
struct blame {
	char commit[41];             /* hex; "" when the line is not committed */
	char *author;
	char *email;
	int64_t time;                /* seconds since the epoch, 0 when unknown */
	char *summary;
};
void blame_release(struct blame *blame);

struct scan;

/*
 * Opens the repository containing @path (discovered upward) or, failing
 * that, the plain folder @path, and reads it. On success *@out owns the
 * result (free with scan_free()). Returns 0, ERR_NOTFOUND when @path does
 * not exist, ERR_GIT when --rev does not name a commit, ERR_NOMEM; @errbuf
 * (if not NULL) receives a one-line message.
 */
int scan_run(struct scan **out, const char *path, const struct scan_opts *opts,
	     char *errbuf, size_t errbuf_size);
void scan_free(struct scan *scan);

/* What was scanned: the repository root (absolute) and a description. */
const char *scan_root(const struct scan *scan);
/* "working tree", "HEAD", or the revision as given with its short id. */
const char *scan_snapshot_name(const struct scan *scan);
bool scan_is_git(const struct scan *scan);

size_t scan_file_count(const struct scan *scan);
const struct scan_file *scan_file(const struct scan *scan, size_t i);
/* The file with @path, or NULL. */
const struct scan_file *scan_find_file(const struct scan *scan, const char *path);

/* Declarations, in file order then line order. */
size_t scan_dep_count(const struct scan *scan);
const struct dep *scan_dep(const struct scan *scan, size_t i);

size_t scan_option_count(const struct scan *scan);
const struct index_option *scan_option(const struct scan *scan, size_t i);

/* Findings, sorted by file, line, then severity (highest first). */
size_t scan_finding_count(const struct scan *scan);
const struct finding *scan_finding(const struct scan *scan, size_t i);

/* Diagnostics about the input (malformed lines, skipped files). */
size_t scan_diag_count(const struct scan *scan);
const struct diag *scan_diag(const struct scan *scan, size_t i);

/* Number of findings of each severity. */
void scan_severity_counts(const struct scan *scan, size_t counts[SEV_COUNT]);

/*
 * Who last touched @line of @path in the scanned snapshot, computed on
 * demand (slow: call it for the entry the user looks at). 0 on success,
 * ERR_NOTFOUND outside git or for an uncommitted line (then @out->commit is
 * ""), other codes on failure. @out must be released with blame_release().
 */
int scan_blame(const struct scan *scan, const char *path, unsigned line, struct blame *out);

/*
 * The dependency graph: declared packages as roots, lock files' dependency
 * lists as edges (deputy/graph.h). Never NULL.
 */
const struct graph *scan_graph(const struct scan *scan);
/* The graph node of @dep's package, or GRAPH_NONE when it has none. */
size_t scan_graph_node(const struct scan *scan, const struct dep *dep);

/* The snapshot date of the bundled intel ("2026-11-25"). Static. */
const char *scan_intel_date(void);

/*
 * When the synced intel this scan used was fetched ("2026-11-25T10:00:00Z"),
 * or NULL when it used none (nothing synced, no cache given, or an index
 * that could not be read: then a diagnostic says why). In the scan's arena.
 */
const char *scan_intel_synced(const struct scan *scan);

#endif
