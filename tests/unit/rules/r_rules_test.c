/*
 * The R rules (core/rules/github_unpinned.c ... rprofile.c): each fires on the
 * declarations it is about and stays quiet elsewhere; the Python-only rules
 * leave R declarations alone.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "rules/checks.h"
#include "rules_fixture.h"

#define SHA "0123456789abcdef0123456789abcdef01234567"

static const struct finding *
run_find(struct fixture *fx, struct dep *dep, const char *id)
{
	assert_int_equal(fixture_run_one(fx, dep), 0);
	return fixture_find(fx, id);
}

static const struct finding *
run_option(struct fixture *fx, const char *url, const char *id)
{
	struct index_option *o = fixture_option(fx, OPT_R_REPOS, url);

	o->file = "analysis.R";
	assert_int_equal(fixture_run(fx, NULL, 0, &o, 1), 0);
	return fixture_find(fx, id);
}

static void
test_github_unpinned_says_which_kind_of_ref(void **state)
{
	struct fixture *fx = *state;
	static const struct {
		enum ecosystem eco;
		const char *ref, *says;
	} cases[] = {
		{ ECO_GITHUB, NULL, "names no ref" },
		{ ECO_GITHUB, "", "names no ref" },
		{ ECO_GITHUB, "main", "'main', a branch or tag" },
		{ ECO_GITLAB, "v1.2.0", "'v1.2.0', a branch or tag" },
		{ ECO_BITBUCKET, "#123", "pull request #123" },
		{ ECO_GITHUB, "*release", "latest release" },
		{ ECO_GITHUB, "0123abc", "abbreviated commit hash" },
		{ ECO_GITHUB, SHA "0", "a branch or tag" },    /* 41 digits: not a commit */
		{ ECO_GITHUB, "0123456789abcdef0123456789abcdef0123456g", "a branch or tag" },
		{ ECO_GITHUB, "0123abcz", "a branch or tag" },  /* not all hex: not abbreviated */
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct dep *d = fixture_r_remote(fx, cases[i].eco, "owner/pkg", cases[i].ref);
		const struct finding *f = run_find(fx, d, "github-unpinned");
		if (!f)
			fail_msg("ref %s not flagged", cases[i].ref ? cases[i].ref : "(none)");
		assert_int_equal(f->severity, SEV_HIGH);
		if (!strstr(f->message, cases[i].says))
			fail_msg("'%s' lacks '%s'", f->message, cases[i].says);
		assert_non_null(strstr(f->message, "owner/pkg"));
		assert_int_equal(fixture_count(fx, "github-unpinned"), 1);
	}
}

static void
test_github_unpinned_accepts_a_full_commit_hash(void **state)
{
	struct fixture *fx = *state;
	struct dep *d = fixture_r_remote(fx, ECO_GITHUB, "owner/pkg", SHA);
	struct dep *upper = fixture_r_remote(fx, ECO_GITLAB, "owner/pkg",
					     "0123456789ABCDEF0123456789ABCDEF01234567");
	struct dep *sha256 = fixture_r_remote(fx, ECO_GITHUB, "owner/pkg",
					      SHA "012345678901234567890123");
	struct dep *lock = fixture_r_dep(fx, ECO_GITHUB, DEP_LOCK, "owner/pkg");

	assert_int_equal(strlen(sha256->vcs_ref), 64);
	assert_null(run_find(fx, sha256, "github-unpinned"));
	lock->vcs_ref = SHA;
	lock->spec = "main";      /* RemoteRef as written, RemoteSha pins it */
	assert_null(run_find(fx, d, "github-unpinned"));
	assert_null(run_find(fx, upper, "github-unpinned"));
	assert_null(run_find(fx, lock, "github-unpinned"));
}

/* install_github(getElement(x, "repo"), ref = r): no repository to name, no ref to judge */
static void
test_github_unpinned_says_when_the_repository_is_computed(void **state)
{
	struct fixture *fx = *state;
	struct dep *d = fixture_r_remote(fx, ECO_GITHUB, "", NULL);
	const struct finding *f;

	d->url = NULL;
	d->dynamic = true;
	f = run_find(fx, d, "github-unpinned");
	assert_non_null(f);
	assert_int_equal(f->severity, SEV_HIGH);
	assert_non_null(strstr(f->message, "computed when the code runs"));
	assert_null(strstr(f->message, "names no ref"));
	assert_string_equal(dep_label(d), "(computed at run time)");
	d->dynamic = false;
	assert_string_equal(dep_label(d), "(unnamed)");
	d->url = "https://github.com/owner/pkg";
	assert_string_equal(dep_label(d), d->url);
	d->name = "pkg";
	assert_string_equal(dep_label(d), "pkg");
}

/* install_url() of GitHub's archive of a branch: github-unpinned, as install_github */
static void
test_github_unpinned_covers_archive_urls(void **state)
{
	struct fixture *fx = *state;
	struct dep *d = fixture_r_dep(fx, ECO_URL, DEP_INSTALL_COMMAND,
				      "https://github.com/o/rpkg/archive/master.zip");
	const struct finding *f;

	d->url = d->name;
	f = run_find(fx, d, "github-unpinned");
	assert_non_null(f);
	assert_non_null(strstr(f->message, "archive of 'master'"));
	d->url = d->name = "https://github.com/o/rpkg/archive/" SHA ".tar.gz";
	assert_null(run_find(fx, d, "github-unpinned"));
	d->url = d->name = "https://cran.r-project.org/src/contrib/rpkg_1.0.tar.gz";
	assert_null(run_find(fx, d, "github-unpinned"));
}

static void
test_github_unpinned_covers_git_urls_and_leaves_others(void **state)
{
	struct fixture *fx = *state;
	struct dep *git = fixture_r_dep(fx, ECO_VCS, DEP_INSTALL_COMMAND,
					"https://git.example.org/team/pkg.git");
	struct dep *py = fixture_r_remote(fx, ECO_GITHUB, "owner/pkg", "main");
	struct dep *cran = fixture_r_dep(fx, ECO_CRAN, DEP_INSTALL_COMMAND, "dplyr");

	git->url = git->name;
	assert_non_null(run_find(fx, git, "github-unpinned"));
	py->language = LANG_PYTHON;
	assert_null(run_find(fx, py, "github-unpinned"));
	assert_non_null(fixture_find(fx, "mutable-ref"));   /* Python's rule instead */
	assert_null(run_find(fx, cran, "github-unpinned"));
}

static void
test_python_only_rules_leave_r_declarations_alone(void **state)
{
	struct fixture *fx = *state;
	struct dep *deps[] = {
		fixture_r_remote(fx, ECO_GITHUB, "owner/pkg", "main"),
		fixture_r_remote(fx, ECO_GITLAB, "owner/pkg", NULL),
		fixture_r_dep(fx, ECO_CRAN, DEP_INSTALL_COMMAND, "ggplot2"),
		fixture_r_dep(fx, ECO_CRAN, DEP_MANIFEST, "dplyr"),
		fixture_r_dep(fx, ECO_CRAN, DEP_INSTALL_COMMAND, "urllib"),    /* stdlib on PyPI */
		fixture_r_dep(fx, ECO_CRAN, DEP_INSTALL_COMMAND, "urlib3"),    /* PyPI look-alike */
		fixture_r_dep(fx, ECO_CRAN, DEP_INSTALL_COMMAND, "requests"),
	};

	deps[0]->ecosystem = ECO_GITHUB;
	deps[6]->ecosystem = ECO_PYPI;   /* even a PyPI-tagged R line: no Python rule */
	assert_int_equal(fixture_run(fx, deps, sizeof(deps) / sizeof(deps[0]), NULL, 0), 0);
	assert_int_equal(fixture_count(fx, "unpinned"), 0);
	assert_int_equal(fixture_count(fx, "mutable-ref"), 0);
	assert_int_equal(fixture_count(fx, "stdlib-shadow"), 0);
	assert_int_equal(fixture_count(fx, "github-unpinned"), 2);
	/* urlib3 is no CRAN look-alike: the Python branch did not run */
	for (size_t i = 0; i < fx->findings.len; i++)
		if (strcmp(fx->findings.items[i].rule->id, "typosquat") == 0)
			assert_string_not_equal(fx->findings.items[i].imitates, "urllib3");
}

static struct dep *
remote_source(struct fixture *fx, const char *url)
{
	struct dep *d = fixture_r_dep(fx, ECO_URL, DEP_REMOTE_SOURCE, url ? url : "");

	d->url = url;
	return d;
}

static void
test_remote_source_is_critical_for_http_gists_and_shorteners(void **state)
{
	struct fixture *fx = *state;
	static const struct {
		const char *url;
		enum severity sev;
		const char *says;
	} cases[] = {
		{ "https://raw.githubusercontent.com/owner/repo/main/R/setup.R", SEV_HIGH,
		  "every time it runs" },
		{ "http://example.org/setup.R", SEV_CRITICAL, "without encryption" },
		{ "HTTP://EXAMPLE.ORG/setup.R", SEV_CRITICAL, "without encryption" },
		{ "https://gist.github.com/someone/0a1b2c3d", SEV_CRITICAL, "gist" },
		{ "https://gist.githubusercontent.com/someone/0a1b/raw/x.R", SEV_CRITICAL, "gist" },
		{ "https://bit.ly/3xYz", SEV_CRITICAL, "shortened" },
		{ "https://tinyurl.com/abc", SEV_CRITICAL, "shortened" },
		{ "https://goo.gl/abc", SEV_CRITICAL, "shortened" },
		{ "https://t.co/abc", SEV_CRITICAL, "shortened" },
		{ "https://git.io/JabC", SEV_CRITICAL, "shortened" },
		{ "https://www.bit.ly:443/x", SEV_CRITICAL, "shortened" },
		{ "https://notbit.ly/x", SEV_HIGH, "every time it runs" },
		{ "https://github.com/gist.github.com", SEV_HIGH, "every time it runs" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct finding *f = run_find(fx, remote_source(fx, cases[i].url),
						   "remote-source");
		if (!f)
			fail_msg("%s not flagged", cases[i].url);
		if (f->severity != cases[i].sev || !strstr(f->message, cases[i].says) ||
		    !strstr(f->message, cases[i].url))
			fail_msg("%s: severity %d, '%s'", cases[i].url, (int)f->severity,
				 f->message);
	}
}

static void
test_remote_source_dynamic_url_is_computed_at_run_time(void **state)
{
	struct fixture *fx = *state;
	struct dep *d = remote_source(fx, NULL);
	const struct finding *f;

	d->name = "paste0(base, file)";
	d->dynamic = true;
	f = run_find(fx, d, "remote-source");
	assert_non_null(f);
	assert_int_equal(f->severity, SEV_HIGH);
	assert_non_null(strstr(f->message, "computed at run time"));
	assert_non_null(strstr(f->message, "paste0(base, file)"));
}

static void
test_remote_source_only_for_remote_source_declarations(void **state)
{
	struct fixture *fx = *state;
	struct dep *d = fixture_r_dep(fx, ECO_URL, DEP_INSTALL_COMMAND, "http://x.org/p.tar.gz");

	d->url = d->name;
	assert_null(run_find(fx, d, "remote-source"));
	assert_non_null(fixture_find(fx, "insecure-url"));
	/* over http, a remote source is reported once, by remote-source */
	assert_non_null(run_find(fx, remote_source(fx, "http://x.org/a.R"), "remote-source"));
	assert_null(fixture_find(fx, "insecure-url"));
}

static void
test_cran_shadow_flags_hosted_copies_of_cran_packages(void **state)
{
	struct fixture *fx = *state;
	struct dep *gh = fixture_r_remote(fx, ECO_GITHUB, "tidyverse/dplyr", NULL);
	struct dep *pkg = fixture_r_remote(fx, ECO_GITLAB, "someone/fork", SHA);
	struct dep *upper = fixture_r_remote(fx, ECO_BITBUCKET, "someone/Rcpp", SHA);
	const struct finding *f;

	f = run_find(fx, gh, "cran-shadow");
	assert_non_null(f);
	assert_int_equal(f->severity, SEV_MEDIUM);
	assert_non_null(strstr(f->message, "dplyr"));
	assert_null(strstr(f->message, "fixed"));
	pkg->package = "ggplot2";
	assert_non_null(run_find(fx, pkg, "cran-shadow"));
	assert_non_null(run_find(fx, upper, "cran-shadow"));     /* CRAN's Rcpp, any case */
	/* a full commit is fixed content, only unreviewed: not "whatever the account holds" */
	f = run_find(fx, pkg, "cran-shadow");
	assert_int_equal(f->severity, SEV_LOW);
	assert_non_null(strstr(f->message, "the commit 0123456789ab is fixed"));
	assert_null(strstr(f->message, "holds now"));
}

static void
test_cran_shadow_leaves_non_cran_names_and_registry_installs(void **state)
{
	struct fixture *fx = *state;
	struct dep *own = fixture_r_remote(fx, ECO_GITHUB, "someone/myanalysispkg", NULL);
	struct dep *cran = fixture_r_dep(fx, ECO_CRAN, DEP_INSTALL_COMMAND, "dplyr");
	struct dep *base = fixture_r_remote(fx, ECO_GITHUB, "someone/MASS", SHA);
	struct dep *vcs = fixture_r_dep(fx, ECO_VCS, DEP_INSTALL_COMMAND,
					"https://git.example.org/x/dplyr.git");

	vcs->url = vcs->name;
	assert_null(run_find(fx, own, "cran-shadow"));
	assert_null(run_find(fx, cran, "cran-shadow"));
	assert_null(run_find(fx, base, "cran-shadow"));     /* base-shadow's */
	assert_non_null(fixture_find(fx, "base-shadow"));
	assert_null(run_find(fx, vcs, "cran-shadow"));
}

static void
test_repo_name_mismatch(void **state)
{
	struct fixture *fx = *state;
	struct dep *d = fixture_r_remote(fx, ECO_GITHUB, "owner/toolbox", NULL);
	const struct finding *f;

	assert_null(run_find(fx, d, "repo-name-mismatch"));     /* no package given */
	d->package = "toolkit";
	f = run_find(fx, d, "repo-name-mismatch");
	assert_non_null(f);
	assert_int_equal(f->severity, SEV_LOW);
	assert_non_null(strstr(f->message, "toolbox"));
	assert_non_null(strstr(f->message, "toolkit"));

	d->package = "ToolBox";                                 /* case aside: the same */
	assert_null(run_find(fx, d, "repo-name-mismatch"));
	d->package = "toolkit";
	d->subdir = "pkgs/toolkit";                             /* named after its folder */
	assert_null(run_find(fx, d, "repo-name-mismatch"));

	struct dep *git = fixture_r_dep(fx, ECO_VCS, DEP_INSTALL_COMMAND,
					"https://git.example.org/team/analysis.git");
	git->url = git->name;
	git->package = "analysis";
	assert_null(run_find(fx, git, "repo-name-mismatch"));
	git->package = "other";
	assert_non_null(run_find(fx, git, "repo-name-mismatch"));

	struct dep *prefixed = fixture_r_remote(fx, ECO_GITHUB, "github::owner/repo@v1", NULL);
	prefixed->package = "repo";
	assert_null(run_find(fx, prefixed, "repo-name-mismatch"));
}

static void
test_base_shadow_flags_installs_of_base_packages(void **state)
{
	struct fixture *fx = *state;
	struct dep *cran = fixture_r_dep(fx, ECO_CRAN, DEP_INSTALL_COMMAND, "stats");
	struct dep *gh = fixture_r_remote(fx, ECO_GITHUB, "someone/utils", SHA);
	struct dep *remotes = fixture_r_dep(fx, ECO_GITHUB, DEP_MANIFEST, "someone/x");
	struct dep *lock = fixture_r_dep(fx, ECO_GITHUB, DEP_LOCK, "someone/gridextras");
	const struct finding *f;

	f = run_find(fx, cran, "base-shadow");
	assert_non_null(f);
	assert_int_equal(f->severity, SEV_HIGH);
	assert_non_null(strstr(f->message, "part of R itself"));
	assert_non_null(run_find(fx, gh, "base-shadow"));
	remotes->package = "grDevices";
	assert_non_null(run_find(fx, remotes, "base-shadow"));
	lock->package = "GRID";
	f = run_find(fx, lock, "base-shadow");
	assert_non_null(f);
	assert_non_null(strstr(f->message, "grid"));
}

static void
test_base_shadow_flags_recommended_packages_from_anywhere(void **state)
{
	struct fixture *fx = *state;
	struct dep *cran = fixture_r_dep(fx, ECO_CRAN, DEP_INSTALL_COMMAND, "MASS");
	struct dep *other = fixture_r_dep(fx, ECO_CRAN, DEP_INSTALL_COMMAND, "Matrix");
	struct dep *gh = fixture_r_remote(fx, ECO_GITHUB, "someone/survival", SHA);
	const struct finding *f;

	f = run_find(fx, cran, "base-shadow");
	assert_non_null(f);
	assert_int_equal(f->severity, SEV_HIGH);
	assert_non_null(strstr(f->message, "from CRAN"));
	cran->index_url = "https://cloud.r-project.org";
	f = run_find(fx, cran, "base-shadow");
	assert_non_null(f);
	assert_non_null(strstr(f->message, "from CRAN"));
	other->index_url = "https://packages.example.com/r";
	f = run_find(fx, other, "base-shadow");
	assert_non_null(f);
	assert_int_equal(f->severity, SEV_HIGH);
	assert_non_null(strstr(f->message, "packages.example.com"));
	f = run_find(fx, gh, "base-shadow");
	assert_non_null(f);
	assert_int_equal(f->severity, SEV_HIGH);
	assert_non_null(strstr(f->message, "someone/survival"));
	/* BiocManager::install("Matrix") takes CRAN's; the message named "Matrix" as the source */
	struct dep *bioc = fixture_r_dep(fx, ECO_BIOC, DEP_INSTALL_COMMAND, "Matrix");
	f = run_find(fx, bioc, "base-shadow");
	assert_non_null(f);
	assert_non_null(strstr(f->message, "with BiocManager"));
	assert_null(strstr(f->message, "from Matrix"));
	/* R's names are case-sensitive: "matrix" is not R's Matrix, CRAN has no such package */
	struct dep *lower = fixture_r_dep(fx, ECO_CRAN, DEP_INSTALL_COMMAND, "matrix");
	f = run_find(fx, lower, "base-shadow");
	assert_non_null(f);
	assert_int_equal(f->severity, SEV_HIGH);
	assert_non_null(strstr(f->message, "only in letter case"));
	assert_null(strstr(f->message, "from CRAN replaces"));
}

static void
test_base_shadow_leaves_library_calls_and_manifests(void **state)
{
	struct fixture *fx = *state;
	struct dep *lib = fixture_r_dep(fx, ECO_CRAN, DEP_LIBRARY_CALL, "stats");
	struct dep *imports = fixture_r_dep(fx, ECO_CRAN, DEP_MANIFEST, "methods");
	struct dep *lock = fixture_r_dep(fx, ECO_CRAN, DEP_LOCK, "Matrix");
	struct dep *other = fixture_r_dep(fx, ECO_CRAN, DEP_INSTALL_COMMAND, "dplyr");

	assert_null(run_find(fx, lib, "base-shadow"));
	assert_null(run_find(fx, imports, "base-shadow"));
	assert_null(run_find(fx, lock, "base-shadow"));
	assert_null(run_find(fx, other, "base-shadow"));
}

static void
test_nonstandard_repo_accepts_cran_bioc_universe_and_posit(void **state)
{
	struct fixture *fx = *state;
	static const char *const fine[] = {
		"https://cloud.r-project.org", "https://cran.r-project.org/",
		"https://CRAN.R-project.org", "http://cran.r-project.org",
		"https://cran.ma.imperial.ac.uk/", "https://mirrors.tuna.tsinghua.edu.cn/CRAN",
		"https://cran.rstudio.com/", "@CRAN@", "getOption(\"repos\")",
		"https://bioconductor.org/packages/3.18/bioc",
		"https://ropensci.r-universe.dev", "https://packagemanager.posit.co/cran/latest",
		"https://packagemanager.rstudio.com/all/__linux__/jammy/latest",
		"https://p3m.dev/cran/latest", "",
	};

	for (size_t i = 0; i < sizeof(fine) / sizeof(fine[0]); i++)
		if (run_option(fx, fine[i], "nonstandard-repo"))
			fail_msg("%s flagged", fine[i]);
}

static void
test_nonstandard_repo_flags_other_repositories(void **state)
{
	struct fixture *fx = *state;
	static const char *const odd[] = {
		"https://packages.example.com/r", "https://someone.github.io/drat/",
		"https://cran.r-project.org.evil.example/", "https://evil-r-project.org/",
		"https://mirrors.tuna.tsinghua.edu.cn/pypi/", "file:///srv/repo",
		"https://r-universe.dev.example.net",
	};

	for (size_t i = 0; i < sizeof(odd) / sizeof(odd[0]); i++) {
		const struct finding *f = run_option(fx, odd[i], "nonstandard-repo");
		if (!f)
			fail_msg("%s not flagged", odd[i]);
		assert_int_equal(f->severity, SEV_MEDIUM);
		assert_non_null(strstr(f->message, odd[i]));
	}
	assert_non_null(strstr(run_option(fx, odd[1], "nonstandard-repo")->message, "drat"));
}

static void
test_insecure_url_fires_for_http_r_repositories(void **state)
{
	struct fixture *fx = *state;
	const struct finding *f = run_option(fx, "http://cran.r-project.org", "insecure-url");

	assert_non_null(f);
	assert_int_equal(f->severity, SEV_HIGH);
	assert_non_null(strstr(f->message, "http://cran.r-project.org"));
	assert_null(fixture_find(fx, "nonstandard-repo"));
	assert_non_null(run_option(fx, "http://packages.example.com", "insecure-url"));
	assert_non_null(fixture_find(fx, "nonstandard-repo"));
	assert_null(run_option(fx, "https://packages.example.com", "insecure-url"));
}

static void
test_rprofile_flags_loads_installs_and_sources(void **state)
{
	struct fixture *fx = *state;
	struct dep *lib = fixture_r_dep(fx, ECO_CRAN, DEP_LIBRARY_CALL, "dplyr");
	struct dep *inst = fixture_r_dep(fx, ECO_CRAN, DEP_INSTALL_COMMAND, "dplyr");
	struct dep *src = remote_source(fx, "https://example.org/x.R");
	struct dep *manifest = fixture_r_dep(fx, ECO_CRAN, DEP_MANIFEST, "dplyr");
	const struct finding *f;

	lib->file = ".Rprofile";
	inst->file = "project/.Rprofile";
	src->file = "etc/Rprofile.site";
	manifest->file = ".Rprofile";
	f = run_find(fx, lib, "rprofile");
	assert_non_null(f);
	assert_int_equal(f->severity, SEV_INFO);
	assert_non_null(strstr(f->message, "loads dplyr"));
	assert_non_null(strstr(run_find(fx, inst, "rprofile")->message, "installs dplyr"));
	assert_non_null(strstr(run_find(fx, src, "rprofile")->message, "example.org"));
	assert_null(run_find(fx, manifest, "rprofile"));
	lib->file = "R/profile.R";
	assert_null(run_find(fx, lib, "rprofile"));
	lib->file = "x.Rprofile";
	assert_null(run_find(fx, lib, "rprofile"));
}

static void
test_known_malicious_works_for_cran_and_github_entries(void **state)
{
	struct fixture *fx = *state;
	/* Test-only entries through the API: the bundled list has no R entries. */
	static const struct malicious cran = {
		.id = "TEST-CRAN-1", .ecosystem = ECO_CRAN, .name = "EvilPkg",
		.imitates = "dplyr", .summary = "test entry", .source = "https://example.org/1",
	};
	static const struct malicious repo = {
		.id = "TEST-GH-1", .ecosystem = ECO_GITHUB, .name = "badguy/tool",
		.summary = "test repository", .source = "https://example.org/2",
	};
	static const struct malicious owner = {
		.id = "TEST-GH-2", .ecosystem = ECO_GITHUB, .name = "Hijacked",
		.summary = "test account",
	};
	const struct finding *f;

	assert_int_equal(intel_add_malicious(fx->intel, &cran), 0);
	assert_int_equal(intel_add_malicious(fx->intel, &repo), 0);
	assert_int_equal(intel_add_malicious(fx->intel, &owner), 0);

	f = run_find(fx, fixture_r_dep(fx, ECO_CRAN, DEP_LIBRARY_CALL, "evilpkg"),
		     "known-malicious");
	assert_non_null(f);
	assert_int_equal(f->severity, SEV_CRITICAL);
	assert_string_equal(f->imitates, "dplyr");
	assert_string_equal(f->source, "https://example.org/1");
	assert_non_null(strstr(f->message, "TEST-CRAN-1"));

	f = run_find(fx, fixture_r_remote(fx, ECO_GITHUB, "BadGuy/Tool", SHA), "known-malicious");
	assert_non_null(f);
	assert_non_null(strstr(f->message, "TEST-GH-1"));
	assert_null(run_find(fx, fixture_r_remote(fx, ECO_GITHUB, "badguy/other", SHA),
			     "known-malicious"));
	f = run_find(fx, fixture_r_remote(fx, ECO_GITHUB, "hijacked/anything", SHA),
		     "known-malicious");
	assert_non_null(f);
	assert_non_null(strstr(f->message, "TEST-GH-2"));
	/* the entries are per ecosystem */
	assert_null(run_find(fx, fixture_r_remote(fx, ECO_GITLAB, "badguy/tool", SHA),
			     "known-malicious"));
	assert_null(run_find(fx, fixture_r_dep(fx, ECO_BIOC, DEP_LIBRARY_CALL, "EvilPkg"),
			     "known-malicious"));
	/* the Python entries still answer */
	assert_non_null(run_find(fx, fixture_dep(fx, "urlib3", ""), "known-malicious"));
}

static void
test_every_r_rule_is_in_the_catalog(void **state)
{
	static const struct {
		const char *id;
		enum severity sev;
	} ids[] = {
		{ "github-unpinned", SEV_HIGH }, { "remote-source", SEV_HIGH },
		{ "cran-shadow", SEV_MEDIUM }, { "repo-name-mismatch", SEV_LOW },
		{ "base-shadow", SEV_HIGH }, { "nonstandard-repo", SEV_MEDIUM },
		{ "rprofile", SEV_INFO },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		const struct rule *r = rule_find(ids[i].id);
		assert_non_null(r);
		assert_int_equal(r->severity, ids[i].sev);
		/* " CRITICAL  title [id]" fits the 80 columns of the detail pane */
		if (strlen(r->title) + strlen(r->id) > 64)
			fail_msg("title of %s too long for 80 columns", r->id);
		assert_true(strlen(r->why) > 300);
		assert_true(strlen(r->fix) > 40);
		assert_non_null(r->refs);
		assert_non_null(r->refs[0]);
		assert_true(r->check_dep != NULL || r->check_option != NULL);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_github_unpinned_says_which_kind_of_ref),
		cmocka_unit_test(test_github_unpinned_accepts_a_full_commit_hash),
		cmocka_unit_test(test_github_unpinned_says_when_the_repository_is_computed),
		cmocka_unit_test(test_github_unpinned_covers_archive_urls),
		cmocka_unit_test(test_github_unpinned_covers_git_urls_and_leaves_others),
		cmocka_unit_test(test_python_only_rules_leave_r_declarations_alone),
		cmocka_unit_test(test_remote_source_is_critical_for_http_gists_and_shorteners),
		cmocka_unit_test(test_remote_source_dynamic_url_is_computed_at_run_time),
		cmocka_unit_test(test_remote_source_only_for_remote_source_declarations),
		cmocka_unit_test(test_cran_shadow_flags_hosted_copies_of_cran_packages),
		cmocka_unit_test(test_cran_shadow_leaves_non_cran_names_and_registry_installs),
		cmocka_unit_test(test_repo_name_mismatch),
		cmocka_unit_test(test_base_shadow_flags_installs_of_base_packages),
		cmocka_unit_test(test_base_shadow_flags_recommended_packages_from_anywhere),
		cmocka_unit_test(test_base_shadow_leaves_library_calls_and_manifests),
		cmocka_unit_test(test_nonstandard_repo_accepts_cran_bioc_universe_and_posit),
		cmocka_unit_test(test_nonstandard_repo_flags_other_repositories),
		cmocka_unit_test(test_insecure_url_fires_for_http_r_repositories),
		cmocka_unit_test(test_rprofile_flags_loads_installs_and_sources),
		cmocka_unit_test(test_known_malicious_works_for_cran_and_github_entries),
		cmocka_unit_test(test_every_r_rule_is_in_the_catalog),
	};

	return cmocka_run_group_tests(tests, fixture_setup, fixture_teardown);
}
