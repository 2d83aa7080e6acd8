/*
 * insecure-url: a package, repository, index or find-links location reached
 * over a scheme without TLS (http, ftp, the git protocol).
 */
#include "rules/checks.h"

#include <strings.h>
#include <string.h>

/*
 * The scheme of @url when it carries no encryption, else NULL. A VCS prefix
 * ("git+", "hg+", ...) is looked through; case does not matter.
 */
static const char *
insecure_scheme(const char *url)
{
	static const char *const schemes[] = { "http", "ftp", "git", NULL };
	const char *s = url;
	const char *colon = strstr(s, "://");
	const char *plus;

	if (!colon)
		return NULL;
	plus = memchr(s, '+', (size_t)(colon - s));
	if (plus)
		s = plus + 1;
	for (size_t i = 0; schemes[i]; i++) {
		size_t n = strlen(schemes[i]);
		if ((size_t)(colon - s) == n && strncasecmp(s, schemes[i], n) == 0)
			return schemes[i];
	}
	return NULL;
}

void
insecure_url_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep)
{
	const char *scheme;

	if (!dep->url || dep->ecosystem == ECO_LOCAL)
		return;
	if (dep->kind == DEP_REMOTE_SOURCE)
		return;         /* remote-source reports it, at severity critical */
	scheme = insecure_scheme(dep->url);
	if (!scheme)
		return;
	if (dep->n_hashes > 0) {
		/* the rule's own fix: a rewritten file no longer matches */
		struct finding *f = rule_report(
			ctx, rule, dep, NULL,
			"%s is fetched from %s over %s://; its hash makes pip refuse a rewritten "
			"file, so someone on the network path can stop the install but not change "
			"it", dep_label_or(dep, "a package"), dep->url, scheme);
		if (f)
			f->severity = SEV_LOW;
		return;
	}
	rule_report(ctx, rule, dep, NULL,
		    "%s is fetched from %s over %s://, which anyone on the network path can "
		    "rewrite", dep_label_or(dep, "a package"), dep->url, scheme);
}

void
insecure_url_check_option(const struct rule *rule, struct rule_ctx *ctx,
			  const struct index_option *opt)
{
	const char *scheme;

	if (opt->kind != OPT_INDEX_URL && opt->kind != OPT_EXTRA_INDEX_URL &&
	    opt->kind != OPT_INDEX_SOURCE && opt->kind != OPT_FIND_LINKS &&
	    opt->kind != OPT_R_REPOS)
		return;
	if (!opt->value || !(scheme = insecure_scheme(opt->value)))
		return;
	if (opt->kind == OPT_R_REPOS) {
		rule_report(ctx, rule, NULL, opt,
			    "the R repository %s is reached over %s://, so anyone on the network "
			    "path can serve other packages", opt->value, scheme);
		return;
	}
	rule_report(ctx, rule, NULL, opt,
		    "%s %s is reached over %s://, so anyone on the network path can serve "
		    "other packages", index_option_str(opt->kind), opt->value, scheme);
}
