/*
 * One small file of an installed package: opened with O_NOFOLLOW relative to
 * its folder (so neither the file nor, through the folder's descriptor, its
 * parents can redirect the read), checked with fstat, read whole.
 */
#include "resolve/read_at.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int
read_at(struct sv *text, struct arena *arena, struct diags *diags, int dir_fd,
	const char *name, const char *path, size_t max)
{
	int fd = openat(dir_fd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	size_t len = 0;
	char *buf;

	*text = sv_make("", 0);
	if (fd < 0) {
		if (errno == ENOENT)
			return ERR_NOTFOUND;
		if (errno == ENOMEM)
			return ERR_NOMEM;
		diag_add_path(diags, DIAG_WARNING, path, errno == ELOOP
			      ? "a symbolic link; not followed" : "cannot open: %s", strerror(errno));
		return 1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		diag_add_path(diags, DIAG_WARNING, path, "not a regular file; skipped");
		close(fd);
		return 1;
	}
	if ((size_t)st.st_size > max) {
		diag_add_path(diags, DIAG_WARNING, path, "larger than %zu kB; skipped", max >> 10);
		close(fd);
		return 1;
	}
	if (!(buf = arena_alloc(arena, (size_t)st.st_size + 1))) {
		close(fd);
		return ERR_NOMEM;
	}
	while (len < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + len, (size_t)st.st_size - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	*text = sv_make(buf, len);
	return 0;
}
