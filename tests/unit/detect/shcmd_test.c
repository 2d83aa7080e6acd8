/* Tests for core/lex/shcmd.c: shell words, commands and the install commands in them. */
#include "detect_harness.h"

#include "lex/shcmd.h"

static void
run_len(const char *text, size_t len, enum dep_kind kind)
{
	struct shcmd_opts opts = { .kind = kind };

	src = (struct source){ "ci/build.sh", { text, len } };
	assert_int_equal(shcmd_detect(&out, &src, (struct span){ 0, len }, &opts), 0);
}

#define RUN(lit) run_len((lit), sizeof(lit) - 1, DEP_INSTALL_COMMAND)

static void
expect_pkg(size_t i, const char *name, const char *spec, unsigned line, unsigned column)
{
	const struct dep *d = harness_dep_at(i);

	assert_string_equal(d->name, name);
	assert_string_equal(d->spec, spec);
	assert_int_equal(d->line, line);
	assert_int_equal(d->column, column);
	assert_int_equal(d->language, LANG_PYTHON);
	assert_string_equal(d->file, "ci/build.sh");
}

static void
expect_names(const char *const *names, size_t n)
{
	assert_int_equal(out.n_deps, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(out.deps[i]->name, names[i]);
}

#define NAMES(...) do { \
	static const char *const names_[] = { __VA_ARGS__ }; \
	expect_names(names_, sizeof(names_) / sizeof(names_[0])); \
} while (0)

static void
test_shcmd_reads_pip_install_packages_with_exact_fields(void **state)
{
	(void)state;
	RUN("set -e\npip install requests==2.31.0 Flask_Login\n");
	assert_int_equal(out.n_deps, 2);
	expect_pkg(0, "requests", "==2.31.0", 2, 13);
	expect_pkg(1, "Flask_Login", "", 2, 30);
	const struct dep *d = harness_dep_at(0);
	assert_int_equal(d->ecosystem, ECO_PYPI);
	assert_int_equal(d->kind, DEP_INSTALL_COMMAND);
	assert_string_equal(d->normalized, "requests");
	assert_string_equal(harness_dep_at(1)->normalized, "flask-login");
	assert_string_equal(d->raw, "pip install requests==2.31.0 Flask_Login");
	assert_int_equal(d->at.name_start, 19);
	assert_int_equal(d->at.name_end, 27);
	assert_int_equal(d->at.start, 19);
	assert_int_equal(d->at.end, 35);
	assert_null(d->index_url);
	assert_false(d->extra_index);
	assert_false(d->editable);
	assert_false(d->env_var);
	assert_int_equal(diags.len, 0);
}

static void
test_shcmd_knows_every_installer_spelling(void **state)
{
	(void)state;
	RUN("pip3 install a1\n"
	    "pip3.11 install a2\n"
	    "python -m pip install a3\n"
	    "python3 -m pip install a4\n"
	    "py -3.11 -m pip install a5\n"
	    "/usr/local/bin/python3.12 -I -mpip install a6\n"
	    ".venv/bin/pip install a7\n"
	    "uv pip install a8\n"
	    "uv add a9\n"
	    "poetry add a10\n"
	    "pipx install a11\n"
	    "pipx inject myvenv a12\n"
	    "easy_install a13\n"
	    "$(PIP) install a14\n"
	    "${PYTHON} -m pip install a15\n"
	    "uv --quiet pip install a16\n"
	    "pip --no-cache-dir install a17\n"
	    "pip download notinstalled\n"
	    "python script.py install notinstalled\n"
	    "python -c 'pip install' notinstalled\n"
	    "echo pip install notinstalled\n"
	    "command -v pip\n");
	NAMES("a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10", "a11", "a12", "a13",
	      "a14", "a15", "a16", "a17");
	assert_int_equal(harness_dep_at(2)->column, 23);
	assert_string_equal(harness_dep_at(5)->raw, "/usr/local/bin/python3.12 -I -mpip install a6");
}

static void
test_shcmd_turns_r_and_c_into_includes(void **state)
{
	(void)state;
	RUN("pip install -r requirements.txt --requirement=dev.txt -rci.txt -c constraints.txt x\n");
	assert_int_equal(out.n_includes, 4);
	assert_string_equal(out.includes[0].path, "requirements.txt");
	assert_false(out.includes[0].constraint);
	assert_int_equal(out.includes[0].line, 1);
	assert_int_equal(out.includes[0].column, 16);
	assert_string_equal(out.includes[0].from, "ci/build.sh");
	assert_int_equal(out.includes[0].at.start, 15);
	assert_int_equal(out.includes[0].at.end, 31);
	assert_string_equal(out.includes[1].path, "dev.txt");
	assert_int_equal(out.includes[1].column, 47);
	assert_string_equal(out.includes[2].path, "ci.txt");
	assert_int_equal(out.includes[2].column, 57);
	assert_string_equal(out.includes[3].path, "constraints.txt");
	assert_true(out.includes[3].constraint);
	NAMES("x");
}

static void
expect_include(size_t i, const char *path, const char *cd)
{
	char buf[256];

	assert_true(i < out.n_includes);
	assert_string_equal(out.includes[i].path, path);
	if (!cd)
		assert_null(out.includes[i].cd);
	else
		assert_string_equal(harness_cd_path(out.includes[i].cd, buf, sizeof(buf)), cd);
}

/* -r FILE after `cd DIR` is DIR/FILE; a cd in a subshell ends with it. */
static void
test_shcmd_follows_cd_for_includes(void **state)
{
	(void)state;
	RUN("pip install -r a.txt\n"
	    "cd backend && pip install -r b.txt\n"
	    "(cd docs && pip install -r c.txt); pip install -r d.txt\n"
	    "cd ../api; pip install -r e.txt\n"
	    "echo $(cd x); cd -P y | cat; pip install -r f.txt\n"
	    "if true; then cd -- z; fi; pip install -r g.txt\n"
	    "pushd w; pip install -r h.txt; popd; pip install -r i.txt\n"
	    "cd q; pip install -r j.txt\n");
	assert_int_equal(out.n_includes, 10);
	expect_include(0, "a.txt", NULL);
	expect_include(1, "b.txt", "backend");
	expect_include(2, "c.txt", "backend/docs");
	expect_include(3, "d.txt", "backend");
	expect_include(4, "e.txt", "backend/../api");
	expect_include(5, "f.txt", "backend/../api");   /* $(...) and | run apart */
	expect_include(6, "g.txt", "backend/../api/z");
	expect_include(7, "h.txt", "backend/../api/z/w");
	expect_include(8, "i.txt", NULL);       /* popd: back to where, is not followed */
	expect_include(9, "j.txt", NULL);       /* nor anything after it */
	RUN("(case \"$1\" in dev) cd dev;; prod) cd prod;; esac; pip install -r a.txt)\n"
	    "pip install -r b.txt\n"
	    "(a=(1 2); cd x; pip install -r c.txt); pip install -r d.txt\n"
	    "f() { cd f; pip install -r e.txt; }\n"
	    "function g {\n  cd g\n}\n"
	    "pip install -r h.txt\n"
	    "cd bg & pip install -r i.txt\n"
	    "case $x in\n  a) cd a ;;\nesac\n"
	    "pip install -r j.txt\n");
	assert_int_equal(out.n_includes, 18);
	expect_include(10, "a.txt", "dev/prod");        /* each pattern's cd, as written */
	expect_include(11, "b.txt", NULL);
	expect_include(12, "c.txt", "x");
	expect_include(13, "d.txt", NULL);
	expect_include(14, "e.txt", "f");
	expect_include(15, "h.txt", NULL);      /* a function's cd waits for a call */
	expect_include(16, "i.txt", NULL);
	expect_include(17, "j.txt", "a");       /* outside a subshell a case's cd holds */
	RUN("cd $HOME/x; pip install -r a.txt\n");
	expect_include(0, "a.txt", NULL);
	RUN("cd /srv && pip install -r a.txt\n");
	expect_include(0, "a.txt", NULL);
	RUN("cd; pip install -r a.txt\n");
	expect_include(0, "a.txt", NULL);
}

/* Text of one shell, read in pieces (a GitLab job's lines), keeps its cd. */
static void
test_shcmd_carries_cd_from_one_text_to_the_next(void **state)
{
	struct shcmd_cd cd = { 0 };
	struct shcmd_opts opts = { .kind = DEP_INSTALL_COMMAND, .cd = &cd };
	static const char text[] = "cd api\npip install -r a.txt\n";

	(void)state;
	src = (struct source){ "ci/build.sh", { text, sizeof(text) - 1 } };
	assert_int_equal(shcmd_detect(&out, &src, (struct span){ 0, 7 }, &opts), 0);
	assert_string_equal(cd.at->dir, "api");
	assert_null(cd.at->up);
	assert_int_equal(shcmd_detect(&out, &src, (struct span){ 7, sizeof(text) - 1 }, &opts), 0);
	expect_include(0, "a.txt", "api");
}

static void
test_shcmd_reads_index_options_and_applies_them_to_the_command(void **state)
{
	(void)state;
	RUN("pip install --pre a -i https://mirror.example/simple --extra-index-url=https://extra/ "
	    "--trusted-host mirror.example -f ./wheels --require-hashes --no-index --prefer-binary\n"
	    "pip install b\n");
	assert_int_equal(out.n_options, 8);
	assert_int_equal(out.options[0]->kind, OPT_PRE);
	assert_int_equal(out.options[1]->kind, OPT_INDEX_URL);
	assert_string_equal(out.options[1]->value, "https://mirror.example/simple");
	assert_int_equal(out.options[1]->line, 1);
	assert_int_equal(out.options[1]->column, 21);
	assert_int_equal(out.options[1]->at.name_start, 23);
	assert_int_equal(out.options[2]->kind, OPT_EXTRA_INDEX_URL);
	assert_string_equal(out.options[2]->value, "https://extra/");
	assert_int_equal(out.options[3]->kind, OPT_TRUSTED_HOST);
	assert_string_equal(out.options[3]->value, "mirror.example");
	assert_int_equal(out.options[4]->kind, OPT_FIND_LINKS);
	assert_string_equal(out.options[4]->value, "./wheels");
	assert_int_equal(out.options[5]->kind, OPT_REQUIRE_HASHES);
	assert_int_equal(out.options[6]->kind, OPT_NO_INDEX);
	assert_int_equal(out.options[7]->kind, OPT_PREFER_BINARY);
	assert_string_equal(out.options[7]->raw, out.deps[0]->raw);
	NAMES("a", "b");
	/* --no-index comes after -i: pip uses no index at all */
	assert_null(harness_dep_at(0)->index_url);
	assert_true(harness_dep_at(0)->extra_index);
	assert_null(harness_dep_at(1)->index_url);
	assert_false(harness_dep_at(1)->extra_index);
}

static void
test_shcmd_index_url_reaches_packages_written_before_it(void **state)
{
	(void)state;
	RUN("pip install a --index-url https://private/simple b\n");
	NAMES("a", "b");
	assert_string_equal(harness_dep_at(0)->index_url, "https://private/simple");
	assert_string_equal(harness_dep_at(1)->index_url, "https://private/simple");
}

static void
test_shcmd_skips_option_values_and_flags(void **state)
{
	(void)state;
	RUN("pip install --user -U -q --no-cache-dir --break-system-packages --target DIR -t D2 "
	    "--prefix P --root R --upgrade-strategy eager --python-version 3.11 --platform linux "
	    "-C key=val --config-settings k=v --src S --progress-bar off -qUt D3 real "
	    "--no-deps --upgrade --force-reinstall -I --compile --log L --cache-dir C --timeout 5 "
	    "--retries 2 --proxy P2 --cert C2 --exists-action w real2\n");
	NAMES("real", "real2");
	assert_int_equal(diags.len, 0);
}

static void
test_shcmd_accepts_unique_abbreviations_and_reports_ambiguous_ones(void **state)
{
	(void)state;
	RUN("pip install --extra https://x/ --no-c a\n");
	NAMES("a");
	assert_int_equal(out.n_options, 1);
	assert_int_equal(out.options[0]->kind, OPT_EXTRA_INDEX_URL);
	assert_true(harness_has_diag("ambiguous pip option '--no-c'"));
}

static void
test_shcmd_reports_unknown_options_and_keeps_reading(void **state)
{
	(void)state;
	RUN("pip install --frobnicate a -Z b\npip install -r\n");
	NAMES("a", "b");
	assert_true(harness_has_diag("unknown pip option '--frobnicate'"));
	assert_true(harness_has_diag("unknown pip option '-Z'"));
	assert_true(harness_has_diag("expected a value after --requirement"));
	assert_int_equal(diags.items[0].line, 1);
	assert_int_equal(diags.items[0].column, 13);
}

static void
test_shcmd_splits_chains_and_pipelines(void **state)
{
	(void)state;
	RUN("apt-get update && pip install a || true; pip install b & pip install c | tee log\n"
	    "(pip install d) ; { pip install e; }\n"
	    "if true; then pip install f; fi\n"
	    "for x in 1; do pip install g; done\n");
	NAMES("a", "b", "c", "d", "e", "f", "g");
	assert_string_equal(harness_dep_at(0)->raw, "pip install a");
	assert_string_equal(harness_dep_at(2)->raw, "pip install c");
	assert_int_equal(harness_dep_at(3)->line, 2);
	assert_int_equal(harness_dep_at(3)->column, 14);
}

static void
test_shcmd_follows_line_continuations(void **state)
{
	(void)state;
	RUN("pip install \\\n    a==1 \\\n\tb\\\nc\n");
	NAMES("a", "bc");
	expect_pkg(0, "a", "==1", 2, 5);
	expect_pkg(1, "bc", "", 3, 2);
	assert_string_equal(harness_dep_at(0)->raw, "pip install \\\n    a==1 \\\n\tb\\\nc");
}

static void
test_shcmd_removes_quotes_and_points_at_the_name(void **state)
{
	(void)state;
	RUN("pip install \"requests[socks]>=2.8\" 'flask<3; python_version >= \"3.8\"' \\\"x\\\"y a\\ b\n");
	assert_int_equal(out.n_deps, 2);
	expect_pkg(0, "requests", ">=2.8", 1, 14);
	assert_int_equal(harness_dep_at(0)->n_extras, 1);
	assert_string_equal(harness_dep_at(0)->extras[0], "socks");
	expect_pkg(1, "flask", "<3", 1, 37);
	assert_string_equal(harness_dep_at(1)->marker, "python_version >= \"3.8\"");
	/* "x"y and "a b" are not requirements pip accepts */
	assert_true(diags.len >= 2);
}

static void
test_shcmd_warns_about_an_unquoted_comparison(void **state)
{
	(void)state;
	RUN("pip install numpy>=1.20 scipy\n");
	NAMES("numpy", "scipy");
	assert_string_equal(harness_dep_at(0)->spec, "");
	assert_true(harness_has_diag("shell redirection"));
}

static void
test_shcmd_skips_prefixes_and_assignments(void **state)
{
	(void)state;
	RUN("FOO=1 BAR='x y' pip install a\n"
	    "sudo -H -u root pip install b\n"
	    "sudo -E env -u HOME PIP_INDEX_URL=x pip install c\n"
	    "exec pip install d\n"
	    "time -p pip install e\n"
	    "nohup nice -n 5 timeout 60 pip install f\n"
	    "! pip install g\n");
	NAMES("a", "b", "c", "d", "e", "f", "g");
	assert_string_equal(harness_dep_at(0)->raw, "FOO=1 BAR='x y' pip install a");
}

static void
test_shcmd_reads_urls_paths_and_editables(void **state)
{
	(void)state;
	RUN("pip install git+https://github.com/o/r.git@v1.2#egg=r-pkg "
	    "https://files.example/pkg-1.0.tar.gz ./local . "
	    "-e . --editable git+https://github.com/o/e.git@abc#egg=e "
	    "https://files.example/w/wheelpkg-2.0-py3-none-any.whl "
	    "'named @ https://files.example/named.zip'\n");
	assert_int_equal(out.n_deps, 8);
	const struct dep *d = harness_dep_at(0);
	assert_int_equal(d->ecosystem, ECO_VCS);
	assert_string_equal(d->name, "r-pkg");
	assert_string_equal(d->vcs_ref, "v1.2");
	assert_string_equal(d->url, "git+https://github.com/o/r.git@v1.2#egg=r-pkg");
	assert_int_equal(d->column, 13);
	d = harness_dep_at(1);
	assert_int_equal(d->ecosystem, ECO_URL);
	assert_string_equal(d->url, "https://files.example/pkg-1.0.tar.gz");
	assert_string_equal(d->name, "");
	assert_int_equal(harness_dep_at(2)->ecosystem, ECO_LOCAL);
	assert_string_equal(harness_dep_at(2)->url, "./local");
	assert_int_equal(harness_dep_at(3)->ecosystem, ECO_LOCAL);
	assert_false(harness_dep_at(3)->editable);
	d = harness_dep_at(4);
	assert_int_equal(d->ecosystem, ECO_LOCAL);
	assert_true(d->editable);
	assert_string_equal(d->url, ".");
	d = harness_dep_at(5);
	assert_int_equal(d->ecosystem, ECO_VCS);
	assert_true(d->editable);
	assert_string_equal(d->name, "e");
	assert_string_equal(d->vcs_ref, "abc");
	d = harness_dep_at(6);
	assert_string_equal(d->name, "wheelpkg");
	assert_string_equal(d->spec, "==2.0");
	d = harness_dep_at(7);
	assert_string_equal(d->name, "named");
	assert_int_equal(d->ecosystem, ECO_URL);
	assert_string_equal(d->url, "https://files.example/named.zip");
}

static void
test_shcmd_refuses_an_editable_vcs_url_without_egg(void **state)
{
	(void)state;
	RUN("pip install -e git+https://github.com/o/r.git ok\n");
	NAMES("ok");
	assert_true(harness_has_diag("#egg="));
}

static void
test_shcmd_marks_variables_as_env_var(void **state)
{
	(void)state;
	RUN("pip install $PKG \"requests==${VERSION}\" $(cat reqs.txt) `echo x` plain\n");
	assert_int_equal(out.n_deps, 5);
	assert_true(harness_dep_at(0)->env_var);
	assert_true(harness_dep_at(0)->dynamic);
	assert_string_equal(harness_dep_at(0)->name, "$PKG");
	assert_true(harness_dep_at(1)->env_var);
	assert_false(harness_dep_at(1)->dynamic);
	assert_string_equal(harness_dep_at(1)->name, "requests");
	assert_string_equal(harness_dep_at(1)->spec, "==${VERSION}");
	assert_int_equal(harness_dep_at(1)->column, 19);
	assert_true(harness_dep_at(2)->dynamic);
	assert_true(harness_dep_at(3)->dynamic);
	assert_false(harness_dep_at(4)->env_var);
	assert_int_equal(diags.len, 0);
}

static void
test_shcmd_reads_uv_poetry_pipx_and_easy_install_options(void **state)
{
	(void)state;
	RUN("uv pip install --system -r req.in -e ./lib --index-url https://u/simple -p 3.12 a\n"
	    "uv add --dev --group test --editable ./x 'b>=1' --index https://extra/ --rev v1\n"
	    "poetry add -G dev requests@^2.1 'pendulum[test]@latest' -E s --source priv c\n"
	    "pipx install --python python3.11 --spec git+https://g/o/t.git#egg=tool tool\n"
	    "pipx inject venvname d --index-url https://p/\n"
	    "easy_install -i https://e/ -d /opt f\n");
	NAMES("", "a", "", "b", "requests", "pendulum", "c", "tool", "d", "f");
	assert_int_equal(out.n_includes, 1);
	assert_string_equal(out.includes[0].path, "req.in");
	assert_true(harness_dep_at(0)->editable);
	assert_string_equal(harness_dep_at(0)->name, "");
	assert_string_equal(harness_dep_at(0)->url, "./lib");
	assert_string_equal(harness_dep_at(1)->index_url, "https://u/simple");
	assert_true(harness_dep_at(2)->editable);
	assert_int_equal(harness_dep_at(2)->ecosystem, ECO_LOCAL);
	assert_true(harness_dep_at(3)->editable);
	assert_false(harness_dep_at(3)->extra_index);   /* uv asks --index before PyPI */
	assert_string_equal(harness_dep_at(4)->spec, "^2.1");
	assert_string_equal(harness_dep_at(5)->spec, "latest");
	assert_int_equal(harness_dep_at(5)->n_extras, 1);
	assert_int_equal(harness_dep_at(7)->ecosystem, ECO_VCS);
	assert_string_equal(harness_dep_at(8)->index_url, "https://p/");
	assert_string_equal(harness_dep_at(9)->index_url, "https://e/");
}

static void
test_shcmd_uv_extra_indexes_race_pypi_only_with_best_match(void **state)
{
	(void)state;
	RUN("uv pip install --no-cache-dir --extra-index-url https://x/ a\n"
	    "uv pip install --index-strategy unsafe-best-match --extra-index-url https://y/ b\n"
	    "uv add --index-strategy=first-index --index https://z/ c\n"
	    "pip install --extra-index-url https://w/ d\n");
	NAMES("a", "b", "c", "d");
	assert_int_equal(out.n_options, 4);
	assert_int_equal(out.options[0]->kind, OPT_INDEX_SOURCE);
	assert_false(harness_dep_at(0)->extra_index);
	assert_int_equal(out.options[1]->kind, OPT_EXTRA_INDEX_URL);
	assert_true(harness_dep_at(1)->extra_index);
	assert_int_equal(out.options[2]->kind, OPT_INDEX_SOURCE);
	assert_string_equal(out.options[2]->value, "https://z/");
	assert_false(harness_dep_at(2)->extra_index);
	assert_int_equal(out.options[3]->kind, OPT_EXTRA_INDEX_URL);
	assert_true(harness_dep_at(3)->extra_index);
	assert_int_equal(diags.len, 0);
}

static void
test_shcmd_does_not_look_for_files_named_when_the_command_runs(void **state)
{
	(void)state;
	RUN("pip install -r \"$REQS\" -c ${DIR}/c.txt -r \"$(ls req*.txt)\" -r plain.txt a\n");
	NAMES("a");
	assert_int_equal(out.n_includes, 1);
	assert_string_equal(out.includes[0].path, "plain.txt");
	assert_true(harness_has_diag("requirement file named when the command runs ('$REQS')"));
	assert_true(harness_has_diag("constraint file named when the command runs ('${DIR}/c.txt')"));
	assert_true(harness_has_diag("('$(ls req*.txt)')"));
	for (size_t i = 0; i < diags.len; i++)
		assert_int_equal(diags.items[i].level, DIAG_NOTE);
}

static void
test_shcmd_ignores_comments_and_heredoc_bodies(void **state)
{
	(void)state;
	RUN("# pip install no1\n"
	    "pip install a # b\n"
	    "cat <<EOF > f\npip install no2\nEOF\n"
	    "cat <<-'END'\n\tpip install no3\n\tEND\n"
	    "pip install c#notacomment\n"
	    "cat <<< 'pip install no4'\n");
	/* a '#' inside a word is part of it: pip refuses "c#notacomment" */
	NAMES("a");
	assert_int_equal(diags.len, 1);
	assert_int_equal(diags.items[0].line, 9);
	assert_int_equal(diags.items[0].column, 14);
}

static void
test_shcmd_reads_shell_strings_with_their_positions(void **state)
{
	(void)state;
	RUN("bash -c 'pip install a && pip install b'\nsu -c \"pip install c\" root\n");
	NAMES("a", "b", "c");
	assert_int_equal(harness_dep_at(0)->column, 22);
	assert_int_equal(harness_dep_at(1)->column, 39);
	assert_int_equal(harness_dep_at(2)->line, 2);
	assert_int_equal(harness_dep_at(2)->column, 20);
}

static void
expect_remote(size_t i, const char *url, unsigned line, unsigned column)
{
	const struct dep *d = harness_dep_at(i);

	assert_int_equal(d->ecosystem, ECO_URL);
	assert_int_equal(d->kind, DEP_REMOTE_SOURCE);
	assert_int_equal(d->language, LANG_SHELL);
	assert_string_equal(d->name, url);
	assert_string_equal(d->url, url);
	assert_int_equal(d->line, line);
	assert_int_equal(d->column, column);
}

static void
test_shcmd_finds_downloads_run_by_a_shell(void **state)
{
	(void)state;
	RUN("curl -fsSL https://get.example/install.sh | sh\n"
	    "wget -qO- https://w.example/i | bash\n"
	    "curl -sSL -H 'X: y' https://s.example/x | sudo -E bash -s -- --yes\n"
	    "curl https://p.example/get-pip.py | python3 -\n"
	    "sh -c \"$(curl -fsSL https://omz.example/install.sh)\"\n"
	    "bash <(curl -s https://ps.example/x.sh)\n"
	    "curl -o out.tgz https://safe.example/a.tgz\n"
	    "curl -L https://safe.example/b.tgz | tar xz\n"
	    "curl -s sh.rustup.rs | sh\n");
	assert_int_equal(out.n_deps, 7);
	expect_remote(0, "https://get.example/install.sh", 1, 12);
	expect_remote(1, "https://w.example/i", 2, 11);
	expect_remote(2, "https://s.example/x", 3, 21);
	expect_remote(3, "https://p.example/get-pip.py", 4, 6);
	expect_remote(4, "https://omz.example/install.sh", 5, 21);
	expect_remote(5, "https://ps.example/x.sh", 6, 16);
	expect_remote(6, "sh.rustup.rs", 9, 9);
	assert_string_equal(harness_dep_at(0)->raw, "curl -fsSL https://get.example/install.sh");
}

static void
test_shcmd_passes_the_kind_through(void **state)
{
	(void)state;
	run_len("pip install a\n", 14, DEP_DOCUMENTATION);
	assert_int_equal(harness_dep_at(0)->kind, DEP_DOCUMENTATION);
}

static void
test_shcmd_reports_an_unterminated_quote_and_reads_on(void **state)
{
	(void)state;
	RUN("pip install 'a\npip install b\npip install \"c\n");
	assert_true(harness_has_diag("unterminated single quote"));
	assert_int_equal(diags.items[0].line, 1);
	assert_int_equal(diags.items[0].column, 13);
	/* no quote closes either: line 2 is read, line 3 is not */
	NAMES("b");
	assert_true(harness_has_diag("unterminated double quote"));
}

static void
test_shcmd_skips_what_nested_expansions_hold(void **state)
{
	static const char *const lines[] = {
		"pip install \"${A:-\"}\"}\" ok\n",     /* bash: } ok */
		"pip install ${A:-`echo }`} ok\n",        /* } ok */
		"pip install $(echo ${A:-)}) ok\n",       /* ) ok */
		"pip install \"${A:-'}'}\" ok\n",        /* '}' ok */
		"pip install \"$(echo \")\")\" ok\n",    /* ) ok */
	};

	(void)state;
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		size_t before = out.n_deps;

		run_len(lines[i], strlen(lines[i]), DEP_INSTALL_COMMAND);
		assert_int_equal(diags.len, 0);
		assert_int_equal(out.n_deps, before + 2);
		assert_true(out.deps[before]->env_var || out.deps[before]->dynamic);
		assert_string_equal(out.deps[before + 1]->name, "ok");
	}
}

static void
test_shcmd_recovers_after_an_unterminated_substitution(void **state)
{
	(void)state;
	RUN("pip install $(echo a\npip install b\n");
	assert_true(harness_has_diag("unterminated $("));
	NAMES("b");
}

static void
test_shcmd_survives_a_megabyte_word(void **state)
{
	(void)state;
	size_t n = 1 << 20;
	char *text = malloc(n + 40);
	assert_non_null(text);
	memcpy(text, "pip install ", 12);
	memset(text + 12, 'a', n);
	memcpy(text + 12 + n, " ok\n", 4);
	run_len(text, 12 + n + 4, DEP_INSTALL_COMMAND);
	NAMES("ok");
	assert_true(harness_has_diag("a word longer than"));
	free(text);
}

static void
test_shcmd_survives_a_megabyte_of_words(void **state)
{
	(void)state;
	size_t n = 1 << 20;
	char *text = malloc(n + 20);
	assert_non_null(text);
	memcpy(text, "pip install ", 12);
	for (size_t i = 12; i < 12 + n; i += 2) {
		text[i] = 'a';
		text[i + 1] = ' ';
	}
	run_len(text, 12 + n, DEP_INSTALL_COMMAND);
	assert_int_equal(out.n_deps, SHCMD_MAX_WORDS - 2);
	assert_int_equal(harness_dep_at(100)->column, 213);
	assert_true(harness_has_diag("more than"));
	free(text);
}

static void
test_shcmd_reports_a_nul_byte_in_a_requirement(void **state)
{
	(void)state;
	run_len("pip install re\0quests flask\n", 28, DEP_INSTALL_COMMAND);
	NAMES("flask");
	assert_true(diags.len >= 1);
	assert_int_equal(diags.items[0].line, 1);
}

static void
test_shcmd_reads_a_mapped_text(void **state)
{
	(void)state;
	static const char text[] = "RUN [\"pip\", \"install\", \"x\"]";
	/* "pip install x" built from the JSON strings, each byte pointing back */
	static const char joined[] = "pip install x";
	size_t map[13] = { 6, 7, 8, 9, 13, 14, 15, 16, 17, 18, 19, 20, 25 };
	struct shcmd_opts opts = { .kind = DEP_INSTALL_COMMAND };
	src = (struct source){ "Dockerfile", { text, sizeof(text) - 1 } };
	assert_int_equal(shcmd_detect_mapped(&out, &src, sv_make(joined, 13), map, &opts), 0);
	NAMES("x");
	assert_int_equal(harness_dep_at(0)->column, 26);
	assert_int_equal(harness_dep_at(0)->at.name_start, 25);
}

static void
test_shcmd_reads_only_its_region(void **state)
{
	(void)state;
	static const char text[] = "pip install no\nrun: pip install yes\npip install no2\n";
	struct shcmd_opts opts = { .kind = DEP_INSTALL_COMMAND };
	src = (struct source){ "x.yml", { text, sizeof(text) - 1 } };
	assert_int_equal(shcmd_detect(&out, &src, (struct span){ 20, 35 }, &opts), 0);
	NAMES("yes");
	assert_int_equal(harness_dep_at(0)->line, 2);
	assert_int_equal(harness_dep_at(0)->column, 18);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		HARNESS_TEST(test_shcmd_reads_pip_install_packages_with_exact_fields),
		HARNESS_TEST(test_shcmd_knows_every_installer_spelling),
		HARNESS_TEST(test_shcmd_turns_r_and_c_into_includes),
		HARNESS_TEST(test_shcmd_reads_index_options_and_applies_them_to_the_command),
		HARNESS_TEST(test_shcmd_index_url_reaches_packages_written_before_it),
		HARNESS_TEST(test_shcmd_skips_option_values_and_flags),
		HARNESS_TEST(test_shcmd_accepts_unique_abbreviations_and_reports_ambiguous_ones),
		HARNESS_TEST(test_shcmd_reports_unknown_options_and_keeps_reading),
		HARNESS_TEST(test_shcmd_splits_chains_and_pipelines),
		HARNESS_TEST(test_shcmd_follows_line_continuations),
		HARNESS_TEST(test_shcmd_removes_quotes_and_points_at_the_name),
		HARNESS_TEST(test_shcmd_warns_about_an_unquoted_comparison),
		HARNESS_TEST(test_shcmd_skips_prefixes_and_assignments),
		HARNESS_TEST(test_shcmd_reads_urls_paths_and_editables),
		HARNESS_TEST(test_shcmd_refuses_an_editable_vcs_url_without_egg),
		HARNESS_TEST(test_shcmd_marks_variables_as_env_var),
		HARNESS_TEST(test_shcmd_reads_uv_poetry_pipx_and_easy_install_options),
		HARNESS_TEST(test_shcmd_uv_extra_indexes_race_pypi_only_with_best_match),
		HARNESS_TEST(test_shcmd_does_not_look_for_files_named_when_the_command_runs),
		HARNESS_TEST(test_shcmd_ignores_comments_and_heredoc_bodies),
		HARNESS_TEST(test_shcmd_reads_shell_strings_with_their_positions),
		HARNESS_TEST(test_shcmd_finds_downloads_run_by_a_shell),
		HARNESS_TEST(test_shcmd_passes_the_kind_through),
		HARNESS_TEST(test_shcmd_reports_an_unterminated_quote_and_reads_on),
		HARNESS_TEST(test_shcmd_skips_what_nested_expansions_hold),
		HARNESS_TEST(test_shcmd_recovers_after_an_unterminated_substitution),
		HARNESS_TEST(test_shcmd_survives_a_megabyte_word),
		HARNESS_TEST(test_shcmd_survives_a_megabyte_of_words),
		HARNESS_TEST(test_shcmd_reports_a_nul_byte_in_a_requirement),
		HARNESS_TEST(test_shcmd_reads_a_mapped_text),
		HARNESS_TEST(test_shcmd_reads_only_its_region),
		HARNESS_TEST(test_shcmd_follows_cd_for_includes),
		HARNESS_TEST(test_shcmd_carries_cd_from_one_text_to_the_next),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
