/*
 * The DCF reader shared by DESCRIPTION, packrat.lock and CRAN's PACKAGES. It
 * follows what R 4.2's read.dcf() does with a file (checked against it by
 * test_dcf_agrees_with_r_read_dcf) and records where every value byte came from.
 *
 *   file         = [BOM] {blank-line} record {blank-line {blank-line} record} {blank-line}
 *   record       = field {field}
 *   field        = first-line {continuation}
 *   first-line   = name ":" {blank} text             name: one or more bytes but ':'
 *   continuation = blank+ text                       (the blanks are dropped)
 *                | blank+ "." {space}                an empty line in the value
 *   blank-line   = {blank}
 *   blank        = " " | "\t";  lines end at "\n", "\r\n" or a lone "\r"
 *
 * Trailing blanks of every line are dropped; a value's lines are joined with
 * "\n" and an empty first line is left out. read.dcf() has no comments: "#x: 1"
 * is a field named "#x". Where R stops with an error (a line without ':', a
 * continuation at the start of a record) we record a diagnostic, skip that line
 * and its continuations, and go on. A NUL byte ends R's line (our value keeps
 * the bytes after it, with value_len) and gets a warning.
 */
#include "lex/dcf.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "deputy/array.h"
#include "deputy/ascii.h"
#include "deputy/strbuf.h"

/* A value longer than this is cut (DESCRIPTION fields are a few kB). */
#define DCF_VALUE_MAX ((size_t)1 << 20)

struct dcf_reader {
	struct source *src;
	struct arena *arena;
	struct diags *diags;
	dcf_field_fn fn;
	void *payload;

	bool open;               /* a field is being read */
	struct sv name;
	size_t field_start, field_end;
	struct strbuf value;
	struct dcf_piece *pieces;
	size_t n_pieces, cap_pieces;
	bool cut;                /* the value hit DCF_VALUE_MAX */

	/*
	 * "." lines not yet turned into newlines. read.dcf() only writes them
	 * out before the next text line, and forgets to reset the count when a
	 * new field starts, so "B: b\n .\nC: c\n more" gives C = "c\n\nmore".
	 * We keep that so our values equal R's.
	 */
	size_t pending_dots;
	bool skipping;           /* continuations of a rejected line */
	bool in_record;
	size_t record;
};

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* A continuation line that stands for an empty line: blanks, ".", spaces. */
static bool
is_dot_line(struct sv line)
{
	size_t i = 0;

	while (i < line.len && ascii_space(line.ptr[i]))
		i++;
	if (i == line.len || line.ptr[i] != '.')
		return false;
	for (i++; i < line.len; i++)
		if (!ascii_space(line.ptr[i]))
			return false;
	return true;
}

static int
add_text(struct dcf_reader *r, size_t src_at, size_t len)
{
	if (len == 0 || r->cut)
		return 0;
	if (r->value.len + len > DCF_VALUE_MAX) {
		diag_add(r->diags, DIAG_WARNING, r->src, (struct span){ src_at, src_at + len },
			 "field value longer than %zu bytes; the rest is ignored",
			 (size_t)DCF_VALUE_MAX);
		r->cut = true;
		return 0;
	}
	if (array_reserve(&r->pieces, &r->cap_pieces, r->n_pieces, sizeof(*r->pieces)))
		return ERR_NOMEM;
	r->pieces[r->n_pieces++] = (struct dcf_piece){ r->value.len, src_at, len };
	return strbuf_add(&r->value, r->src->text.ptr + src_at, len);
}

static int
emit(struct dcf_reader *r)
{
	struct dcf_field f;
	int rc;

	if (!r->open)
		return 0;
	r->open = false;
	if (r->value.failed)
		return ERR_NOMEM;
	memset(&f, 0, sizeof(f));
	f.name = r->name;
	f.value_len = r->value.len;
	f.value = arena_strndup(r->arena, strbuf_sv(&r->value));
	f.at = (struct span){ r->field_start, r->field_end };
	f.record = r->record;
	f.n_pieces = r->n_pieces;
	if (r->n_pieces) {
		f.pieces = arena_memdup(r->arena, r->pieces, r->n_pieces * sizeof(*r->pieces));
		if (!f.pieces)
			return ERR_NOMEM;
		const struct dcf_piece *last = &r->pieces[r->n_pieces - 1];
		f.value_at = (struct span){ r->pieces[0].src_at, last->src_at + last->len };
	} else {
		f.value_at = (struct span){ r->field_end, r->field_end };
	}
	if (!f.value)
		return ERR_NOMEM;
	rc = r->fn(&f, r->payload);
	return rc;
}

static int
read_continuation(struct dcf_reader *r, size_t start, struct sv line, size_t raw_end)
{
	size_t i = 0;
	int rc;

	if (r->skipping)
		return 0;
	if (!r->open) {
		diag_add(r->diags, DIAG_ERROR, r->src, (struct span){ start, start + line.len },
			 "continuation line at the start of a record; expected 'field: value'");
		r->skipping = true;
		return 0;
	}
	r->field_end = raw_end;
	if (is_dot_line(line)) {
		r->pending_dots++;
		return 0;
	}
	while (i < line.len && is_blank(line.ptr[i]))
		i++;
	if (r->cut)
		return 0;
	if (r->value.len && (rc = strbuf_addch(&r->value, '\n')))
		return rc;
	for (; r->pending_dots; r->pending_dots--)
		if ((rc = strbuf_addch(&r->value, '\n')))
			return rc;
	return add_text(r, start + i, line.len - i);
}

static int
read_field_line(struct dcf_reader *r, size_t start, struct sv line, size_t raw_end)
{
	size_t colon = sv_find_char(line, ':');
	size_t v;
	int rc;

	if ((rc = emit(r)))
		return rc;
	r->in_record = true;
	r->skipping = false;
	if (colon == SV_NPOS || colon == 0) {
		diag_add(r->diags, DIAG_ERROR, r->src, (struct span){ start, start + line.len },
			 colon ? "expected ':' after a field name" : "expected a field name before ':'");
		r->skipping = true;
		return 0;
	}
	r->open = true;
	r->cut = false;
	r->name = sv_slice(line, 0, colon);
	r->field_start = start;
	r->field_end = raw_end;
	r->n_pieces = 0;
	strbuf_reset(&r->value);
	for (v = colon + 1; v < line.len && is_blank(line.ptr[v]); v++)
		;
	return add_text(r, start + v, line.len - v);
}

static int
read_line(struct dcf_reader *r, size_t start, size_t end)
{
	struct sv line = sv_make(r->src->text.ptr + start, end - start);
	size_t raw_end = end;
	int rc;

	const char *nul = memchr(line.ptr, '\0', line.len);
	if (nul) {
		size_t at = start + (size_t)(nul - line.ptr);
		diag_add(r->diags, DIAG_WARNING, r->src, (struct span){ at, at + 1 },
			 "nul byte in the line; r reads the line only up to it");
	}
	while (line.len && is_blank(line.ptr[line.len - 1]))
		line.len--;
	if (line.len == 0) {
		if ((rc = emit(r)))
			return rc;
		if (r->in_record)
			r->record++;
		r->in_record = false;
		r->skipping = false;
		r->pending_dots = 0;
		return 0;
	}
	if (is_blank(line.ptr[0]))
		return read_continuation(r, start, line, raw_end);
	return read_field_line(r, start, line, raw_end);
}

int
dcf_parse(struct source *src, struct arena *arena, struct diags *diags, dcf_field_fn fn,
	  void *payload)
{
	struct dcf_reader r;
	struct sv text = src->text;
	size_t i = 0;
	int rc = 0;

	memset(&r, 0, sizeof(r));
	r.src = src;
	r.arena = arena;
	r.diags = diags;
	r.fn = fn;
	r.payload = payload;
	/* R keeps a UTF-8 BOM as part of the first field name; nobody means that. */
	if (sv_starts_with(text, SV_LIT("\xef\xbb\xbf")))
		i = 3;
	while (i < text.len && rc == 0) {
		size_t end = i;
		while (end < text.len && text.ptr[end] != '\n' && text.ptr[end] != '\r')
			end++;
		rc = read_line(&r, i, end);
		if (end < text.len && text.ptr[end] == '\r' && end + 1 < text.len &&
		    text.ptr[end + 1] == '\n')
			end++;
		i = end + 1;
	}
	if (rc == 0)
		rc = emit(&r);
	strbuf_release(&r.value);
	free(r.pieces);
	return rc;
}

size_t
dcf_source_offset(const struct dcf_field *field, size_t offset)
{
	const struct dcf_piece *best = NULL;

	for (size_t i = 0; i < field->n_pieces; i++) {
		if (field->pieces[i].value_at > offset)
			break;
		best = &field->pieces[i];
	}
	if (!best)
		return field->n_pieces ? field->pieces[0].src_at : field->value_at.start;
	if (offset - best->value_at <= best->len)
		return best->src_at + (offset - best->value_at);
	return best->src_at + best->len;
}
