/*
 * Package records from an installed R library: the DESCRIPTION of each
 * package folder directly under the library, read as a file (R's
 * installed.packages() reads the same files). Nothing is followed out of
 * the library through a symbolic link.
 */
#include "resolve/source.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "deputy/array.h"
#include "resolve/read_at.h"

/* An installed DESCRIPTION is a few kB; anything this big is not one. */
#define DESCRIPTION_MAX ((size_t)1 << 20)

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The folder's entry names, sorted so records come in the same order on every run. */
static int
list_folder(char ***out, size_t *n_out, DIR *dir)
{
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;

	while ((e = readdir(dir))) {
		if (e->d_name[0] == '.')
			continue;        /* ".", "..", and hidden entries are never packages */
		if (array_reserve(&names, &cap, n, sizeof(*names)))
			goto nomem;
		if (!(names[n] = strdup(e->d_name)))
			goto nomem;
		n++;
	}
	if (n)
		qsort(names, n, sizeof(*names), compare_names);
	*out = names;
	*n_out = n;
	return 0;
nomem:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return ERR_NOMEM;
}

/* One entry @name of the library open as @lib_fd. */
static int
read_package(struct pkg_records *out, struct arena *arena, struct diags *diags, int lib_fd,
	     const char *lib_dir, const char *name)
{
	struct source src;
	struct stat st;
	size_t first = out->len, n_added = 0;
	int pkg_fd, rc;

	if (!(src.path = arena_printf(arena, "%s/%s/DESCRIPTION", lib_dir, name)))
		return ERR_NOMEM;
	if (fstatat(lib_fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return 0;        /* gone since the listing */
	if (S_ISLNK(st.st_mode)) {
		diag_add_path(diags, DIAG_WARNING, src.path,
			      "package folder is a symbolic link; not followed");
		return 0;
	}
	if (!S_ISDIR(st.st_mode))
		return 0;        /* a stray file in the library */
	pkg_fd = openat(lib_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (pkg_fd < 0)
		return 0;
	rc = read_at(&src.text, arena, diags, pkg_fd, "DESCRIPTION", src.path, DESCRIPTION_MAX);
	close(pkg_fd);
	if (rc)
		return rc == ERR_NOMEM ? rc : 0;
	if ((rc = cran_index_parse(out, arena, diags, &src, "R library", &n_added)))
		return rc;
	if (n_added == 0) {
		diag_add_path(diags, DIAG_WARNING, src.path, "no package record read; skipped");
	} else if (n_added > 1) {
		/* R reads the first record of an installed DESCRIPTION (packageDescription()) */
		diag_add_path(diags, DIAG_WARNING, src.path,
			      "more than one record; only the first is used");
		out->len = first + 1;
	}
	if (n_added && strcmp(out->items[first].name, name) != 0)
		diag_add_path(diags, DIAG_NOTE, src.path,
			      "package %s is installed in a folder named %s",
			      out->items[first].name, name);
	return 0;
}

int
rlib_read(struct pkg_records *out, struct arena *arena, struct diags *diags, const char *lib_dir)
{
	char **names = NULL;
	size_t n = 0;
	DIR *dir;
	int fd, rc;

	fd = open(lib_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		diag_add_path(diags, DIAG_ERROR, lib_dir, "not an R library folder: %s",
			      strerror(errno));
		return ERR_NOTFOUND;
	}
	if (!(dir = fdopendir(fd))) {
		close(fd);
		return ERR_NOMEM;
	}
	rc = list_folder(&names, &n, dir);
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = read_package(out, arena, diags, dirfd(dir), lib_dir, names[i]);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(dir);
	return rc;
}
