/*
 * core/rules: where packages come from: unpinned, mutable-ref, insecure-url,
 * extra-index.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "rules_fixture.h"

static void
test_unpinned_flags_ranges_and_bare_names(void **state)
{
	struct fixture *fx = *state;
	static const char *const specs[] = { "", ">=2.0", "~=2.31", "==2.*", "==2.0,<3", "!=1.0" };

	for (size_t i = 0; i < sizeof(specs) / sizeof(specs[0]); i++) {
		assert_int_equal(fixture_run_one(fx, fixture_dep(fx, "requests", specs[i])), 0);
		const struct finding *f = fixture_find(fx, "unpinned");
		if (!f)
			fail_msg("'%s' not flagged", specs[i]);
		assert_int_equal(f->severity, SEV_LOW);
		assert_non_null(strstr(f->message, "requests"));
	}
}

static void
test_unpinned_accepts_pins_hashes_and_skips_non_installs(void **state)
{
	struct fixture *fx = *state;
	static const char *const pins[] = { "==2.31.0", "===2.31.0", " ==1.0" };
	static const char *const hashes[] = { "sha256:00" };

	for (size_t i = 0; i < sizeof(pins) / sizeof(pins[0]); i++) {
		assert_int_equal(fixture_run_one(fx, fixture_dep(fx, "requests", pins[i])), 0);
		assert_null(fixture_find(fx, "unpinned"));
	}
	struct dep *hashed = fixture_dep(fx, "requests", ">=2");
	hashed->hashes = hashes;
	hashed->n_hashes = 1;
	struct dep *editable = fixture_dep(fx, "mypkg", "");
	editable->editable = true;
	editable->url = ".";
	struct dep *local = fixture_dep(fx, "mypkg", "");
	local->ecosystem = ECO_LOCAL;
	local->url = "./mypkg";
	struct dep *constraint = fixture_dep(fx, "requests", "<3");
	constraint->kind = DEP_CONSTRAINT;
	struct dep *import = fixture_dep(fx, "requests", "");
	import->kind = DEP_LIBRARY_CALL;
	struct dep *deps[] = { hashed, editable, local, constraint, import };
	assert_int_equal(fixture_run(fx, deps, 5, NULL, 0), 0);
	assert_null(fixture_find(fx, "unpinned"));

	struct dep *cmd = fixture_dep(fx, "requests", "");
	cmd->kind = DEP_INSTALL_COMMAND;
	assert_int_equal(fixture_run_one(fx, cmd), 0);
	assert_non_null(fixture_find(fx, "unpinned"));
}

static struct dep *
vcs_dep(struct fixture *fx, const char *url, const char *ref)
{
	struct dep *d = fixture_dep(fx, "pkg", "");

	d->ecosystem = ECO_VCS;
	d->url = url;
	d->vcs_ref = ref;
	return d;
}

static void
test_mutable_ref_flags_branches_tags_and_missing_refs(void **state)
{
	struct fixture *fx = *state;
	static const char *const refs[] = { NULL, "", "main", "v1.2.3", "1a2b3c4", "refs/heads/x",
		/* 39 and 41 hex digits are not object names */
		"0123456789abcdef0123456789abcdef0123456",
		"0123456789abcdef0123456789abcdef012345678",
		/* 40 characters, not all hex */
		"0123456789abcdef0123456789abcdef0123456g" };

	for (size_t i = 0; i < sizeof(refs) / sizeof(refs[0]); i++) {
		struct dep *d = vcs_dep(fx, "git+https://example.org/org/pkg.git", refs[i]);
		assert_int_equal(fixture_run_one(fx, d), 0);
		const struct finding *f = fixture_find(fx, "mutable-ref");
		if (!f)
			fail_msg("ref '%s' not flagged", refs[i] ? refs[i] : "(none)");
		assert_int_equal(f->severity, SEV_MEDIUM);
		if (refs[i] && refs[i][0])
			assert_non_null(strstr(f->message, refs[i]));
		assert_null(fixture_find(fx, "unpinned"));
	}
}

static void
test_mutable_ref_accepts_full_commit_hashes(void **state)
{
	struct fixture *fx = *state;
	static const char *const refs[] = {
		"0123456789abcdef0123456789abcdef01234567",
		"0123456789ABCDEF0123456789ABCDEF01234567",
		"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
	};

	for (size_t i = 0; i < sizeof(refs) / sizeof(refs[0]); i++) {
		assert_int_equal(fixture_run_one(fx, vcs_dep(fx, "git+https://x/y.git", refs[i])), 0);
		assert_null(fixture_find(fx, "mutable-ref"));
	}
	/* not a repository: nothing to say */
	assert_int_equal(fixture_run_one(fx, fixture_dep(fx, "requests", "==1")), 0);
	assert_null(fixture_find(fx, "mutable-ref"));
}

static void
test_insecure_url_flags_plain_http_in_any_case(void **state)
{
	struct fixture *fx = *state;
	static const char *const urls[] = {
		"http://example.org/pkg-1.0.tar.gz", "HTTP://example.org/pkg.whl",
		"git+http://example.org/pkg.git", "git+git://example.org/pkg.git",
		"ftp://example.org/pkg.zip",
	};

	for (size_t i = 0; i < sizeof(urls) / sizeof(urls[0]); i++) {
		struct dep *d = fixture_dep(fx, "pkg", "");
		d->ecosystem = strncmp(urls[i], "git+", 4) == 0 ? ECO_VCS : ECO_URL;
		d->url = urls[i];
		assert_int_equal(fixture_run_one(fx, d), 0);
		const struct finding *f = fixture_find(fx, "insecure-url");
		if (!f)
			fail_msg("%s not flagged", urls[i]);
		assert_int_equal(f->severity, SEV_HIGH);
		assert_non_null(strstr(f->message, urls[i]));
	}
	static const char *const ok[] = {
		"https://example.org/pkg.whl", "git+https://example.org/pkg.git",
		"git+ssh://git@example.org/pkg.git", "file:///tmp/pkg", "./http://odd",
	};
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		struct dep *d = fixture_dep(fx, "pkg", "");
		d->ecosystem = ECO_URL;
		d->url = ok[i];
		assert_int_equal(fixture_run_one(fx, d), 0);
		if (fixture_find(fx, "insecure-url"))
			fail_msg("%s flagged", ok[i]);
	}
}

/* pip checks --hash after the download: a rewrite stops the install, it cannot change it */
static void
test_insecure_url_with_a_hash_is_low(void **state)
{
	struct fixture *fx = *state;
	static const char *const hashes[] = { "sha256:942c5a758f98d790eaed1a29cb6eefc7ff" };
	struct dep *d = fixture_dep(fx, "oldpkg", "");
	const struct finding *f;

	d->ecosystem = ECO_URL;
	d->url = "http://example.org/oldpkg-1.0.tar.gz";
	d->hashes = hashes;
	d->n_hashes = 1;
	assert_int_equal(fixture_run_one(fx, d), 0);
	f = fixture_find(fx, "insecure-url");
	assert_non_null(f);
	assert_int_equal(f->severity, SEV_LOW);
	assert_non_null(strstr(f->message, "refuse a rewritten file"));
	d->n_hashes = 0;
	assert_int_equal(fixture_run_one(fx, d), 0);
	f = fixture_find(fx, "insecure-url");
	assert_int_equal(f->severity, SEV_HIGH);
	assert_null(strstr(f->message, "refuse"));
}

static void
test_insecure_url_checks_index_options(void **state)
{
	struct fixture *fx = *state;
	struct index_option *opts[] = {
		fixture_option(fx, OPT_INDEX_URL, "http://index.internal/simple"),
		fixture_option(fx, OPT_FIND_LINKS, "Http://files.internal/"),
		fixture_option(fx, OPT_EXTRA_INDEX_URL, "http://extra.internal/simple"),
		fixture_option(fx, OPT_INDEX_URL, "https://index.internal/simple"),
		fixture_option(fx, OPT_FIND_LINKS, "./wheels"),
		fixture_option(fx, OPT_TRUSTED_HOST, "http://not-a-url-option"),
	};

	assert_int_equal(fixture_run(fx, NULL, 0, opts, 6), 0);
	assert_int_equal(fixture_count(fx, "insecure-url"), 3);
	const struct finding *f = fixture_find(fx, "insecure-url");
	assert_ptr_equal(f->option, opts[0]);
	assert_null(f->dep);
	assert_int_equal(f->line, 2);
	assert_non_null(strstr(f->message, "--index-url"));
}

static void
test_extra_index_flags_extra_urls_high_and_trusted_hosts_medium(void **state)
{
	struct fixture *fx = *state;
	struct index_option *opts[] = {
		fixture_option(fx, OPT_EXTRA_INDEX_URL, "https://packages.example.com/simple"),
		fixture_option(fx, OPT_TRUSTED_HOST, "index.internal"),
		fixture_option(fx, OPT_INDEX_URL, "https://index.internal/simple"),
		fixture_option(fx, OPT_FIND_LINKS, "https://files.internal/"),
	};

	assert_int_equal(fixture_run(fx, NULL, 0, opts, 4), 0);
	assert_int_equal(fixture_count(fx, "extra-index"), 2);
	const struct finding *a = &fx->findings.items[0], *b = &fx->findings.items[1];
	assert_string_equal(a->rule->id, "extra-index");
	assert_int_equal(a->severity, SEV_HIGH);
	assert_ptr_equal(a->option, opts[0]);
	assert_non_null(strstr(a->message, "packages.example.com"));
	assert_string_equal(b->rule->id, "extra-index");
	assert_int_equal(b->severity, SEV_MEDIUM);
	assert_non_null(strstr(b->message, "index.internal"));
}

/*
 * PyPI as an extra index races nothing (TestPyPI does: anyone uploads
 * there); a declared source's verify_ssl = false is untrusted-source's alone.
 */
static void
test_extra_index_leaves_pypi_itself_and_declared_sources(void **state)
{
	struct fixture *fx = *state;
	struct index_option *opts[] = {
		fixture_option(fx, OPT_EXTRA_INDEX_URL, "https://PyPI.org/simple/"),
		fixture_option(fx, OPT_EXTRA_INDEX_URL, "https://pypi.python.org/simple"),
		fixture_option(fx, OPT_EXTRA_INDEX_URL, "https://test.pypi.org/simple/"),
		fixture_option(fx, OPT_EXTRA_INDEX_URL, "https://pypi.org.evil.example/simple"),
		fixture_option(fx, OPT_TRUSTED_HOST, "pypi.org"),
	};
	opts[4]->file = "Pipfile";

	assert_int_equal(fixture_run(fx, NULL, 0, opts, 5), 0);
	assert_int_equal(fixture_count(fx, "extra-index"), 2);
	for (size_t i = 0; i < fx->findings.len; i++) {
		const struct finding *f = &fx->findings.items[i];
		if (strcmp(f->rule->id, "extra-index") == 0)
			assert_true(f->option == opts[2] || f->option == opts[3]);
	}
	assert_int_equal(fixture_count(fx, "untrusted-source"), 1);
	assert_ptr_equal(fixture_find(fx, "untrusted-source")->option, opts[4]);
}

/* A ref the shell fills in may be anything; a command with no name is named by its URL. */
/* A forge's archive of a branch or tag is made from whatever the ref holds at download */
static void
test_mutable_ref_flags_forge_archives_of_branches(void **state)
{
	struct fixture *fx = *state;
	static const struct {
		const char *url, *says;
	} moving[] = {
		{ "https://github.com/o/foo/archive/refs/heads/main.zip", "GitHub's archive of 'main'" },
		{ "https://github.com/o/foo/archive/master.zip#egg=foo", "archive of 'master'" },
		{ "https://github.com/o/foo/archive/refs/tags/v1.0.tar.gz", "archive of 'v1.0'" },
		{ "https://codeload.github.com/o/foo/tar.gz/refs/tags/v1.2", "archive of 'v1.2'" },
		{ "https://codeload.github.com/o/foo/zip/main?x=1", "archive of 'main'" },
		{ "https://gitlab.com/g/sub/foo/-/archive/dev/foo-dev.tar.gz", "GitLab's archive of 'dev'" },
		{ "https://github.com/o/foo/archive/0123abc.zip", "archive of '0123abc'" },
	};
	static const char *const fixed[] = {
		"https://github.com/o/foo/archive/0123456789abcdef0123456789abcdef01234567.zip",
		"https://github.com/o/foo/releases/download/v1/foo-1.0.tar.gz",
		"https://github.com/o/foo/archive/",
		"https://github.com/archive/main.zip",
		"https://example.org/o/foo/archive/main.zip",
		"https://files.example.org/foo-1.0.tar.gz",
	};

	for (size_t i = 0; i < sizeof(moving) / sizeof(moving[0]); i++) {
		struct dep *d = fixture_dep(fx, "foo", "");
		d->ecosystem = ECO_URL;
		d->url = moving[i].url;
		assert_int_equal(fixture_run_one(fx, d), 0);
		const struct finding *f = fixture_find(fx, "mutable-ref");
		if (!f || !strstr(f->message, moving[i].says))
			fail_msg("%s: %s", moving[i].url, f ? f->message : "not flagged");
		/* with --hash the content is fixed whatever the ref holds */
		static const char *const hash[] = { "sha256:aa" };
		d->hashes = hash;
		d->n_hashes = 1;
		assert_int_equal(fixture_run_one(fx, d), 0);
		assert_null(fixture_find(fx, "mutable-ref"));
	}
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		struct dep *d = fixture_dep(fx, "foo", "");
		d->ecosystem = ECO_URL;
		d->url = fixed[i];
		assert_int_equal(fixture_run_one(fx, d), 0);
		if (fixture_find(fx, "mutable-ref"))
			fail_msg("%s flagged", fixed[i]);
	}
}

static void
test_mutable_ref_and_env_var_name_a_variable_ref(void **state)
{
	struct fixture *fx = *state;
	struct dep *d = fixture_dep(fx, "", "");
	const struct finding *f;

	d->ecosystem = ECO_VCS;
	d->kind = DEP_INSTALL_COMMAND;
	d->url = "git+https://github.com/o/repo.git@$REF";
	d->vcs_ref = "$REF";
	d->env_var = true;
	d->raw = "pip install \"git+https://github.com/o/repo.git@$REF\"";
	assert_int_equal(fixture_run_one(fx, d), 0);
	f = fixture_find(fx, "mutable-ref");
	assert_non_null(f);
	assert_non_null(strstr(f->message, "filled in when the command runs"));
	assert_null(strstr(f->message, "a branch, tag or short hash"));
	f = fixture_find(fx, "env-var");
	assert_non_null(f);
	assert_true(strncmp(f->message, d->url, strlen(d->url)) == 0);
}

static void
test_env_var_flags_lines_that_pip_fills_from_the_environment(void **state)
{
	struct fixture *fx = *state;
	struct dep *with = fixture_dep(fx, "requests", "==${REQ_VERSION}");
	with->env_var = true;
	with->raw = "requests==${REQ_VERSION}";
	struct dep *without = fixture_dep(fx, "flask", "==3.0.0");
	struct dep *deps[] = { with, without };
	struct index_option *opts[] = {
		fixture_option(fx, OPT_INDEX_URL, "https://${USER}:${TOKEN}@idx.example/simple"),
		fixture_option(fx, OPT_INDEX_URL, "https://idx.example/${lower}/simple"),
		fixture_option(fx, OPT_EXTRA_INDEX_URL, "https://idx.example/${}/simple"),
	};

	assert_int_equal(fixture_run(fx, deps, 2, opts, 3), 0);
	assert_int_equal(fixture_count(fx, "env-var"), 2);   /* pip expands [A-Z0-9_]+ only */
	const struct finding *f = fixture_find(fx, "env-var");
	assert_int_equal(f->severity, SEV_LOW);
	assert_ptr_equal(f->dep, with);
	assert_non_null(strstr(f->message, "${REQ_VERSION}"));
}

/*
 * `pip install "$PKG"` or `pip install $(ls dist)`: the shell computes
 * the word, so it names no package to look up, pin or compare; env-var alone
 * says what there is to check.
 */
static void
test_env_var_alone_flags_a_word_the_shell_computes(void **state)
{
	struct fixture *fx = *state;
	const char *words[] = { "$PKG", "$(echo dist/*.whl)[test]", "foo$(date)", "`cat x`" };
	const char *raw = "pip install six \"$PKG\" $(echo dist/*.whl)[test] foo$(date) `cat x`";
	char want[64];

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		struct dep *d = fixture_dep(fx, words[i], NULL);
		d->kind = DEP_INSTALL_COMMAND;
		d->dynamic = true;
		d->env_var = true;
		d->raw = raw;
		assert_int_equal(fixture_run_one(fx, d), 0);
		assert_int_equal(fx->findings.len, 1);
		assert_string_equal(fx->findings.items[0].rule->id, "env-var");
		/* the message names the word, not only the command that holds several */
		snprintf(want, sizeof(want), "%s in `pip install", words[i]);
		assert_non_null(strstr(fx->findings.items[0].message, want));
	}
}

static void
test_curl_pipe_shell_flags_shell_downloads_only(void **state)
{
	struct fixture *fx = *state;
	struct dep *piped = fixture_dep(fx, "https://get.example.org/install.sh", "");
	piped->ecosystem = ECO_URL;
	piped->kind = DEP_REMOTE_SOURCE;
	piped->language = LANG_SHELL;
	piped->url = "https://get.example.org/install.sh";
	struct dep *r_source = fixture_dep(fx, "https://example.org/a.R", "");
	r_source->ecosystem = ECO_URL;
	r_source->kind = DEP_REMOTE_SOURCE;
	r_source->language = LANG_R;
	r_source->url = "https://example.org/a.R";
	struct dep *deps[] = { piped, r_source };

	assert_int_equal(fixture_run(fx, deps, 2, NULL, 0), 0);
	assert_int_equal(fixture_count(fx, "curl-pipe-shell"), 1);
	const struct finding *f = fixture_find(fx, "curl-pipe-shell");
	assert_ptr_equal(f->dep, piped);
	assert_int_equal(f->severity, SEV_MEDIUM);
	assert_non_null(strstr(f->message, "get.example.org"));
	/* and remote-source, an R rule, leaves the shell download alone */
	f = fixture_find(fx, "remote-source");
	assert_non_null(f);
	assert_ptr_equal(f->dep, r_source);
	assert_int_equal(fixture_count(fx, "remote-source"), 1);
}

static void
test_unpinned_honours_constraint_pins_and_locks_beside_the_manifest(void **state)
{
	struct fixture *fx = *state;
	struct dep *loose = fixture_dep(fx, "requests", ">=2");
	struct dep *constraint = fixture_dep(fx, "requests", "==2.31.0");
	constraint->kind = DEP_CONSTRAINT;
	constraint->file = "constraints.txt";
	struct dep *manifest = fixture_dep(fx, "flask", "");
	manifest->file = "app/pyproject.toml";
	struct dep *lock = fixture_dep(fx, "flask", "==3.0.0");
	lock->kind = DEP_LOCK;
	lock->file = "app/poetry.lock";
	lock->normalized = "flask";
	struct dep *elsewhere = fixture_dep(fx, "flask", "");
	elsewhere->file = "other/requirements.txt";
	struct dep *deps[] = { loose, constraint, manifest, lock, elsewhere };

	assert_int_equal(fixture_run(fx, deps, 5, NULL, 0), 0);
	/* only the manifest in another folder than the lock stays unpinned */
	assert_int_equal(fixture_count(fx, "unpinned"), 1);
	assert_ptr_equal(fixture_find(fx, "unpinned")->dep, elsewhere);
}

/*
 * A pin counts where the installer reads it: a -c file for the files pip
 * reads with it (joined by -r and -c, either way), a lock for its own
 * manifest only. Before, one -c file pinned the whole repository and a
 * poetry.lock pinned the requirements.txt beside it.
 */
static void
test_unpinned_pins_reach_only_the_installs_that_read_them(void **state)
{
	struct fixture *fx = *state;
	struct dep *pin = fixture_dep(fx, "requests", "==2.31.0");
	pin->kind = DEP_CONSTRAINT;
	pin->file = "tools/pins.txt";
	struct dep *lint = fixture_dep(fx, "requests", "");
	lint->file = "tools/lint-requirements.txt";
	struct dep *nested = fixture_dep(fx, "requests", "");
	nested->file = "tools/base.txt";            /* read by -r from lint-requirements.txt */
	struct dep *docker = fixture_dep(fx, "requests", ">=2,<3");
	docker->file = "Dockerfile";                /* reads neither */
	docker->kind = DEP_INSTALL_COMMAND;
	struct dep *lock = fixture_dep(fx, "flask", "==3.0.0");
	lock->kind = DEP_LOCK;
	lock->file = "poetry.lock";
	struct dep *project = fixture_dep(fx, "flask", "^3");
	project->file = "pyproject.toml";
	struct dep *beside = fixture_dep(fx, "flask", "");
	beside->file = "requirements.txt";          /* pip never reads poetry.lock */
	struct dep *pipfile_lock = fixture_dep(fx, "click", "==8.1.7");
	pipfile_lock->kind = DEP_LOCK;
	pipfile_lock->file = "svc/Pipfile.lock";
	struct dep *pipfile = fixture_dep(fx, "click", "*");
	pipfile->file = "svc/Pipfile";
	struct dep *pyproject = fixture_dep(fx, "click", "");
	pyproject->file = "svc/pyproject.toml";      /* not Pipfile.lock's manifest */
	struct dep *deps[] = {
		pin, lint, nested, docker, lock, project, beside, pipfile_lock, pipfile, pyproject,
	};
	const struct rules_include incs[] = {
		{ "tools/lint-requirements.txt", "tools/pins.txt", true },
		{ "tools/lint-requirements.txt", "tools/base.txt", false },
	};
	const struct dep *want[] = { docker, beside, pyproject };

	fx->includes = incs;
	fx->n_includes = 2;
	assert_int_equal(fixture_run(fx, deps, sizeof(deps) / sizeof(deps[0]), NULL, 0), 0);
	fx->includes = NULL;
	fx->n_includes = 0;
	assert_int_equal(fixture_count(fx, "unpinned"), 3);
	for (size_t i = 0, k = 0; i < fx->findings.len; i++)
		if (strcmp(fx->findings.items[i].rule->id, "unpinned") == 0)
			assert_ptr_equal(fx->findings.items[i].dep, want[k++]);
}

static void
test_unhashed_lock_flags_index_entries_without_hashes(void **state)
{
	struct fixture *fx = *state;
	static const char *const hashes[] = { "sha256:aa" };
	struct dep *bare = fixture_dep(fx, "requests", "==2.31.0");
	bare->kind = DEP_LOCK;
	struct dep *hashed = fixture_dep(fx, "flask", "==3.0.0");
	hashed->kind = DEP_LOCK;
	hashed->hashes = hashes;
	hashed->n_hashes = 1;
	struct dep *git = fixture_dep(fx, "mylib", "");
	git->kind = DEP_LOCK;
	git->ecosystem = ECO_VCS;
	struct dep *renv = fixture_dep(fx, "dplyr", "==1.1.4");
	renv->kind = DEP_LOCK;
	renv->ecosystem = ECO_CRAN;
	renv->language = LANG_R;
	struct dep *deps[] = { bare, hashed, git, renv };

	assert_int_equal(fixture_run(fx, deps, 4, NULL, 0), 0);
	assert_int_equal(fixture_count(fx, "unhashed-lock"), 1);
	assert_ptr_equal(fixture_find(fx, "unhashed-lock")->dep, bare);
}

static void
test_extra_index_skips_sources_asked_in_order_and_names_declared_ones(void **state)
{
	struct fixture *fx = *state;
	struct index_option *opts[] = {
		fixture_option(fx, OPT_INDEX_SOURCE, "pytorch"),
		fixture_option(fx, OPT_INDEX_SOURCE, "conda-forge"),
		fixture_option(fx, OPT_INDEX_SOURCE, "http://conda.internal/chan"),
		fixture_option(fx, OPT_EXTRA_INDEX_URL, "https://pkgs.corp.example/simple"),
	};
	for (size_t i = 0; i < 3; i++)
		opts[i]->file = "environment.yml";
	opts[3]->file = "sub/pyproject.toml";  /* a Poetry supplemental source */

	assert_int_equal(fixture_run(fx, NULL, 0, opts, 4), 0);
	assert_int_equal(fixture_count(fx, "extra-index"), 1);
	const struct finding *f = fixture_find(fx, "extra-index");
	assert_ptr_equal(f->option, opts[3]);
	assert_non_null(strstr(f->message, "searched beside PyPI"));
	assert_null(strstr(f->message, "--extra-index-url"));
	/* a channel that is not public, and one reached over http: still untrusted */
	assert_int_equal(fixture_count(fx, "untrusted-source"), 3);
	for (size_t i = 0; i < fx->findings.len; i++)
		assert_ptr_not_equal(fx->findings.items[i].option, opts[1]);
	assert_int_equal(fixture_count(fx, "insecure-url"), 1);
	assert_ptr_equal(fixture_find(fx, "insecure-url")->option, opts[2]);
}

static void
test_untrusted_source_flags_declared_sources_only(void **state)
{
	struct fixture *fx = *state;
	struct index_option *opts[] = {
		fixture_option(fx, OPT_INDEX_URL, "https://pypi.org/simple"),
		fixture_option(fx, OPT_EXTRA_INDEX_URL, "https://pkgs.corp.example/simple"),
		fixture_option(fx, OPT_EXTRA_INDEX_URL, "http://mirror.example/simple"),
		fixture_option(fx, OPT_TRUSTED_HOST, "https://pkgs.corp.example/simple"),
		fixture_option(fx, OPT_INDEX_URL, "conda-forge"),
		fixture_option(fx, OPT_EXTRA_INDEX_URL, "https://pkgs.corp.example/simple"),
	};
	for (size_t i = 0; i < 4; i++)
		opts[i]->file = "pyproject.toml";
	opts[4]->file = "env/environment.yml";
	opts[5]->file = "requirements.txt";   /* pip's own option: extra-index reports it */

	assert_int_equal(fixture_run(fx, NULL, 0, opts, 6), 0);
	assert_int_equal(fixture_count(fx, "untrusted-source"), 3);
	size_t high = 0;
	for (size_t i = 0; i < fx->findings.len; i++) {
		const struct finding *f = &fx->findings.items[i];
		if (strcmp(f->rule->id, "untrusted-source") != 0)
			continue;
		assert_ptr_not_equal(f->option, opts[0]);
		assert_ptr_not_equal(f->option, opts[4]);
		assert_ptr_not_equal(f->option, opts[5]);
		high += f->severity == SEV_HIGH;
	}
	assert_int_equal(high, 2);   /* http:// and verify_ssl = false */
}

/* conda's public channels however written; another anaconda.org account is not one */
static void
test_untrusted_source_knows_public_channels_by_url(void **state)
{
	struct fixture *fx = *state;
	static const char *const publics[] = {
		"https://conda.anaconda.org/conda-forge/", "https://conda.anaconda.org/bioconda",
		"https://repo.anaconda.com/pkgs/main/", "https://repo.anaconda.com/pkgs/r",
		"Conda-Forge", "defaults", "https://pypi.org/simple",
	};
	static const char *const others[] = {
		"https://conda.anaconda.org/someone", "https://conda.anaconda.org/",
		"https://repo.anaconda.com/pkgs/", "conda-forge-extra",
		"https://conda.anaconda.org.evil.example/conda-forge",
	};

	for (size_t i = 0; i < sizeof(publics) / sizeof(publics[0]); i++) {
		struct index_option *o = fixture_option(fx, OPT_INDEX_SOURCE, publics[i]);
		o->file = "environment.yml";
		assert_int_equal(fixture_run(fx, NULL, 0, &o, 1), 0);
		if (fixture_find(fx, "untrusted-source"))
			fail_msg("%s flagged", publics[i]);
	}
	for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
		struct index_option *o = fixture_option(fx, OPT_INDEX_SOURCE, others[i]);
		o->file = "environment.yml";
		assert_int_equal(fixture_run(fx, NULL, 0, &o, 1), 0);
		if (!fixture_find(fx, "untrusted-source"))
			fail_msg("%s not flagged", others[i]);
	}
}

static void
test_dynamic_deps_flags_unread_setup_py_lists(void **state)
{
	struct fixture *fx = *state;
	struct dep *dyn = fixture_dep(fx, "", "");
	dyn->dynamic = true;
	dyn->file = "pkg/setup.py";
	/* the setup.py reader's raw text: the keyword, "=", the keyword again
	 * for an expression that is not a name */
	dyn->raw = "install_requires=install_requires";
	struct dep *r_dyn = fixture_dep(fx, "", "");
	r_dyn->dynamic = true;
	r_dyn->language = LANG_R;
	r_dyn->file = "setup.R";
	struct dep *deps[] = { dyn, r_dyn };

	assert_int_equal(fixture_run(fx, deps, 2, NULL, 0), 0);
	assert_int_equal(fixture_count(fx, "dynamic-deps"), 1);
	const struct finding *f = fixture_find(fx, "dynamic-deps");
	assert_int_equal(f->severity, SEV_INFO);
	assert_string_equal(f->message, "install_requires is computed when setup.py runs: not read");
}

static void
test_dynamic_deps_names_the_keyword_once(void **state)
{
	struct fixture *fx = *state;
	struct dep *extras = fixture_dep(fx, "", "");
	struct dep *kwargs = fixture_dep(fx, "", "");
	struct dep *bare = fixture_dep(fx, "", "");
	struct dep *named = fixture_dep(fx, "", "");

	extras->dynamic = kwargs->dynamic = bare->dynamic = named->dynamic = true;
	extras->file = kwargs->file = bare->file = named->file = "setup.py";
	extras->raw = "extras_require=extras_require";
	kwargs->raw = "**=**";
	bare->raw = "";
	/* extras_require={"test": tests_require}: the name it is read from */
	named->raw = "extras_require=tests_require";
	struct dep *deps[] = { extras, kwargs, bare, named };

	assert_int_equal(fixture_run(fx, deps, 4, NULL, 0), 0);
	assert_int_equal(fixture_count(fx, "dynamic-deps"), 4);
	assert_true(fixture_has_message(fx, "dynamic-deps", "extras_require (from tests_require) "
					"is computed when setup.py runs: not read"));
	assert_true(fixture_has_message(fx, "dynamic-deps",
					"extras_require is computed when setup.py runs: not read"));
	assert_true(fixture_has_message(fx, "dynamic-deps", "setup()'s **keyword arguments are "
					"computed when setup.py runs: not read"));
	assert_true(fixture_has_message(fx, "dynamic-deps", "a dependency list is computed when "
					"setup.py runs: not read"));
}

static void
test_local_code_notes_local_paths_and_never_calls_them_unpinned(void **state)
{
	struct fixture *fx = *state;
	struct dep *editable = fixture_dep(fx, "", "");
	editable->ecosystem = ECO_LOCAL;
	editable->editable = true;
	editable->url = ".";
	struct dep *wheel = fixture_dep(fx, "", "");
	wheel->ecosystem = ECO_LOCAL;
	wheel->url = "./dist/pkg-1.0-py3-none-any.whl";
	struct dep *r_local = fixture_dep(fx, "", "");
	r_local->ecosystem = ECO_LOCAL;
	r_local->language = LANG_R;
	r_local->url = "./localpkg";
	struct dep *deps[] = { editable, wheel, r_local };

	assert_int_equal(fixture_run(fx, deps, 3, NULL, 0), 0);
	assert_int_equal(fixture_count(fx, "local-code"), 2);
	assert_int_equal(fixture_count(fx, "unpinned"), 0);
	const struct finding *f = fixture_find(fx, "local-code");
	assert_int_equal(f->severity, SEV_INFO);
	assert_non_null(strstr(f->message, "(editable)"));
	/* -e ../sibling may lie outside the repository: the message does not say where */
	assert_null(strstr(f->message, "this repository"));
}

static void
test_findings_on_documentation_are_one_level_lower(void **state)
{
	struct fixture *fx = *state;
	struct dep *doc = fixture_dep(fx, "urlib3", "");
	doc->kind = DEP_DOCUMENTATION;
	doc->file = "README.md";
	struct dep *manifest = fixture_dep(fx, "urlib3", "");
	struct dep *deps[] = { doc, manifest };

	assert_int_equal(fixture_run(fx, deps, 2, NULL, 0), 0);
	size_t seen = 0;
	for (size_t i = 0; i < fx->findings.len; i++) {
		const struct finding *f = &fx->findings.items[i];
		if (strcmp(f->rule->id, "known-malicious") != 0)
			continue;
		assert_int_equal(f->severity, f->dep == doc ? SEV_HIGH : SEV_CRITICAL);
		seen++;
	}
	assert_int_equal(seen, 2);

	/* the options of a README's command too: the same line's findings step down together */
	struct index_option *opts[] = {
		fixture_option(fx, OPT_EXTRA_INDEX_URL, "https://private.example.com/simple"),
		fixture_option(fx, OPT_EXTRA_INDEX_URL, "https://private.example.com/simple"),
	};
	opts[0]->file = "README.md";
	assert_int_equal(fixture_run(fx, deps, 2, opts, 2), 0);
	seen = 0;
	for (size_t i = 0; i < fx->findings.len; i++) {
		const struct finding *f = &fx->findings.items[i];
		if (strcmp(f->rule->id, "extra-index") != 0)
			continue;
		assert_int_equal(f->severity, f->option == opts[0] ? SEV_MEDIUM : SEV_HIGH);
		seen++;
	}
	assert_int_equal(seen, 2);

	/*
	 * A scan runs the catalog again on what the resolver found, into the
	 * same list: the README's finding stays one level down, not two.
	 */
	struct findings out = { 0 };
	struct dep *resolved = fixture_dep(fx, "click", "==8.1.7");
	resolved->kind = DEP_RESOLVED;
	struct dep *first[] = { doc }, *second[] = { resolved };
	struct rules_input in1 = { .deps = first, .n_deps = 1 };
	struct rules_input in2 = { .deps = second, .n_deps = 1 };
	assert_int_equal(rules_run(&out, &fx->arena, fx->intel, &in1), 0);
	assert_int_equal(rules_run(&out, &fx->arena, fx->intel, &in2), 0);
	seen = 0;
	for (size_t i = 0; i < out.len; i++) {
		if (strcmp(out.items[i].rule->id, "known-malicious") != 0)
			continue;
		assert_int_equal(out.items[i].severity, SEV_HIGH);
		seen++;
	}
	assert_int_equal(seen, 1);
	free(out.items);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unpinned_flags_ranges_and_bare_names),
		cmocka_unit_test(test_unpinned_accepts_pins_hashes_and_skips_non_installs),
		cmocka_unit_test(test_mutable_ref_flags_branches_tags_and_missing_refs),
		cmocka_unit_test(test_mutable_ref_accepts_full_commit_hashes),
		cmocka_unit_test(test_insecure_url_flags_plain_http_in_any_case),
		cmocka_unit_test(test_insecure_url_with_a_hash_is_low),
		cmocka_unit_test(test_insecure_url_checks_index_options),
		cmocka_unit_test(test_extra_index_leaves_pypi_itself_and_declared_sources),
		cmocka_unit_test(test_mutable_ref_flags_forge_archives_of_branches),
		cmocka_unit_test(test_mutable_ref_and_env_var_name_a_variable_ref),
		cmocka_unit_test(test_extra_index_flags_extra_urls_high_and_trusted_hosts_medium),
		cmocka_unit_test(test_extra_index_skips_sources_asked_in_order_and_names_declared_ones),
		cmocka_unit_test(test_env_var_flags_lines_that_pip_fills_from_the_environment),
		cmocka_unit_test(test_env_var_alone_flags_a_word_the_shell_computes),
		cmocka_unit_test(test_curl_pipe_shell_flags_shell_downloads_only),
		cmocka_unit_test(test_unpinned_honours_constraint_pins_and_locks_beside_the_manifest),
		cmocka_unit_test(test_unpinned_pins_reach_only_the_installs_that_read_them),
		cmocka_unit_test(test_unhashed_lock_flags_index_entries_without_hashes),
		cmocka_unit_test(test_untrusted_source_flags_declared_sources_only),
		cmocka_unit_test(test_untrusted_source_knows_public_channels_by_url),
		cmocka_unit_test(test_dynamic_deps_flags_unread_setup_py_lists),
		cmocka_unit_test(test_dynamic_deps_names_the_keyword_once),
		cmocka_unit_test(test_local_code_notes_local_paths_and_never_calls_them_unpinned),
		cmocka_unit_test(test_findings_on_documentation_are_one_level_lower),
	};
	return cmocka_run_group_tests(tests, fixture_setup, fixture_teardown);
}
