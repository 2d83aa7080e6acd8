/*
 * What the R rules need to know about a declaration fetched from a hosting
 * site or a git URL: its owner, its repository and the package it installs;
 * and the host of a URL.
 */
#include "rules/checks.h"

#include <string.h>
#include <strings.h>

#include "deputy/ascii.h"
#include "deputy/diag.h"

bool
rules_is_hosted(const struct dep *dep)
{
	return dep->ecosystem == ECO_GITHUB || dep->ecosystem == ECO_GITLAB ||
	       dep->ecosystem == ECO_BITBUCKET;
}

size_t
rules_hex_length(const char *ref)
{
	size_t n = 0;

	while (ref && ascii_xdigit(ref[n]))
		n++;
	return ref && ref[n] == '\0' ? n : 0;
}

bool
rules_is_commit_sha(const char *ref)
{
	size_t n = rules_hex_length(ref);

	return n == 40 || n == 64;
}

/* The next '/'-separated part of [*s, end), advancing *s past it. */
static struct sv
next_part(const char **s, const char *end)
{
	const char *start = *s;
	const char *slash = memchr(start, '/', (size_t)(end - start));
	const char *stop = slash ? slash : end;

	*s = slash ? slash + 1 : end;
	return sv_make(start, (size_t)(stop - start));
}

/* "owner/repo[/subdir][@ref|#pr]", after an optional "type::" and "pkg=". */
static bool
split_remote(struct r_repo *out, const char *name)
{
	const char *s = name, *p, *end;

	if ((p = strstr(s, "::")))
		s = p + 2;
	if ((p = strchr(s, '=')) && !memchr(s, '/', (size_t)(p - s)))
		s = p + 1;
	end = s + strcspn(s, "@#");
	out->owner = next_part(&s, end);
	out->repo = next_part(&s, end);
	return out->owner.len > 0 && out->repo.len > 0;
}

/* A git URL: the last two parts of its path, without ".git". */
static bool
split_url(struct r_repo *out, const char *url)
{
	const char *s = strstr(url, "://");
	const char *end;
	struct sv parts[2] = { { NULL, 0 }, { NULL, 0 } };

	if (s) {
		s += 3;
		s += strcspn(s, "/");       /* the host */
	} else if ((s = strchr(url, ':'))) {
		s++;                        /* git@host:owner/repo */
	} else {
		return false;
	}
	end = s + strcspn(s, "?#");
	while (end > s && end[-1] == '/')
		end--;
	while (s < end) {
		if (*s == '/') {
			s++;
			continue;
		}
		parts[0] = parts[1];
		parts[1] = next_part(&s, end);
	}
	if (parts[1].len > 4 && strncasecmp(parts[1].ptr + parts[1].len - 4, ".git", 4) == 0)
		parts[1].len -= 4;
	out->owner = parts[0];
	out->repo = parts[1];
	return out->repo.len > 0;
}

bool
rules_r_repo(struct r_repo *out, const struct dep *dep)
{
	memset(out, 0, sizeof(*out));
	if (rules_is_hosted(dep))
		return dep->name && split_remote(out, dep->name);
	if (dep->ecosystem == ECO_VCS) {
		const char *url = dep->url ? dep->url : dep->name;
		return url && split_url(out, url);
	}
	return false;
}

const char *
rules_r_package(struct rule_ctx *ctx, const struct dep *dep)
{
	struct r_repo repo;
	char *name;

	if (dep->package && dep->package[0])
		return dep->package;
	if (!rules_r_repo(&repo, dep))
		return NULL;
	name = arena_strndup(ctx->arena, repo.repo);
	if (!name)
		ctx->error = ERR_NOMEM;
	return name;
}

void
rules_url_host(char *out, size_t cap, const char *url)
{
	const char *s = strstr(url, "://");
	size_t n = 0, len;
	const char *at;

	out[0] = '\0';
	if (!s || cap == 0)
		return;
	s += 3;
	len = strcspn(s, "/?#");
	at = memchr(s, '@', len);
	if (at) {               /* user:password@ */
		len -= (size_t)(at + 1 - s);
		s = at + 1;
	}
	for (size_t i = 0; i < len && s[i] != ':' && n + 1 < cap; i++) {
		char c = s[i];
		out[n++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	out[n] = '\0';
}

bool
rules_host_is(const char *host, const char *domain)
{
	size_t h = strlen(host), d = strlen(domain);

	if (h == d)
		return strcmp(host, domain) == 0;
	return h > d && host[h - d - 1] == '.' && strcmp(host + h - d, domain) == 0;
}

bool
rules_url_is_pypi(const char *url)
{
	char host[64];

	if (!url || strncasecmp(url, "https://", 8) != 0)
		return false;
	rules_url_host(host, sizeof(host), url);
	return strcmp(host, "pypi.org") == 0 || strcmp(host, "pypi.python.org") == 0 ||
	       strcmp(host, "files.pythonhosted.org") == 0;
}
