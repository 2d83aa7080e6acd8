/*
 * Declarations built by hand for the rule tests, and a run of the catalog
 * over them. Everything lives in the fixture's arena.
 */
#ifndef DEPUTY_TESTS_RULES_FIXTURE_H
#define DEPUTY_TESTS_RULES_FIXTURE_H

#include <stdlib.h>
#include <string.h>

#include "deputy/arena.h"
#include "deputy/dep.h"
#include "intel/intel.h"
#include "rules/rules.h"

struct fixture {
	struct arena arena;
	struct intel *intel;
	struct findings findings;
	const struct rules_include *includes;  /* which file reads which; set by a test */
	size_t n_includes;
};

static inline int
fixture_setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	if (!fx)
		return -1;
	arena_init(&fx->arena);
	if (intel_open(&fx->intel) != 0) {
		free(fx);
		return -1;
	}
	*state = fx;
	return 0;
}

static inline int
fixture_teardown(void **state)
{
	struct fixture *fx = *state;

	free(fx->findings.items);
	intel_free(fx->intel);
	arena_release(&fx->arena);
	free(fx);
	return 0;
}

/* A PyPI manifest line "name spec". */
static inline struct dep *
fixture_dep(struct fixture *fx, const char *name, const char *spec)
{
	struct dep *d = arena_alloc(&fx->arena, sizeof(*d));

	d->ecosystem = ECO_PYPI;
	d->kind = DEP_MANIFEST;
	d->name = name;
	d->normalized = dep_normalize_name(&fx->arena, sv_from_cstr(name));
	d->spec = spec;
	d->marker = "";
	d->file = "requirements.txt";
	d->line = 1;
	d->column = 1;
	d->raw = name;
	return d;
}

/*
 * An R declaration of @kind in @eco named @name as written, in "analysis.R":
 * language LANG_R, spec "", the rest zero. Callers set vcs_ref, url, package,
 * file... on the result.
 */
static inline struct dep *
fixture_r_dep(struct fixture *fx, enum ecosystem eco, enum dep_kind kind, const char *name)
{
	struct dep *d = arena_alloc(&fx->arena, sizeof(*d));     /* zeroed */

	d->ecosystem = eco;
	d->kind = kind;
	d->language = LANG_R;
	d->name = name;
	d->normalized = name;
	d->spec = "";
	d->marker = "";
	d->file = "analysis.R";
	d->line = 1;
	d->column = 1;
	d->raw = name;
	return d;
}

/* install_github("@name") (or GitLab, Bitbucket) with @ref (NULL: none). */
static inline struct dep *
fixture_r_remote(struct fixture *fx, enum ecosystem eco, const char *name, const char *ref)
{
	struct dep *d = fixture_r_dep(fx, eco, DEP_INSTALL_COMMAND, name);

	d->vcs_ref = ref;
	d->spec = ref ? ref : "";
	d->url = arena_printf(&fx->arena, "https://%s/%s",
			      eco == ECO_GITLAB ? "gitlab.com"
			      : eco == ECO_BITBUCKET ? "bitbucket.org" : "github.com", name);
	return d;
}

static inline struct index_option *
fixture_option(struct fixture *fx, enum index_option_kind kind, const char *value)
{
	struct index_option *o = arena_alloc(&fx->arena, sizeof(*o));

	o->kind = kind;
	o->value = value;
	o->file = "requirements.txt";
	o->line = 2;
	o->column = 1;
	o->raw = value;
	return o;
}

/* Runs the catalog over @deps and @opts, replacing earlier findings. */
static inline int
fixture_run(struct fixture *fx, struct dep **deps, size_t n_deps,
	    struct index_option **opts, size_t n_opts)
{
	fx->findings.len = 0;
	struct rules_input in = { deps, n_deps, opts, n_opts, fx->includes, fx->n_includes };

	return rules_run(&fx->findings, &fx->arena, fx->intel, &in);
}

static inline int
fixture_run_one(struct fixture *fx, struct dep *dep)
{
	return fixture_run(fx, &dep, 1, NULL, 0);
}

/* The first finding of rule @id, or NULL. */
static inline const struct finding *
fixture_find(const struct fixture *fx, const char *id)
{
	for (size_t i = 0; i < fx->findings.len; i++)
		if (strcmp(fx->findings.items[i].rule->id, id) == 0)
			return &fx->findings.items[i];
	return NULL;
}

static inline size_t
fixture_count(const struct fixture *fx, const char *id)
{
	size_t n = 0;

	for (size_t i = 0; i < fx->findings.len; i++)
		n += strcmp(fx->findings.items[i].rule->id, id) == 0;
	return n;
}

/* Whether a finding of rule @id has exactly @message. */
static inline bool
fixture_has_message(const struct fixture *fx, const char *id, const char *message)
{
	for (size_t i = 0; i < fx->findings.len; i++)
		if (strcmp(fx->findings.items[i].rule->id, id) == 0 &&
		    strcmp(fx->findings.items[i].message, message) == 0)
			return true;
	return false;
}

#endif
