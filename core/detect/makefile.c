/*
 * The detector for Makefiles: each recipe line (a tab-indented line under a
 * rule, or the text after ';' on the rule line), as GNU make hands it to the
 * shell, read by core/lex/shcmd.c.
 *
 *   recipe   = tab [("@" | "-" | "+" | blank)*] text ("\" newline [tab] text)*
 *
 * Make turns "$$" into "$" and expands $(VAR) before the shell runs; here
 * $(VAR) stays an opaque word ($(PIP) and $(PYTHON) are still recognised).
 * define ... endef blocks are skipped.
 */
#include "detect/detect.h"

#include <string.h>

#include "deputy/ascii.h"
#include "deputy/mapped_text.h"
#include "lex/shcmd.h"

bool
makefile_matches(const char *path)
{
	const char *base = path_basename(path);
	size_t n = strlen(base);

	return strcmp(base, "Makefile") == 0 || strcmp(base, "makefile") == 0 ||
	       strcmp(base, "GNUmakefile") == 0 || (n > 3 && strcmp(base + n - 3, ".mk") == 0);
}

/* The line ends in an odd number of backslashes: make continues it. */
static bool
continues(struct sv t, size_t start, size_t end)
{
	size_t n = 0;

	if (end > start && t.ptr[end - 1] == '\r')
		end--;
	while (end > start && t.ptr[end - 1] == '\\') {
		n++;
		end--;
	}
	return n % 2 == 1;
}

/* One recipe from @i (after the tab or ';'); returns the offset of the next line. */
static int
read_recipe(struct detect_out *out, struct source *src, struct mapped_text *r, size_t i,
	    size_t *next)
{
	struct sv t = src->text;
	struct shcmd_opts opts = { .kind = DEP_INSTALL_COMMAND };
	int rc = 0;

	mapped_text_reset(r);
	while (i < t.len && byte_in("@-+ \t", t.ptr[i]))
		i++;
	for (;;) {
		size_t e = sv_line_end(t, i);
		bool more = continues(t, i, e);
		for (size_t k = i; k < e && rc == 0; k++) {
			rc = mapped_text_put(r, t.ptr[k], k);
			if (t.ptr[k] == '$' && k + 1 < e && t.ptr[k + 1] == '$')
				k++;
		}
		if (rc == 0)
			rc = mapped_text_put(r, '\n', e);
		i = e < t.len ? e + 1 : e;
		if (rc || !more || i >= t.len)
			break;
		if (t.ptr[i] == '\t')
			i++;        /* make removes the recipe prefix of a continued line */
	}
	*next = i;
	if (rc == 0)
		rc = shcmd_detect_mapped(out, src, sv_make(r->text, r->len), r->map, &opts);
	return rc;
}

static bool
starts_word(struct sv line, const char *word)
{
	size_t n = strlen(word);

	return line.len >= n && memcmp(line.ptr, word, n) == 0 &&
	       (line.len == n || line.ptr[n] == ' ' || line.ptr[n] == '\t' || line.ptr[n] == '(');
}

/* target: prereqs [; recipe]: a ':' that is not part of an assignment. Returns its index. */
static size_t
rule_colon(struct sv line)
{
	for (size_t i = 0; i < line.len; i++) {
		char c = line.ptr[i];
		if (c == '=' || c == '#')
			return SV_NPOS;
		if (c == '$' && i + 1 < line.len && (line.ptr[i + 1] == '(' || line.ptr[i + 1] == '{')) {
			char close = line.ptr[i + 1] == '(' ? ')' : '}';
			while (i < line.len && line.ptr[i] != close)
				i++;
			continue;
		}
		if (c == ':') {
			size_t j = i + 1;
			while (j < line.len && line.ptr[j] == ':')
				j++;
			if (j < line.len && line.ptr[j] == '=')
				return SV_NPOS;    /* := ::= */
			return i;
		}
	}
	return SV_NPOS;
}

int
detect_makefile(struct detect_out *out, struct source *src, const struct detect_ctx *ctx)
{
	struct sv t = src->text;
	struct mapped_text r = { 0 };
	bool in_rule = false, in_define = false;
	size_t i = 0;
	int rc = 0;

	(void)ctx;
	while (i < t.len && rc == 0) {
		size_t e = sv_line_end(t, i), next = e < t.len ? e + 1 : e;
		struct sv line = sv_trim(sv_make(t.ptr + i, e - i));
		if (in_define) {
			in_define = !starts_word(line, "endef");
		} else if (t.ptr[i] == '\t' && in_rule) {
			rc = read_recipe(out, src, &r, i + 1, &next);
		} else if (line.len == 0 || line.ptr[0] == '#') {
			;
		} else if (starts_word(line, "define")) {
			in_define = true;
		} else if (starts_word(line, "ifeq") || starts_word(line, "ifneq") ||
			   starts_word(line, "ifdef") || starts_word(line, "ifndef") ||
			   starts_word(line, "else") || starts_word(line, "endif")) {
			;       /* conditionals keep the rule they are in */
		} else {
			size_t colon = rule_colon(line);
			in_rule = colon != SV_NPOS;
			if (in_rule) {
				size_t semi = sv_find_char(sv_tail(line, colon), ';');
				if (semi != SV_NPOS)
					rc = read_recipe(out, src, &r,
							 (size_t)(line.ptr - t.ptr) + colon + semi + 1, &next);
			}
			while (rc == 0 && next < t.len && continues(t, i, e) && next > e) {
				i = next;      /* a continued rule or assignment line */
				e = sv_line_end(t, i);
				next = e < t.len ? e + 1 : e;
			}
		}
		i = next;
	}
	mapped_text_release(&r);
	return rc;
}
