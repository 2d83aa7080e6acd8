/*
 * The R calls that declare something, as a table: package use (library(),
 * require(), pkg::fn ...), installs (install.packages(), remotes, pak,
 * BiocManager ...), repositories and code run from a URL. Each handler turns
 * one matched call into declarations shaped as notes/r.md describes.
 */
#include "detect/rcall.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "deputy/array.h"
#include "deputy/ascii.h"
#include "deputy/utf8.h"
#include "lex/rremote.h"

#define RCALL_MAX_DEPS 20000
#define RAW_MAX 200

struct rdownload {
	struct sv var;           /* the destfile variable, or ptr NULL */
	const char *file;        /* the destfile string, or NULL */
	struct rval url;         /* RVAL_FETCH: the URLs, or n == 0 when not known */
};

enum bare {
	BARE_ALWAYS,             /* base R, or a name only one package uses */
	BARE_AFTER_LOAD,         /* once one of @pkgs was loaded earlier in the file */
};

struct pattern;
typedef void (*pattern_fn)(struct rfind *f, struct rcall *call, const struct pattern *p);

struct pattern {
	const char *fn;
	const char *pkgs;        /* namespaces that export it, space separated */
	enum bare bare;
	const char *const *formals;
	pattern_fn handle;
	int param;               /* an ecosystem, or -1 */
};

#define FORMALS(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* ---- declarations ---- */

static void
position(const struct rfind *f, size_t offset, unsigned *line, unsigned *column)
{
	size_t lo = 0, hi = f->n_lines;

	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (f->line_starts[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	*line = (unsigned)lo + 1;
	size_t start = f->line_starts[lo];
	struct sv text = f->src->text;
	if (offset > text.len)
		offset = text.len;
	*column = 0;
	for (size_t i = start; i < offset;) {
		uint32_t cp;
		size_t used = utf8_decode(text.ptr + i, offset - i, &cp);
		i += used ? used : 1;
		(*column)++;
	}
	(*column)++;
}

static const char *
raw_text(struct rfind *f, struct span at)
{
	size_t len = at.end > at.start ? at.end - at.start : 0;

	if (len > RAW_MAX) {
		len = RAW_MAX;
		while (len > 0 && ((unsigned char)f->src->text.ptr[at.start + len] & 0xC0) == 0x80)
			len--;
	}
	const char *raw = arena_strndup(f->out->arena, sv_slice(f->src->text, at.start, len));
	if (!raw)
		f->rc = ERR_NOMEM;
	return raw ? raw : "";
}

/* The bytes of a name inside its quotes. */
static struct span
name_span(const struct rfind *f, struct span at)
{
	struct sv s = sv_slice(f->src->text, at.start, at.end - at.start);

	if (s.len >= 2 && (s.ptr[0] == '"' || s.ptr[0] == '\'' || s.ptr[0] == '`') &&
	    s.ptr[s.len - 1] == s.ptr[0])
		return (struct span){ at.start + 1, at.end - 1 };
	return at;
}

static struct span
call_span(const struct rfind *f, const struct rcall *call)
{
	return (struct span){ f->toks[call->head].start, f->toks[call->close].end };
}

static bool
too_many(struct rfind *f)
{
	/* @out may hold the whole scan's: count this file's only */
	if (f->out->n_deps + f->out->n_options - f->found_before < RCALL_MAX_DEPS)
		return false;
	f->over_limit = true;
	return true;
}

static struct dep *
declare_at(struct rfind *f, struct span call_at, enum ecosystem eco, enum dep_kind kind,
	   const char *name, struct span at)
{
	if (too_many(f))
		return NULL;
	struct dep *dep = detect_new_dep(f->out);
	if (!dep || !name) {
		f->rc = ERR_NOMEM;
		return NULL;
	}
	struct span ns = name_span(f, at);
	dep->ecosystem = eco;
	dep->kind = kind;
	dep->language = LANG_R;
	dep->name = name;
	dep->normalized = name;
	dep->file = f->src->path;
	position(f, at.start, &dep->line, &dep->column);
	dep->at.start = call_at.start;
	dep->at.end = call_at.end;
	dep->at.name_start = ns.start;
	dep->at.name_end = ns.end;
	dep->raw = raw_text(f, call_at);
	return dep;
}

static struct dep *
declare(struct rfind *f, const struct rcall *call, enum ecosystem eco, enum dep_kind kind,
	const char *name, struct span at)
{
	return declare_at(f, call_span(f, call), eco, kind, name, at);
}

static void
add_option(struct rfind *f, const struct rcall *call, const char *value, struct span at)
{
	if (too_many(f))
		return;
	struct index_option *opt = detect_new_option(f->out);
	if (!opt || !value) {
		f->rc = ERR_NOMEM;
		return;
	}
	struct span call_at = call_span(f, call), ns = name_span(f, at);
	opt->kind = OPT_R_REPOS;
	opt->value = value;
	opt->file = f->src->path;
	position(f, at.start, &opt->line, &opt->column);
	opt->at.start = call_at.start;
	opt->at.end = call_at.end;
	opt->at.name_start = ns.start;
	opt->at.name_end = ns.end;
	opt->raw = raw_text(f, call_at);
}

static void
attach(struct rfind *f, const char *name)
{
	if (array_reserve(&f->attached, &f->cap_attached, f->n_attached, sizeof(*f->attached))) {
		f->rc = ERR_NOMEM;
		return;
	}
	f->attached[f->n_attached++] = sv_from_cstr(name);
}

static const char *
tok_cstr(struct rfind *f, size_t tok)
{
	return arena_strndup(f->out->arena, rcall_tok_name(f, tok));
}

static void
use_package(struct rfind *f, const struct rcall *call, const char *name, struct span at)
{
	if (declare(f, call, ECO_CRAN, DEP_LIBRARY_CALL, name, at))
		attach(f, name);
}

/* A package name computed at run time. */
static void
dynamic_package(struct rfind *f, const struct rcall *call, enum ecosystem eco,
		enum dep_kind kind, struct span at)
{
	struct dep *dep = declare(f, call, eco, kind, "", at);

	if (!dep)
		return;
	dep->dynamic = true;
	diag_add(f->out->diags, DIAG_NOTE, f->src, at,
		 "dynamic package name: not known before the code runs");
}

static struct span
arg_span(const struct rfind *f, const struct rcall_arg *arg)
{
	return rcall_tok_span(f, arg->first, arg->last);
}

static struct rval
arg_value(struct rfind *f, const struct rcall_arg *arg)
{
	if (!arg)
		return (struct rval){ .kind = RVAL_UNKNOWN };
	struct rval v = rcall_eval(f, arg->first, arg->last, 0);
	if (v.kind == RVAL_UNKNOWN)
		v.at = v.expr = arg_span(f, arg);
	return v;
}

/* The argument @name, or a "..." argument given with that exact name. */
static const struct rcall_arg *
named_arg(const struct rcall *call, const struct pattern *p, const char *name)
{
	const struct rcall_arg *arg = rcall_arg(call, p->formals, name);

	for (size_t a = 0; !arg && a < call->n_args; a++)
		if (call->args[a].tag.ptr && sv_eq_cstr(call->args[a].tag, name) &&
		    call->args[a].first < call->args[a].last)
			arg = &call->args[a];
	return arg;
}

static const char *
first_string(struct rfind *f, const struct rcall_arg *arg)
{
	struct rval v = arg_value(f, arg);

	return v.kind == RVAL_STRS && v.n >= 1 ? v.strs[0] : NULL;
}

/* ---- package use ---- */

/* library(), require(): a bare name unless character.only = TRUE. */
static void
handle_library(struct rfind *f, struct rcall *call, const struct pattern *p)
{
	const struct rcall_arg *pkg = rcall_arg(call, p->formals, "package");
	const struct rcall_arg *only = rcall_arg(call, p->formals, "character.only");

	if (!pkg)
		return;
	if (!only || rcall_is_false(f, only->first, only->last)) {
		if (rcall_is_single(f, pkg->first, pkg->last))
			use_package(f, call, tok_cstr(f, pkg->first), arg_span(f, pkg));
		return;
	}
	struct rval v = arg_value(f, pkg);
	if (v.kind != RVAL_STRS) {
		dynamic_package(f, call, ECO_CRAN, DEP_LIBRARY_CALL, arg_span(f, pkg));
		return;
	}
	for (size_t k = 0; k < v.n; k++)
		use_package(f, call, v.strs[k], v.spans[k]);
}

static void
use_values(struct rfind *f, struct rcall *call, const struct rcall_arg *arg)
{
	struct rval v = arg_value(f, arg);

	if (v.kind != RVAL_STRS) {
		dynamic_package(f, call, ECO_CRAN, DEP_LIBRARY_CALL, arg_span(f, arg));
		return;
	}
	for (size_t k = 0; k < v.n; k++)
		use_package(f, call, v.strs[k], v.spans[k]);
}

/* requireNamespace(), loadNamespace(): the argument is evaluated. */
static void
handle_namespace(struct rfind *f, struct rcall *call, const struct pattern *p)
{
	const struct rcall_arg *pkg = rcall_arg(call, p->formals, "package");

	if (pkg)
		use_values(f, call, pkg);
}

/* pacman::p_load(a, "b", char = c(...), character.only = TRUE). */
static void
handle_p_load(struct rfind *f, struct rcall *call, const struct pattern *p)
{
	const struct rcall_arg *only = rcall_arg(call, p->formals, "character.only");
	const struct rcall_arg *chars = rcall_arg(call, p->formals, "char");
	bool evaluate = only && !rcall_is_false(f, only->first, only->last);

	if (chars)
		use_values(f, call, chars);
	for (size_t a = 0; a < call->n_args; a++) {
		const struct rcall_arg *arg = &call->args[a];
		if (arg->formal != 0 || arg->first == arg->last)
			continue;
		if (evaluate)
			use_values(f, call, arg);
		else if (rcall_is_single(f, arg->first, arg->last))
			use_package(f, call, tok_cstr(f, arg->first), arg_span(f, arg));
	}
}

/* xfun::pkg_attach("a", c("b", "c")). */
static void
handle_dots_values(struct rfind *f, struct rcall *call, const struct pattern *p)
{
	(void)p;
	for (size_t a = 0; a < call->n_args; a++)
		if (call->args[a].formal == 0 && call->args[a].first < call->args[a].last)
			use_values(f, call, &call->args[a]);
}

/* box::use(pkg, pkg/mod, alias = pkg[fn]); ./mod and ../mod are local. */
static void
handle_box_use(struct rfind *f, struct rcall *call, const struct pattern *p)
{
	(void)p;
	for (size_t a = 0; a < call->n_args; a++) {
		const struct rcall_arg *arg = &call->args[a];
		if (arg->first == arg->last || f->toks[arg->first].kind != RTOK_SYMBOL)
			continue;
		struct sv name = rcall_tok_name(f, arg->first);
		if (sv_eq_cstr(name, ".") || sv_eq_cstr(name, ".."))
			continue;
		use_package(f, call, arena_strndup(f->out->arena, name),
			    rcall_tok_span(f, arg->first, arg->first + 1));
	}
}

/* ---- installs ---- */

static const char *
version_spec(struct rfind *f, const char *v)
{
	char buf[128];
	size_t len = 0;

	if (!v || !*v)
		return "";
	if (!byte_in("<>=!", v[0]))
		return arena_printf(f->out->arena, "==%s", v);
	for (const char *s = v; *s && len + 1 < sizeof(buf); s++)
		if (*s != ' ')
			buf[len++] = *s;
	buf[len] = '\0';
	return arena_strdup(f->out->arena, buf);
}

/* repos = "url", c(NAME = "url"), NULL; returns the first URL, or NULL. */
static const char *
repositories(struct rfind *f, struct rcall *call, const struct rcall_arg *arg, bool *none)
{
	*none = false;
	if (!arg)
		return NULL;
	struct rval v = arg_value(f, arg);
	if (v.kind == RVAL_NULL)
		*none = true;
	if (v.kind != RVAL_STRS)
		return NULL;
	for (size_t k = 0; k < v.n; k++)
		add_option(f, call, v.strs[k], v.spans[k]);
	return v.n ? v.strs[0] : NULL;
}

static void
install_names(struct rfind *f, struct rcall *call, const struct rcall_arg *arg,
	      enum ecosystem eco, const char *spec, const char *index_url, bool local)
{
	if (!arg)
		return;
	struct rval v = arg_value(f, arg);
	if (v.kind != RVAL_STRS) {
		dynamic_package(f, call, eco, DEP_INSTALL_COMMAND, arg_span(f, arg));
		return;
	}
	for (size_t k = 0; k < v.n; k++) {
		enum ecosystem e = eco;
		bool url = rcall_is_url(v.strs[k]);
		if (url || local)
			e = url ? ECO_URL : ECO_LOCAL;
		struct dep *dep = declare(f, call, e, DEP_INSTALL_COMMAND, v.strs[k], v.spans[k]);
		if (!dep)
			return;
		dep->spec = spec;
		dep->index_url = index_url;
		if (e == ECO_URL || e == ECO_LOCAL)
			dep->url = v.strs[k];
	}
}

/* install.packages(), remotes::install_cran(): repos = NULL means file paths. */
static void
handle_install_packages(struct rfind *f, struct rcall *call, const struct pattern *p)
{
	bool none;
	const char *index = repositories(f, call, rcall_arg(call, p->formals, "repos"), &none);

	install_names(f, call, rcall_arg(call, p->formals, "pkgs"), ECO_CRAN, "", index, none);
}

static void
handle_install_version(struct rfind *f, struct rcall *call, const struct pattern *p)
{
	bool none;
	const char *index = repositories(f, call, rcall_arg(call, p->formals, "repos"), &none);
	const char *version = first_string(f, rcall_arg(call, p->formals, "version"));

	install_names(f, call, rcall_arg(call, p->formals, "package"), ECO_CRAN,
		      version_spec(f, version), index, false);
}

static const char *
host_url(struct rfind *f, enum ecosystem eco, const char *host, const char *name)
{
	struct sv h = sv_from_cstr(host);

	if (!host) {
		h = eco == ECO_GITLAB ? SV_LIT("gitlab.com") :
		    eco == ECO_BITBUCKET ? SV_LIT("bitbucket.org") : SV_LIT("github.com");
	} else {
		if (sv_starts_with(h, SV_LIT("https://")))
			h = sv_tail(h, 8);
		if (sv_starts_with(h, SV_LIT("api.")))
			h = sv_tail(h, 4);
		size_t api = sv_find(h, SV_LIT("/api"));
		if (api != SV_NPOS)
			h = sv_slice(h, 0, api);
		if (sv_eq_cstr(h, "github.com") || h.len == 0)
			h = SV_LIT("github.com");
	}
	return arena_printf(f->out->arena, "https://%.*s/%s", (int)h.len, h.ptr, name);
}

struct remote_hints {
	int force;               /* the ecosystem of owner/repo without a type, or -1 */
	const char *ref, *subdir, *host;
	bool name_only_is_github;  /* githubinstall("pkg") */
};

/* One remote spec: install_github("owner/repo@ref"), pak("github::a/b") ... */
static void
install_remote(struct rfind *f, struct rcall *call, const char *spec, struct span at,
	       const struct remote_hints *hints)
{
	struct rremote rr;
	const char *why = "not a remote";
	int rc = rremote_parse(&rr, f->out->arena, sv_from_cstr(spec), &why);

	if (rc == ERR_NOMEM) {
		f->rc = rc;
		return;
	}
	if (rc) {
		diag_add(f->out->diags, DIAG_WARNING, f->src, at, "%s: %s", why, spec);
		return;
	}
	bool typed = strstr(spec, "::") != NULL;
	enum ecosystem eco = rr.ecosystem;
	if (!typed && hints->force >= 0 && (eco == ECO_GITHUB || eco == ECO_CRAN))
		eco = (enum ecosystem)hints->force;
	if (eco == ECO_CRAN && hints->name_only_is_github)
		eco = ECO_GITHUB;
	const char *ref = hints->ref ? hints->ref : rr.ref ? rr.ref : "";
	struct dep *dep = declare(f, call, eco, DEP_INSTALL_COMMAND, rr.name, at);
	if (!dep)
		return;
	dep->package = rr.package;
	dep->subdir = hints->subdir ? hints->subdir : rr.subdir;
	switch (eco) {
	case ECO_GITHUB:
	case ECO_GITLAB:
	case ECO_BITBUCKET:
		dep->spec = ref;
		dep->vcs_ref = *ref ? ref : NULL;
		if (hints->name_only_is_github && !strchr(rr.name, '/')) {
			dep->package = rr.name;
			break;
		}
		dep->url = host_url(f, eco, hints->host ? hints->host : rr.host, rr.name);
		break;
	case ECO_VCS:
		dep->spec = ref;
		dep->vcs_ref = *ref ? ref : NULL;
		dep->url = rr.name;
		break;
	case ECO_URL:
	case ECO_LOCAL:
		dep->url = rr.name;
		break;
	default:
		dep->spec = version_spec(f, *ref ? ref : NULL);
		break;
	}
}

static void
handle_remote(struct rfind *f, struct rcall *call, const struct pattern *p)
{
	const struct rcall_arg *repo = NULL;
	struct remote_hints hints = { .force = p->param };

	for (size_t a = 0; a < call->n_args && !repo; a++)
		if (call->args[a].formal == 0 && call->args[a].first < call->args[a].last)
			repo = &call->args[a];
	if (!repo)
		return;
	hints.ref = first_string(f, named_arg(call, p, "ref"));
	hints.subdir = first_string(f, named_arg(call, p, "subdir"));
	hints.host = first_string(f, named_arg(call, p, "host"));
	hints.name_only_is_github = sv_eq_cstr(call->fn, "githubinstall") ||
				    sv_eq_cstr(call->fn, "gh_install_packages");
	if (hints.ref && !*hints.ref)
		hints.ref = NULL;
	/* p_load_gh(a/b, c/d) and pak() take every "..." argument */
	for (size_t a = 0; a < call->n_args; a++) {
		const struct rcall_arg *arg = &call->args[a];
		if (arg->formal != repo->formal || arg->first == arg->last)
			continue;
		struct rval v = arg_value(f, arg);
		if (v.kind != RVAL_STRS) {
			enum ecosystem eco = p->param >= 0 ? (enum ecosystem)p->param : ECO_GITHUB;
			struct dep *dep = declare(f, call, eco, DEP_INSTALL_COMMAND, "",
						  arg_span(f, arg));
			if (dep)
				dep->dynamic = true;
			continue;
		}
		for (size_t k = 0; k < v.n; k++)
			install_remote(f, call, v.strs[k], v.spans[k], &hints);
	}
}

/* install_git(url, ref =, branch =), install_url(url), install_local(path). */
static void
handle_install_location(struct rfind *f, struct rcall *call, const struct pattern *p)
{
	const struct rcall_arg *arg = rcall_arg(call, p->formals, p->formals[0]);
	const char *ref = first_string(f, named_arg(call, p, "ref"));
	const char *subdir = first_string(f, named_arg(call, p, "subdir"));

	if (!ref)
		ref = first_string(f, named_arg(call, p, "branch"));
	if (!arg)
		return;
	struct rval v = arg_value(f, arg);
	if (v.kind != RVAL_STRS) {
		struct dep *dep = declare(f, call, (enum ecosystem)p->param, DEP_INSTALL_COMMAND,
					  arena_strndup(f->out->arena,
							sv_slice(f->src->text, v.at.start,
								 v.at.end - v.at.start)),
					  arg_span(f, arg));
		if (dep)
			dep->dynamic = true;
		return;
	}
	for (size_t k = 0; k < v.n; k++) {
		struct dep *dep = declare(f, call, (enum ecosystem)p->param, DEP_INSTALL_COMMAND,
					  v.strs[k], v.spans[k]);
		if (!dep)
			return;
		dep->url = v.strs[k];
		dep->subdir = subdir;
		if (p->param == ECO_VCS) {
			dep->spec = ref ? ref : "";
			dep->vcs_ref = ref && *ref ? ref : NULL;
		}
	}
}

/* BiocManager::install(): owner/repo goes to GitHub, a name to Bioconductor. */
static void
handle_bioc(struct rfind *f, struct rcall *call, const struct pattern *p)
{
	const struct rcall_arg *arg = rcall_arg(call, p->formals, "pkgs");
	struct remote_hints hints = { .force = ECO_GITHUB };
	bool none;

	repositories(f, call, named_arg(call, p, "site_repository"), &none);
	repositories(f, call, named_arg(call, p, "siteRepos"), &none);
	if (!arg)
		return;
	struct rval v = arg_value(f, arg);
	if (v.kind != RVAL_STRS) {
		dynamic_package(f, call, ECO_BIOC, DEP_INSTALL_COMMAND, arg_span(f, arg));
		return;
	}
	for (size_t k = 0; k < v.n; k++) {
		if (strchr(v.strs[k], '/') && !rcall_is_url(v.strs[k]))
			install_remote(f, call, v.strs[k], v.spans[k], &hints);
		else
			declare(f, call, ECO_BIOC, DEP_INSTALL_COMMAND, v.strs[k], v.spans[k]);
	}
}

/* drat::addRepo(account, alturl = "https://account.github.io/drat/"). */
static void
handle_drat(struct rfind *f, struct rcall *call, const struct pattern *p)
{
	const struct rcall_arg *account = rcall_arg(call, p->formals, "account");
	const struct rcall_arg *alt = rcall_arg(call, p->formals, "alturl");
	bool none;

	if (alt) {
		repositories(f, call, alt, &none);
		return;
	}
	struct rval v = arg_value(f, account);
	if (!account) {
		add_option(f, call, "https://eddelbuettel.github.io/drat/",
			   (struct span){ f->toks[call->fn_tok].start, f->toks[call->fn_tok].end });
		return;
	}
	for (size_t k = 0; v.kind == RVAL_STRS && k < v.n; k++)
		add_option(f, call, arena_printf(f->out->arena, "https://%s.github.io/drat/",
						 v.strs[k]), v.spans[k]);
}

/* options(repos = c(CRAN = "...")). */
static void
handle_options(struct rfind *f, struct rcall *call, const struct pattern *p)
{
	bool none;

	repositories(f, call, named_arg(call, p, "repos"), &none);
}

/* lapply(pkgs, library, character.only = TRUE) and its kin. */
static void
handle_apply(struct rfind *f, struct rcall *call, const struct pattern *p)
{
	const struct rcall_arg *x = rcall_arg(call, p->formals, p->formals[0]);
	const struct rcall_arg *fun = rcall_arg(call, p->formals, p->formals[1]);

	if (!x || !fun || !rcall_is_single(f, fun->first, fun->last))
		return;
	struct sv name = rcall_tok_name(f, fun->first);
	if (sv_eq_cstr(name, "library") || sv_eq_cstr(name, "require")) {
		const struct rcall_arg *only = named_arg(call, p, "character.only");
		if (only && !rcall_is_false(f, only->first, only->last))
			use_values(f, call, x);
	} else if (sv_eq_cstr(name, "requireNamespace") || sv_eq_cstr(name, "loadNamespace")) {
		use_values(f, call, x);
	} else if (sv_eq_cstr(name, "install.packages")) {
		install_names(f, call, x, ECO_CRAN, "", NULL, false);
	}
}

/* ---- remote code ---- */

static void
remote_code(struct rfind *f, struct rcall *call, const char *url, struct span at,
	    struct span expr)
{
	struct dep *dep;

	if (url) {
		if ((dep = declare(f, call, ECO_URL, DEP_REMOTE_SOURCE, url, at)))
			dep->url = url;
		return;
	}
	const char *text = arena_strndup(f->out->arena,
					 sv_slice(f->src->text, expr.start, expr.end - expr.start));
	if ((dep = declare(f, call, ECO_URL, DEP_REMOTE_SOURCE, text, at)))
		dep->dynamic = true;
}

/* Text from a URL that reaches a sink: one declaration per URL. */
static void
remote_fetch(struct rfind *f, struct rcall *call, const struct rval *v)
{
	if (v->n == 0)
		remote_code(f, call, NULL, v->at, v->expr);
	for (size_t k = 0; k < v->n; k++)
		remote_code(f, call, v->strs[k], v->spans[k], v->expr);
}

static const struct rdownload *
downloaded(const struct rfind *f, const struct rcall_arg *arg, const struct rval *v)
{
	struct sv var = SV_NULL;

	if (arg->last == arg->first + 1 && f->toks[arg->first].kind == RTOK_SYMBOL)
		var = rcall_tok_text(f, arg->first);
	for (size_t d = f->n_downloads; d > 0; d--) {
		const struct rdownload *dl = &f->downloads[d - 1];
		if (var.ptr && dl->var.ptr && sv_eq(var, dl->var))
			return dl;
		for (size_t k = 0; v->kind == RVAL_STRS && dl->file && k < v->n; k++)
			if (strcmp(v->strs[k], dl->file) == 0)
				return dl;
	}
	return NULL;
}

/* source(file), sys.source(file): a URL, url(), or a file downloaded before. */
static void
handle_source(struct rfind *f, struct rcall *call, const struct pattern *p)
{
	const struct rcall_arg *file = rcall_arg(call, p->formals, "file");
	const struct rcall_arg *exprs = named_arg(call, p, "exprs");

	if (exprs) {
		struct rval v = arg_value(f, exprs);
		if (v.kind == RVAL_FETCH)
			remote_fetch(f, call, &v);
	}
	if (!file)
		return;
	struct rval v = arg_value(f, file);
	const struct rdownload *dl = downloaded(f, file, &v);
	if (dl) {
		struct rval u = dl->url;
		for (size_t k = 0; k < u.n; k++)
			u.spans[k] = arg_span(f, file);
		u.at = arg_span(f, file);
		remote_fetch(f, call, &u);
		return;
	}
	if (v.kind == RVAL_FETCH) {
		remote_fetch(f, call, &v);
		return;
	}
	for (size_t k = 0; v.kind == RVAL_STRS && k < v.n; k++)
		if (rcall_is_url(v.strs[k]))
			remote_code(f, call, v.strs[k], v.spans[k], v.spans[k]);
}

/* devtools::source_url(url), knitr::read_chunk(path). */
static void
handle_source_url(struct rfind *f, struct rcall *call, const struct pattern *p)
{
	const struct rcall_arg *arg = rcall_arg(call, p->formals, p->formals[0]);

	if (!arg)
		return;
	struct rval v = arg_value(f, arg);
	if (v.kind == RVAL_FETCH) {
		remote_fetch(f, call, &v);
	} else if (v.kind == RVAL_STRS) {
		for (size_t k = 0; k < v.n; k++)
			if (p->param != ECO_URL || rcall_is_url(v.strs[k]))
				remote_code(f, call, v.strs[k], v.spans[k], v.spans[k]);
	} else if (p->param != ECO_URL) {
		remote_code(f, call, NULL, arg_span(f, arg), arg_span(f, arg));
	}
}

static void
handle_source_gist(struct rfind *f, struct rcall *call, const struct pattern *p)
{
	const struct rcall_arg *arg = rcall_arg(call, p->formals, "id");

	if (!arg)
		return;
	struct rval v = arg_value(f, arg);
	if (v.kind != RVAL_STRS) {
		remote_code(f, call, NULL, arg_span(f, arg), arg_span(f, arg));
		return;
	}
	for (size_t k = 0; k < v.n; k++) {
		const char *url = rcall_is_url(v.strs[k]) ? v.strs[k] :
				  arena_printf(f->out->arena, "https://gist.github.com/%s",
					       v.strs[k]);
		remote_code(f, call, url, v.spans[k], v.spans[k]);
	}
}

/* eval(parse(text = readLines(u))) and every way of getting there. */
static void
handle_eval(struct rfind *f, struct rcall *call, const struct pattern *p)
{
	struct rval v = arg_value(f, rcall_arg(call, p->formals, "expr"));

	if (v.kind == RVAL_FETCH)
		remote_fetch(f, call, &v);
}

/* download.file(url, destfile): remembered for a source() of that file. */
static void
handle_download(struct rfind *f, struct rcall *call, const struct pattern *p)
{
	const struct rcall_arg *url = rcall_arg(call, p->formals, "url");
	const struct rcall_arg *dest = rcall_arg(call, p->formals, "destfile");
	struct rdownload dl = { .var = SV_NULL };

	if (!url || !dest)
		return;
	struct rval u = arg_value(f, url), d = arg_value(f, dest);
	dl.url = (struct rval){ .kind = RVAL_FETCH, .expr = arg_span(f, url),
				.at = arg_span(f, url) };
	if (u.kind == RVAL_STRS || (u.kind == RVAL_FETCH && u.n)) {
		dl.url.n = u.n;
		dl.url.strs = u.strs;
		dl.url.spans = arena_alloc(f->out->arena, u.n * sizeof(*dl.url.spans) + 1);
		if (!dl.url.spans) {
			f->rc = ERR_NOMEM;
			return;
		}
	}
	if (dest->last == dest->first + 1 && f->toks[dest->first].kind == RTOK_SYMBOL)
		dl.var = rcall_tok_text(f, dest->first);
	if (d.kind == RVAL_STRS && d.n == 1)
		dl.file = d.strs[0];
	if (!dl.var.ptr && !dl.file)
		return;
	if (array_reserve(&f->downloads, &f->cap_downloads, f->n_downloads,
			  sizeof(*f->downloads))) {
		f->rc = ERR_NOMEM;
		return;
	}
	f->downloads[f->n_downloads++] = dl;
}

/* ---- the table ---- */

static const char *const library_formals[] = { "package", "help", "pos", "lib.loc",
	"character.only", "logical.return", "warn.conflicts", "quietly", "verbose", "mask.ok",
	"exclude", "include.only", "attach.required", NULL };
static const char *const install_github_formals[] = { "repo", "ref", "subdir", "auth_token",
	"host", "dependencies", "upgrade", "force", "quiet", "build", "build_opts",
	"build_manual", "build_vignettes", "repos", "type", "...", NULL };
static const char *const install_packages_formals[] = { "pkgs", "lib", "repos", "contriburl",
	"method", "available", "destdir", "dependencies", "type", "configure.args",
	"configure.vars", "clean", "Ncpus", "verbose", "libs_only", "INSTALL_opts", "quiet",
	"keep_outputs", "...", NULL };
static const char *const apply_formals[] = { "X", "FUN", "...", NULL };
static const char *const map_formals[] = { ".x", ".f", "...", NULL };

#define DEVTOOLS "devtools remotes"

static const struct pattern patterns[] = {
	{ "library", "base", BARE_ALWAYS, library_formals, handle_library, -1 },
	{ "require", "base", BARE_ALWAYS, FORMALS("package", "lib.loc", "quietly",
		"warn.conflicts", "character.only"), handle_library, -1 },
	{ "requireNamespace", "base", BARE_ALWAYS, FORMALS("package", "...", "quietly"),
		handle_namespace, -1 },
	{ "loadNamespace", "base", BARE_ALWAYS, FORMALS("package", "lib.loc", "keep.source",
		"partial", "versionCheck", "keep.parse.data"), handle_namespace, -1 },
	{ "p_load", "pacman", BARE_AFTER_LOAD, FORMALS("...", "char", "install", "update",
		"character.only"), handle_p_load, -1 },
	{ "pkg_attach", "xfun", BARE_AFTER_LOAD, FORMALS("...", "install", "message"),
		handle_dots_values, -1 },
	{ "pkg_attach2", "xfun", BARE_AFTER_LOAD, FORMALS("...", "install", "message"),
		handle_dots_values, -1 },
	{ "use", "box", BARE_AFTER_LOAD, FORMALS("..."), handle_box_use, -1 },
	{ "lapply", "base", BARE_ALWAYS, apply_formals, handle_apply, -1 },
	{ "sapply", "base", BARE_ALWAYS, apply_formals, handle_apply, -1 },
	{ "vapply", "base", BARE_ALWAYS, apply_formals, handle_apply, -1 },
	{ "walk", "purrr", BARE_AFTER_LOAD, map_formals, handle_apply, -1 },
	{ "map", "purrr", BARE_AFTER_LOAD, map_formals, handle_apply, -1 },

	{ "install.packages", "utils", BARE_ALWAYS, install_packages_formals,
		handle_install_packages, -1 },
	{ "install_cran", DEVTOOLS, BARE_AFTER_LOAD, FORMALS("pkgs", "repos", "type", "..."),
		handle_install_packages, -1 },
	{ "install_version", DEVTOOLS, BARE_AFTER_LOAD, FORMALS("package", "version", "repos",
		"type", "..."), handle_install_version, -1 },
	{ "install_github", DEVTOOLS, BARE_AFTER_LOAD, install_github_formals, handle_remote,
		ECO_GITHUB },
	{ "install_gitlab", DEVTOOLS, BARE_AFTER_LOAD, FORMALS("repo", "subdir", "auth_token",
		"host", "..."), handle_remote, ECO_GITLAB },
	{ "install_bitbucket", DEVTOOLS, BARE_AFTER_LOAD, FORMALS("repo", "ref", "subdir",
		"auth_user", "password", "auth_token", "host", "..."), handle_remote,
		ECO_BITBUCKET },
	{ "install_git", DEVTOOLS, BARE_AFTER_LOAD, FORMALS("url", "subdir", "ref", "branch",
		"credentials", "git", "..."), handle_install_location, ECO_VCS },
	{ "install_url", DEVTOOLS, BARE_AFTER_LOAD, FORMALS("url", "subdir", "config", "..."),
		handle_install_location, ECO_URL },
	{ "install_local", DEVTOOLS, BARE_AFTER_LOAD, FORMALS("path", "subdir", "..."),
		handle_install_location, ECO_LOCAL },
	{ "pkg_install", "pak", BARE_AFTER_LOAD, FORMALS("pkg", "lib", "upgrade", "ask",
		"dependencies"), handle_remote, -1 },
	{ "pak", "pak", BARE_AFTER_LOAD, FORMALS("pkg", "..."), handle_remote, -1 },
	{ "install", "renv", BARE_AFTER_LOAD, FORMALS("packages", "...", "library", "type",
		"rebuild", "repos", "prompt", "dependencies", "verbose", "lock", "project"),
		handle_remote, -1 },
	{ "p_load_gh", "pacman", BARE_AFTER_LOAD, FORMALS("...", "dependencies", "update",
		"install"), handle_remote, ECO_GITHUB },
	{ "p_install_gh", "pacman", BARE_AFTER_LOAD, FORMALS("package", "dependencies", "..."),
		handle_remote, ECO_GITHUB },
	{ "githubinstall", "githubinstall", BARE_ALWAYS, FORMALS("packages", "ask", "ref",
		"build_vignettes", "dependencies", "verbose", "quiet", "lib", "..."),
		handle_remote, ECO_GITHUB },
	{ "gh_install_packages", "githubinstall", BARE_ALWAYS, FORMALS("packages", "ask", "ref",
		"build_vignettes", "dependencies", "verbose", "quiet", "lib", "..."),
		handle_remote, ECO_GITHUB },
	{ "install", "BiocManager", BARE_AFTER_LOAD, FORMALS("pkgs", "...", "site_repository",
		"update", "ask", "checkBuilt", "force", "version"), handle_bioc, -1 },
	{ "biocLite", "BiocInstaller", BARE_ALWAYS, FORMALS("pkgs", "suppressUpdates",
		"suppressAutoUpdate", "siteRepos", "ask", "..."), handle_bioc, -1 },
	{ "addRepo", "drat", BARE_AFTER_LOAD, FORMALS("account", "alturl"), handle_drat, -1 },
	{ "options", "base", BARE_ALWAYS, FORMALS("..."), handle_options, -1 },

	{ "source", "base", BARE_ALWAYS, FORMALS("file", "local", "echo", "print.eval", "exprs",
		"..."), handle_source, -1 },
	{ "sys.source", "base", BARE_ALWAYS, FORMALS("file", "envir", "chdir", "keep.source",
		"keep.parse.data", "toplevel.env"), handle_source, -1 },
	{ "source_url", DEVTOOLS, BARE_ALWAYS, FORMALS("url", "...", "sha"), handle_source_url,
		-1 },
	{ "source_gist", DEVTOOLS, BARE_ALWAYS, FORMALS("id", "...", "filename", "sha",
		"quiet"), handle_source_gist, -1 },
	{ "read_chunk", "knitr", BARE_ALWAYS, FORMALS("path", "lines", "labels", "from", "to",
		"from.offset", "to.offset", "roxygen_comments"), handle_source_url, ECO_URL },
	{ "eval", "base", BARE_ALWAYS, FORMALS("expr", "envir", "enclos"), handle_eval, -1 },
	{ "evalq", "base", BARE_ALWAYS, FORMALS("expr", "envir", "enclos"), handle_eval, -1 },
	{ "download.file", "utils", BARE_ALWAYS, FORMALS("url", "destfile", "method", "quiet",
		"mode", "cacheOK", "extra", "headers", "..."), handle_download, -1 },
	{ "curl_download", "curl", BARE_ALWAYS, FORMALS("url", "destfile", "quiet", "mode",
		"handle"), handle_download, -1 },
};

static bool
word_in(struct sv word, const char *words)
{
	const char *s = words;

	while (*s) {
		size_t len = strcspn(s, " ");
		if (word.len == len && memcmp(word.ptr, s, len) == 0)
			return true;
		s += len;
		while (*s == ' ')
			s++;
	}
	return false;
}

static bool
loaded(const struct rfind *f, const char *pkgs)
{
	for (size_t k = 0; k < f->n_attached; k++)
		if (word_in(f->attached[k], pkgs))
			return true;
	return false;
}

void
rcall_pattern_apply(struct rfind *f, struct rcall *call)
{
	for (size_t k = 0; k < sizeof(patterns) / sizeof(patterns[0]); k++) {
		const struct pattern *p = &patterns[k];
		/* (every call of a file meets every pattern: the first byte rejects most) */
		if (call->fn.len == 0 || call->fn.ptr[0] != p->fn[0] || !sv_eq_cstr(call->fn, p->fn))
			continue;
		if (call->pkg.len ? !word_in(call->pkg, p->pkgs) :
		    p->bare == BARE_AFTER_LOAD && !loaded(f, p->pkgs))
			continue;
		rcall_match(f, call, p->formals);
		p->handle(f, call, p);
		return;
	}
}

void
rcall_declare_namespace(struct rfind *f, size_t tok, struct sv name, struct span at)
{
	const char *copy = arena_strndup(f->out->arena, name);

	if (declare_at(f, at, ECO_CRAN, DEP_LIBRARY_CALL, copy, rcall_tok_span(f, tok, tok + 1)))
		attach(f, copy);
}
