/*
 * The detail pane: what the selected file or entry is, the source line with
 * the offending part marked, every finding with its lesson, and the blame.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "deputy/diag.h"
#include "deputy/utf8.h"
#include "app.h"
#include "detail_graph.h"
#include "draw.h"

#define DETAIL_MAX_SOURCE_LINES 4

static const char *
file_state_str(enum scan_file_state state)
{
	switch (state) {
	case FILE_READ: return "read";
	case FILE_TOO_LARGE: return "skipped: larger than the size limit";
	case FILE_BINARY: return "skipped: binary file";
	case FILE_SYMLINK_OUTSIDE: return "skipped: symbolic link leading outside the repository";
	case FILE_SUBMODULE: return "skipped: git submodule (not scanned)";
	case FILE_UNREADABLE: return "skipped: could not be read";
	case FILE_SPECIAL: return "skipped: a FIFO, socket or device, not a file";
	}
	return "skipped";
}

static const char *
severity_upper(enum severity sev)
{
	static const char *const names[] = { "INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL" };

	return sev >= 0 && sev < SEV_COUNT ? names[sev] : "?";
}

/*
 * The source lines covering bytes [@start, @end) of @text, with
 * [@mark_start, @mark_end) marked and scrolled into view.
 */
static void
add_source(struct detail *d, struct sv text, size_t start, size_t end, size_t mark_start,
	   size_t mark_end, unsigned fallback_line)
{
	unsigned first, last, col;

	if (!text.ptr)
		return;
	if (end > start && end <= text.len) {
		text_line_col(text, start, &first, &col);
		text_line_col(text, end > start ? end - 1 : end, &last, &col);
	} else {
		first = last = fallback_line;
	}
	if (first == 0)
		return;
	if (last < first)
		last = first;
	if (last - first >= DETAIL_MAX_SOURCE_LINES) {
		/* a long span (a DESCRIPTION field of many lines): the lines around the mark */
		unsigned mark = first;
		if (mark_start < text.len)
			text_line_col(text, mark_start, &mark, &col);
		if (mark > first + DETAIL_MAX_SOURCE_LINES / 2 && mark <= last)
			first = mark - DETAIL_MAX_SOURCE_LINES / 2;
		if (last - first >= DETAIL_MAX_SOURCE_LINES)
			last = first + DETAIL_MAX_SOURCE_LINES - 1;
	}
	for (unsigned ln = first; ln <= last; ln++) {
		struct sv line = text_line(text, ln);
		size_t off, ms, me;
		int avail;

		if (!line.ptr)
			break;
		off = (size_t)(line.ptr - text.ptr);
		ms = mark_start > off ? mark_start - off : 0;
		me = mark_end > off ? mark_end - off : 0;
		if (ms > line.len)
			ms = line.len;
		if (me > line.len)
			me = line.len;
		if (me < ms)
			me = ms;
		detail_line(d);
		detail_fmt(d, EL_MUTED, "%5u | ", ln);
		avail = d->width - 8;
		{
			struct sv before = sv_make(line.ptr, ms);
			struct sv mark = sv_make(line.ptr + ms, me - ms);
			int mw = draw_width(mark);

			if (draw_width(before) + mw > avail && draw_width(before) > 0) {
				int room = avail - mw - 1;

				before = draw_keep_tail(before, room > 4 ? room : 4);
				detail_segs(d, EL_MUTED, draw_ellipsis());
			}
			detail_seg(d, EL_CODE, before);
			detail_seg(d, EL_MARK, mark);
			detail_seg(d, EL_CODE, sv_tail(line, me));
		}
	}
}

/* The line a diagnostic is about, marked from its column to the end. */
static void
add_diag_source(struct detail *d, struct sv text, unsigned line, unsigned column)
{
	struct sv l = text_line(text, line);
	size_t off, at;

	if (!l.ptr)
		return;
	off = (size_t)(l.ptr - text.ptr);
	at = 0;
	for (unsigned c = 1; c < column && at < l.len; c++) {
		uint32_t cp;
		size_t n = utf8_decode(l.ptr + at, l.len - at, &cp);

		at += n ? n : 1;
	}
	add_source(d, text, 0, 0, off + at, off + l.len, line);
}

static void
add_blame(struct detail *d, struct app *app)
{
	const struct blame_slot *slot = app_selected_blame(app);
	char when[32] = "";

	detail_line(d);
	detail_segs(d, EL_HEADING, "Blame: ");
	if (!scan_is_git(app->scan)) {
		detail_segs(d, EL_MUTED, "not a git repository");
		return;
	}
	if (!slot) {
		detail_segs(d, EL_MUTED, "looking it up...");
		return;
	}
	if (slot->rc == ERR_NOTFOUND || (slot->rc == 0 && slot->blame.commit[0] == '\0')) {
		detail_segs(d, EL_MUTED, "not committed yet");
		return;
	}
	if (slot->rc < 0) {
		detail_fmt(d, EL_MUTED, "unavailable (%s)", err_str(slot->rc));
		return;
	}
	if (slot->blame.time > 0) {
		time_t t = (time_t)slot->blame.time;
		struct tm tm;

		if (gmtime_r(&t, &tm))
			strftime(when, sizeof(when), "%Y-%m-%d", &tm);
	}
	detail_seg(d, EL_CODE, sv_make(slot->blame.commit, strnlen(slot->blame.commit, 10) > 8
				    ? 8 : strnlen(slot->blame.commit, 10)));
	detail_segs(d, EL_TEXT, " ");
	detail_segs(d, EL_TEXT, slot->blame.author ? slot->blame.author : "?");
	if (slot->blame.email && slot->blame.email[0]) {
		detail_segs(d, EL_MUTED, " <");
		detail_segs(d, EL_MUTED, slot->blame.email);
		detail_segs(d, EL_MUTED, ">");
	}
	if (when[0])
		detail_fmt(d, EL_TEXT, " %s", when);
	if (slot->blame.summary && slot->blame.summary[0])
		detail_para(d, EL_MUTED, 7, slot->blame.summary);
}

/* A known-malicious report: its id and summary, then every reference on its own line. */
static void
add_report(struct detail *d, const struct finding *f)
{
	struct strbuf sb = STRBUF_INIT;
	const char *refs = f->references ? f->references : f->source;

	strbuf_printf(&sb, "report %s", f->report_id);
	if (f->summary)
		strbuf_printf(&sb, ": %s", f->summary);
	detail_para(d, EL_TEXT, 4, strbuf_cstr(&sb));
	strbuf_release(&sb);
	if (refs && refs[0]) {
		detail_para(d, EL_MUTED, 4, "references:");
		detail_para(d, EL_MUTED, 6, refs);     /* one a line: a paragraph each */
	}
}

static void
add_findings(struct detail *d, struct app *app, const struct node *node)
{
	for (size_t i = 0; i < node->n_findings; i++) {
		const struct finding *f = scan_finding(app->scan, node->findings[i]);

		detail_line(d);
		detail_fmt(d, theme_severity_element(f->severity), " %s ",
			   severity_upper(f->severity));
		detail_segs(d, EL_TEXT, " ");
		detail_segs(d, EL_HEADING, f->rule ? f->rule->title : "(unknown rule)");
		if (f->rule) {
			struct strbuf sb = STRBUF_INIT;

			strbuf_printf(&sb, " [%s]", f->rule->id);
			detail_segs(d, EL_MUTED, strbuf_cstr(&sb));
			strbuf_release(&sb);
		}
		detail_wrap(d, 4);
		if (f->message && f->message[0])
			detail_para(d, EL_TEXT, 4, f->message);
		if (f->path) {
			struct strbuf sb = STRBUF_INIT;

			strbuf_printf(&sb, "pulled in by %s", f->path);
			detail_para(d, EL_TEXT, 4, strbuf_cstr(&sb));
			strbuf_release(&sb);
		}
		if (f->imitates) {
			struct strbuf sb = STRBUF_INIT;

			strbuf_printf(&sb, "imitates %s", f->imitates);
			if (f->imitates_rank > 0)
				strbuf_printf(&sb, " (download rank %d)", f->imitates_rank);
			if (f->technique)
				strbuf_printf(&sb, ", technique: %s", f->technique);
			detail_para(d, EL_TEXT, 4, strbuf_cstr(&sb));
			strbuf_release(&sb);
		}
		if (f->report_id)
			add_report(d, f);
		else if (f->source) {
			struct strbuf sb = STRBUF_INIT;

			strbuf_printf(&sb, "reported by %s", f->source);
			detail_para(d, EL_MUTED, 4, strbuf_cstr(&sb));
			strbuf_release(&sb);
		}
		review_ui_detail(d, app, f);
	}
}

/* Each rule's lesson once, after the list of findings. */
static void
add_lessons(struct detail *d, struct app *app, const struct node *node)
{
	for (size_t i = 0; i < node->n_findings; i++) {
		const struct rule *rule = scan_finding(app->scan, node->findings[i])->rule;
		bool seen = false;

		for (size_t j = 0; j < i; j++)
			if (scan_finding(app->scan, node->findings[j])->rule == rule)
				seen = true;
		if (!rule || seen)
			continue;
		detail_blank(d);
		detail_line(d);
		detail_segs(d, EL_HEADING, "== ");
		detail_segs(d, EL_HEADING, rule->title);
		detail_line(d);
		detail_segs(d, EL_HEADING, "Why it matters");
		detail_para(d, EL_TEXT, 2, rule->why ? rule->why : "");
		detail_line(d);
		detail_segs(d, EL_HEADING, "What to do");
		detail_para(d, EL_TEXT, 2, rule->fix ? rule->fix : "");
		if (rule->refs && rule->refs[0]) {
			detail_line(d);
			detail_segs(d, EL_HEADING, "References");
			detail_bullets(d, EL_MUTED, 2, rule->refs);
		}
	}
}

/*
 * "Also declared in": the same package (ecosystem and normalised name) in
 * other places, so that fixing one line does not leave the others behind.
 */
static void
add_also_declared(struct detail *d, struct app *app, const struct dep *dep)
{
	enum { SHOWN_MAX = 8 };
	const struct tree_index *ix = &app->tree.by_name;
	size_t n_deps = scan_dep_count(app->scan), shown = 0, end, k, last, more;
	bool self_seen = false;

	if (!dep->normalized || !dep->normalized[0])
		return;
	/* The entries of this name and ecosystem (tree.h: by_name), @dep among them. */
	k = tree_index_range(ix, dep->normalized, &end);
	k = tree_index_value_bound(ix, k, end, (size_t)dep->ecosystem * n_deps);
	last = tree_index_value_bound(ix, k, end, ((size_t)dep->ecosystem + 1) * n_deps);
	for (; k < last && shown < SHOWN_MAX; k++) {
		const struct dep *o = scan_dep(app->scan, ix->keys[k].value % n_deps);

		if (o == dep) {
			self_seen = true;
			continue;
		}
		detail_line(d);
		detail_segs(d, EL_MUTED, shown++ ? "                  " : "also declared in: ");
		detail_segs(d, EL_TEXT, o->file);
		detail_fmt(d, EL_TEXT, ":%u", o->line);
		if (o->spec && o->spec[0]) {
			detail_segs(d, EL_TEXT, " ");
			detail_segs(d, EL_CODE, o->spec);
		}
	}
	more = last - k - (self_seen || k == last ? 0 : 1);
	if (more) {
		detail_line(d);
		detail_fmt(d, EL_MUTED, "                  and %zu more places", more);
	}
}

/* The git facts of graph node @v's package, after its findings (they come first on screen). */
static void
add_remote(struct detail *d, struct app *app, size_t v)
{
	const struct graph *g = scan_graph(app->scan);

	if (v < g->n_nodes)
		detail_graph_remote(d, app->scan, g->nodes[v].remote);
}

static void
build_entry(struct detail *d, struct app *app, const struct node *node)
{
	const struct dep *dep = node->dep;
	const struct index_option *opt = node->option;
	struct sv text = node->file && node->file->state == FILE_READ ? node->file->text : SV_NULL;
	const struct span_ref *at = dep ? &dep->at : &opt->at;
	size_t ms = at->name_start, me = at->name_end;

	if (node->n_findings > 0) {
		const struct finding *f = scan_finding(app->scan, node->findings[0]);

		if (f->at.name_end > f->at.name_start) {
			ms = f->at.name_start;
			me = f->at.name_end;
		}
	}
	detail_line(d);
	if (dep) {
		detail_segs(d, EL_HEADING, dep_label(dep));
		if (dep->spec && dep->spec[0]) {
			detail_segs(d, EL_TEXT, " ");
			detail_segs(d, EL_CODE, dep->spec);
		}
		detail_fmt(d, EL_MUTED, "  %s, %s", ecosystem_str(dep->ecosystem),
			dep_kind_str(dep->kind));
	} else {
		detail_segs(d, EL_HEADING, index_option_str(opt->kind));
		detail_segs(d, EL_TEXT, " ");
		detail_segs(d, EL_CODE, opt->value);
	}
	detail_line(d);
	detail_segs(d, EL_TEXT, node->path);
	detail_fmt(d, EL_TEXT, ":%u:%u", dep ? dep->line : opt->line,
		   dep ? dep->column : opt->column);
	if (dep && dep->url) {
		detail_line(d);
		detail_segs(d, EL_MUTED, "url: ");
		detail_segs(d, EL_TEXT, dep->url);
	}
	if (dep && dep->index_url) {
		detail_line(d);
		detail_segs(d, EL_MUTED, "index: ");
		detail_segs(d, EL_TEXT, dep->index_url);
	}
	if (dep && dep->extra_index) {
		detail_line(d);
		detail_segs(d, EL_MUTED, "an --extra-index-url is in force for this line");
	}
	add_source(d, text, at->start, at->end, ms, me, dep ? dep->line : opt->line);
	if (dep) {
		add_also_declared(d, app, dep);
		detail_graph_around(d, app->scan, scan_graph_node(app->scan, dep));
	}
	if (node->n_findings == 0) {
		detail_line(d);
		detail_segs(d, EL_MUTED, "No findings.");
	}
	add_blame(d, app);
	add_findings(d, app, node);
	if (dep)
		add_remote(d, app, scan_graph_node(app->scan, dep));
	add_lessons(d, app, node);
}

/*
 * A package row without findings of its own: those of its lock entry, which
 * stay on the lock file's row, are counted here so that the row is not
 * mistaken for clean.
 */
static void
add_lock_findings(struct detail *d, struct app *app, const struct dep *lock)
{
	const struct tree_index *ix = &app->tree.by_finding_dep;
	size_t n = 0, end = 0, k = 0;
	int worst = -1;

	if (lock && lock->kind == DEP_LOCK)
		k = tree_index_range(ix, lock, &end);
	for (; k < end; k++) {
		const struct finding *f = scan_finding(app->scan, ix->keys[k].value);

		n++;
		if ((int)f->severity > worst)
			worst = (int)f->severity;
	}
	detail_line(d);
	if (n == 0) {
		detail_segs(d, EL_MUTED, "No findings.");
		return;
	}
	detail_fmt(d, theme_severity_element((enum severity)worst), " %s ",
		   severity_upper((enum severity)worst));
	detail_fmt(d, EL_TEXT, " %zu finding%s on its lock entry, ", n, n == 1 ? "" : "s");
	detail_segs(d, EL_TEXT, lock->file);
	detail_fmt(d, EL_TEXT, ":%u", lock->line);
}

/* A package a declaration pulls in: what it is, how, and its findings. */
static void
build_package(struct detail *d, struct app *app, const struct node *node)
{
	const struct graph *g = scan_graph(app->scan);

	detail_graph_package(d, app->scan, &app->tree, node);
	detail_graph_around(d, app->scan, node->graph_node);
	if (node->n_findings == 0 && !node->repeat && node->graph_node < g->n_nodes)
		add_lock_findings(d, app, g->nodes[node->graph_node].dep);
	add_findings(d, app, node);
	add_remote(d, app, node->graph_node);
	add_lessons(d, app, node);
}

static void
build_more(struct detail *d, struct app *app, const struct node *node)
{
	detail_line(d);
	detail_fmt(d, EL_TEXT, "%zu more packages pulled in by this declaration are not listed:",
		   node->n_more);
	detail_line(d);
	detail_fmt(d, EL_MUTED, "the tree shows at most %d packages under one declaration;",
		   TREE_MAX_PACKAGES);
	detail_line(d);
	detail_segs(d, EL_MUTED, "`deputy scan --format json` lists the whole graph.");
	if (node->n_findings > 0) {
		detail_line(d);
		detail_fmt(d, EL_TEXT, "Findings on the packages left out (%zu):",
			   node->n_findings);
	}
	add_findings(d, app, node);
	add_lessons(d, app, node);
}

static void
build_file(struct detail *d, struct app *app, const struct node *node)
{
	const struct tree *tree = &app->tree;
	size_t counts[SEV_COUNT] = { 0 }, flagged = 0, deps = 0;

	for (size_t i = 1; i <= node->n_subtree; i++) {
		const struct node *c = &tree->nodes[node - tree->nodes + (ptrdiff_t)i];

		deps += c->kind == NODE_DEP;
		flagged += c->n_findings > 0;
		for (size_t j = 0; j < c->n_findings; j++)
			counts[scan_finding(app->scan, c->findings[j])->severity]++;
	}
	for (size_t j = 0; j < node->n_findings; j++)
		counts[scan_finding(app->scan, node->findings[j])->severity]++;
	detail_line(d);
	detail_segs(d, EL_HEADING, node->path);
	detail_line(d);
	if (!node->file) {
		detail_segs(d, EL_MUTED, "named by declarations; not listed by the scan");
	} else if (node->file->state == FILE_READ) {
		detail_segs(d, EL_MUTED, "detector: ");
		detail_segs(d, EL_TEXT, node->file->detector ? node->file->detector : "none");
	} else {
		detail_segs(d, EL_SKIPPED, file_state_str(node->file->state));
	}
	if (node->file && node->file->note) {
		detail_line(d);
		detail_segs(d, EL_MUTED, "note: ");
		detail_segs(d, EL_TEXT, node->file->note);
	}
	detail_line(d);
	detail_fmt(d, EL_TEXT, "%zu declaration%s, %zu flagged", deps, deps == 1 ? "" : "s",
		   flagged);
	detail_line(d);
	detail_fmt(d, EL_TEXT, "findings: %zu critical, %zu high, %zu medium, %zu low, %zu info",
		counts[SEV_CRITICAL], counts[SEV_HIGH], counts[SEV_MEDIUM], counts[SEV_LOW],
		counts[SEV_INFO]);
	add_findings(d, app, node);
	if (node->n_diags > 0) {
		detail_blank(d);
		detail_line(d);
		detail_fmt(d, EL_HEADING, "Diagnostics (%zu)", node->n_diags);
		const struct tree_index *ix = &app->tree.by_diag_path;
		size_t end, k = tree_index_range(ix, node->path, &end);
		for (; k < end; k++) {
			const struct diag *g = scan_diag(app->scan, ix->keys[k].value);
			struct strbuf sb = STRBUF_INIT;

			strbuf_printf(&sb, "%s", diag_level_str(g->level));
			if (g->line > 0)
				strbuf_printf(&sb, " %u:%u", g->line, g->column);
			strbuf_printf(&sb, ": %s", g->message ? g->message : "");
			detail_para(d, g->level == DIAG_ERROR ? EL_HIGH : EL_TEXT, 2, strbuf_cstr(&sb));
			strbuf_release(&sb);
			if (g->line > 0 && node->file && node->file->state == FILE_READ)
				add_diag_source(d, node->file->text, g->line, g->column);
		}
	}
	add_lessons(d, app, node);
}

static const char *
node_title(const struct app *app, const struct node *node)
{
	const struct graph *g = scan_graph(app->scan);

	switch (node->kind) {
	case NODE_FILE:
		return node->path;
	case NODE_DEP:
		return dep_label(node->dep);
	case NODE_OPTION:
		return index_option_str(node->option->kind);
	case NODE_PACKAGE:
		return node->graph_node < g->n_nodes ? g->nodes[node->graph_node].display : "?";
	case NODE_MORE:
		return "more packages";
	}
	return "?";
}

static void
detail_select(struct view *view, struct app *app)
{
	struct detail *d = &app->detail;
	const struct node *node;

	detail_reset(d, view->width - 1);
	view->top = 0;
	if (app->tree.n_visible == 0) {
		detail_line(d);
		detail_segs(d, EL_MUTED, app->tree.len == 0 ? "No dependency files found."
			    : "Nothing to show.");
		return;
	}
	node = &app->tree.nodes[app->tree.cursor];
	d->title = strdup(node_title(app, node));
	if (node->kind == NODE_FILE)
		build_file(d, app, node);
	else if (node->kind == NODE_PACKAGE)
		build_package(d, app, node);
	else if (node->kind == NODE_MORE)
		build_more(d, app, node);
	else
		build_entry(d, app, node);
}

static void
detail_draw(struct view *view, struct app *app)
{
	const struct detail *d = &app->detail;
	int rows = view_body_height(view);
	char title[64];

	werase(view->win);
	snprintf(title, sizeof(title), " Detail%s", d->title ? ": " : "");
	wmove(view->win, 0, 0);
	{
		struct strbuf sb = STRBUF_INIT;

		strbuf_adds(&sb, title);
		if (d->title)
			strbuf_adds(&sb, d->title);
		view_draw_title(view, app, strbuf_cstr(&sb), app->focus == VIEW_DETAIL);
		strbuf_release(&sb);
	}
	for (int r = 0; r < rows && view->top + (size_t)r < d->len; r++) {
		const struct detail_line *line = &d->lines[view->top + (size_t)r];
		int x = 0;

		wmove(view->win, r + 1, 0);
		for (size_t s = 0; s < line->n_segs && x < view->width - 1; s++)
			x += draw_text(view->win, line->segs[s].text, view->width - 1 - x,
				       theme_attr(app->theme, line->segs[s].el));
	}
	if (d->len > (size_t)rows && rows > 0) {
		char more[32];

		snprintf(more, sizeof(more), " %zu%% ", (size_t)((view->top + (size_t)rows) * 100
							       / d->len));
		wmove(view->win, 0, view->width - (int)strlen(more) - 1);
		draw_cstr(view->win, more, (int)strlen(more), theme_attr(app->theme, EL_TITLE));
	}
}

static int
detail_handle(struct view *view, struct app *app, enum action act)
{
	size_t rows = (size_t)(view_body_height(view) > 0 ? view_body_height(view) : 1);
	size_t old = view->top;

	if (!view_scroll(view, act, app->detail.len, rows))
		return REACT_UNHANDLED;
	if (view->top == old && (act == ACT_MOVE_DOWN || act == ACT_PAGE_DOWN))
		status_set(app, false, "end of the detail");
	else if (view->top == old && (act == ACT_MOVE_UP || act == ACT_PAGE_UP))
		status_set(app, false, "top of the detail");
	return REACT_REDRAW;
}

const struct view_ops view_detail_ops = {
	.name = "detail",
	.draw = detail_draw,
	.handle = detail_handle,
	.select = detail_select,
	.free = NULL,
};
