/*
 * Tests for core/resolve/rlib.c and cran_index.c: an R library and CRAN
 * PACKAGES indexes built in a temporary folder. Run with --differential, it
 * compares the names read with R's own parse of the same DESCRIPTIONs.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <zlib.h>

#include "resolve/source.h"

static char root[64];
static char lib[128];
static char outside[128];
static struct arena arena;
static struct diags diags;
static struct pkg_records recs;

static const char dplyr_description[] =
	"Type: Package\n"
	"Package: dplyr\n"
	"Title: A Grammar of Data Manipulation\n"
	"Version: 1.1.4\n"
	"Depends: R (>= 3.5.0)\n"
	"Imports: cli (>= 3.4.0), generics, glue (>= 1.3.2), lifecycle (>=\n"
	"        1.0.3), magrittr (>= 1.5), methods, pillar (>= 1.9.0), R6,\n"
	"        rlang (>= 1.1.0), tibble (>= 3.2.0), tidyselect (>= 1.2.0),\n"
	"        utils, vctrs (>= 0.6.4)\n"
	"Suggests: bench, broom, callr\n"
	"LinkingTo: cpp11\n"
	"NeedsCompilation: yes\n"
	"Built: R 4.3.1; x86_64-pc-linux-gnu; 2023-11-17 16:50:10 UTC; unix\n";

static const char *const dplyr_requires[] = {
	"cli", "generics", "glue", "lifecycle", "magrittr", "methods", "pillar", "R6", "rlang",
	"tibble", "tidyselect", "utils", "vctrs", "cpp11",
};

static const char packages_index[] =
	"Package: A3\n"                                  /* line 1 */
	"Version: 1.0.0\n"
	"Depends: R (>= 2.15.0), xtable, pbapply\n"
	"Suggests: randomForest, e1071\n"
	"License: GPL (>= 2)\n"
	"NeedsCompilation: no\n"
	"\n"
	"Package: abc\n"                                 /* line 8 */
	"Version: 2.2.1\n"
	"Depends: R (>= 2.10), abc.data, nnet, quantreg, MASS, locfit\n"
	"License: GPL (>= 3)\n"
	"\n"
	"\n"
	"Package: Rcpp\n"                                /* line 14 */
	"Version: 1.0.11\n"
	"Imports: methods,\n"
	"     utils\n"
	"LinkingTo: \n"
	"License: GPL (>= 2)\n";

static void
write_file(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static void
write_text(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	write_file(path, text, strlen(text));
}

static void
make_dir(char *out, size_t size, const char *parent, const char *name)
{
	snprintf(out, size, "%s/%s", parent, name);
	assert_int_equal(mkdir(out, 0755), 0);
}

static void
add_package(const char *name, const char *description)
{
	char dir[256];
	make_dir(dir, sizeof(dir), lib, name);
	write_text(dir, "DESCRIPTION", description);
}

static void
write_gzip(const char *path, const char *text, size_t len)
{
	gzFile gz = gzopen(path, "wb");
	assert_non_null(gz);
	assert_int_equal(gzwrite(gz, text, (unsigned)len), (int)len);
	assert_int_equal(gzclose(gz), Z_OK);
}

static int
remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int
setup(void **state)
{
	(void)state;
	strcpy(root, "/tmp/deputy-rlib-XXXXXX");
	if (!mkdtemp(root))
		return -1;
	snprintf(lib, sizeof(lib), "%s/lib", root);
	snprintf(outside, sizeof(outside), "%s/outside", root);
	if (mkdir(lib, 0755) || mkdir(outside, 0755))
		return -1;
	arena_init(&arena);
	diags_init(&diags, &arena);
	memset(&recs, 0, sizeof(recs));
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	pkg_records_release(&recs);
	diags_release(&diags);
	arena_release(&arena);
	return nftw(root, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static const struct pkg_record *
find(const char *name)
{
	for (size_t i = 0; i < recs.len; i++)
		if (strcmp(recs.items[i].name, name) == 0)
			return &recs.items[i];
	return NULL;
}

/* A diagnostic about a path ending in @path_end whose message holds @words. */
static bool
has_diag(const char *path_end, const char *words)
{
	size_t n = strlen(path_end);
	for (size_t i = 0; i < diags.len; i++) {
		const struct diag *d = &diags.items[i];
		size_t len = d->path ? strlen(d->path) : 0;
		if (len >= n && strcmp(d->path + len - n, path_end) == 0 &&
		    strstr(d->message, words))
			return true;
	}
	return false;
}

static void
assert_requires(const struct pkg_record *r, const char *const *names, size_t n)
{
	assert_non_null(r);
	assert_int_equal(r->n_requires, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(r->requires[i], names[i]);
}

static void
test_rlib_reads_depends_imports_linkingto_without_r_and_versions(void **state)
{
	(void)state;
	add_package("dplyr", dplyr_description);
	assert_int_equal(rlib_read(&recs, &arena, &diags, lib), 0);
	assert_int_equal(recs.len, 1);
	const struct pkg_record *r = find("dplyr");
	assert_non_null(r);
	assert_int_equal(r->ecosystem, ECO_CRAN);
	assert_string_equal(r->version, "1.1.4");
	assert_requires(r, dplyr_requires, sizeof(dplyr_requires) / sizeof(*dplyr_requires));
	char want[256];
	snprintf(want, sizeof(want), "%s/dplyr/DESCRIPTION", lib);
	assert_string_equal(r->file, want);
	assert_int_equal(r->line, 1);
	assert_string_equal(r->source, "R library");
	assert_int_equal(diags.len, 0);
}

static void
test_rlib_lists_packages_in_name_order_and_skips_stray_entries(void **state)
{
	char dir[256];
	(void)state;
	add_package("zoo", "Package: zoo\nVersion: 1.8\nDepends: R (>= 3.1.0), stats\n");
	add_package("abind", "Package: abind\nVersion: 1.4-5\nDepends: R (>= 1.5.0)\n");
	make_dir(dir, sizeof(dir), lib, "00LOCK-zoo");   /* an install in progress: no DESCRIPTION */
	make_dir(dir, sizeof(dir), lib, ".hidden");
	write_text(dir, "DESCRIPTION", "Package: hidden\n");
	write_text(lib, "stray.txt", "Package: stray\n");
	assert_int_equal(rlib_read(&recs, &arena, &diags, lib), 0);
	assert_int_equal(recs.len, 2);
	assert_string_equal(recs.items[0].name, "abind");
	assert_null(recs.items[0].requires);
	assert_int_equal(recs.items[0].n_requires, 0);
	assert_string_equal(recs.items[1].name, "zoo");
	assert_requires(&recs.items[1], (const char *const[]){ "stats" }, 1);
}

static void
test_rlib_does_not_follow_a_symlinked_package_folder(void **state)
{
	char evil[256], link_path[256];
	(void)state;
	add_package("glue", "Package: glue\nVersion: 1.6.2\nImports: methods\n");
	make_dir(evil, sizeof(evil), outside, "evil");
	write_text(evil, "DESCRIPTION", "Package: evil\nVersion: 6.6.6\n");
	snprintf(link_path, sizeof(link_path), "%s/evil", lib);
	assert_int_equal(symlink(evil, link_path), 0);
	assert_int_equal(rlib_read(&recs, &arena, &diags, lib), 0);
	assert_int_equal(recs.len, 1);
	assert_non_null(find("glue"));
	assert_null(find("evil"));
	assert_true(has_diag("/evil/DESCRIPTION", "symbolic link"));
}

static void
test_rlib_does_not_follow_a_symlinked_description(void **state)
{
	char dir[256], target[256], link_path[300];
	(void)state;
	snprintf(target, sizeof(target), "%s/DESCRIPTION", outside);
	write_text(outside, "DESCRIPTION", "Package: sneaky\nVersion: 1\n");
	make_dir(dir, sizeof(dir), lib, "sneaky");
	snprintf(link_path, sizeof(link_path), "%s/DESCRIPTION", dir);
	assert_int_equal(symlink(target, link_path), 0);
	assert_int_equal(rlib_read(&recs, &arena, &diags, lib), 0);
	assert_int_equal(recs.len, 0);
	assert_true(has_diag("/sneaky/DESCRIPTION", "symbolic link"));
}

static void
test_rlib_skips_a_malformed_description_and_reads_the_rest(void **state)
{
	(void)state;
	add_package("broken", "Package: broken\nVersion: 0.1\nthis line has no colon\n"
			      "Imports: evilpkg\n");
	add_package("nameless", "Version: 1.0\nImports: rlang\n");
	add_package("badname", "Package: ../../etc\nVersion: 1.0\n");
	add_package("cli", "Package: cli\nVersion: 3.6.1\nImports: utils\n");
	assert_int_equal(rlib_read(&recs, &arena, &diags, lib), 0);
	assert_int_equal(recs.len, 1);
	assert_non_null(find("cli"));
	assert_true(has_diag("/broken/DESCRIPTION", "expected ':'"));
	assert_true(has_diag("/broken/DESCRIPTION", "malformed record"));
	assert_true(has_diag("/nameless/DESCRIPTION", "without a Package field"));
	assert_true(has_diag("/badname/DESCRIPTION", "expected a package name"));
}

static void
test_rlib_skips_a_description_over_one_megabyte_or_not_a_file(void **state)
{
	char dir[256], path[300];
	size_t size = ((size_t)1 << 20) + 10;
	char *big = malloc(size);
	(void)state;
	assert_non_null(big);
	memset(big, 'x', size);
	memcpy(big, "Package: huge\nDescription: ", 27);
	make_dir(dir, sizeof(dir), lib, "huge");
	snprintf(path, sizeof(path), "%s/DESCRIPTION", dir);
	write_file(path, big, size);
	free(big);
	make_dir(dir, sizeof(dir), lib, "pipe");
	snprintf(path, sizeof(path), "%s/DESCRIPTION", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(rlib_read(&recs, &arena, &diags, lib), 0);
	assert_int_equal(recs.len, 0);
	assert_true(has_diag("/huge/DESCRIPTION", "larger than"));
	assert_true(has_diag("/pipe/DESCRIPTION", "not a regular file"));
}

static void
test_rlib_keeps_bad_entries_out_and_duplicates_once(void **state)
{
	(void)state;
	add_package("odd", "Package: odd\nDepends: R, methods,, stats (>= 4)\n"
			   "Imports: methods, 9lives, utils (>= 1.0\nImports: tools\n");
	assert_int_equal(rlib_read(&recs, &arena, &diags, lib), 0);
	assert_int_equal(recs.len, 1);
	/* the second Imports replaces the first, as read.dcf() keeps the last */
	assert_requires(&recs.items[0], (const char *const[]){ "methods", "stats", "tools" }, 3);
	assert_null(recs.items[0].version);
}

static void
test_rlib_missing_folder_is_not_found(void **state)
{
	char path[256];
	(void)state;
	snprintf(path, sizeof(path), "%s/nope", root);
	assert_int_equal(rlib_read(&recs, &arena, &diags, path), ERR_NOTFOUND);
	write_text(root, "file", "x");
	snprintf(path, sizeof(path), "%s/file", root);
	assert_int_equal(rlib_read(&recs, &arena, &diags, path), ERR_NOTFOUND);
	assert_int_equal(recs.len, 0);
}

static void
check_index_records(const char *path)
{
	assert_int_equal(recs.len, 3);
	assert_string_equal(recs.items[0].name, "A3");
	assert_string_equal(recs.items[0].version, "1.0.0");
	assert_requires(&recs.items[0], (const char *const[]){ "xtable", "pbapply" }, 2);
	assert_int_equal(recs.items[0].line, 1);
	assert_string_equal(recs.items[1].name, "abc");
	assert_requires(&recs.items[1],
			(const char *const[]){ "abc.data", "nnet", "quantreg", "MASS", "locfit" }, 5);
	assert_int_equal(recs.items[1].line, 8);
	assert_string_equal(recs.items[2].name, "Rcpp");
	assert_string_equal(recs.items[2].version, "1.0.11");
	assert_requires(&recs.items[2], (const char *const[]){ "methods", "utils" }, 2);
	assert_int_equal(recs.items[2].line, 14);
	for (size_t i = 0; i < recs.len; i++) {
		assert_string_equal(recs.items[i].file, path);
		assert_string_equal(recs.items[i].source, "CRAN index");
		assert_int_equal(recs.items[i].ecosystem, ECO_CRAN);
	}
	assert_int_equal(diags.len, 0);
}

static void
test_cran_index_reads_one_record_per_stanza(void **state)
{
	char path[256];
	(void)state;
	snprintf(path, sizeof(path), "%s/PACKAGES", root);
	write_file(path, packages_index, strlen(packages_index));
	assert_int_equal(cran_index_read(&recs, &arena, &diags, path), 0);
	check_index_records(path);
}

static void
test_cran_index_reads_gzip(void **state)
{
	char path[256];
	(void)state;
	snprintf(path, sizeof(path), "%s/PACKAGES.gz", root);
	write_gzip(path, packages_index, strlen(packages_index));
	assert_int_equal(cran_index_read(&recs, &arena, &diags, path), 0);
	check_index_records(path);
}

static void
test_cran_index_rejects_a_file_that_is_not_an_index(void **state)
{
	static const char binary[] = "\x7f" "ELF\x02\x01\x01\0\0\0garbage\n\n\x01\x02";
	char path[256];
	(void)state;
	snprintf(path, sizeof(path), "%s/empty", root);
	write_file(path, "", 0);
	assert_int_equal(cran_index_read(&recs, &arena, &diags, path), ERR_SYNTAX);
	snprintf(path, sizeof(path), "%s/text", root);
	write_text(root, "text", "<html>\n<body>not found</body>\n</html>\n");
	assert_int_equal(cran_index_read(&recs, &arena, &diags, path), ERR_SYNTAX);
	snprintf(path, sizeof(path), "%s/binary", root);
	write_file(path, binary, sizeof(binary) - 1);
	assert_int_equal(cran_index_read(&recs, &arena, &diags, path), ERR_SYNTAX);
	snprintf(path, sizeof(path), "%s/fields", root);
	write_text(root, "fields", "Title: no package here\nVersion: 1\n");
	assert_int_equal(cran_index_read(&recs, &arena, &diags, path), ERR_SYNTAX);
	assert_int_equal(recs.len, 0);
	assert_true(has_diag("/fields", "not a CRAN PACKAGES index"));
	snprintf(path, sizeof(path), "%s/missing", root);
	assert_int_equal(cran_index_read(&recs, &arena, &diags, path), ERR_NOTFOUND);
	snprintf(path, sizeof(path), "%s/fifo", root);   /* must not wait for a writer */
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(cran_index_read(&recs, &arena, &diags, path), ERR_NOTFOUND);
}

static void
test_cran_index_skips_only_the_stanza_with_a_bad_line(void **state)
{
	char path[256];
	(void)state;
	snprintf(path, sizeof(path), "%s/PACKAGES", root);
	write_text(root, "PACKAGES",
		   "Package: one\nVersion: 1\n"
		   "\n"
		   "no colon here\n"                         /* a stanza of rejected lines only */
		   "\n"
		   "Package: two\nVersion: 2\n"
		   "\n"
		   "Package: twob\nVersion: 2\n"
		   "bad line after the last field\n"
		   "\n"
		   "Package: three\nbad line in the middle\nVersion: 3\n"
		   "\n"
		   "  continuation at the start\n"
		   "Package: four\nVersion: 4\n"
		   "\n"
		   "Package: five\nVersion: 5\n"
		   "trailing bad line\n");
	assert_int_equal(cran_index_read(&recs, &arena, &diags, path), 0);
	assert_int_equal(recs.len, 2);
	assert_string_equal(recs.items[0].name, "one");
	assert_string_equal(recs.items[1].name, "two");
	assert_int_equal(recs.items[1].line, 6);
	assert_true(has_diag("/PACKAGES", "malformed record"));
}

static void
test_cran_index_handles_crlf_bom_and_a_truncated_gzip(void **state)
{
	char path[256];
	(void)state;
	snprintf(path, sizeof(path), "%s/crlf", root);
	write_text(root, "crlf", "\xef\xbb\xbfPackage: a\r\nImports: b,\r\n  c\r\n\r\nPackage: d\r\n");
	assert_int_equal(cran_index_read(&recs, &arena, &diags, path), 0);
	assert_int_equal(recs.len, 2);
	assert_requires(&recs.items[0], (const char *const[]){ "b", "c" }, 2);
	assert_int_equal(recs.items[1].line, 5);

	/* a gzip stream cut short: a diagnostic, never a partial record list used silently */
	char *big = malloc(1 << 16);
	assert_non_null(big);
	for (size_t i = 0; i < (1 << 16); i++)
		big[i] = "Package: x\nVersion: 1\n\n"[i % 24];
	snprintf(path, sizeof(path), "%s/cut.gz", root);
	write_gzip(path, big, 1 << 16);
	free(big);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(truncate(path, st.st_size / 2), 0);
	pkg_records_release(&recs);
	assert_int_equal(cran_index_read(&recs, &arena, &diags, path), ERR_SYNTAX);
	assert_true(has_diag("/cut.gz", "gzip"));
}

static void
test_cran_index_stops_a_gzip_bomb(void **state)
{
	char path[256];
	size_t chunk = (size_t)1 << 20;
	char *zeros = calloc(1, chunk);
	(void)state;
	assert_non_null(zeros);
	memcpy(zeros, "Package: bomb\nDescription: ", 27);
	snprintf(path, sizeof(path), "%s/bomb.gz", root);
	gzFile gz = gzopen(path, "wb1");
	assert_non_null(gz);
	for (int i = 0; i < 257; i++) {
		assert_int_equal(gzwrite(gz, zeros, (unsigned)chunk), (int)chunk);
		memset(zeros, 0, 27);
	}
	assert_int_equal(gzclose(gz), Z_OK);
	free(zeros);
	assert_int_equal(cran_index_read(&recs, &arena, &diags, path), ERR_LIMIT);
	assert_int_equal(recs.len, 0);
	assert_true(has_diag("/bomb.gz", "larger than"));
}

/*
 * The differential check: R (read.dcf and tools' own dependency-field
 * parser) on every package in R's libraries and in a fake library; each
 * line it prints is "name<TAB>dep,dep,...", deps sorted.
 */
static const char r_script[] =
	"libs <- commandArgs(TRUE)\n"
	"for (lib in libs) for (d in list.dirs(lib, full.names = TRUE, recursive = FALSE)) {\n"
	"  f <- file.path(d, 'DESCRIPTION')\n"
	"  if (Sys.readlink(d) != '' || !file.exists(f) || Sys.readlink(f) != '') next\n"
	"  x <- tryCatch(read.dcf(f)[1, ], error = function(e) NULL)\n"
	"  if (is.null(x) || is.na(x['Package'])) next\n"
	"  v <- x[intersect(c('Depends', 'Imports', 'LinkingTo'), names(x))]\n"
	"  deps <- unique(tools:::.extract_dependency_package_names(paste(v, collapse = ',')))\n"
	"  cat(x[['Package']], '\\t', paste(sort(deps, method = 'radix'), collapse = ','), '\\n',"
	" sep = '')\n"
	"}\n";

static int
compare_strings(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* "name<TAB>sorted,deps" for record @r, in @buf. */
static void
format_record(char *buf, size_t size, const struct pkg_record *r)
{
	const char *sorted[256];
	size_t n = r->n_requires, at;
	assert_true(n <= 256);
	if (n) {
		memcpy(sorted, r->requires, n * sizeof(*sorted));
		qsort(sorted, n, sizeof(*sorted), compare_strings);
	}
	at = (size_t)snprintf(buf, size, "%s\t", r->name);
	for (size_t i = 0; i < n && at < size; i++)
		at += (size_t)snprintf(buf + at, size - at, "%s%s", i ? "," : "", sorted[i]);
}

static void
test_rlib_agrees_with_r_on_installed_and_fake_libraries(void **state)
{
	char script[256], cmd[2048], line[8192], mine[8192];
	const char *r_libs[8];
	size_t n_libs = 0, lines = 0;
	(void)state;

	if (system("command -v Rscript >/dev/null 2>&1") != 0)
		skip();
	add_package("dplyr", dplyr_description);
	add_package("odd", "Package: odd\nDepends: R, methods,, stats (>= 4)\n"
			   "Imports: methods, utils (>= 1.0)\nImports: tools, grid\n");
	add_package("multi", "Package: multi\nImports:\n  a (>= 1),\n\tb,\n  c\nLinkingTo: a, d\n");
	FILE *p = popen("Rscript -e 'cat(unique(normalizePath(c(.libPaths(), R.home(\"library\")))),"
			" sep = \"\\n\")'", "r");
	assert_non_null(p);
	static char lib_paths[8][512];
	while (n_libs < 7 && fgets(lib_paths[n_libs], sizeof(lib_paths[0]), p)) {
		lib_paths[n_libs][strcspn(lib_paths[n_libs], "\n")] = '\0';
		r_libs[n_libs] = lib_paths[n_libs];
		n_libs++;
	}
	assert_int_equal(pclose(p), 0);
	r_libs[n_libs++] = lib;

	snprintf(script, sizeof(script), "%s/deps.R", root);
	write_file(script, r_script, strlen(r_script));
	size_t at = (size_t)snprintf(cmd, sizeof(cmd), "Rscript %s", script);
	for (size_t i = 0; i < n_libs; i++) {
		assert_int_equal(rlib_read(&recs, &arena, &diags, r_libs[i]), 0);
		at += (size_t)snprintf(cmd + at, sizeof(cmd) - at, " '%s'", r_libs[i]);
	}
	assert_true(at < sizeof(cmd));
	p = popen(cmd, "r");
	assert_non_null(p);
	bool *used = calloc(recs.len + 1, sizeof(*used));
	assert_non_null(used);
	while (fgets(line, sizeof(line), p)) {
		size_t i;
		line[strcspn(line, "\n")] = '\0';
		/* R lists folders in its own collation order: match by name */
		for (i = 0; i < recs.len; i++)
			if (!used[i] && strncmp(line, recs.items[i].name, strlen(recs.items[i].name)) == 0 &&
			    line[strlen(recs.items[i].name)] == '\t')
				break;
		if (i == recs.len)
			fail_msg("R read %s; rlib_read() did not", line);
		used[i] = true;
		format_record(mine, sizeof(mine), &recs.items[i]);
		assert_string_equal(mine, line);
		lines++;
	}
	free(used);
	assert_int_equal(pclose(p), 0);
	assert_int_equal(lines, recs.len);
	assert_true(lines >= 3 + 1);     /* the fake packages and at least one of R's */
	print_message("compared %zu packages with R\n", lines);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_rlib_reads_depends_imports_linkingto_without_r_and_versions, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_rlib_lists_packages_in_name_order_and_skips_stray_entries, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_rlib_does_not_follow_a_symlinked_package_folder,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_rlib_does_not_follow_a_symlinked_description,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_rlib_skips_a_malformed_description_and_reads_the_rest, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rlib_skips_a_description_over_one_megabyte_or_not_a_file,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_rlib_keeps_bad_entries_out_and_duplicates_once,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_rlib_missing_folder_is_not_found, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_cran_index_reads_one_record_per_stanza, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_cran_index_reads_gzip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cran_index_rejects_a_file_that_is_not_an_index,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_cran_index_skips_only_the_stanza_with_a_bad_line,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_cran_index_handles_crlf_bom_and_a_truncated_gzip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cran_index_stops_a_gzip_bomb, setup, teardown),
	};
	const struct CMUnitTest differential[] = {
		cmocka_unit_test_setup_teardown(
			test_rlib_agrees_with_r_on_installed_and_fake_libraries, setup, teardown),
	};

	if (argc > 1 && strcmp(argv[1], "--differential") == 0) {
		/* meson counts exit status 77 as skipped, not passed */
		if (system("command -v Rscript >/dev/null 2>&1") != 0)
			return 77;
		return cmocka_run_group_tests_name("rlib_differential", differential, NULL, NULL);
	}
	return cmocka_run_group_tests_name("rlib", tests, NULL, NULL);
}
