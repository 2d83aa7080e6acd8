/*
 * Fuzz target: review/review_file.c, the input as a .deputy-review.json. Every
 * decision read is complete; a file read whole is written back by the
 * module's own writer, and that text reads back to the same decisions and
 * writes back to the same text.
 */
#include <string.h>

#include "review/review_impl.h"
#include "fuzz.h"

#define FUZZ_REVIEW_PATH "repo/" REVIEW_FILE_NAME

static struct review *
review_fresh(void)
{
	struct review *r = calloc(1, sizeof(*r));

	if (r && !(r->path = strdup(FUZZ_REVIEW_PATH))) {
		free(r);
		r = NULL;
	}
	return r;
}

/* A decision as review_file.c keeps it: every required member, valid dates. */
static void
check_decision(const struct review_decision *d)
{
	FUZZ_CHECK(d->ecosystem && d->package && d->rule && d->file);
	FUZZ_CHECK(d->reviewed_at && d->reason && d->reviewer && d->date);
	FUZZ_CHECK(d->kind == REVIEW_KIND_REVIEWED || d->kind == REVIEW_KIND_ACCEPTED);
	FUZZ_CHECK(review_date_is_valid(d->date));
	FUZZ_CHECK(!d->expires || review_date_is_valid(d->expires));
}

/* A message about the text names the file, then a 1-based line and column. */
static void
check_message(const char *err)
{
	size_t n = strlen(FUZZ_REVIEW_PATH);
	unsigned line = 0, column = 0;

	FUZZ_CHECK(strncmp(err, FUZZ_REVIEW_PATH ":", n + 1) == 0);
	FUZZ_CHECK(sscanf(err + n, ":%u:%u: ", &line, &column) == 2);
	FUZZ_CHECK(line > 0 && column > 0);
}

static bool
same_string(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static bool
same_decision(const struct review_decision *a, const struct review_decision *b)
{
	return same_string(a->ecosystem, b->ecosystem) && same_string(a->package, b->package) &&
	       same_string(a->rule, b->rule) && same_string(a->file, b->file) &&
	       same_string(a->reviewed_at, b->reviewed_at) && same_string(a->commit, b->commit) &&
	       a->kind == b->kind && same_string(a->reason, b->reason) &&
	       same_string(a->reviewer, b->reviewer) && same_string(a->date, b->date) &&
	       same_string(a->expires, b->expires);
}

/* @r's entries as the writer takes them (heap), or NULL when out of memory. */
static struct review_entry **
entry_list(struct review *r)
{
	struct review_entry **list = malloc((r->len ? r->len : 1) * sizeof(*list));

	for (size_t i = 0; list && i < r->len; i++)
		list[i] = &r->items[i];
	return list;
}

/* @text as written by the writer reads back whole to @r's decisions and writes back to itself. */
static void
check_round_trip(struct review *r, const char *text)
{
	struct review *again = review_fresh();
	struct review_entry **list;
	char err[256], *text2;
	int rc;

	if (!again)
		return;
	rc = review_file_parse(again, sv_make(text, strlen(text)), err, sizeof(err));
	FUZZ_CHECK(rc == 0 || rc == ERR_NOMEM);
	if (rc == 0) {
		FUZZ_CHECK(again->len == r->len);
		FUZZ_CHECK(!again->newer);
		for (size_t i = 0; i < r->len; i++) {
			FUZZ_CHECK(same_decision(&again->items[i].d, &r->items[i].d));
			FUZZ_CHECK((again->items[i].extra == NULL) == (r->items[i].extra == NULL));
		}
		list = entry_list(again);
		text2 = list ? review_file_render(list, again->len) : NULL;
		FUZZ_CHECK(!text2 || strcmp(text2, text) == 0);
		free(text2);
		free(list);
	}
	review_free(again);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct review *r = review_fresh();
	struct review_entry **list;
	char err[256], *text;
	int rc;

	if (!r)
		return 0;
	rc = review_file_parse(r, fuzz_sv(data, size), err, sizeof(err));
	FUZZ_CHECK(rc == 0 || rc == ERR_SYNTAX || rc == ERR_NOMEM);
	FUZZ_CHECK(r->len <= r->cap);
	if (rc == 0)
		FUZZ_CHECK(err[0] == '\0');
	if (rc == ERR_SYNTAX)
		check_message(err);
	for (size_t i = 0; i < r->len; i++)
		check_decision(&r->items[i].d);
	if (rc == 0 && (list = entry_list(r))) {
		text = review_file_render(list, r->len);
		if (text)
			check_round_trip(r, text);
		free(text);
		free(list);
	}
	review_free(r);
	return 0;
}
