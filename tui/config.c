/*
 * Reading config.json: an object of known keys with string values. The file
 * is the user's own, but it is still read defensively: a size cap, cJSON's
 * parser, and every problem turned into a warning rather than a refusal.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "deputy/escape.h"
#include "deputy/strbuf.h"

#define CONFIG_MAX_SIZE (1024 * 1024)

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
	struct strbuf safe = STRBUF_INIT;

	if (escape_text(&safe, sv_from_cstr(key), false) == 0)
		fprintf(warn, "deputy: warning: %s: \"%s\" %s; ignored\n", path,
			strbuf_cstr(&safe), why);
	strbuf_release(&safe);
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
			fprintf(warn, "deputy: warning: cannot read %s: %s; using the defaults\n",
				out->path, why);
		free(out->path);
		out->path = NULL;
		return;
	}
	root = cJSON_Parse(text);
	if (!cJSON_IsObject(root)) {
		const char *at = root ? NULL : cJSON_GetErrorPtr();
		if (at)
			fprintf(warn, "deputy: warning: %s:%u: not valid JSON; using the defaults\n",
				out->path, line_of(text, at));
		else
			fprintf(warn, "deputy: warning: %s: not a JSON object; using the defaults\n",
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
	*config = (struct config)CONFIG_INIT;
}
