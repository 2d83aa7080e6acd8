/*
 * One small file of an installed package: opened with O_NOFOLLOW relative to
 * its folder (so neither the file nor, through the folder's descriptor, its
 * parents can redirect the read), checked with fstat, read whole.
 */
#include "resolve/read_at.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "deputy/array.h"

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

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
dir_names(char ***names, size_t *n, int dir_fd, bool (*keep)(const char *name))
{
	int fd = dup(dir_fd);
	DIR *d = fd < 0 ? NULL : fdopendir(fd);
	size_t cap = 0;
	struct dirent *e;
	int rc = 0;

	*names = NULL;
	*n = 0;
	if (!d) {
		if (fd >= 0)
			close(fd);
		return ERR_NOTFOUND;
	}
	while (!rc && (e = readdir(d))) {
		if (!keep(e->d_name))
			continue;
		if ((rc = array_reserve(names, &cap, *n, sizeof(**names))))
			break;
		if (!((*names)[*n] = strdup(e->d_name)))
			rc = ERR_NOMEM;
		else
			(*n)++;
	}
	closedir(d);
	if (rc) {
		dir_names_free(*names, *n);
		*names = NULL;
		*n = 0;
		return rc;
	}
	if (*n)
		qsort(*names, *n, sizeof(**names), name_cmp);
	return 0;
}

void
dir_names_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}
