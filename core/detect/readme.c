/*
 * The detector for README files and Markdown: fenced code blocks (CommonMark
 * 0.30, section 4.5) whose info string names a shell or is empty, read by
 * core/lex/shcmd.c as documentation. In a block with "$ " prompts only the
 * prompted lines (and their continuations) are commands; the rest is output.
 *
 *   fence  = indent ("```" "`"* | "~~~" "~"*) info newline line* [closing]
 *   line   = [ ["(" env ")" blank] "$" blank ] text
 *
 * reStructuredText code-block directives are not read.
 */
#include "detect/detect.h"

#include <string.h>
#include <strings.h>

#include "deputy/ascii.h"
#include "deputy/mapped_text.h"
#include "lex/shcmd.h"

/*
 * README.gz, README.pdf, README.html: a compressed, binary or rendered copy
 * (Debian's doc folders, a site build), not text to read as Markdown.
 */
static bool
is_packed_or_rendered(const char *base)
{
	static const char *const exts[] = {
		"gz", "bz2", "xz", "zst", "z", "zip", "tgz", "7z", "tar", "rar", "lz", "lzma",
		"lz4", "br", "pdf", "png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "html",
		"htm", "xhtml", "doc", "docx", "odt", "rtf", "epub",
	};
	const char *dot = strrchr(base, '.');

	for (size_t i = 0; dot && i < sizeof(exts) / sizeof(exts[0]); i++)
		if (strcasecmp(dot + 1, exts[i]) == 0)
			return true;
	return false;
}

bool
readme_matches(const char *path)
{
	const char *base = path_basename(path);
	size_t n = strlen(base);

	return (strncasecmp(base, "README", 6) == 0 && !is_packed_or_rendered(base)) ||
	       (n > 3 && strcasecmp(base + n - 3, ".md") == 0) ||
	       (n > 9 && strcasecmp(base + n - 9, ".markdown") == 0);
}

/* 0: not a shell block; 1: a shell block; 2: maybe shell (no or console info): quiet. */
static int
shell_info(struct sv info)
{
	static const char *const loud[] = { "sh", "bash", "shell", "zsh", "ksh", "dash" };
	static const char *const quiet[] = { "console", "shell-session", "shellsession",
					     "sh-session", "bash-session", "terminal" };
	size_t n = 0;

	while (info.len && (info.ptr[0] == '{' || info.ptr[0] == '.')) {
		info.ptr++;
		info.len--;
	}
	while (n < info.len && !byte_in(" \t,}", info.ptr[n]))
		n++;
	if (n == 0)
		return 2;
	for (size_t i = 0; i < sizeof(loud) / sizeof(loud[0]); i++)
		if (n == strlen(loud[i]) && strncasecmp(info.ptr, loud[i], n) == 0)
			return 1;
	for (size_t i = 0; i < sizeof(quiet) / sizeof(quiet[0]); i++)
		if (n == strlen(quiet[i]) && strncasecmp(info.ptr, quiet[i], n) == 0)
			return 2;
	return 0;
}

/* The length of a "$ " or "(venv) $ " prompt at the start of @s, or 0. */
static size_t
prompt_len(struct sv s)
{
	size_t i = 0;

	if (s.len && s.ptr[0] == '(') {
		while (i < s.len && s.ptr[i] != ')' && s.ptr[i] != '\n')
			i++;
		if (i >= s.len || s.ptr[i] != ')')
			return 0;
		i++;
		while (i < s.len && s.ptr[i] == ' ')
			i++;
	}
	if (i < s.len && s.ptr[i] == '$' && (i + 1 == s.len || s.ptr[i + 1] == ' '))
		return i + 1 + (i + 1 < s.len);
	return 0;
}

static bool
ends_with_backslash(struct sv s)
{
	while (s.len && s.ptr[s.len - 1] == '\r')
		s.len--;
	return s.len && s.ptr[s.len - 1] == '\\';
}

/* The lines [@start, @end) of one block, prompts stripped, handed to shcmd. */
static int
read_block(struct detect_out *out, struct source *src, struct mapped_text *b, size_t start,
	   size_t end, size_t indent, bool quiet)
{
	struct sv t = src->text;
	struct shcmd_opts opts = { .kind = DEP_DOCUMENTATION, .quiet = quiet, .or_root = true };
	bool prompted = false, cont = false;
	int rc = 0;

	for (size_t i = start; i < end && !prompted;) {
		size_t e = sv_line_end(t, i), s = i;
		while (s < e && s - i < indent && t.ptr[s] == ' ')
			s++;
		prompted = prompt_len(sv_make(t.ptr + s, e - s)) > 0;
		i = e + 1;
	}
	mapped_text_reset(b);
	for (size_t i = start; i < end && rc == 0;) {
		size_t e = sv_line_end(t, i), s = i;
		while (s < e && s - i < indent && t.ptr[s] == ' ')
			s++;
		struct sv line = sv_make(t.ptr + s, e - s);
		size_t p = prompt_len(line);
		bool take = !prompted || p > 0 || cont;
		if (take) {
			if (!cont)
				s += p;
			for (size_t k = s; k < e && rc == 0; k++)
				rc = mapped_text_put(b, t.ptr[k], k);
			if (rc == 0)
				rc = mapped_text_put(b, '\n', e);
		}
		cont = take && ends_with_backslash(line);
		i = e + 1;
	}
	if (rc == 0 && b->len)
		rc = shcmd_detect_mapped(out, src, sv_make(b->text, b->len), b->map, &opts);
	return rc;
}

int
detect_readme(struct detect_out *out, struct source *src, const struct detect_ctx *ctx)
{
	struct sv t = src->text;
	struct mapped_text b = { 0 };
	size_t i = 0;
	int rc = 0;

	(void)ctx;
	while (i < t.len && rc == 0) {
		size_t e = sv_line_end(t, i), s = i, n = 0;
		while (s < e && s - i < 3 && t.ptr[s] == ' ')
			s++;
		char fc = s < e ? t.ptr[s] : '\0';
		while (s + n < e && t.ptr[s + n] == fc)
			n++;
		if ((fc != '`' && fc != '~') || n < 3) {
			i = e + 1;
			continue;
		}
		struct sv info = sv_trim(sv_make(t.ptr + s + n, e - s - n));
		if (fc == '`' && sv_find_char(info, '`') != SV_NPOS) {
			i = e + 1;  /* an inline code span, not a fence */
			continue;
		}
		int kind = shell_info(info);
		size_t indent = s - i, body = e < t.len ? e + 1 : e, j = body, close = t.len;
		while (j < t.len) {
			size_t je = sv_line_end(t, j), js = j, m = 0;
			while (js < je && js - j < 3 && t.ptr[js] == ' ')
				js++;
			while (js + m < je && t.ptr[js + m] == fc)
				m++;
			if (m >= n && sv_trim(sv_make(t.ptr + js + m, je - js - m)).len == 0) {
				close = j;
				j = je < t.len ? je + 1 : je;
				break;
			}
			j = je < t.len ? je + 1 : je;
		}
		if (kind)
			rc = read_block(out, src, &b, body, close < t.len ? close : t.len, indent,
					kind == 2);
		i = j;
	}
	mapped_text_release(&b);
	return rc;
}
