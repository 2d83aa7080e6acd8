/*
 * The introduction that `deputy --demo` opens with: what the screen shows,
 * the keys that matter, and where the cursor waits (the first flagged entry).
 * Any key closes it.
 */
#include <stdio.h>
#include <string.h>

#include "deputy/strbuf.h"
#include "app.h"

static const char *const intro_keys[][2] = {
	{ "n / N", "next / previous flagged entry" },
	{ "l", "the lesson: why it matters, the real incident, how to check and fix" },
	{ "v", "the whole file, the declaration's line marked" },
	{ "/", "search names, files and rule ids; Ctrl-N / Ctrl-P step through matches" },
	{ "f s p", "filters: flagged only, minimum severity, ecosystem (Python, R)" },
	{ "Tab", "move between the tree and the detail pane" },
	{ "t  ?  q", "next colour theme, every key, leave deputy" },
};

/* The first flagged entry (in tree order), or the tree's first row. */
static void
go_to_first_flag(struct tree *tree)
{
	if (tree->n_flagged == 0)
		return;
	tree_move_to(tree, tree->flagged[0]);
}

void
intro_open(struct app *app)
{
	struct detail *d = &app->page_text;
	const struct node *n;

	go_to_first_flag(&app->tree);
	detail_reset(d, app->views[VIEW_PAGE].width > 2 ? app->views[VIEW_PAGE].width - 1 : 78);
	d->title = strdup(" Welcome to the deputy demo   any key starts");
	detail_line(d);
	detail_para(d, EL_TEXT, 1, "This is a small repository made up for teaching: Python "
		    "requirement files and R scripts with the mistakes attackers count on "
		    "(look-alike names of 2017's malicious PyPI uploads, packages installed "
		    "from GitHub at a moving branch, code run straight from a URL).");
	detail_blank(d);
	if (app->tree.n_flagged > 0) {
		struct strbuf sb = STRBUF_INIT;

		n = &app->tree.nodes[app->tree.cursor];
		strbuf_printf(&sb, "The cursor is on the first flagged entry: %s in %s",
			      n->kind == NODE_DEP && n->dep->name[0] ? n->dep->name : "a line",
			      n->path);
		if (n->line > 0)
			strbuf_printf(&sb, ", line %u", n->line);
		strbuf_adds(&sb, ". Press l there for its lesson, n for the next one.");
		detail_para(d, EL_TEXT, 1, strbuf_cstr(&sb));
		strbuf_release(&sb);
	}
	detail_blank(d);
	detail_para(d, EL_TEXT, 1, "In the tree, a letter on the left marks the worst "
		    "finding (C critical, H high, M medium, L low, i info); the pane below "
		    "explains the selected entry.");
	detail_blank(d);
	detail_line(d);
	detail_segs(d, EL_HEADING, " Keys");
	for (size_t i = 0; i < sizeof(intro_keys) / sizeof(intro_keys[0]); i++) {
		detail_line(d);
		detail_fmt(d, EL_HELP_KEY, "   %-9s", intro_keys[i][0]);
		detail_segs(d, EL_HELP, intro_keys[i][1]);
	}
	page_show(app, PAGE_INTRO, 0);
}
