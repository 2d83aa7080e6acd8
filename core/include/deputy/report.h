/*
 * Non-interactive reports of a finished scan: text for people, JSON for
 * machines (docs/json-output.md). Repository text in the text report goes
 * through escape_text(); JSON escapes by its own rules. With a review
 * (deputy/review.h), each finding says its decision and the decisions that
 * match nothing are listed.
 */
#ifndef DEPUTY_DEPUTY_REPORT_H
#define DEPUTY_DEPUTY_REPORT_H

#include <stdio.h>

#include "deputy/review.h"
#include "deputy/rule.h"
#include "deputy/scan.h"

/* The version of the JSON document's shape; later versions only extend it. */
#define REPORT_JSON_SCHEMA_VERSION 1

/* Each returns 0, ERR_NOMEM or ERR_IO (a write failed). */
int report_text(FILE *out, const struct scan *scan);
int report_json(FILE *out, const struct scan *scan);
/*
 * The same with @review's decisions (@review may be NULL: no decisions).
 * @ascii: deputy's own signs in ASCII (its arrow as "->"), for a locale that
 * is not UTF-8, where the caller makes the rest ASCII with escape_ascii().
 */
int report_text_reviewed(FILE *out, const struct scan *scan, const struct review *review,
			 bool ascii);
int report_json_reviewed(FILE *out, const struct scan *scan, const struct review *review);

/* Writes rule @rule's explanation (for `deputy explain RULE`). */
int report_rule(FILE *out, const struct rule *rule);
/* Lists every rule, one a line (for `deputy explain`). */
int report_rule_list(FILE *out);

/* Number of findings at or above @threshold. */
size_t report_count_at_least(const struct scan *scan, enum severity threshold);
/* The same, leaving out the findings an acceptance in @review excuses (NULL: none). */
size_t report_count_failing(const struct scan *scan, const struct review *review,
			    enum severity threshold);

#endif
