/*
 * Loading the bundled intel: the popular-name table, the standard-library
 * list and the known-malicious reports, parsed once from the embedded copies
 * of data/ into sorted arrays that every lookup binary-searches.
 */
#include "intel/intel.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "deputy/arena.h"
#include "deputy/diag.h"
#include "intel/embedded.h"
#include "intel/near.h"

struct popular {
	const char *name;        /* normalised */
	int rank;
};

struct stdlib_name {
	const char *name;        /* normalised */
	const char *module;      /* the module meant, as Python spells it */
};

struct intel {
	struct arena arena;      /* every string and array below */
	struct popular *popular; /* sorted by name */
	size_t n_popular;
	struct near_index near;  /* over the popular names without separators */
	struct stdlib_name *stdlib;   /* sorted by name */
	size_t n_stdlib;
	struct malicious *malicious;  /* sorted by ecosystem, then name */
	size_t n_malicious;
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
	return near_build(&intel->near, &intel->arena, stripped, n);
}

static int
stdlib_cmp(const void *a, const void *b)
{
	const struct stdlib_name *x = a, *y = b;

	return strcmp(x->name, y->name);
}

/*
 * data/python-stdlib.txt: module names one a line, then "[aliases]" and
 * "name<TAB>module" lines; "#" starts a comment line.
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
		char *tab = strchr(line, '\t');
		if (aliases != (tab != NULL))
			return ERR_SYNTAX;
		if (tab)
			*tab = '\0';
		struct stdlib_name *e = &intel->stdlib[n++];
		e->module = tab ? tab + 1 : line;
		e->name = dep_normalize_name(&intel->arena, sv_from_cstr(line));
		if (!e->name)
			return ERR_NOMEM;
	}
	intel->n_stdlib = n;
	qsort(intel->stdlib, n, sizeof(*intel->stdlib), stdlib_cmp);
	return 0;
}

static int
malicious_cmp(const void *a, const void *b)
{
	const struct malicious *x = a, *y = b;

	if (x->ecosystem != y->ecosystem)
		return x->ecosystem < y->ecosystem ? -1 : 1;
	return strcmp(x->name, y->name);
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
	else
		return false;
	return true;
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
	const char *source = NULL, *imitates = NULL;
	const cJSON *a;

	if (!id || !summary || !cJSON_IsArray(affected))
		return ERR_SYNTAX;
	if (cJSON_IsArray(refs) && cJSON_GetArraySize(refs) > 0)
		source = json_string(&intel->arena, cJSON_GetArrayItem(refs, 0), "url");
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
	    (rc = load_malicious(intel)) != 0) {
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

const char *
intel_stdlib_module(const struct intel *intel, const char *normalized)
{
	struct stdlib_name key = { normalized, NULL };
	const struct stdlib_name *e = bsearch(&key, intel->stdlib, intel->n_stdlib,
					      sizeof(*intel->stdlib), stdlib_cmp);

	return e ? e->module : NULL;
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
