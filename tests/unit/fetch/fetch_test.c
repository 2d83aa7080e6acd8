/*
 * core/fetch: downloads from a loopback server (server.py beside this file,
 * on 127.0.0.1 only) and trimming a cache folder to a cap.
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "deputy/diag.h"
#include "fetch/fetch.h"
#include "../../common/sh.h"
#include "../../common/clock.h"

struct fixture {
	const char *python;     /* argv[1] */
	const char *script;     /* argv[2]: server.py */
	char dir[64];           /* the temporary folder */
	pid_t server;
	int server_stdin;       /* closing it ends the server */
	int port;
};

static struct fixture fx = { .server = -1, .server_stdin = -1 };

static void __attribute__((format(printf, 3, 4)))
path(char *out, size_t size, const char *fmt, ...)
{
	char rel[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(rel, sizeof(rel), fmt, ap);
	va_end(ap);
	assert_true(snprintf(out, size, "%s/%s", fx.dir, rel) < (int)size);
}

static void __attribute__((format(printf, 3, 4)))
url(char *out, size_t size, const char *fmt, ...)
{
	char rest[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(rest, sizeof(rest), fmt, ap);
	va_end(ap);
	snprintf(out, size, "http://127.0.0.1:%d%s", fx.port, rest);
}

static void
write_file(const char *p, const char *text)
{
	FILE *f = fopen(p, "w");

	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

/* The whole of the file @p (heap), or NULL when it cannot be read. */
static char *
read_file(const char *p)
{
	FILE *f = fopen(p, "r");
	char *buf;
	size_t n;

	if (!f)
		return NULL;
	buf = calloc(1, 1 << 20);
	n = fread(buf, 1, (1 << 20) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void
assert_file_is(const char *p, const char *text)
{
	char *got = read_file(p);

	assert_non_null(got);
	assert_string_equal(got, text);
	free(got);
}

/* How many entries the folder @p has besides "." and "..". */
static int
count_entries(const char *p)
{
	DIR *d = opendir(p);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

/* Whether something accepts on 127.0.0.1:@port. */
static int
port_accepts(int port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	int s = socket(AF_INET, SOCK_STREAM, 0);
	int ok;

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ok = s >= 0 && connect(s, (struct sockaddr *)&sa, sizeof(sa)) == 0;
	if (s >= 0)
		close(s);
	return ok;
}

static int
server_start(void)
{
	int in[2], out[2];
	char line[32] = "";
	ssize_t n;
	size_t got = 0;

	if (pipe(in) != 0 || pipe(out) != 0)
		return -1;
	fx.server = fork();
	if (fx.server < 0)
		return -1;
	if (fx.server == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		close(in[0]);
		close(in[1]);
		close(out[0]);
		close(out[1]);
		execlp(fx.python, fx.python, fx.script, (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	fx.server_stdin = in[1];
	while (got + 1 < sizeof(line) && (n = read(out[0], line + got, 1)) == 1 &&
	       line[got] != '\n')
		got++;
	close(out[0]);
	line[got] = '\0';
	fx.port = atoi(line);
	if (fx.port <= 0)
		return -1;
	for (int i = 0; i < 100; i++) {
		if (port_accepts(fx.port))
			return 0;
		usleep(50 * 1000);
	}
	return -1;
}

static int
group_setup(void **state)
{
	(void)state;
	strcpy(fx.dir, "/tmp/deputy-fetch-XXXXXX");
	if (!mkdtemp(fx.dir))
		return -1;
	signal(SIGPIPE, SIG_IGN);
	return server_start();
}

static int
group_teardown(void **state)
{
	(void)state;
	if (fx.server_stdin >= 0)
		close(fx.server_stdin);
	if (fx.server > 0) {
		kill(fx.server, SIGTERM);
		waitpid(fx.server, NULL, 0);
	}
	if (fx.dir[0])
		sh("rm -rf '%s'", fx.dir);
	return 0;
}

/* Each test downloads into a fresh folder @name under the temporary one. */
static void
fresh(char *folder, size_t size, const char *name)
{
	path(folder, size, "%s", name);
	assert_int_equal(sh("rm -rf '%s' && mkdir -p '%s'", folder, folder), 0);
}

static void
test_fetch_writes_the_body_on_200_making_folders(void **state)
{
	char u[256], folder[512], dest[600], err[256];
	struct stat st;

	(void)state;
	fresh(folder, sizeof(folder), "ok");
	snprintf(dest, sizeof(dest), "%s/a/b/page.txt", folder);
	url(u, sizeof(u), "/ok");
	assert_int_equal(fetch_to_file(u, dest, NULL, err, sizeof(err)), 0);
	assert_string_equal(err, "");
	assert_file_is(dest, "hello from the loopback\n");
	path(folder, sizeof(folder), "ok/a");
	assert_int_equal(stat(folder, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	/* Only the file itself: the temporary one was renamed. */
	path(folder, sizeof(folder), "ok/a/b");
	assert_int_equal(count_entries(folder), 1);
}

static void
test_fetch_replaces_an_existing_file(void **state)
{
	char u[256], folder[512], dest[600];

	(void)state;
	fresh(folder, sizeof(folder), "replace");
	snprintf(dest, sizeof(dest), "%s/f", folder);
	write_file(dest, "old\n");
	url(u, sizeof(u), "/ok");
	assert_int_equal(fetch_to_file(u, dest, NULL, NULL, 0), 0);
	assert_file_is(dest, "hello from the loopback\n");
	assert_int_equal(count_entries(folder), 1);
}

static void
test_fetch_accepts_an_upper_case_scheme(void **state)
{
	char u[256], folder[512], dest[600];

	(void)state;
	fresh(folder, sizeof(folder), "upper");
	snprintf(dest, sizeof(dest), "%s/f", folder);
	snprintf(u, sizeof(u), "HtTp://127.0.0.1:%d/ok", fx.port);
	assert_int_equal(fetch_to_file(u, dest, NULL, NULL, 0), 0);
	assert_file_is(dest, "hello from the loopback\n");
}

static void
test_fetch_body_of_exactly_max_bytes_is_fine(void **state)
{
	char u[256], folder[512], dest[600];
	struct fetch_opts o = { .max_bytes = 1000 };
	struct stat st;

	(void)state;
	fresh(folder, sizeof(folder), "exact");
	snprintf(dest, sizeof(dest), "%s/f", folder);
	url(u, sizeof(u), "/bytes/1000");
	assert_int_equal(fetch_to_file(u, dest, &o, NULL, 0), 0);
	assert_int_equal(stat(dest, &st), 0);
	assert_int_equal(st.st_size, 1000);
	url(u, sizeof(u), "/stream/1000");
	assert_int_equal(fetch_to_file(u, dest, &o, NULL, 0), 0);
	assert_int_equal(stat(dest, &st), 0);
	assert_int_equal(st.st_size, 1000);
}

static void
test_fetch_follows_a_redirect_to_http(void **state)
{
	char u[256], target[256], folder[512], dest[600];

	(void)state;
	fresh(folder, sizeof(folder), "redirect");
	snprintf(dest, sizeof(dest), "%s/f", folder);
	url(target, sizeof(target), "/ok");
	url(u, sizeof(u), "/redirect?to=%s", target);
	assert_int_equal(fetch_to_file(u, dest, NULL, NULL, 0), 0);
	assert_file_is(dest, "hello from the loopback\n");
}

/* @status fails with @code; the file there before stays, nothing else is left. */
static void
check_failure_keeps_dest(const char *name, const char *rest, const struct fetch_opts *o,
			 int code, const char *in_err)
{
	char u[256], folder[512], dest[600], err[512];

	fresh(folder, sizeof(folder), name);
	snprintf(dest, sizeof(dest), "%s/f", folder);
	write_file(dest, "kept\n");
	url(u, sizeof(u), "%s", rest);
	assert_int_equal(fetch_to_file(u, dest, o, err, sizeof(err)), code);
	assert_file_is(dest, "kept\n");
	assert_int_equal(count_entries(folder), 1);
	assert_non_null(strstr(err, u));
	if (!strstr(err, in_err))
		fail_msg("\"%s\" not in \"%s\"", in_err, err);
	assert_null(strchr(err, '\n'));
}

static void
test_fetch_404_and_410_are_not_found(void **state)
{
	(void)state;
	check_failure_keeps_dest("404", "/status/404", NULL, ERR_NOTFOUND, "HTTP 404");
	check_failure_keeps_dest("410", "/status/410", NULL, ERR_NOTFOUND, "HTTP 410");
}

static void
test_fetch_500_is_an_io_error_naming_the_status(void **state)
{
	(void)state;
	check_failure_keeps_dest("500", "/status/500", NULL, ERR_IO, "HTTP 500");
	check_failure_keeps_dest("403", "/status/403", NULL, ERR_IO, "HTTP 403");
	/* A 2xx other than 200 is not a download either. */
	check_failure_keeps_dest("203", "/status/203", NULL, ERR_IO, "HTTP 203");
}

static void
test_fetch_refuses_a_content_length_over_the_limit(void **state)
{
	struct fetch_opts o = { .max_bytes = 1000 };

	(void)state;
	check_failure_keeps_dest("limit-length", "/bytes/1001", &o, ERR_LIMIT, "limit");
}

static void
test_fetch_stops_a_streamed_body_over_the_limit(void **state)
{
	struct fetch_opts o = { .max_bytes = 1000 };

	(void)state;
	check_failure_keeps_dest("limit-stream", "/stream/1001", &o, ERR_LIMIT, "limit");
	check_failure_keeps_dest("limit-stream-big", "/stream/5000000", &o, ERR_LIMIT, "limit");
}

static void
test_fetch_stops_at_once_on_a_huge_content_length(void **state)
{
	struct fetch_opts o = { .timeout_s = 15 };
	double start = clock_seconds();

	(void)state;
	/* The default cap (256 MB) against a declared terabyte: no waiting for the body. */
	check_failure_keeps_dest("huge", "/huge-length", &o, ERR_LIMIT, "limit");
	assert_true(clock_seconds() - start < 5);
}

static void
test_fetch_times_out(void **state)
{
	struct fetch_opts o = { .timeout_s = 1 };
	double start = clock_seconds();

	(void)state;
	check_failure_keeps_dest("slow", "/slow/6", &o, ERR_IO, "timed out after 1 s");
	assert_true(clock_seconds() - start < 4);
}

static void
test_fetch_a_short_body_is_an_io_error(void **state)
{
	(void)state;
	check_failure_keeps_dest("short", "/short", NULL, ERR_IO, "");
}

static void
test_fetch_too_many_redirects(void **state)
{
	(void)state;
	check_failure_keeps_dest("loop", "/loop", NULL, ERR_IO, "redirects");
}

static void
test_fetch_refuses_a_redirect_to_a_file_url(void **state)
{
	char rest[512], secret[512], folder[512], dest[600], err[512];
	char u[600];

	(void)state;
	path(secret, sizeof(secret), "secret.txt");
	write_file(secret, "do not copy\n");
	assert_true(snprintf(rest, sizeof(rest), "/redirect?to=file://%s", secret) <
		    (int)sizeof(rest));
	check_failure_keeps_dest("to-file", rest, NULL, ERR_IO, "redirect refused");
	/* Without a file there before, none is made. */
	fresh(folder, sizeof(folder), "to-file-new");
	snprintf(dest, sizeof(dest), "%s/f", folder);
	url(u, sizeof(u), "%s", rest);
	assert_int_equal(fetch_to_file(u, dest, NULL, err, sizeof(err)), ERR_IO);
	assert_int_equal(count_entries(folder), 0);
}

static void
test_fetch_connection_refused(void **state)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof(sa);
	char u[256], folder[512], dest[600], err[512];
	int s = socket(AF_INET, SOCK_STREAM, 0);

	(void)state;
	/* A port bound but not listening refuses connections and stays ours. */
	assert_true(s >= 0);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(s, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(getsockname(s, (struct sockaddr *)&sa, &len), 0);
	fresh(folder, sizeof(folder), "refused");
	snprintf(dest, sizeof(dest), "%s/f", folder);
	snprintf(u, sizeof(u), "http://127.0.0.1:%d/ok", ntohs(sa.sin_port));
	assert_int_equal(fetch_to_file(u, dest, NULL, err, sizeof(err)), ERR_IO);
	close(s);
	assert_non_null(strstr(err, u));
	if (!strstr(err, "could not connect: Connection refused"))
		fail_msg("unexpected message \"%s\"", err);
	assert_int_equal(count_entries(folder), 0);
}

static void
test_fetch_refuses_other_schemes_and_null_arguments(void **state)
{
	char folder[512], dest[600], err[512];

	(void)state;
	fresh(folder, sizeof(folder), "usage");
	snprintf(dest, sizeof(dest), "%s/f", folder);
	assert_int_equal(fetch_to_file("ftp://127.0.0.1/x", dest, NULL, err, sizeof(err)),
			 ERR_USAGE);
	assert_non_null(strstr(err, "ftp://127.0.0.1/x"));
	assert_int_equal(fetch_to_file("file:///etc/hostname", dest, NULL, NULL, 0), ERR_USAGE);
	assert_int_equal(fetch_to_file("httpx://127.0.0.1/x", dest, NULL, NULL, 0), ERR_USAGE);
	assert_int_equal(fetch_to_file("127.0.0.1/x", dest, NULL, NULL, 0), ERR_USAGE);
	assert_int_equal(fetch_to_file(NULL, dest, NULL, err, sizeof(err)), ERR_USAGE);
	assert_int_equal(fetch_to_file("http://127.0.0.1/x", NULL, NULL, NULL, 0), ERR_USAGE);
	assert_int_equal(count_entries(folder), 0);
}

static void
test_fetch_message_leaves_out_the_password(void **state)
{
	char u[256], folder[512], dest[600], err[512];

	(void)state;
	fresh(folder, sizeof(folder), "password");
	snprintf(dest, sizeof(dest), "%s/f", folder);
	snprintf(u, sizeof(u), "http://user:hunter2@127.0.0.1:%d/status/500", fx.port);
	assert_int_equal(fetch_to_file(u, dest, NULL, err, sizeof(err)), ERR_IO);
	assert_non_null(strstr(err, "HTTP 500"));
	assert_null(strstr(err, "hunter2"));
	assert_non_null(strstr(err, "127.0.0.1"));
}

/* --- trimming --- */

/* A file of @size bytes at @rel under @folder, modified at @mtime (seconds). */
static void
make_file(const char *folder, const char *rel, size_t size, time_t mtime)
{
	char p[700];
	struct timespec times[2] = { { .tv_sec = mtime }, { .tv_sec = mtime } };
	char *buf = malloc(size + 1);
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", folder, rel);
	assert_non_null(buf);
	memset(buf, 'c', size);
	f = fopen(p, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(buf, 1, size, f), size);
	assert_int_equal(fclose(f), 0);
	free(buf);
	assert_int_equal(utimensat(AT_FDCWD, p, times, 0), 0);
}

static int
exists(const char *folder, const char *rel)
{
	char p[700];
	struct stat st;

	snprintf(p, sizeof(p), "%s/%s", folder, rel);
	return lstat(p, &st) == 0;
}

/* a (oldest), b, sub/c, sub/deeper/d (newest): 100 bytes each. */
static void
make_cache(char *folder, size_t size, const char *name)
{
	fresh(folder, size, name);
	assert_int_equal(sh("mkdir -p '%s/sub/deeper'", folder), 0);
	make_file(folder, "sub/c", 100, 3000);
	make_file(folder, "a", 100, 1000);
	make_file(folder, "sub/deeper/d", 100, 4000);
	make_file(folder, "b", 100, 2000);
}

static void
test_trim_removes_oldest_first_until_under_the_cap(void **state)
{
	char folder[512];
	uint64_t freed = 1;

	(void)state;
	make_cache(folder, sizeof(folder), "trim");
	assert_int_equal(fetch_trim_cache(folder, 250, NULL, &freed), 0);
	assert_int_equal(freed, 200);
	assert_false(exists(folder, "a"));
	assert_false(exists(folder, "b"));
	assert_true(exists(folder, "sub/c"));
	assert_true(exists(folder, "sub/deeper/d"));
	/* Already under: nothing goes. */
	assert_int_equal(fetch_trim_cache(folder, 200, NULL, &freed), 0);
	assert_int_equal(freed, 0);
	assert_true(exists(folder, "sub/c"));
	/* Down to nothing: everything goes, folders may stay. */
	assert_int_equal(fetch_trim_cache(folder, 0, NULL, &freed), 0);
	assert_int_equal(freed, 200);
	assert_false(exists(folder, "sub/c"));
	assert_false(exists(folder, "sub/deeper/d"));
	assert_true(exists(folder, "sub/deeper"));
}

static void
test_trim_never_removes_a_kept_file(void **state)
{
	char folder[512];
	uint64_t freed = 0;
	const char *const keep[] = { "a", "./sub//c", NULL };

	(void)state;
	make_cache(folder, sizeof(folder), "trim-keep");
	/* a and sub/c are kept: b and then sub/deeper/d go to reach 250. */
	assert_int_equal(fetch_trim_cache(folder, 250, keep, &freed), 0);
	assert_int_equal(freed, 200);
	assert_true(exists(folder, "a"));
	assert_false(exists(folder, "b"));
	assert_true(exists(folder, "sub/c"));
	assert_false(exists(folder, "sub/deeper/d"));
	/* Kept files alone over the cap: they stay, and that is no failure. */
	assert_int_equal(fetch_trim_cache(folder, 0, keep, &freed), 0);
	assert_int_equal(freed, 0);
	assert_true(exists(folder, "a"));
	assert_true(exists(folder, "sub/c"));
}

static void
test_trim_does_not_follow_symbolic_links(void **state)
{
	char folder[512], outside[512];
	uint64_t freed = 0;

	(void)state;
	fresh(outside, sizeof(outside), "outside");
	make_file(outside, "big", 5000, 500);
	make_cache(folder, sizeof(folder), "trim-links");
	assert_int_equal(sh("ln -s '%s/big' '%s/link-to-file' && ln -s '%s' '%s/link-to-folder'",
			    outside, folder, outside, folder), 0);
	/* The links count 0 bytes: 400 regular bytes, so 300 go for a cap of 100. */
	assert_int_equal(fetch_trim_cache(folder, 100, NULL, &freed), 0);
	assert_int_equal(freed, 300);
	assert_true(exists(outside, "big"));
	assert_true(exists(folder, "link-to-file"));
	assert_true(exists(folder, "link-to-folder"));
	assert_true(exists(folder, "sub/deeper/d"));
	assert_int_equal(fetch_trim_cache(folder, 0, NULL, &freed), 0);
	assert_int_equal(freed, 100);
	assert_true(exists(outside, "big"));
	assert_true(exists(folder, "link-to-file"));
}

static void
test_trim_missing_folder_is_not_found(void **state)
{
	char folder[512];
	uint64_t freed = 7;

	(void)state;
	path(folder, sizeof(folder), "no-such-folder");
	assert_int_equal(fetch_trim_cache(folder, 0, NULL, &freed), ERR_NOTFOUND);
	assert_int_equal(freed, 0);
	assert_int_equal(fetch_trim_cache(NULL, 0, NULL, NULL), ERR_USAGE);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fetch_writes_the_body_on_200_making_folders),
		cmocka_unit_test(test_fetch_replaces_an_existing_file),
		cmocka_unit_test(test_fetch_accepts_an_upper_case_scheme),
		cmocka_unit_test(test_fetch_body_of_exactly_max_bytes_is_fine),
		cmocka_unit_test(test_fetch_follows_a_redirect_to_http),
		cmocka_unit_test(test_fetch_404_and_410_are_not_found),
		cmocka_unit_test(test_fetch_500_is_an_io_error_naming_the_status),
		cmocka_unit_test(test_fetch_refuses_a_content_length_over_the_limit),
		cmocka_unit_test(test_fetch_stops_a_streamed_body_over_the_limit),
		cmocka_unit_test(test_fetch_stops_at_once_on_a_huge_content_length),
		cmocka_unit_test(test_fetch_times_out),
		cmocka_unit_test(test_fetch_a_short_body_is_an_io_error),
		cmocka_unit_test(test_fetch_too_many_redirects),
		cmocka_unit_test(test_fetch_refuses_a_redirect_to_a_file_url),
		cmocka_unit_test(test_fetch_connection_refused),
		cmocka_unit_test(test_fetch_refuses_other_schemes_and_null_arguments),
		cmocka_unit_test(test_fetch_message_leaves_out_the_password),
		cmocka_unit_test(test_trim_removes_oldest_first_until_under_the_cap),
		cmocka_unit_test(test_trim_never_removes_a_kept_file),
		cmocka_unit_test(test_trim_does_not_follow_symbolic_links),
		cmocka_unit_test(test_trim_missing_folder_is_not_found),
	};

	if (argc != 3) {
		fprintf(stderr, "usage: %s PYTHON SERVER_SCRIPT\n", argv[0]);
		return 2;
	}
	/* libcurl honours proxy variables: none of them may take 127.0.0.1 elsewhere. */
	setenv("no_proxy", "*", 1);
	setenv("NO_PROXY", "*", 1);
	fx.python = argv[1];
	fx.script = argv[2];
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
