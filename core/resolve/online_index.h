/*
 * The resolver's index sources fetched with --online (libcurl, core/fetch):
 * CRAN's PACKAGES and PyPI's per-project JSON documents, kept in the cache
 * folder and reused for a day.
 */
#ifndef DEPUTY_RESOLVE_ONLINE_INDEX_H
#define DEPUTY_RESOLVE_ONLINE_INDEX_H

#include <stddef.h>

#include "deputy/arena.h"
#include "deputy/diag.h"

struct pkg_records;

/* A fetched file younger than this is used without asking again. */
#define ONLINE_INDEX_FRESH_S (24 * 60 * 60)
/* At most this many PyPI project documents are fetched in one scan. */
#define ONLINE_PYPI_MAX 300

struct online_index_opts {
	const char *cache;           /* the cache folder: files go in cran/ and pypi/ there */
	const char *cran_url;        /* a CRAN repository; NULL: https://cloud.r-project.org */
	const char *pypi_url;        /* the JSON API base; NULL: https://pypi.org/pypi */
	long timeout_s;              /* per download; 0: the default of core/fetch */
};

/*
 * CRAN's src/contrib/PACKAGES.gz into cran/, then its records appended to
 * @out. A download that fails is a warning, and a copy kept from an earlier
 * day is used then. 0 or ERR_NOMEM.
 */
int online_cran(struct pkg_records *out, struct arena *arena, struct diags *diags,
		const struct online_index_opts *opts);

/*
 * The project documents of @names (PEP 503 normalised) and, breadth first,
 * of what they require, into pypi/NAME.json; a record appended to @out for
 * each. Names already described by a record of @out are not fetched. A
 * project the index does not have, and a download that fails, are warnings.
 * 0 or ERR_NOMEM.
 */
int online_pypi(struct pkg_records *out, struct arena *arena, struct diags *diags,
		const struct online_index_opts *opts, const char *const *names, size_t n);

#endif
