/*
 * remote-source: R code executed straight from a URL (source("https://..."),
 * source_url, source_gist, eval(parse(text = readLines(url)))). Critical
 * when the URL travels unencrypted, is a gist or hides behind a shortener.
 */
#include "rules/checks.h"

#include <string.h>
#include <strings.h>

/* URL shorteners: the address shown says nothing of where the code is. */
static const char *const shorteners[] = {
	"bit.ly", "bitly.com", "buff.ly", "cutt.ly", "git.io", "goo.gl", "is.gd", "ow.ly",
	"rb.gy", "rebrand.ly", "s.id", "shorturl.at", "t.co", "t.ly", "tiny.cc",
	"tinyurl.com", "v.gd", NULL,
};

static bool
is_shortener(const char *host)
{
	for (size_t i = 0; shorteners[i]; i++)
		if (rules_host_is(host, shorteners[i]))
			return true;
	return false;
}

void
remote_source_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep)
{
	const char *url = dep->url;
	char host[256];
	struct finding *f;

	if (dep->kind != DEP_REMOTE_SOURCE || dep->language == LANG_SHELL)
		return;     /* a download piped into a shell is curl-pipe-shell's */
	if (!url || !url[0]) {
		rule_report(ctx, rule, dep, NULL,
			    "runs code from a URL computed at run time (%s): deputy cannot see "
			    "what it fetches", dep->name && dep->name[0] ? dep->name : "unknown");
		return;
	}
	rules_url_host(host, sizeof(host), url);
	if (strncasecmp(url, "http://", 7) == 0 || strncasecmp(url, "ftp://", 6) == 0)
		f = rule_report(ctx, rule, dep, NULL,
				"runs code fetched from %s without encryption: anyone on the "
				"network path can replace it", url);
	else if (rules_host_is(host, "gist.github.com") ||
		 rules_host_is(host, "gist.githubusercontent.com"))
		f = rule_report(ctx, rule, dep, NULL,
				"runs code from the gist %s: a gist is a personal paste that its "
				"owner can edit at any time, without review or release", url);
	else if (is_shortener(host))
		f = rule_report(ctx, rule, dep, NULL,
				"runs code from %s, a shortened URL: where it leads is decided "
				"by whoever controls the short link, and can change", url);
	else {
		rule_report(ctx, rule, dep, NULL,
			    "runs code fetched from %s every time it runs: whatever that "
			    "address serves then is executed", url);
		return;
	}
	if (f)
		f->severity = SEV_CRITICAL;
}
