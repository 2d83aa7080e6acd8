/*
 * extra-index: an index that races PyPI (dependency confusion) and
 * --trusted-host (no certificate checks for that host). A source asked
 * before PyPI or only by name (OPT_INDEX_SOURCE: conda channels, uv
 * indexes, Poetry explicit sources) races nothing and is not reported.
 */
#include "rules/checks.h"

void
extra_index_check_option(const struct rule *rule, struct rule_ctx *ctx,
			 const struct index_option *opt)
{
	struct finding *f;
	const char *value = opt->value ? opt->value : "";

	if (opt->kind == OPT_EXTRA_INDEX_URL && rules_url_is_pypi(value))
		return;         /* PyPI beside PyPI: nothing races it */
	if (opt->kind == OPT_EXTRA_INDEX_URL && rules_declares_sources(opt->file)) {
		rule_report(ctx, rule, NULL, opt,
			    "source %s is searched beside PyPI, so a public upload under the "
			    "name of a package it serves can be installed in its place", value);
	} else if (opt->kind == OPT_EXTRA_INDEX_URL) {
		rule_report(ctx, rule, NULL, opt,
			    "--extra-index-url %s: pip takes the highest version from this "
			    "index or PyPI, so a public upload can replace a private package",
			    value);
	} else if (opt->kind == OPT_TRUSTED_HOST && !rules_declares_sources(opt->file)) {
		/* (a declared source's verify_ssl = false is untrusted-source's) */
		f = rule_report(ctx, rule, NULL, opt,
				"--trusted-host %s turns off certificate checks for that host",
				value);
		if (f)
			f->severity = SEV_MEDIUM;
	}
}
