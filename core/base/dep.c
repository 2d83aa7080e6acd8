/* Names of enums and PEP 503 name normalisation. */
#include "deputy/dep.h"

#include <string.h>

#include "deputy/ascii.h"

const char *
ecosystem_str(enum ecosystem eco)
{
	switch (eco) {
	case ECO_PYPI: return "pypi";
	case ECO_CRAN: return "cran";
	case ECO_BIOC: return "bioc";
	case ECO_GITHUB: return "github";
	case ECO_GITLAB: return "gitlab";
	case ECO_BITBUCKET: return "bitbucket";
	case ECO_URL: return "url";
	case ECO_VCS: return "vcs";
	case ECO_LOCAL: return "local";
	case ECO_CONDA: return "conda";
	}
	return "?";
}

const char *
dep_kind_str(enum dep_kind kind)
{
	switch (kind) {
	case DEP_MANIFEST: return "manifest";
	case DEP_LOCK: return "lock";
	case DEP_INSTALL_COMMAND: return "install-command";
	case DEP_LIBRARY_CALL: return "library-call";
	case DEP_REMOTE_SOURCE: return "remote-source";
	case DEP_CONSTRAINT: return "constraint";
	case DEP_DOCUMENTATION: return "documentation";
	case DEP_RESOLVED: return "resolved";
	}
	return "?";
}

const char *
index_option_str(enum index_option_kind kind)
{
	switch (kind) {
	case OPT_INDEX_URL: return "--index-url";
	case OPT_EXTRA_INDEX_URL: return "--extra-index-url";
	case OPT_TRUSTED_HOST: return "--trusted-host";
	case OPT_FIND_LINKS: return "--find-links";
	case OPT_NO_INDEX: return "--no-index";
	case OPT_PRE: return "--pre";
	case OPT_PREFER_BINARY: return "--prefer-binary";
	case OPT_REQUIRE_HASHES: return "--require-hashes";
	case OPT_ONLY_BINARY: return "--only-binary";
	case OPT_NO_BINARY: return "--no-binary";
	case OPT_USE_FEATURE: return "--use-feature";
	case OPT_R_REPOS: return "repos";
	case OPT_INDEX_SOURCE: return "source";
	}
	return "?";
}

static bool
is_sep(char c)
{
	return c == '-' || c == '_' || c == '.';
}

/* PEP 503: re.sub(r"[-_.]+", "-", name).lower() */
char *
dep_normalize_name(struct arena *arena, struct sv name)
{
	char *out = arena_alloc(arena, name.len + 1);
	size_t n = 0;

	if (!out)
		return NULL;
	for (size_t i = 0; i < name.len; i++) {
		char c = name.ptr[i];
		if (is_sep(c)) {
			if (n == 0 || out[n - 1] != '-')
				out[n++] = '-';
			/* a run collapses: skip the rest of it */
			while (i + 1 < name.len && is_sep(name.ptr[i + 1]))
				i++;
			continue;
		}
		out[n++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
	}
	out[n] = '\0';
	return out;
}

bool
dep_name_is_normalized(struct sv name)
{
	for (size_t i = 0; i < name.len; i++) {
		char c = name.ptr[i];
		if ((c >= 'A' && c <= 'Z') || c == '_' || c == '.')
			return false;
		if (c == '-' && i + 1 < name.len && name.ptr[i + 1] == '-')
			return false;
	}
	return true;
}

struct sv
dep_pinned_version(const struct dep *dep)
{
	struct sv s = sv_trim(sv_from_cstr(dep->spec ? dep->spec : ""));
	bool poetry = false;

	if (sv_starts_with(s, SV_LIT("==="))) {
		s = sv_trim(sv_tail(s, 3));      /* arbitrary equality: any text */
		return s.len > 0 && sv_find(s, SV_LIT(",")) == SV_NPOS ? s : SV_NULL;
	}
	if (sv_starts_with(s, SV_LIT("==")))
		s = sv_tail(s, 2);
	else if (dep->ecosystem != ECO_PYPI)
		return SV_NULL;
	else if (sv_starts_with(s, SV_LIT("=")))
		s = sv_tail(s, 1), poetry = true;
	else
		poetry = true;
	s = sv_trim(s);
	if (s.len == 0 || (poetry && !ascii_digit(s.ptr[0])))
		return SV_NULL;
	for (size_t i = 0; i < s.len; i++)
		if (byte_in(",*<>=!~^| \t", s.ptr[i]))
			return SV_NULL;
	return s;
}

bool
dep_is_pinned(const struct dep *dep)
{
	return dep_pinned_version(dep).len > 0;
}

const char *
dep_subdir(struct arena *arena, const struct dep *dep)
{
	const char *p;

	if (dep->subdir || dep->language != LANG_PYTHON || !dep->url)
		return dep->subdir;
	for (p = strchr(dep->url, '#'); p && *p; p += strcspn(p, "&")) {
		p++;
		if (strncmp(p, "subdirectory=", 13) == 0)
			return arena_strndup(arena, sv_make(p + 13, strcspn(p + 13, "&")));
	}
	return NULL;
}

const char *
dep_label_or(const struct dep *dep, const char *none)
{
	if (dep->name && dep->name[0])
		return dep->name;
	return dep->url && dep->url[0] ? dep->url : none;
}

const char *
dep_label(const struct dep *dep)
{
	return dep_label_or(dep, dep->dynamic ? "(computed at run time)" : "(unnamed)");
}
