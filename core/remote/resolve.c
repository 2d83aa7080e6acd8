/*
 * What a ref of a remote repository points at, from the remote's ref
 * advertisement (git ls-remote) through an anonymous, detached remote: no
 * repository, no configuration, nothing fetched.
 */
#include "remote/remote.h"

#include <stdio.h>
#include <string.h>

#include <git2.h>

#include "deputy/ascii.h"
#include "deputy/diag.h"
#include "repo/git_setup.h"

/* The id advertised for @name, or NULL. */
static const git_oid *
find_head(const git_remote_head **heads, size_t n, const char *prefix, const char *name,
	  const char *suffix)
{
	size_t prefix_len = strlen(prefix), name_len = strlen(name), suffix_len = strlen(suffix);

	for (size_t i = 0; i < n; i++) {
		const char *h = heads[i]->name;

		if (strlen(h) == prefix_len + name_len + suffix_len &&
		    memcmp(h, prefix, prefix_len) == 0 &&
		    memcmp(h + prefix_len, name, name_len) == 0 &&
		    memcmp(h + prefix_len + name_len, suffix, suffix_len) == 0)
			return &heads[i]->oid;
	}
	return NULL;
}

/*
 * @ref among the advertised heads, as gitrevisions(7) orders the places a
 * short name may live; an annotated tag's peeled entry ("^{}") wins over the
 * tag object itself, so the result is the commit.
 */
static const git_oid *
lookup(const git_remote_head **heads, size_t n, const char *ref)
{
	static const char *const prefixes[] = { "", "refs/", "refs/tags/", "refs/heads/" };
	const git_oid *id;

	if (!ref || strcmp(ref, "HEAD") == 0)
		return find_head(heads, n, "", "HEAD", "");
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		/* A bare name matches only a full ref name ("refs/..."), never "HEAD". */
		if (i == 0 && strncmp(ref, "refs/", 5) != 0)
			continue;
		if ((id = find_head(heads, n, prefixes[i], ref, "^{}")) ||
		    (id = find_head(heads, n, prefixes[i], ref, "")))
			return id;
	}
	return NULL;
}

static int
list_and_find(char out_sha[41], git_remote *remote, const char *url, const char *ref,
	      char *err, size_t err_size)
{
	git_remote_callbacks callbacks = GIT_REMOTE_CALLBACKS_INIT;
	const git_remote_head **heads;
	const git_oid *id;
	size_t n;

	if (git_remote_connect(remote, GIT_DIRECTION_FETCH, &callbacks, NULL, NULL) < 0 ||
	    git_remote_ls(&heads, &n, remote) < 0) {
		if (err && err_size)
			snprintf(err, err_size, "cannot list the refs of %s: %s", url,
				 git_setup_message());
		return ERR_GIT;
	}
	id = lookup(heads, n, ref);
	if (!id) {
		if (err && err_size)
			snprintf(err, err_size, "%s has no ref '%s'", url, ref ? ref : "HEAD");
		return ERR_NOTFOUND;
	}
	git_oid_tostr(out_sha, 41, id);
	return 0;
}

int
remote_resolve(char out_sha[41], const char *url, const char *ref, char *err, size_t err_size)
{
	git_remote *remote = NULL;
	int rc;

	if (!url) {
		if (err && err_size)
			snprintf(err, err_size, "no repository url");
		return ERR_USAGE;
	}
	if (remote_ref_is_sha(ref)) {
		for (int i = 0; i < 40; i++)
			out_sha[i] = ascii_lower(ref[i]);
		out_sha[40] = '\0';
		return 0;
	}
	if (git_libgit2_init() < 0) {
		if (err && err_size)
			snprintf(err, err_size, "cannot start libgit2 for %s", url);
		return ERR_GIT;
	}
	rc = git_setup_isolated(false);
	if (rc == 0 && git_remote_create_detached(&remote, url) < 0)
		rc = ERR_GIT;
	if (rc < 0 && err && err_size)
		snprintf(err, err_size, "cannot use %s: %s", url, git_setup_message());
	if (rc == 0)
		rc = list_and_find(out_sha, remote, url, ref, err, err_size);
	if (remote)
		git_remote_disconnect(remote);
	git_remote_free(remote);
	git_libgit2_shutdown();
	return rc;
}
