/*
 * The JSON report, written with cJSON. Its shape is a public interface
 * (docs/json-output.md): later versions only add fields.
 */
#include "deputy/report.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "deputy/diag.h"

/*
 * cJSON strings must be valid UTF-8 to be valid JSON; repository text may
 * not be. Invalid bytes become U+FFFD here (the raw bytes are in the file).
 */
#include "deputy/utf8.h"
#include "deputy/strbuf.h"

static cJSON *
add_str(cJSON *obj, const char *key, const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	struct sv v = sv_from_cstr(s ? s : "");
	cJSON *item;

	for (size_t i = 0; i < v.len;) {
		uint32_t cp;
		size_t n = utf8_decode(v.ptr + i, v.len - i, &cp);
		if (n == 0) {
			strbuf_adds(&sb, "\xef\xbf\xbd");
			i++;
		} else {
			strbuf_add(&sb, v.ptr + i, n);
			i += n;
		}
	}
	item = cJSON_AddStringToObject(obj, key, strbuf_cstr(&sb));
	strbuf_release(&sb);
	return item;
}

static void
add_str_or_null(cJSON *obj, const char *key, const char *s)
{
	if (s)
		add_str(obj, key, s);
	else
		cJSON_AddNullToObject(obj, key);
}

static cJSON *
str_array(const char *const *items, size_t n)
{
	cJSON *arr = cJSON_CreateArray();

	for (size_t i = 0; arr && i < n; i++) {
		cJSON *wrap = cJSON_CreateObject();
		add_str(wrap, "v", items[i]);
		cJSON *v = cJSON_DetachItemFromObject(wrap, "v");
		cJSON_AddItemToArray(arr, v);
		cJSON_Delete(wrap);
	}
	return arr;
}

/* The lines of @text ("a\nb") as an array of strings. */
static cJSON *
lines_array(const char *text)
{
	cJSON *arr = cJSON_CreateArray();

	while (arr && *text) {
		const char *nl = strchr(text, '\n');
		size_t len = nl ? (size_t)(nl - text) : strlen(text);
		char *line = strndup(text, len);
		cJSON *wrap = cJSON_CreateObject();

		if (line && wrap) {
			add_str(wrap, "v", line);
			cJSON_AddItemToArray(arr, cJSON_DetachItemFromObject(wrap, "v"));
		}
		cJSON_Delete(wrap);
		free(line);
		text += len + (nl != NULL);
	}
	return arr;
}

static cJSON *
dep_json(const struct dep *d)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "ecosystem", ecosystem_str(d->ecosystem));
	add_str(o, "name", d->name);
	add_str(o, "normalized", d->normalized);
	add_str(o, "spec", d->spec);
	add_str(o, "file", d->file);
	cJSON_AddNumberToObject(o, "line", d->line);
	cJSON_AddNumberToObject(o, "column", d->column);
	cJSON_AddStringToObject(o, "kind", dep_kind_str(d->kind));
	cJSON_AddItemToObject(o, "extras", str_array(d->extras, d->n_extras));
	add_str(o, "marker", d->marker);
	add_str_or_null(o, "url", d->url);
	add_str_or_null(o, "ref", d->vcs_ref);
	cJSON_AddItemToObject(o, "hashes", str_array(d->hashes, d->n_hashes));
	cJSON_AddBoolToObject(o, "editable", d->editable);
	cJSON_AddBoolToObject(o, "pinned", dep_is_pinned(d));
	add_str_or_null(o, "index_url", d->index_url);
	add_str_or_null(o, "package", d->package);
	add_str_or_null(o, "subdir", d->subdir);
	cJSON_AddItemToObject(o, "requires", str_array(d->requires, d->n_requires));
	cJSON_AddBoolToObject(o, "dynamic", d->dynamic);
	cJSON_AddStringToObject(o, "language", d->language == LANG_R ? "r" :
				d->language == LANG_SHELL ? "shell" : "python");
	add_str(o, "raw", d->raw);
	return o;
}

static cJSON *
option_json(const struct index_option *opt)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "option", index_option_str(opt->kind));
	add_str(o, "value", opt->value);
	add_str(o, "file", opt->file);
	cJSON_AddNumberToObject(o, "line", opt->line);
	cJSON_AddNumberToObject(o, "column", opt->column);
	add_str(o, "raw", opt->raw);
	return o;
}

/* A decision's members, as in the review file (docs/review-file.md). */
static void
add_decision(cJSON *o, const struct review_decision *d)
{
	cJSON_AddStringToObject(o, "decision", review_kind_str(d->kind));
	add_str(o, "reason", d->reason);
	add_str(o, "reviewer", d->reviewer);
	add_str(o, "date", d->date);
	add_str_or_null(o, "expires", d->expires);
	add_str(o, "reviewed_at", d->reviewed_at);
	add_str_or_null(o, "commit", d->commit);
}

/* A finding's "review": null without a decision. */
static cJSON *
review_json(const struct review_match *m)
{
	cJSON *o;

	if (m->state == REVIEW_NONE)
		return cJSON_CreateNull();
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "state", review_state_str(m->state));
	add_decision(o, m->decision);
	add_str(o, "now_at", m->now_at);
	add_str_or_null(o, "now_commit", m->now_commit[0] ? m->now_commit : NULL);
	return o;
}

/* A decision that matches no finding any more. */
static cJSON *
stale_json(const struct review_decision *d)
{
	cJSON *o = cJSON_CreateObject();

	add_str(o, "ecosystem", d->ecosystem);
	add_str(o, "package", d->package);
	add_str(o, "rule", d->rule);
	add_str(o, "file", d->file);
	add_decision(o, d);
	return o;
}

static cJSON *
finding_json(const struct finding *f, const struct review_match *m)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "rule", f->rule->id);
	cJSON_AddStringToObject(o, "severity", severity_str(f->severity));
	cJSON_AddStringToObject(o, "title", f->rule->title);
	if (f->dep) {
		cJSON_AddStringToObject(o, "ecosystem", ecosystem_str(f->dep->ecosystem));
		add_str(o, "name", f->dep->name[0] ? f->dep->name : f->dep->url);
		add_str_or_null(o, "package", f->dep->package);
	} else if (f->option && f->option->kind == OPT_R_REPOS) {
		cJSON_AddStringToObject(o, "ecosystem", "cran");
		add_str(o, "name", f->option->value);
		cJSON_AddStringToObject(o, "option", index_option_str(f->option->kind));
	} else {
		cJSON_AddStringToObject(o, "ecosystem", "pypi");
		add_str(o, "name", f->option ? f->option->value : "");
		if (f->option)
			cJSON_AddStringToObject(o, "option", index_option_str(f->option->kind));
	}
	add_str(o, "file", f->file);
	cJSON_AddNumberToObject(o, "line", f->line);
	cJSON_AddNumberToObject(o, "column", f->column);
	add_str(o, "message", f->message);
	add_str_or_null(o, "imitates", f->imitates);
	if (f->imitates_rank)
		cJSON_AddNumberToObject(o, "imitates_rank", f->imitates_rank);
	else
		cJSON_AddNullToObject(o, "imitates_rank");
	add_str_or_null(o, "technique", f->technique);
	add_str_or_null(o, "source", f->source);
	add_str_or_null(o, "path", f->path);
	add_str_or_null(o, "report_id", f->report_id);
	add_str_or_null(o, "summary", f->summary);
	if (f->references)
		cJSON_AddItemToObject(o, "references", lines_array(f->references));
	else
		cJSON_AddNullToObject(o, "references");
	cJSON_AddItemToObject(o, "review", review_json(m));
	return o;
}

static const char *
graph_ecosystem_str(enum ecosystem eco)
{
	return eco == ECO_PYPI ? "pypi" : "cran";
}

/* A repository a package is installed from, and what its ref points at. */
static cJSON *
remote_json(const struct graph_remote *r)
{
	cJSON *o = cJSON_CreateObject();
	char day[32] = "";
	struct tm tm;
	time_t t = (time_t)r->time;

	if (r->time && gmtime_r(&t, &tm))
		strftime(day, sizeof(day), "%Y-%m-%dT%H:%M:%SZ", &tm);
	add_str(o, "url", r->url);
	add_str_or_null(o, "ref", r->ref);
	cJSON_AddBoolToObject(o, "mutable", r->mutable_ref);
	if (r->node == GRAPH_NONE)
		cJSON_AddNullToObject(o, "node");
	else
		cJSON_AddNumberToObject(o, "node", (double)r->node);
	add_str(o, "declared_in", r->dep->file);
	cJSON_AddNumberToObject(o, "line", r->dep->line);
	add_str_or_null(o, "commit", r->commit);
	add_str_or_null(o, "author", r->author);
	add_str_or_null(o, "date", day[0] ? day : NULL);
	add_str_or_null(o, "summary", r->summary);
	cJSON_AddBoolToObject(o, "gone", r->gone);
	add_str_or_null(o, "error", r->error);
	add_str_or_null(o, "package", r->package);
	add_str_or_null(o, "version", r->version);
	add_str_or_null(o, "package_file", r->package ? r->file : NULL);
	cJSON_AddBoolToObject(o, "in_registry", r->in_registry);
	return o;
}

/* The graph: nodes with their state, edges with their provenance (docs/json-output.md). */
static cJSON *
graph_json(const struct graph *g)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *nodes = cJSON_AddArrayToObject(o, "nodes");
	cJSON *edges = cJSON_AddArrayToObject(o, "edges");
	cJSON *remotes = cJSON_AddArrayToObject(o, "remotes");

	for (size_t i = 0; nodes && i < g->n_nodes; i++) {
		const struct graph_node *n = &g->nodes[i];
		cJSON *no = cJSON_CreateObject();

		cJSON_AddNumberToObject(no, "id", (double)i);
		cJSON_AddStringToObject(no, "ecosystem", graph_ecosystem_str(n->ecosystem));
		add_str(no, "name", n->name);
		add_str_or_null(no, "version", n->version);
		cJSON_AddBoolToObject(no, "direct", n->direct);
		cJSON_AddBoolToObject(no, "unresolved", n->unresolved);
		add_str_or_null(no, "reason", n->reason);
		cJSON_AddBoolToObject(no, "conflict", n->conflict);
		cJSON_AddBoolToObject(no, "cycle", n->in_cycle);
		const char *file = n->defined_in ? n->defined_in : n->dep ? n->dep->file : NULL;
		if (file) {
			add_str(no, "file", file);
			cJSON_AddNumberToObject(no, "line", n->defined_in ? n->defined_line
									   : n->dep->line);
		} else {
			cJSON_AddNullToObject(no, "file");
			cJSON_AddNullToObject(no, "line");
		}
		add_str_or_null(no, "source", n->source);
		if (n->remote)
			cJSON_AddNumberToObject(no, "remote", (double)(n->remote - g->remotes));
		else
			cJSON_AddNullToObject(no, "remote");
		cJSON_AddItemToArray(nodes, no);
	}
	for (size_t i = 0; edges && i < g->n_edges; i++) {
		const struct graph_edge *e = &g->edges[i];
		cJSON *eo = cJSON_CreateObject();

		cJSON_AddNumberToObject(eo, "from", (double)e->from);
		cJSON_AddNumberToObject(eo, "to", (double)e->to);
		add_str(eo, "file", e->file);
		cJSON_AddNumberToObject(eo, "line", e->line);
		add_str_or_null(eo, "source", e->source);
		cJSON_AddItemToArray(edges, eo);
	}
	for (size_t i = 0; remotes && i < g->n_remotes; i++)
		cJSON_AddItemToArray(remotes, remote_json(&g->remotes[i]));
	return o;
}

static const char *
file_state_str(enum scan_file_state s)
{
	switch (s) {
	case FILE_READ: return "read";
	case FILE_TOO_LARGE: return "too-large";
	case FILE_BINARY: return "binary";
	case FILE_SYMLINK_OUTSIDE: return "symlink-outside";
	case FILE_SUBMODULE: return "submodule";
	case FILE_UNREADABLE: return "unreadable";
	}
	return "?";
}

static cJSON *
build(const struct scan *scan, const struct review *review)
{
	struct review_match m;
	struct review_progress p;
	cJSON *root = cJSON_CreateObject();
	cJSON *arr, *o;
	size_t counts[SEV_COUNT];

	cJSON_AddNumberToObject(root, "schema_version", REPORT_JSON_SCHEMA_VERSION);
	o = cJSON_AddObjectToObject(root, "tool");
	cJSON_AddStringToObject(o, "name", "deputy");
	cJSON_AddStringToObject(o, "version", DEPUTY_VERSION);
	o = cJSON_AddObjectToObject(root, "snapshot");
	add_str(o, "root", scan_root(scan));
	add_str(o, "name", scan_snapshot_name(scan));
	cJSON_AddBoolToObject(o, "git", scan_is_git(scan));

	arr = cJSON_AddArrayToObject(root, "files");
	for (size_t i = 0; i < scan_file_count(scan); i++) {
		const struct scan_file *f = scan_file(scan, i);
		cJSON *fo = cJSON_CreateObject();
		add_str(fo, "path", f->path);
		add_str_or_null(fo, "detector", f->detector);
		cJSON_AddStringToObject(fo, "state", file_state_str(f->state));
		add_str_or_null(fo, "note", f->note);
		cJSON_AddItemToArray(arr, fo);
	}
	arr = cJSON_AddArrayToObject(root, "declarations");
	for (size_t i = 0; i < scan_dep_count(scan); i++)
		cJSON_AddItemToArray(arr, dep_json(scan_dep(scan, i)));
	arr = cJSON_AddArrayToObject(root, "options");
	for (size_t i = 0; i < scan_option_count(scan); i++)
		cJSON_AddItemToArray(arr, option_json(scan_option(scan, i)));
	arr = cJSON_AddArrayToObject(root, "findings");
	for (size_t i = 0; i < scan_finding_count(scan); i++) {
		review_state_of(review, scan, scan_finding(scan, i), &m);
		cJSON_AddItemToArray(arr, finding_json(scan_finding(scan, i), &m));
	}
	arr = cJSON_AddArrayToObject(root, "stale_reviews");
	for (size_t i = 0; i < review_count(review); i++)
		if (review_is_stale(review, scan, i))
			cJSON_AddItemToArray(arr, stale_json(review_get(review, i)));
	cJSON_AddItemToObject(root, "graph", graph_json(scan_graph(scan)));
	arr = cJSON_AddArrayToObject(root, "diagnostics");
	for (size_t i = 0; i < scan_diag_count(scan); i++) {
		const struct diag *d = scan_diag(scan, i);
		cJSON *dobj = cJSON_CreateObject();
		cJSON_AddStringToObject(dobj, "level", diag_level_str(d->level));
		add_str(dobj, "file", d->path);
		cJSON_AddNumberToObject(dobj, "line", d->line);
		cJSON_AddNumberToObject(dobj, "column", d->column);
		add_str(dobj, "message", d->message);
		cJSON_AddItemToArray(arr, dobj);
	}
	scan_severity_counts(scan, counts);
	o = cJSON_AddObjectToObject(root, "summary");
	for (int s = SEV_COUNT - 1; s >= 0; s--)
		cJSON_AddNumberToObject(o, severity_str((enum severity)s), (double)counts[s]);
	review_progress_of(review, scan, &p);
	o = cJSON_AddObjectToObject(root, "review");
	cJSON_AddNumberToObject(o, "flagged", (double)p.flagged);
	cJSON_AddNumberToObject(o, "reviewed", (double)p.reviewed);
	cJSON_AddNumberToObject(o, "accepted", (double)p.accepted);
	cJSON_AddNumberToObject(o, "expired", (double)p.expired);
	cJSON_AddNumberToObject(o, "changed", (double)p.changed);
	cJSON_AddNumberToObject(o, "stale", (double)review_stale_count(review, scan));
	return root;
}

int
report_json(FILE *out, const struct scan *scan)
{
	return report_json_reviewed(out, scan, NULL);
}

int
report_json_reviewed(FILE *out, const struct scan *scan, const struct review *review)
{
	cJSON *root = build(scan, review);
	char *text;

	if (!root)
		return ERR_NOMEM;
	text = cJSON_Print(root);
	cJSON_Delete(root);
	if (!text)
		return ERR_NOMEM;
	fputs(text, out);
	fputc('\n', out);
	free(text);
	return ferror(out) ? ERR_IO : 0;
}
