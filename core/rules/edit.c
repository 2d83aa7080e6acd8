/*
 * What separates two package names once case and separators are set aside:
 * the single edit (and how a person makes it: a doubled letter, a neighbouring
 * key, a letter that looks the same), or the number of edits up to a small
 * limit. Shared by the PyPI and R look-alike checks.
 */
#include "rules/checks.h"

#include <string.h>

/* @longer without one of its characters equals @shorter; *@at gets the position. */
static bool
one_deletion(const char *longer, size_t len, const char *shorter, size_t *at)
{
	size_t i = 0;

	while (i < len - 1 && longer[i] == shorter[i])
		i++;
	*at = i;
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

/* Keys next to each other on a QWERTY keyboard (rows and the diagonals between). */
static bool
keyboard_adjacent(char a, char b)
{
	static const char *const rows[] = { "1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm" };
	int ra = -1, ca = 0, rb = -1, cb = 0;

	for (int r = 0; r < 4; r++) {
		const char *pa = strchr(rows[r], a), *pb = strchr(rows[r], b);
		if (a && pa) {
			ra = r;
			ca = (int)(pa - rows[r]);
		}
		if (b && pb) {
			rb = r;
			cb = (int)(pb - rows[r]);
		}
	}
	if (ra < 0 || rb < 0)
		return false;
	if (ra == rb)
		return ca - cb == 1 || cb - ca == 1;
	/* each row sits about half a key right of the one above */
	if (ra + 1 == rb)
		return cb == ca || cb == ca - 1;
	if (rb + 1 == ra)
		return ca == cb || ca == cb - 1;
	return false;
}

enum lookalike_edit
edit_classify(const char *a, const char *b, const char **technique)
{
	size_t la = strlen(a), lb = strlen(b), at;
	static const char *const none = "";

	*technique = none;
	if (la == lb + 1 && one_deletion(a, la, b, &at)) {
		bool doubled = (at > 0 && a[at - 1] == a[at]) || a[at + 1] == a[at];
		*technique = doubled ? "letter doubled" : "one letter added";
		return EDIT_ADDED;
	}
	if (la + 1 == lb && one_deletion(b, lb, a, &at)) {
		bool doubled = (at > 0 && b[at - 1] == b[at]) || b[at + 1] == b[at];
		*technique = doubled ? "double letter made single" : "one letter deleted";
		return EDIT_DELETED;
	}
	if (la != lb || la == 0)
		return EDIT_NONE;

	size_t diff[3], n = 0;
	for (size_t i = 0; i < la && n < 3; i++)
		if (a[i] != b[i])
			diff[n++] = i;
	if (n == 1) {
		char x = a[diff[0]], y = b[diff[0]];
		if (lookalike(x, y)) {
			*technique = "look-alike letter replaced";
			return EDIT_LOOKALIKE;
		}
		*technique = keyboard_adjacent(x, y) ? "neighbouring key typed" : "one letter replaced";
		return EDIT_REPLACED;
	}
	if (n == 2 && diff[1] == diff[0] + 1 && a[diff[0]] == b[diff[1]] &&
	    a[diff[1]] == b[diff[0]]) {
		*technique = "adjacent letters swapped";
		return EDIT_SWAPPED;
	}
	return EDIT_NONE;
}

int
edit_distance_at_most(const char *a, const char *b, int max)
{
	enum { CAP = 64 };
	int la = (int)strlen(a), lb = (int)strlen(b);
	int prev2[CAP + 1], prev[CAP + 1], cur[CAP + 1];

	if (la > CAP || lb > CAP)
		return max + 1;
	if (la - lb > max || lb - la > max)
		return max + 1;
	for (int j = 0; j <= lb; j++)
		prev[j] = j;
	for (int i = 1; i <= la; i++) {
		int row_min;
		cur[0] = row_min = i;
		for (int j = 1; j <= lb; j++) {
			int cost = a[i - 1] != b[j - 1];
			int v = prev[j - 1] + cost;
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			cur[j] = v;
			if (v < row_min)
				row_min = v;
		}
		if (row_min > max)
			return max + 1;
		memcpy(prev2, prev, sizeof(prev));
		memcpy(prev, cur, sizeof(cur));
	}
	return prev[lb] <= max ? prev[lb] : max + 1;
}
