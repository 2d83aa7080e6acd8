/*
 * `deputy update`, start to finish: the cache folder, the fetch, the index.
 * Also what the front end asks about the synced intel (where, how old).
 */
#include "deputy/sync.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "deputy/diag.h"
#include "sync/cache.h"
#include "sync/osv_fetch.h"
#include "sync/osv_index.h"
#include "sync/osv_load.h"

int
sync_cache_dir(char **out, bool create, char *errbuf, size_t errbuf_size)
{
	int err = cache_dir(out);

	if (err == ERR_NOTFOUND)
		snprintf(errbuf, errbuf_size, "no cache folder: neither XDG_CACHE_HOME nor HOME "
			 "is an absolute path");
	if (err || !create)
		return err;
	err = cache_create(*out, errbuf, errbuf_size);
	if (err) {
		free(*out);
		*out = NULL;
	}
	return err;
}

int
sync_update(struct sync_result *out, const char *cache, const struct sync_opts *opts,
	    char *errbuf, size_t errbuf_size)
{
	const char *url = opts && opts->url ? opts->url : SYNC_DEFAULT_URL;
	struct osv_fetched fetched;
	char *git_dir = NULL, *index_path = NULL;
	int err;

	memset(out, 0, sizeof(*out));
	errbuf[0] = '\0';
	err = cache_create(cache, errbuf, errbuf_size);
	if (err)
		return err;
	git_dir = cache_path(cache, CACHE_OSV_REPO);
	index_path = cache_path(cache, CACHE_OSV_INDEX);
	if (!git_dir || !index_path) {
		err = ERR_NOMEM;
		goto out;
	}
	err = osv_fetch(&fetched, git_dir, url, opts ? opts->progress : NULL,
			opts ? opts->payload : NULL, errbuf, errbuf_size);
	if (err)
		goto out;
	out->cloned = fetched.cloned;
	snprintf(out->branch, sizeof(out->branch), "%s", fetched.branch);
	git_oid_tostr(out->commit, sizeof(out->commit), &fetched.commit);
	err = osv_index_build(out, fetched.repo, &fetched.commit, index_path, url,
			      (int64_t)time(NULL), opts ? opts->problem : NULL,
			      opts ? opts->payload : NULL, errbuf, errbuf_size);
	osv_fetch_close(&fetched);
out:
	if (err == ERR_NOMEM && !errbuf[0])
		snprintf(errbuf, errbuf_size, "out of memory");
	free(git_dir);
	free(index_path);
	return err;
}

int
sync_clear(const char *cache, size_t *removed, char *errbuf, size_t errbuf_size)
{
	return cache_clear(cache, removed, errbuf, errbuf_size);
}

int
sync_info(struct sync_info *out, const char *cache, char *errbuf, size_t errbuf_size)
{
	char *path = cache_path(cache, CACHE_OSV_INDEX);
	int err;

	if (!path)
		return ERR_NOMEM;
	err = osv_load_info(out, path, errbuf, errbuf_size);
	free(path);
	return err;
}

/* Days from 1970-01-01 to @y-@m-@d in the proleptic Gregorian calendar. */
static int64_t
days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + (int64_t)doe - 719468;
}

int
sync_age_days(const char *iso, int64_t now)
{
	unsigned y, m, d;
	int64_t age;

	if (!iso || strlen(iso) < 10 || iso[4] != '-' || iso[7] != '-' ||
	    strspn(iso, "0123456789") != 4 || strspn(iso + 5, "0123456789") != 2 ||
	    strspn(iso + 8, "0123456789") != 2)
		return -1;
	y = (unsigned)atoi(iso);
	m = (unsigned)atoi(iso + 5);
	d = (unsigned)atoi(iso + 8);
	if (m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	age = (now >= 0 ? now / 86400 : -1) - days_from_civil(y, m, d);
	if (age < 0)
		return 0;
	return age > 1000000 ? 1000000 : (int)age;
}
