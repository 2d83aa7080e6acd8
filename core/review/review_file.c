/*
 * .deputy-review.json on disk (docs/review-file.md): read without following a
 * symbolic link, written atomically (a temporary file beside it, then rename),
 * never through a link.
 */
#include "review/review_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "deputy/array.h"
#include "deputy/diag.h"
#include "lex/jsonpos.h"

/* The members a decision's object has; any other is kept in the entry's extra. */
static const char *const known_keys[] = {
	"ecosystem", "package", "rule", "file", "reviewed_at", "commit", "decision", "reason",
	"reviewer", "date", "expires", NULL,
};

static bool
is_known_key(const char *key)
{
	for (const char *const *k = known_keys; *k; k++)
		if (strcmp(*k, key) == 0)
			return true;
	return false;
}

/* Reads the whole file at @path, refusing links and non-regular files. */
static int
slurp(const char *path, char **out, size_t *len, char *err, size_t err_size)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	char *buf;
	size_t got = 0;

	*out = NULL;
	if (fd < 0 && errno == ENOENT)
		return ERR_NOTFOUND;
	if (fd < 0 && errno == ELOOP) {
		snprintf(err, err_size, "%s is a symbolic link; deputy neither reads nor writes "
			 "it through a link", path);
		return ERR_OUTSIDE;
	}
	if (fd < 0) {
		snprintf(err, err_size, "cannot open %s: %s", path, strerror(errno));
		return ERR_IO;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		snprintf(err, err_size, "%s is not a regular file", path);
		return ERR_OUTSIDE;
	}
	if ((uint64_t)st.st_size > REVIEW_FILE_MAX) {
		close(fd);
		snprintf(err, err_size, "%s is larger than %u bytes", path, REVIEW_FILE_MAX);
		return ERR_LIMIT;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf) {
		close(fd);
		return ERR_NOMEM;
	}
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	buf[got] = '\0';
	*out = buf;
	*len = got;
	return 0;
}

/* A copy of the string member @key of @obj into *@out; NULL stays NULL when @optional. */
static int
take_string(const cJSON *obj, const char *key, bool optional, char **out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	*out = NULL;
	if (!v || cJSON_IsNull(v))
		return optional ? 0 : ERR_NOTFOUND;
	if (!cJSON_IsString(v))
		return ERR_SYNTAX;
	*out = strdup(v->valuestring);
	return *out ? 0 : ERR_NOMEM;
}

/* Fills @e from the decision object @obj; on ERR_SYNTAX @why says what is wrong. */
static int
entry_from_json(struct review_entry *e, const cJSON *obj, const char **why)
{
	static const char *const required[] = {
		"ecosystem", "package", "rule", "file", "reviewed_at", "reviewer", "date",
	};
	char *fields[7], *decision = NULL, *reason = NULL, *expires = NULL, *commit = NULL;
	const cJSON *item;
	int rc = 0;

	memset(e, 0, sizeof(*e));
	memset(fields, 0, sizeof(fields));
	*why = NULL;
	if (!cJSON_IsObject(obj)) {
		*why = "expected a decision object";
		return ERR_SYNTAX;
	}
	for (size_t i = 0; rc == 0 && i < 7; i++) {
		rc = take_string(obj, required[i], false, &fields[i]);
		if (rc == ERR_NOTFOUND || rc == ERR_SYNTAX)
			*why = required[i];
	}
	if (rc == 0 && (rc = take_string(obj, "decision", false, &decision)) != 0 &&
	    rc != ERR_NOMEM)
		*why = "decision";
	if (rc == 0 && (rc = take_string(obj, "reason", true, &reason)) != 0 && rc != ERR_NOMEM)
		*why = "reason";
	if (rc == 0 && (rc = take_string(obj, "expires", true, &expires)) != 0 && rc != ERR_NOMEM)
		*why = "expires";
	if (rc == 0 && (rc = take_string(obj, "commit", true, &commit)) != 0 && rc != ERR_NOMEM)
		*why = "commit";
	if (rc == ERR_NOTFOUND)
		rc = ERR_SYNTAX;       /* a required member is missing */
	if (rc == 0 && strcmp(decision, "reviewed") && strcmp(decision, "accepted")) {
		rc = ERR_SYNTAX;
		*why = "decision (expected \"reviewed\" or \"accepted\")";
	}
	if (rc == 0 && !review_date_is_valid(fields[6])) {
		rc = ERR_SYNTAX;
		*why = "date (expected YYYY-MM-DD)";
	}
	if (rc == 0 && expires && !review_date_is_valid(expires)) {
		rc = ERR_SYNTAX;
		*why = "expires (expected YYYY-MM-DD or null)";
	}
	if (rc == 0 && !reason && !(reason = strdup("")))
		rc = ERR_NOMEM;
	for (item = obj->child; rc == 0 && item; item = item->next) {
		if (!item->string || is_known_key(item->string))
			continue;
		if (!e->extra && !(e->extra = cJSON_CreateObject()))
			rc = ERR_NOMEM;
		cJSON *copy = rc ? NULL : cJSON_Duplicate(item, true);
		if (rc == 0 && !copy)
			rc = ERR_NOMEM;
		if (copy)
			cJSON_AddItemToObject(e->extra, item->string, copy);
	}
	e->d.ecosystem = fields[0];
	e->d.package = fields[1];
	e->d.rule = fields[2];
	e->d.file = fields[3];
	e->d.reviewed_at = fields[4];
	e->d.reviewer = fields[5];
	e->d.date = fields[6];
	e->d.kind = decision && strcmp(decision, "accepted") == 0 ? REVIEW_KIND_ACCEPTED
								 : REVIEW_KIND_REVIEWED;
	e->d.reason = reason;
	e->d.expires = expires;
	e->d.commit = commit;
	free(decision);
	if (rc)
		review_entry_release(e);
	return rc;
}

static int
push(struct review *review, struct review_entry *e)
{
	if (array_reserve(&review->items, &review->cap, review->len, sizeof(*review->items)))
		return ERR_NOMEM;
	review->items[review->len++] = *e;
	return 0;
}

/* "PATH:LINE:COL: what" for byte @at of @t, unless a message is already there. */
static void
locate(char *err, size_t err_size, const char *path, struct sv t, size_t at, const char *what)
{
	unsigned line, column;

	if (err_size == 0 || err[0])
		return;
	text_line_col(t, at, &line, &column);
	snprintf(err, err_size, "%s:%u:%u: %s", path, line, column, what);
}

/* The decisions of the parsed document @root; the first problem goes into @err. */
static int
read_decisions(struct review *review, const cJSON *root, struct sv t, char *err, size_t err_size)
{
	const cJSON *version = cJSON_GetObjectItemCaseSensitive(root, "version");
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "decisions");
	struct jsonpos_member m;
	size_t start = jsonpos_start(t), arr = start;
	int rc = 0, i = 0;
	char what[160];

	if (!cJSON_IsObject(root)) {
		locate(err, err_size, review->path, t, start, "expected an object");
		return ERR_SYNTAX;
	}
	if (!cJSON_IsNumber(version) || version->valuedouble < 1) {
		locate(err, err_size, review->path, t, start, "expected \"version\": 1");
		rc = ERR_SYNTAX;
	} else if (version->valuedouble > REVIEW_FILE_VERSION) {
		review->newer = true;
	}
	if (jsonpos_find_member(&m, t, start, "decisions"))
		arr = m.value_start;
	if (!cJSON_IsArray(list)) {
		locate(err, err_size, review->path, t, arr, "expected a \"decisions\" array");
		return ERR_SYNTAX;
	}
	for (const cJSON *item = list->child; item; item = item->next, i++) {
		struct review_entry e;
		const char *why;
		int erc = entry_from_json(&e, item, &why);

		if (erc == ERR_NOMEM)
			return erc;
		if (erc) {
			size_t at = jsonpos_find_element(t, arr, (size_t)i);
			snprintf(what, sizeof(what), "decision %d: missing or malformed %s", i + 1,
				 why ? why : "member");
			locate(err, err_size, review->path, t, at == SV_NPOS ? arr : at, what);
			rc = ERR_SYNTAX;
			continue;
		}
		if (push(review, &e) != 0) {
			review_entry_release(&e);
			return ERR_NOMEM;
		}
	}
	return rc;
}

int
review_file_parse(struct review *review, struct sv text, char *err, size_t err_size)
{
	struct jsonpos_error pe;
	const char *end = NULL;
	cJSON *root;
	int rc;

	if (err_size)
		err[0] = '\0';
	if (jsonpos_find_nul(&pe, text)) {
		locate(err, err_size, review->path, text, pe.at, pe.message);
		return ERR_SYNTAX;
	}
	root = cJSON_ParseWithLengthOpts(text.ptr, text.len, &end, false);
	if (jsonpos_parse_error(&pe, text, root != NULL, end)) {
		locate(err, err_size, review->path, text, pe.at, pe.message);
		cJSON_Delete(root);
		return ERR_SYNTAX;
	}
	if (!root) {
		locate(err, err_size, review->path, text, jsonpos_offset(text, end), "invalid json");
		return ERR_SYNTAX;
	}
	rc = read_decisions(review, root, text, err, err_size);
	cJSON_Delete(root);
	return rc;
}

int
review_file_read(struct review *review, char *err, size_t err_size)
{
	char *text;
	size_t len = 0;
	int rc = slurp(review->path, &text, &len, err, err_size);

	if (rc == ERR_NOTFOUND)
		return 0;
	if (rc)
		return rc;
	rc = review_file_parse(review, sv_make(text, len), err, err_size);
	free(text);
	return rc;
}

static cJSON *
entry_json(const struct review_entry *e)
{
	const struct review_decision *d = &e->d;
	cJSON *o = cJSON_CreateObject();

	if (!o)
		return NULL;
	cJSON_AddStringToObject(o, "ecosystem", d->ecosystem);
	cJSON_AddStringToObject(o, "package", d->package);
	cJSON_AddStringToObject(o, "rule", d->rule);
	cJSON_AddStringToObject(o, "file", d->file);
	cJSON_AddStringToObject(o, "reviewed_at", d->reviewed_at);
	if (d->commit)
		cJSON_AddStringToObject(o, "commit", d->commit);
	cJSON_AddStringToObject(o, "decision", review_kind_str(d->kind));
	cJSON_AddStringToObject(o, "reason", d->reason);
	cJSON_AddStringToObject(o, "reviewer", d->reviewer);
	cJSON_AddStringToObject(o, "date", d->date);
	if (d->expires)
		cJSON_AddStringToObject(o, "expires", d->expires);
	else
		cJSON_AddNullToObject(o, "expires");
	for (const cJSON *x = e->extra ? e->extra->child : NULL; x; x = x->next)
		cJSON_AddItemToObject(o, x->string, cJSON_Duplicate(x, true));
	return o;
}

char *
review_file_render(struct review_entry *const *items, size_t n)
{
	cJSON *root = cJSON_CreateObject(), *list;
	char *text = NULL;
	size_t count = 0;

	if (!root)
		return NULL;
	cJSON_AddNumberToObject(root, "version", REVIEW_FILE_VERSION);
	list = cJSON_AddArrayToObject(root, "decisions");
	for (size_t i = 0; list && i < n; i++) {
		cJSON *o = entry_json(items[i]);
		if (o) {
			cJSON_AddItemToArray(list, o);
			count++;
		}
	}
	if (list && count == n)
		text = cJSON_Print(root);
	cJSON_Delete(root);
	return text;
}

static int
write_all(int fd, const char *text, size_t len)
{
	while (len) {
		ssize_t n = write(fd, text, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return ERR_IO;
		text += n;
		len -= (size_t)n;
	}
	return 0;
}

int
review_file_write(const struct review *review, struct review_entry *const *items, size_t n,
		  char *err, size_t err_size)
{
	struct stat st;
	char *text, *tmp;
	size_t len;
	int fd, rc;

	if (lstat(review->path, &st) == 0 && !S_ISREG(st.st_mode)) {
		snprintf(err, err_size, "%s is %s; deputy writes only a regular file", review->path,
			 S_ISLNK(st.st_mode) ? "a symbolic link" : "not a regular file");
		return ERR_OUTSIDE;
	}
	text = review_file_render(items, n);
	if (!text)
		return ERR_NOMEM;
	len = strlen(text);
	tmp = malloc(strlen(review->path) + sizeof(".XXXXXX"));
	if (!tmp) {
		free(text);
		return ERR_NOMEM;
	}
	strcpy(tmp, review->path);
	strcat(tmp, ".XXXXXX");
	fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(err, err_size, "cannot create a temporary file beside %s: %s", review->path,
			 strerror(errno));
		free(tmp);
		free(text);
		return ERR_IO;
	}
	rc = write_all(fd, text, len);
	if (rc == 0)
		rc = write_all(fd, "\n", 1);
	if (rc == 0 && (fchmod(fd, 0644) != 0 || fsync(fd) != 0))
		rc = ERR_IO;
	if (close(fd) != 0 && rc == 0)
		rc = ERR_IO;
	/* rename() replaces a link put there since the check; it never writes through one */
	if (rc == 0 && rename(tmp, review->path) != 0)
		rc = ERR_IO;
	if (rc) {
		snprintf(err, err_size, "cannot write %s: %s", review->path, strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	free(text);
	return rc;
}
