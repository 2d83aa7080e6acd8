/*
 * Reading config.json: an object of known keys (strings, the "filters"
 * object, the "keys" object). The file is the user's own, but it is still
 * read defensively: a size cap, cJSON's parser, and every problem turned
 * into a warning rather than a refusal.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <curses.h>
#include <cjson/cJSON.h>

#include "deputy/array.h"
#include "deputy/diag.h"

#include "deputy/escape.h"
#include "deputy/strbuf.h"
#include "output.h"

#define CONFIG_MAX_SIZE (1024 * 1024)

/* The names "keys" takes (action.h), without linking the key table. */
static const char *const action_names[] = {
#define X(id, name, help) name,
	ACTIONS(X)
#undef X
};

/* The file's path, from XDG_CONFIG_HOME (when absolute) or HOME; NULL when neither. */
static char *
config_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	const char *base, *rest;
	char *path;
	size_t len;

	if (xdg && xdg[0] == '/') {
		base = xdg;
		rest = "/deputy/config.json";
	} else if (home && home[0] == '/') {
		base = home;
		rest = "/.config/deputy/config.json";
	} else {
		return NULL;
	}
	len = strlen(base) + strlen(rest) + 1;
	path = malloc(len);
	if (path)
		snprintf(path, len, "%s%s", base, rest);
	return path;
}

/* The whole file into a NUL-terminated heap buffer; NULL with @why set on failure. */
static char *
read_small_file(const char *path, const char **why)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	char *text = NULL;
	size_t n;

	if (!f) {
		*why = strerror(errno);
		return NULL;
	}
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		*why = "not a regular file";
	} else if (st.st_size > CONFIG_MAX_SIZE) {
		*why = "larger than 1 MB";
	} else if (!(text = malloc((size_t)st.st_size + 1))) {
		*why = "out of memory";
	} else {
		n = fread(text, 1, (size_t)st.st_size, f);
		text[n] = '\0';
	}
	fclose(f);
	return text;
}

/* The line of @at within @text, for a message. */
static unsigned
line_of(const char *text, const char *at)
{
	unsigned line = 1;

	for (; text < at && *text; text++)
		line += *text == '\n';
	return line;
}

/* Reports that key @key of @path was ignored, the key shown safely. */
static void
warn_key(FILE *warn, const char *path, const char *key, const char *why)
{
	output_say(warn, "warning: %s: \"%s\" %s; ignored", path, key, why);
}

/* A string key: copied into *@out, or a warning. */
static void
take_string(char **out, const cJSON *item, const char *path, FILE *warn)
{
	if (!cJSON_IsString(item)) {
		warn_key(warn, path, item->string, "should be a string");
		return;
	}
	free(*out);
	*out = strdup(item->valuestring);
}

/* Like warn_key() for a key inside @object ("filters", "keys"). */
static void
warn_member(FILE *warn, const char *path, const char *object, const char *key,
	    const char *why)
{
	struct strbuf name = STRBUF_INIT;

	if (strbuf_printf(&name, "%s.%s", object, key) == 0)
		warn_key(warn, path, strbuf_cstr(&name), why);
	strbuf_release(&name);
}

/* The "filters" object: min_severity, ecosystem, flagged_only. */
static void
take_filters(struct config_filters *out, const cJSON *obj, const char *path, FILE *warn)
{
	const cJSON *item;

	if (!cJSON_IsObject(obj)) {
		warn_key(warn, path, obj->string, "should be an object");
		return;
	}
	cJSON_ArrayForEach(item, obj) {
		const char *k = item->string;

		if (strcmp(k, "min_severity") == 0) {
			if (!cJSON_IsString(item) ||
			    severity_parse(&out->min_severity, item->valuestring) != 0)
				warn_member(warn, path, "filters", k, "should be one of \"critical\", "
					    "\"high\", \"medium\", \"low\", \"info\"");
			else
				out->has_min_severity = true;
		} else if (strcmp(k, "ecosystem") == 0) {
			const char *v = cJSON_IsString(item) ? item->valuestring : "";

			out->has_ecosystem = true;
			if (strcmp(v, "all") == 0)
				out->ecosystem = CONFIG_ECO_ALL;
			else if (strcmp(v, "python") == 0)
				out->ecosystem = CONFIG_ECO_PYTHON;
			else if (strcmp(v, "r") == 0)
				out->ecosystem = CONFIG_ECO_R;
			else {
				out->has_ecosystem = false;
				warn_member(warn, path, "filters", k,
					    "should be \"python\", \"r\" or \"all\"");
			}
		} else if (strcmp(k, "flagged_only") == 0) {
			if (!cJSON_IsBool(item)) {
				warn_member(warn, path, "filters", k, "should be true or false");
			} else {
				out->has_flagged_only = true;
				out->flagged_only = cJSON_IsTrue(item);
			}
		} else {
			warn_member(warn, path, "filters", k, "is not a known filter");
		}
	}
}

int
config_parse_key(int *out, const char *spec)
{
	static const struct {
		const char *name;
		int key;
	} names[] = {
		{ "Up", KEY_UP }, { "Down", KEY_DOWN }, { "Left", KEY_LEFT },
		{ "Right", KEY_RIGHT }, { "PgUp", KEY_PPAGE }, { "PgDn", KEY_NPAGE },
		{ "Home", KEY_HOME }, { "End", KEY_END }, { "Enter", '\n' }, { "Space", ' ' },
		{ "Tab", '\t' }, { "Esc", 27 }, { "Backspace", KEY_BACKSPACE },
		{ "Delete", KEY_DC }, { "Insert", KEY_IC },
	};
	size_t n = strlen(spec);

	if (n == 1 && spec[0] > 0x20 && spec[0] < 0x7f) {
		*out = spec[0];
		return 0;
	}
	if (n == 6 && strncasecmp(spec, "Ctrl-", 5) == 0 &&
	    ((spec[5] >= 'a' && spec[5] <= 'z') || (spec[5] >= 'A' && spec[5] <= 'Z'))) {
		*out = (spec[5] | 0x20) - 'a' + 1;
		return 0;
	}
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcasecmp(spec, names[i].name) == 0) {
			*out = names[i].key;
			return 0;
		}
	}
	if ((n == 2 || n == 3) && (spec[0] == 'F' || spec[0] == 'f')) {
		char *end;
		long f = strtol(spec + 1, &end, 10);

		if (*end == '\0' && spec[1] != '0' && f >= 1 && f <= 12) {
			*out = KEY_F((int)f);
			return 0;
		}
	}
	return ERR_SYNTAX;
}

/* Adds @key for @act to @out, unless another action already has it. */
static void
add_key(struct config *out, enum action act, int key, const char *spec, FILE *warn)
{
	for (size_t i = 0; i < out->n_keys; i++) {
		if (out->keys[i].key == key) {
			char why[160];

			snprintf(why, sizeof(why), "is already given to \"%s\"",
				 action_names[out->keys[i].action]);
			warn_member(warn, out->path, "keys", spec, why);
			return;
		}
	}
	if (array_reserve(&out->keys, &out->cap_keys, out->n_keys, sizeof(*out->keys)))
		return;
	out->keys[out->n_keys++] = (struct config_key){ act, key };
}

/* The "keys" object: action name -> a key spec or an array of them. */
static void
take_keys(struct config *out, const cJSON *obj, FILE *warn)
{
	const cJSON *item;

	if (!cJSON_IsObject(obj)) {
		warn_key(warn, out->path, obj->string, "should be an object");
		return;
	}
	cJSON_ArrayForEach(item, obj) {
		const cJSON *spec;
		int act;

		for (act = 0; act < ACT_COUNT; act++)
			if (strcmp(item->string, action_names[act]) == 0)
				break;
		if (act == ACT_COUNT) {
			warn_member(warn, out->path, "keys", item->string,
				    "is not an action name (docs/config.md lists them)");
			continue;
		}
		if (!cJSON_IsString(item) && !cJSON_IsArray(item)) {
			warn_member(warn, out->path, "keys", item->string,
				    "should be a key or an array of keys");
			continue;
		}
		for (spec = cJSON_IsString(item) ? item : item->child; spec;
		     spec = cJSON_IsString(item) ? NULL : spec->next) {
			int key;

			if (!cJSON_IsString(spec) || config_parse_key(&key, spec->valuestring) != 0) {
				char why[200];
				struct strbuf safe = STRBUF_INIT;

				if (cJSON_IsString(spec))
					escape_text(&safe, sv_from_cstr(spec->valuestring), false);
				snprintf(why, sizeof(why), "has a key that is not understood (%.60s%s"
					 "expected a character, Ctrl-X, a key name or F1-F12)",
					 cJSON_IsString(spec) ? strbuf_cstr(&safe) : "",
					 cJSON_IsString(spec) ? "; " : "");
				strbuf_release(&safe);
				warn_member(warn, out->path, "keys", item->string, why);
				continue;
			}
			add_key(out, (enum action)act, key, spec->valuestring, warn);
		}
	}
}

void
config_load(struct config *out, FILE *warn)
{
	const char *why = NULL;
	cJSON *root, *item;
	char *text;

	*out = (struct config)CONFIG_INIT;
	out->path = config_path();
	if (!out->path)
		return;
	text = read_small_file(out->path, &why);
	if (!text) {
		if (errno != ENOENT || strcmp(why, strerror(ENOENT)) != 0)
			output_say(warn, "warning: cannot read %s: %s; using the defaults",
				   out->path, why);
		free(out->path);
		out->path = NULL;
		return;
	}
	root = cJSON_Parse(text);
	if (!cJSON_IsObject(root)) {
		const char *at = root ? NULL : cJSON_GetErrorPtr();
		if (at)
			output_say(warn, "warning: %s:%u: not valid JSON; using the defaults",
				   out->path, line_of(text, at));
		else
			output_say(warn, "warning: %s: not a JSON object; using the defaults",
				   out->path);
		cJSON_Delete(root);
		free(text);
		return;
	}
	cJSON_ArrayForEach(item, root) {
		if (strcmp(item->string, "theme") == 0)
			take_string(&out->theme, item, out->path, warn);
		else if (strcmp(item->string, "intel_url") == 0)
			take_string(&out->intel_url, item, out->path, warn);
		else if (strcmp(item->string, "github_base") == 0)
			take_string(&out->github_base, item, out->path, warn);
		else if (strcmp(item->string, "gitlab_base") == 0)
			take_string(&out->gitlab_base, item, out->path, warn);
		else if (strcmp(item->string, "cran_url") == 0)
			take_string(&out->cran_url, item, out->path, warn);
		else if (strcmp(item->string, "pypi_url") == 0)
			take_string(&out->pypi_url, item, out->path, warn);
		else if (strcmp(item->string, "filters") == 0)
			take_filters(&out->filters, item, out->path, warn);
		else if (strcmp(item->string, "keys") == 0)
			take_keys(out, item, warn);
		else
			warn_key(warn, out->path, item->string, "is not a known key");
	}
	cJSON_Delete(root);
	free(text);
}

void
config_release(struct config *config)
{
	free(config->path);
	free(config->theme);
	free(config->intel_url);
	free(config->github_base);
	free(config->gitlab_base);
	free(config->cran_url);
	free(config->pypi_url);
	free(config->keys);
	*config = (struct config)CONFIG_INIT;
}
