/*
 * The detector for R scripts (*.R, *.r) and .Rprofile, which R runs at every
 * start in its folder: the whole file is R code for the call finder.
 */
#include "detect/detect.h"

#include <string.h>

#include "detect/rcall.h"

bool
rscript_matches(const char *path)
{
	const char *base = path_basename(path);
	size_t len = strlen(base);

	if (strcmp(base, ".Rprofile") == 0)
		return true;
	return len > 2 && base[len - 2] == '.' && (base[len - 1] == 'R' || base[len - 1] == 'r');
}

int
detect_rscript(struct detect_out *out, struct source *src, const struct detect_ctx *ctx)
{
	(void)ctx;
	return rcall_detect(out, src, src->text);
}
