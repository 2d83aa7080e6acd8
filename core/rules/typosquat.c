/*
 * typosquat: a name that is not popular itself but one edit away from a
 * popular PyPI name (see the rule's text in rules.c). Candidates come from
 * the intel's deletion index; this file decides what the edit is and whether
 * the target is popular enough for the resemblance to mean something. R
 * names and GitHub owners are judged in typosquat_r.c.
 */
#include "rules/checks.h"

#include <string.h>
#include <strings.h>

#include "intel/intel.h"

/*
 * How popular the imitated name must be. Every PyPI name is one edit from
 * something, so the target must be a name people actually type. Measured over
 * the 871,338 real names outside the top 15,000 in the 2026-11 package table,
 * these limits flag 3,307 (0.4%, many of them genuine look-alikes) and catch
 * urlib3, setup-tools, python3-dateutil, jeIlyfish, colourama, reqeusts. A
 * 5-letter name is one edit from too much; only very popular ones count
 * (numpy, flask). Four letters or fewer never count for a single edit (pwd,
 * six): those are left to known-malicious and stdlib-shadow.
 */
#define RANK_ONE_EDIT      2000   /* target of 6+ letters */
#define RANK_ONE_EDIT_5    250    /* target of exactly 5 letters */
#define RANK_SEPARATOR     5000   /* same letters, separators differ */
#define MIN_LEN_ONE_EDIT   5
#define MIN_LEN_SEPARATOR  4


static const char *const technique_text[] = {
	[EDIT_NONE] = "",
	[EDIT_SEPARATOR] = "separator differs",
	[EDIT_ADDED] = "one letter added",
	[EDIT_DELETED] = "one letter deleted",
	[EDIT_REPLACED] = "one letter replaced",
	[EDIT_LOOKALIKE] = "look-alike letter replaced",
	[EDIT_SWAPPED] = "adjacent letters swapped",
};

/*
 * @name in lower case without separators. PEP 503 names are lower case and
 * only have '-'; R names have '.', GitHub owners '-' and '_'.
 */
static size_t
strip(char *out, size_t cap, const char *name)
{
	size_t n = 0;

	for (; *name && n + 1 < cap; name++) {
		char c = *name;
		if (c == '-' || c == '.' || c == '_')
			continue;
		out[n++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	out[n] = '\0';
	return n;
}

/* @longer without one of its characters equals @shorter. */
static bool
one_deletion(const char *longer, size_t len, const char *shorter)
{
	size_t i = 0;

	while (i < len - 1 && longer[i] == shorter[i])
		i++;
	return strcmp(longer + i + 1, shorter + i) == 0;
}

static bool
lookalike(char a, char b)
{
	static const char *const groups[] = { "li1", "o0", NULL };

	for (size_t g = 0; groups[g]; g++)
		if (strchr(groups[g], a) && strchr(groups[g], b))
			return true;
	return false;
}

/* What single edit turns the popular @target into the declared @name. */
static enum lookalike_edit
classify(const char *name, const char *target)
{
	char a[256], b[256];
	size_t la = strip(a, sizeof(a), name), lb = strip(b, sizeof(b), target);

	if (strcmp(a, b) == 0)
		return strcasecmp(name, target) != 0 ? EDIT_SEPARATOR : EDIT_NONE;
	if (la == lb + 1)
		return one_deletion(a, la, b) ? EDIT_ADDED : EDIT_NONE;
	if (la + 1 == lb)
		return one_deletion(b, lb, a) ? EDIT_DELETED : EDIT_NONE;
	if (la != lb)
		return EDIT_NONE;

	size_t diff[3], n = 0;
	for (size_t i = 0; i < la && n < 3; i++)
		if (a[i] != b[i])
			diff[n++] = i;
	if (n == 1)
		return lookalike(a[diff[0]], b[diff[0]]) ? EDIT_LOOKALIKE : EDIT_REPLACED;
	if (n == 2 && diff[1] == diff[0] + 1 && a[diff[0]] == b[diff[1]] &&
	    a[diff[1]] == b[diff[0]])
		return EDIT_SWAPPED;
	return EDIT_NONE;
}

static bool
popular_enough(const char *target, int rank, enum lookalike_edit edit)
{
	size_t len = 0;

	for (const char *s = target; *s; s++)
		len += *s != '-';
	if (edit == EDIT_SEPARATOR)
		return len >= MIN_LEN_SEPARATOR && rank <= RANK_SEPARATOR;
	if (len < MIN_LEN_ONE_EDIT)
		return false;
	return rank <= (len == MIN_LEN_ONE_EDIT ? RANK_ONE_EDIT_5 : RANK_ONE_EDIT);
}

struct best {
	const char *name;        /* the declared, normalised name */
	const char *target;
	int rank;
	enum lookalike_edit edit;
};

static int
consider(const char *target, int rank, void *payload)
{
	struct best *best = payload;
	enum lookalike_edit edit;

	if (best->target && rank >= best->rank)
		return 0;       /* prefer the most popular look-alike */
	edit = classify(best->name, target);
	if (edit == EDIT_NONE || !popular_enough(target, rank, edit))
		return 0;
	best->target = target;
	best->rank = rank;
	best->edit = edit;
	return 0;
}

static const char *
describe(enum lookalike_edit edit)
{
	switch (edit) {
	case EDIT_SEPARATOR: return "differs only in separators from";
	case EDIT_ADDED: return "has one letter more than";
	case EDIT_DELETED: return "is one letter away from";
	case EDIT_REPLACED: return "differs by one letter from";
	case EDIT_LOOKALIKE: return "differs by a look-alike letter from";
	case EDIT_SWAPPED: return "swaps two adjacent letters of";
	case EDIT_NONE: break;
	}
	return "resembles";
}

bool
typosquat_classify(struct lookalike *out, const char *name, const char *target)
{
	enum lookalike_edit edit = classify(name, target);

	if (edit == EDIT_NONE)
		return false;
	out->target = target;
	out->rank = 0;
	out->technique = technique_text[edit];
	out->description = describe(edit);
	out->edit = edit;
	return true;
}

bool
typosquat_find(struct lookalike *out, const struct intel *intel, const char *normalized)
{
	struct best best = { .name = normalized };

	intel_pypi_near(intel, normalized, consider, &best);
	if (!best.target)
		return false;
	out->target = best.target;
	out->rank = best.rank;
	out->technique = technique_text[best.edit];
	out->description = describe(best.edit);
	out->edit = best.edit;
	return true;
}

void
typosquat_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep)
{
	struct lookalike like;
	struct finding *f;

	if (dep->language == LANG_R) {
		typosquat_r_check(rule, ctx, dep);
		return;
	}
	if (dep->ecosystem != ECO_PYPI || !rules_dep_has_registry_name(dep))
		return;
	if (intel_pypi_rank(ctx->intel, dep->normalized) > 0)
		return;         /* popular itself: people mean it */
	if (!typosquat_find(&like, ctx->intel, dep->normalized))
		return;
	f = rule_report(ctx, rule, dep, NULL, "%s %s %s (download rank %d)", dep->name,
			like.description, like.target, like.rank);
	if (!f)
		return;
	f->imitates = like.target;
	f->imitates_rank = like.rank;
	f->technique = like.technique;
}
