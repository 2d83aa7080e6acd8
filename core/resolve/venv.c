/*
 * An installed Python environment read as files: each *.dist-info/METADATA
 * gives a package's Name, Version and Requires-Dist, markers evaluated for
 * the environment's Python on Linux. Nothing is run; no symlink is followed.
 *
 *   metadata = header* [blank-line body]        (RFC 822 style, core metadata 2.x)
 *   header   = field-name ":" value newline (continuation)*
 *   continuation = (" " | "\t") text newline
 */
#include "resolve/read_at.h"
#include "resolve/source.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lex/pep508.h"
#include "resolve/marker.h"
#include "resolve/requires_dist.h"

#include "deputy/array.h"

#define VENV_MAX_FILE (1024 * 1024)    /* larger METADATA and pyvenv.cfg are skipped */
#define VENV_MAX_ENTRIES 100000        /* folder entries looked at in one site-packages */

struct venv_reader {
	struct pkg_records *out;
	struct arena *arena;
	struct diags *diags;
	const char *env_dir;
	char python_version[32];        /* "3.8"; "" when unknown */
	char python_full_version[64];   /* "3.8.10" */
};

/* "3.8.10" → python_version "3.8", python_full_version "3.8.10". */
static void
set_python(struct venv_reader *r, struct sv full)
{
	size_t dots = 0, cut = full.len;

	full = sv_trim(full);
	if (!full.len || full.len >= sizeof(r->python_full_version))
		return;
	cut = full.len;
	for (size_t i = 0; i < full.len; i++)
		if (full.ptr[i] == '.' && ++dots == 2) {
			cut = i;
			break;
		}
	if (cut >= sizeof(r->python_version))
		return;
	memcpy(r->python_full_version, full.ptr, full.len);
	r->python_full_version[full.len] = '\0';
	memcpy(r->python_version, full.ptr, cut);
	r->python_version[cut] = '\0';
}

/* pyvenv.cfg: "key = value" lines; "version" (venv) or "version_info" (virtualenv). */
static int
read_pyvenv_cfg(struct venv_reader *r, int root_fd)
{
	char *path = arena_printf(r->arena, "%s/pyvenv.cfg", r->env_dir);
	struct sv rest;

	if (!path)
		return ERR_NOMEM;
	int rc = read_at(&rest, r->arena, r->diags, root_fd, "pyvenv.cfg", path, VENV_MAX_FILE);
	if (rc)
		return rc == ERR_NOMEM ? rc : 0;
	while (rest.len) {
		size_t nl = sv_find_char(rest, '\n');
		struct sv line = sv_slice(rest, 0, nl == SV_NPOS ? rest.len : nl);
		rest = sv_tail(rest, nl == SV_NPOS ? rest.len : nl + 1);
		size_t eq = sv_find_char(line, '=');
		if (eq == SV_NPOS)
			continue;
		struct sv key = sv_trim(sv_slice(line, 0, eq));
		if (sv_eq_cstr(key, "version") || sv_eq_cstr(key, "version_info")) {
			set_python(r, sv_tail(line, eq + 1));
			break;
		}
	}
	return 0;
}

/* One header with its continuation lines; @value keeps the folding newlines out. */
struct header {
	struct sv name;
	struct span at;
	char *value;            /* heap, unfolded */
	size_t value_len;
};

/* The header starting at @pos of @text; false at a blank line, the end or a non-header. */
static bool
next_header(struct sv text, size_t *pos, struct header *h, bool *bad)
{
	*bad = false;
	if (*pos >= text.len)
		return false;
	size_t nl = sv_find_char(sv_tail(text, *pos), '\n');
	struct sv line = sv_slice(text, *pos, nl == SV_NPOS ? text.len - *pos : nl);
	if (line.len && line.ptr[line.len - 1] == '\r')
		line.len--;
	if (!line.len)
		return false;
	size_t colon = sv_find_char(line, ':');
	if (colon == SV_NPOS || colon == 0 || line.ptr[0] == ' ' || line.ptr[0] == '\t') {
		*bad = true;
		return false;
	}
	h->name = sv_trim(sv_slice(line, 0, colon));
	h->at = (struct span){ *pos, *pos + line.len };
	struct sv first = sv_trim(sv_tail(line, colon + 1));
	size_t total = first.len, end = nl == SV_NPOS ? text.len : *pos + nl + 1;
	/* measure the continuation lines, then copy them unfolded */
	size_t scan = end;
	while (scan < text.len && (text.ptr[scan] == ' ' || text.ptr[scan] == '\t')) {
		size_t n2 = sv_find_char(sv_tail(text, scan), '\n');
		size_t stop = n2 == SV_NPOS ? text.len : scan + n2 + 1;
		total += 1 + (stop - scan);
		scan = stop;
	}
	h->value = malloc(total + 1);
	h->value_len = 0;
	if (h->value) {
		memcpy(h->value, first.ptr, first.len);
		h->value_len = first.len;
		for (size_t s = end; s < scan;) {
			size_t n2 = sv_find_char(sv_tail(text, s), '\n');
			size_t stop = n2 == SV_NPOS ? text.len : s + n2 + 1;
			struct sv cont = sv_trim(sv_slice(text, s, stop - s));
			h->value[h->value_len++] = ' ';
			memcpy(h->value + h->value_len, cont.ptr, cont.len);
			h->value_len += cont.len;
			s = stop;
		}
		h->value[h->value_len] = '\0';
	}
	*pos = scan;
	return true;
}

static int
read_metadata(struct venv_reader *r, const struct marker_env *env, const char *path,
	      struct sv text)
{
	struct source src = { path, text };
	struct sv name = SV_NULL, version = SV_NULL;
	struct requires_list reqs = { 0 };
	size_t pos = 0;
	char *name_buf = NULL, *version_buf = NULL;
	struct header h;
	bool bad;
	int rc = 0;

	while (!rc && next_header(text, &pos, &h, &bad)) {
		if (!h.value) {
			rc = ERR_NOMEM;
			break;
		}
		struct sv value = sv_make(h.value, h.value_len);
		if (sv_eq_nocase(h.name, SV_LIT("Name")) && !name_buf) {
			name_buf = arena_strndup(r->arena, sv_trim(value));
			rc = name_buf ? 0 : ERR_NOMEM;
			name = sv_from_cstr(name_buf);
		} else if (sv_eq_nocase(h.name, SV_LIT("Version")) && !version_buf) {
			version_buf = arena_strndup(r->arena, sv_trim(value));
			rc = version_buf ? 0 : ERR_NOMEM;
			version = sv_from_cstr(version_buf);
		} else if (sv_eq_nocase(h.name, SV_LIT("Requires-Dist"))) {
			rc = requires_dist_add(&reqs, r->arena, r->diags, &src, h.at, env, value);
		}
		free(h.value);
	}
	if (rc)
		return rc;
	if (bad)
		diag_add(r->diags, DIAG_WARNING, &src, (struct span){ pos, pos },
			 "expected a 'field: value' header; the rest is read as the body");
	if (!name.len || !pep508_is_name(name)) {
		diag_add_path(r->diags, DIAG_WARNING, path, name.len ?
			      "metadata name is not a valid project name; skipped" :
			      "metadata has no name; skipped");
		return 0;
	}
	struct pkg_record rec = {
		.ecosystem = ECO_PYPI,
		.name = name_buf,
		.version = version.len ? version_buf : NULL,
		.requires = reqs.n ? reqs.items : NULL,
		.n_requires = reqs.n,
		.file = path,
		.line = 1,
		.source = "installed environment",
	};
	return pkg_records_add(r->out, &rec);
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool
is_dir_at(int dir_fd, const char *name, bool *is_link)
{
	struct stat st;

	if (fstatat(dir_fd, name, &st, AT_SYMLINK_NOFOLLOW))
		return false;
	*is_link = S_ISLNK(st.st_mode);
	return S_ISDIR(st.st_mode);
}

/* The *.dist-info folder names in @dir_fd, sorted; heap array of heap strings. */
static int
list_dist_infos(struct venv_reader *r, int dir_fd, const char *dir_path, char ***out, size_t *n)
{
	int fd = dup(dir_fd);
	DIR *d = fd < 0 ? NULL : fdopendir(fd);
	size_t cap = 0, seen = 0;
	struct dirent *e;
	int rc = 0;

	*out = NULL;
	*n = 0;
	if (!d) {
		if (fd >= 0)
			close(fd);
		return 0;
	}
	rewinddir(d);
	while (!rc && (e = readdir(d))) {
		if (++seen > VENV_MAX_ENTRIES) {
			diag_add_path(r->diags, DIAG_WARNING, dir_path,
				      "more than %d entries; the rest ignored", VENV_MAX_ENTRIES);
			break;
		}
		struct sv nm = sv_from_cstr(e->d_name);
		if (!sv_ends_with(nm, SV_LIT(".dist-info")))
			continue;
		if ((rc = array_reserve(out, &cap, *n, sizeof(**out))))
			break;
		if (!((*out)[*n] = strdup(e->d_name)))
			rc = ERR_NOMEM;
		else
			(*n)++;
	}
	closedir(d);
	if (*n)
		qsort(*out, *n, sizeof(**out), compare_names);
	return rc;
}

/* Every dist-info in the site folder @site_fd, whose path is @site_path. */
static int
read_site(struct venv_reader *r, int site_fd, const char *site_path)
{
	struct marker_env env;
	char **names;
	size_t n;
	int rc = list_dist_infos(r, site_fd, site_path, &names, &n);

	marker_env_init_linux(&env, r->python_version[0] ? r->python_version : NULL,
			      r->python_full_version[0] ? r->python_full_version : NULL);
	for (size_t i = 0; i < n; i++) {
		bool link = false;
		char *path = rc ? NULL : arena_printf(r->arena, "%s/%s/METADATA", site_path, names[i]);
		if (!rc && !path)
			rc = ERR_NOMEM;
		if (!rc && !is_dir_at(site_fd, names[i], &link)) {
			if (link)
				diag_add_path(r->diags, DIAG_NOTE, path,
					      "dist-info is a symbolic link; not followed");
		} else if (!rc) {
			int dfd = openat(site_fd, names[i],
					 O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			struct sv text = { 0 };
			int frc = ERR_NOTFOUND;
			if (dfd >= 0) {
				frc = read_at(&text, r->arena, r->diags, dfd, "METADATA", path,
					      VENV_MAX_FILE);
				close(dfd);
				if (frc == ERR_NOMEM)
					rc = frc;
				else if (frc == ERR_NOTFOUND)
					diag_add_path(r->diags, DIAG_NOTE, path, "no metadata file");
			}
			if (!rc && frc == 0)
				rc = read_metadata(r, &env, path, text);
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

/* "python3.N": a lib folder's Python. */
static bool
is_python_folder(const char *s)
{
	return strncmp(s, "python3.", 8) == 0 && s[8] && strspn(s + 8, "0123456789") == strlen(s + 8);
}

/* lib/pythonX.Y/site-packages and lib64/...; the folder name gives the version when pyvenv.cfg did not. */
static int
read_lib(struct venv_reader *r, int root_fd, const char *lib)
{
	int lib_fd = openat(root_fd, lib, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	char **names = NULL;
	size_t n = 0;
	int rc = 0;

	if (lib_fd < 0)
		return 0;
	if (dir_names(&names, &n, lib_fd, is_python_folder) == ERR_NOMEM)
		rc = ERR_NOMEM;
	for (size_t i = 0; i < n; i++) {
		int py_fd = rc ? -1 : openat(lib_fd, names[i], O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		int site_fd = py_fd < 0 ? -1 :
			openat(py_fd, "site-packages", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (site_fd >= 0) {
			struct venv_reader sub = *r;
			if (!sub.python_version[0])
				set_python(&sub, sv_from_cstr(names[i] + 6));
			char *site_path = arena_printf(r->arena, "%s/%s/%s/site-packages",
						       r->env_dir, lib, names[i]);
			rc = site_path ? read_site(&sub, site_fd, site_path) : ERR_NOMEM;
			close(site_fd);
		}
		if (py_fd >= 0)
			close(py_fd);
	}
	dir_names_free(names, n);
	close(lib_fd);
	return rc;
}

/* ".../pythonX.Y/site-packages" given directly: the version from the path. */
static void
version_from_path(struct venv_reader *r)
{
	struct sv p = sv_from_cstr(r->env_dir);

	while (p.len > 1 && p.ptr[p.len - 1] == '/')
		p.len--;
	if (!sv_ends_with(p, SV_LIT("/site-packages")))
		return;
	p.len -= strlen("/site-packages");
	size_t slash = p.len;
	while (slash && p.ptr[slash - 1] != '/')
		slash--;
	struct sv base = sv_tail(p, slash);
	if (sv_starts_with(base, SV_LIT("python3.")) && base.len > 8)
		set_python(r, sv_tail(base, 6));
}

int
venv_read(struct pkg_records *out, struct arena *arena, struct diags *diags, const char *env_dir)
{
	struct venv_reader r = { .out = out, .arena = arena, .diags = diags, .env_dir = env_dir };
	int root_fd = open(env_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int rc;

	if (root_fd < 0)
		return errno == ENOMEM ? ERR_NOMEM : ERR_NOTFOUND;
	rc = read_pyvenv_cfg(&r, root_fd);
	if (!rc) {
		char **names;
		size_t n;
		rc = list_dist_infos(&r, root_fd, env_dir, &names, &n);
		for (size_t i = 0; i < n; i++)
			free(names[i]);
		free(names);
		if (!rc && n) {
			if (!r.python_version[0])
				version_from_path(&r);
			rc = read_site(&r, root_fd, env_dir);
		}
	}
	if (!rc)
		rc = read_lib(&r, root_fd, "lib");
	if (!rc)
		rc = read_lib(&r, root_fd, "lib64");
	close(root_fd);
	return rc;
}
