/* Tests for core/detect/setup_py.c: setup.py requirements read without running it. */
#include <stdio.h>

#include "detect_harness.h"
#define DETECT_LEN(text, len) harness_detect(detect_setup_py, "pkg/setup.py", (text), (len))
#define DETECT(lit) DETECT_LEN((lit), sizeof(lit) - 1)

/* Declarations read from literals (a dynamic value is a declaration too,
 * with no name, for the dynamic-deps rule). */
static size_t
read_deps(void)
{
	size_t n = 0;

	for (size_t i = 0; i < out.n_deps; i++)
		n += !out.deps[i]->dynamic;
	return n;
}

static size_t
dynamic_deps(void)
{
	return out.n_deps - read_deps();
}

static void
test_setup_py_matches_setup_py_only(void **state)
{
	(void)state;
	assert_true(setup_py_matches("setup.py"));
	assert_true(setup_py_matches("sub/dir/setup.py"));
	assert_false(setup_py_matches("setup.cfg"));
	assert_false(setup_py_matches("mysetup.py"));
}

static void
test_setup_py_reads_install_requires_with_positions(void **state)
{
	(void)state;
	DETECT("from setuptools import setup\n"
	       "setup(\n"
	       "    name='demo',\n"
	       "    install_requires=[\n"
	       "        'Requests[socks] >= 2.8',  # http\n"
	       "        \"urllib3<2; python_version < '3.8'\",\n"
	       "    ],\n"
	       ")\n");
	assert_int_equal(read_deps(), 2);
	const struct dep *d = harness_find("Requests");
	assert_string_equal(d->normalized, "requests");
	assert_string_equal(d->spec, ">=2.8");
	assert_int_equal(d->n_extras, 1);
	assert_string_equal(d->extras[0], "socks");
	assert_int_equal(d->kind, DEP_MANIFEST);
	assert_int_equal(d->ecosystem, ECO_PYPI);
	assert_string_equal(d->file, "pkg/setup.py");
	assert_int_equal(d->line, 5);
	assert_int_equal(d->column, 10);
	assert_string_equal(d->raw, "Requests[socks] >= 2.8");
	d = harness_find("urllib3");
	assert_string_equal(d->marker, "python_version < '3.8'");
	assert_int_equal(d->line, 6);
	assert_int_equal(d->column, 10);
	assert_int_equal(diags.len, 0);
}

static void
test_setup_py_reads_variables_aliases_and_concatenation(void **state)
{
	(void)state;
	DETECT("import setuptools as st\n"
	       "BASE = ['click>=7']\n"
	       "TESTS: tuple = ('pytest',)\n"
	       "if __name__ == '__main__':\n"
	       "    st.setup(install_requires=BASE + ['jinja2'], tests_require=TESTS,\n"
	       "             setup_requires='wheel\\nsetuptools_scm>=6 # vcs')\n");
	assert_int_equal(read_deps(), 5);
	assert_int_equal(harness_find("click")->line, 2);
	assert_int_equal(harness_find("jinja2")->line, 5);
	assert_int_equal(harness_find("pytest")->line, 3);
	/* a string with an escape: the position is the literal's */
	const struct dep *d = harness_find("setuptools_scm");
	assert_string_equal(d->spec, ">=6");
	assert_int_equal(d->line, 6);
	assert_int_equal(d->column, 29);
}

static void
test_setup_py_puts_the_extra_into_the_marker(void **state)
{
	(void)state;
	DETECT("from setuptools import setup as s\n"
	       "s(extras_require={\n"
	       "    'socks': ['PySocks>=1.5.6'],\n"
	       "    'win:sys_platform == \"win32\"': 'pywin32; python_version >= \"3\"',\n"
	       "    ':python_version < \"3.8\"': ['importlib_metadata'],\n"
	       "})\n");
	assert_int_equal(read_deps(), 3);
	assert_string_equal(harness_find("PySocks")->marker, "extra == \"socks\"");
	assert_string_equal(harness_find("pywin32")->marker,
			    "(python_version >= \"3\") and (sys_platform == \"win32\") and extra == \"win\"");
	assert_string_equal(harness_find("importlib_metadata")->marker, "python_version < \"3.8\"");
}

static void
test_setup_py_notes_dynamic_arguments_on_their_line(void **state)
{
	(void)state;
	DETECT("from setuptools import setup\n"
	       "REQS = ['a']\n"
	       "REQS.append('b')\n"
	       "setup(\n"
	       "    install_requires=open('requirements.txt').read().splitlines(),\n"
	       "    tests_require=REQS,\n"
	       "    setup_requires=['wheel', get_dep()],\n"
	       "    **extra)\n");
	assert_int_equal(read_deps(), 1);
	harness_find("wheel");
	assert_int_equal(harness_count_diags("dynamic dependencies: not read", 0), 4);
	assert_int_equal(dynamic_deps(), 4);   /* one per note, where the note is */
	for (size_t i = 0; i < out.n_deps; i++)
		if (out.deps[i]->dynamic)
			assert_int_not_equal(out.deps[i]->line, 0);
	assert_int_equal(harness_count_diags("dynamic dependencies: not read", 5), 1);
	assert_int_equal(harness_count_diags("dynamic dependencies: not read", 6), 1);
	assert_int_equal(harness_count_diags("dynamic dependencies: not read", 7), 1);
	assert_int_equal(harness_count_diags("dynamic dependencies: not read", 8), 1);
	for (size_t i = 0; i < diags.len; i++)
		assert_int_equal(diags.items[i].level, DIAG_NOTE);
}

static void
test_setup_py_reads_vcs_urls_and_reports_bad_requirements(void **state)
{
	(void)state;
	DETECT("from setuptools import setup\n"
	       "setup(install_requires=[\n"
	       "    'pkg @ git+https://github.com/o/pkg.git@v1.2',\n"
	       "    'bad name ==',\n"
	       "    3,\n"
	       "    'ok',\n"
	       "])\n");
	assert_int_equal(read_deps(), 2);
	const struct dep *d = harness_find("pkg");
	assert_int_equal(d->ecosystem, ECO_VCS);
	assert_string_equal(d->vcs_ref, "v1.2");
	harness_find("ok");
	assert_int_equal(diags.len, 2);
	assert_int_equal(diags.items[0].level, DIAG_WARNING);   /* 3: not a string */
	assert_int_equal(diags.items[0].line, 5);
	assert_int_equal(diags.items[1].level, DIAG_ERROR);     /* then the pep 508 error */
	assert_int_equal(diags.items[1].line, 4);
}

static void
test_setup_py_ignores_other_setup_functions(void **state)
{
	(void)state;
	DETECT("def setup(app):\n"
	       "    app.setup(install_requires=['no'])\n"
	       "other.setup(install_requires=['no'])\n");
	assert_int_equal(read_deps(), 0);
	assert_int_equal(diags.len, 0);
}

static const char realistic[] =
	"#!/usr/bin/env python\n"
	"# -*- coding: utf-8 -*-\n"
	"import os\n"
	"from setuptools import setup, find_packages\n"
	"REQUIRES = [\n"
	"    'requests>=2.8',  # http\n"
	"    \"PyYAML\" '>=5',\n"
	"    r'''six''',\n"
	"]\n"
	"EXTRAS = {'tests': ['pytest', ('mock',)], 'docs': \"sphinx\\n\"}\n"
	"def long_description():\n"
	"    with open('README.md') as f:\n"
	"        return f.read()\n"
	"setup(\n"
	"    name='demo', version='1.0', packages=find_packages(),\n"
	"    long_description=long_description(),\n"
	"    install_requires=REQUIRES + ['colorama; os_name == \"nt\"'],\n"
	"    extras_require=EXTRAS, tests_require=(b'x', None),\n"
	"    setup_requires=[f'{x}'],\n"
	")\n";

/* Every prefix of a realistic file, and copies with bytes changed. */
static void
test_setup_py_survives_truncated_and_corrupted_input(void **state)
{
	(void)state;
	char buf[sizeof(realistic)];
	uint32_t seed = 1;

	DETECT(realistic);
	assert_int_equal(read_deps(), 7);
	for (size_t n = 0; n < sizeof(realistic) - 1; n++) {
		harness_teardown(state);
		harness_setup(state);
		DETECT_LEN(realistic, n);
	}
	for (int round = 0; round < 500; round++) {
		harness_teardown(state);
		harness_setup(state);
		memcpy(buf, realistic, sizeof(realistic));
		for (int k = 0; k < 4; k++) {
			seed = seed * 1103515245u + 12345u;
			size_t at = (seed >> 8) % (sizeof(realistic) - 1);
			seed = seed * 1103515245u + 12345u;
			buf[at] = "[](){},:=+'\"\\*\n \t#.\x00\xff"[(seed >> 8) % 21];
		}
		DETECT_LEN(buf, sizeof(realistic) - 1);
	}
}

static void
test_setup_py_survives_deep_nesting_and_self_reference(void **state)
{
	(void)state;
	char text[4096];
	size_t n = 0;

	n += (size_t)snprintf(text, sizeof(text), "A = B\nB = A\nC = C\nsetup(tests_require=A, "
						  "setup_requires=C, install_requires=");
	for (int i = 0; i < 250; i++)
		text[n++] = '[';
	for (int i = 0; i < 250; i++)
		text[n++] = ']';
	text[n++] = ')';
	text[n++] = '\n';
	DETECT_LEN(text, n);
	assert_int_equal(read_deps(), 0);
	assert_true(harness_count_diags("dynamic dependencies: not read", 0) >= 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		HARNESS_TEST(test_setup_py_matches_setup_py_only),
		HARNESS_TEST(test_setup_py_reads_install_requires_with_positions),
		HARNESS_TEST(test_setup_py_reads_variables_aliases_and_concatenation),
		HARNESS_TEST(test_setup_py_puts_the_extra_into_the_marker),
		HARNESS_TEST(test_setup_py_notes_dynamic_arguments_on_their_line),
		HARNESS_TEST(test_setup_py_reads_vcs_urls_and_reports_bad_requirements),
		HARNESS_TEST(test_setup_py_ignores_other_setup_functions),
		HARNESS_TEST(test_setup_py_survives_truncated_and_corrupted_input),
		HARNESS_TEST(test_setup_py_survives_deep_nesting_and_self_reference),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
