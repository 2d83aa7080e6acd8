/*
 * The pipeline, start to finish: snapshot → detect → (includes) → rules →
 * a finished, immutable scan. Everything the scan holds lives in its arena.
 */
#include "deputy/scan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "deputy/array.h"
#include "deputy/hash_index.h"
#include "deputy/path.h"
#include "deputy/strbuf.h"
#include "deputy/sync.h"
#include "detect/detect.h"
#include "intel/intel.h"
#include "repo/snapshot.h"
#include "resolve/graph.h"
#include "resolve/online_index.h"
#include "resolve/remotes.h"
#include "resolve/source.h"
#include "rules/rules.h"
#include "sync/cache.h"
#include "sync/osv_load.h"

/* Includes deeper than this are not followed (pip has no limit; a bomb would). */
#define INCLUDE_DEPTH_MAX 32
/* Files without an extension larger than this are not sniffed for a #! line. */
#define SNIFF_MAX_SIZE (1024 * 1024)
/* Git's own heuristic: a NUL in the first 8000 bytes means binary. */
#define BINARY_PROBE 8000

struct scan {
	struct arena arena;
	struct snapshot *snap;
	char *root;
	char *name;
	bool git;

	struct scan_file *files;     /* heap */
	size_t n_files, cap_files;
	struct hash_index paths;     /* files by path, while building */
	bool sorted;                 /* files sorted by path: looked up by binary search */
	struct diags diags;
	struct detect_out found;     /* deps, options (heap arrays of arena pointers) */
	struct findings findings;
	size_t sev_counts[SEV_COUNT];
	struct intel *intel;         /* findings borrow its strings */
	struct graph graph;          /* in the arena */
	struct rules_include *includes;  /* heap: which file read which (-r, -c) */
	size_t n_includes, cap_includes;
	const char *intel_synced;    /* when the synced index was fetched; NULL: none */
};

/* State while a scan is built; gone when scan_run returns. */
struct scan_build {
	struct scan *scan;
	const struct scan_opts *opts;
	const char **stack;          /* the include chain being read */
	size_t depth;
	int error;                   /* first fatal error (ERR_NOMEM) */
	bool cancelled;
};

static size_t
path_hash(const char *path)
{
	return sv_hash(sv_from_cstr(path));
}

static size_t
file_hash(size_t i, const void *scan)
{
	return path_hash(((const struct scan *)scan)->files[i].path);
}

static struct scan_file *
add_file(struct scan *scan, const char *path, const char *detector, enum scan_file_state state)
{
	if (array_reserve(&scan->files, &scan->cap_files, scan->n_files, sizeof(*scan->files)))
		return NULL;
	struct scan_file *f = &scan->files[scan->n_files];
	memset(f, 0, sizeof(*f));
	f->path = arena_strdup(&scan->arena, path);
	f->detector = detector;
	f->state = state;
	if (!f->path || hash_index_reserve(&scan->paths, scan->n_files, file_hash, scan))
		return NULL;
	hash_index_put(&scan->paths, path_hash(f->path), scan->n_files);
	scan->n_files++;
	return f;
}

/* Takes back the file added last (a script that declared nothing). */
static void
drop_last_file(struct scan *scan)
{
	size_t last = --scan->n_files;

	hash_index_remove(&scan->paths, path_hash(scan->files[last].path), last, file_hash, scan);
}

static int
cmp_file_path(const void *key, const void *elem)
{
	return strcmp(key, ((const struct scan_file *)elem)->path);
}

struct path_key {
	const struct scan *scan;
	const char *path;
};

static bool
is_file_at(size_t i, const void *key)
{
	const struct path_key *k = key;

	return strcmp(k->scan->files[i].path, k->path) == 0;
}

/*
 * The file with @path: through the hash index while the scan is built (every
 * listed dependency file asks), by binary search once the files are sorted.
 */
static struct scan_file *
find_file(const struct scan *scan, const char *path)
{
	if (scan->sorted)
		return scan->n_files ? bsearch(path, scan->files, scan->n_files,
					       sizeof(*scan->files), cmp_file_path) : NULL;
	struct path_key key = { scan, path };
	size_t i = hash_index_find(&scan->paths, path_hash(path), is_file_at, &key);

	return i == HASH_INDEX_NONE ? NULL : &scan->files[i];
}

static bool
looks_binary(const char *bytes, size_t len)
{
	return memchr(bytes, '\0', len < BINARY_PROBE ? len : BINARY_PROBE) != NULL;
}

/*
 * "not found", and where it was looked for when that is not the path as
 * written: its last 120 bytes at most (a message for each of many includes
 * after long cds must not cost a path each).
 */
static void
include_not_found(struct scan *scan, const struct detect_include *inc, struct source *src,
		  const char *target)
{
	size_t len = strlen(target), from = len > 120 ? len - 120 : 0;

	while (from < len && ((unsigned char)target[from] & 0xc0) == 0x80)
		from++;         /* not inside a UTF-8 sequence */
	if (strcmp(target, inc->path) == 0)
		diag_add(&scan->diags, DIAG_ERROR, src, inc->at, "included file '%s' not found",
			 inc->path);
	else
		diag_add(&scan->diags, DIAG_ERROR, src, inc->at,
			 "included file '%s' not found (looked for %s%s)", inc->path,
			 from ? "..." : "", target + from);
}

static int read_one(struct scan_build *b, const char *path, const struct detector *det,
		    const struct detect_ctx *ctx, const struct detect_include *via,
		    struct source *via_src);

/*
 * *@target, beside the including file, when the snapshot holds it; else the
 * same path from the root when the snapshot holds that (a script in
 * scripts/ run from the root); else *@target unchanged, for the diagnostic.
 */
static int
or_root(char **target, struct scan *scan, struct arena *arena, const char *rel)
{
	char *found = NULL, *root;
	int err = snapshot_resolve(scan->snap, *target, &found);

	free(found);
	if (err != ERR_NOTFOUND)
		return err == ERR_NOMEM ? err : 0;
	err = path_resolve_in(&root, arena, "", rel);
	if (err)
		return err == ERR_NOMEM ? err : 0;
	if (strcmp(root, *target) == 0)
		return 0;
	err = snapshot_resolve(scan->snap, root, &found);
	free(found);
	if (err == 0)
		*target = root;
	return err == ERR_NOMEM ? err : 0;
}

/*
 * The reader of an included file. -r, -c, setup.cfg's "file:" and
 * pyproject's {file = ...} name requirement files, but uv pip install -r and
 * pip-compile also take a project's own pyproject.toml, setup.cfg or
 * setup.py: those are read as what they are.
 */
static const struct detector *
include_detector(const char *target)
{
	static const char *const manifests[] = { "pyproject", "setup-cfg", "setup-py" };
	const struct detector *own = detector_for_path(target);

	for (size_t i = 0; own && i < sizeof(manifests) / sizeof(manifests[0]); i++)
		if (strcmp(own->name, manifests[i]) == 0)
			return own;
	return detector_find("requirements");
}

/*
 * Records that @inc's file reads @target (for the pin checks: a -c file pins
 * the installs it is read with). Nothing when @target was not added.
 */
static int
note_include(struct scan *scan, const struct detect_include *inc, const char *target)
{
	const struct scan_file *to = find_file(scan, target);
	const struct scan_file *from = find_file(scan, inc->from);

	if (!to || !from)
		return 0;
	if (array_reserve(&scan->includes, &scan->cap_includes, scan->n_includes,
			  sizeof(*scan->includes)))
		return ERR_NOMEM;
	scan->includes[scan->n_includes++] = (struct rules_include){
		from->path, to->path, inc->constraint,
	};
	return 0;
}

/*
 * Follows one include of the file @src. Paths are worked out in a scratch
 * arena: a file of many includes after long cds keeps only the files read,
 * not one path each. @missing gets the path looked for when there is no
 * such file, else is emptied.
 */
static int
follow_one(struct scan_build *b, const struct detect_include *inc, struct source *src,
	   struct arena *tmp, struct strbuf *missing)
{
	struct scan *scan = b->scan;
	const char *rel = inc->path;
	char *target;
	int err;

	strbuf_reset(missing);
	if (inc->cd) {          /* at most DETECT_MAX_CD_PATH bytes of folders */
		struct strbuf cd = STRBUF_INIT;
		detect_cd_put(&cd, inc->cd);
		strbuf_adds(&cd, inc->path);
		rel = cd.failed ? NULL : arena_strndup(tmp, strbuf_sv(&cd));
		strbuf_release(&cd);
		if (!rel)
			return ERR_NOMEM;
	}
	err = inc->dir ? path_resolve_in(&target, tmp, inc->dir, rel)
		       : path_resolve(&target, tmp, inc->from, rel);
	if (!err && inc->or_root && !inc->dir)
		err = or_root(&target, scan, tmp, rel);
	if (err == ERR_NOMEM)
		return err;
	if (err == ERR_OUTSIDE) {
		diag_add(&scan->diags, DIAG_WARNING, src, inc->at,
			 "included file '%s' is outside the repository: not followed", rel);
		return 0;
	}
	if (err) {
		diag_add(&scan->diags, DIAG_ERROR, src, inc->at,
			 "expected a file name after '%s'", inc->constraint ? "-c" : "-r");
		return 0;
	}
	for (size_t d = 0; d < b->depth; d++) {
		if (strcmp(b->stack[d], target) == 0) {
			diag_add(&scan->diags, DIAG_WARNING, src, inc->at,
				 "include cycle: '%s' is already being read; not followed again",
				 inc->path);
			return 0;
		}
	}
	if (!find_file(scan, target)) {        /* else read already, through another path */
		struct detect_ctx ctx = { inc->constraint, true };
		err = read_one(b, target, include_detector(target), &ctx, inc, src);
	}
	if (err == 0)
		return note_include(scan, inc, target);
	if (err != ERR_NOTFOUND)
		return err;
	strbuf_adds(missing, target);
	return missing->failed ? ERR_NOMEM : 0;
}

/* The same words in the same place: the same file, found or not. */
static bool
same_include(const struct detect_include *a, const struct detect_include *b)
{
	return a->cd == b->cd && a->or_root == b->or_root && a->constraint == b->constraint &&
	       strcmp(a->path, b->path) == 0 && strcmp(a->from, b->from) == 0 &&
	       (a->dir == b->dir || (a->dir && b->dir && strcmp(a->dir, b->dir) == 0));
}

/* Follows the includes a file asked for, depth first, so a cycle is seen on the stack. */
static int
follow_includes(struct scan_build *b, struct detect_include *incs, size_t n)
{
	/* one source a file, so that its cursor walks on from one include's line to the next */
	struct source src = { NULL, SV_NULL };
	struct strbuf missing = STRBUF_INIT;
	int err = 0;

	for (size_t i = 0; i < n && !b->error && !err; i++) {
		const struct detect_include *inc = &incs[i];
		if (!src.path || strcmp(src.path, inc->from) != 0) {
			struct scan_file *from = find_file(b->scan, inc->from);
			src = (struct source){ inc->from, from ? from->text : SV_NULL };
		}
		/* the same include as the one before, found missing: no need to look again */
		if (i > 0 && missing.len && same_include(inc, &incs[i - 1])) {
			include_not_found(b->scan, inc, &src, missing.ptr);
			continue;
		}
		struct arena tmp = ARENA_INIT;
		err = follow_one(b, inc, &src, &tmp, &missing);
		arena_release(&tmp);
	}
	strbuf_release(&missing);
	return err;
}

/*
 * Reads @path with @det and everything it includes. @via is the include
 * that named it, in @via_src (both NULL for a file found by its name).
 * ERR_NOTFOUND: @via names no file (said in a diagnostic).
 */
static int
read_one(struct scan_build *b, const char *path, const struct detector *det,
	 const struct detect_ctx *ctx, const struct detect_include *via, struct source *via_src)
{
	struct scan *scan = b->scan;
	char *bytes = NULL;
	size_t len = 0;
	int err = snapshot_read(scan->snap, path, b->opts->max_file_size, &bytes, &len);
	struct scan_file *f;

	if (err == ERR_NOMEM)
		return err;
	if (err) {
		enum scan_file_state state = err == ERR_LIMIT ? FILE_TOO_LARGE :
			err == ERR_OUTSIDE ? FILE_SYMLINK_OUTSIDE : FILE_UNREADABLE;
		const char *why = err == ERR_LIMIT ? "larger than the size limit: not read" :
			err == ERR_OUTSIDE ? "a link that leads outside the repository: not followed" :
			err == ERR_NOTFOUND ? "not found in the snapshot" : "could not be read";

		if (via && err == ERR_NOTFOUND) {
			include_not_found(scan, via, via_src, path);
			return ERR_NOTFOUND;
		}
		f = add_file(scan, path, det->name, state);
		if (!f)
			return ERR_NOMEM;
		f->note = why;
		diag_add_path(&scan->diags, DIAG_WARNING, path, "%s", why);
		return 0;
	}
	if (looks_binary(bytes, len)) {
		free(bytes);
		f = add_file(scan, path, det->name, FILE_BINARY);
		if (!f)
			return ERR_NOMEM;
		f->note = "binary file (holds NUL bytes): not read";
		diag_add_path(&scan->diags, DIAG_WARNING, path, "%s", f->note);
		return 0;
	}
	f = add_file(scan, path, det->name, FILE_READ);
	if (!f) {
		free(bytes);
		return ERR_NOMEM;
	}
	f->text.ptr = arena_memdup(&scan->arena, bytes, len);
	f->text.len = len;
	free(bytes);
	if (!f->text.ptr)
		return ERR_NOMEM;

	/* The detector writes straight into the scan's lists; includes come back. */
	struct detect_out *out = &scan->found;
	size_t first_include = out->n_includes;
	size_t before = out->n_deps + out->n_options + scan->diags.len;
	struct source src = { f->path, f->text };

	size_t first_dep = out->n_deps;

	err = det->detect(out, &src, ctx);
	if (err)
		return err;
	/* a Python URL's #subdirectory= is the subdir the lock readers give */
	for (size_t i = first_dep; i < out->n_deps; i++)
		out->deps[i]->subdir = dep_subdir(&scan->arena, out->deps[i]);
	if (det->incidental && before == out->n_deps + out->n_options + scan->diags.len &&
	    out->n_includes == first_include) {
		/* A script or README that declares nothing is not a dependency
		 * file: listing every one would bury those that are. It is the
		 * last file added, as nothing was read since. */
		drop_last_file(scan);
		return 0;
	}
	if (b->opts->progress && b->opts->progress(scan->n_files, out->n_deps, b->opts->payload)) {
		b->cancelled = true;
		return 0;
	}

	size_t n = out->n_includes - first_include;
	if (n == 0)
		return 0;
	if (b->depth >= INCLUDE_DEPTH_MAX) {
		diag_add(&scan->diags, DIAG_WARNING, &src, out->includes[first_include].at,
			 "includes nested deeper than %d files: not followed", INCLUDE_DEPTH_MAX);
		return 0;
	}
	/* Copy: following an include appends to out->includes and may move it. */
	struct detect_include *incs = malloc(n * sizeof(*incs));
	if (!incs)
		return ERR_NOMEM;
	memcpy(incs, out->includes + first_include, n * sizeof(*incs));
	b->stack[b->depth++] = f->path;
	err = follow_includes(b, incs, n);
	b->depth--;
	free(incs);
	return err;
}

/* Listing callback: note submodules, read every file a detector claims. */
static int
on_entry(const struct snapshot_entry *e, void *payload)
{
	struct scan_build *b = payload;
	struct scan *scan = b->scan;

	if (e->kind == SNAP_SUBMODULE) {
		struct scan_file *f = add_file(scan, e->path, NULL, FILE_SUBMODULE);
		if (!f)
			return ERR_NOMEM;
		f->note = e->submodule_url ? arena_printf(&scan->arena, "submodule from %s",
							  e->submodule_url)
					   : "submodule (its contents are not scanned)";
		return 0;
	}
	const struct detector *det = detector_for_path(e->path);
	if (e->kind == SNAP_SPECIAL) {
		/* named like a dependency file, but reading a FIFO could wait forever */
		if (!det || find_file(scan, e->path))
			return 0;
		struct scan_file *f = add_file(scan, e->path, det->name, FILE_SPECIAL);
		if (!f)
			return ERR_NOMEM;
		f->note = "a FIFO, socket or device, not a regular file: not read";
		diag_add_path(&scan->diags, DIAG_WARNING, e->path, "%s", f->note);
		return 0;
	}
	/* (an unknown size is checked by the read, which refuses a larger file) */
	if (!det && e->kind == SNAP_FILE &&
	    (e->size <= SNIFF_MAX_SIZE || e->size == SNAPSHOT_SIZE_UNKNOWN) &&
	    detector_may_sniff(e->path)) {
		/* A script named without an extension: its #! line tells. */
		char *bytes = NULL;
		size_t len = 0;
		int err = snapshot_read(scan->snap, e->path, SNIFF_MAX_SIZE, &bytes, &len);
		if (err == ERR_NOMEM)
			return err;
		if (err == 0)
			det = detector_for_head(sv_make(bytes, len < 256 ? len : 256));
		free(bytes);
	}
	if (!det || find_file(scan, e->path))
		return 0;
	if (e->kind == SNAP_SYMLINK) {
		/* A link to another dependency file inside the repository is
		 * that file: read it once, under its own name. */
		char *target = NULL;
		int err = snapshot_resolve(scan->snap, e->path, &target);
		bool same = err == 0 && strcmp(target, e->path) != 0 && detector_for_path(target);
		free(target);
		if (err == ERR_NOMEM)
			return err;
		if (same)
			return 0;
	}
	/* constraints.txt by its name: constraints, as -c reads them */
	struct detect_ctx ctx = {
		strcmp(det->name, "requirements") == 0 && requirements_is_constraints(e->path), false,
	};
	int err = read_one(b, e->path, det, &ctx, NULL, NULL);
	if (err)
		return err;
	return b->cancelled ? 1 : 0;
}

static int
cmp_file(const void *a, const void *b)
{
	return strcmp(((const struct scan_file *)a)->path, ((const struct scan_file *)b)->path);
}

static int
cmp_dep(const void *a, const void *b)
{
	const struct dep *x = *(struct dep *const *)a, *y = *(struct dep *const *)b;
	int c = strcmp(x->file, y->file);

	if (c)
		return c;
	return (x->at.start > y->at.start) - (x->at.start < y->at.start);
}

static int
cmp_option(const void *a, const void *b)
{
	const struct index_option *x = *(struct index_option *const *)a;
	const struct index_option *y = *(struct index_option *const *)b;
	int c = strcmp(x->file, y->file);

	if (c)
		return c;
	return (x->at.start > y->at.start) - (x->at.start < y->at.start);
}

static int
cmp_finding(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->severity != y->severity)
		return x->severity > y->severity ? -1 : 1;
	return strcmp(x->rule->id, y->rule->id);
}

/* qsort() with an empty (NULL) array is undefined behaviour. */
static void
sort(void *items, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(items, n, size, cmp);
}

/*
 * Adds the index that `deputy update` left in @cache to the intel. A missing
 * index means nothing was synced; one that cannot be read is a diagnostic
 * (the scan goes on with the bundled intel), never a failure.
 */
static int
load_synced(struct scan *scan, const char *cache)
{
	struct sync_info info;
	char msg[512] = "";
	char *path = cache_path(cache, CACHE_OSV_INDEX);
	int err;

	if (!path)
		return ERR_NOMEM;
	err = osv_load(scan->intel, &info, NULL, path, msg, sizeof(msg));
	if (err == 0) {
		scan->intel_synced = arena_strdup(&scan->arena, info.updated);
		err = scan->intel_synced ? 0 : ERR_NOMEM;
	} else if (err == ERR_NOTFOUND) {
		err = 0;
	} else if (err != ERR_NOMEM) {
		diag_add_path(&scan->diags, DIAG_WARNING, path, "the synced intel was not used: %s",
			      msg[0] ? msg : err_str(err));
		err = 0;
	}
	free(path);
	return err;
}

/*
 * One of the resolver's sources; a problem with one named on the command line
 * is an error diagnostic, and the scan goes on without it.
 */
static int
read_source(struct scan *scan, int (*reader)(struct pkg_records *, struct arena *,
					      struct diags *, const char *),
	    struct pkg_records *records, const char *path, const char *what)
{
	int err = reader(records, &scan->arena, &scan->diags, path);

	if (err == 0 || err == ERR_NOMEM)
		return err;
	diag_add_path(&scan->diags, DIAG_ERROR, path, "cannot read the %s: %s", what,
		      err_str(err));
	return 0;
}

/*
 * Offline, the index snapshots an earlier `deputy update --cran` or --online
 * scan kept in the cache, after those the options name.
 */
static int
read_cached_indexes(struct scan *scan, const struct scan_opts *opts, struct pkg_records *records)
{
	char *cran = arena_printf(&scan->arena, "%s/" SYNC_CRAN_INDEX, opts->intel_cache);
	char *pypi = arena_printf(&scan->arena, "%s/" SYNC_PYPI_DOCS, opts->intel_cache);
	struct stat st;
	int err = 0;

	if (!cran || !pypi)
		return ERR_NOMEM;
	if (!opts->cran_index && lstat(cran, &st) == 0 && S_ISREG(st.st_mode))
		err = read_source(scan, cran_index_read, records, cran, "cached CRAN index");
	if (!err && !opts->pypi_cache && lstat(pypi, &st) == 0 && S_ISDIR(st.st_mode))
		err = read_source(scan, pypi_json_read, records, pypi, "cached PyPI documents");
	return err;
}

/*
 * The resolver's other sources: those the options name, and a virtualenv at
 * the root of a working tree (.venv/ or venv/, a real folder, not a link).
 */
static int
read_sources(struct scan *scan, const struct scan_opts *opts, struct pkg_records *records)
{
	static const char *const venvs[] = { ".venv", "venv" };
	const char *env = opts->python_env;
	int err = 0;

	for (size_t i = 0; !env && !opts->rev && i < sizeof(venvs) / sizeof(venvs[0]); i++) {
		struct stat st;
		char *path = arena_printf(&scan->arena, "%s/%s", scan->root, venvs[i]);
		if (!path)
			return ERR_NOMEM;
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
			env = path;
	}
	if (env)
		err = read_source(scan, venv_read, records, env, "Python environment");
	if (!err && opts->r_library)
		err = read_source(scan, rlib_read, records, opts->r_library, "R library");
	if (!err && opts->cran_index)
		err = read_source(scan, cran_index_read, records, opts->cran_index, "CRAN index");
	if (!err && opts->pypi_cache)
		err = read_source(scan, pypi_json_read, records, opts->pypi_cache,
				  "PyPI project documents");
	if (!err && !opts->online && opts->intel_cache)
		err = read_cached_indexes(scan, opts, records);
	/* files inside the repository are named as the rest of the scan names them */
	for (size_t i = 0; !err && i < records->len; i++) {
		size_t n = strlen(scan->root);
		const char *f = records->items[i].file;
		if (f && strncmp(f, scan->root, n) == 0 && f[n] == '/')
			records->items[i].file = f + n + 1;
	}
	return err;
}

/*
 * Every package the resolver found that no declaration or lock entry names
 * gets a declaration of kind DEP_RESOLVED (at the file that describes or
 * requires it), and the rules about packages run on those too.
 */
static int
judge_resolved(struct scan *scan)
{
	struct graph *g = &scan->graph;
	struct dep **deps = arena_alloc(&scan->arena, (g->n_nodes ? g->n_nodes : 1) * sizeof(*deps));
	const struct graph_edge **first_in = arena_alloc(&scan->arena,
							 (g->n_nodes ? g->n_nodes : 1) *
							 sizeof(*first_in));
	size_t n = 0;

	if (!deps || !first_in)
		return ERR_NOMEM;
	for (size_t e = g->n_edges; e-- > 0;)      /* the first edge that requires each node */
		first_in[g->edges[e].to] = &g->edges[e];
	for (size_t v = 0; v < g->n_nodes; v++) {
		struct graph_node *node = &g->nodes[v];
		const struct graph_edge *e = node->defined_in ? NULL : first_in[v];
		struct dep *d;

		if (node->dep || (!node->defined_in && !e))
			continue;
		if (!(d = arena_alloc(&scan->arena, sizeof(*d))))
			return ERR_NOMEM;
		d->ecosystem = node->ecosystem;
		d->kind = DEP_RESOLVED;
		d->language = node->ecosystem == ECO_PYPI ? LANG_PYTHON : LANG_R;
		d->name = node->display;
		d->normalized = node->ecosystem == ECO_PYPI ? node->name : node->display;
		d->spec = node->version ? arena_printf(&scan->arena, "==%s", node->version) : "";
		d->marker = "";
		d->file = node->defined_in ? node->defined_in : e->file;
		d->line = node->defined_in ? node->defined_line : e->line;
		d->column = 1;
		d->raw = node->display;
		if (!d->spec)
			return ERR_NOMEM;
		node->dep = d;
		deps[n++] = d;
	}
	struct rules_input in = { .deps = deps, .n_deps = n };
	return n ? rules_run(&scan->findings, &scan->arena, scan->intel, &in) : 0;
}

/*
 * Packages installed from git repositories, first among the resolver's
 * sources: what their own package files say is what gets installed.
 */
static int
resolve_remotes(struct scan *scan, const struct scan_opts *opts, struct pkg_records *records,
		struct graph_remote **remotes, size_t *n_remotes)
{
	struct remotes_opts ro = { opts->online, opts->github_base, opts->gitlab_base, NULL,
				   opts->timeout_s };

	if (opts->online && opts->cache &&
	    !(ro.cache_dir = arena_printf(&scan->arena, "%s/" CACHE_GIT, opts->cache)))
		return ERR_NOMEM;
	if (opts->online && !opts->cache)
		diag_add_path(&scan->diags, DIAG_ERROR, scan->root,
			      "--online needs a cache folder; remote repositories were not read");
	int err = remotes_resolve(remotes, n_remotes, records, &scan->arena, &scan->diags,
				  scan->intel, scan->found.deps, scan->found.n_deps, &ro);
	char msg[512] = "out of memory";

	if (!err && ro.cache_dir && cache_trim_entries(ro.cache_dir, CACHE_GIT_MAX, NULL, msg,
							 sizeof(msg)) != 0)
		diag_add_path(&scan->diags, DIAG_NOTE, ro.cache_dir,
			      "could not keep the cache under its size cap: %s", msg);
	return err;
}

static struct online_index_opts
index_opts(const struct scan_opts *opts)
{
	return (struct online_index_opts){ opts->cache, opts->cran_url, opts->pypi_url,
					   opts->timeout_s };
}

/* Online: CRAN's index, when the scan has anything from R. */
static int
fetch_cran(struct scan *scan, const struct scan_opts *opts, struct pkg_records *records,
	   const struct graph_remote *remotes, size_t n_remotes)
{
	struct online_index_opts io = index_opts(opts);
	bool r = false;

	for (size_t i = 0; i < scan->found.n_deps && !r; i++)
		r = scan->found.deps[i]->language == LANG_R;
	for (size_t i = 0; i < n_remotes && !r; i++)
		r = remotes[i].dep->language == LANG_R;
	return r ? online_cran(records, &scan->arena, &scan->diags, &io) : 0;
}

/*
 * Online: the PyPI documents of the Python packages nothing else describes
 * (and of what they require), then the graph again with them.
 */
static int
fetch_pypi(struct scan *scan, const struct scan_opts *opts, struct pkg_records *records,
	   struct graph_remote *remotes, size_t n_remotes)
{
	struct online_index_opts io = index_opts(opts);
	const struct graph *g = &scan->graph;
	const char **names = arena_alloc(&scan->arena, (g->n_nodes + 1) * sizeof(*names));
	size_t n = 0, before = records->len;
	int err;

	if (!names)
		return ERR_NOMEM;
	for (size_t i = 0; i < g->n_nodes; i++)
		if (g->nodes[i].ecosystem == ECO_PYPI && g->nodes[i].unresolved && !g->nodes[i].remote)
			names[n++] = g->nodes[i].name;
	if (n == 0)
		return 0;
	err = online_pypi(records, &scan->arena, &scan->diags, &io, names, n);
	if (err || records->len == before)
		return err;
	return graph_build(&scan->graph, &scan->arena, scan->intel, scan->found.deps,
			   scan->found.n_deps, records->items, records->len, remotes, n_remotes);
}

/*
 * The rules about packages run on the repositories that fetched packages'
 * Remotes name; a finding about a declaration that follows a ref says what
 * the ref points at today.
 */
static int
judge_remotes(struct scan *scan)
{
	const struct graph *g = &scan->graph;
	struct dep **nested = arena_alloc(&scan->arena, (g->n_remotes + 1) * sizeof(*nested));
	size_t n = 0;
	int err;

	if (!nested)
		return ERR_NOMEM;
	for (size_t i = 0; i < g->n_remotes; i++)
		if (g->remotes[i].parent != GRAPH_NONE)
			nested[n++] = (struct dep *)g->remotes[i].dep;
	struct rules_input in = { .deps = nested, .n_deps = n };
	err = n ? rules_run(&scan->findings, &scan->arena, scan->intel, &in) : 0;
	for (size_t i = 0; !err && i < scan->findings.len; i++) {
		struct finding *f = &scan->findings.items[i];
		const struct graph_remote *r = f->dep ? graph_remote_of(g, f->dep) : NULL;
		char day[16] = "";
		struct tm tm;
		time_t t;

		if (!r || !r->commit || !r->mutable_ref ||
		    (strcmp(f->rule->id, "github-unpinned") && strcmp(f->rule->id, "mutable-ref")))
			continue;
		t = (time_t)r->time;
		if (r->time && gmtime_r(&t, &tm))
			strftime(day, sizeof(day), " on %Y-%m-%d", &tm);
		f->message = arena_printf(&scan->arena, "%s; today that is commit %.12s%s%s%s",
					  f->message, r->commit, r->author ? " by " : "",
					  r->author ? r->author : "", day);
		if (!f->message)
			err = ERR_NOMEM;
	}
	return err;
}

/* A finding on a package that a declaration pulls in says by which path. */
static int
add_paths(struct scan *scan)
{
	for (size_t i = 0; i < scan->findings.len; i++) {
		struct finding *f = &scan->findings.items[i];
		size_t node;

		if (!f->dep || (f->dep->kind != DEP_LOCK && f->dep->kind != DEP_RESOLVED))
			continue;
		node = graph_find(&scan->graph, f->dep);
		if (node == GRAPH_NONE || scan->graph.nodes[node].via == GRAPH_NONE)
			continue;
		f->path = graph_path(&scan->graph, &scan->arena, node);
		if (!f->path)
			return ERR_NOMEM;
	}
	return 0;
}

static int
scan_finish(struct scan *scan, const struct scan_opts *opts)
{
	int err;

	sort(scan->files, scan->n_files, sizeof(*scan->files), cmp_file);
	hash_index_release(&scan->paths);    /* indexes into the unsorted order */
	scan->sorted = true;
	sort(scan->found.deps, scan->found.n_deps, sizeof(*scan->found.deps), cmp_dep);
	sort(scan->found.options, scan->found.n_options, sizeof(*scan->found.options),
	     cmp_option);
	err = intel_open(&scan->intel);
	if (err)
		return err;
	if (opts->intel_cache) {
		err = load_synced(scan, opts->intel_cache);
		if (err)
			return err;
	}
	struct rules_input in = {
		scan->found.deps, scan->found.n_deps, scan->found.options, scan->found.n_options,
		scan->includes, scan->n_includes,
	};
	err = rules_run(&scan->findings, &scan->arena, scan->intel, &in);
	if (err)
		return err;
	struct pkg_records records = { 0 };
	struct graph_remote *remotes = NULL;
	size_t n_remotes = 0;
	err = resolve_remotes(scan, opts, &records, &remotes, &n_remotes);
	if (!err)
		err = read_sources(scan, opts, &records);
	if (!err && opts->online && opts->cache)
		err = fetch_cran(scan, opts, &records, remotes, n_remotes);
	if (!err)
		err = graph_build(&scan->graph, &scan->arena, scan->intel, scan->found.deps,
				  scan->found.n_deps, records.items, records.len, remotes, n_remotes);
	if (!err && opts->online && opts->cache)
		err = fetch_pypi(scan, opts, &records, remotes, n_remotes);
	pkg_records_release(&records);
	if (!err)
		err = judge_resolved(scan);
	if (!err)
		err = judge_remotes(scan);
	if (err)
		return err;
	err = add_paths(scan);
	if (err)
		return err;
	sort(scan->findings.items, scan->findings.len, sizeof(*scan->findings.items),
	     cmp_finding);
	for (size_t i = 0; i < scan->findings.len; i++)
		scan->sev_counts[scan->findings.items[i].severity]++;
	return 0;
}

int
scan_run(struct scan **out, const char *path, const struct scan_opts *opts, char *errbuf,
	 size_t errbuf_size)
{
	struct scan_opts defaults = SCAN_OPTS_INIT;
	struct scan *scan;
	const char *stack[INCLUDE_DEPTH_MAX + 1];
	int err;

	*out = NULL;
	if (!opts)
		opts = &defaults;
	scan = calloc(1, sizeof(*scan));
	if (!scan)
		return ERR_NOMEM;
	arena_init(&scan->arena);
	diags_init(&scan->diags, &scan->arena);
	detect_out_init(&scan->found, &scan->arena, &scan->diags);

	err = snapshot_open(&scan->snap, path, opts->rev, errbuf, errbuf_size);
	if (err)
		goto fail;
	scan->root = arena_strdup(&scan->arena, snapshot_root(scan->snap));
	scan->name = arena_strdup(&scan->arena, snapshot_name(scan->snap));
	scan->git = snapshot_is_git(scan->snap);
	if (snapshot_warning(scan->snap))
		diag_add_path(&scan->diags, DIAG_WARNING, ".git", "%s", snapshot_warning(scan->snap));
	if (!scan->root || !scan->name) {
		err = ERR_NOMEM;
		goto fail;
	}

	struct scan_build b = { scan, opts, stack, 0, 0, false };
	err = snapshot_list(scan->snap, on_entry, &b);
	if (err < 0) {
		if (errbuf && err != ERR_NOMEM)
			snprintf(errbuf, errbuf_size, "%s: could not list the files: %s", path,
				 err_str(err));
		goto fail;
	}
	err = scan_finish(scan, opts);
	if (err)
		goto fail;
	*out = scan;
	return 0;
fail:
	if (errbuf && err == ERR_NOMEM)
		snprintf(errbuf, errbuf_size, "out of memory");
	scan_free(scan);
	return err;
}

void
scan_free(struct scan *scan)
{
	if (!scan)
		return;
	if (scan->snap)
		snapshot_close(scan->snap);
	free(scan->files);
	free(scan->includes);
	hash_index_release(&scan->paths);
	free(scan->findings.items);
	if (scan->intel)
		intel_free(scan->intel);
	detect_out_release(&scan->found);
	diags_release(&scan->diags);
	arena_release(&scan->arena);
	free(scan);
}

const char *
scan_root(const struct scan *scan)
{
	return scan->root;
}

const char *
scan_snapshot_name(const struct scan *scan)
{
	return scan->name;
}

bool
scan_is_git(const struct scan *scan)
{
	return scan->git;
}

size_t
scan_file_count(const struct scan *scan)
{
	return scan->n_files;
}

const struct scan_file *
scan_file(const struct scan *scan, size_t i)
{
	return i < scan->n_files ? &scan->files[i] : NULL;
}

const struct scan_file *
scan_find_file(const struct scan *scan, const char *path)
{
	return find_file(scan, path);
}

size_t
scan_dep_count(const struct scan *scan)
{
	return scan->found.n_deps;
}

const struct dep *
scan_dep(const struct scan *scan, size_t i)
{
	return i < scan->found.n_deps ? scan->found.deps[i] : NULL;
}

size_t
scan_option_count(const struct scan *scan)
{
	return scan->found.n_options;
}

const struct index_option *
scan_option(const struct scan *scan, size_t i)
{
	return i < scan->found.n_options ? scan->found.options[i] : NULL;
}

size_t
scan_finding_count(const struct scan *scan)
{
	return scan->findings.len;
}

const struct finding *
scan_finding(const struct scan *scan, size_t i)
{
	return i < scan->findings.len ? &scan->findings.items[i] : NULL;
}

size_t
scan_diag_count(const struct scan *scan)
{
	return scan->diags.len;
}

const struct diag *
scan_diag(const struct scan *scan, size_t i)
{
	return i < scan->diags.len ? &scan->diags.items[i] : NULL;
}

void
scan_severity_counts(const struct scan *scan, size_t counts[SEV_COUNT])
{
	memcpy(counts, scan->sev_counts, sizeof(scan->sev_counts));
}

int
scan_blame(const struct scan *scan, const char *path, unsigned line, struct blame *out)
{
	memset(out, 0, sizeof(*out));
	if (!scan->git)
		return ERR_NOTFOUND;
	return snapshot_blame(scan->snap, path, line, out);
}

const char *
scan_intel_date(void)
{
	return intel_snapshot_date();
}

const struct graph *
scan_graph(const struct scan *scan)
{
	return &scan->graph;
}

size_t
scan_graph_node(const struct scan *scan, const struct dep *dep)
{
	return graph_find(&scan->graph, dep);
}

const char *
scan_intel_synced(const struct scan *scan)
{
	return scan->intel_synced;
}
