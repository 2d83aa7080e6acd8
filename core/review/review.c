/*
 * The review store: which decision applies to a finding, whether it still
 * holds (same version or commit, unexpired), and recording or removing one.
 */
#include "deputy/review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deputy/diag.h"
#include "deputy/escape.h"
#include "deputy/graph.h"
#include "review/review_impl.h"

/* What identifies a finding's decision, and what the finding is at now (borrowed). */
struct review_key {
	const char *ecosystem;
	const char *package;
	const char *rule;
	const char *file;
	struct sv at;                /* the version or ref; empty when nothing is pinned */
	const char *commit;          /* what the ref points at (--online); NULL unknown */
};

static bool
is_git_dep(const struct dep *d)
{
	return d->vcs_ref || d->ecosystem == ECO_GITHUB || d->ecosystem == ECO_GITLAB ||
		d->ecosystem == ECO_BITBUCKET || d->ecosystem == ECO_VCS;
}

/* The repository @d installs from, as the scan's graph knows it, or NULL. */
static const struct graph_remote *
remote_of(const struct scan *scan, const struct dep *d)
{
	const struct graph *g = scan_graph(scan);
	size_t node;

	for (size_t i = 0; i < g->n_remotes; i++)
		if (g->remotes[i].dep == d)
			return &g->remotes[i];
	node = scan_graph_node(scan, d);
	return node != GRAPH_NONE && node < g->n_nodes ? g->nodes[node].remote : NULL;
}

/*
 * A finding's identity. Options (an --extra-index-url line, an R repos=) have
 * no package: their value stands for it, and they pin nothing.
 */
static void
key_of(struct review_key *k, const struct scan *scan, const struct finding *f)
{
	const struct dep *d = f->dep;

	memset(k, 0, sizeof(*k));
	k->rule = f->rule->id;
	k->file = f->file ? f->file : "";
	k->at = sv_from_cstr("");
	if (!d) {
		const struct index_option *o = f->option;
		k->ecosystem = o && o->kind == OPT_R_REPOS ? "cran" : "pypi";
		k->package = !o ? "" : o->value[0] ? o->value : index_option_str(o->kind);
		return;
	}
	k->ecosystem = ecosystem_str(d->ecosystem);
	k->package = d->normalized && d->normalized[0] ? d->normalized :
		d->name[0] ? d->name : d->url ? d->url : "";
	if (is_git_dep(d)) {
		const struct graph_remote *r = remote_of(scan, d);
		k->at = sv_from_cstr(d->vcs_ref ? d->vcs_ref : r && r->ref ? r->ref : "");
		k->commit = r ? r->commit : NULL;
	} else if (dep_is_pinned(d)) {
		k->at = dep_pinned_version(d);
	}
}

/* Orders a decision against a finding's identity, as review_entry_cmp() orders entries. */
static int
cmp_identity(const struct review_decision *d, const struct review_key *k)
{
	int c = strcmp(d->ecosystem, k->ecosystem);

	if (!c)
		c = strcmp(d->package, k->package);
	if (!c)
		c = strcmp(d->rule, k->rule);
	if (!c)
		c = strcmp(d->file, k->file);
	return c;
}

static bool
same_identity(const struct review_decision *d, const struct review_key *k)
{
	return cmp_identity(d, k) == 0;
}

/*
 * The index of the first decision not ordered before @k (the list is sorted):
 * the first with @k's identity, the file's first when there are several.
 */
static size_t
lower_bound(const struct review *review, const struct review_key *k)
{
	size_t lo = 0, hi = review->len;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cmp_identity(&review->items[mid].d, k) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static const struct review_entry *
find(const struct review *review, const struct review_key *k)
{
	size_t i = lower_bound(review, k);

	return i < review->len && same_identity(&review->items[i].d, k) ? &review->items[i] : NULL;
}

/* A commit known then and now that differs; an unknown one changes nothing. */
static bool
is_changed(const struct review_decision *d, const struct review_key *k)
{
	if (!sv_eq_cstr(k->at, d->reviewed_at))
		return true;
	return d->commit && k->commit && strcmp(d->commit, k->commit) != 0;
}

static void
copy_sv(char *out, size_t size, struct sv s)
{
	size_t n = s.len < size - 1 ? s.len : size - 1;

	if (n)
		memcpy(out, s.ptr, n);
	out[n] = '\0';
}

enum review_state
review_state_of(const struct review *review, const struct scan *scan,
		const struct finding *finding, struct review_match *out)
{
	struct review_key k;
	const struct review_entry *e;

	key_of(&k, scan, finding);
	memset(out, 0, sizeof(*out));
	copy_sv(out->now_at, sizeof(out->now_at), k.at);
	copy_sv(out->now_commit, sizeof(out->now_commit), sv_from_cstr(k.commit));
	e = review ? find(review, &k) : NULL;
	if (!e)
		return out->state = REVIEW_NONE;
	out->decision = &e->d;
	if (is_changed(&e->d, &k))
		out->state = REVIEW_CHANGED;
	else if (e->d.kind == REVIEW_KIND_REVIEWED)
		out->state = REVIEW_REVIEWED;
	else if (e->d.expires && strcmp(review->today, e->d.expires) > 0)
		out->state = REVIEW_EXPIRED;
	else
		out->state = REVIEW_ACCEPTED;
	return out->state;
}

bool
review_state_excuses(enum review_state state)
{
	return state == REVIEW_ACCEPTED;
}

const char *
review_state_str(enum review_state state)
{
	switch (state) {
	case REVIEW_NONE: return "none";
	case REVIEW_REVIEWED: return "reviewed";
	case REVIEW_ACCEPTED: return "accepted";
	case REVIEW_EXPIRED: return "expired";
	case REVIEW_CHANGED: return "changed";
	}
	return "none";
}

const char *
review_kind_str(enum review_kind kind)
{
	return kind == REVIEW_KIND_ACCEPTED ? "accepted" : "reviewed";
}

void
review_progress_of(const struct review *review, const struct scan *scan,
		   struct review_progress *out)
{
	struct review_match m;

	memset(out, 0, sizeof(*out));
	out->flagged = scan_finding_count(scan);
	for (size_t i = 0; i < out->flagged; i++) {
		switch (review_state_of(review, scan, scan_finding(scan, i), &m)) {
		case REVIEW_NONE: break;
		case REVIEW_REVIEWED: out->reviewed++; break;
		case REVIEW_ACCEPTED: out->accepted++; break;
		case REVIEW_EXPIRED: out->expired++; break;
		case REVIEW_CHANGED: out->changed++; break;
		}
	}
}

bool *
review_stale(const struct review *review, const struct scan *scan, size_t *n_stale)
{
	size_t len = review_count(review);
	bool *stale = malloc((len ? len : 1) * sizeof(*stale));
	struct review_key k;

	*n_stale = 0;
	if (!stale)
		return NULL;
	for (size_t i = 0; i < len; i++)
		stale[i] = true;
	/* each finding clears the decisions with its identity: they sort together */
	for (size_t j = 0; len && j < scan_finding_count(scan); j++) {
		key_of(&k, scan, scan_finding(scan, j));
		for (size_t i = lower_bound(review, &k);
		     i < len && stale[i] && same_identity(&review->items[i].d, &k); i++)
			stale[i] = false;
	}
	for (size_t i = 0; i < len; i++)
		*n_stale += stale[i];
	return stale;
}

size_t
review_count(const struct review *review)
{
	return review ? review->len : 0;
}

const struct review_decision *
review_get(const struct review *review, size_t i)
{
	return review && i < review->len ? &review->items[i].d : NULL;
}

const char *
review_path(const struct review *review)
{
	return review->path;
}

void
review_entry_release(struct review_entry *e)
{
	free((char *)e->d.ecosystem);
	free((char *)e->d.package);
	free((char *)e->d.rule);
	free((char *)e->d.file);
	free((char *)e->d.reviewed_at);
	free((char *)e->d.commit);
	free((char *)e->d.reason);
	free((char *)e->d.reviewer);
	free((char *)e->d.date);
	free((char *)e->d.expires);
	cJSON_Delete(e->extra);
	memset(e, 0, sizeof(*e));
}

int
review_entry_cmp(const struct review_entry *a, const struct review_entry *b)
{
	const struct review_key k = {
		.ecosystem = b->d.ecosystem, .package = b->d.package, .rule = b->d.rule,
		.file = b->d.file,
	};

	return cmp_identity(&a->d, &k);
}

/*
 * Makes @review's list the @n entries @list points at (into the old list),
 * moved into @items, which the review then owns; the old array is freed.
 */
static void
take_list(struct review *review, struct review_entry *items, struct review_entry *const *list,
	  size_t n)
{
	for (size_t i = 0; i < n; i++)
		items[i] = *list[i];
	free(review->items);
	review->items = items;
	review->cap = n ? n : 1;
	review->len = n;
}

/* Entries by review_entry_cmp(), and in the file's order (their place in the array) when equal. */
static int
cmp_entry_ptr(const void *a, const void *b)
{
	const struct review_entry *x = *(const struct review_entry *const *)a;
	const struct review_entry *y = *(const struct review_entry *const *)b;
	int c = review_entry_cmp(x, y);

	return c ? c : (x > y) - (x < y);
}

/* Sorts @review's list, stably (the first of several like decisions is the file's first). */
static int
sort_entries(struct review *review)
{
	size_t n = review->len;
	struct review_entry **order = malloc((n ? n : 1) * sizeof(*order));
	struct review_entry *items = malloc((n ? n : 1) * sizeof(*items));

	if (!order || !items) {
		free(order);
		free(items);
		return ERR_NOMEM;
	}
	for (size_t i = 0; i < n; i++)
		order[i] = &review->items[i];
	qsort(order, n, sizeof(*order), cmp_entry_ptr);
	take_list(review, items, order, n);
	free(order);
	return 0;
}

/* A working tree or a plain folder, not a --rev snapshot ("REV (abc1234)"). */
static bool
is_snapshot(const struct scan *scan)
{
	const char *name = scan_snapshot_name(scan);

	return strcmp(name, "working tree") != 0 && strcmp(name, "folder") != 0;
}

int
review_load(struct review **out, const struct scan *scan, time_t now, char *err,
	    size_t err_size)
{
	struct review *review = calloc(1, sizeof(*review));
	const char *root = scan_root(scan);
	int rc;

	*out = NULL;
	if (err_size)
		err[0] = '\0';
	if (!review)
		return ERR_NOMEM;
	review->root = strdup(root);
	review->path = malloc(strlen(root) + sizeof("/" REVIEW_FILE_NAME));
	if (!review->root || !review->path) {
		review_free(review);
		return ERR_NOMEM;
	}
	strcpy(review->path, root);
	strcat(review->path, "/" REVIEW_FILE_NAME);
	review->snapshot = is_snapshot(scan);
	review_date_of(review->today, now);
	rc = review_file_read(review, err, err_size);
	if (rc == ERR_NOMEM || sort_entries(review) != 0) {
		review_free(review);
		return ERR_NOMEM;
	}
	review->broken = rc;
	*out = review;
	return rc;
}

void
review_free(struct review *review)
{
	if (!review)
		return;
	for (size_t i = 0; i < review->len; i++)
		review_entry_release(&review->items[i]);
	free(review->items);
	free(review->path);
	free(review->root);
	free(review);
}

int
review_writable(const struct review *review, char *err, size_t err_size)
{
	if (review->snapshot) {
		snprintf(err, err_size, "decisions are recorded in the working tree only, not in a "
			 "--rev snapshot");
		return ERR_USAGE;
	}
	if (review->broken == ERR_OUTSIDE) {
		snprintf(err, err_size, "%s is a symbolic link or not a regular file; deputy "
			 "writes only a regular file", review->path);
		return ERR_OUTSIDE;
	}
	if (review->broken) {
		snprintf(err, err_size, "%s could not be read whole; fix or remove it first",
			 review->path);
		return review->broken;
	}
	if (review->newer) {
		snprintf(err, err_size, "%s was written by a newer deputy; not overwritten",
			 review->path);
		return ERR_USAGE;
	}
	return 0;
}

/*
 * Saves the list without the entries whose @drop is set, plus @add when not
 * NULL; on success makes that the list in memory. *@removed counts what went.
 */
static int
save_dropping(struct review *review, const bool *drop, struct review_entry *add,
	      size_t *removed, char *err, size_t err_size)
{
	struct review_entry **list = malloc((review->len + 1) * sizeof(*list));
	struct review_entry *items;
	size_t n = 0, gone = 0;
	int rc;

	if (!list)
		return ERR_NOMEM;
	for (size_t i = 0; i < review->len; i++) {
		if (drop[i]) {
			gone++;
			continue;
		}
		list[n++] = &review->items[i];
	}
	if (add) {
		size_t at = n;
		while (at > 0 && review_entry_cmp(list[at - 1], add) > 0)
			at--;
		memmove(list + at + 1, list + at, (n - at) * sizeof(*list));
		list[at] = add;
		n++;
	}
	*removed = gone;
	if (!add && gone == 0) {
		free(list);
		return 0;
	}
	rc = review_file_write(review, list, n, err, err_size);
	items = rc ? NULL : malloc((n ? n : 1) * sizeof(*items));
	if (!rc && !items)
		rc = ERR_NOMEM;     /* the file is written; memory keeps the old list */
	if (rc) {
		free(list);
		return rc;
	}
	for (size_t i = 0; i < review->len; i++)
		if (drop[i])
			review_entry_release(&review->items[i]);
	take_list(review, items, list, n);
	free(list);
	return 0;
}

/* save_dropping() of the entries like @k. */
static int
save(struct review *review, const struct review_key *k, struct review_entry *add,
     size_t *removed, char *err, size_t err_size)
{
	bool *drop = calloc(review->len ? review->len : 1, sizeof(*drop));
	int rc;

	if (!drop)
		return ERR_NOMEM;
	for (size_t i = 0; i < review->len; i++)
		drop[i] = same_identity(&review->items[i].d, k);
	rc = save_dropping(review, drop, add, removed, err, err_size);
	free(drop);
	return rc;
}

static char *
dup_sv(struct sv s)
{
	char *p = malloc(s.len + 1);

	if (p && s.len)
		memcpy(p, s.ptr, s.len);
	if (p)
		p[s.len] = '\0';
	return p;
}

static int
make_entry(struct review_entry *e, const struct review *review, const struct review_key *k,
	   enum review_kind kind, const char *reason, const char *expires)
{
	memset(e, 0, sizeof(*e));
	e->d.ecosystem = strdup(k->ecosystem);
	e->d.package = strdup(k->package);
	e->d.rule = strdup(k->rule);
	e->d.file = strdup(k->file);
	e->d.reviewed_at = dup_sv(k->at);
	e->d.commit = k->commit ? strdup(k->commit) : NULL;
	e->d.kind = kind;
	e->d.reason = strdup(reason ? reason : "");
	e->d.reviewer = review_reviewer(review->root);
	e->d.date = strdup(review->today);
	e->d.expires = expires ? strdup(expires) : NULL;
	if (!e->d.ecosystem || !e->d.package || !e->d.rule || !e->d.file || !e->d.reviewed_at ||
	    (k->commit && !e->d.commit) || !e->d.reason || !e->d.reviewer || !e->d.date ||
	    (expires && !e->d.expires)) {
		review_entry_release(e);
		return ERR_NOMEM;
	}
	return 0;
}

int
review_decide(struct review *review, const struct scan *scan, const struct finding *finding,
	      enum review_kind kind, const char *reason, const char *expires, char *err,
	      size_t err_size)
{
	struct review_key k;
	struct review_entry e;
	size_t removed;
	int rc = review_writable(review, err, err_size);

	if (rc)
		return rc;
	if (kind == REVIEW_KIND_ACCEPTED && (!reason || !sv_trim(sv_from_cstr(reason)).len)) {
		snprintf(err, err_size, "an acceptance needs a reason");
		return ERR_USAGE;
	}
	if (reason && !escape_is_safe(sv_from_cstr(reason), false)) {
		snprintf(err, err_size, "the reason holds control characters or invalid UTF-8");
		return ERR_USAGE;
	}
	if (expires && !review_date_is_valid(expires)) {
		snprintf(err, err_size, "expected an expiry date as YYYY-MM-DD, not '%.40s'",
			 expires);
		return ERR_USAGE;
	}
	if (expires && strcmp(expires, review->today) < 0) {
		snprintf(err, err_size, "the expiry date %s is in the past", expires);
		return ERR_USAGE;
	}
	key_of(&k, scan, finding);
	rc = make_entry(&e, review, &k, kind, reason, expires);
	if (rc)
		return rc;
	rc = save(review, &k, &e, &removed, err, err_size);
	if (rc)
		review_entry_release(&e);
	return rc;
}

int
review_undo(struct review *review, const struct scan *scan, const struct finding *finding,
	    char *err, size_t err_size)
{
	struct review_key k;
	size_t removed = 0;
	int rc = review_writable(review, err, err_size);

	if (rc)
		return rc;
	key_of(&k, scan, finding);
	if (!find(review, &k)) {
		snprintf(err, err_size, "no decision about this entry");
		return ERR_NOTFOUND;
	}
	return save(review, &k, NULL, &removed, err, err_size);
}

int
review_drop_stale(struct review *review, const struct scan *scan, size_t *dropped, char *err,
		  size_t err_size)
{
	bool *drop;
	int rc;

	*dropped = 0;
	if ((rc = review_writable(review, err, err_size)) != 0)
		return rc;
	if (!(drop = review_stale(review, scan, dropped)))
		return ERR_NOMEM;
	rc = save_dropping(review, drop, NULL, dropped, err, err_size);
	if (rc)
		*dropped = 0;
	free(drop);
	return rc;
}
