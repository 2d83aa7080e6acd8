/*
 * Themes. A theme is a JSON object whose "elements" member maps element names
 * to styles; elements left out keep the built-in default's style:
 *
 *   { "name": "default",
 *     "elements": { "critical": { "fg": "white", "bg": "red", "attrs": ["bold"] }, ... } }
 *
 * fg/bg: "default", "black", "red", "green", "yellow", "blue", "magenta",
 * "cyan", "white", or a number 0-255 of the xterm 256-colour palette (on a
 * terminal with fewer colours, the nearest basic colour: theme_map_color()).
 * attrs: any of "bold", "dim", "underline", "reverse", "standout", "italic".
 * Element names are listed in theme.h (THEME_ELEMENTS) and docs/themes.md.
 */
#include "theme.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "deputy/diag.h"

/* Generated at build time from themes/default.json (embed_theme.py). */
extern const char theme_default_json[];

#ifndef DEPUTY_THEMES_DIR
#define DEPUTY_THEMES_DIR "themes"
#endif

#define THEME_MAX_BYTES (256 * 1024)

struct theme {
	attr_t attrs[EL_COUNT];
};

static const char *const element_names[] = {
#define X(id, name, mono) name,
	THEME_ELEMENTS(X)
#undef X
};

static const attr_t element_mono[] = {
#define X(id, name, mono) mono,
	THEME_ELEMENTS(X)
#undef X
};

enum element
theme_severity_element(enum severity sev)
{
	switch (sev) {
	case SEV_CRITICAL: return EL_CRITICAL;
	case SEV_HIGH: return EL_HIGH;
	case SEV_MEDIUM: return EL_MEDIUM;
	case SEV_LOW: return EL_LOW;
	case SEV_INFO: return EL_INFO;
	}
	return EL_INFO;
}

attr_t
theme_attr(const struct theme *theme, enum element el)
{
	if (!theme || el < 0 || el >= EL_COUNT)
		return A_NORMAL;
	return theme->attrs[el];
}

static int
parse_color(short *out, const cJSON *v, char *err, size_t err_size, const char *where)
{
	static const char *const names[] = {
		"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
	};

	if (cJSON_IsNumber(v) && v->valuedouble >= 0 && v->valuedouble <= 255 &&
	    v->valuedouble == (double)v->valueint) {
		*out = (short)v->valueint;
		return 0;
	}
	if (cJSON_IsString(v)) {
		if (!strcmp(v->valuestring, "default")) {
			*out = -1;
			return 0;
		}
		for (short i = 0; i < 8; i++) {
			if (!strcmp(v->valuestring, names[i])) {
				*out = i;
				return 0;
			}
		}
	}
	snprintf(err, err_size, "%s: expected a colour name or a number 0-255", where);
	return ERR_SYNTAX;
}

static int
parse_attrs(attr_t *out, const cJSON *v, char *err, size_t err_size, const char *where)
{
	static const struct {
		const char *name;
		attr_t attr;
	} names[] = {
		{ "bold", A_BOLD }, { "dim", A_DIM }, { "underline", A_UNDERLINE },
		{ "reverse", A_REVERSE }, { "standout", A_STANDOUT }, { "italic", A_ITALIC },
	};
	const cJSON *item;

	if (!cJSON_IsArray(v)) {
		snprintf(err, err_size, "%s.attrs: expected an array of names", where);
		return ERR_SYNTAX;
	}
	*out = A_NORMAL;
	cJSON_ArrayForEach(item, v) {
		size_t i;

		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (cJSON_IsString(item) && !strcmp(item->valuestring, names[i].name))
				break;
		if (i == sizeof(names) / sizeof(names[0])) {
			snprintf(err, err_size, "%s.attrs: unknown attribute (expected bold, dim, "
				 "underline, reverse, standout or italic)", where);
			return ERR_SYNTAX;
		}
		*out |= names[i].attr;
	}
	return 0;
}

static int
parse_element(struct theme_spec *out, enum element el, const cJSON *style, char *err,
	      size_t err_size)
{
	const char *where = element_names[el];
	const cJSON *v;
	int rc;

	if (!cJSON_IsObject(style)) {
		snprintf(err, err_size, "element \"%s\": expected an object", where);
		return ERR_SYNTAX;
	}
	cJSON_ArrayForEach(v, style) {
		char key[64];

		snprintf(key, sizeof(key), "%s.%.10s", where, v->string);
		if (!strcmp(v->string, "fg"))
			rc = parse_color(&out->fg[el], v, err, err_size, key);
		else if (!strcmp(v->string, "bg"))
			rc = parse_color(&out->bg[el], v, err, err_size, key);
		else if (!strcmp(v->string, "attrs"))
			rc = parse_attrs(&out->attrs[el], v, err, err_size, where);
		else {
			snprintf(err, err_size, "element \"%s\": unknown key (expected fg, bg, attrs)",
				 where);
			rc = ERR_SYNTAX;
		}
		if (rc < 0)
			return rc;
	}
	return 0;
}

static unsigned
line_of(const char *text, const char *at)
{
	unsigned line = 1;

	for (const char *p = text; p < at && *p; p++)
		if (*p == '\n')
			line++;
	return line;
}

int
theme_parse(struct theme_spec *out, const char *json, char *err, size_t err_size)
{
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithOpts(json, &end, false);
	const cJSON *elements, *style;
	int rc = 0;

	if (!root) {
		snprintf(err, err_size, "line %u: not valid JSON", line_of(json, end ? end : json));
		return ERR_SYNTAX;
	}
	elements = cJSON_GetObjectItemCaseSensitive(root, "elements");
	if (!cJSON_IsObject(root) || !cJSON_IsObject(elements)) {
		snprintf(err, err_size, "expected an object with an \"elements\" object");
		cJSON_Delete(root);
		return ERR_SYNTAX;
	}
	cJSON_ArrayForEach(style, elements) {
		int el;

		for (el = 0; el < EL_COUNT; el++)
			if (!strcmp(style->string, element_names[el]))
				break;
		if (el == EL_COUNT) {
			snprintf(err, err_size, "unknown element \"%.40s\"", style->string);
			rc = ERR_SYNTAX;
			break;
		}
		rc = parse_element(out, (enum element)el, style, err, err_size);
		if (rc < 0)
			break;
	}
	cJSON_Delete(root);
	return rc;
}

/* The file for @name: a path as given, or THEMES_DIR/name.json. Heap string. */
static char *
theme_path(const char *name)
{
	size_t n = strlen(name);
	char *path;

	if (strchr(name, '/') || (n > 5 && !strcmp(name + n - 5, ".json")))
		return strdup(name);
	path = malloc(sizeof(DEPUTY_THEMES_DIR) + n + 7);
	if (path)
		sprintf(path, "%s/%s.json", DEPUTY_THEMES_DIR, name);
	return path;
}

/* Reads @path into a heap string; NULL with a reason in @err. */
static char *
read_file(const char *path, char *err, size_t err_size)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	size_t n;

	if (!fp) {
		snprintf(err, err_size, "%s", strerror(errno));
		return NULL;
	}
	buf = malloc(THEME_MAX_BYTES + 1);
	if (!buf) {
		fclose(fp);
		snprintf(err, err_size, "out of memory");
		return NULL;
	}
	n = fread(buf, 1, THEME_MAX_BYTES + 1, fp);
	fclose(fp);
	if (n > THEME_MAX_BYTES) {
		free(buf);
		snprintf(err, err_size, "larger than %d bytes", THEME_MAX_BYTES);
		return NULL;
	}
	buf[n] = '\0';
	return buf;
}

static char *
message_new(const char *path, const char *problem)
{
	const char *fmt = "theme %s: %s (default used)";
	size_t n = strlen(fmt) + strlen(path) + strlen(problem) + 1;
	char *msg = malloc(n);

	if (msg)
		snprintf(msg, n, fmt, path, problem);
	return msg;
}

static void
spec_default(struct theme_spec *spec)
{
	char err[160];

	for (int el = 0; el < EL_COUNT; el++) {
		spec->fg[el] = -1;
		spec->bg[el] = -1;
		spec->attrs[el] = A_NORMAL;
	}
	/* The embedded default is generated from a file the tests parse too. */
	if (theme_parse(spec, theme_default_json, err, sizeof(err)) < 0)
		for (int el = 0; el < EL_COUNT; el++)
			spec->attrs[el] = element_mono[el];
}

/* The RGB value xterm gives colour @c of its 256-colour palette. */
static void
xterm_rgb(int c, int rgb[3])
{
	/* The 16 basic colours as xterm draws them (its default resources). */
	static const unsigned char basic[16][3] = {
		{ 0, 0, 0 }, { 205, 0, 0 }, { 0, 205, 0 }, { 205, 205, 0 },
		{ 0, 0, 238 }, { 205, 0, 205 }, { 0, 205, 205 }, { 229, 229, 229 },
		{ 127, 127, 127 }, { 255, 0, 0 }, { 0, 255, 0 }, { 255, 255, 0 },
		{ 92, 92, 255 }, { 255, 0, 255 }, { 0, 255, 255 }, { 255, 255, 255 },
	};
	static const unsigned char level[6] = { 0, 95, 135, 175, 215, 255 };

	if (c < 16) {
		for (int i = 0; i < 3; i++)
			rgb[i] = basic[c][i];
	} else if (c < 232) {
		/* 16 + 36 r + 6 g + b, each 0-5: the colour cube */
		rgb[0] = level[(c - 16) / 36];
		rgb[1] = level[(c - 16) / 6 % 6];
		rgb[2] = level[(c - 16) % 6];
	} else {
		rgb[0] = rgb[1] = rgb[2] = 8 + 10 * (c - 232);   /* the grey ramp */
	}
}

short
theme_map_color(short color, int colors)
{
	int rgb[3], best = 0, n;
	long best_dist = -1;

	if (color < 0 || color > 255)
		return -1;
	if (colors >= 256 || (colors >= 16 && color < 16) || (colors >= 8 && color < 8))
		return color;
	if (colors < 8)
		return -1;
	n = colors >= 16 ? 16 : 8;
	xterm_rgb(color, rgb);
	for (int c = 0; c < n; c++) {
		int basic[3];
		long dist = 0;

		xterm_rgb(c, basic);
		for (int i = 0; i < 3; i++)
			dist += (long)(rgb[i] - basic[i]) * (rgb[i] - basic[i]);
		if (best_dist < 0 || dist < best_dist) {
			best_dist = dist;
			best = c;
		}
	}
	return (short)best;
}

struct theme *
theme_new(const char *name, char **message)
{
	struct theme *theme = calloc(1, sizeof(*theme));
	struct theme_spec spec;
	/* https://no-color.org: set to anything non-empty, no colours. */
	const char *no_color = getenv("NO_COLOR");
	bool colors = has_colors() && !(no_color && no_color[0]);
	char err[200];

	if (message)
		*message = NULL;
	if (!theme)
		return NULL;
	spec_default(&spec);
	if (name && strcmp(name, "default") != 0) {
		char *path = theme_path(name);
		char *json = path ? read_file(path, err, sizeof(err)) : NULL;
		struct theme_spec custom = spec;

		if (json && theme_parse(&custom, json, err, sizeof(err)) == 0)
			spec = custom;
		else if (message)
			*message = message_new(path ? path : name, path ? err : "out of memory");
		free(json);
		free(path);
	}
	if (colors) {
		start_color();
		use_default_colors();
		/* Fewer than 8 colours cannot tell the elements apart: attributes only. */
		colors = COLORS >= 8 && COLOR_PAIRS > EL_COUNT;
	}
	for (int el = 0; el < EL_COUNT; el++) {
		if (!colors) {
			theme->attrs[el] = element_mono[el];
			continue;
		}
		init_pair((short)(el + 1), theme_map_color(spec.fg[el], COLORS),
			  theme_map_color(spec.bg[el], COLORS));
		theme->attrs[el] = spec.attrs[el] | COLOR_PAIR(el + 1);
	}
	return theme;
}

void
theme_free(struct theme *theme)
{
	free(theme);
}

const char *const *
theme_builtin_names(size_t *count)
{
	static const char *const names[] = {
		"default", "light", "high-contrast", "mono", "colour-blind",
	};

	*count = sizeof(names) / sizeof(names[0]);
	return names;
}
