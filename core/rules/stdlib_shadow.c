/*
 * stdlib-shadow: a PyPI requirement for a name that is a standard-library
 * module, or a name people type for one (telnet, bzip, urllib2).
 */
#include "rules/checks.h"

#include <stdio.h>
#include <string.h>

#include "intel/intel.h"
#include "resolve/marker.h"

/* The newest CPython 3 minor release a marker is tried on. */
#define PYTHON3_LAST_MINOR 30

/* Where a marker is tried: the platforms and interpreters wheels are built for. */
struct platform {
	const char *os_name, *sys_platform, *platform_system, *platform_machine;
};

static const struct platform platforms[] = {
	{ "posix", "linux", "Linux", "x86_64" },
	{ "posix", "linux", "Linux", "aarch64" },
	{ "nt", "win32", "Windows", "AMD64" },
	{ "posix", "darwin", "Darwin", "arm64" },
	{ "posix", "darwin", "Darwin", "x86_64" },
};

/* @marker holds somewhere on CPython or PyPy 3.@minor (or cannot be told). */
static bool
may_hold_on(const char *marker, int minor)
{
	char version[16], full[16];
	struct marker_env env;
	bool holds;

	snprintf(version, sizeof(version), "3.%d", minor);
	snprintf(full, sizeof(full), "3.%d.0", minor);
	for (size_t i = 0; i < sizeof(platforms) / sizeof(platforms[0]); i++)
		for (int pypy = 0; pypy < 2; pypy++) {
			marker_env_init_linux(&env, version, full);
			env.os_name = platforms[i].os_name;
			env.sys_platform = platforms[i].sys_platform;
			env.platform_system = platforms[i].platform_system;
			env.platform_machine = platforms[i].platform_machine;
			if (pypy) {
				env.implementation_name = "pypy";
				env.implementation_version = "7.3.17";
				env.platform_python_implementation = "PyPy";
			}
			if (marker_evaluate(&holds, &env, sv_from_cstr(marker), NULL, 0) != 0 || holds)
				return true;
		}
	return false;
}

/*
 * A backport kept behind a marker that no Python with the module meets
 * (`dataclasses; python_version < "3.7"`): exactly what the rule's fix asks
 * for. A marker naming an extra is left alone: which extras are asked for is
 * not known here, and an extra's requirement is installed on any Python.
 */
static bool
guarded_backport(const struct intel *intel, const struct dep *dep)
{
	int since = intel_stdlib_since(intel, dep->normalized);

	if (since < 0 || !dep->marker || !dep->marker[0] || strstr(dep->marker, "extra"))
		return false;
	for (int minor = since; minor <= PYTHON3_LAST_MINOR; minor++)
		if (may_hold_on(dep->marker, minor))
			return false;
	return true;
}

void
stdlib_shadow_check(const struct rule *rule, struct rule_ctx *ctx, const struct dep *dep)
{
	const char *module;
	struct finding *f;
	int rank;

	if (dep->language == LANG_R)
		return;         /* R's own packages: base-shadow */
	if (dep->ecosystem != ECO_PYPI || !rules_dep_has_registry_name(dep))
		return;
	if (dep->kind == DEP_LIBRARY_CALL)
		return;         /* importing a standard module is what it is for */
	module = intel_stdlib_module(ctx->intel, dep->normalized);
	if (!module)
		return;
	rank = intel_pypi_rank(ctx->intel, dep->normalized);
	if (rank > 0 && guarded_backport(ctx->intel, dep))
		return;
	if (rank > 0) {
		/*
		 * A popular project of that name: a backport (dataclasses, typing)
		 * or an unrelated project (Zope's DateTime). People install it on
		 * purpose; say so quietly rather than cry wolf.
		 */
		f = rule_report(ctx, rule, dep, NULL,
				"%s is also the standard-library module %s; the PyPI project of "
				"that name (download rank %d) is a backport or another package, "
				"likely unneeded on current Python", dep->name, module, rank);
		if (f)
			f->severity = SEV_INFO;
	} else if (strcmp(module, dep->name) == 0 ||
		   strcmp(dep->normalized, module) == 0) {
		f = rule_report(ctx, rule, dep, NULL,
				"%s is a standard-library module and needs no installation; "
				"PyPI would install whatever was uploaded under that name",
				dep->name);
	} else {
		f = rule_report(ctx, rule, dep, NULL,
				"%s names the standard-library module %s, which needs no "
				"installation; PyPI would install whatever was uploaded under "
				"that name", dep->name, module);
	}
	if (!f)
		return;
	f->imitates = module;
	f->imitates_rank = rank;
}
