/*
 * base-shadow: an install of a package that ships with R itself (base and
 * recommended packages), from a registry or a repository.
 */
#include "rules/checks.h"

#include <string.h>

#include "intel/intel.h"

/* The package name an install names, or NULL for what installs no named package. */
static const char *
installed_name(struct rule_ctx *ctx, const struct dep *dep)
{
	if (dep->dynamic)
		return NULL;
	if (dep->ecosystem == ECO_CRAN || dep->ecosystem == ECO_BIOC)
		return dep->kind == DEP_INSTALL_COMMAND ? dep->name : NULL;
	if (!rules_is_hosted(dep) && dep->ecosystem != ECO_VCS)
		return NULL;
	/* Remotes: in a DESCRIPTION, a lock entry, an install: all install. */
	if (dep->kind != DEP_INSTALL_COMMAND && dep->kind != DEP_MANIFEST &&
	    dep->kind != DEP_LOCK)
		return NULL;
	return rules_r_package(ctx, dep);
}

void
base_shadow_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep)
{
	const char *name, *base;
	bool recommended = false;

	if (dep->language != LANG_R || !(name = installed_name(ctx, dep)) || !name[0])
		return;
	base = intel_r_base_package(ctx->intel, name, &recommended);
	if (!base)
		return;
	if (!recommended) {
		rule_report(ctx, rule, dep, NULL,
			    "%s is part of R itself and is never installed: what answers to "
			    "that name elsewhere is not R's %s", name, base);
		return;
	}
	if (strcmp(name, base) != 0) {
		rule_report(ctx, rule, dep, NULL,
			    "%s differs from R's recommended package %s only in letter case: R's "
			    "package names are case-sensitive, so this installs whatever a "
			    "repository serves under that other name", name, base);
		return;
	}
	if ((dep->ecosystem == ECO_CRAN || dep->ecosystem == ECO_BIOC) &&
	    (!dep->index_url || rules_r_repo_is_standard(ctx->intel, dep->index_url))) {
		/*
		 * CRAN does publish the recommended packages, so this is an update
		 * rather than an impostor; issue #4 still wants it reported at the
		 * rule's severity ("from anywhere"): R's copy is replaced for every
		 * script on the machine, outside the upgrade of R that tested it.
		 */
		rule_report(ctx, rule, dep, NULL,
			    "%s is a recommended package that ships with R; installing it %s "
			    "replaces R's copy for every script on the machine, which is "
			    "rarely needed", name,
			    dep->ecosystem == ECO_BIOC ? "with BiocManager" : "from CRAN");
		return;
	}
	rule_report(ctx, rule, dep, NULL,
		    "%s ships with R as the recommended package %s; this installs another "
		    "copy from %s, which replaces R's for every script on the machine",
		    name, base, dep->index_url ? dep->index_url : dep->name);
}
