/*
 * The detector for CI files: every `run:` of a GitHub Actions step
 * (.github/workflows/NAME.yml or .yaml) and every `script:`, `before_script:`,
 * `after_script:` of a GitLab CI job or of `default:` (.gitlab-ci.yml),
 * each handed to core/lex/shcmd.c as the region of the file it is written in.
 *
 *   workflow = { "jobs": { job-id: { "steps": [ { "run": shell, "shell": s? } ... ] } } }
 *   gitlab   = { ("before_script" | "after_script"): script,
 *                name: { ("script" | "before_script" | "after_script"): script } ... }
 *   script   = scalar | [ (scalar | script | !reference [...]) ... ]
 *
 * A job without a before_script runs its templates' (`extends: .t` or a
 * list, the last that has one), else `default:`'s unless `inherit: default:`
 * says no; it is read where written, and its cds carry into the job's script.
 *
 * A scalar's region is its text as written (yaml_tree.h): a block scalar's
 * lines after the `|` or `>`, a quoted scalar inside its quotes, a plain one
 * whole. Escapes in double-quoted scalars are not decoded and folded lines
 * are not joined: the shell text is read as written, so positions stay exact.
 */
#include "detect/ci_yaml.h"

#include <stdlib.h>
#include <string.h>

#include "deputy/array.h"
#include "detect/gitlab_extends.h"
#include "detect/yaml_tree.h"
#include "lex/shcmd.h"

struct region_list {
	struct ci_region *items;
	size_t n, cap;
	unsigned shell;          /* for the regions added next */
	bool replay;
	size_t replayed;         /* bytes of replayed regions so far */
	bool replay_capped;      /* CI_YAML_MAX_REPLAY was reached */
};

bool
ci_yaml_matches(const char *path)
{
	static const char prefix[] = ".github/workflows/";
	const char *base = path_basename(path);
	size_t n = strlen(base);

	if (strcmp(base, ".gitlab-ci.yml") == 0)
		return true;
	/* GitHub reads workflows directly in the folder, not in subfolders */
	if (strncmp(path, prefix, sizeof(prefix) - 1) != 0 || base != path + sizeof(prefix) - 1)
		return false;
	return (n > 4 && strcmp(base + n - 4, ".yml") == 0) ||
	       (n > 5 && strcmp(base + n - 5, ".yaml") == 0);
}

static int
add_region(struct region_list *list, const struct ynode *scalar, struct sv text, const char *dir)
{
	struct span at = ytree_scalar_text(scalar, text);

	if (list->replay) {     /* a before_script read again for each job that inherits it */
		if (list->replayed + (at.end - at.start) > CI_YAML_MAX_REPLAY) {
			list->replay_capped = true;
			return 0;
		}
		list->replayed += at.end - at.start;
	}
	if (array_reserve(&list->items, &list->cap, list->n, sizeof(*list->items)))
		return ERR_NOMEM;
	list->items[list->n++] = (struct ci_region){ at, dir, list->shell, list->replay };
	return 0;
}

/* A step's `shell:` that is not a POSIX shell (pwsh, python, cmd) runs no shell text. */
static bool
is_posix_shell(const struct ynode *shell)
{
	static const char *const shells[] = { "bash", "sh" };

	if (!shell || shell->type != YNODE_SCALAR)
		return true;
	for (size_t i = 0; i < sizeof(shells) / sizeof(shells[0]); i++) {
		size_t n = strlen(shells[i]);
		if (shell->len >= n && memcmp(shell->value, shells[i], n) == 0 &&
		    (shell->len == n || shell->value[n] == ' '))
			return true;
	}
	return false;
}

/*
 * A key of `defaults: run:` (`shell`, `working-directory`) as a step sees
 * it: its own, else its job's defaults, else the workflow's; NULL when
 * none of them sets it.
 */
static const struct ynode *
run_default(const struct ynode *step, const struct ynode *job, const struct ynode *workflow,
	    const char *key)
{
	const struct ynode *v = ytree_get(step, key);

	if (!v)
		v = ytree_get(ytree_get(ytree_get(job, "defaults"), "run"), key);
	if (!v)
		v = ytree_get(ytree_get(ytree_get(workflow, "defaults"), "run"), key);
	return v;
}

/*
 * The folder a step runs in, repository-relative: its working-directory,
 * with a leading ${{ github.workspace }} (the checkout's root) dropped; the
 * root when it sets none. A folder known only at run time (another
 * expression, an absolute path) is also taken as the root: the likeliest.
 */
static int
working_dir(const char **dir, struct arena *arena, const struct ynode *wd)
{
	*dir = "";
	if (!wd || wd->type != YNODE_SCALAR || wd->incomplete)
		return 0;
	struct sv v = { wd->value, wd->len };
	size_t close = sv_find(v, SV_LIT("}}"));
	if (sv_starts_with(v, SV_LIT("${{")) && close != SV_NPOS &&
	    sv_eq_cstr(sv_trim(sv_slice(v, 3, close - 3)), "github.workspace")) {
		v = sv_tail(v, close + 2);
		while (v.len && v.ptr[0] == '/')
			v = sv_tail(v, 1);      /* "${{ github.workspace }}/backend" */
	}
	if (sv_find(v, SV_LIT("${{")) != SV_NPOS || memchr(v.ptr, '\0', v.len) ||
	    (v.len && (v.ptr[0] == '/' || v.ptr[0] == '\\' || v.ptr[0] == '~')))
		return 0;
	return (*dir = arena_strndup(arena, v)) ? 0 : ERR_NOMEM;
}

static int
find_github(struct region_list *list, struct arena *arena, const struct ynode *root,
	    struct sv text)
{
	const struct ynode *jobs = ytree_get(root, "jobs");
	int rc;

	if (!jobs || jobs->type != YNODE_MAPPING)
		return 0;
	for (const struct ynode *k = jobs->child; k && k->next; k = k->next->next) {
		const struct ynode *job = k->next, *steps = ytree_get(job, "steps");
		if (!steps || steps->type != YNODE_SEQUENCE)
			continue;
		for (const struct ynode *step = steps->child; step; step = step->next) {
			const struct ynode *run = ytree_get(step, "run");
			const char *dir;
			if (!run || run->type != YNODE_SCALAR ||
			    !is_posix_shell(run_default(step, job, root, "shell")))
				continue;
			list->shell++;  /* each run: is a shell of its own */
			if ((rc = working_dir(&dir, arena,
					      run_default(step, job, root, "working-directory"))) ||
			    (rc = add_region(list, run, text, dir)))
				return rc;
		}
	}
	return 0;
}

/* A script: one string, or a list of strings and lists; `!reference` is read where it points. */
static int
find_script(struct region_list *list, const struct ynode *script, struct sv text, unsigned depth)
{
	if (!script || (script->tag && strcmp(script->tag, "!reference") == 0))
		return 0;
	if (script->type == YNODE_SCALAR)
		return script->len ? add_region(list, script, text, NULL) : 0;
	if (script->type != YNODE_SEQUENCE || depth >= CI_YAML_MAX_SCRIPT_DEPTH)
		return 0;
	for (const struct ynode *item = script->child; item; item = item->next) {
		int rc = find_script(list, item, text, depth + 1);
		if (rc)
			return rc;
	}
	return 0;
}

static bool
is_script_key(const struct ynode *key)
{
	return ytree_is(key, "script") || ytree_is(key, "before_script") ||
	       ytree_is(key, "after_script");
}

/*
 * The before_script of `default:`, else the old global one. NULL when there
 * is none.
 */
static const struct ynode *
default_before(const struct ynode *root)
{
	const struct ynode *b = ytree_get(ytree_get(root, "default"), "before_script");

	return b ? b : ytree_get(root, "before_script");
}

/*
 * Whether job @job takes `default:`'s before_script: not with `inherit:
 * default: false`, nor with a list of default keywords that leaves it out
 * (its own `inherit:`, else its templates').
 */
static bool
inherits_default_before(struct gitlab_templates *tpl, const struct ynode *job)
{
	/* GitLab merges inherit: key by key: the job's own default:, else its templates' */
	const struct ynode *d = ytree_get(ytree_get(job, "inherit"), "default");

	if (!d)
		d = gitlab_extended(tpl, job, GITLAB_INHERIT_DEFAULT);

	if (!d)
		return true;
	if (d->type == YNODE_SCALAR)
		return !ytree_is(d, "false");
	if (d->type != YNODE_SEQUENCE)
		return true;
	for (const struct ynode *item = d->child; item; item = item->next)
		if (ytree_is(item, "before_script"))
			return true;
	return false;
}

/*
 * The before_script job @job runs when it has none of its own: from its
 * templates, else @dflt (default_before()). NULL when there is none.
 */
static const struct ynode *
inherited_before(struct gitlab_templates *tpl, const struct ynode *job, const struct ynode *dflt)
{
	const struct ynode *b = gitlab_extended(tpl, job, GITLAB_BEFORE_SCRIPT);

	if (b)
		return b;
	return dflt && inherits_default_before(tpl, job) ? dflt : NULL;
}

/* A top-level key that names a job: not a keyword, not a hidden template. */
static bool
is_job(const struct ynode *key, const struct ynode *value)
{
	static const char *const keywords[] = { "default", "include", "stages", "variables",
						"workflow", "image", "services", "cache" };

	if (value->type != YNODE_MAPPING || key->type != YNODE_SCALAR || !key->len ||
	    key->value[0] == '.')
		return false;
	for (size_t i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++)
		if (ytree_is(key, keywords[i]))
			return false;
	return true;
}

static int
find_gitlab(struct region_list *list, const struct ynode *root, struct sv text)
{
	struct gitlab_templates tpl;
	int rc = 0;

	if (!root || root->type != YNODE_MAPPING)
		return 0;
	if ((rc = gitlab_templates_init(&tpl, root)))
		return rc;
	const struct ynode *dflt = default_before(root);
	for (const struct ynode *k = root->child; k && k->next && !rc; k = k->next->next) {
		const struct ynode *v = k->next;
		if (is_script_key(k)) {
			list->shell++;
			rc = find_script(list, v, text, 0);     /* the old global before_script */
		} else if (v->type == YNODE_MAPPING && !ytree_is(k, "variables")) {
			/*
			 * In the order they run, whatever the order of the keys:
			 * before_script and script in one shell, after_script in
			 * another.
			 */
			static const char *const keys[] = { "before_script", "script", "after_script" };
			unsigned job = ++list->shell;
			const struct ynode *inherited = is_job(k, v) && !ytree_get(v, "before_script") ?
				inherited_before(&tpl, v, dflt) : NULL;
			if (inherited) {
				/* read where it is written; here only for where its cds lead */
				list->replay = true;
				rc = find_script(list, inherited, text, 0);
				list->replay = false;
			}
			for (size_t s = 0; s < 3 && !rc; s++) {
				list->shell = s < 2 ? job : job + 1;
				rc = find_script(list, ytree_get(v, keys[s]), text, 0);
			}
		}
	}
	gitlab_templates_release(&tpl);
	return rc;
}

int
ci_yaml_find_regions(struct ci_region **regions, size_t *n, struct detect_out *out,
		     struct source *src)
{
	struct region_list list = { 0 };
	struct ytree tree;
	bool gitlab = strcmp(path_basename(src->path), ".gitlab-ci.yml") == 0;
	int rc;

	*regions = NULL;
	*n = 0;
	if ((rc = ytree_parse(&tree, out->arena, out->diags, src)))
		return rc;
	for (const struct ynode *doc = tree.docs; doc && !rc; doc = doc->next)
		rc = gitlab ? find_gitlab(&list, doc, src->text)
			    : find_github(&list, out->arena, doc, src->text);
	if (rc) {
		free(list.items);
		return rc;
	}
	if (list.replay_capped)
		diag_add(out->diags, DIAG_NOTE, src, (struct span){ 0, 0 },
			 "jobs inherit more before_script text than deputy replays (%u bytes): "
			 "where its cds lead is followed in the first jobs only",
			 (unsigned)CI_YAML_MAX_REPLAY);
	*regions = list.items;
	*n = list.n;
	return 0;
}

int
detect_ci_yaml(struct detect_out *out, struct source *src, const struct detect_ctx *ctx)
{
	struct ci_region *regions;
	size_t n;
	int rc;

	(void)ctx;
	if ((rc = ci_yaml_find_regions(&regions, &n, out, src)))
		return rc;
	struct shcmd_cd cd = { 0 };
	for (size_t i = 0; i < n && !rc; i++) {
		if (i == 0 || regions[i].shell != regions[i - 1].shell)
			cd = (struct shcmd_cd){ 0 };    /* a new shell starts where the job does */
		struct shcmd_opts opts = { .kind = DEP_INSTALL_COMMAND, .dir = regions[i].dir,
					   .cd = &cd, .quiet = regions[i].replay,
					   .cd_only = regions[i].replay };
		rc = shcmd_detect(out, src, regions[i].at, &opts);
	}
	free(regions);
	return rc;
}
