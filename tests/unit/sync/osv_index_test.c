/*
 * core/sync/osv_fetch and osv_index: a fixture OSV repository (PyPI, CRAN and
 * npm reports, a malformed one, a withdrawn one) is fetched into a bare cache
 * repository over file://, indexed, then fetched again after a new commit.
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
#include "sync/osv_fetch.h"
#include "sync/osv_index.h"

struct env {
	char dir[64];
	char src[4096];              /* the fixture work tree */
	char url[4200];              /* file://src */
	char git_dir[4096];          /* the cache's bare repository */
	char index[4096];
	char problems[4096];         /* "path: reason\n" for each */
	size_t n_problems;
};

static void
on_problem(const char *path, const char *reason, void *payload)
{
	struct env *env = payload;
	size_t len = strlen(env->problems);

	snprintf(env->problems + len, sizeof(env->problems) - len, "%s: %s\n", path, reason);
	env->n_problems++;
}

static int
count_progress(const struct sync_progress *p, void *payload)
{
	(*(size_t *)payload)++;
	return p->received_objects > p->total_objects;   /* never: a sanity check */
}

static int
setup(void **state)
{
	struct env *env = calloc(1, sizeof(*env));
	git_oid id;

	if (!env)
		return -1;
	strcpy(env->dir, "/tmp/deputy-osv-test-XXXXXX");
	if (!mkdtemp(env->dir))
		return -1;
	fixture_path(env->src, env->dir, "src");
	snprintf(env->url, sizeof(env->url), "file://%s", env->src);
	fixture_path(env->git_dir, env->dir, "cache/osv-malicious.git");
	fixture_path(env->index, env->dir, "cache/osv-index.tsv");
	git_libgit2_init();
	if (fixture_report(env->src, "osv/malicious/pypi/Evil_Pkg/MAL-2099-0001.json",
			   "MAL-2099-0001", "PyPI", "Evil_Pkg", "2099-01-01T00:00:00Z",
			   "steals\\ttokens\\nat install") ||
	    /* An older report on the same package: the newer one wins. */
	    fixture_report(env->src, "osv/malicious/pypi/evil-pkg/MAL-2098-0009.json",
			   "MAL-2098-0009", "PyPI", "evil.pkg", "2098-01-01T00:00:00Z", "older") ||
	    fixture_report(env->src, "osv/malicious/CRAN/badR/MAL-2099-0002.json",
			   "MAL-2099-0002", "CRAN", "badR", "2099-02-01T00:00:00Z", NULL) ||
	    fixture_report(env->src, "osv/malicious/npm/evil-js/MAL-2099-0003.json",
			   "MAL-2099-0003", "npm", "evil-js", "2099-01-01T00:00:00Z", "npm") ||
	    fixture_report(env->src, "osv/withdrawn/pypi/fine/MAL-2099-0004.json",
			   "MAL-2099-0004", "PyPI", "fine", "2099-01-01T00:00:00Z", "withdrawn") ||
	    fixture_write(env->src, "osv/malicious/pypi/broken/MAL-2099-0005.json", "{\"id\": ") ||
	    fixture_write(env->src, "osv/malicious/pypi/noid/MAL-2099-0006.json",
			  "{\"affected\": []}") ||
	    fixture_write(env->src, "osv/malicious/pypi/README.md", "not a report") ||
	    fixture_commit(env->src, "first", &id) != 0)
		return -1;
	*state = env;
	return 0;
}

static int
teardown(void **state)
{
	struct env *env = *state;

	fixture_remove(env->dir);
	git_libgit2_shutdown();
	free(env);
	return 0;
}

static void
fetch_and_index(struct env *env, struct sync_result *res, bool *cloned)
{
	struct osv_fetched fetched;
	size_t progress_calls = 0;
	char err[1024] = "";
	int rc;

	memset(res, 0, sizeof(*res));
	rc = osv_fetch(&fetched, env->git_dir, env->url, count_progress, &progress_calls, err,
		       sizeof(err));
	if (rc)
		fail_msg("osv_fetch: %s", err);
	assert_string_equal(fetched.branch, "trunk");
	*cloned = fetched.cloned;
	assert_true(progress_calls > 0);
	assert_true(git_repository_is_bare(fetched.repo));
	rc = osv_index_build(res, fetched.repo, &fetched.commit, env->index, env->url,
			     1795564800, on_problem, env, err, sizeof(err));
	osv_fetch_close(&fetched);
	if (rc)
		fail_msg("osv_index_build: %s", err);
}

static void
test_osv_index_keeps_pypi_and_cran_entries_sorted_and_sanitised(void **state)
{
	struct env *env = *state;
	struct sync_result res;
	char *text, head[4300];
	bool cloned;

	fetch_and_index(env, &res, &cloned);
	assert_true(cloned);
	assert_int_equal(res.pypi, 1);
	assert_int_equal(res.cran, 1);
	assert_int_equal(res.entries, 2);
	assert_int_equal(res.reports, 3);
	assert_int_equal(res.withdrawn, 1);
	assert_int_equal(res.malformed, 2);
	assert_non_null(strstr(env->problems,
		"osv/malicious/pypi/broken/MAL-2099-0005.json: not valid JSON\n"));
	assert_non_null(strstr(env->problems,
		"osv/malicious/pypi/noid/MAL-2099-0006.json: expected an 'id' string\n"));

	text = fixture_read(env->index);
	assert_non_null(text);
	snprintf(head, sizeof(head), "# deputy osv index v1\t%s\t", env->url);
	assert_memory_equal(text, head, strlen(head));
	assert_non_null(strstr(text, "\t2026-11-25T00:00:00Z\n"));
	/* CRAN before PyPI; the summary of a report without one is empty. */
	assert_non_null(strstr(text, "Z\nCRAN\tbadR\tMAL-2099-0002\t2099-02-01T00:00:00Z\t\t"
				     "https://example.invalid/MAL-2099-0002 "
				     "https://example.invalid/MAL-2099-0002/b\n"
				     "PyPI\tevil-pkg\tMAL-2099-0001\t2099-01-01T00:00:00Z\t"
				     "steals tokens at install\t"));
	assert_null(strstr(text, "MAL-2098-0009"));
	assert_null(strstr(text, "evil-js"));
	assert_null(strstr(text, "MAL-2099-0004"));
	free(text);
}

static void
test_osv_fetch_again_sees_a_new_commit(void **state)
{
	struct env *env = *state;
	struct sync_result res;
	git_oid id;
	char *text;
	bool cloned;

	fetch_and_index(env, &res, &cloned);
	assert_int_equal(fixture_report(env->src, "osv/malicious/pypi/new/MAL-2099-0007.json",
					"MAL-2099-0007", "PyPI", "brand-new", "2099-03-01",
					"new"), 0);
	assert_int_equal(fixture_commit(env->src, "second", &id), 0);
	fetch_and_index(env, &res, &cloned);
	assert_false(cloned);
	assert_int_equal(res.pypi, 2);
	text = fixture_read(env->index);
	assert_non_null(strstr(text, "\nPyPI\tbrand-new\tMAL-2099-0007\t2099-03-01\tnew\t"));
	free(text);
}

static void
test_osv_fetch_of_a_missing_repository_leaves_nothing(void **state)
{
	struct env *env = *state;
	struct osv_fetched fetched;
	char url[4200], err[1024] = "";
	struct stat st;

	snprintf(url, sizeof(url), "file://%s/nothing-here", env->dir);
	assert_int_equal(osv_fetch(&fetched, env->git_dir, url, NULL, NULL, err, sizeof(err)),
			 ERR_GIT);
	assert_non_null(strstr(err, url));
	assert_null(fetched.repo);
	assert_int_not_equal(stat(env->git_dir, &st), 0);
}

static void
test_osv_fetch_follows_a_new_url(void **state)
{
	struct env *env = *state;
	struct osv_fetched fetched;
	git_config *config = NULL;
	git_buf url = GIT_BUF_INIT;
	char err[1024] = "";
	struct sync_result res;
	bool cloned;

	fetch_and_index(env, &res, &cloned);
	/* The same repository by its plain path: the remote URL changes. */
	assert_int_equal(osv_fetch(&fetched, env->git_dir, env->src, NULL, NULL, err,
				   sizeof(err)), 0);
	assert_false(fetched.cloned);
	assert_int_equal(git_repository_config(&config, fetched.repo), 0);
	assert_int_equal(git_config_get_string_buf(&url, config, "remote.origin.url"), 0);
	assert_string_equal(url.ptr, env->src);
	git_buf_dispose(&url);
	git_config_free(config);
	osv_fetch_close(&fetched);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_osv_index_keeps_pypi_and_cran_entries_sorted_and_sanitised, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_osv_fetch_again_sees_a_new_commit, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_osv_fetch_of_a_missing_repository_leaves_nothing,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_osv_fetch_follows_a_new_url, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
