/* Tests for core/detect/rscript.c and the R call finder (rcall*.c): what each R call declares. */
#include <stdio.h>

#include "detect_harness.h"
static void
detect_len(const char *text, size_t len)
{
	harness_detect(detect_rscript, "analysis/run.R", text, len);
	for (size_t i = 0; i < out.n_deps; i++) {
		assert_int_equal(out.deps[i]->language, LANG_R);
		assert_string_equal(out.deps[i]->file, "analysis/run.R");
		assert_string_equal(out.deps[i]->marker, "");
	}
}

#define DETECT(lit) detect_len((lit), sizeof(lit) - 1)

/* The @nth (0-based) declaration of @kind named @name; fails when absent. */
static const struct dep *
nth_dep(enum dep_kind kind, const char *name, size_t nth)
{
	for (size_t i = 0; i < out.n_deps; i++)
		if (out.deps[i]->kind == kind && strcmp(out.deps[i]->name, name) == 0 && nth-- == 0)
			return out.deps[i];
	fail_msg("no %s declaration named '%s'", dep_kind_str(kind), name);
	return NULL;
}

static const struct dep *
find_dep(enum dep_kind kind, const char *name)
{
	return nth_dep(kind, name, 0);
}

static size_t
count_kind(enum dep_kind kind)
{
	size_t n = 0;

	for (size_t i = 0; i < out.n_deps; i++)
		n += out.deps[i]->kind == kind;
	return n;
}

#define assert_null_str(s) assert_null((const void *)(s))

static void
test_rscript_matches_r_files_and_rprofile(void **state)
{
	(void)state;
	assert_true(rscript_matches("a/b/run.R"));
	assert_true(rscript_matches("run.r"));
	assert_true(rscript_matches(".Rprofile"));
	assert_true(rscript_matches("proj/.Rprofile"));
	assert_false(rscript_matches("run.Rmd"));
	assert_false(rscript_matches("R"));
	assert_false(rscript_matches(".R/x.py"));
	assert_false(rscript_matches("Rprofile"));
}

static void
test_library_and_require_declare_quoted_and_bare_names(void **state)
{
	(void)state;
	DETECT("# library(commented)\n"
	       "library(dplyr)\n"
	       "require(\"ggplot2\")\n"
	       "  suppressMessages(library(data.table, quietly = TRUE))\n"
	       "x <- 'library(instring)'\n");
	assert_int_equal(out.n_deps, 3);
	const struct dep *d = find_dep(DEP_LIBRARY_CALL, "dplyr");
	assert_int_equal(d->ecosystem, ECO_CRAN);
	assert_string_equal(d->normalized, "dplyr");
	assert_string_equal(d->spec, "");
	assert_null_str(d->url);
	assert_null_str(d->vcs_ref);
	assert_null_str(d->package);
	assert_false(d->dynamic);
	harness_assert_at(d, 2, 9);
	assert_string_equal(d->raw, "library(dplyr)");
	d = find_dep(DEP_LIBRARY_CALL, "ggplot2");
	harness_assert_at(d, 3, 9);
	assert_int_equal(d->at.name_end - d->at.name_start, 7);
	d = find_dep(DEP_LIBRARY_CALL, "data.table");
	harness_assert_at(d, 4, 28);
	assert_string_equal(d->raw, "library(data.table, quietly = TRUE)");
}

static void
test_library_matches_arguments_by_name_partial_name_and_position(void **state)
{
	(void)state;
	DETECT("library(package = \"tidyr\")\n"
	       "library(quietly = TRUE, purrr)\n"
	       "require(pack = \"stringr\")\n"
	       "library(help = \"notloaded\")\n"
	       "library()\n");
	assert_int_equal(out.n_deps, 3);
	harness_assert_at(find_dep(DEP_LIBRARY_CALL, "tidyr"), 1, 19);
	harness_assert_at(find_dep(DEP_LIBRARY_CALL, "purrr"), 2, 25);
	harness_assert_at(find_dep(DEP_LIBRARY_CALL, "stringr"), 3, 16);
}

static void
test_namespaces_and_pkg_colons_declare_first_use_only(void **state)
{
	(void)state;
	DETECT("requireNamespace(\"jsonlite\", quietly = TRUE)\n"
	       "loadNamespace('httr')\n"
	       "x <- stats::median(1:3)\n"
	       "y <- stats::sd(x) + utils:::head(x)\n"
	       "z <- stats::var\n");
	assert_int_equal(out.n_deps, 4);
	harness_assert_at(find_dep(DEP_LIBRARY_CALL, "jsonlite"), 1, 18);
	harness_assert_at(find_dep(DEP_LIBRARY_CALL, "httr"), 2, 15);
	const struct dep *d = find_dep(DEP_LIBRARY_CALL, "stats");
	harness_assert_at(d, 3, 6);
	assert_int_equal(d->ecosystem, ECO_CRAN);
	assert_string_equal(d->raw, "stats::median(1:3)");
	harness_assert_at(find_dep(DEP_LIBRARY_CALL, "utils"), 4, 21);
}

static void
test_character_only_resolves_a_constant_or_is_dynamic(void **state)
{
	(void)state;
	DETECT("pkg <- \"forcats\"\n"
	       "library(pkg, character.only = TRUE)\n"
	       "library(\"lubridate\", character.only = TRUE)\n"
	       "require(other, character.only = TRUE)\n"
	       "other <- readline()\n"
	       "for (p in c(\"lp1\", \"lp2\")) library(p, character.only = TRUE)\n"
	       "lapply(c(\"la1\"), require, character.only = TRUE)\n");
	const struct dep *d = find_dep(DEP_LIBRARY_CALL, "forcats");
	harness_assert_at(d, 2, 9);
	assert_false(d->dynamic);
	harness_assert_at(find_dep(DEP_LIBRARY_CALL, "lubridate"), 3, 9);
	d = find_dep(DEP_LIBRARY_CALL, "");
	assert_true(d->dynamic);
	harness_assert_at(d, 4, 9);
	assert_int_equal(diags.len, 1);
	assert_int_equal(diags.items[0].level, DIAG_NOTE);
	assert_string_equal(diags.items[0].message,
			    "dynamic package name: not known before the code runs");
	assert_int_equal(diags.items[0].line, 4);
	harness_assert_at(find_dep(DEP_LIBRARY_CALL, "lp1"), 6, 36);
	harness_assert_at(find_dep(DEP_LIBRARY_CALL, "lp2"), 6, 36);
	harness_assert_at(find_dep(DEP_LIBRARY_CALL, "la1"), 7, 10);
	assert_int_equal(out.n_deps, 6);
}

/*
 * The usual "install what is missing" idiom: inside lapply's function (and
 * sapply, purrr's walk, a \(x) lambda, a ~ formula) the parameter is each
 * element of the vector, whatever that name holds elsewhere.
 */
static void
test_apply_functions_bind_their_parameter_to_the_vector(void **state)
{
	(void)state;
	DETECT("packages = c(\"here\", \"readr\")\n"
	       "package.check <- lapply(packages, FUN = function(x) {\n"
	       "  if (!require(x, character.only = TRUE)) {\n"
	       "    install.packages(x, dependencies = TRUE)\n"
	       "  }\n"
	       "})\n"
	       "x <- \"glue\"\n"
	       "library(x, character.only = TRUE)\n"
	       "invisible(sapply(c(\"fs\"), \\(p) install.packages(p)))\n"
	       "purrr::walk(c(\"zoo\"), ~ install.packages(.x))\n"
	       "lapply(unknown_list, function(p) library(p, character.only = TRUE))\n"
	       "for (p in c(\"lp1\")) library(p, character.only = TRUE)\n");
	harness_assert_at(find_dep(DEP_LIBRARY_CALL, "here"), 3, 16);
	harness_assert_at(find_dep(DEP_LIBRARY_CALL, "readr"), 3, 16);
	harness_assert_at(find_dep(DEP_INSTALL_COMMAND, "here"), 4, 22);
	harness_assert_at(find_dep(DEP_INSTALL_COMMAND, "readr"), 4, 22);
	/* outside the function, x is the global one */
	harness_assert_at(find_dep(DEP_LIBRARY_CALL, "glue"), 8, 9);
	harness_assert_at(find_dep(DEP_INSTALL_COMMAND, "fs"), 9, 49);
	harness_assert_at(find_dep(DEP_INSTALL_COMMAND, "zoo"), 10, 42);
	/* p bound to an unknown list in one function does not spoil the loop's p */
	harness_assert_at(find_dep(DEP_LIBRARY_CALL, "lp1"), 12, 29);
	assert_true(find_dep(DEP_LIBRARY_CALL, "")->dynamic);
	assert_int_equal(diags.len, 1);
	assert_int_equal(diags.items[0].line, 11);
}

/*
 * The "ipak" and "pkgTest" idioms: a function the file defines installs its
 * parameter, and the file calls it with the names (or hands it to sapply).
 */
static void
test_functions_the_file_defines_take_what_their_calls_pass(void **state)
{
	(void)state;
	DETECT("ipak <- function(pkg){\n"
	       "  new.pkg <- pkg[!(pkg %in% installed.packages()[, \"Package\"])]\n"
	       "  if (length(new.pkg)) install.packages(new.pkg, dependencies = TRUE)\n"
	       "}\n"
	       "ipak(c(\"ggplot2\", \"plyr\"))\n"
	       "pkgTest <- function(x, try = FALSE) install.packages(x)\n"
	       "pkgTest(\"dplyr\")\n"
	       "pkgTest(try = TRUE, x = \"tidyr\")\n"
	       "sapply(list(\"zoo\"), pkgTest); sapply(as.list(c(\"xts\")), pkgTest)\n"
	       "loader <- function(p) library(p, character.only = TRUE)\n"
	       "loader(readline())\n"
	       "withdefault <- function(p = \"rlang\") library(p, character.only = TRUE)\n"
	       "withdefault()\n");
	static const char *const installed[] = { "ggplot2", "plyr", "dplyr", "tidyr", "zoo", "xts" };
	for (size_t i = 0; i < 6; i++)
		assert_false(find_dep(DEP_INSTALL_COMMAND, installed[i])->dynamic);
	harness_assert_at(find_dep(DEP_INSTALL_COMMAND, "ggplot2"), 3, 41);
	harness_assert_at(find_dep(DEP_INSTALL_COMMAND, "zoo"), 6, 54);
	harness_assert_at(find_dep(DEP_LIBRARY_CALL, "rlang"), 12, 46);
	/* a call passing what only the run knows: the parameter is unknown */
	assert_true(find_dep(DEP_LIBRARY_CALL, "")->dynamic);
	assert_int_equal(diags.len, 1);
	assert_int_equal(diags.items[0].line, 10);
}

/* Where a parameter is not just what the calls pass, nothing is made up. */
static bool
declared(const char *name)
{
	for (size_t i = 0; i < out.n_deps; i++)
		if (strcmp(out.deps[i]->name, name) == 0)
			return true;
	return false;
}

static void
test_parameters_are_not_guessed(void **state)
{
	(void)state;
	DETECT("ipak <- function(pkg) install.packages(pkg)\n"
	       "ipak(\"a\"); ipak(\"a\"); ipak(c(\"a\", \"b\"))\n"
	       "load_pkg <- function(name) { name <- paste0(\"my\", name); library(name, character.only = TRUE) }\n"
	       "load_pkg(\"plot\")\n"
	       "load <- function(p) library(p, character.only = TRUE)\n"
	       "load(\"dplyr\"); base::load(\"results.rda\")\n"
	       "outer <- function(p) Map(function(p) library(p, character.only = TRUE), c(\"inner1\"))\n"
	       "outer(\"outerval\")\n"
	       "g <- function(p = \"neverused\") library(p, character.only = TRUE)\n"
	       "g(\"used\")\n"
	       "h <- function(p) library(p, character.only = TRUE)\n"
	       "h <- function(p) file.exists(p)\n"
	       "h(\"datafile\")\n");
	size_t a = 0;
	for (size_t i = 0; i < out.n_deps; i++)
		a += strcmp(out.deps[i]->name, "a") == 0;
	assert_int_equal(a, 1);                 /* each name once */
	assert_true(declared("b"));
	assert_true(declared("dplyr"));
	assert_true(declared("used"));
	static const char *const never[] = { "plot", "myplot", "results.rda", "outerval", "inner1",
		"neverused", "datafile" };
	for (size_t i = 0; i < sizeof(never) / sizeof(never[0]); i++)
		if (declared(never[i]))
			fail_msg("%s declared", never[i]);
}

static void
test_pacman_xfun_and_box_declare_each_package(void **state)
{
	(void)state;
	DETECT("pacman::p_load(readr, \"stringr\", char = c(\"glue\"))\n"
	       "xfun::pkg_attach(c(\"knitr\", \"rmarkdown\"), \"yaml\")\n"
	       "box::use(purrr, glue2/mod, alias = rlang[abort], ./local, ../up)\n");
	const char *names[] = { "pacman", "readr", "stringr", "glue", "xfun", "knitr",
				"rmarkdown", "yaml", "box", "purrr", "glue2", "rlang" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		assert_int_equal(find_dep(DEP_LIBRARY_CALL, names[i])->ecosystem, ECO_CRAN);
	assert_int_equal(out.n_deps, 12);
	harness_assert_at(find_dep(DEP_LIBRARY_CALL, "readr"), 1, 16);
	harness_assert_at(find_dep(DEP_LIBRARY_CALL, "rmarkdown"), 2, 29);
	harness_assert_at(find_dep(DEP_LIBRARY_CALL, "rlang"), 3, 36);
}

static void
test_install_packages_declares_each_name_with_its_repositories(void **state)
{
	(void)state;
	DETECT("install.packages(\"a1\")\n"
	       "install.packages(c(\"b1\", \"b2\"),\n"
	       "  repos = c(CRAN = \"https://cloud.r-project.org\", \"http://my.repo/r\"))\n"
	       "install.packages(repos = \"https://x.r-universe.dev\", pkgs = \"c1\")\n");
	const struct dep *d = find_dep(DEP_INSTALL_COMMAND, "a1");
	assert_int_equal(d->ecosystem, ECO_CRAN);
	assert_null_str(d->index_url);
	harness_assert_at(d, 1, 18);
	d = find_dep(DEP_INSTALL_COMMAND, "b2");
	harness_assert_at(d, 2, 26);
	assert_string_equal(d->index_url, "https://cloud.r-project.org");
	assert_string_equal(d->raw, "install.packages(c(\"b1\", \"b2\"),\n  repos = c(CRAN = "
			    "\"https://cloud.r-project.org\", \"http://my.repo/r\"))");
	assert_string_equal(find_dep(DEP_INSTALL_COMMAND, "c1")->index_url,
			    "https://x.r-universe.dev");
	assert_int_equal(out.n_deps, 4);
	assert_int_equal(out.n_options, 3);
	assert_int_equal(out.options[0]->kind, OPT_R_REPOS);
	assert_string_equal(out.options[0]->value, "https://cloud.r-project.org");
	assert_int_equal(out.options[0]->line, 3);
	assert_int_equal(out.options[0]->column, 20);
	assert_string_equal(out.options[1]->value, "http://my.repo/r");
	assert_string_equal(out.options[2]->value, "https://x.r-universe.dev");
}

static void
test_install_packages_without_repos_installs_files(void **state)
{
	(void)state;
	DETECT("install.packages(\"./pkg_1.0.tar.gz\", repos = NULL, type = \"source\")\n"
	       "install.packages(\"https://x.org/p_1.tar.gz\", repos = NULL)\n"
	       "pkgs <- c(\"s1\", \"s2\")\n"
	       "new <- pkgs[!(pkgs %in% installed.packages()[, \"Package\"])]\n"
	       "if (length(new)) install.packages(new)\n"
	       "install.packages(unknown_fn())\n");
	const struct dep *d = find_dep(DEP_INSTALL_COMMAND, "./pkg_1.0.tar.gz");
	assert_int_equal(d->ecosystem, ECO_LOCAL);
	assert_string_equal(d->url, "./pkg_1.0.tar.gz");
	d = find_dep(DEP_INSTALL_COMMAND, "https://x.org/p_1.tar.gz");
	assert_int_equal(d->ecosystem, ECO_URL);
	harness_assert_at(find_dep(DEP_INSTALL_COMMAND, "s1"), 5, 35);
	harness_assert_at(find_dep(DEP_INSTALL_COMMAND, "s2"), 5, 35);
	d = find_dep(DEP_INSTALL_COMMAND, "");
	assert_true(d->dynamic);
	assert_int_equal(d->ecosystem, ECO_CRAN);
	assert_int_equal(out.n_options, 0);
}

static void
test_install_github_reads_every_ref_form(void **state)
{
	(void)state;
	DETECT("devtools::install_github(\"owner/repo@main\")\n"
	       "remotes::install_github(\"o2/r2\", ref = \"dev\")\n"
	       "remotes::install_github(repo = \"pk=o3/r3/sub#12\")\n"
	       "remotes::install_github(\"o4/r4\")\n"
	       "devtools::install_github(\"o5/r5\", \"v1.0\", subdir = \"pkg\")\n");
	const struct dep *d = find_dep(DEP_INSTALL_COMMAND, "owner/repo");
	assert_int_equal(d->ecosystem, ECO_GITHUB);
	assert_string_equal(d->spec, "main");
	assert_string_equal(d->vcs_ref, "main");
	assert_string_equal(d->url, "https://github.com/owner/repo");
	assert_null_str(d->package);
	assert_null_str(d->subdir);
	harness_assert_at(d, 1, 26);
	assert_string_equal(d->raw, "devtools::install_github(\"owner/repo@main\")");
	d = find_dep(DEP_INSTALL_COMMAND, "o2/r2");
	assert_string_equal(d->spec, "dev");
	assert_string_equal(d->vcs_ref, "dev");
	d = find_dep(DEP_INSTALL_COMMAND, "o3/r3");
	assert_string_equal(d->spec, "#12");
	assert_string_equal(d->vcs_ref, "#12");
	assert_string_equal(d->package, "pk");
	assert_string_equal(d->subdir, "sub");
	harness_assert_at(d, 3, 32);
	d = find_dep(DEP_INSTALL_COMMAND, "o4/r4");
	assert_string_equal(d->spec, "");
	assert_null_str(d->vcs_ref);
	d = find_dep(DEP_INSTALL_COMMAND, "o5/r5");
	assert_string_equal(d->spec, "v1.0");
	assert_string_equal(d->subdir, "pkg");
	/* devtools and remotes are used through :: */
	assert_int_equal(count_kind(DEP_LIBRARY_CALL), 2);
	assert_int_equal(count_kind(DEP_INSTALL_COMMAND), 5);
}

static void
test_bare_install_github_counts_once_devtools_is_loaded(void **state)
{
	(void)state;
	DETECT("install_github(\"early/repo\")\n"
	       "library(devtools)\n"
	       "install_github(\"late/repo\")\n"
	       "install_gitlab(\"gl/proj@v1\")\n"
	       "install_bitbucket(\"bb/proj\", ref = \"abc\")\n");
	assert_int_equal(count_kind(DEP_INSTALL_COMMAND), 3);
	assert_int_equal(find_dep(DEP_INSTALL_COMMAND, "late/repo")->ecosystem, ECO_GITHUB);
	const struct dep *d = find_dep(DEP_INSTALL_COMMAND, "gl/proj");
	assert_int_equal(d->ecosystem, ECO_GITLAB);
	assert_string_equal(d->spec, "v1");
	assert_string_equal(d->url, "https://gitlab.com/gl/proj");
	d = find_dep(DEP_INSTALL_COMMAND, "bb/proj");
	assert_int_equal(d->ecosystem, ECO_BITBUCKET);
	assert_string_equal(d->vcs_ref, "abc");
	assert_string_equal(d->url, "https://bitbucket.org/bb/proj");
}

static void
test_install_git_url_local_version_and_cran(void **state)
{
	(void)state;
	DETECT("library(remotes)\n"
	       "install_git(\"https://git.example.com/x.git\", ref = \"abc\")\n"
	       "install_url(\"https://x.org/p.tar.gz\")\n"
	       "install_local(\"../pkg\")\n"
	       "install_version(\"ggplot2\", version = \"3.3.0\", repos = \"https://r.example\")\n"
	       "remotes::install_version(\"dplyr\", \">= 1.0.0\")\n"
	       "install_cran(\"cranpkg\")\n");
	const struct dep *d = find_dep(DEP_INSTALL_COMMAND, "https://git.example.com/x.git");
	assert_int_equal(d->ecosystem, ECO_VCS);
	assert_string_equal(d->url, "https://git.example.com/x.git");
	assert_string_equal(d->spec, "abc");
	assert_string_equal(d->vcs_ref, "abc");
	d = find_dep(DEP_INSTALL_COMMAND, "https://x.org/p.tar.gz");
	assert_int_equal(d->ecosystem, ECO_URL);
	assert_string_equal(d->url, "https://x.org/p.tar.gz");
	d = find_dep(DEP_INSTALL_COMMAND, "../pkg");
	assert_int_equal(d->ecosystem, ECO_LOCAL);
	assert_string_equal(d->url, "../pkg");
	d = find_dep(DEP_INSTALL_COMMAND, "ggplot2");
	assert_int_equal(d->ecosystem, ECO_CRAN);
	assert_string_equal(d->spec, "==3.3.0");
	assert_string_equal(d->index_url, "https://r.example");
	assert_string_equal(find_dep(DEP_INSTALL_COMMAND, "dplyr")->spec, ">=1.0.0");
	d = find_dep(DEP_INSTALL_COMMAND, "cranpkg");
	assert_int_equal(d->ecosystem, ECO_CRAN);
	harness_assert_at(d, 7, 14);
}

static void
test_pak_refs_choose_their_ecosystem(void **state)
{
	(void)state;
	DETECT("pak::pkg_install(\"pak/one@v2\")\n"
	       "pak::pak(c(\"cranish\", \"github::gh/two\", \"url::https://u.org/p.tgz\"))\n");
	const struct dep *d = find_dep(DEP_INSTALL_COMMAND, "pak/one");
	assert_int_equal(d->ecosystem, ECO_GITHUB);
	assert_string_equal(d->spec, "v2");
	d = find_dep(DEP_INSTALL_COMMAND, "cranish");
	assert_int_equal(d->ecosystem, ECO_CRAN);
	assert_string_equal(d->spec, "");
	assert_null_str(d->url);
	d = find_dep(DEP_INSTALL_COMMAND, "gh/two");
	assert_int_equal(d->ecosystem, ECO_GITHUB);
	assert_string_equal(d->url, "https://github.com/gh/two");
	harness_assert_at(d, 2, 23);
	d = find_dep(DEP_INSTALL_COMMAND, "https://u.org/p.tgz");
	assert_int_equal(d->ecosystem, ECO_URL);
}

static void
test_bioc_githubinstall_and_drat(void **state)
{
	(void)state;
	DETECT("BiocManager::install(c(\"limma\", \"own/biocgh\"))\n"
	       "githubinstall::githubinstall(\"AnomalyDetection\")\n"
	       "drat::addRepo(\"acct\")\n"
	       "drat::addRepo(\"x\", \"https://example.org/drat\")\n");
	assert_int_equal(find_dep(DEP_INSTALL_COMMAND, "limma")->ecosystem, ECO_BIOC);
	assert_int_equal(find_dep(DEP_INSTALL_COMMAND, "own/biocgh")->ecosystem, ECO_GITHUB);
	const struct dep *d = find_dep(DEP_INSTALL_COMMAND, "AnomalyDetection");
	assert_int_equal(d->ecosystem, ECO_GITHUB);
	assert_string_equal(d->package, "AnomalyDetection");
	assert_int_equal(out.n_options, 2);
	assert_string_equal(out.options[0]->value, "https://acct.github.io/drat/");
	assert_int_equal(out.options[0]->kind, OPT_R_REPOS);
	assert_int_equal(out.options[0]->line, 3);
	assert_int_equal(out.options[0]->column, 15);
	assert_string_equal(out.options[1]->value, "https://example.org/drat");
}

static void
test_source_of_a_url_is_remote_code(void **state)
{
	(void)state;
	DETECT("source(\"https://example.com/a.R\")\n"
	       "source(url(\"http://example.com/b.R\"))\n"
	       "devtools::source_url(\"https://example.com/c.R\")\n"
	       "source_gist(\"abc123\")\n"
	       "knitr::read_chunk(\"https://example.com/f.R\")\n"
	       "source(\"local.R\")\n"
	       "sys.source(\"local2.R\")\n");
	assert_int_equal(count_kind(DEP_REMOTE_SOURCE), 5);
	const struct dep *d = find_dep(DEP_REMOTE_SOURCE, "https://example.com/a.R");
	assert_int_equal(d->ecosystem, ECO_URL);
	assert_string_equal(d->url, "https://example.com/a.R");
	assert_false(d->dynamic);
	harness_assert_at(d, 1, 8);
	harness_assert_at(find_dep(DEP_REMOTE_SOURCE, "http://example.com/b.R"), 2, 12);
	harness_assert_at(find_dep(DEP_REMOTE_SOURCE, "https://example.com/c.R"), 3, 22);
	d = find_dep(DEP_REMOTE_SOURCE, "https://gist.github.com/abc123");
	assert_string_equal(d->url, "https://gist.github.com/abc123");
	harness_assert_at(find_dep(DEP_REMOTE_SOURCE, "https://example.com/f.R"), 5, 19);
}

static void
test_constants_propagate_into_urls(void **state)
{
	(void)state;
	DETECT("base <- \"https://raw.githubusercontent.com/o/r/main/\"\n"
	       "u <- paste0(base, \"script.R\")\n"
	       "source(u)\n"
	       "v = paste(base, \"two.R\", sep = \"\")\n"
	       "source(file = v)\n"
	       "\"https://example.com/h.R\" -> w\n"
	       "source(w)\n"
	       "source(file.path(\"https://example.com\", \"dir\", \"i.R\"))\n"
	       "source(sprintf(\"%s/%s\", \"https://s.org\", \"j.R\"))\n"
	       "f <- function() {\n"
	       "  inner <- \"https://example.com/k.R\"\n"
	       "  source(inner)\n"
	       "}\n");
	const struct dep *d = find_dep(DEP_REMOTE_SOURCE,
				       "https://raw.githubusercontent.com/o/r/main/script.R");
	harness_assert_at(d, 3, 8);
	assert_string_equal(d->url, "https://raw.githubusercontent.com/o/r/main/script.R");
	assert_string_equal(d->raw, "source(u)");
	harness_assert_at(find_dep(DEP_REMOTE_SOURCE, "https://raw.githubusercontent.com/o/r/main/two.R"),
		  5, 15);
	harness_assert_at(find_dep(DEP_REMOTE_SOURCE, "https://example.com/h.R"), 7, 8);
	harness_assert_at(find_dep(DEP_REMOTE_SOURCE, "https://example.com/dir/i.R"), 8, 8);
	harness_assert_at(find_dep(DEP_REMOTE_SOURCE, "https://s.org/j.R"), 9, 8);
	harness_assert_at(find_dep(DEP_REMOTE_SOURCE, "https://example.com/k.R"), 12, 10);
	assert_int_equal(count_kind(DEP_REMOTE_SOURCE), 6);
}

static void
test_variable_assigned_two_values_is_unknown(void **state)
{
	(void)state;
	DETECT("u <- \"https://a.org/x.R\"\n"
	       "u <- \"https://b.org/y.R\"\n"
	       "eval(parse(text = readLines(u)))\n"
	       "same <- \"https://c.org/z.R\"\n"
	       "same <- \"https://c.org/z.R\"\n"
	       "source(same)\n"
	       "loop <- \"https://d.org/\"\n"
	       "loop <- paste0(loop, \"w.R\")\n"
	       "source(loop)\n");
	const struct dep *d = find_dep(DEP_REMOTE_SOURCE, "u");
	assert_true(d->dynamic);
	assert_null_str(d->url);
	assert_int_equal(d->ecosystem, ECO_URL);
	harness_assert_at(d, 3, 29);
	harness_assert_at(find_dep(DEP_REMOTE_SOURCE, "https://c.org/z.R"), 6, 8);
	assert_int_equal(count_kind(DEP_REMOTE_SOURCE), 2);
}

static void
test_download_then_source_is_remote_code_at_the_source_call(void **state)
{
	(void)state;
	DETECT("f <- tempfile()\n"
	       "download.file(\"https://example.com/e.R\", f)\n"
	       "source(f)\n"
	       "utils::download.file(url = \"https://example.com/g.R\", destfile = \"g.R\")\n"
	       "sys.source(\"g.R\")\n"
	       "download.file(\"https://example.com/data.csv\", \"data.csv\")\n");
	const struct dep *d = find_dep(DEP_REMOTE_SOURCE, "https://example.com/e.R");
	assert_string_equal(d->url, "https://example.com/e.R");
	harness_assert_at(d, 3, 8);
	assert_string_equal(d->raw, "source(f)");
	harness_assert_at(find_dep(DEP_REMOTE_SOURCE, "https://example.com/g.R"), 5, 12);
	assert_int_equal(count_kind(DEP_REMOTE_SOURCE), 2);
}

static void
test_fetched_text_reaching_eval_parse_is_remote_code(void **state)
{
	(void)state;
	DETECT("eval(parse(text = readLines(\"https://example.com/d.R\")))\n"
	       "r <- httr::GET(\"https://example.com/g.R\")\n"
	       "eval(parse(text = httr::content(r, \"text\")))\n"
	       "txt <- rawToChar(curl::curl_fetch_memory(\"https://example.com/m.R\")$content)\n"
	       "eval(parse(text = txt))\n"
	       "eval(parse(text = readLines(con)))\n"
	       "eval(parse(text = \"1 + 1\"))\n"
	       "eval(parse(text = readLines(\"local.R\")))\n");
	harness_assert_at(find_dep(DEP_REMOTE_SOURCE, "https://example.com/d.R"), 1, 29);
	harness_assert_at(find_dep(DEP_REMOTE_SOURCE, "https://example.com/g.R"), 3, 33);
	harness_assert_at(find_dep(DEP_REMOTE_SOURCE, "https://example.com/m.R"), 5, 19);
	const struct dep *d = find_dep(DEP_REMOTE_SOURCE, "con");
	assert_true(d->dynamic);
	assert_int_equal(count_kind(DEP_REMOTE_SOURCE), 4);
}

static void
test_dynamic_source_url_names_the_expression(void **state)
{
	(void)state;
	DETECT("devtools::source_url(paste0(host(), \"/x.R\"))\n"
	       "devtools::source_gist(id)\n");
	const struct dep *d = find_dep(DEP_REMOTE_SOURCE, "paste0(host(), \"/x.R\")");
	assert_true(d->dynamic);
	assert_null_str(d->url);
	harness_assert_at(d, 1, 22);
	assert_true(find_dep(DEP_REMOTE_SOURCE, "id")->dynamic);
}

static void
test_columns_count_code_points_and_raw_is_cut(void **state)
{
	(void)state;
	DETECT("x <- \"é\"; library(\"ü\")\n"
	       "install.packages(c(\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\","
	       " \"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\","
	       " \"cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\","
	       " \"dddddddddddddddddddddddddddddd\"))\n");
	harness_assert_at(find_dep(DEP_LIBRARY_CALL, "ü"), 1, 19);
	const struct dep *d = find_dep(DEP_INSTALL_COMMAND, "dddddddddddddddddddddddddddddd");
	assert_int_equal(strlen(d->raw), 200);
	assert_true(strncmp(d->raw, "install.packages(c(", 19) == 0);
}

static void
test_malformed_input_gives_what_it_can_and_never_crashes(void **state)
{
	(void)state;
	DETECT("library(((((\n"
	       "install.packages(c(\"a\",\n"
	       "source(url(\n"
	       ")))]]]}}}\n"
	       "library(ok)\n"
	       "x <- \"unterminated\n");
	assert_int_equal(find_dep(DEP_LIBRARY_CALL, "ok")->line, 5);
	detect_out_release(&out);
	detect_out_init(&out, &arena, &diags);
	DETECT("");
	assert_int_equal(out.n_deps, 0);
	static const char bytes[] = "library(\0x)\xff\xfe(source(\"\x01\")) <- -> = ::: :: (";
	detect_len(bytes, sizeof(bytes) - 1);

	/* a deep chain of assignments and deep nesting stay within limits */
	size_t n = 200000, len = 0;
	char *big = malloc(n * 8 + 64);
	assert_non_null(big);
	for (size_t i = 0; i < n; i++)
		len += (size_t)sprintf(big + len, "c(");
	len += (size_t)sprintf(big + len, "library(deep)\n");
	detect_len(big, len);
	len = 0;
	for (size_t i = 0; i < 20000; i++)
		len += (size_t)sprintf(big + len, "v <- paste0(v, v)\n");
	len += (size_t)sprintf(big + len, "source(v)\n");
	detect_len(big, len);
	free(big);
}

static void
test_a_method_named_like_a_loader_declares_nothing(void **state)
{
	(void)state;
	DETECT("obj$library(thing)\nenv@require(other)\nx$install.packages(\"y\")\nlibrary(real)\n");
	assert_int_equal(out.n_deps, 1);
	assert_non_null(find_dep(DEP_LIBRARY_CALL, "real"));
}

/* A value cut by the depth limit is not evaluated again at every use (R's own tools.R). */
static void
test_a_deep_value_used_often_does_not_exhaust_the_budget(void **state)
{
	size_t len = 0, uses = 5000;
	char *big = malloc(uses * 16 + 100 * 200 + 4096);
	(void)state;

	/* v: 100 nested paste0() of 20 strings each, deeper than the depth limit */
	assert_non_null(big);
	len += (size_t)sprintf(big + len, "v <- ");
	for (int i = 0; i < 100; i++) {
		len += (size_t)sprintf(big + len, "paste0(");
		for (int k = 0; k < 20; k++)
			len += (size_t)sprintf(big + len, "\"s\", ");
	}
	len += (size_t)sprintf(big + len, "\"x\"");
	for (int i = 0; i < 100; i++)
		len += (size_t)sprintf(big + len, ")");
	len += (size_t)sprintf(big + len, "\n");
	for (size_t i = 0; i < uses; i++)
		len += (size_t)sprintf(big + len, "source(v)\n");
	len += (size_t)sprintf(big + len, "library(last)\n");
	detect_len(big, len);
	free(big);
	assert_non_null(find_dep(DEP_LIBRARY_CALL, "last"));
	for (size_t i = 0; i < diags.len; i++)
		assert_null(strstr(diags.items[i].message, "too complex"));
}

/* The scan hands every file the same detect_out: earlier files' count is not this one's. */
static void
test_the_per_file_limit_ignores_what_other_files_declared(void **state)
{
	(void)state;
	for (int i = 0; i < 25000; i++) {
		struct dep *d = detect_new_dep(&out);
		assert_non_null(d);
		d->name = "earlier";
		d->language = LANG_R;       /* what detect_len() checks of every dep */
		d->file = "analysis/run.R";
		d->marker = "";
	}
	DETECT("library(later)\n");
	assert_non_null(find_dep(DEP_LIBRARY_CALL, "later"));
	for (size_t i = 0; i < diags.len; i++)
		assert_null(strstr(diags.items[i].message, "too complex"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		HARNESS_TEST(test_rscript_matches_r_files_and_rprofile),
		HARNESS_TEST(test_the_per_file_limit_ignores_what_other_files_declared),
		HARNESS_TEST(test_a_method_named_like_a_loader_declares_nothing),
		HARNESS_TEST(test_a_deep_value_used_often_does_not_exhaust_the_budget),
		HARNESS_TEST(test_library_and_require_declare_quoted_and_bare_names),
		HARNESS_TEST(test_library_matches_arguments_by_name_partial_name_and_position),
		HARNESS_TEST(test_namespaces_and_pkg_colons_declare_first_use_only),
		HARNESS_TEST(test_character_only_resolves_a_constant_or_is_dynamic),
		HARNESS_TEST(test_apply_functions_bind_their_parameter_to_the_vector),
		HARNESS_TEST(test_functions_the_file_defines_take_what_their_calls_pass),
		HARNESS_TEST(test_parameters_are_not_guessed),
		HARNESS_TEST(test_pacman_xfun_and_box_declare_each_package),
		HARNESS_TEST(test_install_packages_declares_each_name_with_its_repositories),
		HARNESS_TEST(test_install_packages_without_repos_installs_files),
		HARNESS_TEST(test_install_github_reads_every_ref_form),
		HARNESS_TEST(test_bare_install_github_counts_once_devtools_is_loaded),
		HARNESS_TEST(test_install_git_url_local_version_and_cran),
		HARNESS_TEST(test_pak_refs_choose_their_ecosystem),
		HARNESS_TEST(test_bioc_githubinstall_and_drat),
		HARNESS_TEST(test_source_of_a_url_is_remote_code),
		HARNESS_TEST(test_constants_propagate_into_urls),
		HARNESS_TEST(test_variable_assigned_two_values_is_unknown),
		HARNESS_TEST(test_download_then_source_is_remote_code_at_the_source_call),
		HARNESS_TEST(test_fetched_text_reaching_eval_parse_is_remote_code),
		HARNESS_TEST(test_dynamic_source_url_names_the_expression),
		HARNESS_TEST(test_columns_count_code_points_and_raw_is_cut),
		HARNESS_TEST(test_malformed_input_gives_what_it_can_and_never_crashes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
