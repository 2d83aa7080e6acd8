/*
 * `deputy update --cran`: CRAN's package index (src/contrib/PACKAGES.gz)
 * downloaded into the cache, where scans read it as an index snapshot.
 */
#include "deputy/sync.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deputy/diag.h"
#include "fetch/fetch.h"
#include "sync/cache.h"

int
sync_cran(const char *cache, const char *cran_url, long timeout_s, char *errbuf,
	  size_t errbuf_size)
{
	struct fetch_opts fo = { timeout_s, 0, 0 };
	char *url = fetch_join_url(cran_url ? cran_url : SYNC_CRAN_URL, FETCH_CRAN_INDEX_PATH);
	char *dest = cache_path(cache, SYNC_CRAN_INDEX);
	int rc;

	if (!url || !dest) {
		free(url);
		free(dest);
		return ERR_NOMEM;
	}
	rc = fetch_to_file(url, dest, &fo, errbuf, errbuf_size);
	if (rc == ERR_NOTFOUND)
		snprintf(errbuf, errbuf_size, "%s: no CRAN index there (HTTP 404)", url);
	free(url);
	free(dest);
	return rc;
}
