/*
 * core/resolve: nodes for declared and locked packages, edges from the lock
 * entries' dependency lists with their provenance, unresolved names, version
 * conflicts, cycles, and the path from a root to a transitive package.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "deputy/arena.h"
#include "deputy/dep.h"
#include "intel/intel.h"
#include "resolve/graph.h"
#include "resolve/source.h"

struct fx {
	struct arena arena;
	struct intel *intel;
	struct dep *deps[32];
	size_t n;
};

static int
setup(void **state)
{
	static struct fx fx;

	memset(&fx, 0, sizeof(fx));
	arena_init(&fx.arena);
	if (intel_open(&fx.intel) != 0)
		return -1;
	*state = &fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *fx = *state;

	intel_free(fx->intel);
	arena_release(&fx->arena);
	return 0;
}

/* A declaration of @kind in @file; for a lock entry, @requires is "a,b,c" or NULL. */
static struct dep *
add(struct fx *fx, enum ecosystem eco, enum dep_kind kind, const char *file, unsigned line,
    const char *name, const char *spec, const char *requires)
{
	struct dep *d = arena_alloc(&fx->arena, sizeof(*d));

	d->ecosystem = eco;
	d->kind = kind;
	d->language = eco == ECO_PYPI ? LANG_PYTHON : LANG_R;
	d->name = name;
	d->normalized = eco == ECO_PYPI ? dep_normalize_name(&fx->arena, sv_from_cstr(name)) : name;
	d->spec = spec;
	d->marker = "";
	d->file = file;
	d->line = line;
	if (requires) {
		const char **list = arena_alloc(&fx->arena, 16 * sizeof(*list));
		char *copy = arena_strdup(&fx->arena, requires);
		for (char *t = strtok(copy, ","); t; t = strtok(NULL, ","))
			list[d->n_requires++] = t;
		d->requires = list;
	}
	fx->deps[fx->n++] = d;
	return d;
}

static size_t
node(const struct graph *g, enum ecosystem eco, const char *name)
{
	for (size_t i = 0; i < g->n_nodes; i++)
		if (g->nodes[i].ecosystem == eco && strcmp(g->nodes[i].name, name) == 0)
			return i;
	fail_msg("no node %s", name);
	return GRAPH_NONE;
}

static bool
has_edge(const struct graph *g, size_t from, size_t to, const char *file, unsigned line)
{
	for (size_t i = 0; i < g->n_edges; i++)
		if (g->edges[i].from == from && g->edges[i].to == to &&
		    strcmp(g->edges[i].file, file) == 0 && g->edges[i].line == line)
			return true;
	return false;
}

static void
test_graph_from_a_poetry_lock(void **state)
{
	struct fx *fx = *state;
	struct graph g;

	fx->n = 0;
	add(fx, ECO_PYPI, DEP_MANIFEST, "pyproject.toml", 7, "Requests", "==2.31.0", NULL);
	add(fx, ECO_PYPI, DEP_LOCK, "poetry.lock", 2, "requests", "==2.31.0",
	    "certifi,Charset_Normalizer,urlib3");
	add(fx, ECO_PYPI, DEP_LOCK, "poetry.lock", 14, "certifi", "==2023.7.22", NULL);
	add(fx, ECO_PYPI, DEP_LOCK, "poetry.lock", 22, "urlib3", "==2.0.4", "requests");
	assert_int_equal(graph_build(&g, &fx->arena, fx->intel, fx->deps, fx->n, NULL, 0, NULL, 0), 0);

	size_t req = node(&g, ECO_PYPI, "requests"), cert = node(&g, ECO_PYPI, "certifi");
	size_t url = node(&g, ECO_PYPI, "urlib3"), cn = node(&g, ECO_PYPI, "charset-normalizer");
	assert_int_equal(g.n_nodes, 4);
	assert_true(g.nodes[req].direct);
	assert_false(g.nodes[url].direct);
	assert_string_equal(g.nodes[req].version, "2.31.0");
	assert_ptr_equal(g.nodes[req].dep, fx->deps[1]);      /* the lock entry defines it */
	/* edges with provenance: the lock file and the requiring entry's line */
	assert_int_equal(g.n_edges, 4);
	assert_true(has_edge(&g, req, cert, "poetry.lock", 2));
	assert_true(has_edge(&g, req, url, "poetry.lock", 2));
	assert_true(has_edge(&g, url, req, "poetry.lock", 22));
	/* a name no lock entry defines stays, marked */
	assert_true(g.nodes[cn].unresolved);
	assert_non_null(g.nodes[cn].reason);
	assert_false(g.nodes[cert].unresolved);
	/* requests -> urlib3 -> requests is a cycle; certifi is not on it */
	assert_true(g.nodes[req].in_cycle);
	assert_true(g.nodes[url].in_cycle);
	assert_false(g.nodes[cert].in_cycle);
	/* the path to the transitive look-alike; none to a root */
	assert_string_equal(graph_path(&g, &fx->arena, url), "Requests \xe2\x86\x92 urlib3");
	assert_null(graph_path(&g, &fx->arena, req));
	/* a finding's declaration finds its node */
	assert_int_equal(graph_find(&g, fx->deps[3]), url);
	assert_int_equal(graph_find(&g, fx->deps[0]), req);
}

static void
test_graph_marks_conflicts_and_unreachable_packages(void **state)
{
	struct fx *fx = *state;
	struct graph g;

	fx->n = 0;
	add(fx, ECO_PYPI, DEP_LOCK, "a/poetry.lock", 2, "six", "==1.16.0", NULL);
	add(fx, ECO_PYPI, DEP_LOCK, "b/uv.lock", 9, "six", "==1.15.0", NULL);
	add(fx, ECO_PYPI, DEP_LOCK, "b/uv.lock", 20, "orphan", "==1.0", "six");
	assert_int_equal(graph_build(&g, &fx->arena, fx->intel, fx->deps, fx->n, NULL, 0, NULL, 0), 0);
	size_t six = node(&g, ECO_PYPI, "six"), orphan = node(&g, ECO_PYPI, "orphan");
	assert_true(g.nodes[six].conflict);
	assert_false(g.nodes[orphan].conflict);
	/* no root reaches them: no path */
	assert_int_equal(g.nodes[orphan].via, GRAPH_NONE);
	assert_null(graph_path(&g, &fx->arena, six));
}

static void
test_graph_of_an_renv_lock_leaves_r_itself_out(void **state)
{
	struct fx *fx = *state;
	struct graph g;

	fx->n = 0;
	add(fx, ECO_CRAN, DEP_LIBRARY_CALL, "analysis.R", 1, "dplyr", "", NULL);
	add(fx, ECO_CRAN, DEP_LOCK, "renv.lock", 10, "dplyr", "==1.1.4",
	    "R,methods,utils,tibble,MASS");
	add(fx, ECO_CRAN, DEP_LOCK, "renv.lock", 30, "tibble", "==3.2.1", "pillar");
	add(fx, ECO_CRAN, DEP_LOCK, "renv.lock", 50, "pillar", "==1.9.0", NULL);
	assert_int_equal(graph_build(&g, &fx->arena, fx->intel, fx->deps, fx->n, NULL, 0, NULL, 0), 0);
	/* R, methods and utils ship with R; MASS is recommended: a package of its own */
	for (size_t i = 0; i < g.n_nodes; i++) {
		assert_string_not_equal(g.nodes[i].name, "r");
		assert_string_not_equal(g.nodes[i].name, "methods");
		assert_string_not_equal(g.nodes[i].name, "utils");
	}
	size_t mass = node(&g, ECO_CRAN, "mass"), pillar = node(&g, ECO_CRAN, "pillar");
	assert_true(g.nodes[mass].unresolved);
	assert_string_equal(graph_path(&g, &fx->arena, pillar),
			    "dplyr \xe2\x86\x92 tibble \xe2\x86\x92 pillar");
}

static void
test_graph_of_nothing_and_of_unnamed_declarations(void **state)
{
	struct fx *fx = *state;
	struct graph g;
	struct dep *d;

	fx->n = 0;
	assert_int_equal(graph_build(&g, &fx->arena, fx->intel, fx->deps, 0, NULL, 0, NULL, 0), 0);
	assert_int_equal(g.n_nodes, 0);
	assert_int_equal(g.n_edges, 0);
	d = add(fx, ECO_VCS, DEP_MANIFEST, "requirements.txt", 1, "", "", NULL);
	d->url = "git+https://example.invalid/x.git";
	add(fx, ECO_LOCAL, DEP_MANIFEST, "requirements.txt", 2, "./pkg", "", NULL);
	assert_int_equal(graph_build(&g, &fx->arena, fx->intel, fx->deps, fx->n, NULL, 0, NULL, 0), 0);
	assert_int_equal(g.n_nodes, 0);
	assert_int_equal(graph_find(&g, d), GRAPH_NONE);
}

static void
test_graph_keeps_one_node_per_package_among_thousands(void **state)
{
	enum { N = 3000 };
	struct fx *fx = *state;
	struct dep **deps = calloc(2 * N, sizeof(*deps));
	struct graph g;

	assert_non_null(deps);
	for (size_t i = 0; i < 2 * N; i++) {
		char name[32];

		/* each package twice, spelt two ways: pkg-7 and Pkg_7 are one PyPI name */
		snprintf(name, sizeof(name), i < N ? "pkg-%zu" : "Pkg_%zu", i % N);
		fx->n = 0;
		deps[i] = add(fx, ECO_PYPI, DEP_MANIFEST, "requirements.txt", (unsigned)i + 1,
			      arena_strdup(&fx->arena, name), "", NULL);
	}
	fx->n = 0;
	assert_int_equal(graph_build(&g, &fx->arena, fx->intel, deps, 2 * N, NULL, 0, NULL, 0), 0);
	assert_int_equal(g.n_nodes, N);
	for (size_t i = 0; i < N; i++) {
		size_t k = graph_find(&g, deps[i]);
		assert_true(k != GRAPH_NONE);
		assert_int_equal(graph_find(&g, deps[i + N]), k);
		assert_true(i == 0 || graph_find(&g, deps[i - 1]) != k);
	}
	free(deps);
}

static void
test_graph_grows_from_installed_packages_and_an_index(void **state)
{
	struct fx *fx = *state;
	static const char *const req_requests[] = { "urllib3", "Certifi" };
	static const char *const req_urllib3[] = { "urlib3" };
	static const char *const req_dplyr[] = { "tibble", "R", "stats" };
	static const char *const req_dplyr_old[] = { "plyr" };
	const struct pkg_record records[] = {
		{ ECO_PYPI, "requests", "2.31.0", req_requests, 2,
		  "venv/lib/python3.11/site-packages/requests-2.31.0.dist-info/METADATA", 1,
		  "installed environment" },
		{ ECO_PYPI, "urllib3", "2.0.4", req_urllib3, 1,
		  "venv/lib/python3.11/site-packages/urllib3-2.0.4.dist-info/METADATA", 1,
		  "installed environment" },
		{ ECO_PYPI, "not-reached", "1.0", NULL, 0, "venv/x/METADATA", 1,
		  "installed environment" },
		{ ECO_CRAN, "dplyr", "1.1.4", req_dplyr, 3, "PACKAGES", 10, "CRAN index" },
		{ ECO_CRAN, "dplyr", "0.1", req_dplyr_old, 1, "PACKAGES", 90, "CRAN index" },
		{ ECO_CRAN, "tibble", "3.2.1", NULL, 0, "PACKAGES", 40, "CRAN index" },
	};
	struct graph g;

	fx->n = 0;
	add(fx, ECO_PYPI, DEP_MANIFEST, "requirements.txt", 1, "requests", "", NULL);
	add(fx, ECO_PYPI, DEP_MANIFEST, "requirements.txt", 2, "flask", "", NULL);
	add(fx, ECO_CRAN, DEP_LIBRARY_CALL, "analysis.R", 1, "dplyr", "", NULL);
	assert_int_equal(graph_build(&g, &fx->arena, fx->intel, fx->deps, fx->n, records,
				     sizeof(records) / sizeof(records[0]), NULL, 0), 0);
	size_t req = node(&g, ECO_PYPI, "requests"), u3 = node(&g, ECO_PYPI, "urllib3");
	size_t bad = node(&g, ECO_PYPI, "urlib3"), cert = node(&g, ECO_PYPI, "certifi");
	size_t flask = node(&g, ECO_PYPI, "flask"), dplyr = node(&g, ECO_CRAN, "dplyr");
	size_t tibble = node(&g, ECO_CRAN, "tibble");
	/* only what the roots reach enters the graph; R and base packages stay out */
	assert_int_equal(g.n_nodes, 7);
	for (size_t i = 0; i < g.n_nodes; i++)
		assert_string_not_equal(g.nodes[i].name, "not-reached");
	/* versions and provenance from the records; the first record of a name wins */
	assert_string_equal(g.nodes[u3].version, "2.0.4");
	assert_string_equal(g.nodes[u3].source, "installed environment");
	assert_string_equal(g.nodes[dplyr].version, "1.1.4");
	assert_int_equal(g.nodes[dplyr].defined_line, 10);
	assert_string_equal(g.nodes[tibble].source, "CRAN index");
	for (size_t i = 0; i < g.n_edges; i++)
		if (g.edges[i].from == u3)
			assert_string_equal(g.edges[i].source, "installed environment");
	assert_string_equal(graph_path(&g, &fx->arena, bad),
			    "requests \xe2\x86\x92 urllib3 \xe2\x86\x92 urlib3");
	assert_string_equal(graph_path(&g, &fx->arena, tibble), "dplyr \xe2\x86\x92 tibble");
	/* what nothing describes is unresolved, with a reason for roots and for the rest */
	assert_true(g.nodes[flask].unresolved);
	assert_non_null(strstr(g.nodes[flask].reason, "declared"));
	assert_true(g.nodes[cert].unresolved);
	assert_non_null(strstr(g.nodes[cert].reason, "required"));
	assert_false(g.nodes[req].unresolved);
	assert_false(g.nodes[tibble].unresolved);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_graph_from_a_poetry_lock),
		cmocka_unit_test(test_graph_marks_conflicts_and_unreachable_packages),
		cmocka_unit_test(test_graph_of_an_renv_lock_leaves_r_itself_out),
		cmocka_unit_test(test_graph_of_nothing_and_of_unnamed_declarations),
		cmocka_unit_test(test_graph_grows_from_installed_packages_and_an_index),
		cmocka_unit_test(test_graph_keeps_one_node_per_package_among_thousands),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
