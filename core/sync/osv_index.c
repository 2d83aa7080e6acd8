/*
 * Builds the index of the synced reports. Reports are OSV JSON files
 * (https://ossf.github.io/osv-schema/); in the OpenSSF repository they sit at
 * osv/malicious/<ecosystem>/<name>/MAL-....json, withdrawn ones under
 * osv/withdrawn/. Every *.json below a folder named pypi or cran (any case),
 * outside a folder named withdrawn, is read; an entry counts for each of its
 * affected[].package whose ecosystem is PyPI or CRAN.
 *
 * Index format (UTF-8, one record a line, fields separated by one tab, no
 * tab, newline or control character inside a field):
 *
 *   header = "# deputy osv index v1" TAB url TAB commit-hex TAB iso-time
 *   record = ecosystem TAB name TAB id TAB modified TAB summary TAB urls
 *   urls   = [url *(" " url)]
 *
 * Records are sorted by ecosystem then name, one per (ecosystem, name): the
 * most recently modified report wins. PyPI names are PEP 503 normalised.
 */
#include "sync/osv_index.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "deputy/arena.h"
#include "deputy/array.h"
#include "deputy/dep.h"
#include "deputy/diag.h"
#include "deputy/strbuf.h"

/* Reports larger than this are not parsed (the OpenSSF ones are a few KiB). */
#define REPORT_SIZE_MAX (1024 * 1024)
/* A summary is cut (at a character boundary) after this many bytes. */
#define SUMMARY_MAX 300
/* Fields other than the summary are cut after this many bytes. */
#define FIELD_MAX 2000

struct osv_entry {
	const char *ecosystem;       /* "PyPI" or "CRAN" (static) */
	char *name;
	char *id;
	char *modified;
	char *summary;
	char *urls;
};

struct index_build {
	git_repository *repo;
	struct arena arena;          /* entry strings */
	struct osv_entry *entries;   /* heap */
	size_t n, cap;
	struct sync_result *out;
	sync_problem_fn problem;
	void *payload;
	int error;                   /* ERR_NOMEM */
};

/* @s (@len bytes) as one index field in @arena: controls become spaces, cut at @max. */
static char *
field(struct arena *arena, const char *s, size_t len, size_t max)
{
	char *f;
	size_t n;

	while (len > 0 && (unsigned char)*s <= ' ') {
		s++;
		len--;
	}
	if (len > max) {
		len = max;
		/* Back off to the start of a UTF-8 character. */
		while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
			len--;
	}
	f = arena_strndup(arena, sv_make(s, len));
	if (!f)
		return NULL;
	for (n = 0; n < len; n++)
		if ((unsigned char)f[n] < ' ' || f[n] == 0x7f)
			f[n] = ' ';
	while (n > 0 && f[n - 1] == ' ')
		f[--n] = '\0';
	return f;
}

static void
problem(struct index_build *b, const char *path, const char *reason)
{
	b->out->malformed++;
	if (b->problem)
		b->problem(path, reason, b->payload);
}

static const char *
json_string(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The summary, or the first line of the details; "" when neither. */
static char *
summary_of(struct index_build *b, const cJSON *report)
{
	const char *s = json_string(report, "summary");

	if (!s || !s[0]) {
		s = json_string(report, "details");
		if (!s)
			s = "";
		while (*s == '\n' || *s == '\r' || *s == ' ')
			s++;
		return field(&b->arena, s, strcspn(s, "\r\n"), SUMMARY_MAX);
	}
	return field(&b->arena, s, strlen(s), SUMMARY_MAX);
}

/* references[].url joined with spaces; a space or control inside a URL is %-escaped. */
static char *
urls_of(struct index_build *b, const cJSON *report)
{
	const cJSON *refs = cJSON_GetObjectItemCaseSensitive(report, "references");
	struct strbuf sb = STRBUF_INIT;
	const cJSON *ref;
	char *urls;
	int err = 0;

	if (!cJSON_IsArray(refs))
		refs = NULL;
	cJSON_ArrayForEach(ref, refs) {
		const char *url = json_string(ref, "url");

		if (!url || !url[0] || sb.len + strlen(url) > FIELD_MAX * 4)
			continue;
		if (sb.len)
			err |= strbuf_addch(&sb, ' ');
		for (const unsigned char *p = (const unsigned char *)url; *p; p++)
			err |= *p <= ' ' || *p == 0x7f ? strbuf_printf(&sb, "%%%02X", *p)
						      : strbuf_addch(&sb, (char)*p);
	}
	urls = err ? NULL : arena_strndup(&b->arena, strbuf_sv(&sb));
	strbuf_release(&sb);
	return urls;
}

static int
add_entry(struct index_build *b, const char *eco, const char *name, const cJSON *report,
	  const char *id)
{
	struct osv_entry *e;
	const char *modified = json_string(report, "modified");

	if (array_reserve(&b->entries, &b->cap, b->n, sizeof(*b->entries)))
		return ERR_NOMEM;
	e = &b->entries[b->n];
	e->ecosystem = eco;
	e->name = strcmp(eco, "PyPI") == 0
		? dep_normalize_name(&b->arena, sv_from_cstr(name))
		: field(&b->arena, name, strlen(name), FIELD_MAX);
	e->id = field(&b->arena, id, strlen(id), FIELD_MAX);
	e->modified = field(&b->arena, modified ? modified : "", modified ? strlen(modified) : 0,
			    FIELD_MAX);
	e->summary = summary_of(b, report);
	e->urls = urls_of(b, report);
	if (!e->name || !e->id || !e->modified || !e->summary || !e->urls)
		return ERR_NOMEM;
	/* A PyPI name of separators only normalises to nothing. */
	if (!e->name[0])
		return 0;
	for (char *p = e->name; *p; p++)
		if ((unsigned char)*p <= ' ')
			*p = '_';
	b->n++;
	return 0;
}

/* One report file: its PyPI and CRAN entries, or a problem. */
static int
read_report(struct index_build *b, const char *path, const char *bytes, size_t len)
{
	cJSON *report = cJSON_ParseWithLength(bytes, len);
	const cJSON *affected, *a;
	const char *id;
	int err = 0;

	if (!report) {
		problem(b, path, "not valid JSON");
		return 0;
	}
	id = json_string(report, "id");
	affected = cJSON_GetObjectItemCaseSensitive(report, "affected");
	if (!cJSON_IsObject(report))
		problem(b, path, "expected a JSON object");
	else if (!id || !id[0])
		problem(b, path, "expected an 'id' string");
	else if (cJSON_GetObjectItemCaseSensitive(report, "withdrawn"))
		b->out->withdrawn++;
	else if (!cJSON_IsArray(affected))
		problem(b, path, "expected an 'affected' list");
	else {
		b->out->reports++;
		cJSON_ArrayForEach(a, affected) {
			const cJSON *pkg = cJSON_GetObjectItemCaseSensitive(a, "package");
			const char *eco = json_string(pkg, "ecosystem");
			const char *name = json_string(pkg, "name");

			if (!eco)
				continue;
			if (strcmp(eco, "PyPI") == 0)
				eco = "PyPI";
			else if (strcmp(eco, "CRAN") == 0)
				eco = "CRAN";
			else
				continue;
			if (!name || !name[0]) {
				problem(b, path, "expected a package name in 'affected'");
				continue;
			}
			err = add_entry(b, eco, name, report, id);
			if (err)
				break;
		}
	}
	cJSON_Delete(report);
	return err;
}

/* @dir ("a/b/", as git_tree_walk gives it) has a component named @name, any case. */
static bool
has_component(const char *dir, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = dir; *p;) {
		size_t len = strcspn(p, "/");

		if (len == n && strncasecmp(p, name, n) == 0)
			return true;
		p += len;
		if (*p == '/')
			p++;
	}
	return false;
}

static bool
is_json(const char *name)
{
	size_t len = strlen(name);

	return len > 5 && strcasecmp(name + len - 5, ".json") == 0;
}

static int
on_tree_entry(const char *root, const git_tree_entry *entry, void *payload)
{
	struct index_build *b = payload;
	const char *name = git_tree_entry_name(entry);
	git_blob *blob = NULL;
	char path[4096];

	if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB || !is_json(name))
		return 0;
	if (!has_component(root, "pypi") && !has_component(root, "cran"))
		return 0;
	if (has_component(root, "withdrawn")) {
		b->out->withdrawn++;
		return 0;
	}
	snprintf(path, sizeof(path), "%s%s", root, name);
	if (git_blob_lookup(&blob, b->repo, git_tree_entry_id(entry)) < 0) {
		problem(b, path, "cannot be read from the repository");
		return 0;
	}
	if (git_blob_rawsize(blob) > REPORT_SIZE_MAX)
		problem(b, path, "larger than 1 MiB: not read");
	else
		b->error = read_report(b, path, git_blob_rawcontent(blob),
				       (size_t)git_blob_rawsize(blob));
	git_blob_free(blob);
	return b->error ? -1 : 0;
}

/* Ecosystem, name, then the most recently modified first, then id. */
static int
cmp_entry(const void *x, const void *y)
{
	const struct osv_entry *a = x, *b = y;
	int c = strcmp(a->ecosystem, b->ecosystem);

	if (!c)
		c = strcmp(a->name, b->name);
	if (!c)
		c = -strcmp(a->modified, b->modified);
	if (!c)
		c = strcmp(a->id, b->id);
	return c;
}

static bool
same_package(const struct osv_entry *a, const struct osv_entry *b)
{
	return strcmp(a->ecosystem, b->ecosystem) == 0 && strcmp(a->name, b->name) == 0;
}

static int
write_index(FILE *f, const struct index_build *b, const char *url, const git_oid *commit,
	    int64_t now)
{
	char hex[GIT_OID_HEXSZ + 1], when[32];
	time_t t = (time_t)now;
	struct tm tm;
	struct arena arena;
	const char *safe_url;

	arena_init(&arena);
	safe_url = field(&arena, url, strlen(url), FIELD_MAX);
	git_oid_tostr(hex, sizeof(hex), commit);
	if (!gmtime_r(&t, &tm) || !strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm))
		strcpy(when, "1970-01-01T00:00:00Z");
	fprintf(f, OSV_INDEX_MAGIC "\t%s\t%s\t%s\n", safe_url ? safe_url : "", hex, when);
	arena_release(&arena);
	for (size_t i = 0; i < b->n; i++) {
		const struct osv_entry *e = &b->entries[i];

		if (i > 0 && same_package(e, &b->entries[i - 1]))
			continue;       /* an older report on the same package */
		fprintf(f, "%s\t%s\t%s\t%s\t%s\t%s\n", e->ecosystem, e->name, e->id, e->modified,
			e->summary, e->urls);
	}
	return safe_url ? 0 : ERR_NOMEM;
}

/* Writes through a temporary file beside @index_path, renamed over it when complete. */
static int
save(const struct index_build *b, const char *index_path, const char *url,
     const git_oid *commit, int64_t now, char *errbuf, size_t errbuf_size)
{
	size_t len = strlen(index_path);
	char *tmp = malloc(len + sizeof(".tmp-XXXXXX"));
	FILE *f;
	int fd, err;

	if (!tmp)
		return ERR_NOMEM;
	memcpy(tmp, index_path, len);
	memcpy(tmp + len, ".tmp-XXXXXX", sizeof(".tmp-XXXXXX"));
	fd = mkstemp(tmp);
	f = fd < 0 ? NULL : fdopen(fd, "w");
	if (!f) {
		snprintf(errbuf, errbuf_size, "cannot write %s: %s", tmp, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		return ERR_IO;
	}
	err = write_index(f, b, url, commit, now);
	if (fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0) {
		if (!err) {
			snprintf(errbuf, errbuf_size, "cannot write %s: %s", tmp, strerror(errno));
			err = ERR_IO;
		}
	}
	if (fclose(f) != 0 && !err) {
		snprintf(errbuf, errbuf_size, "cannot write %s: %s", tmp, strerror(errno));
		err = ERR_IO;
	}
	if (!err && rename(tmp, index_path) != 0) {
		snprintf(errbuf, errbuf_size, "cannot rename %s to %s: %s", tmp, index_path,
			 strerror(errno));
		err = ERR_IO;
	}
	if (err)
		unlink(tmp);
	free(tmp);
	return err;
}

int
osv_index_build(struct sync_result *out, git_repository *repo, const git_oid *commit,
		const char *index_path, const char *url, int64_t now,
		sync_problem_fn problem_fn, void *payload, char *errbuf, size_t errbuf_size)
{
	struct index_build b = { .repo = repo, .out = out, .problem = problem_fn,
				 .payload = payload };
	git_commit *c = NULL;
	git_tree *tree = NULL;
	int err = 0;

	out->reports = out->entries = out->pypi = out->cran = 0;
	out->malformed = out->withdrawn = 0;
	arena_init(&b.arena);
	if (git_commit_lookup(&c, repo, commit) < 0 || git_commit_tree(&tree, c) < 0) {
		const git_error *e = git_error_last();
		snprintf(errbuf, errbuf_size, "cannot read the fetched commit: %s",
			 e && e->message ? e->message : "unknown libgit2 error");
		err = ERR_GIT;
	} else if (git_tree_walk(tree, GIT_TREEWALK_PRE, on_tree_entry, &b) < 0) {
		err = b.error ? b.error : ERR_GIT;
		snprintf(errbuf, errbuf_size, "cannot read the reports: %s", err_str(err));
	}
	if (!err) {
		if (b.n > 1)
			qsort(b.entries, b.n, sizeof(*b.entries), cmp_entry);
		/* Counts are of lines written: one per (ecosystem, name). */
		out->pypi = out->cran = 0;
		for (size_t i = 0; i < b.n; i++) {
			if (i > 0 && same_package(&b.entries[i], &b.entries[i - 1]))
				continue;
			if (b.entries[i].ecosystem[0] == 'P')
				out->pypi++;
			else
				out->cran++;
		}
		out->entries = out->pypi + out->cran;
		err = save(&b, index_path, url, commit, now, errbuf, errbuf_size);
	}
	git_tree_free(tree);
	git_commit_free(c);
	free(b.entries);
	arena_release(&b.arena);
	return err;
}
