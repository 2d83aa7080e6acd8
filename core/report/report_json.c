/*
 * The JSON report, written with cJSON one entry at a time (json_writer.h).
 * Its shape is a public interface (docs/json-output.md): later versions only
 * add fields.
 */
#include "deputy/report.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "deputy/diag.h"
#include "json_writer.h"

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
		cJSON_AddNullToObject(o, "package");
		cJSON_AddStringToObject(o, "option", index_option_str(f->option->kind));
	} else {
		cJSON_AddStringToObject(o, "ecosystem", "pypi");
		add_str(o, "name", f->option ? f->option->value : "");
		cJSON_AddNullToObject(o, "package");
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

/* A node of the graph, with its state (docs/json-output.md). */
static cJSON *
node_json(const struct graph *g, size_t i)
{
	const struct graph_node *n = &g->nodes[i];
	const char *file = n->defined_in ? n->defined_in : n->dep ? n->dep->file : NULL;
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
	if (file) {
		add_str(no, "file", file);
		cJSON_AddNumberToObject(no, "line", n->defined_in ? n->defined_line : n->dep->line);
	} else {
		cJSON_AddNullToObject(no, "file");
		cJSON_AddNullToObject(no, "line");
	}
	add_str_or_null(no, "source", n->source);
	if (n->remote)
		cJSON_AddNumberToObject(no, "remote", (double)(n->remote - g->remotes));
	else
		cJSON_AddNullToObject(no, "remote");
	return no;
}

/* An edge of the graph, with its provenance. */
static cJSON *
edge_json(const struct graph_edge *e)
{
	cJSON *eo = cJSON_CreateObject();

	cJSON_AddNumberToObject(eo, "from", (double)e->from);
	cJSON_AddNumberToObject(eo, "to", (double)e->to);
	add_str(eo, "file", e->file);
	cJSON_AddNumberToObject(eo, "line", e->line);
	add_str_or_null(eo, "source", e->source);
	return eo;
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
	case FILE_SPECIAL: return "not-a-file";
	}
	return "?";
}

static cJSON *
file_json(const struct scan_file *f)
{
	cJSON *fo = cJSON_CreateObject();

	add_str(fo, "path", f->path);
	add_str_or_null(fo, "detector", f->detector);
	cJSON_AddStringToObject(fo, "state", file_state_str(f->state));
	add_str_or_null(fo, "note", f->note);
	return fo;
}

static cJSON *
diag_json(const struct diag *d)
{
	cJSON *dobj = cJSON_CreateObject();

	cJSON_AddStringToObject(dobj, "level", diag_level_str(d->level));
	add_str(dobj, "file", d->path);
	cJSON_AddNumberToObject(dobj, "line", d->line);
	cJSON_AddNumberToObject(dobj, "column", d->column);
	add_str(dobj, "message", d->message);
	return dobj;
}

static void
write_graph(struct json_writer *w, const struct graph *g)
{
	json_writer_open_object(w, "graph");
	json_writer_open_array(w, "nodes");
	for (size_t i = 0; i < g->n_nodes; i++)
		json_writer_value(w, NULL, node_json(g, i));
	json_writer_close(w);
	json_writer_open_array(w, "edges");
	for (size_t i = 0; i < g->n_edges; i++)
		json_writer_value(w, NULL, edge_json(&g->edges[i]));
	json_writer_close(w);
	json_writer_open_array(w, "remotes");
	for (size_t i = 0; i < g->n_remotes; i++)
		json_writer_value(w, NULL, remote_json(&g->remotes[i]));
	json_writer_close(w);
	json_writer_close(w);
}

/*
 * The report, one declaration, finding or node at a time (json_writer.h):
 * a report of 100,000 declarations is never held whole, as a cJSON tree
 * or as text.
 */
static void
write_report(struct json_writer *w, const struct scan *scan, const struct review *review,
	     const bool *stale, size_t n_stale)
{
	struct review_match m;
	struct review_progress p;
	size_t counts[SEV_COUNT];
	cJSON *o;

	json_writer_open_object(w, NULL);
	json_writer_value(w, "schema_version", cJSON_CreateNumber(REPORT_JSON_SCHEMA_VERSION));
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "name", "deputy");
	cJSON_AddStringToObject(o, "version", DEPUTY_VERSION);
	json_writer_value(w, "tool", o);
	o = cJSON_CreateObject();
	add_str(o, "root", scan_root(scan));
	add_str(o, "name", scan_snapshot_name(scan));
	cJSON_AddBoolToObject(o, "git", scan_is_git(scan));
	json_writer_value(w, "snapshot", o);

	json_writer_open_array(w, "files");
	for (size_t i = 0; i < scan_file_count(scan); i++)
		json_writer_value(w, NULL, file_json(scan_file(scan, i)));
	json_writer_close(w);
	json_writer_open_array(w, "declarations");
	for (size_t i = 0; i < scan_dep_count(scan); i++)
		json_writer_value(w, NULL, dep_json(scan_dep(scan, i)));
	json_writer_close(w);
	json_writer_open_array(w, "options");
	for (size_t i = 0; i < scan_option_count(scan); i++)
		json_writer_value(w, NULL, option_json(scan_option(scan, i)));
	json_writer_close(w);
	json_writer_open_array(w, "findings");
	for (size_t i = 0; i < scan_finding_count(scan); i++) {
		review_state_of(review, scan, scan_finding(scan, i), &m);
		json_writer_value(w, NULL, finding_json(scan_finding(scan, i), &m));
	}
	json_writer_close(w);
	json_writer_open_array(w, "stale_reviews");
	for (size_t i = 0; i < review_count(review); i++)
		if (stale[i])
			json_writer_value(w, NULL, stale_json(review_get(review, i)));
	json_writer_close(w);
	write_graph(w, scan_graph(scan));
	json_writer_open_array(w, "diagnostics");
	for (size_t i = 0; i < scan_diag_count(scan); i++)
		json_writer_value(w, NULL, diag_json(scan_diag(scan, i)));
	json_writer_close(w);

	scan_severity_counts(scan, counts);
	o = cJSON_CreateObject();
	for (int s = SEV_COUNT - 1; s >= 0; s--)
		cJSON_AddNumberToObject(o, severity_str((enum severity)s), (double)counts[s]);
	json_writer_value(w, "summary", o);
	review_progress_of(review, scan, &p);
	o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "flagged", (double)p.flagged);
	cJSON_AddNumberToObject(o, "reviewed", (double)p.reviewed);
	cJSON_AddNumberToObject(o, "accepted", (double)p.accepted);
	cJSON_AddNumberToObject(o, "expired", (double)p.expired);
	cJSON_AddNumberToObject(o, "changed", (double)p.changed);
	cJSON_AddNumberToObject(o, "stale", (double)n_stale);
	json_writer_value(w, "review", o);
	json_writer_close(w);
	fputc('\n', w->out);
}

int
report_json(FILE *out, const struct scan *scan)
{
	return report_json_reviewed(out, scan, NULL);
}

int
report_json_reviewed(FILE *out, const struct scan *scan, const struct review *review)
{
	struct json_writer w = JSON_WRITER_INIT(out);
	size_t n_stale;
	bool *stale = review_stale(review, scan, &n_stale);

	if (!stale)
		return ERR_NOMEM;
	write_report(&w, scan, review, stale, n_stale);
	free(stale);
	if (w.failed)
		return ERR_NOMEM;
	return ferror(out) ? ERR_IO : 0;
}
