/*
 * The file view (v): the whole file that declares the selected row, with
 * line numbers and the declaration's line marked, shown on the page. Its
 * bytes come from the scan's snapshot and reach the screen escaped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deputy/strbuf.h"
#include "app.h"

/* The file of the selected row, and its line (0 when the row is a whole file). */
static const struct scan_file *
selected_file(struct app *app, const char **path, unsigned *line)
{
	const struct node *n;

	*path = NULL;
	*line = 0;
	if (app->tree.n_visible == 0)
		return NULL;
	n = &app->tree.nodes[app->tree.cursor];
	*path = n->path;
	*line = n->kind == NODE_DEP || n->kind == NODE_OPTION ? n->line : 0;
	return n->file ? n->file : scan_find_file(app->scan, n->path);
}

static void
add_file_line(struct detail *d, unsigned ln, struct sv text, bool marked, int digits)
{
	detail_line(d);
	detail_fmt(d, marked ? EL_LINE_MARK : EL_MUTED, "%s%*u | ", marked ? ">" : " ",
		   digits, ln);
	if (text.len > 0 && text.ptr[text.len - 1] == '\r')
		text.len--;   /* CRLF files: the \r would show as an escape on every line */
	detail_seg(d, marked ? EL_LINE_MARK : EL_CODE, text);
}

int
file_view_open(struct app *app)
{
	const char *path;
	unsigned mark, ln = 0;
	const struct scan_file *f = selected_file(app, &path, &mark);
	struct detail *d = &app->page_text;
	struct sv text;
	size_t start = 0;
	int digits = 1;
	char title[64];

	if (!path) {
		status_set(app, false, "no file selected");
		return REACT_REDRAW;
	}
	if (!f || f->state != FILE_READ) {
		status_set(app, false, "this file was not read, so there is nothing to show");
		return REACT_REDRAW;
	}
	text = f->text;
	{
		size_t lines = 1;

		for (size_t i = 0; i < text.len; i++)
			lines += text.ptr[i] == '\n';
		digits = snprintf(NULL, 0, "%zu", lines);
	}
	detail_reset(d, app->views[VIEW_PAGE].width);
	snprintf(title, sizeof(title), " File%s: ", mark ? " (line marked)" : "");
	{
		struct strbuf sb = STRBUF_INIT;

		strbuf_adds(&sb, title);
		strbuf_adds(&sb, path);
		strbuf_adds(&sb, "   q or Esc closes, e edits");
		d->title = strdup(strbuf_cstr(&sb));
		strbuf_release(&sb);
	}
	while (start < text.len) {
		const char *nl = memchr(text.ptr + start, '\n', text.len - start);
		size_t end = nl ? (size_t)(nl - text.ptr) : text.len;

		ln++;
		add_file_line(d, ln, sv_make(text.ptr + start, end - start), ln == mark, digits);
		start = end + 1;
	}
	if (ln == 0) {
		detail_line(d);
		detail_segs(d, EL_MUTED, "(the file is empty)");
	}
	app->page_path = path;
	app->page_line = mark;
	/* The marked line a third of the way down. */
	page_show(app, PAGE_FILE, mark > 0 ? (size_t)(mark - 1) -
		  ((size_t)(mark - 1) < (size_t)view_body_height(&app->views[VIEW_PAGE]) / 3
		   ? (size_t)(mark - 1) : (size_t)view_body_height(&app->views[VIEW_PAGE]) / 3) : 0);
	return REACT_REDRAW;
}
