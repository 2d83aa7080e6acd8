/*
 * Reads the index of the synced reports (sync/osv_index.h has its format)
 * into the intel, beside the bundled known-malicious entries.
 */
#ifndef DEPUTY_SYNC_OSV_LOAD_H
#define DEPUTY_SYNC_OSV_LOAD_H

#include <stddef.h>

#include "deputy/sync.h"
#include "intel/intel.h"

/*
 * Reads the header of the index at @index_path. 0, ERR_NOTFOUND when there
 * is no index, ERR_SYNTAX (@errbuf says what is wrong), ERR_IO.
 */
int osv_load_info(struct sync_info *out, const char *index_path, char *errbuf,
		  size_t errbuf_size);

/*
 * Adds every entry of the index at @index_path to @intel (strings copied)
 * and fills @info (may be NULL) from its header; *@count (may be NULL) gets
 * the number of entries. A corrupt index adds nothing. 0, ERR_NOTFOUND when
 * there is no index (nothing synced), ERR_SYNTAX with the file and line in
 * @errbuf, ERR_IO, ERR_NOMEM.
 */
int osv_load(struct intel *intel, struct sync_info *info, size_t *count,
	     const char *index_path, char *errbuf, size_t errbuf_size);

#endif
