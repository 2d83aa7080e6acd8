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

/* ".", "..", and hidden entries are never packages. */
static bool
is_package_folder_name(const char *name)
{
	return name[0] != '.';
}

/* One entry @name of the library open as @lib_fd. */
static int
read_package(struct pkg_records *out, struct arena *arena, struct diags *diags, int lib_fd,
	     const char *lib_dir, const char *name)
{
	struct source src = { 0 };
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
	char **names;
	size_t n;
	int fd, rc;

	fd = open(lib_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		diag_add_path(diags, DIAG_ERROR, lib_dir, "not an R library folder: %s",
			      strerror(errno));
		return ERR_NOTFOUND;
	}
	rc = dir_names(&names, &n, fd, is_package_folder_name);
	if (rc == ERR_NOTFOUND)
		rc = ERR_NOMEM;         /* open, but not listable: fdopendir ran out of memory */
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = read_package(out, arena, diags, fd, lib_dir, names[i]);
	dir_names_free(names, n);
	close(fd);
	return rc;
}
