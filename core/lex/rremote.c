/*
 * R remote specifications (grammar in rremote.h), as remotes 2.4's
 * parse_repo_spec()/parse_github_url() and pak's "Package references" read
 * them. Decisions where the two disagree or say nothing:
 *
 *   hosted   = [package "="] path [detail]
 *   path     = owner "/" repo {"/" subdir-part} ["/"]       github, bitbucket
 *            | group {"/" group} "/" project ["/-/" subdir] gitlab (pak: subgroups)
 *            | ("https://" | "http://" | "git@") host ("/" | ":") owner "/" repo [".git"]
 *              ["/tree/" ref | "/pull/" digits | "/releases/tag/" ref] ["/"]
 *   detail   = "@*release" | "@" ref | "#" digits
 *   git-url  = url ["@" ref]     the '@' after the last '/' or ':' starts the ref
 *   bioc     = [release "/"] package ["#" revision]
 *
 * A "package=" prefix may stand before the type ("pkg=github::u/r", pak) or
 * after it ("github::pkg=u/r", remotes). Types are case-insensitive (remotes
 * lower-cases them). A bare "package[@version]" is CRAN (pak).
 */
#include "lex/rremote.h"

#include <string.h>

#include "deputy/ascii.h"
#include "deputy/diag.h"

struct hosted {
	struct sv host, name, ref, subdir;
	bool pull;               /* ref holds the digits of a /pull/N url */
};

/* R's valid package name: [[:alpha:]][[:alnum:].]*[[:alnum:]] (ASCII, as CRAN). */
static bool
is_package_name(struct sv s)
{
	if (s.len < 2 || !ascii_alpha(s.ptr[0]) || !ascii_alnum(s.ptr[s.len - 1]))
		return false;
	for (size_t i = 1; i < s.len; i++)
		if (!ascii_alnum(s.ptr[i]) && s.ptr[i] != '.')
			return false;
	return true;
}

static bool
is_digits(struct sv s)
{
	if (s.len == 0)
		return false;
	for (size_t i = 0; i < s.len; i++)
		if (s.ptr[i] < '0' || s.ptr[i] > '9')
			return false;
	return true;
}

/* Text before the first of @stops (the whole of @s when none). */
static size_t
span_until(struct sv s, const char *stops)
{
	size_t i = 0;

	while (i < s.len && !byte_in(stops, s.ptr[i]))
		i++;
	return i;
}

/* "package=" at the start of @s: stores the name, returns the rest. */
static struct sv
take_package(struct sv s, struct sv *package)
{
	size_t eq = span_until(s, "=/:@#");

	if (eq < s.len && s.ptr[eq] == '=' && is_package_name(sv_slice(s, 0, eq))) {
		*package = sv_slice(s, 0, eq);
		return sv_tail(s, eq + 1);
	}
	return s;
}

/* detail = "@*release" | "@" ref | "#" digits, or nothing. */
static int
parse_detail(struct sv detail, struct sv *ref, const char **why)
{
	*ref = SV_LIT("");
	if (detail.len == 0)
		return 0;
	if (detail.ptr[0] == '#') {
		if (!is_digits(sv_tail(detail, 1))) {
			*why = "expected a pull request number after '#'";
			return ERR_SYNTAX;
		}
		*ref = detail;
		return 0;
	}
	if (detail.len == 1) {
		*why = "expected a ref after '@'";
		return ERR_SYNTAX;
	}
	if (detail.ptr[1] == '*' && !sv_eq_cstr(detail, "@*release")) {
		*why = "expected '@*release' after '@*'";
		return ERR_SYNTAX;
	}
	*ref = sv_tail(detail, 1);
	return 0;
}

/* https://github.com/owner/repo[.git][/tree/ref|/pull/N|/releases/tag/T][/], git@host:o/r.git */
static int
parse_hosted_url(struct hosted *h, struct sv body, const char **why)
{
	size_t start = sv_starts_with(body, SV_LIT("git@")) ? 4 : sv_find(body, SV_LIT("://")) + 3;
	struct sv rest = sv_tail(body, start);
	size_t host_len = span_until(rest, "/:");
	struct sv owner, repo;

	h->host = sv_slice(rest, 0, host_len);
	if (h->host.len == 0 || host_len == rest.len) {
		*why = "expected a host and owner/repo in the url";
		return ERR_SYNTAX;
	}
	rest = sv_tail(rest, host_len + 1);
	owner = sv_slice(rest, 0, span_until(rest, "/"));
	rest = sv_tail(rest, owner.len + 1);
	repo = sv_slice(rest, 0, span_until(rest, "/#@"));
	rest = sv_tail(rest, repo.len);
	if (sv_ends_with(repo, SV_LIT(".git")))
		repo.len -= 4;
	if (owner.len == 0 || repo.len == 0) {
		*why = "expected owner/repo in the url";
		return ERR_SYNTAX;
	}
	h->name = sv_make(owner.ptr, (size_t)(repo.ptr + repo.len - owner.ptr));
	h->ref = SV_LIT("");
	if (rest.len && rest.ptr[rest.len - 1] == '/')
		rest.len--;
	if (rest.len == 0)
		return 0;
	if (rest.ptr[0] == '@' || rest.ptr[0] == '#')
		return parse_detail(rest, &h->ref, why);
	if (sv_starts_with(rest, SV_LIT("/tree/")) && rest.len > 6) {
		h->ref = sv_tail(rest, 6);
		return 0;
	}
	if (sv_starts_with(rest, SV_LIT("/releases/tag/")) && rest.len > 14) {
		h->ref = sv_tail(rest, 14);
		return 0;
	}
	if (sv_starts_with(rest, SV_LIT("/pull/")) && is_digits(sv_tail(rest, 6))) {
		h->ref = sv_tail(rest, 6);
		h->pull = true;
		return 0;
	}
	*why = "expected /tree/<ref>, /pull/<number> or /releases/tag/<tag> after the repository";
	return ERR_SYNTAX;
}

/* owner/repo[/subdir] (or gitlab's group/.../project[/-/subdir]) and the detail. */
static int
parse_hosted_path(struct hosted *h, struct sv body, bool gitlab, const char **why)
{
	size_t path_len = span_until(body, "@#");
	struct sv path = sv_slice(body, 0, path_len);
	size_t owner_len, repo_end, marker;

	if (path.len && path.ptr[path.len - 1] == '/')
		path.len--;
	owner_len = span_until(path, "/");
	if (owner_len == 0 || owner_len == path.len) {
		*why = "expected owner/repo";
		return ERR_SYNTAX;
	}
	for (size_t i = 0; i < path.len; i++) {
		if (path.ptr[i] == '/' && (i + 1 == path.len || path.ptr[i + 1] == '/')) {
			*why = "expected owner/repo without empty parts";
			return ERR_SYNTAX;
		}
		if (path.ptr[i] == ':' || path.ptr[i] == '=') {
			*why = path.ptr[i] == '=' ? "expected a valid package name before '='"
						  : "unexpected ':' in owner/repo";
			return ERR_SYNTAX;
		}
	}
	if (gitlab) {
		/* the trailing '/' is gone already, so "a/b/-/" ends in "/-" here */
		if (sv_ends_with(path, SV_LIT("/-"))) {
			*why = "expected a folder after '/-/'";
			return ERR_SYNTAX;
		}
		marker = sv_find(path, SV_LIT("/-/"));
		repo_end = marker == SV_NPOS ? path.len : marker;
		if (marker != SV_NPOS)
			h->subdir = sv_tail(path, marker + 3);
	} else {
		repo_end = owner_len + 1 + span_until(sv_tail(path, owner_len + 1), "/");
		if (repo_end < path.len)
			h->subdir = sv_tail(path, repo_end + 1);
	}
	h->name = sv_slice(path, 0, repo_end);
	if (sv_find_char(h->name, '/') == SV_NPOS) {
		*why = "expected owner/repo";
		return ERR_SYNTAX;
	}
	return parse_detail(sv_tail(body, path_len), &h->ref, why);
}

static bool
is_url_like(struct sv s)
{
	return sv_starts_with(s, SV_LIT("https://")) || sv_starts_with(s, SV_LIT("http://")) ||
	       sv_starts_with(s, SV_LIT("git@"));
}

static int
parse_hosted(struct rremote *out, struct arena *arena, enum ecosystem eco, struct sv body,
	     struct sv *package, const char **why)
{
	struct hosted h = { SV_NULL, SV_NULL, SV_NULL, SV_NULL, false };
	int rc;

	body = take_package(body, package);
	rc = is_url_like(body) ? parse_hosted_url(&h, body, why)
			       : parse_hosted_path(&h, body, eco == ECO_GITLAB, why);
	if (rc)
		return rc;
	out->ecosystem = eco;
	out->name = arena_strndup(arena, h.name);
	if (h.pull)
		out->ref = arena_printf(arena, "#%.*s", (int)h.ref.len, h.ref.ptr);
	else
		out->ref = arena_strndup(arena, h.ref);
	if (h.subdir.ptr)
		out->subdir = arena_strndup(arena, h.subdir);
	if (h.host.ptr)
		out->host = arena_strndup(arena, h.host);
	if (!out->name || !out->ref || (h.subdir.ptr && !out->subdir) ||
	    (h.host.ptr && !out->host))
		return ERR_NOMEM;
	return 0;
}

/* The host of "scheme://[user@]host[:port]/..." or of scp-like "user@host:path". */
static struct sv
url_host(struct sv url)
{
	size_t scheme = sv_find(url, SV_LIT("://"));
	struct sv rest = scheme == SV_NPOS ? url : sv_tail(url, scheme + 3);
	size_t end = span_until(rest, scheme == SV_NPOS ? ":" : "/:?#");
	struct sv auth = sv_slice(rest, 0, end);
	size_t at = span_until(auth, "@");

	if (scheme == SV_NPOS && at == auth.len)
		return SV_NULL;
	return at < auth.len ? sv_tail(auth, at + 1) : auth;
}

static int
parse_git(struct rremote *out, struct arena *arena, struct sv body, const char **why)
{
	size_t scheme = sv_find(body, SV_LIT("://"));
	size_t last = 0, at;
	struct sv url = body, host;

	if (scheme == SV_NPOS && (sv_find_char(body, '@') == SV_NPOS ||
				  sv_find_char(body, ':') == SV_NPOS)) {
		*why = "expected a git url after 'git::'";
		return ERR_SYNTAX;
	}
	for (size_t i = scheme == SV_NPOS ? 0 : scheme + 3; i < body.len; i++)
		if (body.ptr[i] == '/' || body.ptr[i] == ':')
			last = i;
	at = sv_find_char(sv_tail(body, last), '@');
	/* scp-like "git@host:x.git": the '@' before the ':' is the user, not a ref */
	if (at != SV_NPOS) {
		url = sv_slice(body, 0, last + at);
		if (last + at + 1 == body.len) {
			*why = "expected a ref after '@'";
			return ERR_SYNTAX;
		}
		out->ref = arena_strndup(arena, sv_tail(body, last + at + 1));
	}
	host = url_host(url);
	if (host.len == 0) {
		*why = "expected a host in the git url";
		return ERR_SYNTAX;
	}
	out->ecosystem = ECO_VCS;
	out->name = arena_strndup(arena, url);
	out->host = arena_strndup(arena, host);
	return out->name && out->host && out->ref ? 0 : ERR_NOMEM;
}

/* package["@" version] for cran::, any::, standard:: and bare names. */
static int
parse_package(struct rremote *out, struct arena *arena, enum ecosystem eco, struct sv body,
	      const char **why)
{
	size_t at = span_until(body, "@");
	struct sv name = sv_slice(body, 0, at);

	if (!is_package_name(name)) {
		*why = "expected an r package name";
		return ERR_SYNTAX;
	}
	if (at < body.len) {
		if (at + 1 == body.len) {
			*why = "expected a version after '@'";
			return ERR_SYNTAX;
		}
		out->ref = arena_strndup(arena, sv_tail(body, at + 1));
	}
	out->ecosystem = eco;
	out->name = arena_strndup(arena, name);
	return out->name && out->ref ? 0 : ERR_NOMEM;
}

/* [release "/"] package ["#" revision] */
static int
parse_bioc(struct rremote *out, struct arena *arena, struct sv body, const char **why)
{
	size_t hash = span_until(body, "#");
	struct sv path = sv_slice(body, 0, hash);
	size_t slash = path.len;
	struct sv name, ref = SV_LIT("");

	while (slash > 0 && path.ptr[slash - 1] != '/')
		slash--;
	name = sv_tail(path, slash);
	if (!is_package_name(name)) {
		*why = "expected a bioconductor package name";
		return ERR_SYNTAX;
	}
	if (hash < body.len) {
		if (hash + 1 == body.len) {
			*why = "expected a revision after '#'";
			return ERR_SYNTAX;
		}
		ref = sv_tail(body, hash);
	} else if (slash > 1) {
		ref = sv_slice(path, 0, slash - 1);
	}
	out->ecosystem = ECO_BIOC;
	out->name = arena_strndup(arena, name);
	out->ref = arena_strndup(arena, ref);
	return out->name && out->ref ? 0 : ERR_NOMEM;
}

static int
parse_typed(struct rremote *out, struct arena *arena, struct sv type, struct sv body,
	    struct sv *package, const char **why)
{
	if (sv_eq_nocase(type, SV_LIT("github")))
		return parse_hosted(out, arena, ECO_GITHUB, body, package, why);
	if (sv_eq_nocase(type, SV_LIT("gitlab")))
		return parse_hosted(out, arena, ECO_GITLAB, body, package, why);
	if (sv_eq_nocase(type, SV_LIT("bitbucket")))
		return parse_hosted(out, arena, ECO_BITBUCKET, body, package, why);
	if (sv_eq_nocase(type, SV_LIT("git")))
		return parse_git(out, arena, body, why);
	if (sv_eq_nocase(type, SV_LIT("cran")) || sv_eq_nocase(type, SV_LIT("any")) ||
	    sv_eq_nocase(type, SV_LIT("standard")))
		return parse_package(out, arena, ECO_CRAN, body, why);
	if (sv_eq_nocase(type, SV_LIT("bioc")))
		return parse_bioc(out, arena, body, why);
	if (sv_eq_nocase(type, SV_LIT("url")) || sv_eq_nocase(type, SV_LIT("svn"))) {
		struct sv host = url_host(body);
		if (sv_find(body, SV_LIT("://")) == SV_NPOS || host.len == 0) {
			*why = "expected a url after the remote type";
			return ERR_SYNTAX;
		}
		out->ecosystem = sv_eq_nocase(type, SV_LIT("url")) ? ECO_URL : ECO_VCS;
		out->name = arena_strndup(arena, body);
		out->host = arena_strndup(arena, host);
		return out->name && out->host ? 0 : ERR_NOMEM;
	}
	if (sv_eq_nocase(type, SV_LIT("local")) || sv_eq_nocase(type, SV_LIT("deps"))) {
		out->ecosystem = ECO_LOCAL;
		out->name = arena_strndup(arena, body);
		return out->name ? 0 : ERR_NOMEM;
	}
	*why = "unknown remote type";
	return ERR_SYNTAX;
}

int
rremote_parse(struct rremote *out, struct arena *arena, struct sv spec, const char **why)
{
	struct sv package = SV_NULL, body;
	size_t colons;
	int rc;

	memset(out, 0, sizeof(*out));
	out->ref = "";
	*why = NULL;
	spec = sv_trim(spec);
	if (spec.len == 0) {
		*why = "empty remote specification";
		return ERR_SYNTAX;
	}
	for (size_t i = 0; i < spec.len; i++) {
		if (ascii_space(spec.ptr[i]) || (unsigned char)spec.ptr[i] < 0x20 ||
		    spec.ptr[i] == 0x7f) {
			*why = ascii_space(spec.ptr[i])
				       ? "unexpected white space in a remote specification"
				       : "unexpected control character in a remote specification";
			return ERR_SYNTAX;
		}
	}
	body = take_package(spec, &package);
	colons = sv_find(body, SV_LIT("::"));
	if (colons != SV_NPOS && colons > 0 && span_until(body, "/") > colons) {
		rc = parse_typed(out, arena, sv_slice(body, 0, colons), sv_tail(body, colons + 2),
				 &package, why);
	} else if (colons == 0) {
		*why = "expected a remote type before '::'";
		return ERR_SYNTAX;
	} else if (sv_find_char(body, '/') != SV_NPOS || is_url_like(body)) {
		rc = parse_hosted(out, arena, ECO_GITHUB, body, &package, why);
	} else {
		rc = parse_package(out, arena, ECO_CRAN, body, why);
	}
	if (rc)
		return rc;
	if (out->name && out->name[0] == '\0') {
		*why = "expected something after the remote type";
		return ERR_SYNTAX;
	}
	if (package.ptr && !(out->package = arena_strndup(arena, package)))
		return ERR_NOMEM;
	return 0;
}

static const char *
default_host(enum ecosystem eco)
{
	switch (eco) {
	case ECO_GITLAB: return "gitlab.com";
	case ECO_BITBUCKET: return "bitbucket.org";
	default: return "github.com";
	}
}

int
rremote_fill_dep(struct dep *out, struct arena *arena, const struct rremote *r)
{
	bool hosted = r->ecosystem == ECO_GITHUB || r->ecosystem == ECO_GITLAB ||
		      r->ecosystem == ECO_BITBUCKET;

	out->language = LANG_R;
	out->ecosystem = r->ecosystem;
	out->name = r->name;
	out->normalized = r->name;
	out->spec = r->ref;
	out->package = r->package;
	out->subdir = r->subdir;
	out->vcs_ref = NULL;
	out->url = NULL;
	if (hosted || r->ecosystem == ECO_VCS)
		out->vcs_ref = r->ref[0] ? r->ref : NULL;
	if ((r->ecosystem == ECO_CRAN || r->ecosystem == ECO_BIOC) && r->ref[0] >= '0' &&
	    r->ref[0] <= '9') {
		if (!(out->spec = arena_printf(arena, "==%s", r->ref)))
			return ERR_NOMEM;
	}
	if (hosted) {
		out->url = arena_printf(arena, "https://%s/%s", r->host ? r->host
									: default_host(r->ecosystem),
					r->name);
		if (!out->url)
			return ERR_NOMEM;
	} else if (r->ecosystem == ECO_VCS || r->ecosystem == ECO_URL ||
		   r->ecosystem == ECO_LOCAL) {
		out->url = r->name;
	}
	return 0;
}

bool
rremote_is_main_cran(const char *url)
{
	static const char *const hosts[] = {
		"cloud.r-project.org", "cran.r-project.org", "cran.rstudio.com", "cran.rstudio.org",
	};
	struct sv u = sv_from_cstr(url);

	if (sv_eq_cstr(u, "@CRAN@"))
		return true;
	/* plain http stays: insecure-url wants to see it */
	if (!sv_starts_with(u, SV_LIT("https://")))
		return false;
	u = sv_tail(u, 8);
	while (u.len && u.ptr[u.len - 1] == '/')
		u.len--;
	for (size_t i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++)
		if (sv_eq_cstr(u, hosts[i]))
			return true;
	return false;
}
