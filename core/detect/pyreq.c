/*
 * Requirement strings inside manifests become declarations: the PEP 508
 * reader does the parsing, this file places the result in the file and
 * classifies direct URLs the way pip does (vcs+scheme, file:, archives).
 */
#include "detect/pyreq.h"

#include <string.h>

#include "detect/pipreq.h"
#include "lex/pep508.h"

#include "deputy/ascii.h"

size_t
pyreq_offset(const struct pyreq_text *t, size_t offset)
{
	if (t->map && t->text.len)
		return offset < t->text.len ? t->map[offset] : t->map[t->text.len - 1] + 1;
	if (!t->exact)
		return t->at.start;
	return t->text_at + (offset > t->text.len ? t->text.len : offset);
}

struct span
pyreq_span(const struct pyreq_text *t, struct span s)
{
	size_t start = pyreq_offset(t, s.start);
	size_t end = t->map && s.end > s.start ? pyreq_offset(t, s.end - 1) + 1
					       : pyreq_offset(t, s.end);

	return (struct span){ start, end > start ? end : start };
}

char *
pyreq_raw(struct arena *arena, struct source *src, struct span at)
{
	size_t end = at.end > src->text.len ? src->text.len : at.end;
	size_t start = at.start > end ? end : at.start;

	if (end - start > PYREQ_RAW_MAX)
		end = start + PYREQ_RAW_MAX;
	return arena_strndup(arena, sv_make(src->text.ptr + start, end - start));
}

struct dep *
pyreq_new_dep(struct detect_out *out, struct source *src, enum dep_kind kind,
	      struct span at, struct span name_at)
{
	struct dep *dep = detect_new_dep(out);

	if (!dep)
		return NULL;
	dep->ecosystem = ECO_PYPI;
	dep->kind = kind;
	dep->language = LANG_PYTHON;
	dep->file = src->path;
	dep->at.start = at.start;
	dep->at.end = at.end;
	dep->at.name_start = name_at.start;
	dep->at.name_end = name_at.end;
	source_line_col(src, name_at.start, &dep->line, &dep->column);
	if (!(dep->raw = pyreq_raw(out->arena, src, at)))
		return NULL;
	return dep;
}

int
pyreq_set_name(struct dep *dep, struct arena *arena, struct sv name)
{
	if (!(dep->name = arena_strndup(arena, name)) ||
	    !(dep->normalized = dep_normalize_name(arena, name)))
		return ERR_NOMEM;
	return 0;
}

char *
pyreq_strip_spaces(struct arena *arena, struct sv s)
{
	char *copy = arena_strndup(arena, s);
	size_t n = 0;

	if (!copy)
		return NULL;
	for (size_t i = 0; i < s.len; i++)
		if (copy[i] != ' ' && copy[i] != '\t' && copy[i] != '\r' && copy[i] != '\n')
			copy[n++] = copy[i];
	copy[n] = '\0';
	return copy;
}

int
pyreq_set_url(struct dep *dep, struct arena *arena, struct sv url)
{
	return pipreq_set_url(dep, arena, url);
}

char *
pyreq_url_host(struct arena *arena, struct sv url)
{
	size_t colon = sv_find_char(url, ':');
	struct sv rest = colon == SV_NPOS ? url : sv_tail(url, colon + 1);
	size_t end = 2;

	if (!sv_starts_with(rest, SV_LIT("//")))
		return arena_strndup(arena, url);
	while (end < rest.len && !byte_in("/?#", rest.ptr[end]))
		end++;
	struct sv host = sv_slice(rest, 2, end - 2);
	size_t at = host.len;
	while (at > 0 && host.ptr[at - 1] != '@')
		at--;
	return arena_strndup(arena, sv_tail(host, at));
}

int
pyreq_add(struct dep **dep_out, struct detect_out *out, struct source *src,
	  const struct pyreq_text *t, enum dep_kind kind)
{
	struct pep508_error err = { 0 };
	struct pep508_req req;
	struct dep *dep;
	int rc;

	*dep_out = NULL;
	rc = pep508_parse(&req, out->arena, t->text, &err);
	if (rc == ERR_NOMEM)
		return rc;
	if (rc) {
		size_t at = pyreq_offset(t, err.offset);
		diag_add(out->diags, DIAG_ERROR, src, (struct span){ at, t->at.end }, "%s",
			 err.message);
		return 0;
	}
	struct span name_at = pyreq_span(t, req.name_at);
	if (!(dep = pyreq_new_dep(out, src, kind, t->at, name_at)))
		return ERR_NOMEM;
	if ((rc = pyreq_set_name(dep, out->arena, req.name)))
		return rc;
	dep->extras = req.extras;
	dep->n_extras = req.n_extras;
	dep->spec = req.spec;
	dep->marker = req.marker;
	if (req.url && (rc = pipreq_set_url(dep, out->arena, sv_from_cstr(req.url))))
		return rc;
	if (req.empty_version) {
		size_t at = pyreq_offset(t, req.empty_version_at.start);
		diag_add(out->diags, DIAG_WARNING, src, (struct span){ at, t->at.end },
			 "expected a version after '%s'", req.empty_version_op);
	}
	*dep_out = dep;
	return 0;
}
