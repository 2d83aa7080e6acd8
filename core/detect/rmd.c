/* Placeholder until the detector lands: matches nothing. */
#include "detect/detect.h"

bool
rmd_matches(const char *path)
{
	(void)path;
	return false;
}

int
detect_rmd(struct detect_out *out, const struct source *src, const struct detect_ctx *ctx)
{
	(void)out;
	(void)src;
	(void)ctx;
	return 0;
}
