/* core/sync/cache: where the cache folder is, making it, and clearing only deputy's files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "deputy/diag.h"
#include "deputy/sync.h"
#include "fixture.h"
#include "sync/cache.h"

static void
test_cache_dir_follows_absolute_xdg_cache_home(void **state)
{
	char *dir = NULL;

	(void)state;
	assert_int_equal(cache_dir_for(&dir, "/x/cache", "/home/u"), 0);
	assert_string_equal(dir, "/x/cache/deputy");
	free(dir);
}

static void
test_cache_dir_ignores_relative_or_empty_xdg_cache_home(void **state)
{
	char *dir = NULL;

	(void)state;
	assert_int_equal(cache_dir_for(&dir, "relative/cache", "/home/u"), 0);
	assert_string_equal(dir, "/home/u/.cache/deputy");
	free(dir);
	assert_int_equal(cache_dir_for(&dir, "", "/home/u"), 0);
	assert_string_equal(dir, "/home/u/.cache/deputy");
	free(dir);
	assert_int_equal(cache_dir_for(&dir, NULL, "/home/u"), 0);
	assert_string_equal(dir, "/home/u/.cache/deputy");
	free(dir);
}

static void
test_cache_dir_without_home_is_not_found(void **state)
{
	char *dir = NULL;

	(void)state;
	assert_int_equal(cache_dir_for(&dir, NULL, NULL), ERR_NOTFOUND);
	assert_null(dir);
	assert_int_equal(cache_dir_for(&dir, "rel", "also-relative"), ERR_NOTFOUND);
	assert_null(dir);
}

static void
test_sync_cache_dir_reads_the_environment_and_creates_only_when_asked(void **state)
{
	char tmpl[] = "/tmp/deputy-cache-test-XXXXXX";
	char path[4096], err[512];
	char *dir = NULL;
	struct stat st;

	(void)state;
	assert_non_null(mkdtemp(tmpl));
	fixture_path(path, tmpl, "xdg");
	setenv("XDG_CACHE_HOME", path, 1);
	assert_int_equal(sync_cache_dir(&dir, false, err, sizeof(err)), 0);
	assert_string_equal(dir + strlen(tmpl), "/xdg/deputy");
	assert_int_not_equal(stat(dir, &st), 0);      /* a scan makes nothing */
	free(dir);
	assert_int_equal(sync_cache_dir(&dir, true, err, sizeof(err)), 0);
	assert_int_equal(stat(dir, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 0777, 0700);
	free(dir);

	setenv("XDG_CACHE_HOME", "not/absolute", 1);
	setenv("HOME", tmpl, 1);
	assert_int_equal(sync_cache_dir(&dir, false, err, sizeof(err)), 0);
	assert_string_equal(dir + strlen(tmpl), "/.cache/deputy");
	free(dir);
	unsetenv("XDG_CACHE_HOME");
	assert_int_equal(sync_cache_dir(&dir, false, err, sizeof(err)), 0);
	assert_string_equal(dir + strlen(tmpl), "/.cache/deputy");
	free(dir);
	unsetenv("HOME");
	assert_int_equal(sync_cache_dir(&dir, false, err, sizeof(err)), ERR_NOTFOUND);
	assert_non_null(strstr(err, "XDG_CACHE_HOME"));
	fixture_remove(tmpl);
}

static void
test_cache_create_names_the_path_it_cannot_make(void **state)
{
	char tmpl[] = "/tmp/deputy-cache-test-XXXXXX";
	char file[4096], below[4096], err[512] = "";

	(void)state;
	assert_non_null(mkdtemp(tmpl));
	fixture_write(tmpl, "a-file", "x");
	fixture_path(file, tmpl, "a-file");
	fixture_path(below, tmpl, "a-file/deputy");
	assert_int_equal(cache_create(below, err, sizeof(err)), ERR_IO);
	assert_non_null(strstr(err, file));
	fixture_remove(tmpl);
}

static void
test_cache_clear_removes_only_deputys_files(void **state)
{
	char tmpl[] = "/tmp/deputy-cache-test-XXXXXX";
	char path[4096], err[512];
	size_t removed = 99;
	struct stat st;

	(void)state;
	assert_non_null(mkdtemp(tmpl));
	fixture_write(tmpl, CACHE_OSV_REPO "/objects/pack/x.pack", "x");
	fixture_write(tmpl, CACHE_OSV_REPO "/HEAD", "ref: refs/heads/main\n");
	fixture_write(tmpl, CACHE_OSV_INDEX, "index");
	fixture_write(tmpl, CACHE_OSV_INDEX_TMP "abc123", "partial");
	fixture_write(tmpl, "mine.txt", "not deputy's");
	fixture_write(tmpl, "other/" CACHE_OSV_INDEX, "not at the top");
	assert_int_equal(cache_clear(tmpl, &removed, err, sizeof(err)), 0);
	assert_int_equal(removed, 3);
	assert_int_not_equal(lstat(fixture_path(path, tmpl, CACHE_OSV_REPO), &st), 0);
	assert_int_not_equal(lstat(fixture_path(path, tmpl, CACHE_OSV_INDEX), &st), 0);
	assert_int_not_equal(lstat(fixture_path(path, tmpl, CACHE_OSV_INDEX_TMP "abc123"), &st), 0);
	assert_int_equal(lstat(fixture_path(path, tmpl, "mine.txt"), &st), 0);
	assert_int_equal(lstat(fixture_path(path, tmpl, "other/" CACHE_OSV_INDEX), &st), 0);
	/* Again: nothing left to remove; a missing folder is empty. */
	assert_int_equal(cache_clear(tmpl, &removed, err, sizeof(err)), 0);
	assert_int_equal(removed, 0);
	fixture_remove(tmpl);
	assert_int_equal(cache_clear(tmpl, &removed, err, sizeof(err)), 0);
	assert_int_equal(removed, 0);
}

static void
test_cache_clear_does_not_follow_a_link(void **state)
{
	char tmpl[] = "/tmp/deputy-cache-test-XXXXXX";
	char path[4096], target[4096], err[512];
	size_t removed = 0;
	struct stat st;

	(void)state;
	assert_non_null(mkdtemp(tmpl));
	fixture_write(tmpl, "precious/file", "keep me");
	fixture_path(target, tmpl, "precious");
	assert_int_equal(symlink(target, fixture_path(path, tmpl, CACHE_OSV_REPO)), 0);
	assert_int_equal(cache_clear(tmpl, &removed, err, sizeof(err)), 0);
	assert_int_equal(removed, 1);
	assert_int_equal(stat(fixture_path(path, tmpl, "precious/file"), &st), 0);
	fixture_remove(tmpl);
}

static void
test_sync_age_days_counts_whole_days(void **state)
{
	(void)state;
	/* 2026-11-25T00:00:00Z is 1795564800. */
	assert_int_equal(sync_age_days("2026-11-25", 1795564800), 0);
	assert_int_equal(sync_age_days("2026-11-25T23:59:59Z", 1795564800 + 86399), 0);
	assert_int_equal(sync_age_days("2026-11-13", 1795564800), 12);
	assert_int_equal(sync_age_days("2025-11-25", 1795564800), 365);
	assert_int_equal(sync_age_days("2024-02-28", 1795564800), 1001);
	assert_int_equal(sync_age_days("2027-01-01", 1795564800), 0);
	assert_int_equal(sync_age_days("yesterday", 1795564800), -1);
	assert_int_equal(sync_age_days("2026-13-01", 1795564800), -1);
	assert_int_equal(sync_age_days("2026-1-1", 1795564800), -1);
	assert_int_equal(sync_age_days(NULL, 1795564800), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cache_dir_follows_absolute_xdg_cache_home),
		cmocka_unit_test(test_cache_dir_ignores_relative_or_empty_xdg_cache_home),
		cmocka_unit_test(test_cache_dir_without_home_is_not_found),
		cmocka_unit_test(test_sync_cache_dir_reads_the_environment_and_creates_only_when_asked),
		cmocka_unit_test(test_cache_create_names_the_path_it_cannot_make),
		cmocka_unit_test(test_cache_clear_removes_only_deputys_files),
		cmocka_unit_test(test_cache_clear_does_not_follow_a_link),
		cmocka_unit_test(test_sync_age_days_counts_whole_days),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
