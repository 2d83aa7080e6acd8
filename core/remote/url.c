/*
 * The URL of a repository named in a package's source (owner/repo on a host),
 * built only from names that cannot lead out of the host's namespace.
 */
#include "remote/remote.h"

#include <stdlib.h>
#include <string.h>

#include "deputy/ascii.h"

static bool
name_is_safe(const char *name)
{
	if (!name || !*name || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return false;
	for (const char *p = name; *p; p++) {
		char c = *p;

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-'))
			return false;
	}
	return true;
}

char *
remote_repo_url(const char *base, const char *owner, const char *repo)
{
	size_t base_len, owner_len, repo_len;
	char *out;

	if (!base || !name_is_safe(owner) || !name_is_safe(repo))
		return NULL;
	base_len = strlen(base);
	if (base_len > 0 && base[base_len - 1] == '/')
		base_len--;
	owner_len = strlen(owner);
	repo_len = strlen(repo);
	out = malloc(base_len + owner_len + repo_len + 3);
	if (!out)
		return NULL;
	memcpy(out, base, base_len);
	out[base_len] = '/';
	memcpy(out + base_len + 1, owner, owner_len);
	out[base_len + 1 + owner_len] = '/';
	memcpy(out + base_len + owner_len + 2, repo, repo_len + 1);
	return out;
}

bool
remote_ref_is_sha(const char *ref)
{
	size_t i;

	if (!ref)
		return false;
	for (i = 0; ref[i]; i++)
		if (i >= 40 || !ascii_xdigit(ref[i]))
			return false;
	return i == 40;
}
