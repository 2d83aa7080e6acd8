/*
 * The detector for packrat/packrat.lock (packrat 0.4-0.9): a DCF file whose
 * first record holds "Repos: NAME=URL, ..." and whose other records each lock
 * one package.
 *
 *   header  = "PackratFormat:" ... "Repos:" NAME "=" URL {"," NAME "=" URL}
 *   package = "Package:" name "Source:" ("CRAN" | repo-name | "Bioconductor" | "github"
 *             | "gitlab" | "bitbucket" | "source") "Version:" v
 *             ["GithubUsername:" "GithubRepo:" "GithubRef:" "GithubSha1:" "GithubSubdir:"]
 *             ["RemoteType:" "RemoteHost:" "RemoteUsername:" "RemoteRepo:" "RemoteRef:"
 *              "RemoteSha:" "RemoteSubdir:"]
 *             ["Requires:" name {"," name}]
 *
 * "Requires" names the packages a package depends on and may run over continuation
 * lines; the names are kept as written, and a version in parentheses after one is dropped.
 *
 * Field names are matched without case: packrat wrote "GithubSHA1" in old versions.
 */
#include "detect/detect.h"

#include <string.h>
#include <strings.h>

#include "lex/dcf.h"
#include "lex/rremote.h"

#include "deputy/ascii.h"

#define RAW_MAX 200

enum pr_key {
	K_PACKAGE, K_SOURCE, K_VERSION,
	K_GH_USER, K_GH_REPO, K_GH_REF, K_GH_SHA, K_GH_SUBDIR,
	K_RM_HOST, K_RM_USER, K_RM_REPO, K_RM_REF, K_RM_SHA, K_RM_SUBDIR,
	K_REQUIRES,
	K_COUNT
};

static const char *const key_names[K_COUNT] = {
	"Package", "Source", "Version",
	"GithubUsername", "GithubRepo", "GithubRef", "GithubSha1", "GithubSubdir",
	"RemoteHost", "RemoteUsername", "RemoteRepo", "RemoteRef", "RemoteSha", "RemoteSubdir",
	"Requires",
};

struct pr_state {
	struct detect_out *out;
	struct source *src;
	size_t record;
	const char *values[K_COUNT];   /* in the arena (dcf values) */
	size_t requires_len;           /* the length of values[K_REQUIRES], which may hold NUL */
	struct span package_value;     /* the value of the Package field */
	struct span record_at;
	bool any;                      /* the record has a field */
};

bool
packrat_lock_matches(const char *path)
{
	const char *base = path_basename(path);

	if (strcmp(base, "packrat.lock") != 0 || base - path < 8)
		return false;
	return strncmp(base - 8, "packrat/", 8) == 0 && (base - path == 8 || base[-9] == '/');
}

static const char *
either(const struct pr_state *st, enum pr_key a, enum pr_key b)
{
	return st->values[a] && st->values[a][0] ? st->values[a] : st->values[b];
}

/* A remote entry: owner/repo from the Github* fields or the Remote* ones. */
static int
fill_hosted(struct pr_state *st, struct dep *dep)
{
	const char *user = either(st, K_GH_USER, K_RM_USER);
	const char *repo = either(st, K_GH_REPO, K_RM_REPO);
	const char *ref = either(st, K_GH_REF, K_RM_REF);
	const char *sha = either(st, K_GH_SHA, K_RM_SHA);
	struct rremote r;

	if (!user || !repo) {
		diag_add(st->out->diags, DIAG_WARNING, st->src, st->package_value,
			 "expected GithubUsername and GithubRepo (or RemoteUsername and RemoteRepo)");
		dep->name = dep->normalized = st->values[K_PACKAGE];
		return 0;
	}
	memset(&r, 0, sizeof(r));
	r.ecosystem = dep->ecosystem;
	r.name = arena_printf(st->out->arena, "%s/%s", user, repo);
	r.ref = ref ? ref : "";
	r.package = st->values[K_PACKAGE];
	r.subdir = either(st, K_GH_SUBDIR, K_RM_SUBDIR);
	if (!r.name || rremote_fill_dep(dep, st->out->arena, &r))
		return ERR_NOMEM;
	if (sha && sha[0])
		dep->vcs_ref = sha;
	return 0;
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* Requires: a, b (>= 1.0),\n  c: the names, copied into the arena. */
static int
read_requires(struct pr_state *st, struct dep *dep)
{
	struct sv value = sv_make(st->values[K_REQUIRES], st->requires_len);
	const char **names;
	size_t n = 1, i = 0;

	if (!value.ptr)
		return 0;
	for (size_t k = 0; k < value.len; k++)
		n += value.ptr[k] == ',';
	if (!(names = arena_alloc(st->out->arena, n * sizeof(*names))))
		return ERR_NOMEM;
	while (i < value.len) {
		size_t s = i, e;
		while (i < value.len && value.ptr[i] != ',')
			i++;
		e = i++;
		while (s < e && is_blank(value.ptr[s]))
			s++;
		for (size_t k = s; k < e; k++)
			if (is_blank(value.ptr[k]) || value.ptr[k] == '(' || value.ptr[k] == '\0') {
				e = k;          /* a version follows, or a nul ends the name as in R */
				break;
			}
		if (s == e)
			continue;
		if (!(names[dep->n_requires] = arena_strndup(st->out->arena,
							     sv_make(value.ptr + s, e - s))))
			return ERR_NOMEM;
		dep->n_requires++;
	}
	if (dep->n_requires)
		dep->requires = names;
	return 0;
}

static int
flush(struct pr_state *st)
{
	const char *source = st->values[K_SOURCE];
	const char *version = st->values[K_VERSION];
	struct sv text = st->src->text;
	struct dep *dep;

	if (!st->any || !st->values[K_PACKAGE])
		return 0;       /* the header, or a record without a package */
	if (!(dep = detect_new_dep(st->out)))
		return ERR_NOMEM;
	dep->language = LANG_R;
	dep->kind = DEP_LOCK;
	dep->file = st->src->path;
	dep->at = (struct span_ref){ st->record_at.start, st->record_at.end,
				     st->package_value.start, st->package_value.end };
	source_line_col(st->src, dep->at.name_start, &dep->line, &dep->column);
	struct sv raw = sv_make(text.ptr + st->record_at.start,
				st->record_at.end - st->record_at.start);
	if (raw.len > RAW_MAX)
		for (raw.len = RAW_MAX; raw.len && ((unsigned char)raw.ptr[raw.len] & 0xc0) == 0x80;)
			raw.len--;
	if (!(dep->raw = arena_strndup(st->out->arena, raw)))
		return ERR_NOMEM;
	dep->name = dep->normalized = st->values[K_PACKAGE];
	if (read_requires(st, dep))
		return ERR_NOMEM;
	if (source && strcasecmp(source, "github") == 0)
		dep->ecosystem = ECO_GITHUB;
	else if (source && strcasecmp(source, "gitlab") == 0)
		dep->ecosystem = ECO_GITLAB;
	else if (source && strcasecmp(source, "bitbucket") == 0)
		dep->ecosystem = ECO_BITBUCKET;
	else if (source && strcasecmp(source, "source") == 0)
		dep->ecosystem = ECO_LOCAL;
	else if (source && (strcasecmp(source, "Bioconductor") == 0 ||
			    strncmp(source, "BioC", 4) == 0))
		dep->ecosystem = ECO_BIOC;
	else
		dep->ecosystem = ECO_CRAN;     /* CRAN or a repository named in Repos */
	if (dep->ecosystem == ECO_GITHUB || dep->ecosystem == ECO_GITLAB ||
	    dep->ecosystem == ECO_BITBUCKET)
		return fill_hosted(st, dep);
	if (version && dep->ecosystem != ECO_LOCAL &&
	    !(dep->spec = arena_printf(st->out->arena, "==%s", version)))
		return ERR_NOMEM;
	return 0;
}

/* Repos: NAME=URL, NAME=URL: one option per URL beyond CRAN's own. */
static int
read_repos(struct pr_state *st, const struct dcf_field *f)
{
	size_t i = 0;

	while (i < f->value_len) {
		size_t s = i, e, eq;
		while (i < f->value_len && f->value[i] != ',')
			i++;
		e = i++;
		while (s < e && byte_in(" \t\n", f->value[s]))
			s++;
		while (e > s && byte_in(" \t\n", f->value[e - 1]))
			e--;
		for (eq = s; eq < e && f->value[eq] != '='; eq++)
			;
		s = eq < e ? eq + 1 : s;
		if (s == e)
			continue;
		const char *url = arena_strndup(st->out->arena, sv_make(f->value + s, e - s));
		if (!url)
			return ERR_NOMEM;
		if (rremote_is_main_cran(url))
			continue;
		struct index_option *opt = detect_new_option(st->out);
		if (!opt)
			return ERR_NOMEM;
		opt->kind = OPT_R_REPOS;
		opt->value = opt->raw = url;
		opt->file = st->src->path;
		opt->at = (struct span_ref){ f->at.start, f->at.end, dcf_source_offset(f, s),
					     dcf_source_offset(f, e) };
		source_line_col(st->src, opt->at.name_start, &opt->line, &opt->column);
	}
	return 0;
}

static int
on_field(const struct dcf_field *f, void *payload)
{
	struct pr_state *st = payload;
	int rc;

	if (f->record != st->record) {
		if ((rc = flush(st)))
			return rc;
		memset(st->values, 0, sizeof(st->values));
		st->requires_len = 0;
		st->record = f->record;
		st->any = false;
	}
	if (!st->any)
		st->record_at = f->at;
	st->record_at.end = f->at.end;
	st->any = true;
	if (sv_eq_nocase(f->name, SV_LIT("Repos")))
		return read_repos(st, f);
	for (size_t k = 0; k < K_COUNT; k++) {
		if (!sv_eq_nocase(f->name, sv_from_cstr(key_names[k])))
			continue;
		st->values[k] = f->value;
		if (k == K_REQUIRES)
			st->requires_len = f->value_len;
		if (k == K_PACKAGE)
			st->package_value = f->value_at;
		break;
	}
	return 0;
}

int
detect_packrat_lock(struct detect_out *out, struct source *src,
		    const struct detect_ctx *ctx)
{
	struct pr_state st;
	int rc;

	(void)ctx;
	memset(&st, 0, sizeof(st));
	st.out = out;
	st.src = src;
	rc = dcf_parse(src, out->arena, out->diags, on_field, &st);
	return rc ? rc : flush(&st);
}
