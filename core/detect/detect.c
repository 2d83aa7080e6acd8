/* The collector every detector writes into. */
#include "detect/detect.h"

#include "deputy/array.h"
#include "deputy/strbuf.h"

#include <stdlib.h>
#include <string.h>

void
detect_out_init(struct detect_out *out, struct arena *arena, struct diags *diags)
{
	memset(out, 0, sizeof(*out));
	out->arena = arena;
	out->diags = diags;
}

void
detect_out_release(struct detect_out *out)
{
	free(out->deps);
	free(out->options);
	free(out->includes);
	out->deps = NULL;
	out->options = NULL;
	out->includes = NULL;
	out->n_deps = out->n_options = out->n_includes = 0;
	out->cap_deps = out->cap_options = out->cap_includes = 0;
}

struct dep *
detect_new_dep(struct detect_out *out)
{
	struct dep *dep;

	if (array_reserve(&out->deps, &out->cap_deps, out->n_deps, sizeof(*out->deps)))
		return NULL;
	dep = arena_alloc(out->arena, sizeof(*dep));
	if (!dep)
		return NULL;
	dep->spec = "";
	dep->marker = "";
	dep->name = "";
	dep->normalized = "";
	dep->raw = "";
	out->deps[out->n_deps++] = dep;
	return dep;
}

struct index_option *
detect_new_option(struct detect_out *out)
{
	struct index_option *opt;

	if (array_reserve(&out->options, &out->cap_options, out->n_options,
		    sizeof(*out->options)))
		return NULL;
	opt = arena_alloc(out->arena, sizeof(*opt));
	if (!opt)
		return NULL;
	opt->value = "";
	opt->raw = "";
	out->options[out->n_options++] = opt;
	return opt;
}

int
detect_add_include(struct detect_out *out, const struct detect_include *inc)
{
	if (array_reserve(&out->includes, &out->cap_includes, out->n_includes,
		    sizeof(*out->includes)))
		return ERR_NOMEM;
	out->includes[out->n_includes++] = *inc;
	return 0;
}

const char *
path_basename(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

void
detect_out_mark(struct detect_mark *mark, const struct detect_out *out)
{
	*mark = (struct detect_mark){ out->n_deps, out->n_options, out->n_includes, out->diags->len };
}

static void
map_span_ref(struct span_ref *at, const struct detect_mapper *map)
{
	at->start = map->offset(at->start, map->payload);
	at->end = map->offset(at->end, map->payload);
	at->name_start = map->offset(at->name_start, map->payload);
	at->name_end = map->offset(at->name_end, map->payload);
}

static void
map_line_col(unsigned *line, unsigned *column, const struct detect_mapper *map)
{
	if (*line)
		map->line_col(line, column, map->payload);
}

void
detect_out_map_since(struct detect_out *out, const struct detect_mark *mark,
		     const struct detect_mapper *map)
{
	for (size_t i = mark->deps; i < out->n_deps; i++) {
		map_line_col(&out->deps[i]->line, &out->deps[i]->column, map);
		map_span_ref(&out->deps[i]->at, map);
	}
	for (size_t i = mark->options; i < out->n_options; i++) {
		map_line_col(&out->options[i]->line, &out->options[i]->column, map);
		map_span_ref(&out->options[i]->at, map);
	}
	for (size_t i = mark->includes; i < out->n_includes; i++) {
		struct detect_include *inc = &out->includes[i];
		map_line_col(&inc->line, &inc->column, map);
		inc->at.start = map->offset(inc->at.start, map->payload);
		inc->at.end = map->offset(inc->at.end, map->payload);
	}
	for (size_t i = mark->diags; i < out->diags->len; i++)
		map_line_col(&out->diags->items[i].line, &out->diags->items[i].column, map);
}

void
detect_window_at(struct detect_window *w, struct source *src, size_t start, size_t len)
{
	w->start = start;
	w->len = len;
	source_line_col(src, start, &w->line, &w->column);
}

static size_t
window_offset(size_t at, void *payload)
{
	const struct detect_window *w = payload;

	return w->start + (at < w->len ? at : w->len);
}

static void
window_line_col(unsigned *line, unsigned *column, void *payload)
{
	const struct detect_window *w = payload;

	if (*line == 1)
		*column += w->column - 1;
	*line += w->line - 1;
}

void
detect_out_map_window(struct detect_out *out, const struct detect_mark *mark,
		      const struct detect_window *w)
{
	detect_out_map_since(out, mark, &(struct detect_mapper){ window_offset, window_line_col,
								  (void *)w });
}

void
detect_cd_put(struct strbuf *sb, const struct detect_cd *cd)
{
	if (!cd)
		return;
	detect_cd_put(sb, cd->up);      /* as deep as shcmd follows cds: SHCMD_MAX_CDS */
	strbuf_adds(sb, cd->dir);
	strbuf_addch(sb, '/');
}
