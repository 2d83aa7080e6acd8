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

	/*
	 * Only the name is known here; a script without an extension but with a
	 * #!/bin/sh line needs the scan to look at its first bytes.
	 */
	return (n > 3 && strcmp(base + n - 3, ".sh") == 0) ||
	       (n > 5 && strcmp(base + n - 5, ".bash") == 0);
}

int
detect_shell(struct detect_out *out, const struct source *src, const struct detect_ctx *ctx)
{
	struct shcmd_opts opts = { .kind = DEP_INSTALL_COMMAND };

	(void)ctx;
	return shcmd_detect(out, src, (struct span){ 0, src->text.len }, &opts);
}
