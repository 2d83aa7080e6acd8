/*
 * Fixture OSV repositories for the core/sync tests, built with libgit2 in a
 * temporary folder: files written, then committed on branch "trunk".
 */
#ifndef DEPUTY_TESTS_SYNC_FIXTURE_H
#define DEPUTY_TESTS_SYNC_FIXTURE_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

/* "@dir/@rel" in @buf (4096 bytes). */
static inline char *
fixture_path(char *buf, const char *dir, const char *rel)
{
	snprintf(buf, 4096, "%s/%s", dir, rel);
	return buf;
}

/* Writes @text to @dir/@rel, making the folders on the way. 0 or -1. */
static inline int
fixture_write(const char *dir, const char *rel, const char *text)
{
	char path[4096];
	FILE *f;

	fixture_path(path, dir, rel);
	for (char *p = path + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(path, 0755);
			*p = '/';
		}
	f = fopen(path, "w");
	if (!f)
		return -1;
	fputs(text, f);
	return fclose(f) == 0 ? 0 : -1;
}

/* An OSV report with one affected package and two references. */
static inline int
fixture_report(const char *dir, const char *rel, const char *id, const char *eco,
	       const char *name, const char *modified, const char *summary)
{
	char text[4096];

	snprintf(text, sizeof(text),
		 "{\"id\": \"%s\", \"modified\": \"%s\", %s%s%s"
		 "\"affected\": [{\"package\": {\"ecosystem\": \"%s\", \"name\": \"%s\"}}],"
		 "\"references\": [{\"url\": \"https://example.invalid/%s\"},"
		 " {\"url\": \"https://example.invalid/%s/b\"}]}\n",
		 id, modified, summary ? "\"summary\": \"" : "", summary ? summary : "",
		 summary ? "\", " : "", eco, name, id, id);
	return fixture_write(dir, rel, text);
}

/* Commits everything in the work tree of @dir (made on first use) on "trunk". */
static inline int
fixture_commit(const char *dir, const char *message, git_oid *out)
{
	git_repository_init_options init = GIT_REPOSITORY_INIT_OPTIONS_INIT;
	git_repository *repo = NULL;
	git_index *index = NULL;
	git_tree *tree = NULL;
	git_signature *sig = NULL;
	git_commit *parent = NULL;
	git_oid tree_id, parent_id;
	int err;

	init.flags = GIT_REPOSITORY_INIT_MKPATH;
	init.initial_head = "trunk";
	err = git_repository_init_ext(&repo, dir, &init);
	if (!err)
		err = git_repository_index(&index, repo);
	if (!err)
		err = git_index_add_all(index, NULL, 0, NULL, NULL);
	if (!err)
		err = git_index_write(index);
	if (!err)
		err = git_index_write_tree(&tree_id, index);
	if (!err)
		err = git_tree_lookup(&tree, repo, &tree_id);
	if (!err)
		err = git_signature_new(&sig, "Test", "test@example.invalid", 1700000000, 0);
	if (!err && git_reference_name_to_id(&parent_id, repo, "HEAD") == 0)
		err = git_commit_lookup(&parent, repo, &parent_id);
	if (!err)
		err = git_commit_create(out, repo, "HEAD", sig, sig, NULL, message, tree,
					parent ? 1 : 0, (const git_commit **)&parent);
	git_commit_free(parent);
	git_signature_free(sig);
	git_tree_free(tree);
	git_index_free(index);
	git_repository_free(repo);
	return err;
}

static inline int
fixture_rm_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return type == FTW_DP ? rmdir(path) : unlink(path);
}

/* rm -rf @dir */
static inline void
fixture_remove(const char *dir)
{
	nftw(dir, fixture_rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* The whole of @path, NUL-terminated (heap), or NULL. */
static inline char *
fixture_read(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long len;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)len + 1);
	if (buf && fread(buf, 1, (size_t)len, f) != (size_t)len) {
		free(buf);
		buf = NULL;
	}
	if (buf)
		buf[len] = '\0';
	fclose(f);
	return buf;
}

#endif
