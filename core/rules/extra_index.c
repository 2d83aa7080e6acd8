/*
 * extra-index: --extra-index-url (dependency confusion) and --trusted-host
 * (no certificate checks for that host).
 */
#include "rules/checks.h"

void
extra_index_check_option(const struct rule *rule, struct rule_ctx *ctx,
			 const struct index_option *opt)
{
	struct finding *f;

	if (opt->kind == OPT_EXTRA_INDEX_URL) {
		rule_report(ctx, rule, NULL, opt,
			    "--extra-index-url %s: pip takes the highest version from this "
			    "index or PyPI, so a public upload can replace a private package",
			    opt->value ? opt->value : "");
	} else if (opt->kind == OPT_TRUSTED_HOST) {
		f = rule_report(ctx, rule, NULL, opt,
				"--trusted-host %s turns off certificate checks for that host",
				opt->value ? opt->value : "");
		if (f)
			f->severity = SEV_MEDIUM;
	}
}
