/* unhashed-lock: a lock file entry from an index with no hash of its files. */
#include "rules/checks.h"

void
unhashed_lock_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep)
{
	/* R's renv.lock records a hash of DESCRIPTION, not of the archive. */
	if (dep->kind != DEP_LOCK || dep->language != LANG_PYTHON || dep->n_hashes > 0)
		return;
	if (dep->ecosystem != ECO_PYPI)
		return;     /* git entries are pinned by commit (mutable-ref), paths are local */
	rule_report(ctx, rule, dep, NULL,
		    "%s%s%s is locked without a hash: a different file under that version would "
		    "be installed unnoticed", dep->name, dep->spec[0] ? " " : "", dep->spec);
}
