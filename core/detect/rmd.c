/*
 * The detector for R Markdown, Quarto and Sweave files: only the R chunks
 * are R code. Everything else is blanked (newlines kept) so that the call
 * finder sees the chunks at their own byte offsets, lines and columns.
 *
 * After knitr's all_patterns (md and rnw):
 *   md chunk begin  = ^[\t >]* "```"+ \s* "{" engine ([ ,] options)? "}" \s*$
 *   md chunk end    = ^[\t >]* "```"+ \s*$
 *   md inline code  = "`r" [ #] code "`"
 *   rnw chunk begin = ^\s* "<<" options ">>=" .*$
 *   rnw chunk end   = ^\s* "@" \s* ("%" .*)?$
 * An engine other than r or R ({python}, {bash}) is not R. As in knitr's
 * split_file(), a chunk begin line inside a chunk that was never closed
 * ends that chunk and begins the next one.
 */
#include "detect/detect.h"

#include <stdlib.h>
#include <string.h>

#include "detect/rcall.h"

#include "deputy/ascii.h"

static const char *const rmd_exts[] = { ".Rmd", ".rmd", ".qmd", ".Rnw", ".rnw", ".Rmarkdown",
					".rmarkdown" };

bool
rmd_matches(const char *path)
{
	struct sv base = sv_from_cstr(path_basename(path));

	for (size_t k = 0; k < sizeof(rmd_exts) / sizeof(rmd_exts[0]); k++) {
		struct sv ext = sv_from_cstr(rmd_exts[k]);
		if (base.len > ext.len && sv_ends_with(base, ext))
			return true;
	}
	return false;
}

static bool
is_rnw(const char *path)
{
	struct sv base = sv_from_cstr(path_basename(path));

	return sv_ends_with(base, SV_LIT(".Rnw")) || sv_ends_with(base, SV_LIT(".rnw"));
}

static size_t
skip_set(struct sv line, size_t i, const char *set)
{
	while (i < line.len && byte_in(set, line.ptr[i]))
		i++;
	return i;
}

static bool
rest_is_blank(struct sv line, size_t i)
{
	return skip_set(line, i, " \t\r") == line.len;
}

static bool
is_word(char c)
{
	return c == '_' || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

enum fence {
	FENCE_NONE,
	FENCE_R,
	FENCE_OTHER,
	FENCE_END,
};

/* A fence line of R Markdown; *@prefix gets the length of its [\t >]* lead. */
static enum fence
md_fence(struct sv line, size_t *prefix)
{
	size_t i = skip_set(line, 0, "\t >"), ticks;

	*prefix = i;
	ticks = skip_set(line, i, "`");
	if (ticks - i < 3)
		return FENCE_NONE;
	i = skip_set(line, ticks, " \t");
	if (rest_is_blank(line, i))
		return FENCE_END;
	if (line.ptr[i] != '{')
		return FENCE_NONE;
	size_t close = line.len;
	while (close > i && (line.ptr[close - 1] == ' ' || line.ptr[close - 1] == '\t' ||
			     line.ptr[close - 1] == '\r'))
		close--;
	if (close == i || line.ptr[close - 1] != '}')
		return FENCE_NONE;
	size_t word = i + 1, end = word;
	while (end < close - 1 && is_word(line.ptr[end]))
		end++;
	if (end == word)
		return FENCE_NONE;
	if (end < close - 1 && line.ptr[end] != ' ' && line.ptr[end] != ',')
		return FENCE_NONE;
	return end - word == 1 && (line.ptr[word] == 'r' || line.ptr[word] == 'R') ? FENCE_R :
									      FENCE_OTHER;
}

static enum fence
rnw_fence(struct sv line)
{
	size_t i = skip_set(line, 0, " \t");

	if (sv_starts_with(sv_tail(line, i), SV_LIT("<<")) &&
	    sv_find(sv_tail(line, i + 2), SV_LIT(">>=")) != SV_NPOS)
		return FENCE_R;
	if (i < line.len && line.ptr[i] == '@') {
		size_t j = skip_set(line, i + 1, " \t\r");
		if (j == line.len || line.ptr[j] == '%')
			return FENCE_END;
	}
	return FENCE_NONE;
}

/* Inline `r expr` outside chunks: the expression is kept, its closing ` becomes ';'. */
static void
keep_inline(char *code, struct sv line, size_t line_start)
{
	for (size_t i = 0; i + 3 < line.len; i++) {
		if (line.ptr[i] != '`' || line.ptr[i + 1] != 'r' ||
		    (line.ptr[i + 2] != ' ' && line.ptr[i + 2] != '#'))
			continue;
		size_t end = i + 3;
		while (end < line.len && line.ptr[end] != '`')
			end++;
		if (end == line.len)
			return;
		if (line.ptr[i + 2] == ' ')
			memcpy(code + line_start + i + 3, line.ptr + i + 3, end - i - 3);
		code[line_start + end] = ';';
		i = end;
	}
}

/* @code gets the R of @text at the same offsets, the rest blanked. */
static void
blank_non_r(char *code, struct sv text, bool rnw)
{
	enum fence state = FENCE_NONE;
	size_t prefix = 0;

	for (size_t i = 0; i < text.len; i++)
		code[i] = text.ptr[i] == '\n' ? '\n' : ' ';
	for (size_t start = 0; start < text.len;) {
		size_t nl = sv_find_char(sv_tail(text, start), '\n');
		size_t len = nl == SV_NPOS ? text.len - start : nl;
		struct sv line = sv_slice(text, start, len);
		size_t lead = 0;
		enum fence fence = rnw ? rnw_fence(line) : md_fence(line, &lead);
		if (fence == FENCE_R || fence == FENCE_OTHER) {
			state = fence;  /* inside a chunk too: it ends the one left open */
			prefix = lead;
		} else if (state == FENCE_NONE) {
			if (!rnw)
				keep_inline(code, line, start);
		} else if (fence == FENCE_END) {
			state = FENCE_NONE;
		} else if (state == FENCE_R) {
			size_t skip = skip_set(line, 0, "\t >");
			if (skip > prefix)
				skip = prefix;
			memcpy(code + start + skip, line.ptr + skip, len - skip);
		}
		start += len + 1;
	}
}

int
detect_rmd(struct detect_out *out, struct source *src, const struct detect_ctx *ctx)
{
	char *code = malloc(src->text.len + 1);
	int rc;

	(void)ctx;
	if (!code)
		return ERR_NOMEM;
	blank_non_r(code, src->text, is_rnw(src->path));
	rc = rcall_detect(out, src, sv_make(code, src->text.len));
	free(code);
	return rc;
}
