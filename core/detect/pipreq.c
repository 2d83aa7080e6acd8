/*
 * pip's reading of direct references: which scheme is a VCS, where a URL's
 * path and "@ref" are, the #egg= name, archives, wheels and trailing extras,
 * following pip 23.2 (req/constructors.py, models/link.py, models/wheel.py).
 */
#include "detect/pipreq.h"

#include <string.h>

#include "deputy/ascii.h"
#include "deputy/diag.h"

/* pip's vcs.all_schemes: what Link.is_vcs and parse_editable() accept. */
static const char *const vcs_schemes[] = {
	"bzr+http", "bzr+https", "bzr+ssh", "bzr+sftp", "bzr+ftp", "bzr+lp", "bzr+file",
	"git+http", "git+https", "git+ssh", "git+git", "git+file", "hg+file", "hg+http",
	"hg+https", "hg+ssh", "hg+static-http", "svn+ssh", "svn+http", "svn+https", "svn+svn",
	"svn+file",
};

/* utils/filetypes.py ARCHIVE_EXTENSIONS, ".tar.*" kept whole as splitext() does. */
static const char *const archive_exts[] = {
	".zip", ".whl", ".tar.bz2", ".tbz", ".tar.xz", ".txz", ".tlz", ".tar.lz", ".tar.lzma",
	".tar.gz", ".tgz", ".tar",
};

struct sv
pipreq_url_scheme(struct sv s)
{
	size_t colon = sv_find_char(s, ':');

	return colon == SV_NPOS ? SV_NULL : sv_slice(s, 0, colon);
}

bool
pipreq_is_vcs_scheme(struct sv scheme)
{
	for (size_t i = 0; i < sizeof(vcs_schemes) / sizeof(vcs_schemes[0]); i++)
		if (sv_eq_nocase(scheme, sv_from_cstr(vcs_schemes[i])))
			return true;
	return false;
}

bool
pipreq_is_url(struct sv s)
{
	struct sv scheme = pipreq_url_scheme(s);

	return scheme.ptr && (sv_eq_nocase(scheme, SV_LIT("http")) ||
			      sv_eq_nocase(scheme, SV_LIT("https")) ||
			      sv_eq_nocase(scheme, SV_LIT("file")) ||
			      sv_eq_nocase(scheme, SV_LIT("ftp")) || pipreq_is_vcs_scheme(scheme));
}

struct sv
pipreq_url_path(struct sv url)
{
	size_t colon = sv_find_char(url, ':');
	struct sv rest = colon == SV_NPOS ? url : sv_tail(url, colon + 1);
	size_t end = 0;

	if (sv_starts_with(rest, SV_LIT("//"))) {
		size_t i = 2;
		while (i < rest.len && !byte_in("/?#", rest.ptr[i]))
			i++;
		rest = sv_tail(rest, i);
	}
	while (end < rest.len && rest.ptr[end] != '?' && rest.ptr[end] != '#')
		end++;
	return sv_slice(rest, 0, end);
}

enum ecosystem
pipreq_url_ecosystem(struct sv url)
{
	struct sv scheme = pipreq_url_scheme(url);

	/* Link.is_vcs looks for "vcs+" in the scheme; the scheme list is checked elsewhere */
	if (scheme.ptr && sv_find_char(scheme, '+') != SV_NPOS)
		return ECO_VCS;
	if (scheme.ptr && sv_eq_nocase(scheme, SV_LIT("file")))
		return ECO_LOCAL;
	return ECO_URL;
}

struct sv
pipreq_vcs_ref(struct sv url)
{
	struct sv path = pipreq_url_path(url);

	/* the last '@': a user@host is in the netloc, which the path leaves out */
	for (size_t i = path.len; i > 0; i--)
		if (path.ptr[i - 1] == '@')
			return sv_tail(path, i);
	return SV_NULL;
}

struct sv
pipreq_egg_fragment(struct sv url)
{
	for (size_t i = 0; i + 5 <= url.len; i++) {
		if ((url.ptr[i] != '#' && url.ptr[i] != '&') || memcmp(url.ptr + i + 1, "egg=", 4))
			continue;
		size_t end = i + 5;
		while (end < url.len && url.ptr[end] != '&')
			end++;
		return sv_slice(url, i + 5, end - i - 5);
	}
	return SV_NULL;
}

bool
pipreq_looks_like_path(struct sv s)
{
	return sv_find_char(s, '/') != SV_NPOS || (s.len && s.ptr[0] == '.');
}

bool
pipreq_is_archive(struct sv path)
{
	size_t slash = path.len;

	while (slash > 0 && path.ptr[slash - 1] != '/')
		slash--;
	struct sv base = sv_tail(path, slash);
	for (size_t i = 0; i < sizeof(archive_exts) / sizeof(archive_exts[0]); i++) {
		struct sv ext = sv_from_cstr(archive_exts[i]);
		if (base.len > ext.len && sv_eq_nocase(sv_tail(base, base.len - ext.len), ext))
			return true;
	}
	return false;
}

struct sv
pipreq_strip_extras(struct sv s, struct sv *extras)
{
	size_t open;

	if (extras)
		*extras = SV_NULL;
	if (s.len < 4 || s.ptr[s.len - 1] != ']')
		return s;
	open = s.len - 1;
	while (open > 0 && s.ptr[open - 1] != '[' && s.ptr[open - 1] != ']')
		open--;
	if (open < 2 || s.ptr[open - 1] != '[' || open == s.len - 1)
		return s;
	if (extras)
		*extras = sv_slice(s, open - 1, s.len - open + 1);
	return sv_slice(s, 0, open - 1);
}

struct sv
pipreq_wheel_name(struct sv path, struct sv *version)
{
	size_t slash = path.len, dashes = 0;

	while (slash > 0 && path.ptr[slash - 1] != '/')
		slash--;
	struct sv base = sv_tail(path, slash);
	/* wheel_file_re: name-version(-build)?-python-abi-platform, no spaces */
	for (size_t i = 0; i < base.len; i++) {
		if (base.ptr[i] == ' ' || base.ptr[i] == '\t')
			return SV_NULL;
		dashes += base.ptr[i] == '-';
	}
	size_t dash = sv_find_char(base, '-');
	if (dashes < 4 || dashes > 5 || dash == 0)
		return SV_NULL;
	struct sv rest = sv_tail(base, dash + 1);
	*version = sv_slice(rest, 0, sv_find_char(rest, '-'));
	return sv_slice(base, 0, dash);
}

char *
pipreq_editable_url(struct arena *arena, struct sv value)
{
	static const char *const bare_vcs[] = { "git", "hg", "svn", "bzr" };
	/* pip tests the whole text, extras included, for "vcs:" */
	struct sv scheme = pipreq_url_scheme(value);

	for (size_t i = 0; i < sizeof(bare_vcs) / sizeof(bare_vcs[0]); i++)
		if (scheme.ptr && sv_eq_nocase(scheme, sv_from_cstr(bare_vcs[i])))
			return arena_printf(arena, "%s+%.*s", bare_vcs[i], (int)value.len, value.ptr);
	return arena_strndup(arena, value);
}

int
pipreq_set_url(struct dep *dep, struct arena *arena, struct sv url)
{
	struct sv ref;

	if (!(dep->url = arena_strndup(arena, url)))
		return ERR_NOMEM;
	dep->ecosystem = pipreq_url_ecosystem(url);
	if (dep->ecosystem != ECO_VCS || !(ref = pipreq_vcs_ref(url)).ptr)
		return 0;
	return (dep->vcs_ref = arena_strndup(arena, ref)) ? 0 : ERR_NOMEM;
}

bool
pipreq_is_public_index(const char *url)
{
	struct sv u = sv_from_cstr(url);

	while (u.len && u.ptr[u.len - 1] == '/')
		u.len--;
	return sv_eq_nocase(u, SV_LIT("https://pypi.org/simple")) ||
	       sv_eq_nocase(u, SV_LIT("https://pypi.python.org/simple"));
}
