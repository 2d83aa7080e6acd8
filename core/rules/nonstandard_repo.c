/*
 * nonstandard-repo: an R package repository (install.packages(repos =),
 * Additional_repositories, drat::addRepo) outside CRAN, Bioconductor,
 * R-universe and Posit Package Manager.
 */
#include "rules/checks.h"

#include <string.h>
#include <strings.h>

#include "intel/intel.h"

/* Hosts (and their subdomains) of the repositories R users are pointed to. */
static const char *const standard_hosts[] = {
	"r-project.org",                /* CRAN and its cloud mirror */
	"cran.rstudio.com",             /* CRAN's mirror run by Posit */
	"bioconductor.org",
	"r-universe.dev",
	"packagemanager.posit.co",      /* Posit Public Package Manager */
	"packagemanager.rstudio.com",   /* its former name */
	"p3m.dev",                      /* its short name since 2023 */
	NULL,
};

bool
rules_r_repo_is_standard(const struct intel *intel, const char *url)
{
	char host[256];

	if (strstr(url, "@CRAN@") || strstr(url, "getOption(\"repos\")") ||
	    strstr(url, "getOption('repos')"))
		return true;
	rules_url_host(host, sizeof(host), url);
	if (!host[0])
		return false;
	for (size_t i = 0; standard_hosts[i]; i++)
		if (rules_host_is(host, standard_hosts[i]))
			return true;
	return intel_cran_is_mirror(intel, url);
}

void
nonstandard_repo_check_option(const struct rule *rule, struct rule_ctx *ctx,
			      const struct index_option *opt)
{
	char host[256];

	if (opt->kind != OPT_R_REPOS || !opt->value || !opt->value[0])
		return;
	if (rules_r_repo_is_standard(ctx->intel, opt->value))
		return;
	rules_url_host(host, sizeof(host), opt->value);
	if (rules_host_is(host, "github.io"))
		rule_report(ctx, rule, NULL, opt,
			    "%s is a repository on GitHub Pages (drat): its packages are "
			    "whatever the account's owner publishes there, unreviewed", opt->value);
	else if (!host[0])
		rule_report(ctx, rule, NULL, opt,
			    "%s is not a CRAN, Bioconductor, R-universe or Posit repository: "
			    "packages come from a local or computed location deputy cannot "
			    "check", opt->value);
	else
		rule_report(ctx, rule, NULL, opt,
			    "%s is not a CRAN, Bioconductor, R-universe or Posit repository: "
			    "its packages come from whoever runs %s, and can shadow CRAN's",
			    opt->value, host);
}
