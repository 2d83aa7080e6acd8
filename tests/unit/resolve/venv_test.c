/* venv_read() on a fake virtualenv built in a temporary folder at test time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "resolve/source.h"

static char root[256];

static void
write_file(const char *rel, const char *text)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", root, rel);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void
make_dir(const char *rel)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", root, rel);
	assert_int_equal(mkdir(path, 0755), 0);
}

#define SITE "lib/python3.8/site-packages"

static int
setup(void **state)
{
	(void)state;
	char outside[300];
	snprintf(root, sizeof(root), "/tmp/deputy-venv-XXXXXX");
	assert_non_null(mkdtemp(root));
	make_dir("lib");
	make_dir("lib/python3.8");
	make_dir(SITE);
	write_file("pyvenv.cfg", "home = /usr/bin\ninclude-system-site-packages = false\n"
		   "version = 3.8.10\n");
	make_dir(SITE "/requests-2.31.0.dist-info");
	write_file(SITE "/requests-2.31.0.dist-info/METADATA",
		   "Metadata-Version: 2.1\r\nName: requests\r\nVersion: 2.31.0\r\n"
		   "Summary: Python HTTP for Humans.\r\n"
		   "Requires-Dist: charset-normalizer (<4,>=2)\r\n"
		   "Requires-Dist: idna<4,>=2.5\r\n"
		   "Requires-Dist: urllib3<3,>=1.21.1\r\n"
		   "Requires-Dist: importlib-metadata; python_version < \"3.10\"\r\n"
		   "Requires-Dist: tomli; python_version >= \"3.11\"\r\n"
		   "Requires-Dist: PySocks!=1.5.7,>=1.5.6; extra == \"socks\"\r\n"
		   "Requires-Dist: colorama; sys_platform == \"win32\"\r\n"
		   "Requires-Dist: certifi>=2017.4.17\r\n"
		   "Requires-Dist: odd; os_name ~= \"posix\"\r\n"
		   "Requires-Dist: Idna ; platform_system == \"Linux\"\r\n"
		   "Description-Content-Type: text/markdown\r\n\r\n"
		   "Requires-Dist: in-the-body\r\n");
	/* a dist-info that is a link out of the environment: never read */
	snprintf(outside, sizeof(outside), "%s-outside", root);
	assert_int_equal(mkdir(outside, 0755), 0);
	char meta[400];
	snprintf(meta, sizeof(meta), "%s/METADATA", outside);
	FILE *f = fopen(meta, "w");
	assert_non_null(f);
	fputs("Name: evil\nVersion: 1\n", f);
	fclose(f);
	char link[512];
	snprintf(link, sizeof(link), "%s/" SITE "/evil-1.dist-info", root);
	assert_int_equal(symlink(outside, link), 0);
	/* a METADATA that is itself a link */
	make_dir(SITE "/linked-1.dist-info");
	snprintf(link, sizeof(link), "%s/" SITE "/linked-1.dist-info/METADATA", root);
	assert_int_equal(symlink(meta, link), 0);
	/* malformed: no name; a bad name; a huge file */
	make_dir(SITE "/broken-1.dist-info");
	write_file(SITE "/broken-1.dist-info/METADATA", "\x01\xff garbage without colon\nVersion 2\n");
	make_dir(SITE "/badname-1.dist-info");
	write_file(SITE "/badname-1.dist-info/METADATA", "Name: bad name!\nVersion: 1\n");
	make_dir(SITE "/huge-1.dist-info");
	char *big = malloc(1100 * 1024);
	assert_non_null(big);
	memset(big, 'x', 1100 * 1024 - 1);
	memcpy(big, "Name: huge\n", 11);
	big[1100 * 1024 - 1] = '\0';
	write_file(SITE "/huge-1.dist-info/METADATA", big);
	free(big);
	/* a folded header and a name in odd case */
	make_dir(SITE "/Six-1.16.0.dist-info");
	write_file(SITE "/Six-1.16.0.dist-info/METADATA",
		   "Name: Six\nVersion: 1.16.0\nRequires-Dist: a-b;\n python_version == \"3.8\"\n");
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	char cmd[700];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s' '%s-outside'", root, root);
	return system(cmd) == 0 ? 0 : -1;
}

static const struct pkg_record *
find(const struct pkg_records *list, const char *name)
{
	for (size_t i = 0; i < list->len; i++)
		if (!strcmp(list->items[i].name, name))
			return &list->items[i];
	return NULL;
}

static bool
has_require(const struct pkg_record *r, const char *name)
{
	for (size_t i = 0; i < r->n_requires; i++)
		if (!strcmp(r->requires[i], name))
			return true;
	return false;
}

static bool
has_diag(const struct diags *d, const char *path_part, const char *msg_part)
{
	for (size_t i = 0; i < d->len; i++)
		if (d->items[i].path && strstr(d->items[i].path, path_part) &&
		    strstr(d->items[i].message, msg_part))
			return true;
	return false;
}

static void
test_venv_reads_requirements_with_markers_evaluated(void **state)
{
	(void)state;
	struct arena arena = ARENA_INIT;
	struct diags diags;
	struct pkg_records out = { 0 };

	diags_init(&diags, &arena);
	assert_int_equal(venv_read(&out, &arena, &diags, root), 0);
	const struct pkg_record *r = find(&out, "requests");
	assert_non_null(r);
	assert_int_equal(r->ecosystem, ECO_PYPI);
	assert_string_equal(r->version, "2.31.0");
	assert_string_equal(r->source, "installed environment");
	assert_int_equal(r->line, 1);
	char want[512];
	snprintf(want, sizeof(want), "%s/" SITE "/requests-2.31.0.dist-info/METADATA", root);
	assert_string_equal(r->file, want);
	assert_true(has_require(r, "charset-normalizer"));
	assert_true(has_require(r, "idna"));
	assert_true(has_require(r, "urllib3"));
	assert_true(has_require(r, "importlib-metadata"));     /* 3.8 < 3.10 */
	assert_true(has_require(r, "certifi"));
	assert_false(has_require(r, "tomli"));
	assert_false(has_require(r, "PySocks"));                /* an extra's */
	assert_false(has_require(r, "colorama"));               /* windows only */
	assert_false(has_require(r, "in-the-body"));
	assert_false(has_require(r, "Idna"));                   /* same project as idna */
	assert_true(has_require(r, "odd"));                     /* undefined marker: kept */
	assert_int_equal(r->n_requires, 6);
	assert_true(has_diag(&diags, "requests-2.31.0", "cannot evaluate the marker"));

	const struct pkg_record *six = find(&out, "Six");
	assert_non_null(six);
	assert_int_equal(six->n_requires, 1);
	assert_string_equal(six->requires[0], "a-b");

	assert_null(find(&out, "evil"));
	assert_null(find(&out, "huge"));
	assert_null(find(&out, "bad name!"));
	assert_int_equal(out.len, 2);
	assert_true(has_diag(&diags, "evil-1.dist-info", "symbolic link"));
	assert_true(has_diag(&diags, "linked-1.dist-info", "symbolic link"));
	assert_true(has_diag(&diags, "huge-1.dist-info", "larger than"));
	assert_true(has_diag(&diags, "broken-1.dist-info", "no name"));
	assert_true(has_diag(&diags, "badname-1.dist-info", "not a valid project name"));

	pkg_records_release(&out);
	diags_release(&diags);
	arena_release(&arena);
}

static void
test_venv_reads_a_site_packages_folder_given_directly(void **state)
{
	(void)state;
	struct arena arena = ARENA_INIT;
	struct diags diags;
	struct pkg_records out = { 0 };
	char site[400];

	snprintf(site, sizeof(site), "%s/" SITE, root);
	diags_init(&diags, &arena);
	assert_int_equal(venv_read(&out, &arena, &diags, site), 0);
	const struct pkg_record *r = find(&out, "requests");
	assert_non_null(r);
	/* the version comes from the python3.8 folder in the path */
	assert_true(has_require(r, "importlib-metadata"));
	assert_false(has_require(r, "tomli"));
	assert_int_equal(out.len, 2);
	pkg_records_release(&out);
	diags_release(&diags);
	arena_release(&arena);
}

static void
test_venv_missing_folder_is_notfound(void **state)
{
	(void)state;
	struct arena arena = ARENA_INIT;
	struct diags diags;
	struct pkg_records out = { 0 };

	diags_init(&diags, &arena);
	assert_int_equal(venv_read(&out, &arena, &diags, "/nonexistent/deputy/venv"), ERR_NOTFOUND);
	assert_int_equal(out.len, 0);
	diags_release(&diags);
	arena_release(&arena);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_venv_reads_requirements_with_markers_evaluated),
		cmocka_unit_test(test_venv_reads_a_site_packages_folder_given_directly),
		cmocka_unit_test(test_venv_missing_folder_is_notfound),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
