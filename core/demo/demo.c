/*
 * `deputy --demo`: a teaching repository built commit by commit with
 * libgit2, so that blame shows who brought each look-alike in. The names are
 * the ten that SK-CSIRT found on PyPI in September 2017, among clean entries;
 * the last commit adds an R analysis with GitHub-sourced packages and remote
 * source() calls, so that a class sees both ecosystems side by side.
 */
#include "deputy/demo.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "deputy/diag.h"

struct demo_file {
	const char *path;
	const char *text;
};

struct demo_commit {
	const char *author;
	const char *email;
	long long when;          /* seconds since the epoch */
	const char *message;
	struct demo_file files[4];
};

static const struct demo_commit history[] = {
	{
		"Alice Martin", "alice@example.org", 1693562400,
		"Start the weather-report project",
		{
			{ "README.md",
			  "# weather-report\n\nFetches forecasts and renders a daily report.\n"
			  "This repository is deputy's teaching demo: it holds the ten look-alike\n"
			  "packages that SK-CSIRT found on PyPI in September 2017, and an R\n"
			  "analysis that installs packages from GitHub and runs scripts from the web.\n" },
			{ "requirements.txt",
			  "# Runtime dependencies\n"
			  "requests==2.31.0\n"
			  "numpy==1.26.4\n"
			  "flask==3.0.0\n"
			  "jinja2>=3.1\n" },
		},
	},
	{
		"Bob Keller", "bob@example.org", 1694080800,
		"Add HTTP retries and packaging helpers",
		{
			{ "requirements.txt",
			  "# Runtime dependencies\n"
			  "requests==2.31.0\n"
			  "numpy==1.26.4\n"
			  "flask==3.0.0\n"
			  "jinja2>=3.1\n"
			  "urlib3==1.26.0          # retries for requests\n"
			  "setup-tools\n" },
		},
	},
	{
		"Carol Nguyen", "carol@example.org", 1694599200,
		"Add development requirements",
		{
			{ "requirements/dev.txt",
			  "-r ../requirements.txt\n"
			  "pytest==8.0.0\n"
			  "acqusition\n"
			  "apidev-coop\n"
			  "django-server\n" },
		},
	},
	{
		"Dave Osei", "dave@example.org", 1695204000,
		"Port the legacy importer",
		{
			{ "requirements/legacy.txt",
			  "# Modules the old importer used\n"
			  "bzip\n"
			  "crypt\n"
			  "pwd\n"
			  "telnet\n"
			  "urllib\n" },
		},
	},
	{
		"Bob Keller", "bob@example.org", 1695808800,
		"Use the team mirror and the latest requests",
		{
			{ "requirements/dev.txt",
			  "--extra-index-url http://pypi.internal.example/simple\n"
			  "--trusted-host pypi.internal.example\n"
			  "-r ../requirements.txt\n"
			  "pytest==8.0.0\n"
			  "acqusition\n"
			  "apidev-coop\n"
			  "django-server\n"
			  "git+https://github.com/psf/requests@main#egg=requests\n" },
		},
	},
	{
		"Erin Walsh", "erin@example.org", 1696413600,
		"Add the R analysis of the forecasts",
		{
			{ "analysis/install.R",
			  "# Packages for the forecast analysis\n"
			  "install.packages(c(\"dplyr\", \"readr\"))\n"
			  "remotes::install_github(\"tidyverse/ggplot2\")\n"
			  "remotes::install_github(\"r-lib/cli@3c4e6a0d5a7f4b5e9f2c1d8e7a6b5c4d3e2f1a0b\")\n"
			  "devtools::install_github(\"forecastr/tsplots\")\n" },
			{ "analysis/forecast.R",
			  "library(dplyr)\n"
			  "library(readr)\n"
			  "source(\"https://raw.githubusercontent.com/forecastr/helpers/main/smooth.R\")\n"
			  "source(\"http://weather-tools.example.org/plots.R\")\n"
			  "forecasts <- read_csv(\"data/forecasts.csv\")\n" },
			{ "forecastr/DESCRIPTION",
			  "Package: forecastr\n"
			  "Title: Forecast Helpers for the Weather Report\n"
			  "Version: 0.3.0\n"
			  "Imports: dplyr, ggplot2, tsplots\n"
			  "Remotes: forecastr/tsplots,\n"
			  "    r-lib/ggplot2@v3.5.0\n" },
		},
	},
};

static int
write_file(const char *root, const char *path, const char *text)
{
	char full[4096];
	size_t len = strlen(text);

	snprintf(full, sizeof(full), "%s/%s", root, path);
	/* Make the parent folders. */
	for (char *p = full + strlen(root) + 1; *p; p++) {
		if (*p == '/') {
			*p = '\0';
			if (mkdir(full, 0755) != 0 && errno != EEXIST)
				return ERR_IO;
			*p = '/';
		}
	}
	int fd = open(full, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0644);
	if (fd < 0)
		return ERR_IO;
	ssize_t n = write(fd, text, len);
	if (close(fd) != 0 || n < 0 || (size_t)n != len)
		return ERR_IO;
	return 0;
}

static int
commit_one(git_repository *repo, const char *root, const struct demo_commit *c)
{
	git_index *index = NULL;
	git_signature *sig = NULL;
	git_tree *tree = NULL;
	git_commit *parent = NULL;
	git_oid tree_id, commit_id, parent_id;
	int err = ERR_GIT;

	for (size_t i = 0; i < 4 && c->files[i].path; i++)
		if (write_file(root, c->files[i].path, c->files[i].text) != 0)
			return ERR_IO;
	if (git_repository_index(&index, repo) != 0)
		goto done;
	for (size_t i = 0; i < 4 && c->files[i].path; i++)
		if (git_index_add_bypath(index, c->files[i].path) != 0)
			goto done;
	if (git_index_write(index) != 0 || git_index_write_tree(&tree_id, index) != 0)
		goto done;
	if (git_tree_lookup(&tree, repo, &tree_id) != 0)
		goto done;
	if (git_signature_new(&sig, c->author, c->email, (git_time_t)c->when, 0) != 0)
		goto done;
	bool has_parent = git_reference_name_to_id(&parent_id, repo, "HEAD") == 0;
	if (has_parent && git_commit_lookup(&parent, repo, &parent_id) != 0)
		goto done;
	const git_commit *parents[1] = { parent };
	if (git_commit_create(&commit_id, repo, "HEAD", sig, sig, NULL, c->message, tree,
			      has_parent ? 1 : 0, parents) != 0)
		goto done;
	err = 0;
done:
	git_commit_free(parent);
	git_tree_free(tree);
	git_signature_free(sig);
	git_index_free(index);
	return err;
}

int
demo_create(char **out)
{
	const char *tmp = getenv("TMPDIR");
	char templ[4096];
	git_repository *repo = NULL;
	int err = 0;

	*out = NULL;
	snprintf(templ, sizeof(templ), "%s/deputy-demo-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(templ))
		return ERR_IO;
	char *dir = strdup(templ);
	if (!dir) {
		rmdir(templ);
		return ERR_NOMEM;
	}
	git_libgit2_init();
	git_repository_init_options opts = GIT_REPOSITORY_INIT_OPTIONS_INIT;
	opts.flags = GIT_REPOSITORY_INIT_MKPATH;
	opts.initial_head = "main";
	if (git_repository_init_ext(&repo, dir, &opts) != 0)
		err = ERR_GIT;
	for (size_t i = 0; !err && i < sizeof(history) / sizeof(history[0]); i++)
		err = commit_one(repo, dir, &history[i]);
	git_repository_free(repo);
	git_libgit2_shutdown();
	if (err) {
		demo_remove(dir);
		free(dir);
		return err;
	}
	*out = dir;
	return 0;
}

static int
remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	/* gone already (removed by a signal handler as well) is removed */
	return (flag == FTW_DP ? rmdir(path) : unlink(path)) == 0 || errno == ENOENT ? 0 : -1;
}

int
demo_remove(const char *dir)
{
	if (!dir || !strstr(dir, "deputy-demo-"))
		return ERR_IO;  /* refuse anything we did not make */
	return nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS) == 0 ? 0 : ERR_IO;
}
