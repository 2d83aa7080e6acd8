/*
 * The detector for conda environment files (environment.yml/.yaml), read
 * with libyaml through yaml_tree.c:
 *
 *   environment  = { "channels": [ channel ... ],
 *                    "dependencies": [ (conda-spec | { "pip": [ pip-line ... ] }) ... ] }
 *
 * Channels become index options of kind OPT_INDEX_SOURCE, value = the
 * channel name or URL as written ("nodefaults" names no channel and is
 * skipped): conda asks them in order and takes a package from the first that
 * has it, so unlike pip's extra indexes they do not race PyPI on versions. Conda package specs
 * ("numpy=1.26", "conda-forge::pkg>=2") are declarations of ecosystem
 * conda: name, version spec as written (spaces dropped) and the channel
 * prefix as their index; no PyPI rule applies to them. The `pip:` items are what conda hands to pip: it writes them,
 * one a line, into a requirements file next to the environment file and runs
 * `pip install -r` on it. So they are read by the requirement-file detector
 * (requirements.c), over a copy of the file in which every byte outside the
 * items is blanked (line breaks kept), from the first item to the last (what
 * it finds is moved back to the file's offsets and lines);
 * -i/--extra-index-url lines apply to the items after them, and `-r FILE`
 * becomes an include relative to the environment file. Quoted items are
 * read inside their quotes, as written.
 */
#include "detect/detect.h"

#include <stdlib.h>
#include <string.h>

#include "detect/yaml_tree.h"

#include "deputy/ascii.h"

/* More pip items than this are not read (each flow-style line costs a pass over its items). */
#define CONDA_MAX_PIP_ITEMS 10000

struct conda_state {
	struct detect_out *out;
	struct source *src;
	char *blank;             /* heap: the file with everything but pip items blanked */
	size_t used_start;       /* the bytes of @blank that hold items since the last */
	size_t used_end;         /* flush: [used_start, used_end) */
	unsigned last_line;      /* line where the last item ends, 0 when none pending */
	size_t deps_before, options_before, includes_before;
};

bool
conda_env_matches(const char *path)
{
	const char *base = path_basename(path);

	return strcmp(base, "environment.yml") == 0 || strcmp(base, "environment.yaml") == 0;
}

static int
add_channel(struct conda_state *st, const struct ynode *item)
{
	struct index_option *opt;
	struct span at = ytree_scalar_text(item, st->src->text);

	if (!(opt = detect_new_option(st->out)))
		return ERR_NOMEM;
	opt->kind = OPT_INDEX_SOURCE;
	opt->file = st->src->path;
	opt->at.start = item->at.start;
	opt->at.end = item->at.end;
	opt->at.name_start = at.start;
	opt->at.name_end = at.end;
	source_line_col(st->src, at.start, &opt->line, &opt->column);
	if (!(opt->value = arena_strndup(st->out->arena, (struct sv){ item->value, item->len })) ||
	    !(opt->raw = arena_strndup(st->out->arena,
				       sv_slice(st->src->text, item->at.start,
						item->at.end - item->at.start))))
		return ERR_NOMEM;
	return 0;
}

static int
read_channels(struct conda_state *st, const struct ynode *channels)
{
	int rc;

	if (channels->type != YNODE_SEQUENCE) {
		if (!channels->incomplete)
			diag_add(st->out->diags, DIAG_WARNING, st->src, channels->at,
				 "expected a list of channels");
		return 0;
	}
	for (const struct ynode *item = channels->child; item; item = item->next) {
		if (item->incomplete)
			continue;       /* the syntax error is the diagnostic */
		if (item->type != YNODE_SCALAR || !item->len) {
			diag_add(st->out->diags, DIAG_WARNING, st->src, item->at,
				 "expected a channel name or url");
			continue;
		}
		if (ytree_is(item, "nodefaults"))
			continue;
		if ((rc = add_channel(st, item)))
			return rc;
	}
	return 0;
}

/*
 * Hands the items gathered so far to the requirement-file detector, then
 * blanks them again. Only the bytes from the first item to the last are
 * read, so that a file of many one-line flows costs its length once.
 */
static int
flush_items(struct conda_state *st)
{
	struct detect_window w;
	struct detect_ctx ctx = { 0 };
	struct detect_mark mark;
	int rc;

	if (!st->last_line)
		return 0;
	detect_window_at(&w, st->src, st->used_start, st->used_end - st->used_start);
	struct source piece = { st->src->path, { st->blank + w.start, w.len } };
	detect_out_mark(&mark, st->out);
	rc = detect_requirements(st->out, &piece, &ctx);
	detect_out_map_window(st->out, &mark, &w);
	for (size_t i = st->used_start; i < st->used_end; i++)
		if (st->blank[i] != '\n')
			st->blank[i] = ' ';
	st->used_end = 0;
	st->last_line = 0;
	return rc;
}

/* Blanked text outside the items can shift columns after a multibyte character: recompute. */
static void
fix_positions(struct conda_state *st)
{
	for (size_t i = st->deps_before; i < st->out->n_deps; i++)
		source_line_col(st->src, st->out->deps[i]->at.start, &st->out->deps[i]->line,
			      &st->out->deps[i]->column);
	for (size_t i = st->options_before; i < st->out->n_options; i++)
		source_line_col(st->src, st->out->options[i]->at.start, &st->out->options[i]->line,
			      &st->out->options[i]->column);
	for (size_t i = st->includes_before; i < st->out->n_includes; i++)
		source_line_col(st->src, st->out->includes[i].at.start, &st->out->includes[i].line,
			      &st->out->includes[i].column);
}

static int
add_pip_item(struct conda_state *st, const struct ynode *item)
{
	struct span at = ytree_scalar_text(item, st->src->text);
	unsigned start_line, end_line, column;
	int rc;

	source_line_col(st->src, at.start, &start_line, &column);
	source_line_col(st->src, at.end, &end_line, &column);
	/* two items on one line ([a, b]) would read as one requirement line */
	if (st->last_line && start_line <= st->last_line && (rc = flush_items(st)))
		return rc;
	for (size_t i = at.start; i < at.end; i++)
		if (st->src->text.ptr[i] != '\n')
			st->blank[i] = st->src->text.ptr[i];
	if (!st->last_line)
		st->used_start = at.start;      /* items come in file order */
	if (at.end > st->used_end)
		st->used_end = at.end;
	st->last_line = end_line;
	return 0;
}

static int
read_pip(struct conda_state *st, const struct ynode *pip)
{
	size_t count = 0;
	int rc;

	if (pip->type != YNODE_SEQUENCE) {
		if (!pip->incomplete)
			diag_add(st->out->diags, DIAG_WARNING, st->src, pip->at,
				 "expected a list of pip requirement lines");
		return 0;
	}
	if (!st->blank) {
		if (!(st->blank = malloc(st->src->text.len + 1)))
			return ERR_NOMEM;
		for (size_t i = 0; i < st->src->text.len; i++)
			st->blank[i] = st->src->text.ptr[i] == '\n' ? '\n' : ' ';
	}
	for (const struct ynode *item = pip->child; item; item = item->next) {
		if (item->incomplete)
			continue;       /* the syntax error is the diagnostic */
		if (item->type != YNODE_SCALAR) {
			diag_add(st->out->diags, DIAG_WARNING, st->src, item->at,
				 "expected a pip requirement line");
			continue;
		}
		if (++count > CONDA_MAX_PIP_ITEMS) {
			diag_add(st->out->diags, DIAG_ERROR, st->src, item->at,
				 "more than %u pip items: the rest is not read",
				 (unsigned)CONDA_MAX_PIP_ITEMS);
			break;
		}
		if ((rc = add_pip_item(st, item)))
			return rc;
	}
	return flush_items(st);
}

/*
 * A conda MatchSpec in its common string forms: [channel::]name[ version]
 * or name=1.2[=build], name>=1.2, name 1.2.*.
 */
static int
add_conda_spec(struct conda_state *st, const struct ynode *item)
{
	struct span at = ytree_scalar_text(item, st->src->text);
	struct sv text = sv_make(item->value, item->len);
	struct arena *arena = st->out->arena;
	struct sv channel = SV_NULL;
	size_t sep = sv_find(text, SV_LIT("::"));
	size_t skip = 0, n = 0;
	struct dep *dep;

	if (sep != SV_NPOS) {
		channel = sv_slice(text, 0, sep);
		skip = sep + 2;
	}
	struct sv rest = sv_tail(text, skip);
	while (n < rest.len && !byte_in("=<>!~ 	[", rest.ptr[n]))
		n++;
	struct sv name = sv_slice(rest, 0, n);
	if (name.len == 0)
		return 0;       /* nothing to name: not a package */
	struct sv spec = sv_trim(sv_tail(rest, n));
	if (!(dep = detect_new_dep(st->out)))
		return ERR_NOMEM;
	dep->ecosystem = ECO_CONDA;
	dep->kind = DEP_MANIFEST;
	dep->file = st->src->path;
	dep->at = (struct span_ref){ item->at.start, item->at.end, at.start, at.end };
	/* the name's place when the scalar is written as it reads (plain or quoted) */
	if (at.start + skip + name.len <= st->src->text.len &&
	    memcmp(st->src->text.ptr + at.start + skip, name.ptr, name.len) == 0) {
		dep->at.name_start = at.start + skip;
		dep->at.name_end = at.start + skip + name.len;
	}
	/* fix_positions() recomputes line and column from at.start */
	dep->at.start = dep->at.name_start;
	source_line_col(st->src, dep->at.name_start, &dep->line, &dep->column);
	char *s = arena_alloc(arena, spec.len + 1);
	if (!s)
		return ERR_NOMEM;
	size_t k = 0;
	for (size_t i = 0; i < spec.len; i++)
		if (spec.ptr[i] != ' ' && spec.ptr[i] != '\t')
			s[k++] = spec.ptr[i];
	s[k] = '\0';
	dep->spec = s;
	if (!(dep->name = arena_strndup(arena, name)) ||
	    !(dep->normalized = dep_normalize_name(arena, name)) ||
	    !(dep->raw = arena_strndup(arena, text)) ||
	    (channel.len && !(dep->index_url = arena_strndup(arena, channel))))
		return ERR_NOMEM;
	return 0;
}

static int
read_dependencies(struct conda_state *st, const struct ynode *deps)
{
	int rc;

	if (deps->type != YNODE_SEQUENCE) {
		if (!deps->incomplete)
			diag_add(st->out->diags, DIAG_WARNING, st->src, deps->at,
				 "expected a list of dependencies");
		return 0;
	}
	for (const struct ynode *item = deps->child; item; item = item->next) {
		const struct ynode *pip = ytree_get(item, "pip");
		if (pip && (rc = read_pip(st, pip)))
			return rc;
		if (item->type == YNODE_SCALAR && !item->incomplete &&
		    (rc = add_conda_spec(st, item)))
			return rc;
	}
	return 0;
}

int
detect_conda_env(struct detect_out *out, struct source *src, const struct detect_ctx *ctx)
{
	struct conda_state st = {
		.out = out, .src = src, .deps_before = out->n_deps,
		.options_before = out->n_options, .includes_before = out->n_includes,
	};
	struct ytree tree;
	int rc;

	(void)ctx;
	if ((rc = ytree_parse(&tree, out->arena, out->diags, src)))
		return rc;
	const struct ynode *root = tree.docs;
	if (root && root->type == YNODE_MAPPING) {
		const struct ynode *channels = ytree_get(root, "channels");
		const struct ynode *deps = ytree_get(root, "dependencies");
		if (channels)
			rc = read_channels(&st, channels);
		if (!rc && deps)
			rc = read_dependencies(&st, deps);
	}
	free(st.blank);
	fix_positions(&st);
	return rc;
}
