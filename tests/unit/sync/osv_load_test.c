/*
 * core/sync/osv_load: an index file adds known-malicious entries with their
 * id, summary and references; a missing one is no error; a corrupt one adds
 * nothing and says where it is wrong.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "deputy/diag.h"
#include "fixture.h"
#include "intel/intel.h"
#include "sync/osv_load.h"

#define HEADER "# deputy osv index v1\tfile:///x/osv\t" \
	"0123456789abcdef0123456789abcdef01234567\t2026-11-20T08:00:00Z\n"

struct env {
	char dir[64];
	char index[4096];
	struct intel *intel;
};

static int
setup(void **state)
{
	struct env *env = calloc(1, sizeof(*env));

	if (!env)
		return -1;
	strcpy(env->dir, "/tmp/deputy-load-test-XXXXXX");
	if (!mkdtemp(env->dir) || intel_open(&env->intel) != 0)
		return -1;
	fixture_path(env->index, env->dir, "osv-index.tsv");
	*state = env;
	return 0;
}

static int
teardown(void **state)
{
	struct env *env = *state;

	intel_free(env->intel);
	fixture_remove(env->dir);
	free(env);
	return 0;
}

static void
test_osv_load_adds_entries_with_their_references(void **state)
{
	struct env *env = *state;
	const struct malicious *m;
	struct sync_info info;
	size_t before = intel_malicious_count(env->intel), n = 0;
	char err[512] = "";

	assert_null(intel_find_malicious(env->intel, ECO_PYPI, "sync-test-evil"));
	fixture_write(env->dir, "osv-index.tsv", HEADER
		"CRAN\tbadR\tMAL-2099-0002\t\t\t\n"
		"PyPI\tsync-test-evil\tMAL-2099-0001\t2099-01-01T00:00:00Z\tsteals tokens\t"
		"https://example.invalid/a https://example.invalid/b\n");
	assert_int_equal(osv_load(env->intel, &info, &n, env->index, err, sizeof(err)), 0);
	assert_int_equal(n, 2);
	assert_int_equal(intel_malicious_count(env->intel), before + 2);
	assert_string_equal(info.url, "file:///x/osv");
	assert_string_equal(info.commit, "0123456789abcdef0123456789abcdef01234567");
	assert_string_equal(info.updated, "2026-11-20T08:00:00Z");

	m = intel_find_malicious(env->intel, ECO_PYPI, "sync-test-evil");
	assert_non_null(m);
	assert_string_equal(m->id, "MAL-2099-0001");
	assert_string_equal(m->summary, "steals tokens");
	assert_string_equal(m->modified, "2099-01-01T00:00:00Z");
	assert_string_equal(m->source, "https://example.invalid/a");
	assert_string_equal(m->references, "https://example.invalid/a\nhttps://example.invalid/b");
	m = intel_find_malicious(env->intel, ECO_CRAN, "badR");
	assert_non_null(m);
	assert_string_equal(m->id, "MAL-2099-0002");
	assert_null(m->references);
	assert_null(m->source);
	assert_null(m->modified);
}

static void
test_osv_load_of_a_missing_index_is_not_found(void **state)
{
	struct env *env = *state;
	struct sync_info info;
	char err[512] = "";

	assert_int_equal(osv_load(env->intel, &info, NULL, env->index, err, sizeof(err)),
			 ERR_NOTFOUND);
	assert_int_equal(osv_load_info(&info, env->index, err, sizeof(err)), ERR_NOTFOUND);
}

/* Each corrupt index is refused whole, with the reason and where. */
static void
test_osv_load_refuses_a_corrupt_index_whole(void **state)
{
	static const struct {
		const char *text;
		const char *says;
	} cases[] = {
		{ "garbage\n", ":1: expected the header" },
		{ "", ":1: expected the header" },
		{ "# deputy osv index v9\tu\tc\td\n", "another version" },
		{ "# deputy osv index v1\tu\tnot-hex\t2026-11-20\n", ":1: expected the header" },
		{ HEADER "PyPI\tcorrupt-one\tMAL-1\t\t\t\nPyPI\ttoo\tfew\n", ":3: expected" },
		{ HEADER "PyPI\tcorrupt-one\tMAL-1\t\t\t\nnpm\tx\tMAL-2\t\t\t\n", ":3: expected" },
		{ HEADER "PyPI\tcorrupt-one\tMAL-1\t\t\t\nPyPI\t\tMAL-2\t\t\t\n", ":3: expected" },
		{ HEADER "PyPI\tcorrupt-one\tMAL-1\t\t\t\nPyPI\tx\tMAL-2\t\t\t\textra\n", ":3:" },
		{ HEADER "PyPI\tcorrupt-one\tMAL-1\t\t\t", ":2: the last line is cut short" },
	};
	struct env *env = *state;
	size_t before = intel_malicious_count(env->intel);

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char err[512] = "";
		struct sync_info info;

		fixture_write(env->dir, "osv-index.tsv", cases[i].text);
		assert_int_equal(osv_load(env->intel, &info, NULL, env->index, err, sizeof(err)),
				 ERR_SYNTAX);
		if (!strstr(err, cases[i].says) || !strstr(err, env->index))
			fail_msg("case %zu: '%s' does not say '%s'", i, err, cases[i].says);
		assert_int_equal(intel_malicious_count(env->intel), before);
		assert_null(intel_find_malicious(env->intel, ECO_PYPI, "corrupt-one"));
	}
}

static void
test_osv_load_info_reads_the_header_only(void **state)
{
	struct env *env = *state;
	struct sync_info info;
	char err[512] = "";

	fixture_write(env->dir, "osv-index.tsv", HEADER "this line is never read\n");
	assert_int_equal(osv_load_info(&info, env->index, err, sizeof(err)), 0);
	assert_string_equal(info.updated, "2026-11-20T08:00:00Z");
	assert_string_equal(info.commit, "0123456789abcdef0123456789abcdef01234567");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_osv_load_adds_entries_with_their_references,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_osv_load_of_a_missing_index_is_not_found,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_osv_load_refuses_a_corrupt_index_whole, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_osv_load_info_reads_the_header_only, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
