/*
 * Requirement strings inside manifests become declarations: the PEP 508
 * reader does the parsing, this file places the result in the file and
 * classifies direct URLs the way pip does (vcs+scheme, file:, archives).
 */
#include "detect/pyreq.h"

#include <string.h>

#include "lex/pep508.h"

size_t
pyreq_offset(const struct pyreq_text *t, size_t offset)
{
	if (!t->exact)
		return t->at.start;
	return t->text_at + (offset > t->text.len ? t->text.len : offset);
}

char *
pyreq_raw(struct arena *arena, const struct source *src, struct span at)
{
	size_t end = at.end > src->text.len ? src->text.len : at.end;
	size_t start = at.start > end ? end : at.start;

	if (end - start > PYREQ_RAW_MAX)
		end = start + PYREQ_RAW_MAX;
	return arena_strndup(arena, sv_make(src->text.ptr + start, end - start));
}

struct dep *
pyreq_new_dep(struct detect_out *out, const struct source *src, enum dep_kind kind,
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
	text_line_col(src->text, name_at.start, &dep->line, &dep->column);
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

/* The scheme: the text before the first ':' (SV_NULL when none). */
static struct sv
url_scheme(struct sv url)
{
	size_t colon = sv_find_char(url, ':');

	return colon == SV_NPOS ? SV_NULL : sv_slice(url, 0, colon);
}

/* The path of a URL (urlsplit): after the netloc, before '?' or '#'. */
static struct sv
url_path(struct sv url)
{
	size_t colon = sv_find_char(url, ':');
	struct sv rest = colon == SV_NPOS ? url : sv_tail(url, colon + 1);
	size_t end = 0;

	if (sv_starts_with(rest, SV_LIT("//"))) {
		size_t i = 2;
		while (i < rest.len && !strchr("/?#", rest.ptr[i]))
			i++;
		rest = sv_tail(rest, i);
	}
	while (end < rest.len && rest.ptr[end] != '?' && rest.ptr[end] != '#')
		end++;
	return sv_slice(rest, 0, end);
}

int
pyreq_set_url(struct dep *dep, struct arena *arena, struct sv url)
{
	struct sv scheme = url_scheme(url);

	if (!(dep->url = arena_strndup(arena, url)))
		return ERR_NOMEM;
	if (scheme.ptr && sv_find_char(scheme, '+') != SV_NPOS)
		dep->ecosystem = ECO_VCS;
	else if (scheme.ptr && sv_eq_nocase(scheme, SV_LIT("file")))
		dep->ecosystem = ECO_LOCAL;
	else
		dep->ecosystem = ECO_URL;
	if (dep->ecosystem != ECO_VCS)
		return 0;
	/* pip's get_url_rev_and_auth(): the text after the last '@' of the path */
	struct sv path = url_path(url);
	for (size_t i = path.len; i > 0; i--)
		if (path.ptr[i - 1] == '@')
			return (dep->vcs_ref = arena_strndup(arena, sv_tail(path, i))) ? 0 : ERR_NOMEM;
	return 0;
}

char *
pyreq_url_host(struct arena *arena, struct sv url)
{
	size_t colon = sv_find_char(url, ':');
	struct sv rest = colon == SV_NPOS ? url : sv_tail(url, colon + 1);
	size_t end = 2;

	if (!sv_starts_with(rest, SV_LIT("//")))
		return arena_strndup(arena, url);
	while (end < rest.len && !strchr("/?#", rest.ptr[end]))
		end++;
	struct sv host = sv_slice(rest, 2, end - 2);
	size_t at = host.len;
	while (at > 0 && host.ptr[at - 1] != '@')
		at--;
	return arena_strndup(arena, sv_tail(host, at));
}

int
pyreq_add(struct dep **dep_out, struct detect_out *out, const struct source *src,
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
	struct span name_at = { pyreq_offset(t, req.name_at.start), pyreq_offset(t, req.name_at.end) };
	if (!(dep = pyreq_new_dep(out, src, kind, t->at, name_at)))
		return ERR_NOMEM;
	if ((rc = pyreq_set_name(dep, out->arena, req.name)))
		return rc;
	dep->extras = req.extras;
	dep->n_extras = req.n_extras;
	dep->spec = req.spec;
	dep->marker = req.marker;
	if (req.url && (rc = pyreq_set_url(dep, out->arena, sv_from_cstr(req.url))))
		return rc;
	if (req.empty_version) {
		size_t at = pyreq_offset(t, req.empty_version_at.start);
		diag_add(out->diags, DIAG_WARNING, src, (struct span){ at, t->at.end },
			 "expected a version after '%s'", req.empty_version_op);
	}
	*dep_out = dep;
	return 0;
}
