/*
 * The dependency graph in the detail pane. Every name, file, url, author and
 * summary here comes from the repository or from what it names, so all of it
 * goes through detail_segs() and its escaping, never into a format string.
 */
#include "detail_graph.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "deputy/strbuf.h"
#include "draw.h"

enum { GRAPH_SHOWN_MAX = 12 };

/* One package of the graph: name, version, and what describes it. */
static void
add_package(struct detail *d, const struct graph_node *n, const char *lead)
{
	detail_line(d);
	detail_segs(d, EL_MUTED, lead);
	detail_segs(d, EL_TEXT, n->display);
	if (n->version) {
		detail_segs(d, EL_TEXT, " ");
		detail_segs(d, EL_CODE, n->version);
	}
	if (n->unresolved) {
		detail_segs(d, EL_MUTED, "  unresolved: ");
		detail_segs(d, EL_MUTED, n->reason ? n->reason : "unknown");
	} else if (n->defined_in) {
		detail_segs(d, EL_MUTED, "  ");
		detail_segs(d, EL_MUTED, n->defined_in);
		detail_fmt(d, EL_MUTED, ":%u", n->defined_line);
	}
	if (n->in_cycle)
		detail_segs(d, EL_MUTED, "  (on a cycle)");
	if (n->conflict)
		detail_segs(d, EL_MUTED, "  (locked at two versions)");
}

/* "FILE:LINE (source)": where an edge or a definition is said. */
static void
add_where(struct detail *d, const char *file, unsigned line, const char *source)
{
	detail_segs(d, EL_MUTED, file ? file : "?");
	if (line > 0)
		detail_fmt(d, EL_MUTED, ":%u", line);
	if (source) {
		detail_segs(d, EL_MUTED, " (");
		detail_segs(d, EL_MUTED, source);
		detail_segs(d, EL_MUTED, ")");
	}
}

/* "LEAD FILE:LINE (source)" as a paragraph: the paths of an environment are long. */
static void
add_where_para(struct detail *d, const char *lead, const char *file, unsigned line,
	       const char *source)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_printf(&sb, "%s%s", lead, file ? file : "?");
	if (line > 0)
		strbuf_printf(&sb, ":%u", line);
	if (source)
		strbuf_printf(&sb, " (%s)", source);
	detail_para(d, EL_MUTED, 0, strbuf_cstr(&sb) ? strbuf_cstr(&sb) : "");
	strbuf_release(&sb);
}

void
detail_graph_around(struct detail *d, const struct scan *scan, size_t v)
{
	const struct graph *g = scan_graph(scan);
	size_t out = 0, in = 0;

	if (v == GRAPH_NONE || v >= g->n_nodes)
		return;
	if (g->nodes[v].unresolved) {
		detail_line(d);
		detail_segs(d, EL_MUTED, "dependencies unknown: ");
		detail_segs(d, EL_MUTED, g->nodes[v].reason ? g->nodes[v].reason : "unknown");
		detail_wrap(d, 2);
	}
	for (size_t e = 0; e < g->n_edges; e++) {
		const struct graph_edge *edge = &g->edges[e];

		if (edge->from == v && out++ < GRAPH_SHOWN_MAX)
			add_package(d, &g->nodes[edge->to], out == 1 ? "depends on: "
				    : "            ");
	}
	for (size_t e = 0; e < g->n_edges; e++) {
		const struct graph_edge *edge = &g->edges[e];

		if (edge->to != v || in++ >= GRAPH_SHOWN_MAX)
			continue;
		detail_line(d);
		detail_segs(d, EL_MUTED, in == 1 ? "required by: " : "             ");
		detail_segs(d, EL_TEXT, g->nodes[edge->from].display);
		detail_segs(d, EL_MUTED, "  says ");
		add_where(d, edge->file, edge->line, edge->source);
	}
	if (out > GRAPH_SHOWN_MAX || in > GRAPH_SHOWN_MAX) {
		detail_line(d);
		detail_fmt(d, EL_MUTED, "(%zu dependencies and %zu dependents in all)", out, in);
	}
}

/* The name a row shows for its package or declaration. */
static const char *
row_name(const struct graph *g, const struct node *n)
{
	if (n->kind == NODE_PACKAGE && n->graph_node < g->n_nodes)
		return g->nodes[n->graph_node].display;
	if (n->dep)
		return dep_label(n->dep);
	return "?";
}

/* "pulled in by: requests → urllib3 → urlib3": the rows from the declaration down. */
static void
add_chain(struct detail *d, const struct scan *scan, const struct tree *tree,
	  const struct node *node)
{
	const struct graph *g = scan_graph(scan);
	size_t i = (size_t)(node - tree->nodes), depth = node->depth, k = 0;
	const struct node **chain = calloc(depth ? depth : 1, sizeof(*chain));

	if (!chain)
		return;
	while (k < depth && tree->nodes[i].kind != NODE_FILE) {
		chain[k++] = &tree->nodes[i];
		i = tree->nodes[i].parent;
	}
	detail_line(d);
	detail_segs(d, EL_MUTED, "pulled in by: ");
	for (size_t j = k; j-- > 0;) {
		detail_segs(d, EL_TEXT, row_name(g, chain[j]));
		if (j > 0)
			detail_segs(d, EL_MUTED, draw_utf8() ? " \xe2\x86\x92 " : " -> ");
	}
	if (k > 0 && chain[k - 1]->dep) {
		detail_line(d);
		detail_segs(d, EL_MUTED, "declared at: ");
		detail_segs(d, EL_TEXT, chain[k - 1]->dep->file);
		detail_fmt(d, EL_TEXT, ":%u", chain[k - 1]->dep->line);
	}
	free(chain);
}

void
detail_graph_package(struct detail *d, const struct scan *scan, const struct tree *tree,
		     const struct node *node)
{
	const struct graph *g = scan_graph(scan);
	const struct graph_node *p;

	if (node->graph_node >= g->n_nodes)
		return;
	p = &g->nodes[node->graph_node];
	detail_line(d);
	detail_segs(d, EL_HEADING, p->display);
	if (p->version) {
		detail_segs(d, EL_TEXT, " ");
		detail_segs(d, EL_CODE, p->version);
	}
	detail_fmt(d, EL_MUTED, "  %s, %s", ecosystem_str(p->ecosystem),
		   p->unresolved ? "unresolved" : p->direct ? "declared" : "transitive");
	if (p->defined_in) {
		add_where_para(d, "defined in: ", p->defined_in, p->defined_line, p->source);
	} else {
		detail_line(d);
		detail_segs(d, EL_MUTED, "defined in: no file the resolver read");
	}
	if (p->conflict) {
		detail_line(d);
		detail_segs(d, EL_MEDIUM, "locked at two different versions");
	}
	if (p->in_cycle) {
		detail_line(d);
		detail_segs(d, EL_MUTED, "on a dependency cycle");
	}
	add_chain(d, scan, tree, node);
	if (node->edge < g->n_edges) {
		const struct graph_edge *e = &g->edges[node->edge];
		struct strbuf lead = STRBUF_INIT;

		strbuf_printf(&lead, "because: %s requires it, says ", g->nodes[e->from].display);
		add_where_para(d, strbuf_cstr(&lead) ? strbuf_cstr(&lead) : "", e->file, e->line,
			       e->source);
		strbuf_release(&lead);
	}
	if (node->repeat)
		detail_para(d, EL_MUTED, 0, "shown above in this declaration's tree, with its "
			    "findings and what it pulls in");
}

/* "2024-05-01": a commit's date in UTC; "" when unknown. */
static void
format_date(char *buf, size_t size, int64_t when)
{
	time_t t = (time_t)when;
	struct tm tm;

	buf[0] = '\0';
	if (when > 0 && gmtime_r(&t, &tm))
		strftime(buf, size, "%Y-%m-%d", &tm);
}

static bool
is_r_remote(const struct scan *scan, const struct graph_remote *r)
{
	const struct graph *g = scan_graph(scan);

	if (r->node < g->n_nodes)
		return g->nodes[r->node].ecosystem == ECO_CRAN;
	return r->file && !strcmp(r->file, "DESCRIPTION");
}

static void
add_remote_commit(struct detail *d, const struct graph_remote *r)
{
	char when[32];

	format_date(when, sizeof(when), r->time);
	detail_line(d);
	detail_segs(d, EL_MUTED, "commit: ");
	detail_seg(d, EL_CODE, sv_make(r->commit, strnlen(r->commit, 12)));
	if (when[0])
		detail_fmt(d, EL_TEXT, " %s UTC", when);
	if (r->author) {
		detail_segs(d, EL_TEXT, " ");
		detail_segs(d, EL_TEXT, r->author);
	}
	if (r->summary && r->summary[0])
		detail_para(d, EL_MUTED, 8, r->summary);
}

void
detail_graph_remote(struct detail *d, const struct scan *scan, const struct graph_remote *r)
{
	const char *registry;

	if (!r)
		return;
	registry = is_r_remote(scan, r) ? "CRAN" : "PyPI";
	detail_blank(d);
	detail_line(d);
	detail_segs(d, EL_HEADING, "Installed from a git repository");
	detail_line(d);
	detail_segs(d, EL_MUTED, "repository: ");
	detail_segs(d, EL_TEXT, r->url ? r->url : "?");
	detail_line(d);
	detail_segs(d, EL_MUTED, "ref: ");
	if (r->ref)
		detail_segs(d, EL_CODE, r->ref);
	else
		detail_segs(d, EL_TEXT, "default branch");
	detail_segs(d, EL_MUTED, r->mutable_ref ? "  (can move: what it installs may change)"
		    : "  (a fixed commit)");
	if (r->parent != GRAPH_NONE) {
		const struct graph *g = scan_graph(scan);

		if (r->parent < g->n_remotes && g->remotes[r->parent].url) {
			detail_line(d);
			detail_segs(d, EL_MUTED, "named in the Remotes of: ");
			detail_segs(d, EL_TEXT, g->remotes[r->parent].url);
		}
	}
	if (r->gone) {
		detail_line(d);
		detail_segs(d, EL_HIGH, "repository gone: it no longer exists");
		return;
	}
	if (!r->commit) {
		detail_line(d);
		detail_segs(d, EL_MUTED, "not resolved: ");
		detail_segs(d, EL_MUTED, r->error ? r->error : "unknown");
		detail_wrap(d, 2);
		return;
	}
	add_remote_commit(d, r);
	if (r->package) {
		detail_line(d);
		detail_segs(d, EL_MUTED, "at that commit, ");
		detail_segs(d, EL_MUTED, r->file ? r->file : "its metadata");
		detail_segs(d, EL_MUTED, " names: ");
		detail_segs(d, EL_TEXT, r->package);
		if (r->version) {
			detail_segs(d, EL_TEXT, " ");
			detail_segs(d, EL_CODE, r->version);
		}
		detail_line(d);
		detail_segs(d, EL_TEXT, r->package);
		detail_fmt(d, EL_TEXT, r->in_registry ? " is also a %s package: check which one "
			   "you mean to install" : " is not on %s", registry);
	}
}
