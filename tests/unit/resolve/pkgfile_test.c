/*
 * Tests for core/resolve/pkgfile.c (a package's own description file read as
 * text: pyproject.toml, setup.cfg, DESCRIPTION) and the names
 * core/resolve/remotes.c gives packages from git repositories before reading them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "resolve/pkgfile.h"
#include "resolve/remotes.h"
#include "resolve/source.h"

struct fx {
	struct arena arena;
	struct diags diags;
	struct pkg_records recs;
};

static int
setup(void **state)
{
	static struct fx fx;

	memset(&fx, 0, sizeof(fx));
	arena_init(&fx.arena);
	diags_init(&fx.diags, &fx.arena);
	*state = &fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *fx = *state;

	pkg_records_release(&fx->recs);
	diags_release(&fx->diags);
	arena_release(&fx->arena);
	return 0;
}

static int
python(struct fx *fx, const char *path, const char *text)
{
	struct source src = { path, sv_from_cstr(text) };

	return pkgfile_python(&fx->recs, &fx->arena, &fx->diags, &src, "git repository");
}

static bool
requires(const struct pkg_record *r, const char *name)
{
	for (size_t i = 0; i < r->n_requires; i++)
		if (strcmp(r->requires[i], name) == 0)
			return true;
	return false;
}

static void
test_pyproject(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(python(fx, "o/r@1234567:pyproject.toml",
				"[build-system]\nrequires = [\"setuptools\"]\n"
				"[project]\nname = \"Tool_X\"\nversion = \"1.2\"\n"
				"dependencies = [\n  \"reqeusts>=2\",\n"
				"  \"colorama; sys_platform == 'win32'\",\n"
				"  \"tomli; python_version < '3.12'\",\n"
				"  \"rich[jupyter]\",\n]\n"
				"[project.optional-dependencies]\ndev = [\"pytest\"]\n"), 0);
	assert_int_equal(fx->recs.len, 1);
	const struct pkg_record *r = &fx->recs.items[0];
	assert_string_equal(r->name, "Tool_X");
	assert_string_equal(r->version, "1.2");
	assert_int_equal(r->ecosystem, ECO_PYPI);
	assert_string_equal(r->file, "o/r@1234567:pyproject.toml");
	assert_true(requires(r, "reqeusts"));
	assert_true(requires(r, "tomli"));        /* 3.11 < 3.12 */
	assert_true(requires(r, "rich"));
	assert_false(requires(r, "colorama"));    /* Linux */
	assert_false(requires(r, "pytest"));      /* an extra's */
	assert_false(requires(r, "setuptools"));  /* build only */
}

static void
test_pyproject_without_project(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(python(fx, "pyproject.toml", "[tool.black]\nline-length = 99\n"),
			 ERR_NOTFOUND);
	assert_int_equal(python(fx, "pyproject.toml", "[project\nname = 1"), ERR_SYNTAX);
	assert_int_equal(fx->recs.len, 0);
	assert_true(fx->diags.len > 0);
}

static void
test_setup_cfg(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(python(fx, "sub/setup.cfg",
				"[metadata]\nname = legacy-tool\nversion: 0.9\n"
				"description = uses = and : freely\n"
				"\n[options]\npackages = find:\ninstall_requires =\n"
				"    numpy>=1.20\n    # a comment\n    pandsa\n"
				"    pywin32; sys_platform == \"win32\"\n"
				"python_requires = >=3.8\n"
				"[options.extras_require]\ntest = pytest\n"), 0);
	assert_int_equal(fx->recs.len, 1);
	const struct pkg_record *r = &fx->recs.items[0];
	assert_string_equal(r->name, "legacy-tool");
	assert_string_equal(r->version, "0.9");
	assert_int_equal(r->n_requires, 2);
	assert_true(requires(r, "numpy"));
	assert_true(requires(r, "pandsa"));
	assert_int_equal(python(fx, "setup.cfg", "[options]\ninstall_requires = x\n"), ERR_NOTFOUND);
}

/* The setup.cfg detector's reading: dashes, [DEFAULT], "%", " #", "\", directives. */
static void
test_setup_cfg_as_setuptools_reads_it(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(python(fx, "setup.cfg",
				"[DEFAULT]\nbase = attrs\n"
				"[metadata]\nname = %(base)s-plus\nversion = attr: plus.__version__\n"
				"[options]\ninstall-requires =\n"
				"    %(base)s>=21  # why\n    click \\\n      >=8\n"
				"setup_requires = wheel\n"
				"[options.extras_require]\ndocs = sphinx\n"), 0);
	assert_int_equal(fx->recs.len, 1);
	const struct pkg_record *r = &fx->recs.items[0];
	assert_string_equal(r->name, "attrs-plus");
	assert_null(r->version);
	assert_int_equal(r->n_requires, 2);
	assert_true(requires(r, "attrs"));
	assert_true(requires(r, "click"));
	assert_int_equal(fx->diags.len, 0);
}

static void
test_description(void **state)
{
	struct fx *fx = *state;
	struct source src = { "acme/first@abcdef0:DESCRIPTION",
			      sv_from_cstr("Package: first\nVersion: 0.1.0\n"
					   "Depends: R (>= 4.0), methods\n"
					   "Imports: second (>= 1.0),\n    tibble\n"
					   "Remotes: acme/second\n") };

	assert_int_equal(pkgfile_description(&fx->recs, &fx->arena, &fx->diags, &src,
					     "GitHub repository"), 0);
	assert_int_equal(fx->recs.len, 1);
	const struct pkg_record *r = &fx->recs.items[0];
	assert_string_equal(r->name, "first");
	assert_int_equal(r->ecosystem, ECO_CRAN);
	assert_string_equal(r->source, "GitHub repository");
	assert_true(requires(r, "second"));
	assert_true(requires(r, "tibble"));
}

static const char *
guess(struct fx *fx, enum ecosystem eco, enum dep_language lang, const char *name,
      const char *url, const char *package, const char *subdir)
{
	struct dep d = { .ecosystem = eco, .language = lang, .kind = DEP_INSTALL_COMMAND,
			 .name = name, .url = url, .package = package, .subdir = subdir };

	assert_true(remotes_is_git_dep(&d));
	return remotes_guess_name(&fx->arena, &d);
}

static void
test_guess_name(void **state)
{
	struct fx *fx = *state;

	assert_string_equal(guess(fx, ECO_GITHUB, LANG_R, "acme/first",
				  "https://github.com/acme/first", NULL, NULL), "first");
	assert_string_equal(guess(fx, ECO_GITHUB, LANG_R, "acme/mono",
				  "https://github.com/acme/mono", NULL, "pkgs/inner"), "inner");
	assert_string_equal(guess(fx, ECO_GITHUB, LANG_R, "acme/repo",
				  "https://github.com/acme/repo", "realname", NULL), "realname");
	assert_string_equal(guess(fx, ECO_VCS, LANG_R, "x", "https://example.org/git/tool.git",
				  NULL, NULL), "tool");
	assert_string_equal(guess(fx, ECO_VCS, LANG_PYTHON, "",
				  "git+https://github.com/acme/py-tool.git@v1#egg=x", NULL, NULL),
			    "py-tool");
	assert_string_equal(guess(fx, ECO_VCS, LANG_PYTHON, "named",
				  "git+https://github.com/acme/other@main", NULL, NULL), "named");

	/* not packages from git: an hg requirement, a documentation example */
	struct dep hg = { .ecosystem = ECO_VCS, .language = LANG_PYTHON, .url = "hg+https://x/y" };
	struct dep doc = { .ecosystem = ECO_GITHUB, .language = LANG_R, .kind = DEP_DOCUMENTATION,
			   .url = "https://github.com/a/b" };
	assert_false(remotes_is_git_dep(&hg));
	assert_false(remotes_is_git_dep(&doc));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_pyproject, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pyproject_without_project, setup, teardown),
		cmocka_unit_test_setup_teardown(test_setup_cfg, setup, teardown),
		cmocka_unit_test_setup_teardown(test_setup_cfg_as_setuptools_reads_it, setup, teardown),
		cmocka_unit_test_setup_teardown(test_description, setup, teardown),
		cmocka_unit_test_setup_teardown(test_guess_name, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
