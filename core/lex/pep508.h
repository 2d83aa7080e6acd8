/*
 * PEP 508 dependency specifiers ("requests[socks]>=2.8; python_version<'3.8'"),
 * read the way pip's vendored packaging 21.3 reads them, with canonical
 * renderings that match its str(SpecifierSet) and str(Marker).
 */
#ifndef DEPUTY_LEX_PEP508_H
#define DEPUTY_LEX_PEP508_H

#include <stdbool.h>
#include <stddef.h>

#include "deputy/arena.h"
#include "deputy/diag.h"
#include "deputy/sv.h"

/* Longer input is refused with ERR_LIMIT; so is marker nesting deeper than this. */
#define PEP508_MAX_LEN 65536
#define PEP508_MAX_DEPTH 64
#define PEP508_MAX_ITEMS 4096   /* extras, specifiers or marker terms */

/* Why a parse failed. @offset is a byte offset into the parsed text. */
struct pep508_error {
	int code;               /* ERR_SYNTAX or ERR_LIMIT */
	size_t offset;
	char message[160];      /* lower case, says what was expected */
};

/*
 * One parsed requirement. Strings are in the arena given to pep508_parse();
 * spans are byte offsets into the parsed text.
 */
struct pep508_req {
	struct sv name;                 /* borrowed from the parsed text */
	struct span name_at;
	const char *const *extras;      /* n_extras identifiers, as written */
	size_t n_extras;
	const char *spec;               /* as written without whitespace, in order: ">=1.0,<2" */
	const char *spec_canonical;     /* str(SpecifierSet): sorted, deduplicated: "<2,>=1.0" */
	struct span spec_at;
	const char *url;                /* the URL after "@"; NULL when none */
	struct span url_at;
	const char *marker;             /* as written, trimmed; "" when none */
	const char *marker_canonical;   /* str(Marker): "python_version < \"3\""; "" */
	struct span marker_at;
	/*
	 * packaging 21.3 accepts an operator with no version ("foo==") as a
	 * legacy specifier; we accept it too and point at it so callers can warn.
	 */
	bool empty_version;
	struct span empty_version_at;
	char empty_version_op[4];
};

/*
 * Parses @text as a whole requirement. Returns 0, ERR_SYNTAX or ERR_LIMIT
 * (then @err says where and why), or ERR_NOMEM.
 */
int pep508_parse(struct pep508_req *out, struct arena *arena, struct sv text,
		 struct pep508_error *err);

/*
 * Parses @text as an environment marker alone (pip splits markers off
 * requirement lines itself). *canonical_out is str(Marker) in @arena.
 * Returns 0, ERR_SYNTAX, ERR_LIMIT (see @err) or ERR_NOMEM.
 */
int pep508_parse_marker(const char **canonical_out, struct arena *arena, struct sv text,
			struct pep508_error *err);

/*
 * str(SpecifierSet(@spec)) for comma-separated specifiers @spec: each one
 * stripped, deduplicated, sorted, joined with ','. ERR_SYNTAX when one has
 * no operator.
 */
int pep508_canonical_specifier(const char **out, struct arena *arena, struct sv spec,
			       struct pep508_error *err);

/* True when @name is a PEP 508 name: alphanumerics, with - _ . only inside. */
bool pep508_is_name(struct sv name);

/*
 * The marker variables PEP 508 and packaging accept, the dotted old spellings
 * included, in the order a parser must try them (a name that is a prefix of
 * another comes after it).
 */
extern const char *const pep508_variables[];
extern const size_t pep508_n_variables;

#endif
