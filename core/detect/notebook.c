/*
 * The detector for Jupyter notebooks (*.ipynb, nbformat 4, JSON read with
 * cJSON). Only code cells count:
 *
 *   notebook = { "cells": [ { "cell_type": "code", "source": string | [ string ... ] } ... ] }
 *   shell    = "!" ["!"] command | "%pip" args | first line "%%bash" / "%%sh" / "%%script (ba)sh"
 *
 * cJSON keeps no positions, so core/lex/jsonpos.c finds where each string
 * of a cell's "source" is written, and this file decodes it again, keeping
 * for every decoded byte the offset of the JSON text it came from (checked
 * against cJSON's value). The shell lines go to core/lex/shcmd.c in one
 * buffer; what it finds is moved back to the notebook's lines and columns.
 * nbformat 3 ("worksheets") is not read.
 */
#include "detect/notebook.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "deputy/array.h"
#include "deputy/ascii.h"
#include "deputy/mapped_text.h"
#include "deputy/utf8.h"
#include "detect/jsonval.h"
#include "lex/jsonpos.h"
#include "lex/shcmd.h"

/* Where one string of a cell's source is written: @start at its opening quote. */
struct source_string {
	size_t cell;
	size_t start;
};

struct string_list {
	struct source_string *items;
	size_t n, cap;
};

bool
notebook_matches(const char *path)
{
	const char *base = path_basename(path);
	size_t n = strlen(base);

	return n > 6 && strcmp(base + n - 6, ".ipynb") == 0;
}

/* ---- where the strings of each cell's "source" are written ---- */

struct walk {
	struct string_list *list;
	size_t cell;
};

static int
add_string(struct walk *w, size_t start)
{
	struct string_list *l = w->list;

	if (array_reserve(&l->items, &l->cap, l->n, sizeof(*l->items)))
		return ERR_NOMEM;
	l->items[l->n++] = (struct source_string){ w->cell, start };
	return 0;
}

/* @i at the value of a cell's "source": a string, or an array of strings. */
static int
on_source(struct walk *w, struct sv t, size_t i)
{
	size_t at = i, start;
	int rc;

	if (i < t.len && t.ptr[i] == '"')
		return add_string(w, i);
	if (i >= t.len || t.ptr[i] != '[')
		return 0;
	while (jsonpos_next_element(&start, t, &at))
		if (t.ptr[start] == '"' && (rc = add_string(w, start)))
			return rc;
	return 0;
}

/* @i at the value of "cells": an array of cell objects. */
static int
on_cells(struct walk *w, struct sv t, size_t i)
{
	struct jsonpos_member source;
	size_t at = i, start;
	int rc;

	if (i >= t.len || t.ptr[i] != '[')
		return 0;
	for (w->cell = 0; jsonpos_next_element(&start, t, &at); w->cell++)
		if (jsonpos_find_member(&source, t, start, "source") &&
		    (rc = on_source(w, t, source.value_start)))
			return rc;
	return 0;
}

/* ---- decoding a JSON string with its offsets ---- */

/* The \u escape's four digits at @i (cJSON has checked them). */
static uint32_t
hex4(struct sv t, size_t i)
{
	return i < t.len ? ascii_hex_prefix(t.ptr + i, t.len - i, 4) : 0;
}

static int
push_code_point(struct mapped_text *m, uint32_t cp, size_t at)
{
	char buf[4];
	size_t n;
	int rc = 0;

	if (cp < 0x80) {
		buf[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		buf[0] = (char)(0xc0 | cp >> 6);
		buf[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		buf[0] = (char)(0xe0 | cp >> 12);
		buf[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		buf[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		buf[0] = (char)(0xf0 | cp >> 18);
		buf[1] = (char)(0x80 | (cp >> 12 & 0x3f));
		buf[2] = (char)(0x80 | (cp >> 6 & 0x3f));
		buf[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}

	for (size_t k = 0; k < n && !rc; k++)
		rc = mapped_text_put(m, buf[k], at);
	return rc;
}

/* Appends the string at @i (its opening quote); map[len] ends at its closing quote. */
static int
decode_string(struct mapped_text *m, struct sv t, size_t i)
{
	static const char plain[] = "\"\\/bfnrt", decoded[] = "\"\\/\b\f\n\r\t";
	int rc = 0;

	for (i++; i < t.len && t.ptr[i] != '"' && !rc; i++) {
		size_t at = i;
		if (t.ptr[i] != '\\') {
			rc = mapped_text_put(m, t.ptr[i], at);
			continue;
		}
		if (++i >= t.len)
			break;
		const char *e = strchr(plain, t.ptr[i]);
		if (e && *e) {
			rc = mapped_text_put(m, decoded[e - plain], at);
			continue;
		}
		uint32_t cp = hex4(t, i + 1);
		i += 4;
		if (cp >= 0xd800 && cp < 0xdc00 && i + 6 < t.len && t.ptr[i + 1] == '\\' &&
		    t.ptr[i + 2] == 'u') {
			uint32_t low = hex4(t, i + 3);
			if (low >= 0xdc00 && low < 0xe000) {
				cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
				i += 6;
			}
		}
		rc = push_code_point(m, cp, at);
	}
	return rc ? rc : mapped_text_end(m, i);
}

/* ---- the shell lines of a code cell ---- */

struct gather {
	struct notebook_shell *sh;
	struct detect_out *out;
	struct mapped_text syn;  /* the shell buffer being built (heap until the end) */
};

static bool
is_word_end(struct sv s, size_t i)
{
	return i >= s.len || s.ptr[i] == ' ' || s.ptr[i] == '\t';
}

/* `%%bash`, `%%sh`, `%%script bash`, `%%script sh` on a cell's first line. */
static bool
is_shell_cell(struct sv line)
{
	static const char *const magics[] = { "%%bash", "%%sh", "%%script bash", "%%script sh" };

	line = sv_trim(line);
	for (size_t i = 0; i < sizeof(magics) / sizeof(magics[0]); i++) {
		struct sv m = sv_from_cstr(magics[i]);
		if (sv_starts_with(line, m) && is_word_end(line, m.len))
			return true;
	}
	return false;
}

/* The shell command of an IPython line, as an offset into @line, or SV_NPOS. */
static size_t
shell_start(struct sv line)
{
	size_t i = 0;

	while (i < line.len && (line.ptr[i] == ' ' || line.ptr[i] == '\t'))
		i++;
	if (i < line.len && line.ptr[i] == '!') {
		i++;
		return i < line.len && line.ptr[i] == '!' ? i + 1 : i;
	}
	/* %pip is a line magic that runs pip in the kernel's environment */
	if (sv_starts_with(sv_tail(line, i), SV_LIT("%pip")) && is_word_end(line, i + 4))
		return i + 1;
	return SV_NPOS;
}

static int
add_line(struct gather *g, const struct mapped_text *cell, size_t start, size_t end)
{
	int rc = 0;

	for (size_t i = start; i < end && !rc; i++)
		rc = mapped_text_put(&g->syn, cell->text[i], cell->map[i]);
	if (!rc)
		rc = mapped_text_put(&g->syn, '\n', cell->map[end]);
	g->sh->n_lines++;
	return rc;
}

static int
read_cell(struct gather *g, const struct mapped_text *cell)
{
	struct sv text = { cell->text, cell->len };
	bool shell_cell = false, continued = false;
	int rc = 0;

	for (size_t start = 0, n = 0; start < text.len && !rc; n++) {
		size_t nl = sv_find_char(sv_tail(text, start), '\n');
		size_t end = nl == SV_NPOS ? text.len : start + nl;
		struct sv line = sv_slice(text, start, end - start);
		size_t cmd = shell_start(line);
		if (n == 0 && is_shell_cell(line)) {
			shell_cell = true;
		} else if (shell_cell || continued) {
			rc = add_line(g, cell, start, end);
		} else if (cmd != SV_NPOS) {
			rc = add_line(g, cell, start + cmd, end);
		}
		/* IPython joins a `!` line ending in a backslash with the next line */
		if (!shell_cell)
			continued = (continued || cmd != SV_NPOS) && sv_ends_with(sv_trim_right(line),
										    SV_LIT("\\"));
		start = end + 1;
	}
	/* a continuation past the cell's end must not reach into the next cell's lines */
	if (continued && !rc)
		rc = add_line(g, cell, text.len, text.len);
	return rc;
}

/* The decoded cell must be what cJSON read; if not, the walker lost its way. */
static bool
same_as_cjson(const struct mapped_text *cell, const cJSON *source)
{
	size_t at = 0;

	if (cJSON_IsString(source))
		return strlen(source->valuestring) == cell->len &&
		       memcmp(source->valuestring, cell->text, cell->len) == 0;
	for (const cJSON *s = source ? source->child : NULL; s; s = s->next) {
		if (!cJSON_IsString(s))
			continue;
		size_t n = strlen(s->valuestring);
		if (at + n > cell->len || memcmp(cell->text + at, s->valuestring, n) != 0)
			return false;
		at += n;
	}
	return at == cell->len;
}

static int
read_cells(struct gather *g, struct source *src, const cJSON *cells,
	   const struct string_list *strings)
{
	struct mapped_text cell = { 0 };
	const cJSON *c = cells->child;
	size_t index = 0, k = 0;
	int rc = 0;

	for (; c && !rc; c = c->next, index++) {
		const cJSON *type = cJSON_GetObjectItemCaseSensitive(c, "cell_type");
		bool code = cJSON_IsString(type) && strcmp(type->valuestring, "code") == 0;
		mapped_text_reset(&cell);
		for (; k < strings->n && strings->items[k].cell == index && !rc; k++)
			if (code)
				rc = decode_string(&cell, src->text, strings->items[k].start);
		if (rc || !code || !cell.len)
			continue;
		if (!same_as_cjson(&cell, cJSON_GetObjectItemCaseSensitive(c, "source")))
			continue;
		rc = read_cell(g, &cell);
	}
	mapped_text_release(&cell);
	return rc;
}

static int
gather_json(struct gather *g, struct source *src, const cJSON *root)
{
	struct string_list strings = { 0 };
	struct walk w = { .list = &strings };
	struct jsonpos_member m;
	const cJSON *cells = cJSON_GetObjectItemCaseSensitive(root, "cells");
	int rc;

	if (!cJSON_IsArray(cells))
		return 0;
	/* after a byte order mark, as cJSON reads it */
	rc = jsonpos_find_member(&m, src->text, jsonpos_start(src->text), "cells")
		     ? on_cells(&w, src->text, m.value_start)
		     : 0;
	if (!rc)
		rc = read_cells(g, src, cells, &strings);
	free(strings.items);
	return rc;
}

int
notebook_shell_gather(struct notebook_shell *sh, struct detect_out *out, struct source *src)
{
	struct gather g = { .sh = sh, .out = out };
	cJSON *root;
	int rc;

	memset(sh, 0, sizeof(*sh));
	if (src->text.len > NOTEBOOK_MAX_BYTES) {
		diag_add_path(out->diags, DIAG_WARNING, src->path,
			      "notebook larger than %u MiB: not read", NOTEBOOK_MAX_BYTES >> 20);
		return 0;
	}
	if (!(root = jsonval_parse_object(out, src, "a notebook")))
		return 0;
	rc = gather_json(&g, src, root);
	cJSON_Delete(root);
	if (!rc && g.syn.len) {
		/* in the arena: what shcmd keeps may point into it */
		sh->text = arena_memdup(out->arena, g.syn.text, g.syn.len);
		rc = sh->text ? 0 : ERR_NOMEM;
		sh->len = g.syn.len;
		sh->map = g.syn.map;
		g.syn.map = NULL;
	}
	mapped_text_release(&g.syn);
	return rc;
}

void
notebook_shell_release(struct notebook_shell *sh)
{
	free(sh->map);
	sh->map = NULL;
}

/* ---- moving what shcmd found back to the notebook ---- */

/* A notebook's shell text and a cursor in it, for detect_out_map_since(). */
struct shell_map {
	const struct notebook_shell *sh;
	struct source *src;
	struct text_cursor cur;
};

static size_t
map_offset(size_t at, void *payload)
{
	const struct notebook_shell *sh = ((struct shell_map *)payload)->sh;

	return sh->map[at > sh->len ? sh->len : at];
}

/*
 * A line and column of the shell text, as the notebook's. What shcmd found
 * comes in order of its lines, so the cursor walks on from the last lookup
 * instead of from the start (a notebook of many install lines was quadratic).
 */
static void
map_line_col(unsigned *line, unsigned *column, void *payload)
{
	struct shell_map *m = payload;
	size_t at = text_cursor_offset(&m->cur, sv_make(m->sh->text, m->sh->len), *line, *column);

	source_line_col(m->src, m->sh->map[at], line, column);
}

int
detect_notebook(struct detect_out *out, struct source *src, const struct detect_ctx *ctx)
{
	struct shcmd_opts opts = { .kind = DEP_INSTALL_COMMAND };
	struct notebook_shell sh;
	int rc;

	(void)ctx;
	if ((rc = notebook_shell_gather(&sh, out, src)) || !sh.len) {
		notebook_shell_release(&sh);
		return rc;
	}
	struct detect_mark mark;
	struct source shell = { src->path, { sh.text, sh.len } };
	struct shell_map m = { &sh, src, { 0 } };
	detect_out_mark(&mark, out);
	rc = shcmd_detect(out, &shell, (struct span){ 0, sh.len }, &opts);
	detect_out_map_since(out, &mark, &(struct detect_mapper){ map_offset, map_line_col, &m });
	notebook_shell_release(&sh);
	return rc;
}
