/*
 * typosquat for R: a CRAN name that is not on CRAN's popular list but one
 * edit from a name that is (or from a base package), and a GitHub owner one
 * edit from a well-known R owner (tidyvrse/dplyr, r-1ib/...).
 */
#include "rules/checks.h"

#include <string.h>

#include "deputy/diag.h"
#include "intel/intel.h"

/*
 * The bundled CRAN list is Debian's ~1,100 packages of CRAN's 20,000+, with
 * no download rank; the ~900 names those packages depend on or suggest are
 * known to be real and never flagged (intel_cran_known()). A real CRAN
 * package missing from both can still sit one edit from a listed one
 * (reader/readr, tsibble/tibble, webshot2/webshot). Short
 * names therefore count only for the slips least likely to be a separate
 * package: a look-alike letter, two letters swapped, separators; a letter
 * added, the edit that makes most new legitimate names, needs a longer
 * target, and a digit added at the end (R's way of naming a successor:
 * httr2, webshot2) never counts. Lengths are counted without separators.
 * Checked against ~190 well-known CRAN packages missing from Debian's set.
 */
#define CRAN_MIN_LEN_ADDED     7   /* a letter added */
#define CRAN_MIN_LEN_EDIT      6   /* a letter deleted or replaced */
#define CRAN_MIN_LEN_SUBTLE    5   /* look-alike letter, adjacent swap */
#define CRAN_MIN_LEN_SEPARATOR 4
/* GitHub has millions of accounts: four-letter owners only by look-alike or separator. */
#define OWNER_MIN_LEN_EDIT     5
#define OWNER_MIN_LEN_SUBTLE   4

struct limits {
	size_t added, edit, subtle, separator;
	bool trailing_digit;     /* a digit added at the end counts */
};

static const struct limits cran_limits = {
	CRAN_MIN_LEN_ADDED, CRAN_MIN_LEN_EDIT, CRAN_MIN_LEN_SUBTLE, CRAN_MIN_LEN_SEPARATOR,
	false,
};
static const struct limits owner_limits = {
	OWNER_MIN_LEN_EDIT, OWNER_MIN_LEN_EDIT, OWNER_MIN_LEN_SUBTLE, OWNER_MIN_LEN_SUBTLE,
	true,
};

static size_t
letters(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += *s != '.' && *s != '-' && *s != '_';
	return n;
}

/* The last letter of @name (separators aside) is a digit. */
static bool
ends_in_digit(const char *name)
{
	char last = '\0';

	for (; *name; name++)
		if (*name != '.' && *name != '-' && *name != '_')
			last = *name;
	return last >= '0' && last <= '9';
}

static bool
counts(const struct limits *limits, const char *name, const struct lookalike *like)
{
	size_t len = letters(like->target);

	switch (like->edit) {
	case EDIT_SEPARATOR: return len >= limits->separator;
	case EDIT_LOOKALIKE:
	case EDIT_SWAPPED: return len >= limits->subtle;
	case EDIT_ADDED:
		/* one letter more and a final digit: the digit is the added letter */
		if (!limits->trailing_digit && ends_in_digit(name) && !ends_in_digit(like->target))
			return false;
		return len >= limits->added;
	case EDIT_DELETED:
	case EDIT_REPLACED: return len >= limits->edit;
	case EDIT_NONE: break;
	}
	return false;
}

/* Which resemblance to report when several names are close: the subtlest. */
static int
strength(enum lookalike_edit edit)
{
	switch (edit) {
	case EDIT_SEPARATOR: return 5;
	case EDIT_LOOKALIKE: return 4;
	case EDIT_SWAPPED: return 3;
	case EDIT_ADDED:
	case EDIT_DELETED: return 2;
	case EDIT_REPLACED: return 1;
	case EDIT_NONE: break;
	}
	return 0;
}

struct best {
	const char *name;            /* as declared */
	const struct limits *limits;
	bool found;
	bool base;                   /* the target is a base or recommended package */
	bool current_base;           /* the candidates now offered are */
	struct lookalike like;
};

static int
consider(const char *target, int rank, void *payload)
{
	struct best *best = payload;
	struct lookalike like;
	int s, old;

	(void)rank;
	if (!typosquat_classify(&like, best->name, target) ||
	    !counts(best->limits, best->name, &like))
		return 0;
	s = strength(like.edit);
	old = best->found ? strength(best->like.edit) : -1;
	/* Stable whatever the index's order: strongest, then alphabetical. */
	if (s < old || (s == old && strcmp(target, best->like.target) >= 0))
		return 0;
	best->like = like;
	best->base = best->current_base;
	best->found = true;
	return 0;
}

bool
typosquat_cran_find(struct lookalike *out, bool *base, const struct intel *intel,
		    const char *name)
{
	struct best best = { .name = name, .limits = &cran_limits };

	if (intel_cran_known(intel, name) || intel_r_base_package(intel, name, NULL))
		return false;
	intel_cran_near(intel, name, consider, &best);
	best.current_base = true;
	intel_r_base_near(intel, name, consider, &best);
	if (!best.found)
		return false;
	*out = best.like;
	*base = best.base;
	return true;
}

static void
check_cran(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep)
{
	struct lookalike like;
	struct finding *f;
	bool base;

	if (!typosquat_cran_find(&like, &base, ctx->intel, dep->name))
		return;
	f = rule_report(ctx, rule, dep, NULL, "%s %s %s, %s", dep->name, like.description,
			like.target, base ? "a package that ships with R" : "a popular CRAN package");
	if (!f)
		return;
	f->imitates = like.target;
	f->imitates_rank = 0;   /* CRAN names carry no download rank */
	f->technique = like.technique;
}

static void
check_owner(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep)
{
	struct r_repo repo;
	struct best best = { .limits = &owner_limits };
	struct finding *f;
	char *owner;

	if (!rules_r_repo(&repo, dep) || repo.owner.len == 0)
		return;
	owner = arena_strndup(ctx->arena, repo.owner);
	if (!owner) {
		ctx->error = ERR_NOMEM;
		return;
	}
	if (intel_r_owner(ctx->intel, owner))
		return;
	best.name = owner;
	intel_r_owner_near(ctx->intel, owner, consider, &best);
	if (!best.found)
		return;
	f = rule_report(ctx, rule, dep, NULL,
			"the GitHub owner %s of %s %s %s, a well-known R account", owner,
			dep->name, best.like.description, best.like.target);
	if (!f)
		return;
	f->imitates = best.like.target;
	f->imitates_rank = 0;
	f->technique = best.like.technique;
}

/* install_git("https://github.com/OWNER/REPO.git"): a GitHub account too. */
static bool
git_url_on_github(const struct dep *dep)
{
	char host[32];

	if (dep->ecosystem != ECO_VCS)
		return false;
	rules_url_host(host, sizeof(host), dep->url ? dep->url : dep->name);
	return strcmp(host, "github.com") == 0 || strcmp(host, "www.github.com") == 0;
}

void
typosquat_r_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep)
{
	if (dep->dynamic || !dep->name || !dep->name[0])
		return;
	if (dep->ecosystem == ECO_CRAN)
		check_cran(rule, ctx, dep);
	else if (dep->ecosystem == ECO_GITHUB || git_url_on_github(dep))
		check_owner(rule, ctx, dep);
}
