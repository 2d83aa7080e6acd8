/*
 * A finding: one rule's verdict on one declaration or option line, with the
 * evidence. Lives in the scan's arena.
 */
#ifndef DEPUTY_DEPUTY_FINDING_H
#define DEPUTY_DEPUTY_FINDING_H

#include <stddef.h>

#include "deputy/dep.h"
#include "deputy/rule.h"

/* Between the steps of a finding's path: " → ". */
#define FINDING_PATH_ARROW " \xe2\x86\x92 "

struct finding {
	const struct rule *rule;
	enum severity severity;
	const struct dep *dep;              /* the declaration, or NULL */
	const struct index_option *option;  /* the option line, or NULL */
	const char *file;
	unsigned line, column;
	struct span_ref at;                 /* name_* is the offending part */
	const char *message;                /* one line, specific */
	const char *imitates;               /* look-alike rules: the imitated package; else NULL */
	int imitates_rank;                  /* its download rank, 0 when unknown */
	const char *technique;              /* look-alike rules: how the name differs; else NULL */
	const char *source;                 /* known-malicious: the report; else NULL */
	const char *report_id;              /* known-malicious: the report's id; else NULL */
	const char *summary;                /* known-malicious: what the report says; else NULL */
	const char *path;                   /* a transitive package: how a declaration pulls it
					       in ("requests → urllib3 → urlib3", steps
					       joined by FINDING_PATH_ARROW); else NULL */
	const char *references;             /* known-malicious: every reference URL, one a
					       line; NULL when none */
};

#endif
