/*
 * bench/typosquat: lookups per second of typosquat_find (the intel's deletion
 * index) against the plain way, comparing the name with every popular name
 * one by one, on the same queries in the same run; and whether the two agree
 * on which queries have a popular name within one edit.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deputy/arena.h"
#include "deputy/dep.h"
#include "deputy/sv.h"
#include "intel/intel.h"
#include "rules/checks.h"

#include "devset.h"
#include "rng.h"
#include "run.h"

#define FULL_QUERIES   50000
#define QUICK_QUERIES  2000
#define MIN_SECONDS    0.25    /* repeat the index's pass until it took this long */
#define NAME_MAX_LEN   256     /* intel_pypi_near() has no neighbours past it */
#define SHOW_DISAGREE  10

static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789-";

/* A name as the plain comparison sees it: separators ignored, as the index does. */
struct stripped {
	char s[NAME_MAX_LEN];
	size_t len;
	int rank;
	const char *name;        /* normalised, borrowed from the intel */
};

static void
strip(struct stripped *out, const char *name)
{
	out->len = 0;
	for (; *name && out->len + 1 < sizeof(out->s); name++)
		if (*name != '-')
			out->s[out->len++] = *name;
	out->s[out->len] = '\0';
}

/*
 * Damerau-Levenshtein distance (optimal string alignment) at most one:
 * equal, one character inserted, deleted or substituted, or two adjacent
 * characters swapped.
 */
static bool
within_one_edit(const char *a, size_t la, const char *b, size_t lb)
{
	size_t i = 0;

	if (la > lb) {
		const char *t = a;
		a = b;
		b = t;
		size_t tl = la;
		la = lb;
		lb = tl;
	}
	if (lb - la > 1)
		return false;
	while (i < la && a[i] == b[i])
		i++;
	if (i == la)
		return true;     /* equal, or one appended */
	if (la != lb)
		return memcmp(a + i, b + i + 1, la - i) == 0;
	if (memcmp(a + i + 1, b + i + 1, la - i - 1) == 0)
		return true;     /* one substituted */
	return i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] &&
	       memcmp(a + i + 2, b + i + 2, la - i - 2) == 0;
}

/* @q has @p as a neighbour: within one edit once separators are set aside, and not @p itself. */
static bool
neighbours(const struct stripped *q, const char *qname, const struct stripped *p)
{
	return within_one_edit(q->s, q->len, p->s, p->len) && strcmp(qname, p->name) != 0;
}

/* The baseline: the most popular neighbour of @q, found by trying every popular name. */
static const char *
plain_find(const struct stripped *popular, size_t n, const struct stripped *q, const char *qname)
{
	const struct stripped *best = NULL;

	for (size_t i = 0; i < n; i++)
		if (neighbours(q, qname, &popular[i]) && (!best || popular[i].rank < best->rank))
			best = &popular[i];
	return best ? best->name : NULL;
}

struct queries {
	const char **names;      /* normalised, in @arena */
	struct stripped *stripped;
	size_t count, from_devset, edited, random;
	struct arena arena;
};

static int
queries_add(struct queries *q, const char *name)
{
	const char *normalized = dep_normalize_name(&q->arena, sv_from_cstr(name));

	if (!normalized)
		return -1;
	q->names[q->count] = normalized;
	strip(&q->stripped[q->count], normalized);
	q->count++;
	return 0;
}

/* A popular name with one random insertion, deletion, substitution or swap. */
static void
random_edit(char *out, size_t cap, const char *name, uint64_t *rng)
{
	size_t len = strlen(name), at;
	char c = alphabet[rng_below(rng, sizeof(alphabet) - 1)];

	if (len + 2 > cap)
		len = cap - 2;
	memcpy(out, name, len);
	out[len] = '\0';
	at = (size_t)rng_below(rng, len + 1);
	switch (rng_below(rng, 4)) {
	case 0:         /* insert */
		memmove(out + at + 1, out + at, len - at + 1);
		out[at] = c;
		break;
	case 1:         /* delete */
		if (at < len && len > 1)
			memmove(out + at, out + at + 1, len - at);
		break;
	case 2:         /* substitute */
		if (at < len)
			out[at] = c;
		break;
	default:        /* swap */
		if (at + 1 < len) {
			char t = out[at];
			out[at] = out[at + 1];
			out[at + 1] = t;
		}
		break;
	}
}

static void
random_name(char *out, uint64_t *rng)
{
	size_t len = 3 + (size_t)rng_below(rng, 14);

	for (size_t i = 0; i < len; i++)
		out[i] = alphabet[rng_below(rng, sizeof(alphabet) - 2)];  /* no '-' */
	out[len] = '\0';
}

/* The dev set's names, then popular names with one edit and random names, half each. */
static int
queries_build(struct queries *q, size_t total, const struct devset *set,
	      const struct intel *intel, uint64_t *rng)
{
	size_t popular = intel_pypi_count(intel);
	char buf[NAME_MAX_LEN + 2];

	arena_init(&q->arena);
	q->names = calloc(total + set->count, sizeof(*q->names));
	q->stripped = calloc(total + set->count, sizeof(*q->stripped));
	if (!q->names || !q->stripped)
		return -1;
	for (size_t i = 0; i < set->count && q->count < total; i++, q->from_devset++)
		if (queries_add(q, set->entries[i].name) < 0)
			return -1;
	while (q->count < total) {
		if (q->edited <= q->random && popular > 0) {
			random_edit(buf, sizeof(buf),
				    intel_pypi_name(intel, rng_below(rng, popular), NULL), rng);
			q->edited++;
		} else {
			random_name(buf, rng);
			q->random++;
		}
		if (queries_add(q, buf) < 0)
			return -1;
	}
	return 0;
}

static void
queries_release(struct queries *q)
{
	free(q->names);
	free(q->stripped);
	arena_release(&q->arena);
}

/* The popular names, stripped once before timing (the baseline's own "index"). */
static struct stripped *
popular_load(const struct intel *intel, size_t *n)
{
	struct stripped *p;

	*n = intel_pypi_count(intel);
	p = calloc(*n ? *n : 1, sizeof(*p));
	if (!p)
		return NULL;
	for (size_t i = 0; i < *n; i++) {
		p[i].name = intel_pypi_name(intel, i, &p[i].rank);
		strip(&p[i], p[i].name);
	}
	return p;
}

struct timing {
	double seconds;
	size_t lookups;
	size_t found;
};

/* Times the plain comparison; @has[i] tells whether query i has a neighbour. */
static struct timing
time_plain(bool *has, const struct stripped *popular, size_t n, const struct queries *q)
{
	struct timing t = { 0 };
	double start = run_seconds();

	for (size_t i = 0; i < q->count; i++) {
		has[i] = plain_find(popular, n, &q->stripped[i], q->names[i]) != NULL;
		t.found += has[i];
	}
	t.lookups = q->count;
	t.seconds = run_seconds() - start;
	return t;
}

struct near_probe {
	const struct stripped *query;
	const char *qname;
	size_t candidates;
	bool found;
};

static int
near_probe_one(const char *normalized, int rank, void *payload)
{
	struct near_probe *p = payload;
	struct stripped cand = { .rank = rank, .name = normalized };

	p->candidates++;
	strip(&cand, normalized);
	if (neighbours(p->query, p->qname, &cand))
		p->found = true;
	return 0;
}

/*
 * Times the index: the same question as the plain comparison (is a popular
 * name within one edit?), answered from the candidates the index offers.
 */
static struct timing
time_index(const struct intel *intel, const struct queries *q)
{
	struct timing t = { 0 };
	double start = run_seconds();

	do {
		for (size_t i = 0; i < q->count; i++) {
			struct near_probe p = { .query = &q->stripped[i], .qname = q->names[i] };

			intel_pypi_near(intel, q->names[i], near_probe_one, &p);
			t.found += p.found;
		}
		t.lookups += q->count;
		t.seconds = run_seconds() - start;
	} while (t.seconds < MIN_SECONDS);
	return t;
}

/* Times the whole verdict (typosquat_find: every technique, both limits). */
static struct timing
time_verdict(const struct intel *intel, const struct queries *q)
{
	struct timing t = { 0 };
	struct lookalike like;
	double start = run_seconds();

	for (size_t i = 0; i < q->count; i++)
		t.found += typosquat_find(&like, intel, q->names[i]);
	t.lookups = q->count;
	t.seconds = run_seconds() - start;
	return t;
}

/*
 * Whether the index and the plain comparison (@plain_has, from its timed
 * pass) find a neighbour for the same queries. The index may offer extra
 * candidates; they are checked here with the same test the plain comparison
 * uses, so only a neighbour it never offered makes a disagreement.
 */
static size_t
agreement(const struct intel *intel, const bool *plain_has, const struct queries *q,
	  size_t *candidates, size_t *with_neighbour)
{
	size_t disagree = 0;

	*candidates = 0;
	*with_neighbour = 0;
	for (size_t i = 0; i < q->count; i++) {
		struct near_probe p = { .query = &q->stripped[i], .qname = q->names[i] };
		bool plain = plain_has[i];

		intel_pypi_near(intel, q->names[i], near_probe_one, &p);
		*candidates += p.candidates;
		*with_neighbour += plain;
		if (p.found == plain)
			continue;
		if (++disagree <= SHOW_DISAGREE)
			printf("  disagree: %-28s plain comparison %s, index %s\n", q->names[i],
			       plain ? "finds a neighbour" : "finds none",
			       p.found ? "finds a neighbour" : "finds none");
	}
	return disagree;
}

int
main(int argc, char **argv)
{
	struct queries q = { 0 };
	struct devset set = { 0 };
	struct stripped *popular = NULL;
	bool *plain_has = NULL;
	struct intel *intel = NULL;
	struct timing ti, tp, tv;
	size_t total = FULL_QUERIES, npopular, candidates, with_neighbour, disagree;
	const char *devset = NULL;
	uint64_t rng = RNG_DEFAULT_SEED;
	double start, open_seconds;
	bool quick = false;
	int status = 2;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--quick") == 0) {
			quick = true;
			total = QUICK_QUERIES;
		} else if (argv[i][0] != '-' && !devset) {
			devset = argv[i];
		} else {
			fprintf(stderr, "usage: typosquat [--quick] [DEVSET.tsv]\n");
			return 2;
		}
	}
	printf("typosquat%s: %zu queries, seed %llu\n", quick ? " --quick" : "", total,
	       (unsigned long long)rng);
	run_print_command(argc, argv);
	if (devset && devset_load(&set, devset) < 0)
		goto out;
	start = run_seconds();
	if (intel_open(&intel) < 0) {
		fprintf(stderr, "typosquat: cannot load the bundled intel\n");
		goto out;
	}
	open_seconds = run_seconds() - start;
	popular = popular_load(intel, &npopular);
	plain_has = calloc(total + set.count, sizeof(*plain_has));
	if (!popular || !plain_has || queries_build(&q, total, &set, intel, &rng) < 0) {
		fprintf(stderr, "typosquat: out of memory\n");
		goto out;
	}
	printf("intel_open (loads the intel, builds the index): %.1f ms; %zu popular names\n",
	       open_seconds * 1e3, npopular);
	printf("queries: %zu from the dev set, %zu popular names with one random edit, "
	       "%zu random names\n", q.from_devset, q.edited, q.random);

	ti = time_index(intel, &q);
	tp = time_plain(plain_has, popular, npopular, &q);
	tv = time_verdict(intel, &q);
	printf("index (intel_pypi_near):         %12.0f lookups/s  (%zu lookups in %.3f s, "
	       "%.2f us each; %zu with a neighbour a pass)\n", (double)ti.lookups / ti.seconds,
	       ti.lookups, ti.seconds, ti.seconds * 1e6 / (double)ti.lookups,
	       ti.found / (ti.lookups / q.count));
	printf("plain (every popular name):      %12.0f lookups/s  (%zu lookups in %.3f s, "
	       "%.2f us each; %zu with a neighbour)\n", (double)tp.lookups / tp.seconds,
	       tp.lookups, tp.seconds, tp.seconds * 1e6 / (double)tp.lookups, tp.found);
	printf("ratio (index / plain):           %12.1fx\n",
	       ((double)ti.lookups / ti.seconds) / ((double)tp.lookups / tp.seconds));
	printf("whole verdict (typosquat_find):  %12.0f names/s    (%.2f us each; every technique, "
	       "%zu flagged)\n", (double)tv.lookups / tv.seconds,
	       tv.seconds * 1e6 / (double)tv.lookups, tv.found);

	disagree = agreement(intel, plain_has, &q, &candidates, &with_neighbour);
	printf("agreement: %zu of %zu queries have a popular name within one edit; the index "
	       "offers %.1f candidates a query; disagreements: %zu\n", with_neighbour, q.count,
	       (double)candidates / (double)q.count, disagree);
	status = 0;
out:
	queries_release(&q);
	free(plain_has);
	free(popular);
	intel_free(intel);
	devset_release(&set);
	return status;
}
