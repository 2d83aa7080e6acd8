/*
 * untrusted-source: a package source declared in a manifest or lock file
 * (Poetry, uv and Pipfile sources, conda channels) that is not the public
 * default, or that is reached without TLS checks.
 */
#include "rules/checks.h"

#include <string.h>
#include <strings.h>


bool
rules_declares_sources(const char *path)
{
	static const char *const names[] = {
		"pyproject.toml", "Pipfile", "Pipfile.lock", "poetry.lock", "uv.lock", "pdm.lock",
		"environment.yml", "environment.yaml",
	};
	const char *base = rules_basename(path);

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(base, names[i]) == 0)
			return true;
	return false;
}

static bool
is_public_default(const char *value)
{
	static const char *const publics[] = {
		/* PyPI */
		"https://pypi.org/simple", "https://pypi.org/simple/", "https://pypi.org/pypi",
		"https://pypi.python.org/simple", "https://pypi.python.org/simple/",
		"https://files.pythonhosted.org",
		/* conda's public channels, by name and by URL */
		"defaults", "conda-forge", "bioconda", "main", "r", "nodefaults",
		"https://conda.anaconda.org/conda-forge", "https://repo.anaconda.com/pkgs/main",
	};

	for (size_t i = 0; i < sizeof(publics) / sizeof(publics[0]); i++)
		if (strcasecmp(value, publics[i]) == 0)
			return true;
	return false;
}

void
untrusted_source_check_option(const struct rule *rule, struct rule_ctx *ctx,
			      const struct index_option *opt)
{
	struct finding *f;

	if (!rules_declares_sources(opt->file))
		return;
	if (opt->kind == OPT_TRUSTED_HOST) {
		f = rule_report(ctx, rule, NULL, opt,
				"source %s is used with certificate checks turned off "
				"(verify_ssl = false)", opt->value);
		if (f)
			f->severity = SEV_HIGH;
		return;
	}
	if (opt->kind != OPT_INDEX_URL && opt->kind != OPT_EXTRA_INDEX_URL &&
	    opt->kind != OPT_INDEX_SOURCE)
		return;
	if (strncasecmp(opt->value, "http://", 7) == 0) {
		f = rule_report(ctx, rule, NULL, opt,
				"source %s is reached over http://: anyone on the network path can "
				"answer for it", opt->value);
		if (f)
			f->severity = SEV_HIGH;
		return;
	}
	if (is_public_default(opt->value))
		return;
	rule_report(ctx, rule, NULL, opt,
		    "source %s is not the public default: it can serve any package under "
		    "the names it is asked for", opt->value);
}
