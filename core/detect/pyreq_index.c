/*
 * The package indexes a pyproject.toml names, as option lines: Poetry's
 * [[tool.poetry.source]], uv's [[tool.uv.index]] and its pip-style
 * index-url, extra-index-url and find-links.
 *
 * A source that PyPI can win against is OPT_EXTRA_INDEX_URL: Poetry asks a
 * supplemental (or secondary) source only for what PyPI lacks, and uv with
 * index-strategy = "unsafe-best-match" takes the highest version anywhere.
 * One asked before PyPI (uv's indexes under its default strategy, which
 * stops at the first index that has the package) or only by the packages
 * that name it (Poetry's explicit) is OPT_INDEX_SOURCE.
 */
#include "detect/pyreq_toml.h"

#include <string.h>
#include <strings.h>


/* [[tool.poetry.source]]: primary/default replace PyPI; see the top for the others. */
static int
read_poetry_source(struct pyreq_toml_doc *pp, const struct toml_value *s)
{
	const struct toml_value *url_v, *prio_v;
	const char *name = pyreq_toml_get_string(pp, s, "name", NULL);
	const char *url = pyreq_toml_get_string(pp, s, "url", &url_v);
	const char *priority = pyreq_toml_get_string(pp, s, "priority", &prio_v);
	enum index_option_kind kind = OPT_INDEX_URL;
	int rc;

	if (priority) {
		if (strcmp(priority, "supplemental") == 0 || strcmp(priority, "secondary") == 0)
			kind = OPT_EXTRA_INDEX_URL;
		else if (strcmp(priority, "explicit") == 0)
			kind = OPT_INDEX_SOURCE;
		else if (strcmp(priority, "primary") != 0 && strcmp(priority, "default") != 0)
			diag_add(pp->out->diags, DIAG_WARNING, pp->src,
				 pyreq_toml_span(prio_v, pp->base),
				 "expected priority primary, supplemental or explicit, found '%s'",
				 priority);
	} else if (pyreq_toml_get_bool(s, "secondary")) {
		kind = OPT_EXTRA_INDEX_URL;
	}
	if (!url) {
		/* Poetry names PyPI itself as a source with no url */
		if (!url_v && !(name && strcasecmp(name, "pypi") == 0))
			diag_add(pp->out->diags, DIAG_ERROR, pp->src, pyreq_toml_table_span(pp, s),
				 "expected a url for poetry source '%s'", name ? name : "");
		return 0;
	}
	if ((rc = pyreq_toml_add_index(pp, name, url)))
		return rc;
	return pyreq_toml_add_option(pp, s, url_v, kind);
}

/* uv's kind of an index that does not replace PyPI, by the project's index-strategy. */
static enum index_option_kind
uv_extra_kind(const struct toml_value *root)
{
	const struct toml_value *v = toml_get_path(root, "tool.uv.index-strategy");

	return v && v->kind == TOML_STRING && strcmp(toml_string(v), "unsafe-best-match") == 0 ?
		OPT_EXTRA_INDEX_URL : OPT_INDEX_SOURCE;
}

/* [[tool.uv.index]]: default = true replaces PyPI; explicit ones serve only who names them. */
static int
read_uv_index(struct pyreq_toml_doc *pp, const struct toml_value *s)
{
	const struct toml_value *url_v;
	const char *name = pyreq_toml_get_string(pp, s, "name", NULL);
	const char *url = pyreq_toml_get_string(pp, s, "url", &url_v);
	int rc;

	if (!url) {
		if (!url_v)
			diag_add(pp->out->diags, DIAG_ERROR, pp->src, pyreq_toml_table_span(pp, s),
				 "expected a url for uv index '%s'", name ? name : "");
		return 0;
	}
	if ((rc = pyreq_toml_add_index(pp, name, url)))
		return rc;
	return pyreq_toml_add_option(pp, s, url_v,
				pyreq_toml_get_bool(s, "default") ? OPT_INDEX_URL :
				pyreq_toml_get_bool(s, "explicit") ? OPT_INDEX_SOURCE : pp->uv_extra);
}

static int
read_index_tables(struct pyreq_toml_doc *pp, const struct toml_value *list, const char *where,
		  int (*read)(struct pyreq_toml_doc *, const struct toml_value *))
{
	int rc;

	if (!list)
		return 0;
	if (list->kind != TOML_ARRAY) {
		pyreq_toml_expected(pp, list, "an array of tables", where);
		return 0;
	}
	for (size_t i = 0; i < toml_array_len(list); i++) {
		const struct toml_value *s = toml_array_at(list, i);
		if (s->kind != TOML_TABLE)
			pyreq_toml_expected(pp, s, "a table", where);
		else if ((rc = read(pp, s)))
			return rc;
	}
	return 0;
}

/* [tool.uv] index-url, extra-index-url, find-links: pip's options spelled in TOML. */
static int
read_uv_pip_options(struct pyreq_toml_doc *pp, const struct toml_value *uv)
{
	const struct {
		const char *key;
		enum index_option_kind kind;
	} keys[] = {
		{ "index-url", OPT_INDEX_URL },
		{ "extra-index-url", pp->uv_extra },
		{ "find-links", OPT_FIND_LINKS },
	};
	int rc;

	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		const struct toml_value *v = toml_table_get(uv, keys[k].key);
		size_t n = v && v->kind == TOML_ARRAY ? toml_array_len(v) : 1;
		for (size_t i = 0; v && i < n; i++) {
			const struct toml_value *url = v->kind == TOML_ARRAY ? toml_array_at(v, i) : v;
			if (url->kind != TOML_STRING) {
				pyreq_toml_expected(pp, url, "a url", keys[k].key);
				continue;
			}
			if ((rc = pyreq_toml_add_option(pp, url, url, keys[k].kind)))
				return rc;
		}
	}
	return 0;
}

int
pyreq_index_read(struct pyreq_toml_doc *pp, const struct toml_value *root)
{
	int rc;

	pp->uv_extra = uv_extra_kind(root);
	if ((rc = read_index_tables(pp, toml_get_path(root, "tool.poetry.source"),
				    "tool.poetry.source", read_poetry_source)) ||
	    (rc = read_index_tables(pp, toml_get_path(root, "tool.uv.index"), "tool.uv.index",
				    read_uv_index)))
		return rc;
	return read_uv_pip_options(pp, toml_get_path(root, "tool.uv"));
}
