/*
 * Trimming the cache: the least recently modified regular files go first
 * until the rest fit under a cap. Folders are walked and files removed through
 * descriptors opened with O_NOFOLLOW, so no symbolic link leads out of it.
 */
#include "fetch/fetch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "deputy/array.h"
#include "deputy/diag.h"

#define TRIM_DEPTH_MAX 64
#define DIR_FLAGS (O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)

/* A regular file under the cache folder. */
struct trim_file {
	char *rel;              /* "a/b/c", relative to the cache folder; heap */
	uint64_t size;
	struct timespec mtime;
	dev_t dev;
	ino_t ino;
};

struct trim_list {
	struct trim_file *items;    /* heap */
	size_t len, cap;
	uint64_t total;
};

/* "@prefix/@name", or @name alone when @prefix is NULL; heap. */
static char *
join(const char *prefix, const char *name)
{
	size_t a = prefix ? strlen(prefix) + 1 : 0, b = strlen(name);
	char *p = malloc(a + b + 1);

	if (!p)
		return NULL;
	if (prefix) {
		memcpy(p, prefix, a - 1);
		p[a - 1] = '/';
	}
	memcpy(p + a, name, b + 1);
	return p;
}

static int
list_add(struct trim_list *list, char *rel, const struct stat *st)
{
	if (array_reserve(&list->items, &list->cap, list->len, sizeof(*list->items)) < 0)
		return ERR_NOMEM;
	list->items[list->len++] = (struct trim_file){
		.rel = rel,
		.size = (uint64_t)st->st_size,
		.mtime = st->st_mtim,
		.dev = st->st_dev,
		.ino = st->st_ino,
	};
	list->total += (uint64_t)st->st_size;
	return 0;
}

/* Lists the regular files under the open folder @fd (taken over and closed). */
static int
list_folder(struct trim_list *list, int fd, const char *prefix, int depth)
{
	DIR *d = fdopendir(fd);
	struct dirent *ent;
	int ret = 0;

	if (!d) {
		close(fd);
		return errno == ENOMEM ? ERR_NOMEM : ERR_IO;
	}
	errno = 0;
	while (ret == 0 && (ent = readdir(d))) {
		const char *name = ent->d_name;
		struct stat st;
		char *rel;

		if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
			continue;
		if (fstatat(dirfd(d), name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
			if (errno != ENOENT)        /* gone meanwhile: nothing to trim */
				ret = ERR_IO;
			errno = 0;
			continue;
		}
		if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
			continue;           /* links, sockets...: 0 bytes, left alone */
		rel = join(prefix, name);
		if (!rel) {
			ret = ERR_NOMEM;
			break;
		}
		if (S_ISREG(st.st_mode)) {
			ret = list_add(list, rel, &st);
			if (ret < 0)
				free(rel);
		} else if (depth >= TRIM_DEPTH_MAX) {
			free(rel);
			ret = ERR_IO;
		} else {
			int sub = openat(dirfd(d), name, DIR_FLAGS);

			if (sub >= 0)
				ret = list_folder(list, sub, rel, depth + 1);
			else if (errno != ENOENT)
				ret = ERR_IO;
			free(rel);
		}
		errno = 0;
	}
	if (ret == 0 && errno != 0)
		ret = ERR_IO;
	closedir(d);
	return ret;
}

static int
by_mtime(const void *a, const void *b)
{
	const struct trim_file *x = a, *y = b;

	if (x->mtime.tv_sec != y->mtime.tv_sec)
		return x->mtime.tv_sec < y->mtime.tv_sec ? -1 : 1;
	if (x->mtime.tv_nsec != y->mtime.tv_nsec)
		return x->mtime.tv_nsec < y->mtime.tv_nsec ? -1 : 1;
	return strcmp(x->rel, y->rel);
}

/* Whether @keep names @rel ("a/b"): empty and "." parts of @keep are skipped. */
static bool
same_path(const char *keep, const char *rel)
{
	for (;;) {
		while (*keep == '/' || (keep[0] == '.' && (keep[1] == '/' || keep[1] == '\0')))
			keep++;
		if (*keep == '\0' || *rel == '\0')
			return *keep == '\0' && *rel == '\0';
		size_t a = strcspn(keep, "/"), b = strcspn(rel, "/");
		if (a != b || memcmp(keep, rel, a) != 0)
			return false;
		keep += a;
		rel += b;
		if (*rel == '/')
			rel++;
	}
}

static bool
is_kept(const char *const *keep, const char *rel)
{
	for (size_t i = 0; keep && keep[i]; i++)
		if (same_path(keep[i], rel))
			return true;
	return false;
}

/*
 * Removes @f under the folder @root, reopening each folder on the way with
 * O_NOFOLLOW. 0 when removed, 1 when it is gone or no longer the same file.
 */
static int
remove_file(int root, const struct trim_file *f)
{
	char *path = strdup(f->rel);
	char *part, *slash;
	struct stat st;
	int fd, ret = 0;

	if (!path)
		return ERR_NOMEM;
	fd = dup(root);
	for (part = path; fd >= 0 && (slash = strchr(part, '/')); part = slash + 1) {
		*slash = '\0';
		int sub = openat(fd, part, DIR_FLAGS);
		close(fd);
		fd = sub;
	}
	if (fd < 0)
		ret = errno == ENOENT || errno == ELOOP || errno == ENOTDIR ? 1 : ERR_IO;
	else if (fstatat(fd, part, &st, AT_SYMLINK_NOFOLLOW) != 0)
		ret = errno == ENOENT ? 1 : ERR_IO;
	else if (!S_ISREG(st.st_mode) || st.st_dev != f->dev || st.st_ino != f->ino)
		ret = 1;
	else if (unlinkat(fd, part, 0) != 0)
		ret = errno == ENOENT ? 1 : ERR_IO;
	if (fd >= 0)
		close(fd);
	free(path);
	return ret;
}

int
fetch_trim_cache(const char *dir, uint64_t max_bytes, const char *const *keep, uint64_t *freed)
{
	struct trim_list list = { 0 };
	uint64_t removed = 0;
	int root, ret, r;

	if (freed)
		*freed = 0;
	if (!dir)
		return ERR_USAGE;
	root = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (root < 0)
		return errno == ENOENT ? ERR_NOTFOUND : ERR_IO;
	ret = list_folder(&list, dup(root), NULL, 0);
	if (ret == 0 && list.len > 1)
		qsort(list.items, list.len, sizeof(*list.items), by_mtime);
	for (size_t i = 0; ret == 0 && i < list.len && list.total > max_bytes; i++) {
		const struct trim_file *f = &list.items[i];

		if (is_kept(keep, f->rel))
			continue;
		r = remove_file(root, f);
		if (r < 0) {
			ret = r;
			break;
		}
		list.total -= f->size;  /* also when it went by itself */
		if (r == 0)
			removed += f->size;
	}
	for (size_t i = 0; i < list.len; i++)
		free(list.items[i].rel);
	free(list.items);
	close(root);
	if (freed)
		*freed = removed;
	return ret;
}
