/*
 * Loads the index of the synced reports: the header says where and when it
 * was synced; each record becomes a known-malicious entry. The whole file is
 * checked before anything is added, so a corrupt index is ignored as a whole.
 */
#include "sync/osv_load.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "deputy/arena.h"
#include "deputy/array.h"
#include "deputy/diag.h"
#include "sync/osv_index.h"

/* An index larger than this is taken for corrupt (the full OpenSSF one is a few MiB). */
#define INDEX_SIZE_MAX (256u * 1024 * 1024)
#define RECORD_FIELDS 6

/* Reads the whole of @path into a NUL-terminated heap buffer. */
static int
read_all(char **out, size_t *len, const char *path, char *errbuf, size_t errbuf_size)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	char *buf;

	*out = NULL;
	if (!f) {
		if (errno == ENOENT)
			return ERR_NOTFOUND;
		snprintf(errbuf, errbuf_size, "cannot read %s: %s", path, strerror(errno));
		return ERR_IO;
	}
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) ||
	    (unsigned long long)st.st_size > INDEX_SIZE_MAX) {
		snprintf(errbuf, errbuf_size, "%s: not a regular file of a sane size: ignored", path);
		fclose(f);
		return ERR_SYNTAX;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf) {
		fclose(f);
		return ERR_NOMEM;
	}
	*len = fread(buf, 1, (size_t)st.st_size, f);
	if (ferror(f)) {
		snprintf(errbuf, errbuf_size, "cannot read %s: %s", path, strerror(errno));
		fclose(f);
		free(buf);
		return ERR_IO;
	}
	fclose(f);
	buf[*len] = '\0';
	*out = buf;
	return 0;
}

/* Splits @line at tabs into at most @max fields (in place); the count. */
static size_t
split(char *line, char **fields, size_t max)
{
	size_t n = 0;

	for (;;) {
		char *tab = strchr(line, '\t');

		if (n == max)
			return max + 1;    /* too many */
		fields[n++] = line;
		if (!tab)
			return n;
		*tab = '\0';
		line = tab + 1;
	}
}

static bool
is_hex40(const char *s)
{
	return strlen(s) == 40 && strspn(s, "0123456789abcdef") == 40;
}

static void
copy_field(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src);
}

/* The header line (NUL-terminated, without its newline) into @out. */
static int
parse_header(struct sync_info *out, char *line, const char *path, char *errbuf,
	     size_t errbuf_size)
{
	char *f[4];

	if (strncmp(line, "# deputy osv index ", 19) == 0 &&
	    strncmp(line, OSV_INDEX_MAGIC "\t", sizeof(OSV_INDEX_MAGIC)) != 0) {
		snprintf(errbuf, errbuf_size, "%s: an index of another version: run 'deputy update'",
			 path);
		return ERR_SYNTAX;
	}
	if (split(line, f, 4) != 4 || strcmp(f[0], OSV_INDEX_MAGIC) != 0 || !is_hex40(f[2]) ||
	    sync_age_days(f[3], 0) < 0) {
		snprintf(errbuf, errbuf_size, "%s:1: expected the header '" OSV_INDEX_MAGIC
			 "<tab>url<tab>commit<tab>date': not a deputy index", path);
		return ERR_SYNTAX;
	}
	copy_field(out->url, sizeof(out->url), f[1]);
	copy_field(out->commit, sizeof(out->commit), f[2]);
	copy_field(out->updated, sizeof(out->updated), f[3]);
	return 0;
}

int
osv_load_info(struct sync_info *out, const char *index_path, char *errbuf, size_t errbuf_size)
{
	FILE *f = fopen(index_path, "rb");
	char line[2048];
	int err;

	memset(out, 0, sizeof(*out));
	if (!f) {
		if (errno == ENOENT)
			return ERR_NOTFOUND;
		snprintf(errbuf, errbuf_size, "cannot read %s: %s", index_path, strerror(errno));
		return ERR_IO;
	}
	if (!fgets(line, sizeof(line), f) || !strchr(line, '\n')) {
		fclose(f);
		snprintf(errbuf, errbuf_size, "%s:1: expected the header line: not a deputy index",
			 index_path);
		return ERR_SYNTAX;
	}
	fclose(f);
	line[strcspn(line, "\n")] = '\0';
	err = parse_header(out, line, index_path, errbuf, errbuf_size);
	if (err)
		memset(out, 0, sizeof(*out));
	return err;
}

/* One record into @m; pointers into @line, the first URL copied into @arena. */
static int
parse_record(struct malicious *m, char *line, struct arena *arena)
{
	char *f[RECORD_FIELDS];

	if (split(line, f, RECORD_FIELDS) != RECORD_FIELDS)
		return ERR_SYNTAX;
	if (strcmp(f[0], "PyPI") == 0)
		m->ecosystem = ECO_PYPI;
	else if (strcmp(f[0], "CRAN") == 0)
		m->ecosystem = ECO_CRAN;
	else
		return ERR_SYNTAX;
	if (!f[1][0] || !f[2][0])
		return ERR_SYNTAX;
	m->name = f[1];
	m->id = f[2];
	m->modified = f[3][0] ? f[3] : NULL;
	m->summary = f[4];
	m->imitates = NULL;
	m->source = NULL;
	m->references = NULL;
	if (f[5][0]) {
		m->source = arena_strndup(arena, sv_make(f[5], strcspn(f[5], " ")));
		if (!m->source)
			return ERR_NOMEM;
		for (char *p = f[5]; *p; p++)
			if (*p == ' ')
				*p = '\n';
		m->references = f[5];
	}
	return 0;
}

/* Every record of @text (after the header) into a heap array. */
static int
parse_records(struct malicious **out, size_t *n_out, char *text, struct arena *arena,
	      const char *path, char *errbuf, size_t errbuf_size)
{
	struct malicious *items = NULL;
	size_t n = 0, cap = 0;
	unsigned lineno = 1;

	while (*text) {
		char *nl = strchr(text, '\n');
		int err;

		lineno++;
		if (!nl) {
			snprintf(errbuf, errbuf_size, "%s:%u: the last line is cut short: ignored",
				 path, lineno);
			free(items);
			return ERR_SYNTAX;
		}
		*nl = '\0';
		if (array_reserve(&items, &cap, n, sizeof(*items))) {
			free(items);
			return ERR_NOMEM;
		}
		err = parse_record(&items[n], text, arena);
		if (err) {
			if (err == ERR_SYNTAX)
				snprintf(errbuf, errbuf_size, "%s:%u: expected ecosystem, name, id, "
					 "modified, summary and references separated by tabs: "
					 "the index is ignored (run 'deputy update')", path, lineno);
			free(items);
			return err;
		}
		n++;
		text = nl + 1;
	}
	*out = items;
	*n_out = n;
	return 0;
}

int
osv_load(struct intel *intel, struct sync_info *info, size_t *count, const char *index_path,
	 char *errbuf, size_t errbuf_size)
{
	struct sync_info header;
	struct malicious *items = NULL;
	struct arena arena;
	size_t len = 0, n = 0;
	char *text, *nl;
	int err;

	if (count)
		*count = 0;
	err = read_all(&text, &len, index_path, errbuf, errbuf_size);
	if (err)
		return err;
	if (memchr(text, '\0', len)) {
		snprintf(errbuf, errbuf_size, "%s: holds NUL bytes: not a deputy index", index_path);
		free(text);
		return ERR_SYNTAX;
	}
	nl = strchr(text, '\n');
	if (!nl) {
		snprintf(errbuf, errbuf_size, "%s:1: expected the header line: not a deputy index",
			 index_path);
		free(text);
		return ERR_SYNTAX;
	}
	*nl = '\0';
	arena_init(&arena);
	err = parse_header(&header, text, index_path, errbuf, errbuf_size);
	if (!err)
		err = parse_records(&items, &n, nl + 1, &arena, index_path, errbuf, errbuf_size);
	if (!err)
		err = intel_add_malicious_batch(intel, items, n);
	if (!err && info)
		*info = header;
	if (!err && count)
		*count = n;
	free(items);
	arena_release(&arena);
	free(text);
	return err;
}
