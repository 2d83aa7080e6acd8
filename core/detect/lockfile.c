/*
 * The parts of the TOML lock file detectors that are the same for poetry.lock,
 * uv.lock and pdm.lock: parsing, walking [[package]] tables, making their deps.
 */
#include "detect/lockfile.h"

#include "deputy/sv.h"

/* The raw text kept for a dep; a [[package]] with many wheels runs to kilobytes. */
#define RAW_MAX 200

/* ---- spans ---- */

/* The end of everything written for @v, sub-tables of a [header] included. */
static size_t
value_end(const struct toml_value *v)
{
	size_t end = v->at.end, i, e;

	if (v->kind == TOML_TABLE && !v->is_inline) {
		for (i = 0; i < toml_table_len(v); i++)
			if ((e = value_end(toml_table_at(v, i)->value)) > end)
				end = e;
	} else if (v->kind == TOML_ARRAY && v->is_aot) {
		for (i = 0; i < toml_array_len(v); i++)
			if ((e = value_end(toml_array_at(v, i))) > end)
				end = e;
	}
	return end;
}

/* A [[header]] table points at its key: back up to its brackets. */
static size_t
header_start(struct sv t, size_t key)
{
	while (key > 0 && (t.ptr[key - 1] == '[' || t.ptr[key - 1] == ' ' || t.ptr[key - 1] == '\t'))
		key--;
	return key;
}

/* The span of a string value without its quotes. */
static struct span
string_span(struct sv t, const struct toml_value *v)
{
	struct span s = v->at;
	size_t q;

	if (s.end <= s.start || (t.ptr[s.start] != '"' && t.ptr[s.start] != '\''))
		return s;
	q = s.end - s.start >= 6 && t.ptr[s.start + 1] == t.ptr[s.start] &&
			    t.ptr[s.start + 2] == t.ptr[s.start] ? 3 : 1;
	return (struct span){ s.start + q, s.end - q };
}

/* ---- the document ---- */

int
lockfile_detect(struct lockfile *lock, lockfile_read_fn read, void *payload)
{
	struct toml_value *root;
	struct toml_error err;
	int rc;

	arena_init(&lock->tmp);
	rc = toml_parse(&root, &lock->tmp, lock->src->text, &err);
	if (rc && rc != ERR_NOMEM) {
		diag_add(lock->out->diags, DIAG_ERROR, lock->src,
			 (struct span){ err.offset, err.offset },
			 "invalid toml: %s", err.message);
		rc = 0;
		root = NULL;
	}
	if (!rc && root)
		rc = read(root, payload);
	arena_release(&lock->tmp);
	return rc;
}

int
lockfile_each_package(const struct lockfile *lock, const struct toml_value *pkgs,
		      lockfile_package_fn fn, void *payload)
{
	int rc;

	if (!pkgs)
		return 0;
	if (pkgs->kind != TOML_ARRAY) {
		diag_add(lock->out->diags, DIAG_NOTE, lock->src, pkgs->at,
			 "expected [[package]] tables, found %s", toml_kind_name(pkgs->kind));
		return 0;
	}
	for (size_t i = 0; i < toml_array_len(pkgs); i++) {
		const struct toml_value *pkg = toml_array_at(pkgs, i);
		if (pkg->kind != TOML_TABLE) {
			diag_add(lock->out->diags, DIAG_NOTE, lock->src, pkg->at,
				 "expected a [[package]] table");
			continue;
		}
		if ((rc = fn(pkg, payload)))
			return rc;
	}
	return 0;
}

/* ---- the declarations ---- */

/* The name at the start of a PEP 508 string ("idna (>=2.5)", "foo[x]>=1"). */
static struct sv
leading_name(const char *s)
{
	size_t n = 0;

	while (s[n] == ' ')
		s++;
	while ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z') ||
	       (s[n] >= '0' && s[n] <= '9') || s[n] == '-' || s[n] == '_' || s[n] == '.')
		n++;
	return sv_make(s, n);
}

/*
 * The package's own dependencies, for the resolver (issue #7): poetry.lock's
 * [package.dependencies] table (names as keys), uv.lock's array of
 * { name = ... } tables, pdm.lock's array of PEP 508 strings.
 */
static int
read_requires(const struct lockfile *lock, struct dep *dep, const struct toml_value *pkg)
{
	const struct toml_value *deps = toml_table_get(pkg, "dependencies");
	struct arena *arena = lock->out->arena;
	size_t n;
	const char **names;

	if (!deps || (deps->kind != TOML_TABLE && deps->kind != TOML_ARRAY))
		return 0;
	n = deps->kind == TOML_TABLE ? toml_table_len(deps) : toml_array_len(deps);
	if (n == 0 || !(names = arena_alloc(arena, n * sizeof(*names))))
		return n == 0 ? 0 : ERR_NOMEM;
	for (size_t i = 0; i < n; i++) {
		struct sv name = SV_NULL;
		if (deps->kind == TOML_TABLE) {
			name = toml_table_at(deps, i)->key;
		} else {
			const struct toml_value *e = toml_array_at(deps, i);
			const char *s = toml_string(e);
			if (!s && e && e->kind == TOML_TABLE)
				s = toml_string(toml_table_get(e, "name"));
			if (s)
				name = leading_name(s);
		}
		if (name.len == 0)
			continue;
		if (!(names[dep->n_requires] = arena_strndup(arena, name)))
			return ERR_NOMEM;
		dep->n_requires++;
	}
	dep->requires = names;
	return 0;
}

int
lockfile_new_dep(struct dep **out, const struct lockfile *lock, const struct toml_value *pkg,
		 bool want_version)
{
	struct sv t = lock->src->text;
	const struct toml_value *name_v = toml_table_get(pkg, "name");
	const char *name = toml_string(name_v);
	const char *version = toml_string(toml_table_get(pkg, "version"));
	struct arena *arena = lock->out->arena;
	struct dep *dep;
	struct span ns;
	struct sv raw;

	*out = NULL;
	if (!name || !name[0]) {
		diag_add(lock->out->diags, DIAG_NOTE, lock->src, pkg->at,
			 "expected a name in this [[package]]; skipped");
		return 0;
	}
	if (!(dep = detect_new_dep(lock->out)))
		return ERR_NOMEM;
	ns = string_span(t, name_v);
	dep->kind = DEP_LOCK;
	dep->ecosystem = ECO_PYPI;
	dep->file = lock->src->path;
	dep->at = (struct span_ref){ header_start(t, pkg->at.start), value_end(pkg), ns.start, ns.end };
	source_line_col(lock->src, ns.start, &dep->line, &dep->column);
	raw = sv_make(t.ptr + dep->at.start, dep->at.end - dep->at.start);
	/* cut on a character boundary, never inside a UTF-8 sequence */
	if (raw.len > RAW_MAX)
		for (raw.len = RAW_MAX; raw.len && ((unsigned char)raw.ptr[raw.len] & 0xc0) == 0x80;)
			raw.len--;
	if (!(dep->raw = arena_strndup(arena, raw)) || !(dep->name = arena_strdup(arena, name)) ||
	    !(dep->normalized = dep_normalize_name(arena, sv_from_cstr(name))))
		return ERR_NOMEM;
	if (!version && want_version)
		diag_add(lock->out->diags, DIAG_NOTE, lock->src, pkg->at,
			 "expected a version for '%s'", name);
	if (version && !(dep->spec = arena_printf(arena, "==%s", version)))
		return ERR_NOMEM;
	if (read_requires(lock, dep, pkg))
		return ERR_NOMEM;
	*out = dep;
	return 0;
}

int
lockfile_read_files(const struct lockfile *lock, struct dep *dep, const struct toml_value *files,
		    bool bare_hashes)
{
	size_t n = toml_array_len(files), i, k = 0;
	const char **hashes;

	if (files->kind != TOML_ARRAY) {
		diag_add(lock->out->diags, DIAG_NOTE, lock->src, files->at,
			 "expected an array of files for '%s', found %s", dep->name,
			 toml_kind_name(files->kind));
		return 0;
	}
	if (!n)
		return 0;
	if (!(hashes = arena_alloc(lock->out->arena, n * sizeof(*hashes))))
		return ERR_NOMEM;
	for (i = 0; i < n; i++) {
		const struct toml_value *f = toml_array_at(files, i);
		const char *hash = bare_hashes && f->kind == TOML_STRING
					   ? toml_string(f)
					   : toml_string(toml_table_get(f, "hash"));
		if (!hash) {
			diag_add(lock->out->diags, DIAG_NOTE, lock->src, f->at,
				 "expected a file with a hash for '%s'", dep->name);
			continue;
		}
		if (!(hashes[k++] = lockfile_keep(lock, hash)))
			return ERR_NOMEM;
	}
	dep->hashes = hashes;
	dep->n_hashes = k;
	return 0;
}

/* ---- small things ---- */

static bool
is_one_of(const char *const *list, struct sv key)
{
	for (; *list; list++)
		if (sv_eq_cstr(key, *list))
			return true;
	return false;
}

void
lockfile_note_unknown_keys(const struct lockfile *lock, const struct toml_value *table,
			   const char *const *known, const char *where)
{
	for (size_t i = 0; i < toml_table_len(table); i++) {
		const struct toml_entry *e = toml_table_at(table, i);
		if (!is_one_of(known, e->key))
			diag_add(lock->out->diags, DIAG_NOTE, lock->src, e->key_at,
				 "unknown key '%s' in %s; ignored", e->key.ptr, where);
	}
}

const char *
lockfile_keep(const struct lockfile *lock, const char *s)
{
	return s ? arena_strdup(lock->out->arena, s) : NULL;
}

