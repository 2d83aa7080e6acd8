/*
 * The rule catalog: one table feeds `deputy explain`, the TUI and every report.
 * Ids never change; texts may improve.
 */
#ifndef DEPUTY_DEPUTY_RULE_H
#define DEPUTY_DEPUTY_RULE_H

#include <stdbool.h>
#include <stddef.h>

#include "deputy/dep.h"

enum severity {
	SEV_INFO,
	SEV_LOW,
	SEV_MEDIUM,
	SEV_HIGH,
	SEV_CRITICAL,
};
#define SEV_COUNT 5

const char *severity_str(enum severity sev);     /* "info" ... "critical" */
/* Parses "info".."critical" (case-insensitive) into @out. 0 or ERR_USAGE. */
int severity_parse(enum severity *out, const char *s);

struct rule_ctx;
struct rule;

/* Looks at one declaration and reports findings through rule_report(). */
typedef void (*rule_dep_fn)(const struct rule *rule, struct rule_ctx *ctx,
			    const struct dep *dep);
/* Looks at one index option line. */
typedef void (*rule_option_fn)(const struct rule *rule, struct rule_ctx *ctx,
			       const struct index_option *opt);

struct rule {
	const char *id;             /* stable: "typosquat" */
	enum severity severity;     /* default severity */
	const char *title;          /* one line */
	const char *why;            /* teaching explanation, several sentences */
	const char *fix;            /* remediation */
	const char *incident;       /* the real incident behind the rule, as reported */
	const char *check;          /* how to check a finding by hand */
	const char *const *refs;    /* NULL-terminated */
	rule_dep_fn check_dep;      /* may be NULL */
	rule_option_fn check_option;  /* may be NULL */
};

/* The catalog, in a stable order. */
const struct rule *rule_catalog(size_t *count);
/* The rule with @id, or NULL. */
const struct rule *rule_find(const char *id);

#endif
