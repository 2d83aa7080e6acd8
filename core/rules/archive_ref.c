/*
 * The ref in a source-archive URL that a forge builds from a repository on
 * request: what is downloaded is whatever that branch or tag holds at the
 * time, as with a git URL.
 *
 *   https://github.com/OWNER/REPO/archive/[refs/heads/|refs/tags/]REF.zip|.tar.gz
 *   https://codeload.github.com/OWNER/REPO/zip|tar.gz|legacy.zip|legacy.tar.gz/[refs/...]REF
 *   https://gitlab.com/GROUP[/SUBGROUP...]/REPO/-/archive/REF/FILE
 *
 * A query or a fragment (#egg=name, #sha256=...) is not part of the path.
 */
#include "rules/checks.h"

#include <string.h>
#include <strings.h>

#include "deputy/ascii.h"

/* The path of @url: from the '/' after the host to a '?' or '#'. */
static struct sv
url_path(const char *url)
{
	const char *s = strstr(url, "://");

	if (!s)
		return SV_NULL;
	s += 3;
	s += strcspn(s, "/?#");
	return sv_make(s, strcspn(s, "?#"));
}

/* Skips @n '/'-separated parts of @path (each non-empty); false when it is shorter. */
static bool
skip_parts(struct sv *path, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (path->len < 2 || path->ptr[0] != '/' || path->ptr[1] == '/')
			return false;
		size_t k = 1;
		while (k < path->len && path->ptr[k] != '/')
			k++;
		*path = sv_tail(*path, k);
	}
	return true;
}

static bool
cut_suffix(struct sv *s, const char *suffix)
{
	size_t n = strlen(suffix);

	if (s->len <= n || strncasecmp(s->ptr + s->len - n, suffix, n) != 0)
		return false;
	s->len -= n;
	return true;
}

/* "refs/heads/main" and "refs/tags/v1" name "main" and "v1". */
static struct sv
short_ref(struct sv ref)
{
	if (sv_starts_with(ref, SV_LIT("refs/heads/")))
		return sv_tail(ref, 11);
	if (sv_starts_with(ref, SV_LIT("refs/tags/")))
		return sv_tail(ref, 10);
	return ref;
}

bool
rules_archive_ref(const char *url, struct sv *ref, const char **forge)
{
	char host[64];
	struct sv path = url_path(url);

	*ref = SV_NULL;
	if (!path.ptr)
		return false;
	rules_url_host(host, sizeof(host), url);
	if (strcmp(host, "github.com") == 0 || strcmp(host, "www.github.com") == 0) {
		*forge = "GitHub";
		if (!skip_parts(&path, 2) || !sv_starts_with(path, SV_LIT("/archive/")))
			return false;
		path = sv_tail(path, 9);
		if (!cut_suffix(&path, ".zip") && !cut_suffix(&path, ".tar.gz"))
			return false;
		*ref = short_ref(path);
	} else if (strcmp(host, "codeload.github.com") == 0) {
		static const char *const kinds[] = {
			"/zip/", "/tar.gz/", "/legacy.zip/", "/legacy.tar.gz/",
		};
		*forge = "GitHub";
		if (!skip_parts(&path, 2))
			return false;
		for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]) && !ref->ptr; i++)
			if (sv_starts_with(path, sv_from_cstr(kinds[i])))
				*ref = short_ref(sv_tail(path, strlen(kinds[i])));
	} else if (strcmp(host, "gitlab.com") == 0) {
		size_t at = sv_find(path, SV_LIT("/-/archive/"));
		*forge = "GitLab";
		if (at == SV_NPOS)
			return false;
		path = sv_tail(path, at + 11);
		*ref = sv_make(path.ptr, strcspn(path.ptr, "/?#"));
		if (ref->len > path.len)
			ref->len = path.len;
	}
	return ref->ptr && ref->len > 0;
}

bool
rules_report_archive_ref(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep)
{
	const char *forge = NULL;
	struct sv ref;
	size_t hex = 0;

	if (dep->ecosystem != ECO_URL || !dep->url || dep->n_hashes > 0 ||
	    !rules_archive_ref(dep->url, &ref, &forge))
		return false;
	while (hex < ref.len && ascii_xdigit(ref.ptr[hex]))
		hex++;
	if (hex == ref.len && (hex == 40 || hex == 64))
		return false;   /* a full commit: fixed content */
	rule_report(ctx, rule, dep, NULL,
		    "%s is %s's archive of '%.*s', made from whatever that branch or tag "
		    "holds when it is downloaded", dep_label_or(dep, "the package"), forge,
		    (int)(ref.len > 200 ? 200 : ref.len), ref.ptr);
	return true;
}
