/*
 * One verdict on a name, whichever look-alike rule gives it: the standard-
 * library check first (a module name needs no installation at all), then the
 * popular-name comparison.
 */
#include "rules/lookalike.h"

#include <stdio.h>
#include <string.h>

#include "deputy/arena.h"
#include "intel/intel.h"
#include "rules/checks.h"

static bool
judge_pypi(struct lookalike_verdict *out, const struct intel *intel, const char *name)
{
	struct arena arena;
	struct lookalike like;
	const char *normalized, *module;
	bool found = false;

	arena_init(&arena);
	normalized = dep_normalize_name(&arena, sv_from_cstr(name));
	if (!normalized)
		goto out;
	out->own_rank = intel_pypi_rank(intel, normalized);
	module = intel_stdlib_module(intel, normalized);
	if (module && out->own_rank == 0) {
		out->rule = "stdlib-shadow";
		out->target = module;
		out->target_rank = 0;
		out->technique = "standard-library name";
		found = true;
	} else if (out->own_rank == 0 && typosquat_find(&like, intel, normalized)) {
		out->rule = "typosquat";
		snprintf(out->target_buf, sizeof(out->target_buf), "%s", like.target);
		out->target = out->target_buf;
		out->target_rank = like.rank;
		out->technique = like.technique;
		found = true;
	}
out:
	arena_release(&arena);
	return found;
}

static bool
judge_cran(struct lookalike_verdict *out, const struct intel *intel, const char *name)
{
	struct lookalike like;
	bool base;

	out->own_rank = 0;
	if (!typosquat_cran_find(&like, &base, intel, name))
		return false;
	out->rule = "typosquat";
	out->target = like.target;
	out->target_rank = 0;
	out->technique = like.technique;
	return true;
}

bool
lookalike_judge(struct lookalike_verdict *out, const struct intel *intel, enum ecosystem eco,
		const char *name)
{
	memset(out, 0, sizeof(*out));
	if (eco == ECO_PYPI)
		return judge_pypi(out, intel, name);
	if (eco == ECO_CRAN)
		return judge_cran(out, intel, name);
	return false;
}
