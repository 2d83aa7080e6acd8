/*
 * How pip 23.2 reads a requirement that is a URL, a path or a wheel
 * (req/constructors.py, models/link.py, vcs/versioncontrol.py), shared by
 * requirement files, setup.py, manifests and install commands so that all
 * of them classify the same text the same way.
 */
#ifndef DEPUTY_DETECT_PIPREQ_H
#define DEPUTY_DETECT_PIPREQ_H

#include <stdbool.h>

#include "deputy/arena.h"
#include "deputy/dep.h"
#include "deputy/sv.h"

/* get_url_scheme(): the text before the first ':'; SV_NULL when there is none. */
struct sv pipreq_url_scheme(struct sv s);
/* @scheme is one of vcs.all_schemes ("git+https", "hg+ssh", ...), any case. */
bool pipreq_is_vcs_scheme(struct sv scheme);
/* is_url(): http, https, file, ftp or a VCS scheme. */
bool pipreq_is_url(struct sv s);
/* PyPI's own simple index (pypi.org or pypi.python.org, any trailing '/'):
 * the default, which lock files record but which is no index of its own. */
bool pipreq_is_public_index(const char *url);
/* urlsplit()'s path: after the scheme and netloc, before '?' or '#'. */
struct sv pipreq_url_path(struct sv url);
/* ECO_VCS for a "vcs+scheme:" URL, ECO_LOCAL for file:, else ECO_URL (Link.is_vcs, is_file). */
enum ecosystem pipreq_url_ecosystem(struct sv url);
/* get_url_rev_and_auth(): the text after the last '@' of the path; SV_NULL for none. */
struct sv pipreq_vcs_ref(struct sv url);
/* Link.egg_fragment, [#&]egg=([^&]*); SV_NULL for none. */
struct sv pipreq_egg_fragment(struct sv url);
/* _looks_like_path() on POSIX: a '/' in it, or a leading '.'. */
bool pipreq_looks_like_path(struct sv s);
/* is_archive_file(): the last path component ends in .zip, .whl, .tar.gz... */
bool pipreq_is_archive(struct sv path);
/*
 * _strip_extras(), ^(.+)(\[[^\]]+\])$: @s without a trailing "[a,b]";
 * *@extras (when not NULL) is the bracket with its brackets, or SV_NULL.
 */
struct sv pipreq_strip_extras(struct sv s, struct sv *extras);
/*
 * The name of a wheel file name as pip's Wheel() reads it, with *@version
 * (pip then asks for "name==version"); SV_NULL when it is malformed.
 */
struct sv pipreq_wheel_name(struct sv path, struct sv *version);
/*
 * parse_editable()'s "git:..." → "git+git:..." for a bare git, hg, svn or
 * bzr scheme; else a copy of @value. In @arena; NULL when out of memory.
 */
char *pipreq_editable_url(struct arena *arena, struct sv value);
/*
 * Sets @dep's url (copied into @arena), its ecosystem by the scheme and, for
 * a VCS URL, vcs_ref from its "@ref". 0 or ERR_NOMEM.
 */
int pipreq_set_url(struct dep *dep, struct arena *arena, struct sv url);

#endif
