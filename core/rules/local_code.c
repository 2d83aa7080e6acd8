/*
 * local-code: a Python declaration that installs a local path (-e ., ./pkg,
 * a file in the repository). Issue #5: such lines are local code, worth an
 * info note, never "unpinned".
 */
#include "rules/checks.h"

void
local_code_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep)
{
	if (dep->ecosystem != ECO_LOCAL || dep->language != LANG_PYTHON)
		return;
	if (dep->kind == DEP_DOCUMENTATION || dep->kind == DEP_LOCK)
		return;     /* a lock's own project entry, a README's example */
	rule_report(ctx, rule, dep, NULL,
		    "installs the code at %s%s: a local path, not a published release",
		    dep_label_or(dep, "a local path"), dep->editable ? " (editable)" : "");
}
