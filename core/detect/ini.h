/*
 * INI files read the way Python 3.11's configparser.ConfigParser() reads a
 * file opened with io.open(path, encoding="utf-8"), with the parser's
 * defaults: "=" and ":" delimiters, "#" and ";" comments on whole lines only,
 * strict (a section or option written twice is an error), blank lines kept in
 * values, a [DEFAULT] section whose options every section sees, and "%"
 * interpolation (BasicInterpolation). The grammar is in ini.c.
 */
#ifndef DEPUTY_DETECT_INI_H
#define DEPUTY_DETECT_INI_H

#include <stdbool.h>
#include <stddef.h>

#include "deputy/diag.h"
#include "deputy/hash_index.h"
#include "deputy/mapped_text.h"
#include "deputy/sv.h"

#define INI_DEFAULT 0          /* the index of [DEFAULT], written or not */
#define INI_MAX_DEPTH 10       /* configparser's MAX_INTERPOLATION_DEPTH */
#define INI_NONE ((size_t)-1)

/* A line of a value without its indentation and trailing white space ("" when blank). */
struct ini_line {
	struct sv text;          /* borrowed from the source */
	size_t at;               /* file offset of the text (of the line's start when blank) */
};

struct ini_option {
	struct sv key;           /* as configparser keeps it (optionxform = str) */
	size_t key_at;
	unsigned line_number;    /* of the key */
	size_t section;
	size_t line, n_lines;    /* the value: lines[line .. line + n_lines), joined with "\n";
				  * the first is what follows the delimiter; blank lines at
				  * the end are dropped (configparser's rstrip()) */
	bool percent;            /* the value holds a '%', so get() interpolates it */
	bool replaced;           /* written again later in its section (an error) */
};

struct ini_section {
	struct sv name;          /* "DEFAULT" for INI_DEFAULT */
	size_t at;               /* of the name; INI_NONE for a [DEFAULT] never written */
	unsigned line_number;    /* of the name, where written */
	size_t *options;         /* heap: indexes into ini.options in file order, the
				  * replaced ones left out */
	size_t n_options, cap_options;
};

/* A parsed file. Arrays are heap, freed by ini_release(); texts are borrowed from the source. */
struct ini {
	struct source *src;
	struct diags *diags;
	struct ini_section *sections;   /* [INI_DEFAULT], then the others in file order */
	size_t n_sections, cap_sections;
	struct ini_option *options;
	size_t n_options, cap_options;
	struct ini_line *lines;
	size_t n_lines, cap_lines;
	struct hash_index section_index;   /* by name; [DEFAULT] is never found */
	struct hash_index option_index;    /* by section and key; a replaced one is never found */
};

/*
 * Reads @src into @ini. Each problem configparser raises an error for (bytes
 * that are not UTF-8, a line before the first section header, a line that is
 * neither header, option nor continuation, an empty option name, a section
 * or an option written twice) is an error diagnostic in @diags, and reading
 * goes on. Returns 0 or ERR_NOMEM; either way call ini_release().
 */
int ini_parse(struct ini *ini, struct source *src, struct diags *diags);
void ini_release(struct ini *ini);

/* The option @key of @section itself (not of [DEFAULT]), or NULL. */
const struct ini_option *ini_find(const struct ini *ini, size_t section, struct sv key);
/* The option get(@section, @key) reads: the section's own, else [DEFAULT]'s; or NULL. */
const struct ini_option *ini_lookup(const struct ini *ini, size_t section, struct sv key);

/*
 * Calls @fn for each option configparser's options(@section) lists, in its
 * order: the section's own, then those of [DEFAULT] it does not override.
 * A nonzero return from @fn stops the walk and is returned.
 */
typedef int (*ini_option_fn)(const struct ini_option *opt, void *payload);
int ini_each_option(const struct ini *ini, size_t section, ini_option_fn fn, void *payload);

/*
 * Appends the value of @opt as written (no interpolation) to @out, each byte
 * mapped to its file offset. Returns 0 or ERR_NOMEM.
 */
int ini_raw_value(const struct ini *ini, struct mapped_text *out, const struct ini_option *opt);

/*
 * What get(@section, key of @opt) returns: the value with "%%" and
 * "%(name)s" interpolated, names looked up in @section then [DEFAULT], each
 * byte mapped to the file offset it was read from. Returns 0; ERR_SYNTAX when
 * configparser raises an interpolation error (ini_check() reports it); or
 * ERR_LIMIT, with a warning, when the expansion passes deputy's limits; or
 * ERR_NOMEM.
 */
int ini_get(struct ini *ini, struct mapped_text *out, size_t section, const struct ini_option *opt);

/* Whether the caller of get() leaves the option @key out (setuptools skips "__name__"). */
typedef bool (*ini_skip_fn)(struct sv key, void *payload);

/*
 * An error diagnostic for each interpolation error configparser raises when
 * get() is called for every option of every section, but those @skip (may be
 * NULL) leaves out, as setuptools does: a '%' followed by neither '%' nor
 * "(name)s", a name that neither the section nor [DEFAULT] holds, references
 * nested deeper than INI_MAX_DEPTH (told once). Past a limit of work (many
 * sections reading a large [DEFAULT]) it stops with a warning. Returns 0 or
 * ERR_NOMEM.
 */
int ini_check(struct ini *ini, ini_skip_fn skip, void *payload);

#endif
