/*
 * typosquat: a name that is not popular itself but imitates a popular PyPI
 * name (see the rule's text in rules.c). Candidates come from the intel's
 * indexes: the popular names, and their other forms (packaging words set
 * aside, look-alike letters folded: intel/variants.h). This file decides what
 * the resemblance is and whether the target is popular enough for it to mean
 * something. R names and GitHub owners are judged in typosquat_r.c.
 */
#include "rules/checks.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "deputy/diag.h"
#include "intel/intel.h"
#include "intel/variants.h"

/*
 * How popular the imitated name must be. Every PyPI name is within an edit or
 * two of something, so the shorter the shared part, the more popular the
 * target must be for a resemblance to mean anything. Two sets of limits:
 *
 * - strict, for a name that is an existing PyPI project: it has a history of
 *   its own, and most such names near a popular one are legitimate plug-ins,
 *   forks and namesakes, so only close resemblances to very popular names
 *   count;
 * - loose, for a name that no PyPI project has: nothing speaks for it, and
 *   every documented look-alike, once removed from PyPI, is such a name, as is
 *   one uploaded after the intel's snapshot.
 *
 * Tuned on bench/typosquat-quality (figures and command in README.md).
 */
struct limits {
	int edit[10];            /* one edit, by letters of the target (index 9: 9+) */
	int subtle[10];          /* a look-alike letter or an adjacent swap */
	int separator, skeleton; /* same letters; same once look-alikes are folded */
	int skeleton_edit;       /* ... and one edit */
	int affix[10];           /* same once packaging words are set aside */
	int affix_edit;          /* ... and one edit on what is left */
	size_t affix_edit_len;
	int two_edits;           /* two edits */
	size_t two_edits_len;
	int two_edits_top;       /* two edits on a shorter name, very popular targets */
	size_t two_edits_top_len;
	int words;               /* words added to a popular name */
	int words_edit;          /* ... with one edit in it */
};

static const struct limits strict = {
	.edit   = { 0, 0, 0, 0, 0, 250, 2000, 2000, 2000, 2000 },
	.subtle = { 0, 0, 0, 0, 0, 1000, 2000, 2000, 2000, 2000 },
	.separator = 5000, .skeleton = 5000, .skeleton_edit = 0,
	.affix  = { 0, 0, 0, 0, 300, 1000, 2000, 2000, 2000, 2000 },
	.affix_edit = 500, .affix_edit_len = 8,
	.two_edits = 100, .two_edits_len = 10,
	.two_edits_top = 0, .two_edits_top_len = 99,
	.words = 0, .words_edit = 0,
};

static const struct limits loose = {
	.edit   = { 0, 0, 0, 0, 0, 5000, 15000, 15000, 15000, 15000 },
	.subtle = { 0, 0, 0, 0, 1000, 15000, 15000, 15000, 15000, 15000 },
	.separator = 15000, .skeleton = 15000, .skeleton_edit = 2000,
	.affix  = { 0, 0, 0, 0, 10000, 15000, 15000, 15000, 15000, 15000 },
	.affix_edit = 5000, .affix_edit_len = 6,
	.two_edits = 5000, .two_edits_len = 8,
	.two_edits_top = 200, .two_edits_top_len = 5,
	.words = 5000, .words_edit = 5000,
};

#define MIN_LEN_SEPARATOR 4
#define MIN_LEN_WORDS     5      /* the popular name inside a longer one */
#define MIN_LEN_WORDS_EDIT 6

static int
by_len(const int table[10], size_t len)
{
	return table[len < 9 ? len : 9];
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

/* @name in lower case without separators into @out (@cap bytes). */
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

bool
typosquat_classify(struct lookalike *out, const char *name, const char *target)
{
	char a[256], b[256];
	const char *technique;
	enum lookalike_edit edit;

	strip(a, sizeof(a), name);
	strip(b, sizeof(b), target);
	if (strcmp(a, b) == 0) {
		if (strcasecmp(name, target) == 0)
			return false;
		edit = EDIT_SEPARATOR;
		technique = "separator differs";
	} else {
		edit = edit_classify(a, b, &technique);
		if (edit == EDIT_NONE)
			return false;
	}
	out->target = target;
	out->rank = 0;
	out->technique = technique;
	out->description = describe(edit);
	out->edit = edit;
	return true;
}

/* The best resemblance found so far for one declared name. */
struct search {
	const char *name;            /* normalised */
	const struct limits *limits;
	const struct variant *form;  /* the declared name's form being tried */
	bool found;
	double score;                /* lower is better */
	struct lookalike like;
};

/* Copies @src into @dst, its target too when it lives in @src's buffer. */
static void
lookalike_copy(struct lookalike *dst, const struct lookalike *src)
{
	*dst = *src;
	if (src->target == src->buf)
		dst->target = dst->buf;
}

/*
 * Keeps @like when it beats what @s holds. The score weighs how much was
 * changed (@cost: an edit 1, packaging words 0.5, ...) against how popular
 * the target is (half a point for each factor of ten in rank), so that a
 * popular name behind packaging words beats an obscure one at one edit
 * (openvc: opencv-python, not opencc).
 */
static void
offer(struct search *s, const struct lookalike *like, double cost)
{
	double score = cost + 0.5 * log10(like->rank > 0 ? like->rank : 1);

	if (s->found && (score > s->score ||
			 (score == s->score && strcmp(like->target, s->like.target) >= 0)))
		return;
	lookalike_copy(&s->like, like);
	s->score = score;
	s->found = true;
}

/* The cost of the forms compared: packaging words 0.5, folded letters 1. */
static double
form_cost(unsigned kind)
{
	return (kind & (VARIANT_PREFIX | VARIANT_SUFFIX) ? 0.5 : 0) +
	       (kind & VARIANT_SKELETON ? 1 : 0);
}

static int
word_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* @a and @b (PEP 503) are the same words in another order ("nmap-python"). */
static bool
words_reordered(const char *a, const char *b)
{
	char x[VARIANT_LEN], y[VARIANT_LEN];
	char *wx[16], *wy[16];
	size_t nx = 0, ny = 0;

	if (strlen(a) >= sizeof(x) || strlen(b) >= sizeof(y) || strcmp(a, b) == 0)
		return false;
	strcpy(x, a);
	strcpy(y, b);
	for (char *t = strtok(x, "-"); t && nx < 16; t = strtok(NULL, "-"))
		wx[nx++] = t;
	for (char *t = strtok(y, "-"); t && ny < 16; t = strtok(NULL, "-"))
		wy[ny++] = t;
	if (nx != ny || nx < 2)
		return false;
	qsort(wx, nx, sizeof(*wx), word_cmp);
	qsort(wy, ny, sizeof(*wy), word_cmp);
	for (size_t i = 0; i < nx; i++)
		if (strcmp(wx[i], wy[i]) != 0)
			return false;
	return true;
}

/* What to call a resemblance through packaging words, with or without an edit. */
static const char *
affix_technique(unsigned name_kind, unsigned target_kind, enum lookalike_edit edit)
{
	bool added = name_kind & (VARIANT_PREFIX | VARIANT_SUFFIX);
	bool dropped = target_kind & (VARIANT_PREFIX | VARIANT_SUFFIX);

	if (edit != EDIT_NONE)
		return added && dropped ? "packaging words changed and one letter"
		       : added ? "packaging word added and one letter changed"
			       : "packaging word dropped and one letter changed";
	return added && dropped ? "packaging words changed"
	       : added ? "packaging word added" : "packaging word dropped";
}

/*
 * Judges one candidate: the declared name's form @s->form against the form
 * @text (kind @kind) of the popular @target.
 */
static void
judge(struct search *s, const char *target, int rank, const char *text, unsigned kind)
{
	const struct variant *form = s->form;
	struct lookalike like = { .target = target, .rank = rank };
	const char *technique;
	enum lookalike_edit edit;
	size_t len = strlen(text) < strlen(form->text) ? strlen(text) : strlen(form->text);
	bool same = strcmp(form->text, text) == 0;
	bool skeleton = (form->kind | kind) & VARIANT_SKELETON;
	bool affix = (form->kind | kind) & (VARIANT_PREFIX | VARIANT_SUFFIX);

	if (strcmp(target, s->name) == 0)
		return;
	edit = same ? EDIT_NONE : edit_classify(form->text, text, &technique);
	if (!same && edit == EDIT_NONE)
		return;
	if (skeleton) {
		/* folded letters: "nurnpy" is "numpy" to the eye, "requstsss" "requsts" */
		if (affix || len < MIN_LEN_SEPARATOR ||
		    rank > (same ? s->limits->skeleton : s->limits->skeleton_edit))
			return;
		like.edit = same ? EDIT_LOOKALIKE : edit;
		like.technique = same ? "look-alike or repeated letters"
				      : "repeated letters and one letter changed";
		like.description = "reads like";
	} else if (affix && same && words_reordered(s->name, target)) {
		if (rank > by_len(s->limits->affix, len))
			return;
		like.edit = EDIT_SEPARATOR;
		like.technique = "words in another order";
		like.description = "reorders the words of";
		offer(s, &like, -1);    /* the same words: the strongest resemblance */
		return;
	} else if (affix) {
		if (same ? rank > by_len(s->limits->affix, len)
			 : len < s->limits->affix_edit_len || rank > s->limits->affix_edit)
			return;
		like.edit = edit;
		like.technique = affix_technique(form->kind, kind, edit);
		like.description = "is a variant of";
	} else if (same) {
		/* the same letters: only separators or case differ */
		if (len < MIN_LEN_SEPARATOR || rank > s->limits->separator)
			return;
		like.edit = EDIT_SEPARATOR;
		like.technique = "separator differs";
		like.description = describe(EDIT_SEPARATOR);
	} else {
		bool subtle = edit == EDIT_LOOKALIKE || edit == EDIT_SWAPPED;
		if (rank > by_len(subtle ? s->limits->subtle : s->limits->edit, len))
			return;
		like.edit = edit;
		like.technique = technique;
		like.description = describe(edit);
	}
	offer(s, &like, form_cost(form->kind | kind) + (edit != EDIT_NONE));
}

static int
on_popular(const char *target, int rank, void *payload)
{
	struct search *s = payload;
	char text[VARIANT_LEN];

	if (strip(text, sizeof(text), target) + 1 >= sizeof(text))
		return 0;
	judge(s, target, rank, text, VARIANT_SELF);
	return 0;
}

static int
on_form(const struct intel_form *form, void *payload)
{
	judge(payload, form->target, form->rank, form->text, form->kind);
	return 0;
}

/* Two edits, against the most popular names only: a scan of the popular list. */
static void
two_edits(struct search *s, const struct intel *intel, const char *text)
{
	const struct limits *lim = s->limits;
	size_t len = strlen(text), n = intel_pypi_count(intel);
	int top = lim->two_edits > lim->two_edits_top ? lim->two_edits : lim->two_edits_top;

	if (len < lim->two_edits_len && len < lim->two_edits_top_len)
		return;
	for (size_t i = 0; i < n; i++) {
		int rank;
		const char *other;
		const char *target = intel_pypi_top(intel, i, &rank, &other);
		size_t olen, shorter;

		if (rank > top)
			break;          /* by rank: the rest are less popular */
		/* people keep a name's first letter: its look-alikes do too */
		if (other[0] != text[0])
			continue;
		olen = strlen(other);
		if (olen + 2 < len || olen > len + 2)
			continue;
		shorter = olen < len ? olen : len;
		if (!(shorter >= lim->two_edits_len && rank <= lim->two_edits) &&
		    !(shorter >= lim->two_edits_top_len && rank <= lim->two_edits_top))
			continue;
		if (edit_distance_at_most(text, other, 2) != 2)
			continue;
		struct lookalike like = {
			.target = target, .rank = rank, .edit = EDIT_REPLACED,
			.technique = "two letters changed", .description = "is two edits from",
		};
		offer(s, &like, 2);
	}
}

/* A popular name one edit from, or equal to, @part: judged for words_added(). */
struct part_search {
	const char *text;
	const struct limits *limits;
	const char *target;
	int rank;
	bool edited;
};

static int
on_part(const char *target, int rank, void *payload)
{
	struct part_search *p = payload;
	char other[VARIANT_LEN];
	const char *technique;
	bool same;

	strip(other, sizeof(other), target);
	same = strcmp(other, p->text) == 0;
	if (same ? rank > p->limits->words || strlen(other) < MIN_LEN_WORDS
		 : rank > p->limits->words_edit || strlen(other) < MIN_LEN_WORDS_EDIT ||
		   edit_classify(p->text, other, &technique) == EDIT_NONE)
		return 0;
	if (p->target && (p->edited < !same || (p->edited == !same && rank >= p->rank)))
		return 0;
	p->target = target;
	p->rank = rank;
	p->edited = !same;
	return 0;
}

/*
 * Words added to a popular name ("requests-darwin-lite", "matplatlib-plus"):
 * the name's leading or trailing words, at a separator, are a popular name or
 * one edit from one. Among existing projects that is how half of all plug-ins
 * are named, so only the loose limits allow it.
 */
static void
words_added(struct search *s, const struct intel *intel, const char *normalized)
{
	struct part_search best = { 0 };
	size_t best_len = 0;
	char part[VARIANT_LEN];

	if (s->limits->words == 0)
		return;
	/* the longest run of leading or trailing words that names a popular project */
	for (const char *dash = strchr(normalized, '-'); dash; dash = strchr(dash + 1, '-')) {
		size_t head = (size_t)(dash - normalized);

		for (int k = 0; k < 2; k++) {
			struct part_search p = { .text = part, .limits = s->limits };
			char words[VARIANT_LEN];
			size_t len;

			if (k == 0) {
				if (head >= sizeof(words))
					continue;
				memcpy(words, normalized, head);
				words[head] = '\0';
			} else {
				snprintf(words, sizeof(words), "%s", dash + 1);
			}
			len = strip(part, sizeof(part), words);
			if (len < best_len || variants_is_packaging_word(part))
				continue;
			intel_pypi_near(intel, part, on_part, &p);
			if (!p.target || (len == best_len && (p.edited > best.edited ||
							      (p.edited == best.edited &&
							       p.rank >= best.rank))))
				continue;
			best = p;
			best_len = len;
		}
	}
	if (!best.target)
		return;
	struct lookalike like = {
		.target = best.target, .rank = best.rank, .edit = EDIT_ADDED,
		.technique = best.edited ? "words added to a misspelt popular name"
					 : "words added to a popular name",
		.description = "adds words to",
	};
	offer(s, &like, 2 + best.edited);
}

bool
typosquat_find(struct lookalike *out, const struct intel *intel, const char *normalized)
{
	struct variant forms[VARIANT_MAX];
	size_t n = variants_of(forms, normalized);
	struct search s = { .name = normalized };

	s.limits = intel_pypi_exists(intel, normalized) ? &strict : &loose;

	for (size_t i = 0; i < n; i++) {
		s.form = &forms[i];
		intel_pypi_near(intel, forms[i].text, on_popular, &s);
		intel_pypi_variant_near(intel, forms[i].text, on_form, &s);
	}
	if (!s.found && n > 0)
		two_edits(&s, intel, forms[0].text);
	if (!s.found && s.limits == &loose && n > 0) {
		struct lookalike like;
		double cost;

		if ((cost = typosquat_cut_short(&like, intel, normalized)) >= 0)
			offer(&s, &like, cost);
		if ((cost = typosquat_rearranged(&like, intel, forms[0].text)) >= 0)
			offer(&s, &like, cost);
	}
	if (!s.found)
		words_added(&s, intel, normalized);
	if (!s.found && s.limits == &loose) {
		struct lookalike like;
		double cost = typosquat_near_existing(&like, intel, normalized);

		if (cost >= 0)
			offer(&s, &like, cost);
	}
	if (!s.found)
		return false;
	lookalike_copy(out, &s.like);
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
	const char *target = like.target == like.buf ? arena_strdup(ctx->arena, like.buf)
						     : like.target;
	if (!target) {
		ctx->error = ERR_NOMEM;
		return;
	}
	if (like.rank > 0)
		f = rule_report(ctx, rule, dep, NULL,
				"%s %s %s (%s; download rank %d, while %s is not among the 15,000 "
				"most downloaded)", dep->name, like.description, target,
				like.technique, like.rank, dep->name);
	else
		f = rule_report(ctx, rule, dep, NULL,
				"%s %s the PyPI project %s (%s), and no project has the name %s",
				dep->name, like.description, target, like.technique, dep->name);
	if (!f)
		return;
	/*
	 * Close to a project nobody much uses: a private package's name often is
	 * too, so say it one level lower than a look-alike of a popular name.
	 */
	if (like.rank == 0)
		f->severity = SEV_MEDIUM;
	f->imitates = target;
	f->imitates_rank = like.rank;
	f->technique = like.technique;
}
