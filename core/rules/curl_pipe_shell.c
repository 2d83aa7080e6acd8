/*
 * curl-pipe-shell: `curl URL | sh` and its kin in scripts, Dockerfiles and CI,
 * found by core/lex/shcmd.c as LANG_SHELL remote-source declarations.
 */
#include "rules/checks.h"

void
curl_pipe_shell_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep)
{
	if (dep->kind != DEP_REMOTE_SOURCE || dep->language != LANG_SHELL)
		return;
	rule_report(ctx, rule, dep, NULL, "runs %s in a shell as it downloads, unread",
		    dep->url && dep->url[0] ? dep->url : "a download");
}
