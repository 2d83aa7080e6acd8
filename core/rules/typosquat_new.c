/*
 * Look-alike techniques for a name that no PyPI project has. Among existing
 * projects they would flag legitimate names by the hundred (forks, ports,
 * truncated names), but a name nobody has registered has no history to speak
 * for it: it is a typo waiting for an attacker, or a look-alike that was
 * removed from PyPI or uploaded after the intel's snapshot.
 */
#include "rules/checks.h"

#include <stdlib.h>
#include <string.h>

#include "intel/intel.h"

#define CUT_SHORT_MIN_LEN    8      /* letters kept */
#define CUT_SHORT_MAX_CUT    4      /* letters cut from the end */
#define CUT_SHORT_RANK       5000
#define REARRANGED_MIN_LEN   8
#define REARRANGED_RANK      2000
#define NEAR_EXISTING_MIN_LEN 7

static size_t
letters(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += *s != '-';
	return n;
}

/* Names what was found in @out and returns @cost, or -1 when nothing was. */
static double
settle(struct lookalike *out, bool found, enum lookalike_edit edit, const char *technique,
       const char *description, double cost)
{
	if (!found)
		return -1;
	out->edit = edit;
	out->technique = technique;
	out->description = description;
	return cost;
}

/* Keeps the popular @name when it is more popular than what @out holds. */
static void
keep(struct lookalike *out, bool *found, const char *name, int rank)
{
	if (*found && rank >= out->rank)
		return;
	out->target = name;
	out->rank = rank;
	*found = true;
}

double
typosquat_cut_short(struct lookalike *out, const struct intel *intel, const char *normalized)
{
	size_t len = strlen(normalized), n = intel_pypi_count(intel);
	bool found = false;

	if (letters(normalized) < CUT_SHORT_MIN_LEN)
		return -1;
	/* the popular names that start with @normalized follow it in sorted order */
	for (size_t i = intel_pypi_lower_bound(intel, normalized); i < n; i++) {
		int rank;
		const char *name = intel_pypi_name(intel, i, &rank);

		if (strncmp(name, normalized, len) != 0)
			break;
		if (letters(name + len) > 0 && letters(name + len) <= CUT_SHORT_MAX_CUT &&
		    rank <= CUT_SHORT_RANK)
			keep(out, &found, name, rank);
	}
	return settle(out, found, EDIT_DELETED, "popular name cut short", "cuts short", 1.5);
}

static int
char_cmp(const void *a, const void *b)
{
	return *(const char *)a - *(const char *)b;
}

double
typosquat_rearranged(struct lookalike *out, const struct intel *intel, const char *stripped)
{
	size_t len = strlen(stripped), n = intel_pypi_count(intel);
	char sorted[128], other[128];
	bool found = false;

	if (len < REARRANGED_MIN_LEN || len >= sizeof(sorted))
		return -1;
	memcpy(sorted, stripped, len + 1);
	qsort(sorted, len, 1, char_cmp);
	for (size_t i = 0; i < n; i++) {
		int rank;
		const char *letters_of;
		const char *name = intel_pypi_top(intel, i, &rank, &letters_of);
		size_t k = strlen(letters_of);

		if (rank > REARRANGED_RANK)
			break;          /* by rank: the rest are less popular */
		if (k != len || letters_of[0] != stripped[0] || strcmp(letters_of, stripped) == 0 ||
		    (found && rank >= out->rank))
			continue;
		memcpy(other, letters_of, k + 1);
		qsort(other, k, 1, char_cmp);
		if (memcmp(other, sorted, len) == 0)
			keep(out, &found, name, rank);
	}
	return settle(out, found, EDIT_SWAPPED, "letters rearranged", "rearranges the letters of",
		      2);
}

/* Tries @cand; keeps it in @out when it exists. */
static bool
try_existing(struct lookalike *out, const struct intel *intel, const char *cand)
{
	size_t len = strlen(cand);

	if (len == 0 || cand[0] == '-' || cand[len - 1] == '-' || strstr(cand, "--") ||
	    len >= sizeof(out->buf) || !intel_pypi_exists(intel, cand))
		return false;
	memcpy(out->buf, cand, len + 1);
	out->target = out->buf;
	return true;
}

double
typosquat_near_existing(struct lookalike *out, const struct intel *intel,
			const char *normalized)
{
	static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789-";
	size_t len = strlen(normalized);
	char cand[sizeof(out->buf) + 1];
	bool found = false;

	if (letters(normalized) < NEAR_EXISTING_MIN_LEN || len + 2 > sizeof(out->buf))
		return -1;
	/* deletions, then adjacent swaps, substitutions, insertions */
	for (size_t i = 0; i < len && !found; i++) {
		memcpy(cand, normalized, i);
		memcpy(cand + i, normalized + i + 1, len - i);
		found = try_existing(out, intel, cand);
	}
	for (size_t i = 0; i + 1 < len && !found; i++) {
		memcpy(cand, normalized, len + 1);
		cand[i] = normalized[i + 1];
		cand[i + 1] = normalized[i];
		found = cand[i] != cand[i + 1] && try_existing(out, intel, cand);
	}
	/* a position is worth trying only when some name starts with what precedes it */
	for (size_t i = 0; i < len && !found; i++) {
		if (!intel_pypi_has_prefix(intel, normalized, i))
			break;
		memcpy(cand, normalized, len + 1);
		for (const char *a = alphabet; *a && !found; a++) {
			if (*a == normalized[i])
				continue;
			cand[i] = *a;
			found = try_existing(out, intel, cand);
		}
	}
	for (size_t i = 0; i <= len && !found; i++) {
		if (!intel_pypi_has_prefix(intel, normalized, i))
			break;
		memcpy(cand, normalized, i);
		memcpy(cand + i + 1, normalized + i, len - i + 1);
		for (const char *a = alphabet; *a && !found; a++) {
			cand[i] = *a;
			found = try_existing(out, intel, cand);
		}
	}
	if (!found)
		return -1;
	if (!typosquat_classify(out, normalized, out->buf))
		return -1;
	out->target = out->buf;
	out->rank = intel_pypi_rank(intel, out->buf);
	return 2.5;
}
