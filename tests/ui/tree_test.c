/*
 * The audit screen's tree without a terminal: a scan of a folder whose
 * virtualenv says what requests pulls in, and the package rows, folds,
 * findings, filter and n/N built on it (tui/tree.c, tui/tree_graph.c).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "deputy/graph.h"
#include "deputy/scan.h"
#include "tree.h"

static char root[] = "/tmp/deputy-tree-test-XXXXXX";

/* Writes @text to @rel under the fixture, making its folders. */
static void
put(const char *rel, const char *text)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	for (char *p = path + strlen(root) + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		assert_true(mkdir(path, 0700) == 0 || errno == EEXIST);
		*p = '/';
	}
	assert_non_null(fp = fopen(path, "w"));
	fputs(text, fp);
	fclose(fp);
}

#define SITE ".venv/lib/python3.11/site-packages/"
#define META(name, version, requires) \
	put(SITE name "-" version ".dist-info/METADATA", "Metadata-Version: 2.1\nName: " name \
	    "\nVersion: " version "\n" requires "\nA description.\n")

/*
 * requests needs charset-normalizer, urlib3 and urllib3; charset-normalizer
 * needs colourama and requests (a cycle back to the declaration); urlib3
 * needs charset-normalizer again (shown above).
 */
static int
setup(void **state)
{
	struct scan_opts opts = SCAN_OPTS_INIT;
	struct scan *scan = NULL;
	char err[256];

	assert_non_null(mkdtemp(root));
	put("requirements.txt", "requests==2.31.0\n");
	put(".venv/pyvenv.cfg", "home = /usr/bin\nversion = 3.11.2\n");
	META("requests", "2.31.0", "Requires-Dist: urllib3\nRequires-Dist: urlib3\n"
	     "Requires-Dist: charset-normalizer\n");
	META("charset_normalizer", "3.3.2", "Requires-Dist: colourama\nRequires-Dist: requests\n");
	META("urlib3", "2.0.4", "Requires-Dist: charset-normalizer\n");
	META("urllib3", "2.0.4", "");
	META("colourama", "0.4.6", "");
	assert_int_equal(scan_run(&scan, root, &opts, err, sizeof(err)), 0);
	*state = scan;
	return 0;
}

static int
teardown(void **state)
{
	char cmd[600];

	scan_free(*state);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	return system(cmd) == 0 ? 0 : -1;
}

static const char *
name_of(const struct scan *scan, const struct node *n)
{
	return scan_graph(scan)->nodes[n->graph_node].name;
}

/* The rows: file, declaration, then the walk (name, depth, parent, repeat). */
static void
test_tree_lists_what_a_declaration_pulls_in_depth_first(void **state)
{
	const struct scan *scan = *state;
	static const struct {
		const char *name;
		unsigned depth;
		size_t parent;
		bool repeat;
	} want[] = {
		{ "charset-normalizer", 2, 1, false },
		{ "colourama", 3, 2, false },
		{ "requests", 3, 2, true },      /* the cycle back to the declaration */
		{ "urlib3", 2, 1, false },
		{ "charset-normalizer", 3, 5, true },
		{ "urllib3", 2, 1, false },
	};
	struct tree tree;

	assert_int_equal(tree_init(&tree, scan), 0);
	assert_int_equal(tree.len, 2 + sizeof(want) / sizeof(want[0]));
	assert_int_equal(tree.nodes[0].kind, NODE_FILE);
	assert_int_equal(tree.nodes[1].kind, NODE_DEP);
	assert_int_equal(tree.nodes[1].n_children, 3);
	assert_int_equal(tree.nodes[1].n_subtree, 6);
	assert_int_equal(tree.nodes[0].n_children, 1);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct node *n = &tree.nodes[2 + i];

		assert_int_equal(n->kind, NODE_PACKAGE);
		assert_string_equal(name_of(scan, n), want[i].name);
		assert_int_equal(n->depth, want[i].depth);
		assert_int_equal(n->parent, want[i].parent);
		assert_int_equal(n->repeat, want[i].repeat);
		if (n->repeat)
			assert_int_equal(n->n_children, 0);
	}
	tree_release(&tree);
}

/* The look-alikes' findings are on their rows; the path to them is open. */
static void
test_tree_puts_transitive_findings_on_package_rows(void **state)
{
	struct tree tree;

	assert_int_equal(tree_init(&tree, *state), 0);
	assert_int_equal(tree.n_flagged, 2);
	assert_int_equal(tree.flagged[0], 3);        /* colourama */
	assert_int_equal(tree.flagged[1], 5);        /* urlib3 */
	assert_true(tree.nodes[3].n_findings > 0);
	assert_int_equal(tree.nodes[4].n_findings, 0);
	assert_int_equal(tree.nodes[0].severity, SEV_CRITICAL);
	assert_int_equal(tree.nodes[1].severity, SEV_CRITICAL);
	assert_int_equal(tree.nodes[2].severity, SEV_CRITICAL);
	assert_int_equal(tree.nodes[7].severity, -1);        /* urllib3 is clean */
	for (size_t i = 0; i < tree.len; i++)       /* no file row for the METADATA */
		assert_true(tree.nodes[i].kind != NODE_FILE || i == 0);
	assert_true(tree.nodes[1].expanded && tree.nodes[2].expanded);
	assert_false(tree.nodes[5].expanded);        /* below it only a repeat */
	assert_int_equal(tree.n_visible, 7);         /* all but urlib3's repeat */
	tree_release(&tree);
}

/* Folding the declaration hides its rows; n unfolds the way to the next flag. */
static void
test_tree_folds_at_any_depth_and_n_unfolds(void **state)
{
	struct tree tree;

	assert_int_equal(tree_init(&tree, *state), 0);
	tree.cursor = 3;
	tree.nodes[1].expanded = false;
	tree_refresh(&tree);
	assert_int_equal(tree.n_visible, 2);
	assert_int_equal(tree.cursor, 1);            /* the nearest shown ancestor */
	assert_int_equal(tree_step_flag(&tree, true), 0);
	assert_int_equal(tree.cursor, 3);
	assert_true(tree.nodes[1].expanded);
	assert_int_equal(tree_cursor_row(&tree), 3);
	assert_int_equal(tree_step_flag(&tree, true), 0);
	assert_int_equal(tree.cursor, 5);
	assert_int_equal(tree_step_flag(&tree, false), 0);
	assert_int_equal(tree.cursor, 3);
	tree.nodes[5].expanded = true;
	tree_refresh(&tree);
	assert_int_equal(tree.n_visible, 8);
	/* From the last flag n wraps to the first, and N from the first to the last. */
	tree.cursor = 5;
	assert_int_equal(tree_step_flag(&tree, true), 1);
	assert_int_equal(tree.cursor, 3);
	assert_int_equal(tree_step_flag(&tree, false), 1);
	assert_int_equal(tree.cursor, 5);
	/* From a clean row between the flags, each way to the nearest. */
	tree.cursor = 4;
	assert_int_equal(tree_step_flag(&tree, true), 0);
	assert_int_equal(tree.cursor, 5);
	tree.cursor = 4;
	assert_int_equal(tree_step_flag(&tree, false), 0);
	assert_int_equal(tree.cursor, 3);
	tree_release(&tree);
}

/* The flagged-only filter hides clean rows at every depth. */
static void
test_tree_filter_hides_clean_packages(void **state)
{
	struct tree tree;

	assert_int_equal(tree_init(&tree, *state), 0);
	tree.flagged_only = true;
	tree_refresh(&tree);
	assert_int_equal(tree.n_visible, 5);         /* file, requests, charset, colourama, urlib3 */
	for (size_t r = 0; r < tree.n_visible; r++)
		assert_true(tree.nodes[tree.visible[r]].severity >= 0);
	tree_release(&tree);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tree_lists_what_a_declaration_pulls_in_depth_first),
		cmocka_unit_test(test_tree_puts_transitive_findings_on_package_rows),
		cmocka_unit_test(test_tree_folds_at_any_depth_and_n_unfolds),
		cmocka_unit_test(test_tree_filter_hides_clean_packages),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
