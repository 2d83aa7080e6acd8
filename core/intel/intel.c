/*
 * Loading the bundled intel: the popular-name table, the standard-library
 * list, the known-malicious reports and the R lists (CRAN names, base
 * packages, GitHub owners, CRAN mirrors), parsed once from the embedded copies
 * of data/ into sorted arrays that every lookup binary-searches.
 */
#include "intel/intel.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "deputy/arena.h"
#include "deputy/diag.h"
#include "deputy/strbuf.h"
#include "intel/embedded.h"
#include "intel/name_set.h"
#include "intel/near.h"
#include "intel/pypi_names.h"
#include "intel/variants.h"

struct popular {
	const char *name;        /* normalised */
	int rank;
};

/* One form of a popular name other than itself (variants.h). */
struct popular_variant {
	uint32_t popular;        /* index into intel->popular */
	unsigned kind;           /* VARIANT_* bits */
	const char *prefix, *suffix;
};

struct stdlib_name {
	const char *name;        /* normalised */
	const char *module;      /* the module meant, as Python spells it */
	int since;               /* 3.N brought the module, Python 2.7 lacked it; -1: not so */
};

struct intel {
	struct arena arena;      /* every string and array below */
	struct popular *popular; /* sorted by name */
	size_t n_popular;
	struct near_index near;  /* over the popular names without separators */
	uint32_t *by_rank;       /* indexes into popular, most downloaded first */
	struct popular_variant *variants;   /* other forms of the popular names */
	size_t n_variants;
	struct near_index variant_near;     /* over the variants' texts */
	struct stdlib_name *stdlib;   /* sorted by name */
	size_t n_stdlib;
	struct malicious *malicious;  /* sorted by ecosystem, then name (any case) */
	size_t n_malicious;
	struct name_set cran;         /* lower case */
	struct name_set cran_known;   /* other names CRAN packages depend on */
	struct name_set r_base;       /* tag: "base" or "recommended" */
	struct name_set r_owners;
	struct name_set cran_mirrors; /* "host/path/", lower case */
	struct pypi_names names;      /* every existing PyPI project (embedded table) */
};

/* The embedded bytes of a file, copied into @arena as a writable C string. */
static char *
copy_text(struct arena *arena, const unsigned char *data, size_t len)
{
	return arena_strndup(arena, sv_make((const char *)data, len));
}

/* Cuts @text at the next '\n' (or its end) and returns the line; advances @text. */
static char *
next_line(char **text)
{
	char *line = *text;

	if (!*line)
		return NULL;
	char *nl = strchr(line, '\n');
	if (nl) {
		*nl = '\0';
		*text = nl + 1;
	} else {
		*text = line + strlen(line);
	}
	return line;
}

static size_t
count_lines(const char *text)
{
	size_t n = 1;

	for (; *text; text++)
		n += *text == '\n';
	return n;
}

static char *
strip_separators(struct arena *arena, const char *name)
{
	char *out = arena_alloc(arena, strlen(name) + 1);
	size_t n = 0;

	if (!out)
		return NULL;
	for (; *name; name++)
		if (*name != '-')
			out[n++] = *name;
	out[n] = '\0';
	return out;
}

/* The other forms of every popular name, with a one-edit index over them. */
static int
load_variants(struct intel *intel)
{
	size_t cap = intel->n_popular * 4 + 16, n = 0;
	const char **texts = arena_alloc(&intel->arena, cap * sizeof(*texts));
	struct variant v[VARIANT_MAX];

	intel->variants = arena_alloc(&intel->arena, cap * sizeof(*intel->variants));
	if (!texts || !intel->variants)
		return ERR_NOMEM;
	for (size_t i = 0; i < intel->n_popular; i++) {
		size_t k = variants_of(v, intel->popular[i].name);
		for (size_t j = 1; j < k; j++) {        /* v[0] is the name itself */
			if (n == cap) {
				size_t grown = cap * 2;
				const char **t = arena_alloc(&intel->arena, grown * sizeof(*t));
				struct popular_variant *pv = arena_alloc(&intel->arena,
									 grown * sizeof(*pv));
				if (!t || !pv)
					return ERR_NOMEM;
				memcpy(t, texts, n * sizeof(*t));
				memcpy(pv, intel->variants, n * sizeof(*pv));
				texts = t;
				intel->variants = pv;
				cap = grown;
			}
			texts[n] = arena_strdup(&intel->arena, v[j].text);
			if (!texts[n])
				return ERR_NOMEM;
			intel->variants[n].popular = (uint32_t)i;
			intel->variants[n].kind = v[j].kind;
			intel->variants[n].prefix = v[j].prefix;
			intel->variants[n].suffix = v[j].suffix;
			n++;
		}
	}
	intel->n_variants = n;
	return near_build(&intel->variant_near, &intel->arena, texts, n);
}

struct ranked {
	int rank;
	uint32_t index;
};

static int
rank_cmp(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->rank != y->rank)
		return (x->rank > y->rank) - (x->rank < y->rank);
	return (x->index > y->index) - (x->index < y->index);
}

/* data/pypi-popular.tsv: "name<TAB>rank" lines, sorted by name. */
static int
load_popular(struct intel *intel)
{
	char *text = copy_text(&intel->arena, data_pypi_popular, data_pypi_popular_len);
	if (!text)
		return ERR_NOMEM;
	size_t cap = count_lines(text);
	intel->popular = arena_alloc(&intel->arena, cap * sizeof(*intel->popular));
	const char **stripped = arena_alloc(&intel->arena, cap * sizeof(*stripped));
	if (!intel->popular || !stripped)
		return ERR_NOMEM;

	char *line;
	size_t n = 0;
	while ((line = next_line(&text))) {
		char *tab = strchr(line, '\t');
		char *end;
		if (!tab)
			return ERR_SYNTAX;
		*tab = '\0';
		long rank = strtol(tab + 1, &end, 10);
		if (*end || rank <= 0 || rank > 1000000 || !line[0])
			return ERR_SYNTAX;
		if (n > 0 && strcmp(intel->popular[n - 1].name, line) >= 0)
			return ERR_SYNTAX;      /* binary search needs the order */
		intel->popular[n].name = line;
		intel->popular[n].rank = (int)rank;
		stripped[n] = strip_separators(&intel->arena, line);
		if (!stripped[n])
			return ERR_NOMEM;
		n++;
	}
	intel->n_popular = n;
	int rc = near_build(&intel->near, &intel->arena, stripped, n);
	if (rc)
		return rc;
	struct ranked *order = malloc((n ? n : 1) * sizeof(*order));
	intel->by_rank = arena_alloc(&intel->arena, (n ? n : 1) * sizeof(*intel->by_rank));
	if (!order || !intel->by_rank) {
		free(order);
		return ERR_NOMEM;
	}
	for (size_t i = 0; i < n; i++)
		order[i] = (struct ranked){ intel->popular[i].rank, (uint32_t)i };
	qsort(order, n, sizeof(*order), rank_cmp);
	for (size_t i = 0; i < n; i++)
		intel->by_rank[i] = order[i].index;
	free(order);
	return load_variants(intel);
}

static int
stdlib_cmp(const void *a, const void *b)
{
	const struct stdlib_name *x = a, *y = b;

	return strcmp(x->name, y->name);
}

/* "3.N" of a [since] line: N, or -1. */
static int
python3_minor(const char *v)
{
	char *end;
	long n;

	if (strncmp(v, "3.", 2) != 0 || v[2] < '0' || v[2] > '9')
		return -1;
	n = strtol(v + 2, &end, 10);
	return *end == '\0' && n < 100 ? (int)n : -1;
}

/* A [since] line "module<TAB>3.N": the module's entry learns N. */
static int
stdlib_since_line(struct intel *intel, char *line, struct arena *scratch)
{
	char *tab = strchr(line, '\t');
	struct stdlib_name key, *e;

	if (!tab)
		return ERR_SYNTAX;
	*tab = '\0';
	key.name = dep_normalize_name(scratch, sv_from_cstr(line));
	if (!key.name)
		return ERR_NOMEM;
	e = bsearch(&key, intel->stdlib, intel->n_stdlib, sizeof(*intel->stdlib), stdlib_cmp);
	if (!e || strcmp(e->module, line) != 0 || (e->since = python3_minor(tab + 1)) < 0)
		return ERR_SYNTAX;
	return 0;
}

/*
 * data/python-stdlib.txt: module names one a line, then "[aliases]" and
 * "name<TAB>module" lines, then "[since]" and "module<TAB>3.N" lines; "#"
 * starts a comment line.
 */
static int
load_stdlib(struct intel *intel)
{
	char *text = copy_text(&intel->arena, data_python_stdlib, data_python_stdlib_len);
	if (!text)
		return ERR_NOMEM;
	intel->stdlib = arena_alloc(&intel->arena, count_lines(text) * sizeof(*intel->stdlib));
	if (!intel->stdlib)
		return ERR_NOMEM;

	char *line;
	size_t n = 0;
	bool aliases = false;
	while ((line = next_line(&text))) {
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (strcmp(line, "[aliases]") == 0) {
			aliases = true;
			continue;
		}
		if (strcmp(line, "[since]") == 0)
			break;
		char *tab = strchr(line, '\t');
		if (aliases != (tab != NULL))
			return ERR_SYNTAX;
		if (tab)
			*tab = '\0';
		struct stdlib_name *e = &intel->stdlib[n++];
		e->module = tab ? tab + 1 : line;
		e->since = -1;
		e->name = dep_normalize_name(&intel->arena, sv_from_cstr(line));
		if (!e->name)
			return ERR_NOMEM;
	}
	intel->n_stdlib = n;
	qsort(intel->stdlib, n, sizeof(*intel->stdlib), stdlib_cmp);

	struct arena scratch;
	int rc = 0;
	arena_init(&scratch);
	while (rc == 0 && (line = next_line(&text)))
		if (line[0] != '#' && line[0] != '\0')
			rc = stdlib_since_line(intel, line, &scratch);
	arena_release(&scratch);
	return rc;
}

static int
malicious_cmp(const void *a, const void *b)
{
	const struct malicious *x = a, *y = b;

	if (x->ecosystem != y->ecosystem)
		return x->ecosystem < y->ecosystem ? -1 : 1;
	/* PyPI names are normalised (lower case); CRAN and GitHub ignore case. */
	return strcasecmp(x->name, y->name);
}

static const char *
json_string(struct arena *arena, const cJSON *obj, const char *key)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsString(item) ? arena_strdup(arena, item->valuestring) : NULL;
}

/* OSV ecosystem names deputy knows; others are skipped. */
static bool
parse_ecosystem(enum ecosystem *out, const char *s)
{
	if (strcmp(s, "PyPI") == 0)
		*out = ECO_PYPI;
	else if (strcmp(s, "CRAN") == 0)
		*out = ECO_CRAN;
	else if (strcmp(s, "Bioconductor") == 0)
		*out = ECO_BIOC;
	else if (strcmp(s, "GitHub") == 0)
		*out = ECO_GITHUB;      /* deputy's own: "owner/repo" or "owner" */
	else
		return false;
	return true;
}

/* The "url" of every entry of an OSV "references" array, one a line. */
static const char *
join_urls(struct arena *arena, const cJSON *refs)
{
	struct strbuf buf = STRBUF_INIT;
	const cJSON *r;
	const char *out = NULL;
	int err = 0;

	cJSON_ArrayForEach(r, refs) {
		const cJSON *url = cJSON_GetObjectItemCaseSensitive(r, "url");

		if (!cJSON_IsString(url))
			continue;
		if (buf.len)
			err |= strbuf_addch(&buf, '\n');
		err |= strbuf_adds(&buf, url->valuestring);
	}
	if (!err)
		out = arena_strdup(arena, strbuf_cstr(&buf));
	strbuf_release(&buf);
	return out;
}

/* One OSV entry: one struct malicious per affected package. */
static int
load_malicious_entry(struct intel *intel, const cJSON *entry, size_t *n, size_t cap)
{
	const cJSON *affected = cJSON_GetObjectItemCaseSensitive(entry, "affected");
	const cJSON *refs = cJSON_GetObjectItemCaseSensitive(entry, "references");
	const cJSON *db = cJSON_GetObjectItemCaseSensitive(entry, "database_specific");
	const char *id = json_string(&intel->arena, entry, "id");
	const char *summary = json_string(&intel->arena, entry, "summary");
	const char *source = NULL, *imitates = NULL, *references = NULL;
	const char *modified = json_string(&intel->arena, entry, "modified");
	const cJSON *a;

	if (!id || !summary || !cJSON_IsArray(affected))
		return ERR_SYNTAX;
	if (cJSON_IsArray(refs) && cJSON_GetArraySize(refs) > 0)
		source = json_string(&intel->arena, cJSON_GetArrayItem(refs, 0), "url");
	if (source) {
		references = join_urls(&intel->arena, refs);
		if (!references)
			return ERR_NOMEM;
	}
	if (cJSON_IsObject(db))
		imitates = json_string(&intel->arena, db, "imitates");
	cJSON_ArrayForEach(a, affected) {
		const cJSON *pkg = cJSON_GetObjectItemCaseSensitive(a, "package");
		const cJSON *eco = cJSON_GetObjectItemCaseSensitive(pkg, "ecosystem");
		const cJSON *name = cJSON_GetObjectItemCaseSensitive(pkg, "name");
		struct malicious *m;

		if (!cJSON_IsString(eco) || !cJSON_IsString(name) || *n >= cap)
			return ERR_SYNTAX;
		m = &intel->malicious[*n];
		if (!parse_ecosystem(&m->ecosystem, eco->valuestring))
			continue;
		m->name = m->ecosystem == ECO_PYPI
			? dep_normalize_name(&intel->arena, sv_from_cstr(name->valuestring))
			: arena_strdup(&intel->arena, name->valuestring);
		if (!m->name)
			return ERR_NOMEM;
		m->id = id;
		m->summary = summary;
		m->imitates = imitates;
		m->source = source;
		m->references = references;
		m->modified = modified;
		(*n)++;
	}
	return 0;
}

/* data/known-malicious.json: an array of OSV entries. */
static int
load_malicious(struct intel *intel)
{
	cJSON *root = cJSON_ParseWithLength((const char *)data_known_malicious,
					    data_known_malicious_len);
	const cJSON *entry;
	size_t cap = 0, n = 0;
	int rc = 0;

	if (!root)
		return ERR_SYNTAX;      /* cJSON cannot tell a syntax error from OOM */
	if (!cJSON_IsArray(root)) {
		cJSON_Delete(root);
		return ERR_SYNTAX;
	}
	cJSON_ArrayForEach(entry, root)
		cap += (size_t)cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(entry, "affected"));
	intel->malicious = arena_alloc(&intel->arena, (cap ? cap : 1) * sizeof(*intel->malicious));
	if (!intel->malicious)
		rc = ERR_NOMEM;
	cJSON_ArrayForEach(entry, root) {
		if (rc)
			break;
		rc = load_malicious_entry(intel, entry, &n, cap);
	}
	cJSON_Delete(root);
	if (rc)
		return rc;
	intel->n_malicious = n;
	qsort(intel->malicious, n, sizeof(*intel->malicious), malicious_cmp);
	return 0;
}

int
intel_open(struct intel **out)
{
	struct intel *intel = calloc(1, sizeof(*intel));
	int rc;

	*out = NULL;
	if (!intel)
		return ERR_NOMEM;
	arena_init(&intel->arena);
	if ((rc = load_popular(intel)) != 0 || (rc = load_stdlib(intel)) != 0 ||
	    (rc = load_malicious(intel)) != 0 ||
	    (rc = name_set_parse(&intel->cran, &intel->arena, data_cran_packages,
				 data_cran_packages_len)) != 0 ||
	    (rc = name_set_parse(&intel->cran_known, &intel->arena, data_cran_known,
				 data_cran_known_len)) != 0 ||
	    (rc = name_set_parse(&intel->r_base, &intel->arena, data_r_base_packages,
				 data_r_base_packages_len)) != 0 ||
	    (rc = name_set_parse(&intel->r_owners, &intel->arena, data_r_github_owners,
				 data_r_github_owners_len)) != 0 ||
	    (rc = name_set_parse(&intel->cran_mirrors, &intel->arena, data_cran_mirrors,
				 data_cran_mirrors_len)) != 0 ||
	    (rc = pypi_names_open(&intel->names, data_pypi_names,
				  (size_t)(data_pypi_names_end - data_pypi_names))) != 0) {
		intel_free(intel);
		return rc;
	}
	*out = intel;
	return 0;
}

void
intel_free(struct intel *intel)
{
	if (!intel)
		return;
	arena_release(&intel->arena);
	free(intel);
}

static const struct popular *
find_popular(const struct intel *intel, const char *normalized)
{
	size_t lo = 0, hi = intel->n_popular;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(intel->popular[mid].name, normalized);
		if (c == 0)
			return &intel->popular[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int
intel_pypi_rank(const struct intel *intel, const char *normalized)
{
	const struct popular *p = find_popular(intel, normalized);

	return p ? p->rank : 0;
}

size_t
intel_pypi_count(const struct intel *intel)
{
	return intel->n_popular;
}

const char *
intel_pypi_name(const struct intel *intel, size_t i, int *rank)
{
	if (i >= intel->n_popular)
		return NULL;
	if (rank)
		*rank = intel->popular[i].rank;
	return intel->popular[i].name;
}

struct near_payload {
	const struct intel *intel;
	intel_name_fn fn;
	void *payload;
};

static int
near_hit(size_t i, void *payload)
{
	struct near_payload *np = payload;
	const struct popular *p = &np->intel->popular[i];

	return np->fn(p->name, p->rank, np->payload);
}

const char *
intel_pypi_top(const struct intel *intel, size_t i, int *rank, const char **stripped)
{
	const struct popular *p;

	if (i >= intel->n_popular)
		return NULL;
	p = &intel->popular[intel->by_rank[i]];
	if (rank)
		*rank = p->rank;
	if (stripped)
		*stripped = intel->near.names[intel->by_rank[i]];
	return p->name;
}

size_t
intel_pypi_lower_bound(const struct intel *intel, const char *normalized)
{
	size_t lo = 0, hi = intel->n_popular;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(intel->popular[mid].name, normalized) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const char *
intel_pypi_popular(const struct intel *intel, const char *normalized, int *rank)
{
	const struct popular *p = find_popular(intel, normalized);

	if (rank)
		*rank = p ? p->rank : 0;
	return p ? p->name : NULL;
}

int
intel_pypi_near(const struct intel *intel, const char *normalized, intel_name_fn fn,
		void *payload)
{
	struct near_payload np = { intel, fn, payload };
	char small[256];
	size_t n = 0;

	/* Names past the index's limit have no neighbours worth reporting. */
	for (const char *s = normalized; *s; s++) {
		if (*s == '-')
			continue;
		if (n + 1 >= sizeof(small))
			return 0;
		small[n++] = *s;
	}
	small[n] = '\0';
	return near_query(&intel->near, small, near_hit, &np);
}

struct variant_payload {
	const struct intel *intel;
	intel_variant_fn fn;
	void *payload;
};

static int
variant_hit(size_t i, void *payload)
{
	struct variant_payload *vp = payload;
	const struct popular_variant *v = &vp->intel->variants[i];
	const struct popular *p = &vp->intel->popular[v->popular];
	struct intel_form form = {
		.target = p->name,
		.rank = p->rank,
		.text = vp->intel->variant_near.names[i],
		.kind = v->kind,
		.prefix = v->prefix,
		.suffix = v->suffix,
	};

	return vp->fn(&form, vp->payload);
}

int
intel_pypi_variant_near(const struct intel *intel, const char *text, intel_variant_fn fn,
			void *payload)
{
	struct variant_payload vp = { intel, fn, payload };

	return near_query(&intel->variant_near, text, variant_hit, &vp);
}

const char *
intel_stdlib_module(const struct intel *intel, const char *normalized)
{
	struct stdlib_name key = { normalized, NULL };
	const struct stdlib_name *e = bsearch(&key, intel->stdlib, intel->n_stdlib,
					      sizeof(*intel->stdlib), stdlib_cmp);

	return e ? e->module : NULL;
}

int
intel_stdlib_since(const struct intel *intel, const char *normalized)
{
	struct stdlib_name key = { normalized, NULL, -1 };
	const struct stdlib_name *e = bsearch(&key, intel->stdlib, intel->n_stdlib,
					      sizeof(*intel->stdlib), stdlib_cmp);

	return e ? e->since : -1;
}

const struct malicious *
intel_find_malicious(const struct intel *intel, enum ecosystem eco, const char *normalized)
{
	struct malicious key = { .ecosystem = eco, .name = normalized };

	if (intel->n_malicious == 0)
		return NULL;
	return bsearch(&key, intel->malicious, intel->n_malicious, sizeof(*intel->malicious),
		       malicious_cmp);
}

size_t
intel_malicious_count(const struct intel *intel)
{
	return intel->n_malicious;
}

const struct malicious *
intel_malicious_at(const struct intel *intel, size_t i)
{
	return i < intel->n_malicious ? &intel->malicious[i] : NULL;
}

const char *
intel_snapshot_date(void)
{
	return data_snapshot_date;
}

/* A copy of @s in @arena, or NULL for NULL; *@err set when out of memory. */
static const char *
copy_opt(struct arena *arena, const char *s, int *err)
{
	const char *c;

	if (!s)
		return NULL;
	c = arena_strdup(arena, s);
	if (!c)
		*err = ERR_NOMEM;
	return c;
}

int
intel_add_malicious_batch(struct intel *intel, const struct malicious *ms, size_t n)
{
	struct arena *arena = &intel->arena;
	struct malicious *items;
	int err = 0;

	if (n == 0)
		return 0;
	items = arena_alloc(arena, (intel->n_malicious + n) * sizeof(*items));
	if (!items)
		return ERR_NOMEM;
	if (intel->n_malicious)
		memcpy(items, intel->malicious, intel->n_malicious * sizeof(*items));
	for (size_t i = 0; i < n; i++) {
		const struct malicious *m = &ms[i];
		struct malicious *e = &items[intel->n_malicious + i];

		e->ecosystem = m->ecosystem;
		e->name = m->ecosystem == ECO_PYPI
			? dep_normalize_name(arena, sv_from_cstr(m->name))
			: arena_strdup(arena, m->name);
		e->id = copy_opt(arena, m->id ? m->id : "", &err);
		e->summary = copy_opt(arena, m->summary ? m->summary : "", &err);
		e->imitates = copy_opt(arena, m->imitates, &err);
		e->source = copy_opt(arena, m->source, &err);
		e->references = copy_opt(arena, m->references, &err);
		e->modified = copy_opt(arena, m->modified, &err);
		if (!e->name)
			err = ERR_NOMEM;
		if (err)
			return err;
	}
	intel->malicious = items;       /* the old array stays in the arena, unused */
	intel->n_malicious += n;
	qsort(intel->malicious, intel->n_malicious, sizeof(*intel->malicious), malicious_cmp);
	return 0;
}

int
intel_add_malicious(struct intel *intel, const struct malicious *m)
{
	return intel_add_malicious_batch(intel, m, 1);
}

bool
intel_cran_has(const struct intel *intel, const char *name)
{
	return name_set_find(&intel->cran, name) != NULL;
}

bool
intel_cran_known(const struct intel *intel, const char *name)
{
	return name_set_find(&intel->cran, name) || name_set_find(&intel->cran_known, name);
}

size_t
intel_cran_count(const struct intel *intel)
{
	return intel->cran.n;
}

const char *
intel_cran_name(const struct intel *intel, size_t i)
{
	return i < intel->cran.n ? intel->cran.entries[i].name : NULL;
}

struct set_payload {
	intel_name_fn fn;
	void *payload;
};

static int
set_hit(const struct name_entry *entry, void *payload)
{
	struct set_payload *sp = payload;

	return sp->fn(entry->name, 0, sp->payload);
}

int
intel_cran_near(const struct intel *intel, const char *name, intel_name_fn fn, void *payload)
{
	struct set_payload sp = { fn, payload };

	return name_set_near(&intel->cran, name, set_hit, &sp);
}

const char *
intel_r_base_package(const struct intel *intel, const char *name, bool *recommended)
{
	const struct name_entry *e = name_set_find(&intel->r_base, name);

	if (!e)
		return NULL;
	if (recommended)
		*recommended = e->tag && strcmp(e->tag, "recommended") == 0;
	return e->name;
}

int
intel_r_base_near(const struct intel *intel, const char *name, intel_name_fn fn,
		  void *payload)
{
	struct set_payload sp = { fn, payload };

	return name_set_near(&intel->r_base, name, set_hit, &sp);
}

const char *
intel_r_owner(const struct intel *intel, const char *owner)
{
	const struct name_entry *e = name_set_find(&intel->r_owners, owner);

	return e ? e->name : NULL;
}

size_t
intel_r_owner_count(const struct intel *intel)
{
	return intel->r_owners.n;
}

const char *
intel_r_owner_at(const struct intel *intel, size_t i)
{
	return i < intel->r_owners.n ? intel->r_owners.entries[i].name : NULL;
}

int
intel_r_owner_near(const struct intel *intel, const char *owner, intel_name_fn fn,
		   void *payload)
{
	struct set_payload sp = { fn, payload };

	return name_set_near(&intel->r_owners, owner, set_hit, &sp);
}

bool
intel_cran_is_mirror(const struct intel *intel, const char *url)
{
	const char *rest = strstr(url, "://");
	size_t len;

	rest = rest ? rest + 3 : url;
	len = strlen(rest);
	for (size_t i = 0; i < intel->cran_mirrors.n; i++) {
		const char *m = intel->cran_mirrors.entries[i].key;
		size_t n = strlen(m);       /* ends in '/' */

		if (len >= n && strncasecmp(rest, m, n) == 0)
			return true;
		if (len == n - 1 && strncasecmp(rest, m, n - 1) == 0)
			return true;        /* the same without the final slash */
	}
	return false;
}

bool
intel_pypi_exists(const struct intel *intel, const char *normalized)
{
	return pypi_names_find(&intel->names, normalized, NULL);
}

bool
intel_pypi_has_prefix(const struct intel *intel, const char *prefix, size_t len)
{
	return pypi_names_has_prefix(&intel->names, prefix, len);
}

int
intel_pypi_last_release(const struct intel *intel, const char *normalized)
{
	int month = 0;

	return pypi_names_find(&intel->names, normalized, &month) ? month : 0;
}

size_t
intel_pypi_known_count(const struct intel *intel)
{
	return intel->names.count;
}

const char *
intel_pypi_known_name(const struct intel *intel, size_t i, char *buf, size_t cap)
{
	char name[PYPI_NAME_MAX];

	if (!pypi_names_at(&intel->names, i, name, NULL) || strlen(name) >= cap)
		return NULL;
	return strcpy(buf, name);
}
