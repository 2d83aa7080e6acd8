/*
 * The detector for shell scripts (*.sh, *.bash): the whole file is shell
 * text, read by core/lex/shcmd.c for install commands and curl | sh.
 */
#include "detect/detect.h"

#include <string.h>

#include "lex/shcmd.h"

bool
shell_matches(const char *path)
{
	const char *base = path_basename(path);
	size_t n = strlen(base);

	/* A script without an extension is found by shell_sniff() instead. */
	return (n > 3 && strcmp(base + n - 3, ".sh") == 0) ||
	       (n > 5 && strcmp(base + n - 5, ".bash") == 0);
}

int
detect_shell(struct detect_out *out, struct source *src, const struct detect_ctx *ctx)
{
	struct shcmd_opts opts = { .kind = DEP_INSTALL_COMMAND, .or_root = true,
				   .self_dir = true };

	(void)ctx;
	return shcmd_detect(out, src, (struct span){ 0, src->text.len }, &opts);
}

/* Interpreters whose scripts are POSIX-shell-like enough for shcmd. */
static bool
is_shell_name(struct sv name)
{
	static const char *const shells[] = { "sh", "bash", "dash", "ash", "ksh", "zsh" };

	for (size_t i = 0; i < sizeof(shells) / sizeof(shells[0]); i++)
		if (sv_eq_cstr(name, shells[i]))
			return true;
	return false;
}

bool
shell_sniff(struct sv head)
{
	/* "#!/bin/sh", "#! /usr/bin/env bash", "#!/usr/bin/env -S bash -e" */
	if (!sv_starts_with(head, SV_LIT("#!")))
		return false;
	size_t nl = sv_find_char(head, '\n');
	struct sv line = sv_trim(sv_slice(head, 2, nl == SV_NPOS ? head.len : nl - 2));
	size_t i = 0;
	struct sv words[4];
	size_t n = 0;

	while (i < line.len && n < 4) {
		while (i < line.len && (line.ptr[i] == ' ' || line.ptr[i] == '\t'))
			i++;
		size_t start = i;
		while (i < line.len && line.ptr[i] != ' ' && line.ptr[i] != '\t')
			i++;
		if (i > start)
			words[n++] = sv_slice(line, start, i - start);
	}
	for (size_t w = 0; w < n; w++) {
		struct sv word = words[w];
		size_t slash = word.len;
		while (slash > 0 && word.ptr[slash - 1] != '/')
			slash--;
		struct sv base = sv_tail(word, slash);
		if (sv_eq_cstr(base, "env") || sv_starts_with(base, SV_LIT("-")))
			continue;
		return is_shell_name(base);
	}
	return false;
}
