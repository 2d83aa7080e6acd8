/*
 * Package records from DCF text: a CRAN PACKAGES index (plain or gzip), and
 * the stanza reader that rlib.c uses for each installed DESCRIPTION too.
 * "Writing R Extensions" 1.1.1 and 1.1.3 give the dependency fields:
 *
 *   stanza    = field {field}                       (lex/dcf.h; blank lines between)
 *   dep-field = [entry] {"," [entry]}               Depends, Imports, LinkingTo
 *   entry     = package [ "(" op version ")" ]
 *   package   = letter {letter | digit | "."}       not ending in "."
 *
 * "R" in Depends is the R version, not a package. read.dcf() keeps the last
 * of a field given twice, so do we. A stanza holding a line lex/dcf.c rejects
 * is skipped whole: its other fields may belong to a record R would not read.
 */
#include "resolve/source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "deputy/array.h"
#include "deputy/ascii.h"
#include "lex/dcf.h"

/* PACKAGES for all of CRAN is about 15 MB unpacked; this leaves room and stops a gzip bomb. */
#define INDEX_MAX ((size_t)256 << 20)

/* The fields a record is made of; the last of each in a stanza wins. */
enum stanza_key {
	KEY_PACKAGE,
	KEY_VERSION,
	KEY_DEPENDS,
	KEY_IMPORTS,
	KEY_LINKINGTO,
	N_KEYS,
};

static const char *const key_names[N_KEYS] = {
	"Package", "Version", "Depends", "Imports", "LinkingTo",
};

struct stanza_reader {
	struct pkg_records *out;
	struct arena *arena;
	struct diags *diags;
	struct source *src;
	const char *label;
	size_t added;

	/* Line numbers are counted forward from a cursor so a large index stays linear. */
	size_t line_at;
	unsigned line;

	bool open;                   /* a stanza has fields */
	size_t record;
	size_t first_at;             /* where the stanza's first field starts */
	unsigned first_line;
	size_t last_end;             /* where its last field ends */
	unsigned last_line;          /* the line it ends on */
	bool bad;                    /* the DCF reader rejected a line of it */
	size_t diags_seen;           /* diagnostics already assigned to a stanza */
	struct dcf_field fields[N_KEYS];
	bool have[N_KEYS];

	const char **names;          /* heap scratch for one record's requirements */
	size_t n_names, cap_names;
};

/* The 1-based line of byte @at; @at never goes backwards between calls. */
static unsigned
line_of(struct stanza_reader *r, size_t at)
{
	if (at < r->line_at) {
		r->line_at = 0;
		r->line = 1;
	}
	for (; r->line_at < at && r->line_at < r->src->text.len; r->line_at++)
		if (r->src->text.ptr[r->line_at] == '\n')
			r->line++;
	return r->line;
}

static bool
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* R's rule for a package name ("Writing R Extensions" 1.1.1). */
static bool
is_package_name(struct sv s)
{
	if (s.len == 0 || !ascii_alpha(s.ptr[0]) || s.ptr[s.len - 1] == '.')
		return false;
	for (size_t i = 0; i < s.len; i++)
		if (!ascii_alnum(s.ptr[i]) && s.ptr[i] != '.')
			return false;
	return true;
}

static struct span
value_span(const struct dcf_field *f, size_t start, size_t end)
{
	return (struct span){ dcf_source_offset(f, start), dcf_source_offset(f, end) };
}

static int
add_name(struct stanza_reader *r, struct sv name)
{
	for (size_t i = 0; i < r->n_names; i++)
		if (sv_eq_cstr(name, r->names[i]))
			return 0;
	if (array_reserve(&r->names, &r->cap_names, r->n_names, sizeof(*r->names)))
		return ERR_NOMEM;
	char *copy = arena_strndup(r->arena, name);
	if (!copy)
		return ERR_NOMEM;
	r->names[r->n_names++] = copy;
	return 0;
}

/* One entry, [start, end) of @f's value: the name before any "(" and blanks. */
static int
read_entry(struct stanza_reader *r, const struct dcf_field *f, size_t start, size_t end)
{
	const char *v = f->value;
	size_t name_end, open;

	while (start < end && is_ws(v[start]))
		start++;
	while (end > start && is_ws(v[end - 1]))
		end--;
	if (start == end)
		return 0;        /* "a, , b" and a trailing comma: R's parser accepts them */
	for (open = start; open < end && v[open] != '('; open++)
		;
	for (name_end = open; name_end > start && is_ws(v[name_end - 1]); name_end--)
		;
	struct sv name = sv_make(v + start, name_end - start);
	if (!is_package_name(name)) {
		diag_add(r->diags, DIAG_WARNING, r->src, value_span(f, start, end),
			 "expected a package name in %.*s; entry ignored", (int)f->name.len,
			 f->name.ptr);
		return 0;
	}
	if (open < end && v[end - 1] != ')')
		diag_add(r->diags, DIAG_WARNING, r->src, value_span(f, open, end),
			 "expected ')' after the version range of %.*s", (int)name.len, name.ptr);
	if (sv_eq_cstr(name, "R"))
		return 0;
	return add_name(r, name);
}

static int
read_dep_field(struct stanza_reader *r, const struct dcf_field *f)
{
	size_t start = 0;
	int rc;

	for (size_t i = 0; i <= f->value_len; i++) {
		if (i < f->value_len && f->value[i] != ',')
			continue;
		if ((rc = read_entry(r, f, start, i)))
			return rc;
		start = i + 1;
	}
	return 0;
}

/* A field value as one trimmed arena string; NULL for ERR_NOMEM (*@rc set). */
static const char *
trimmed(struct stanza_reader *r, const struct dcf_field *f, int *rc)
{
	const char *s = arena_strndup(r->arena, sv_trim(sv_make(f->value, f->value_len)));
	if (!s)
		*rc = ERR_NOMEM;
	return s;
}

/* The stanza seen so far becomes a record, unless it is bad or has no name. */
static int
finish(struct stanza_reader *r)
{
	struct pkg_record rec;
	int rc = 0;

	if (!r->open)
		return 0;
	r->open = false;
	if (r->bad) {
		diag_add(r->diags, DIAG_WARNING, r->src, (struct span){ r->first_at, r->first_at },
			 "malformed record; skipped");
		return 0;
	}
	if (!r->have[KEY_PACKAGE]) {
		diag_add(r->diags, DIAG_WARNING, r->src, (struct span){ r->first_at, r->first_at },
			 "record without a Package field; skipped");
		return 0;
	}
	const struct dcf_field *pf = &r->fields[KEY_PACKAGE];
	struct sv name = sv_trim(sv_make(pf->value, pf->value_len));
	if (!is_package_name(name)) {
		diag_add(r->diags, DIAG_WARNING, r->src, pf->value_at,
			 "expected a package name in Package; record skipped");
		return 0;
	}
	memset(&rec, 0, sizeof(rec));
	rec.ecosystem = ECO_CRAN;
	rec.file = r->src->path;
	rec.line = r->first_line;
	rec.source = r->label;
	if (!(rec.name = trimmed(r, pf, &rc)))
		return rc;
	if (r->have[KEY_VERSION] && !(rec.version = trimmed(r, &r->fields[KEY_VERSION], &rc)))
		return rc;
	r->n_names = 0;
	for (int k = KEY_DEPENDS; k <= KEY_LINKINGTO; k++)
		if (r->have[k] && (rc = read_dep_field(r, &r->fields[k])))
			return rc;
	if (r->n_names) {
		rec.requires = arena_memdup(r->arena, r->names, r->n_names * sizeof(*r->names));
		if (!rec.requires)
			return ERR_NOMEM;
		rec.n_requires = r->n_names;
	}
	if ((rc = pkg_records_add(r->out, &rec)))
		return rc;
	r->added++;
	return 0;
}

/*
 * The lines strictly between byte @from (on line @from_line) and @to (a line
 * start) that hold only blanks: the first and last such line, 0 when none.
 */
static void
find_blank_lines(const struct stanza_reader *r, size_t from, unsigned from_line, size_t to,
		 unsigned *first, unsigned *last)
{
	const char *t = r->src->text.ptr;
	unsigned line = from_line;
	size_t i = from;

	*first = *last = 0;
	for (;;) {
		while (i < to && t[i] != '\n')
			i++;
		if (i >= to || ++i >= to)
			break;
		line++;
		bool blank = true;
		for (size_t j = i; j < to && t[j] != '\n'; j++)
			if (t[j] != ' ' && t[j] != '\t' && t[j] != '\r')
				blank = false;
		if (blank) {
			if (!*first)
				*first = line;
			*last = line;
		}
	}
}

/*
 * Errors lex/dcf.c recorded since the last look, each given to the stanza
 * whose lines hold it: a blank line separates stanzas, and a stanza of
 * rejected lines only belongs to neither neighbour. @prev_bad is NULL when
 * no stanza came before; @cur_bad is NULL at the end of the text.
 */
static void
assign_errors(struct stanza_reader *r, size_t gap_from, unsigned gap_line, size_t gap_to,
	      bool *prev_bad, bool *cur_bad)
{
	unsigned first = 0, last = 0;
	bool scanned = false;

	for (; r->diags_seen < r->diags->len; r->diags_seen++) {
		const struct diag *d = &r->diags->items[r->diags_seen];
		if (d->level != DIAG_ERROR || !d->path || strcmp(d->path, r->src->path) != 0)
			continue;
		if (!scanned) {
			find_blank_lines(r, gap_from, gap_line, gap_to, &first, &last);
			scanned = true;
		}
		if (prev_bad && (d->line <= gap_line || !first || d->line < first))
			*prev_bad = true;
		else if (cur_bad && (!last || d->line > last))
			*cur_bad = true;
	}
}

static int
on_field(const struct dcf_field *f, void *payload)
{
	struct stanza_reader *r = payload;
	int rc;

	if (!r->open || f->record != r->record) {
		bool cur_bad = false;
		unsigned first_line = line_of(r, f->at.start);
		if (r->open) {
			assign_errors(r, r->last_end, r->last_line, f->at.start, &r->bad, &cur_bad);
			if ((rc = finish(r)))
				return rc;
		} else {
			assign_errors(r, 0, 1, f->at.start, NULL, &cur_bad);
		}
		r->open = true;
		r->record = f->record;
		r->first_at = f->at.start;
		r->first_line = first_line;
		r->bad = cur_bad;
		memset(r->have, 0, sizeof(r->have));
	} else {
		assign_errors(r, 0, 0, 0, NULL, &r->bad);   /* no blank line inside a stanza */
	}
	r->last_end = f->at.end;
	r->last_line = line_of(r, f->at.end);
	for (int k = 0; k < N_KEYS; k++) {
		if (sv_eq_cstr(f->name, key_names[k])) {
			r->fields[k] = *f;
			r->have[k] = true;
		}
	}
	return 0;
}

int
cran_index_parse(struct pkg_records *out, struct arena *arena, struct diags *diags,
		 struct source *src, const char *label, size_t *n_added)
{
	struct stanza_reader r;
	int rc;

	memset(&r, 0, sizeof(r));
	r.out = out;
	r.arena = arena;
	r.diags = diags;
	r.src = src;
	r.label = label;
	r.line = 1;
	r.diags_seen = diags->len;
	rc = dcf_parse(src, arena, diags, on_field, &r);
	if (rc == 0 && r.open) {
		/* errors after the last field, up to the next blank line, are the last stanza's */
		assign_errors(&r, r.last_end, r.last_line, src->text.len, &r.bad, NULL);
		rc = finish(&r);
	}
	free(r.names);
	*n_added = r.added;
	return rc;
}

/* The whole of a gzip stream on @fd, at most INDEX_MAX bytes, in the arena. */
static int
read_gzip(struct sv *text, struct arena *arena, struct diags *diags, const char *path, int fd)
{
	size_t len = 0, cap = (size_t)1 << 20;
	char *buf = malloc(cap);
	gzFile gz;
	int rc = 0, n;

	if (!buf)
		return ERR_NOMEM;
	if (!(gz = gzdopen(fd, "rb"))) {
		close(fd);
		free(buf);
		return ERR_NOMEM;
	}
	for (;;) {
		if (len == cap) {
			if (cap >= INDEX_MAX) {
				diag_add_path(diags, DIAG_ERROR, path,
					      "index larger than %zu MB unpacked; not read",
					      INDEX_MAX >> 20);
				rc = ERR_LIMIT;
				break;
			}
			char *p = realloc(buf, cap * 2);
			if (!p) {
				rc = ERR_NOMEM;
				break;
			}
			buf = p;
			cap *= 2;
		}
		n = gzread(gz, buf + len, (unsigned)(cap - len));
		if (n > 0) {
			len += (size_t)n;
			continue;
		}
		/* a stream cut short ends with 0 and Z_BUF_ERROR ("unexpected end of file") */
		int errnum;
		const char *msg = gzerror(gz, &errnum);
		if (errnum != Z_OK) {
			diag_add_path(diags, DIAG_ERROR, path, "corrupt gzip data: %s",
				      msg ? msg : "unknown error");
			rc = errnum == Z_MEM_ERROR ? ERR_NOMEM : ERR_SYNTAX;
		}
		break;
	}
	gzclose_r(gz);   /* closes @fd too */
	if (rc == 0) {
		text->ptr = arena_memdup(arena, buf, len ? len : 1);
		text->len = len;
		if (!text->ptr)
			rc = ERR_NOMEM;
	}
	free(buf);
	return rc;
}

static int
read_plain(struct sv *text, struct arena *arena, struct diags *diags, const char *path, int fd,
	   size_t size)
{
	char *buf;
	size_t len = 0;

	if (size > INDEX_MAX) {
		diag_add_path(diags, DIAG_ERROR, path, "index larger than %zu MB; not read",
			      INDEX_MAX >> 20);
		return ERR_LIMIT;
	}
	if (!(buf = arena_alloc(arena, size + 1)))
		return ERR_NOMEM;
	while (len < size) {
		ssize_t n = pread(fd, buf + len, size - len, (off_t)len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	text->ptr = buf;
	text->len = len;
	return 0;
}

int
cran_index_read(struct pkg_records *out, struct arena *arena, struct diags *diags,
		const char *path)
{
	unsigned char magic[2];
	struct source src = { 0 };
	struct stat st;
	size_t n_added = 0;
	int fd, rc;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);   /* a FIFO must not block us */
	if (fd < 0) {
		diag_add_path(diags, DIAG_ERROR, path, "cannot open the index: %s", strerror(errno));
		return errno == ENOENT || errno == ENOTDIR ? ERR_NOTFOUND : ERR_IO;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		diag_add_path(diags, DIAG_ERROR, path, "the index is not a regular file");
		close(fd);
		return ERR_NOTFOUND;
	}
	src.path = arena_strdup(arena, path);
	if (!src.path) {
		close(fd);
		return ERR_NOMEM;
	}
	if (pread(fd, magic, 2, 0) == 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
		rc = read_gzip(&src.text, arena, diags, src.path, fd);
	} else {
		rc = read_plain(&src.text, arena, diags, src.path, fd, (size_t)st.st_size);
		close(fd);
	}
	if (rc)
		return rc;
	rc = cran_index_parse(out, arena, diags, &src, "CRAN index", &n_added);
	if (rc == 0 && n_added == 0) {
		diag_add_path(diags, DIAG_ERROR, src.path,
			      "not a CRAN PACKAGES index: no record has a Package field");
		rc = ERR_SYNTAX;
	}
	return rc;
}
