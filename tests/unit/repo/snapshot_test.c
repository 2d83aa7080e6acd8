/*
 * core/repo/snapshot.c against the fixture built by tests/repo/make-fixture.sh
 * (its path is argv[1]) and a plain folder made here.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
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
#include "deputy/scan.h"
#include "repo/snapshot.h"
#include "repo/snapshot_internal.h"

static const char *make_fixture;
static char tmpdir[] = "/tmp/deputy-repo-test-XXXXXX";
static char fixture[256];
static char plain[256];

/* The listing, flattened for assertions. */
struct listing {
	size_t len;
	char *paths[256];
	enum snapshot_entry_kind kinds[256];
	char *targets[256];
	char *urls[256];
};

static int
collect(const struct snapshot_entry *e, void *payload)
{
	struct listing *l = payload;

	assert_true(l->len < 256);
	l->paths[l->len] = strdup(e->path);
	l->kinds[l->len] = e->kind;
	l->targets[l->len] = e->link_target ? strdup(e->link_target) : NULL;
	l->urls[l->len] = e->submodule_url ? strdup(e->submodule_url) : NULL;
	l->len++;
	return 0;
}

static void
listing_release(struct listing *l)
{
	for (size_t i = 0; i < l->len; i++) {
		free(l->paths[i]);
		free(l->targets[i]);
		free(l->urls[i]);
	}
	l->len = 0;
}

/* Index of @path in @l, or -1. */
static int
find(const struct listing *l, const char *path)
{
	for (size_t i = 0; i < l->len; i++)
		if (!strcmp(l->paths[i], path))
			return (int)i;
	return -1;
}

static struct snapshot *
open_ok(const char *path, const char *rev)
{
	struct snapshot *snap = NULL;
	char errbuf[256];
	int err = snapshot_open(&snap, path, rev, errbuf, sizeof(errbuf));

	if (err)
		fail_msg("snapshot_open(%s, %s): %d %s", path, rev ? rev : "-", err, errbuf);
	return snap;
}

static void
list_ok(struct snapshot *snap, struct listing *l)
{
	memset(l, 0, sizeof(*l));
	assert_int_equal(snapshot_list(snap, collect, l), 0);
}

/* The output of a shell command, first line, trailing newline removed. */
static void
command_line(char *out, size_t size, const char *fmt, ...)
{
	char cmd[PATH_MAX * 2];
	va_list ap;
	FILE *f;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	f = popen(cmd, "r");
	assert_non_null(f);
	assert_non_null(fgets(out, (int)size, f));
	out[strcspn(out, "\n")] = '\0';
	pclose(f);
}

static void
read_expect(struct snapshot *snap, const char *path, uint64_t max, int expected)
{
	char *buf = (char *)1;
	size_t len = 99;
	int err = snapshot_read(snap, path, max, &buf, &len);

	if (err != expected)
		fail_msg("snapshot_read(%s) = %d, expected %d", path, err, expected);
	if (err) {
		assert_null(buf);
		assert_int_equal(len, 0);
	}
	free(buf);
}

static char *
read_ok(struct snapshot *snap, const char *path, size_t *len)
{
	char *buf = NULL;
	int err = snapshot_read(snap, path, 1 << 20, &buf, len);

	if (err)
		fail_msg("snapshot_read(%s) = %d", path, err);
	assert_non_null(buf);
	assert_int_equal(buf[*len], '\0');
	return buf;
}

static int
setup(void **state)
{
	char cmd[PATH_MAX * 2];
	int fd;

	(void)state;
	if (!mkdtemp(tmpdir))
		return -1;
	snprintf(fixture, sizeof(fixture), "%s/fixture", tmpdir);
	snprintf(plain, sizeof(plain), "%s/plain", tmpdir);
	snprintf(cmd, sizeof(cmd), "bash '%s' '%s' >/dev/null", make_fixture, fixture);
	if (system(cmd) != 0)
		return -1;
	/* a plain folder: files, a FIFO, and a .git folder that is no repository */
	snprintf(cmd, sizeof(cmd),
		 "mkdir -p '%s' && cd '%s' && mkdir sub .git && printf 'flask\\n' > requirements.txt && "
		 "printf x > sub/b.txt && printf junk > .git/config && "
		 "ln -s requirements.txt alias.txt && mkfifo fifo.txt", plain, plain);
	if (system(cmd) != 0)
		return -1;
	/*
	 * A user whose global and XDG excludes ignore files of the fixture:
	 * deputy must not let them change what a snapshot holds.
	 */
	snprintf(cmd, sizeof(cmd),
		 "cd '%s' && mkdir -p home/.config/git && "
		 "printf 'requirements-untracked.txt\\n' > home/excludes && "
		 "printf '[core]\\n\\texcludesFile = %s/home/excludes\\n' > home/.gitconfig && "
		 "printf 'requirements-untracked.txt\\n' > home/.config/git/ignore",
		 tmpdir, tmpdir);
	if (system(cmd) != 0)
		return -1;
	snprintf(cmd, sizeof(cmd), "%s/home", tmpdir);
	setenv("HOME", cmd, 1);
	snprintf(cmd, sizeof(cmd), "%s/home/.config", tmpdir);
	setenv("XDG_CONFIG_HOME", cmd, 1);
	fd = open(plain, O_RDONLY);
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

static int
teardown(void **state)
{
	char cmd[PATH_MAX + 32];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static void
test_worktree_lists_tracked_and_untracked_not_ignored(void **state)
{
	struct snapshot *snap = open_ok(fixture, NULL);
	struct listing l;
	char real[PATH_MAX];
	int i;

	(void)state;
	assert_non_null(realpath(fixture, real));
	assert_string_equal(snapshot_root(snap), real);
	assert_string_equal(snapshot_name(snap), "working tree");
	assert_true(snapshot_is_git(snap));
	list_ok(snap, &l);
	assert_true(find(&l, "requirements.txt") >= 0);
	assert_int_equal(l.kinds[find(&l, "requirements.txt")], SNAP_FILE);
	assert_true(find(&l, "requirements/dev.txt") >= 0);
	assert_true(find(&l, "requirements/extra.txt") >= 0);
	assert_true(find(&l, ".gitignore") >= 0);
	/* ignored by the user's own excludes only (see setup) */
	assert_true(find(&l, "requirements-untracked.txt") >= 0);
	assert_int_equal(find(&l, "requirements-ignored.txt"), -1);
	assert_int_equal(find(&l, "build/requirements.txt"), -1);
	assert_int_equal(find(&l, "nested/requirements.txt"), -1);
	assert_int_equal(find(&l, "nested"), -1);
	i = find(&l, "requirements-link.txt");
	assert_true(i >= 0);
	assert_int_equal(l.kinds[i], SNAP_SYMLINK);
	assert_string_equal(l.targets[i], "/etc/passwd");
	i = find(&l, "requirements-alias.txt");
	assert_true(i >= 0);
	assert_int_equal(l.kinds[i], SNAP_SYMLINK);
	assert_string_equal(l.targets[i], "requirements.txt");
	for (size_t k = 0; k < l.len; k++) {
		assert_null(strstr(l.paths[k], ".git/"));
		assert_string_not_equal(l.paths[k], ".git");
		if (k)
			assert_true(strcmp(l.paths[k - 1], l.paths[k]) < 0);
	}
	listing_release(&l);
	snapshot_close(snap);
}

static void
test_submodule_is_listed_but_not_its_files(void **state)
{
	const char *revs[] = { NULL, "HEAD" };

	(void)state;
	for (size_t r = 0; r < 2; r++) {
		struct snapshot *snap = open_ok(fixture, revs[r]);
		struct listing l;
		int i;

		list_ok(snap, &l);
		i = find(&l, "vendor/lib");
		assert_true(i >= 0);
		assert_int_equal(l.kinds[i], SNAP_SUBMODULE);
		assert_non_null(l.urls[i]);
		assert_string_equal(l.urls[i], "https://github.com/example/vendored-lib.git");
		assert_int_equal(find(&l, "vendor/lib/requirements.txt"), -1);
		read_expect(snap, "vendor/lib/requirements.txt", 1000, ERR_NOTFOUND);
		read_expect(snap, "vendor/lib", 1000, ERR_NOTFOUND);
		listing_release(&l);
		snapshot_close(snap);
	}
}

static void
test_rev_sees_older_content(void **state)
{
	struct snapshot *snap = open_ok(fixture, "HEAD~1");
	struct listing l;
	char *buf;
	size_t len;
	char id[64];

	(void)state;
	command_line(id, sizeof(id), "git -C '%s' -c core.fsmonitor=false rev-parse --short=7 HEAD~1",
		     fixture);
	assert_true(strncmp(snapshot_name(snap), "HEAD~1 (", 8) == 0);
	assert_non_null(strstr(snapshot_name(snap), id));
	buf = read_ok(snap, "requirements.txt", &len);
	assert_string_equal(buf, "# Application dependencies\nrequests==2.31.0\nflask==3.0.0\n"
			    "urlib3\ndjango-server\n");
	free(buf);
	list_ok(snap, &l);
	assert_true(find(&l, "requirements/extra.txt") >= 0);
	assert_int_equal(find(&l, "requirements-untracked.txt"), -1);
	assert_int_equal(find(&l, "vendor/lib"), -1);
	assert_int_equal(find(&l, ".gitmodules"), -1);
	assert_string_equal(l.targets[find(&l, "requirements-alias.txt")], "requirements.txt");
	listing_release(&l);
	read_expect(snap, "requirements-untracked.txt", 1000, ERR_NOTFOUND);
	snapshot_close(snap);

	/* the working tree holds the uncommitted line, HEAD does not */
	snap = open_ok(fixture, NULL);
	buf = read_ok(snap, "requirements.txt", &len);
	assert_non_null(strstr(buf, "numpy==1.26.0\n"));
	free(buf);
	snapshot_close(snap);
	snap = open_ok(fixture, "HEAD");
	buf = read_ok(snap, "requirements.txt", &len);
	assert_null(strstr(buf, "numpy"));
	assert_non_null(strstr(buf, "apidev-coop\n"));
	free(buf);
	snapshot_close(snap);
}

static void
test_read_refuses_links_leaving_the_repository(void **state)
{
	const char *revs[] = { NULL, "HEAD" };

	(void)state;
	for (size_t r = 0; r < 2; r++) {
		struct snapshot *snap = open_ok(fixture, revs[r]);
		read_expect(snap, "requirements-link.txt", 1 << 20, ERR_OUTSIDE);
		read_expect(snap, "requirements-up.txt", 1 << 20, ERR_OUTSIDE);
		read_expect(snap, "../fixture/requirements.txt", 1 << 20, ERR_OUTSIDE);
		read_expect(snap, "/etc/passwd", 1 << 20, ERR_OUTSIDE);
		read_expect(snap, "link-loop-a", 1 << 20, ERR_LIMIT);
		snapshot_close(snap);
	}
}

static void
test_read_follows_links_inside_the_repository(void **state)
{
	const char *revs[] = { NULL, "HEAD" };

	(void)state;
	for (size_t r = 0; r < 2; r++) {
		struct snapshot *snap = open_ok(fixture, revs[r]);
		char *a, *b, *resolved;
		size_t alen, blen;

		a = read_ok(snap, "requirements.txt", &alen);
		b = read_ok(snap, "requirements-alias.txt", &blen);
		assert_int_equal(alen, blen);
		assert_memory_equal(a, b, alen);
		free(a);
		free(b);
		a = read_ok(snap, "requirements-dir/dev.txt", &alen);
		assert_string_equal(a, "-r ../requirements.txt\nsetup-tools==1.0\nacqusition\n");
		free(a);
		a = read_ok(snap, "requirements/../requirements/./a.txt", &alen);
		assert_string_equal(a, "-r b.txt\nbzip\n");
		free(a);
		assert_int_equal(snapshot_resolve(snap, "requirements-dir/dev.txt", &resolved), 0);
		assert_string_equal(resolved, "requirements/dev.txt");
		free(resolved);
		snapshot_close(snap);
	}
}

static void
test_read_keeps_nul_bytes(void **state)
{
	struct snapshot *snap = open_ok(fixture, NULL);
	size_t len;
	char *buf = read_ok(snap, "requirements-bin.txt", &len);

	(void)state;
	assert_int_equal(len, 15);
	assert_memory_equal(buf, "flask\0\0\0binary\0", 15);
	free(buf);
	snapshot_close(snap);
}

static void
test_read_over_size_cap_is_limit(void **state)
{
	const char *revs[] = { NULL, "HEAD" };

	(void)state;
	for (size_t r = 0; r < 2; r++) {
		struct snapshot *snap = open_ok(fixture, revs[r]);
		struct listing l;
		uint64_t size;

		list_ok(snap, &l);
		size = 0;
		for (size_t i = 0; i < l.len; i++)
			if (!strcmp(l.paths[i], "requirements.txt"))
				size = 1;       /* found */
		assert_int_equal(size, 1);
		listing_release(&l);
		read_expect(snap, "requirements.txt", 10, ERR_LIMIT);
		read_expect(snap, "requirements-alias.txt", 10, ERR_LIMIT);
		/* exactly the size is fine */
		read_expect(snap, "requirements/a.txt", 14, 0);
		read_expect(snap, "requirements/a.txt", 13, ERR_LIMIT);
		snapshot_close(snap);
	}
}

static void
test_read_outside_the_snapshot_is_notfound(void **state)
{
	struct snapshot *snap = open_ok(fixture, NULL);

	(void)state;
	read_expect(snap, "requirements-ignored.txt", 1000, ERR_NOTFOUND);
	read_expect(snap, "build/requirements.txt", 1000, ERR_NOTFOUND);
	read_expect(snap, "nested/requirements.txt", 1000, ERR_NOTFOUND);
	read_expect(snap, ".git/config", 1000, ERR_NOTFOUND);
	read_expect(snap, ".git/HEAD", 1000, ERR_NOTFOUND);
	read_expect(snap, "requirements", 1000, ERR_NOTFOUND);
	read_expect(snap, "no-such-file.txt", 1000, ERR_NOTFOUND);
	read_expect(snap, "", 1000, ERR_NOTFOUND);
	read_expect(snap, "requirements/missing.txt", 1000, ERR_NOTFOUND);
	snapshot_close(snap);
}

static void
test_discovery_from_subfolder_and_file(void **state)
{
	char path[PATH_MAX + 32], real[PATH_MAX];
	struct snapshot *snap;

	(void)state;
	assert_non_null(realpath(fixture, real));
	snprintf(path, sizeof(path), "%s/requirements", fixture);
	snap = open_ok(path, NULL);
	assert_string_equal(snapshot_root(snap), real);
	read_expect(snap, "requirements/dev.txt", 1000, 0);
	snapshot_close(snap);
	snprintf(path, sizeof(path), "%s/requirements/dev.txt", fixture);
	snap = open_ok(path, "HEAD");
	assert_string_equal(snapshot_root(snap), real);
	snapshot_close(snap);
}

static void
test_open_reports_bad_input(void **state)
{
	struct snapshot *snap = (struct snapshot *)1;
	char errbuf[256], path[PATH_MAX + 32];

	(void)state;
	snprintf(path, sizeof(path), "%s/no-such-folder", tmpdir);
	assert_int_equal(snapshot_open(&snap, path, NULL, errbuf, sizeof(errbuf)), ERR_NOTFOUND);
	assert_null(snap);
	assert_true(errbuf[0] != '\0');
	assert_int_equal(snapshot_open(&snap, fixture, "no-such-rev", errbuf, sizeof(errbuf)),
			 ERR_GIT);
	assert_null(snap);
	assert_non_null(strstr(errbuf, "no-such-rev"));
	assert_int_equal(snapshot_open(&snap, plain, "HEAD", errbuf, sizeof(errbuf)), ERR_USAGE);
	assert_null(snap);

	/*
	 * a copy whose own config moves the work tree to /etc: /etc is never
	 * listed; the copy is read as a plain folder, with a warning saying why,
	 * and a revision of it cannot be read
	 */
	snprintf(path, sizeof(path), "%s/worktree-elsewhere", tmpdir);
	command_line(errbuf, sizeof(errbuf),
		     "cp -a '%s' '%s' && git config -f '%s/.git/config' core.worktree /etc && echo ok",
		     fixture, path, path);
	assert_string_equal(errbuf, "ok");
	assert_int_equal(snapshot_open(&snap, path, NULL, errbuf, sizeof(errbuf)), 0);
	assert_string_equal(snapshot_name(snap), "folder");
	assert_false(snapshot_is_git(snap));
	assert_non_null(strstr(snapshot_warning(snap), "/etc"));
	assert_non_null(strstr(snapshot_root(snap), "worktree-elsewhere"));
	snapshot_close(snap);
	assert_int_equal(snapshot_open(&snap, path, "HEAD", errbuf, sizeof(errbuf)), ERR_GIT);
	assert_null(snap);
	assert_non_null(strstr(errbuf, "/etc"));
}

static void
test_plain_folder_is_walked(void **state)
{
	struct snapshot *snap = open_ok(plain, NULL);
	struct listing l;
	struct blame b;
	char *buf;
	size_t len;

	(void)state;
	assert_string_equal(snapshot_name(snap), "folder");
	assert_false(snapshot_is_git(snap));
	list_ok(snap, &l);
	assert_int_equal(l.len, 4);
	assert_string_equal(l.paths[0], "alias.txt");
	assert_int_equal(l.kinds[0], SNAP_SYMLINK);
	/* listed, so that the scan can say why a dependency file's name was not read */
	assert_string_equal(l.paths[1], "fifo.txt");
	assert_int_equal(l.kinds[1], SNAP_SPECIAL);
	assert_string_equal(l.paths[2], "requirements.txt");
	assert_int_equal(l.kinds[2], SNAP_FILE);
	assert_string_equal(l.paths[3], "sub/b.txt");
	listing_release(&l);
	buf = read_ok(snap, "alias.txt", &len);
	assert_string_equal(buf, "flask\n");
	free(buf);
	/* a FIFO is never opened (this would block forever otherwise) */
	read_expect(snap, "fifo.txt", 1000, ERR_NOTFOUND);
	read_expect(snap, ".git/config", 1000, ERR_NOTFOUND);
	assert_int_equal(snapshot_blame(snap, "requirements.txt", 1, &b), ERR_NOTFOUND);
	blame_release(&b);
	snapshot_close(snap);
}

static void
test_blame_names_author_and_commit(void **state)
{
	struct snapshot *snap = open_ok(fixture, NULL);
	struct blame b;
	char first[64], last[64];

	(void)state;
	command_line(first, sizeof(first),
		     "git -C '%s' -c core.fsmonitor=false rev-list --max-parents=0 HEAD", fixture);
	command_line(last, sizeof(last), "git -C '%s' -c core.fsmonitor=false rev-parse HEAD",
		     fixture);
	assert_int_equal(snapshot_blame(snap, "requirements.txt", 2, &b), 0);
	assert_string_equal(b.commit, first);
	assert_string_equal(b.author, "Alice Admin");
	assert_string_equal(b.email, "alice@example.com");
	assert_int_equal(b.time, 1672653600);   /* 2023-01-02T10:00:00Z */
	assert_string_equal(b.summary, "Add application requirements");
	blame_release(&b);

	/* line 4 is an uncommitted insertion, so later lines moved down by one */
	assert_int_equal(snapshot_blame(snap, "requirements.txt", 5, &b), 0);
	assert_string_equal(b.author, "Alice Admin");
	blame_release(&b);
	assert_int_equal(snapshot_blame(snap, "requirements.txt", 6, &b), 0);
	assert_string_equal(b.author, "Bob Builder");
	assert_string_equal(b.summary, "Add development requirements");
	blame_release(&b);

	/* the author's ESC sequence is kept as is */
	assert_int_equal(snapshot_blame(snap, "requirements.txt", 8, &b), 0);
	assert_string_equal(b.author, "Mallory \033[31mMallet");
	assert_string_equal(b.commit, last);
	blame_release(&b);

	/* through an in-repository symlink */
	assert_int_equal(snapshot_blame(snap, "requirements-alias.txt", 2, &b), 0);
	assert_string_equal(b.author, "Alice Admin");
	blame_release(&b);
	snapshot_close(snap);

	snap = open_ok(fixture, "HEAD~2");
	assert_int_equal(snapshot_blame(snap, "requirements.txt", 5, &b), 0);
	assert_string_equal(b.author, "Bob Builder");
	blame_release(&b);
	assert_int_equal(snapshot_blame(snap, "requirements.txt", 6, &b), ERR_NOTFOUND);
	blame_release(&b);
	snapshot_close(snap);
}

static void
test_blame_of_uncommitted_line_is_notfound(void **state)
{
	struct snapshot *snap = open_ok(fixture, NULL);
	struct blame b;

	(void)state;
	assert_int_equal(snapshot_blame(snap, "requirements.txt", 4, &b), ERR_NOTFOUND);
	assert_string_equal(b.commit, "");
	assert_null(b.author);
	blame_release(&b);
	assert_int_equal(snapshot_blame(snap, "requirements.txt", 9, &b), ERR_NOTFOUND);
	blame_release(&b);
	assert_int_equal(snapshot_blame(snap, "requirements.txt", 0, &b), ERR_NOTFOUND);
	blame_release(&b);
	assert_int_equal(snapshot_blame(snap, "requirements-untracked.txt", 1, &b), ERR_NOTFOUND);
	assert_string_equal(b.commit, "");
	blame_release(&b);
	snapshot_close(snap);
}

static void
test_gitmodules_url_reads_git_config_syntax(void **state)
{
	static const char text[] =
		"# comment\n"
		"[submodule \"one\"]\n"
		"\tpath = libs/one ; trailing comment\n"
		"\turl = \"https://example.com/o ne.git\"  \n"
		"[core]\n"
		"\tpath = libs/two\n"
		"[Submodule \"two\"]\n"
		"\tURL=https://example.com/two.git\n"
		"\tpath=libs/two/\n";
	struct arena arena = ARENA_INIT;

	(void)state;
	assert_string_equal(gitmodules_url(&arena, text, sizeof(text) - 1, "libs/one"),
			    "https://example.com/o ne.git");
	assert_string_equal(gitmodules_url(&arena, text, sizeof(text) - 1, "libs/two"),
			    "https://example.com/two.git");
	assert_null(gitmodules_url(&arena, text, sizeof(text) - 1, "libs/three"));
	assert_null(gitmodules_url(&arena, "[submodule \"x", 13, "x"));
	arena_release(&arena);
}

/* Runs last: nothing above may have run a hook, a filter or fsmonitor. */
static void
test_nothing_from_the_repository_ran(void **state)
{
	char marker[PATH_MAX + 32];
	struct stat st;

	(void)state;
	snprintf(marker, sizeof(marker), "%s/.git/deputy-marker", fixture);
	assert_int_equal(lstat(marker, &st), -1);
	assert_int_equal(errno, ENOENT);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_worktree_lists_tracked_and_untracked_not_ignored),
		cmocka_unit_test(test_submodule_is_listed_but_not_its_files),
		cmocka_unit_test(test_rev_sees_older_content),
		cmocka_unit_test(test_read_refuses_links_leaving_the_repository),
		cmocka_unit_test(test_read_follows_links_inside_the_repository),
		cmocka_unit_test(test_read_keeps_nul_bytes),
		cmocka_unit_test(test_read_over_size_cap_is_limit),
		cmocka_unit_test(test_read_outside_the_snapshot_is_notfound),
		cmocka_unit_test(test_discovery_from_subfolder_and_file),
		cmocka_unit_test(test_open_reports_bad_input),
		cmocka_unit_test(test_plain_folder_is_walked),
		cmocka_unit_test(test_blame_names_author_and_commit),
		cmocka_unit_test(test_blame_of_uncommitted_line_is_notfound),
		cmocka_unit_test(test_gitmodules_url_reads_git_config_syntax),
		cmocka_unit_test(test_nothing_from_the_repository_ran),
	};

	if (argc < 2) {
		fprintf(stderr, "usage: %s MAKE-FIXTURE.SH\n", argv[0]);
		return 2;
	}
	make_fixture = argv[1];
	return cmocka_run_group_tests_name("repo", tests, setup, teardown);
}
