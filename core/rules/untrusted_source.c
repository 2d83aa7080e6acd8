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

/* @value, without @prefix, is one of @names (NULL-terminated); case-blind. */
static bool
one_of(struct sv value, const char *prefix, const char *const *names)
{
	size_t n = strlen(prefix);

	if (value.len < n || strncasecmp(value.ptr, prefix, n) != 0)
		return false;
	value = sv_tail(value, n);
	for (size_t i = 0; names[i]; i++)
		if (value.len == strlen(names[i]) && strncasecmp(value.ptr, names[i], value.len) == 0)
			return true;
	return false;
}

/* conda's public channels: by name, on anaconda.org, or Anaconda's own (pkgs/main ...) */
static bool
is_public_channel(struct sv value)
{
	static const char *const names[] = {
		"defaults", "conda-forge", "bioconda", "main", "r", "free", "msys2", "nodefaults",
		NULL,
	};
	static const char *const community[] = { "conda-forge", "bioconda", NULL };
	static const char *const anaconda[] = { "main", "r", "free", "msys2", NULL };

	while (value.len > 0 && value.ptr[value.len - 1] == '/')
		value.len--;
	return one_of(value, "", names) ||
	       one_of(value, "https://conda.anaconda.org/", community) ||
	       one_of(value, "https://repo.anaconda.com/pkgs/", anaconda);
}

static bool
is_public_default(const char *value)
{
	return rules_url_is_pypi(value) || is_public_channel(sv_from_cstr(value));
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
