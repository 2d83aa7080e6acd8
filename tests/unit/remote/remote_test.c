/*
 * core/remote: resolving refs of a bare repository reached through file://
 * (branch, tag, HEAD, a branch that moves) and reading a file at a commit.
 */
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "deputy/diag.h"
#include "remote/remote.h"
#include "../../common/sh.h"

#define GIT "git -c user.name=Test -c user.email=test@example.invalid " \
	"-c init.defaultBranch=main -c commit.gpgsign=false -c tag.gpgsign=false "

struct fixture {
	char dir[256];          /* the temporary folder */
	char work[300];         /* a work tree pushing to the "GitHub" repository */
	char cache[300];        /* the cache folder of remote_read_file() */
	char *url;              /* file://<dir>/gh/owner/pkg */
	char first[41];         /* main's first commit, tagged v1.0 */
};

/* `git rev-parse @rev` in @work, into @out. */
static int
rev_parse(char out[41], const char *work, const char *rev)
{
	char cmd[1024];
	FILE *p;
	int ok;

	snprintf(cmd, sizeof(cmd), GIT "-C '%s' rev-parse '%s'", work, rev);
	p = popen(cmd, "r");
	if (!p)
		return -1;
	ok = fscanf(p, "%40s", out) == 1 && strlen(out) == 40;
	return pclose(p) == 0 && ok ? 0 : -1;
}

static int
rm_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return type == FTW_DP ? rmdir(path) : unlink(path);
}

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	char base[300];

	if (!f)
		return -1;
	strcpy(f->dir, "/tmp/deputy-remote-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->work, sizeof(f->work), "%s/work", f->dir);
	snprintf(f->cache, sizeof(f->cache), "%s/cache", f->dir);
	snprintf(base, sizeof(base), "file://%s/gh/", f->dir);
	f->url = remote_repo_url(base, "owner", "pkg");
	*state = f;
	if (!f->url ||
	    sh(GIT "init -q --bare '%s/gh/owner/pkg'", f->dir) ||
	    sh(GIT "init -q '%s'", f->work) ||
	    sh("printf 'Package: pkg\\nVersion: 1.0\\n' > '%s/DESCRIPTION'", f->work) ||
	    sh("mkdir '%s/R' && echo 'f <- 1' > '%s/R/f.R'", f->work, f->work) ||
	    sh(GIT "-C '%s' add -A && " GIT "-C '%s' commit -qm one", f->work, f->work) ||
	    sh(GIT "-C '%s' tag -a v1.0 -m 'version 1.0'", f->work) ||
	    sh(GIT "-C '%s' push -q '%s/gh/owner/pkg' main v1.0", f->work, f->dir) ||
	    rev_parse(f->first, f->work, "HEAD"))
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	nftw(f->dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(f->url);
	free(f);
	return 0;
}

static void
test_remote_repo_url_joins_base_owner_and_repo(void **state)
{
	char *url;

	(void)state;
	url = remote_repo_url("https://github.com/", "r-lib", "pak.R_2");
	assert_non_null(url);
	assert_string_equal(url, "https://github.com/r-lib/pak.R_2");
	free(url);
	url = remote_repo_url("https://github.com", "o", "r");
	assert_string_equal(url, "https://github.com/o/r");
	free(url);
}

static void
test_remote_repo_url_refuses_names_that_leave_the_namespace(void **state)
{
	static const char *const bad[] = {
		"..", ".", "", "a/b", "../x", "a b", "a%2f", "a\\b", "ü", "a\n", "a?x", "a#b",
		"a:b",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_null(remote_repo_url("https://github.com", bad[i], "pkg"));
		assert_null(remote_repo_url("https://github.com", "owner", bad[i]));
	}
	assert_null(remote_repo_url("https://github.com", NULL, "pkg"));
	assert_null(remote_repo_url("https://github.com", "owner", NULL));
}

static void
test_remote_resolve_head_is_the_default_branch_tip(void **state)
{
	struct fixture *f = *state;
	char sha[41], err[512];

	assert_int_equal(remote_resolve(sha, f->url, NULL, err, sizeof(err)), 0);
	assert_string_equal(sha, f->first);
	assert_int_equal(remote_resolve(sha, f->url, "HEAD", err, sizeof(err)), 0);
	assert_string_equal(sha, f->first);
}

static void
test_remote_resolve_branch_and_full_ref(void **state)
{
	struct fixture *f = *state;
	char sha[41], err[512];

	assert_int_equal(remote_resolve(sha, f->url, "main", err, sizeof(err)), 0);
	assert_string_equal(sha, f->first);
	assert_int_equal(remote_resolve(sha, f->url, "refs/heads/main", err, sizeof(err)), 0);
	assert_string_equal(sha, f->first);
}

static void
test_remote_resolve_annotated_tag_peels_to_its_commit(void **state)
{
	struct fixture *f = *state;
	char sha[41], tag_object[41], err[512];

	assert_int_equal(rev_parse(tag_object, f->work, "v1.0"), 0);
	assert_string_not_equal(tag_object, f->first);
	assert_int_equal(remote_resolve(sha, f->url, "v1.0", err, sizeof(err)), 0);
	assert_string_equal(sha, f->first);
}

static void
test_remote_resolve_passes_a_sha_through_lower_cased(void **state)
{
	char sha[41], err[512];

	(void)state;
	assert_true(remote_ref_is_sha("0123456789ABCDEF0123456789abcdef01234567"));
	assert_false(remote_ref_is_sha("0123456789abcdef0123456789abcdef0123456"));
	assert_false(remote_ref_is_sha("0123456789abcdef0123456789abcdef012345678"));
	assert_false(remote_ref_is_sha("g123456789abcdef0123456789abcdef01234567"));
	assert_false(remote_ref_is_sha(NULL));
	/* No remote is asked: the url does not exist. */
	assert_int_equal(remote_resolve(sha, "file:///nonexistent/o/r",
					"0123456789ABCDEF0123456789abcdef01234567",
					err, sizeof(err)), 0);
	assert_string_equal(sha, "0123456789abcdef0123456789abcdef01234567");
}

static void
test_remote_resolve_missing_ref_is_not_found(void **state)
{
	struct fixture *f = *state;
	char sha[41], err[512];

	assert_int_equal(remote_resolve(sha, f->url, "no-such-branch", err, sizeof(err)),
			 ERR_NOTFOUND);
	assert_non_null(strstr(err, "no-such-branch"));
	/* A path prefix is not a ref: "heads/main" exists only as refs/heads/main. */
	assert_int_equal(remote_resolve(sha, f->url, "refs/heads", err, sizeof(err)),
			 ERR_NOTFOUND);
}

static void
test_remote_resolve_missing_repository_names_the_url(void **state)
{
	struct fixture *f = *state;
	char sha[41], err[512], url[512];

	snprintf(url, sizeof(url), "file://%s/gh/owner/absent", f->dir);
	assert_int_equal(remote_resolve(sha, url, "main", err, sizeof(err)), ERR_GIT);
	assert_non_null(strstr(err, url));
	assert_int_equal(remote_resolve(sha, NULL, "main", err, sizeof(err)), ERR_USAGE);
}

static void
test_remote_read_file_reads_description_at_a_commit(void **state)
{
	struct fixture *f = *state;
	char err[512];
	char *text = NULL;
	size_t len = 0;

	assert_int_equal(remote_read_file(&text, &len, f->cache, f->url, f->first,
					  "DESCRIPTION", err, sizeof(err)), 0);
	assert_string_equal(text, "Package: pkg\nVersion: 1.0\n");
	assert_int_equal(len, strlen(text));
	free(text);
	assert_int_equal(remote_read_file(&text, &len, f->cache, f->url, f->first,
					  "R/f.R", err, sizeof(err)), 0);
	assert_string_equal(text, "f <- 1\n");
	free(text);
}

static void
test_remote_read_file_missing_path_or_folder_is_not_found(void **state)
{
	struct fixture *f = *state;
	char err[512];
	char *text = NULL;
	size_t len = 0;

	assert_int_equal(remote_read_file(&text, &len, f->cache, f->url, f->first,
					  "NAMESPACE", err, sizeof(err)), ERR_NOTFOUND);
	assert_null(text);
	assert_non_null(strstr(err, "NAMESPACE"));
	assert_int_equal(remote_read_file(&text, &len, f->cache, f->url, f->first,
					  "R", err, sizeof(err)), ERR_NOTFOUND);
	assert_int_equal(remote_read_file(&text, &len, f->cache, f->url, f->first,
					  "../DESCRIPTION", err, sizeof(err)), ERR_NOTFOUND);
	assert_null(text);
}

static void
test_remote_read_file_missing_commit_is_not_found(void **state)
{
	struct fixture *f = *state;
	char err[512];
	char *text = NULL;
	size_t len = 0;

	assert_int_equal(remote_read_file(&text, &len, f->cache, f->url,
					  "0123456789abcdef0123456789abcdef01234567",
					  "DESCRIPTION", err, sizeof(err)), ERR_NOTFOUND);
	assert_null(text);
	assert_int_equal(remote_read_file(&text, &len, f->cache, f->url, "main",
					  "DESCRIPTION", err, sizeof(err)), ERR_USAGE);
}

static void
test_remote_read_file_missing_repository_is_a_git_error(void **state)
{
	struct fixture *f = *state;
	char err[512], url[512], cache[512];
	char *text = NULL;
	size_t len = 0;

	snprintf(url, sizeof(url), "file://%s/gh/owner/absent", f->dir);
	snprintf(cache, sizeof(cache), "%s/other-cache", f->dir);
	assert_int_equal(remote_read_file(&text, &len, cache, url, f->first,
					  "DESCRIPTION", err, sizeof(err)), ERR_GIT);
	assert_null(text);
	assert_non_null(strstr(err, url));
}

static void
test_remote_read_file_cache_folder_is_named_by_a_hash(void **state)
{
	struct fixture *f = *state;
	char err[512], cmd[1024];
	char *text = NULL;
	size_t len = 0;
	FILE *p;
	char name[128] = "";

	assert_int_equal(remote_read_file(&text, &len, f->cache, f->url, f->first,
					  "DESCRIPTION", err, sizeof(err)), 0);
	free(text);
	snprintf(cmd, sizeof(cmd), "ls '%s'", f->cache);
	p = popen(cmd, "r");
	assert_non_null(p);
	assert_int_equal(fscanf(p, "%127s", name), 1);
	pclose(p);
	assert_int_equal(strlen(name), 44);
	assert_string_equal(name + 40, ".git");
	assert_null(strstr(name, "owner"));
}

/* Last: it moves main on the remote. */
static void
test_remote_resolve_follows_a_moving_branch(void **state)
{
	struct fixture *f = *state;
	char sha[41], second[41], err[512];
	char *text = NULL;
	size_t len = 0;

	assert_int_equal(sh("printf 'Package: pkg\\nVersion: 2.0\\n' > '%s/DESCRIPTION'",
			    f->work), 0);
	assert_int_equal(sh(GIT "-C '%s' commit -qam two && " GIT "-C '%s' push -q "
			    "'%s/gh/owner/pkg' main", f->work, f->work, f->dir), 0);
	assert_int_equal(rev_parse(second, f->work, "HEAD"), 0);
	assert_string_not_equal(second, f->first);

	assert_int_equal(remote_resolve(sha, f->url, "main", err, sizeof(err)), 0);
	assert_string_equal(sha, second);
	assert_int_equal(remote_resolve(sha, f->url, "v1.0", err, sizeof(err)), 0);
	assert_string_equal(sha, f->first);

	/* The cache has the first commit only: the second is fetched. */
	assert_int_equal(remote_read_file(&text, &len, f->cache, f->url, second,
					  "DESCRIPTION", err, sizeof(err)), 0);
	assert_string_equal(text, "Package: pkg\nVersion: 2.0\n");
	free(text);
	assert_int_equal(remote_read_file(&text, &len, f->cache, f->url, f->first,
					  "DESCRIPTION", err, sizeof(err)), 0);
	assert_string_equal(text, "Package: pkg\nVersion: 1.0\n");
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_remote_repo_url_joins_base_owner_and_repo),
		cmocka_unit_test(test_remote_repo_url_refuses_names_that_leave_the_namespace),
		cmocka_unit_test(test_remote_resolve_head_is_the_default_branch_tip),
		cmocka_unit_test(test_remote_resolve_branch_and_full_ref),
		cmocka_unit_test(test_remote_resolve_annotated_tag_peels_to_its_commit),
		cmocka_unit_test(test_remote_resolve_passes_a_sha_through_lower_cased),
		cmocka_unit_test(test_remote_resolve_missing_ref_is_not_found),
		cmocka_unit_test(test_remote_resolve_missing_repository_names_the_url),
		cmocka_unit_test(test_remote_read_file_reads_description_at_a_commit),
		cmocka_unit_test(test_remote_read_file_missing_path_or_folder_is_not_found),
		cmocka_unit_test(test_remote_read_file_missing_commit_is_not_found),
		cmocka_unit_test(test_remote_read_file_missing_repository_is_a_git_error),
		cmocka_unit_test(test_remote_read_file_cache_folder_is_named_by_a_hash),
		cmocka_unit_test(test_remote_resolve_follows_a_moving_branch),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
