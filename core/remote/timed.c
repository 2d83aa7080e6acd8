/*
 * The network half of reading a remote repository, in a child process with
 * a deadline: libgit2 1.5 has no timeout of its own, and a host that accepts
 * a connection and then says nothing would hold the scan for ever. The child
 * resolves the ref and fetches the commit into the cache, and writes one
 * small record to a pipe; the parent waits at most the deadline, then kills
 * it. What is read afterwards comes from the cache, without the network.
 */
#include "remote/remote.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "deputy/diag.h"

#define SETERR(...) ((err && err_size) ? (void)snprintf(err, err_size, __VA_ARGS__) : (void)0)

/* What the child writes: its result code, the commit, and the message. */
struct child_report {
	int rc;
	char sha[41];
	char msg[512];
};

static void
child(int fd, const char *cache_dir, const char *url, const char *ref)
{
	struct child_report r;
	size_t off = 0;

	memset(&r, 0, sizeof(r));
	r.rc = remote_resolve(r.sha, url, ref, r.msg, sizeof(r.msg));
	if (r.rc == 0)
		r.rc = remote_fetch(cache_dir, url, r.sha, r.msg, sizeof(r.msg));
	while (off < sizeof(r)) {
		ssize_t n = write(fd, (const char *)&r + off, sizeof(r) - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	_exit(0);
}

static long
ms_left(const struct timespec *end)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (end->tv_sec - now.tv_sec) * 1000 + (end->tv_nsec - now.tv_nsec) / 1000000;
}

/* Reads the child's report until the deadline. 0, or ERR_IO when it timed out or said nothing. */
static int
read_report(int fd, struct child_report *r, const struct timespec *end)
{
	size_t off = 0;

	while (off < sizeof(*r)) {
		struct pollfd p = { fd, POLLIN, 0 };
		long left = ms_left(end);
		ssize_t n;

		if (left <= 0)
			return ERR_LIMIT;
		if (poll(&p, 1, (int)(left > 60000 ? 60000 : left)) < 0) {
			if (errno == EINTR)
				continue;
			return ERR_IO;
		}
		if (!(p.revents & (POLLIN | POLLHUP)))
			continue;
		n = read(fd, (char *)r + off, sizeof(*r) - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return ERR_IO;
		off += (size_t)n;
	}
	return 0;
}

int
remote_resolve_fetch(char out_sha[41], const char *cache_dir, const char *url, const char *ref,
		     long timeout_s, char *err, size_t err_size)
{
	struct child_report r;
	struct timespec end;
	int fds[2], status, rc;
	pid_t pid;

	if (!cache_dir || !url) {
		SETERR("expected a cache folder and a url");
		return ERR_USAGE;
	}
	if (pipe(fds) != 0) {
		SETERR("cannot read %s: %s", url, strerror(errno));
		return ERR_IO;
	}
	fflush(NULL);           /* nothing buffered is written twice */
	pid = fork();
	if (pid < 0) {
		SETERR("cannot read %s: %s", url, strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return ERR_IO;
	}
	if (pid == 0) {
		close(fds[0]);
		child(fds[1], cache_dir, url, ref);
	}
	close(fds[1]);
	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += timeout_s > 0 ? timeout_s : REMOTE_TIMEOUT_S;
	memset(&r, 0, sizeof(r));
	rc = read_report(fds[0], &r, &end);
	close(fds[0]);
	if (rc != 0)
		kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (rc == ERR_LIMIT) {
		SETERR("%s: timed out after %ld s", url, timeout_s > 0 ? timeout_s : REMOTE_TIMEOUT_S);
		return ERR_IO;
	}
	if (rc != 0) {
		SETERR("%s: the reader stopped without a result", url);
		return ERR_IO;
	}
	r.sha[40] = '\0';
	r.msg[sizeof(r.msg) - 1] = '\0';
	if (r.rc != 0) {
		SETERR("%s", r.msg);
		return r.rc;
	}
	memcpy(out_sha, r.sha, 41);
	return 0;
}
