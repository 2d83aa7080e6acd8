/*
 * The detector for pip requirement files: each line that core/lex/reqfile.c
 * splits becomes a declaration, an index option or an include, judged the way
 * pip 23.2's req/constructors.py judges it (parse_req_from_line, parse_editable).
 */
#include "detect/detect.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "deputy/ascii.h"
#include "deputy/glob.h"
#include "detect/pipreq.h"
#include "lex/pep508.h"
#include "lex/reqfile.h"

struct reqs_state {
	struct detect_out *out;
	struct source *src;
	const struct detect_ctx *ctx;
	const char *index_url;   /* -i in force, in the arena */
	bool extra_index;
	int rc;                  /* ERR_NOMEM seen in the callback */
};

/*
 * A "...requirements.txt" of another package manager: apt-requirements.txt,
 * system-requirements.txt, conda-requirements.txt, r-requirements.txt.
 */
static bool
other_managers(const char *base)
{
	static const char *const words[] = { "apt", "apt-get", "apk", "brew", "conda", "debian",
		"dnf", "mamba", "node", "npm", "os", "r", "system", "ubuntu", "yum" };
	const char *end = strstr(base, "requirements");
	size_t n = (size_t)(end - base);

	while (n > 0 && byte_in("-_.", base[n - 1]))
		n--;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i]) == n && strncasecmp(base, words[i], n) == 0)
			return true;
	return false;
}

bool
requirements_is_constraints(const char *path)
{
	return glob_match("constraints*.txt", path_basename(path));
}

bool
requirements_matches(const char *path)
{
	const char *base = path_basename(path);

	/* also dev-requirements.txt, test-requirements.txt (every OpenStack project has one) */
	if ((glob_match("*requirements*.txt", base) || glob_match("*requirements*.in", base)) &&
	    !other_managers(base))
		return true;
	if (requirements_is_constraints(path))
		return true;
	/* any .txt directly inside a folder named requirements/ */
	if (base == path || !glob_match("*.txt", base))
		return false;
	size_t dir_end = (size_t)(base - path) - 1;
	size_t dir_start = dir_end;
	while (dir_start > 0 && path[dir_start - 1] != '/')
		dir_start--;
	return dir_end - dir_start == 12 && strncmp(path + dir_start, "requirements", 12) == 0;
}

static size_t
file_at(const struct reqfile_line *line, struct sv text, const char *p)
{
	return reqfile_file_offset(line, (size_t)(p - text.ptr) + (size_t)(text.ptr - line->text.ptr));
}

static void
report(struct reqs_state *st, const struct reqfile_line *line, size_t at, const char *message)
{
	diag_add(st->out->diags, DIAG_ERROR, st->src, (struct span){ at, line->at.end }, "%s",
		 message);
}

static void
report_pep508(struct reqs_state *st, const struct reqfile_line *line, struct sv parsed,
	      const struct pep508_error *err)
{
	size_t at = file_at(line, parsed, parsed.ptr + err->offset);

	diag_add(st->out->diags, DIAG_ERROR, st->src, (struct span){ at, line->at.end }, "%s",
		 err->message);
}

/* Copies hashes from the line's --hash options. */
static int
fill_hashes(struct reqs_state *st, struct dep *dep, const struct reqfile_line *line)
{
	size_t n = 0;

	for (size_t i = 0; i < line->n_options; i++)
		n += line->options[i].kind == REQOPT_HASH;
	if (!n)
		return 0;
	const char **hashes = arena_alloc(st->out->arena, n * sizeof(*hashes));
	if (!hashes)
		return ERR_NOMEM;
	n = 0;
	for (size_t i = 0; i < line->n_options; i++)
		if (line->options[i].kind == REQOPT_HASH)
			hashes[n++] = line->options[i].value;
	dep->hashes = hashes;
	dep->n_hashes = n;
	return 0;
}

/* Extras "[a, b]" of a path or URL, read as packaging reads "placeholder[a, b]". */
static int
parse_bracket_extras(struct reqs_state *st, struct dep *dep, struct sv extras,
		     struct pep508_error *err)
{
	struct pep508_req req;
	char *text;
	int rc;

	if (!extras.ptr)
		return 0;
	if (!(text = arena_printf(st->out->arena, "placeholder%.*s", (int)extras.len, extras.ptr)))
		return ERR_NOMEM;
	if ((rc = pep508_parse(&req, st->out->arena, sv_from_cstr(text), err)))
		return rc;
	dep->extras = req.extras;
	dep->n_extras = req.n_extras;
	return 0;
}

static int set_name(struct reqs_state *st, struct dep *dep, struct sv name);

/* A wheel's name, and "==version" as pip asks for it. */
static int
set_wheel(struct reqs_state *st, struct dep *dep, struct sv path, struct pep508_error *err)
{
	struct sv version = SV_NULL;
	struct sv name = pipreq_wheel_name(path, &version);

	if (!name.ptr) {
		snprintf(err->message, sizeof(err->message),
			 "expected a wheel file name like name-1.0-py3-none-any.whl");
		err->offset = 0;
		return ERR_SYNTAX;
	}
	if (!(dep->spec = arena_printf(st->out->arena, "==%.*s", (int)version.len, version.ptr)))
		return ERR_NOMEM;
	return set_name(st, dep, name);
}

static int
set_name(struct reqs_state *st, struct dep *dep, struct sv name)
{
	if (!(dep->name = arena_strndup(st->out->arena, name)) ||
	    !(dep->normalized = dep_normalize_name(st->out->arena, name)))
		return ERR_NOMEM;
	return 0;
}

/* A URL requirement: a name from #egg= or a wheel file name, the ref of a VCS URL. */
static int
fill_url(struct reqs_state *st, struct dep *dep, struct sv url, struct pep508_error *err)
{
	struct pep508_req req;
	int rc;

	if ((rc = pipreq_set_url(dep, st->out->arena, url)))
		return rc;
	struct sv path = pipreq_url_path(url);
	if (path.len > 4 && sv_eq_nocase(sv_tail(path, path.len - 4), SV_LIT(".whl")))
		return set_wheel(st, dep, path, err);
	struct sv egg = pipreq_egg_fragment(url);
	if (!egg.ptr)
		return 0;
	if ((rc = pep508_parse(&req, st->out->arena, egg, err))) {
		err->offset += (size_t)(egg.ptr - url.ptr);
		return rc;
	}
	dep->extras = req.extras;
	dep->n_extras = req.n_extras;
	return set_name(st, dep, req.name);
}

/* A named requirement (or "name @ url"), read by the PEP 508 parser. */
static int
fill_named(struct reqs_state *st, struct dep *dep, const struct pep508_req *req)
{
	int rc;

	if ((rc = set_name(st, dep, req->name)))
		return rc;
	dep->extras = req->extras;
	dep->n_extras = req->n_extras;
	dep->spec = req->spec;
	if (req->url)
		return pipreq_set_url(dep, st->out->arena, sv_from_cstr(req->url));
	return 0;
}

/* A local path: a folder, an archive or a wheel. */
static int
fill_path(struct reqs_state *st, struct dep *dep, struct sv text, struct pep508_error *err)
{
	struct sv extras;
	struct sv path = pipreq_strip_extras(text, &extras);
	int rc;

	dep->ecosystem = ECO_LOCAL;
	if (!(dep->url = arena_strndup(st->out->arena, path)))
		return ERR_NOMEM;
	if ((rc = parse_bracket_extras(st, dep, extras, err)))
		return rc;
	if (path.len > 4 && sv_eq_nocase(sv_tail(path, path.len - 4), SV_LIT(".whl")))
		return set_wheel(st, dep, path, err);
	return 0;
}

/* pip's parse_req_from_line() over @text; @name_at is the text's file offset. */
static int
read_requirement(struct reqs_state *st, struct dep *dep, const struct reqfile_line *line,
		 struct sv text)
{
	struct pep508_error err = { 0 };
	struct pep508_req req;
	bool url = pipreq_is_url(text);
	struct sv sep = url ? SV_LIT("; ") : SV_LIT(";");
	size_t cut = sv_find(text, sep);
	struct sv name = text;
	int rc;

	if (cut != SV_NPOS) {
		struct sv marker = sv_trim(sv_tail(text, cut + sep.len));
		name = sv_slice(text, 0, cut);
		if (marker.len) {
			const char *canonical;
			if ((rc = pep508_parse_marker(&canonical, st->out->arena, marker, &err))) {
				if (rc == ERR_NOMEM)
					return rc;
				report_pep508(st, line, marker, &err);
				return ERR_SYNTAX;
			}
			if (!(dep->marker = arena_strndup(st->out->arena, marker)))
				return ERR_NOMEM;
		}
	}
	name = sv_trim(name);
	dep->at.name_start = file_at(line, line->text, name.ptr);
	dep->at.name_end = file_at(line, line->text, name.ptr + name.len);
	if (url) {
		rc = fill_url(st, dep, name, &err);
	} else {
		struct sv extras;
		struct sv bare = pipreq_strip_extras(name, &extras);
		size_t at = sv_find_char(name, '@');
		bool named_url = at != SV_NPOS && !pipreq_looks_like_path(sv_slice(name, 0, at));
		rc = pep508_parse(&req, st->out->arena, name, &err);
		if (rc == ERR_NOMEM)
			return rc;
		/* pip tries a folder or an archive first, unless "name @" comes first */
		if (!(rc == 0 && req.url) && !named_url &&
		    (pipreq_looks_like_path(bare) || pipreq_is_archive(bare))) {
			rc = fill_path(st, dep, name, &err);
		} else if (rc == 0) {
			if ((rc = fill_named(st, dep, &req)))
				return rc;
			dep->at.name_end = dep->at.name_start + req.name_at.end;
			dep->at.name_start += req.name_at.start;
			/* pip: "Extras after version" */
			size_t n = strlen(req.spec);
			if (n && (req.spec[n - 1] == ']' || strstr(req.spec, "],"))) {
				report(st, line, dep->at.name_start,
				       "expected the extras before the version, not after it");
				return ERR_SYNTAX;
			}
			if (req.empty_version) {
				diag_add(st->out->diags, DIAG_WARNING, st->src,
					 (struct span){ file_at(line, name, name.ptr + req.empty_version_at.start),
							line->at.end },
					 "expected a version after '%s'", req.empty_version_op);
			}
		}
	}
	if (rc == ERR_SYNTAX || rc == ERR_LIMIT) {
		report_pep508(st, line, name, &err);
		return ERR_SYNTAX;
	}
	return rc;
}

/* pip's parse_editable(): a local folder or a VCS URL with #egg=. */
static int
read_editable(struct reqs_state *st, struct dep *dep, const struct reqfile_line *line,
	      const struct reqfile_option *opt)
{
	struct pep508_error err = { 0 };
	struct sv text = sv_from_cstr(opt->value);
	struct sv extras;
	struct sv bare = pipreq_strip_extras(text, &extras);
	struct sv scheme = pipreq_url_scheme(bare);
	int rc;

	dep->editable = true;
	dep->at.name_start = opt->value_start;
	dep->at.name_end = opt->value_start + text.len;
	if (!scheme.ptr || sv_find_char(scheme, '/') != SV_NPOS) {
		/* a folder: pip checks os.path.isdir(); a static reader takes its word */
		dep->ecosystem = ECO_LOCAL;
		if (!(dep->url = arena_strndup(st->out->arena, bare)))
			return ERR_NOMEM;
		rc = parse_bracket_extras(st, dep, extras, &err);
	} else if (sv_eq_nocase(scheme, SV_LIT("file"))) {
		struct sv egg = pipreq_egg_fragment(bare);
		dep->ecosystem = ECO_LOCAL;
		if (!(dep->url = arena_strndup(st->out->arena, bare)))
			return ERR_NOMEM;
		if (egg.ptr && (rc = set_name(st, dep, egg)))
			return rc;
		rc = parse_bracket_extras(st, dep, extras, &err);
	} else {
		char *url = pipreq_editable_url(st->out->arena, text);
		if (!url)
			return ERR_NOMEM;
		if (!pipreq_is_vcs_scheme(pipreq_url_scheme(sv_from_cstr(url)))) {
			report(st, line, opt->value_start,
			       "expected a local folder or a vcs url (git+https://...) after -e");
			return ERR_SYNTAX;
		}
		if (!pipreq_egg_fragment(sv_from_cstr(url)).ptr) {
			report(st, line, opt->value_start,
			       "expected #egg=name at the end of an editable vcs url");
			return ERR_SYNTAX;
		}
		rc = fill_url(st, dep, sv_from_cstr(url), &err);
	}
	if (rc == ERR_SYNTAX || rc == ERR_LIMIT) {
		report(st, line, opt->value_start, err.message);
		return ERR_SYNTAX;
	}
	return rc;
}

static struct dep *
new_dep(struct reqs_state *st, const struct reqfile_line *line, size_t start)
{
	struct dep *dep = detect_new_dep(st->out);

	if (!dep)
		return NULL;
	dep->ecosystem = ECO_PYPI;
	dep->kind = st->ctx && st->ctx->constraint ? DEP_CONSTRAINT : DEP_MANIFEST;
	dep->file = st->src->path;
	dep->at.start = start;
	dep->at.end = line->at.end;
	source_line_col(st->src, start, &dep->line, &dep->column);
	dep->raw = arena_strndup(st->out->arena, line->text);
	dep->index_url = st->index_url;
	dep->extra_index = st->extra_index;
	dep->env_var = line->env_var;
	return dep->raw ? dep : NULL;
}

static int
on_requirement(struct reqs_state *st, const struct reqfile_line *line)
{
	const struct reqfile_option *editable = NULL;
	struct dep *dep;
	size_t start;
	int rc;

	for (size_t i = 0; i < line->n_options && !editable; i++)
		if (line->options[i].kind == REQOPT_EDITABLE)
			editable = &line->options[i];
	start = line->args.len ? reqfile_file_offset(line, 0) : editable->start;
	if (!(dep = new_dep(st, line, start)))
		return ERR_NOMEM;
	if (line->args.len) {
		rc = read_requirement(st, dep, line, line->args);
		if (rc == 0)
			rc = fill_hashes(st, dep, line);
	} else {
		rc = read_editable(st, dep, line, editable);
	}
	if (rc == ERR_SYNTAX) {
		st->out->n_deps--;      /* a bad line declares nothing */
		return 0;
	}
	return rc;
}

static enum index_option_kind
option_kind(enum reqfile_option_kind kind, bool *known)
{
	*known = true;
	switch (kind) {
	case REQOPT_INDEX_URL: return OPT_INDEX_URL;
	case REQOPT_EXTRA_INDEX_URL: return OPT_EXTRA_INDEX_URL;
	case REQOPT_NO_INDEX: return OPT_NO_INDEX;
	case REQOPT_FIND_LINKS: return OPT_FIND_LINKS;
	case REQOPT_NO_BINARY: return OPT_NO_BINARY;
	case REQOPT_ONLY_BINARY: return OPT_ONLY_BINARY;
	case REQOPT_PREFER_BINARY: return OPT_PREFER_BINARY;
	case REQOPT_REQUIRE_HASHES: return OPT_REQUIRE_HASHES;
	case REQOPT_PRE: return OPT_PRE;
	case REQOPT_TRUSTED_HOST: return OPT_TRUSTED_HOST;
	case REQOPT_USE_FEATURE: return OPT_USE_FEATURE;
	default:
		*known = false;
		return OPT_INDEX_URL;
	}
}

/* -r/-c: pip follows the first -r, else the first -c, and drops the rest of the line. */
static int
on_include(struct reqs_state *st, const struct reqfile_line *line)
{
	const struct reqfile_option *inc = NULL;

	for (size_t i = 0; i < line->n_options && !inc; i++)
		if (line->options[i].kind == REQOPT_REQUIREMENT)
			inc = &line->options[i];
	for (size_t i = 0; i < line->n_options && !inc; i++)
		if (line->options[i].kind == REQOPT_CONSTRAINT)
			inc = &line->options[i];
	if (!inc)
		return 1;
	struct detect_include di = {
		.path = inc->value,
		.constraint = inc->kind == REQOPT_CONSTRAINT,
		.from = st->src->path,
		.at = { inc->value_start, inc->value_start + strlen(inc->value) },
	};
	source_line_col(st->src, inc->value_start, &di.line, &di.column);
	return detect_add_include(st->out, &di);
}

static int
on_options(struct reqs_state *st, const struct reqfile_line *line)
{
	int rc = on_include(st, line);

	if (rc <= 0)
		return rc;
	for (size_t i = 0; i < line->n_options; i++) {
		const struct reqfile_option *o = &line->options[i];
		bool known;
		enum index_option_kind kind = option_kind(o->kind, &known);
		if (o->kind == REQOPT_HASH)
			diag_add(st->out->diags, DIAG_WARNING, st->src,
				 (struct span){ o->start, line->at.end },
				 "expected a requirement before --hash; pip ignores this line");
		if (!known)
			continue;
		struct index_option *opt = detect_new_option(st->out);
		if (!opt)
			return ERR_NOMEM;
		opt->kind = kind;
		opt->value = o->value;
		opt->file = st->src->path;
		opt->at.start = o->start;
		opt->at.end = line->at.end;
		opt->at.name_start = o->value_start;
		opt->at.name_end = o->value_start + strlen(o->value);
		source_line_col(st->src, o->start, &opt->line, &opt->column);
		if (!(opt->raw = arena_strndup(st->out->arena, line->text)))
			return ERR_NOMEM;
		if (kind == OPT_INDEX_URL)
			st->index_url = o->value;
		else if (kind == OPT_EXTRA_INDEX_URL)
			st->extra_index = true;
		else if (kind == OPT_NO_INDEX)
			st->index_url = NULL;
	}
	return 0;
}

static int
on_line(const struct reqfile_line *line, void *payload)
{
	struct reqs_state *st = payload;
	bool editable = false;

	for (size_t i = 0; i < line->n_options; i++)
		editable |= line->options[i].kind == REQOPT_EDITABLE;
	if (line->args.len || editable)
		return on_requirement(st, line);
	return on_options(st, line);
}

int
detect_requirements(struct detect_out *out, struct source *src,
		    const struct detect_ctx *ctx)
{
	struct reqs_state st = { .out = out, .src = src, .ctx = ctx };

	return reqfile_parse(src, out->arena, out->diags, on_line, &st);
}
