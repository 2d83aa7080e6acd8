/*
 * Fuzz target: tui/theme.c's theme_parse(), a theme document read without
 * touching the screen (a user's themes/NAME.json is input too). Also
 * theme_map_color() on every colour it accepts.
 */
#include <string.h>

#include "theme.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct theme_spec spec;
	char err[200];
	char *json = fuzz_cstr(data, size);
	int rc;

	if (!json)
		return 0;
	memset(&spec, 0xff, sizeof(spec));   /* every colour -1, as the caller's defaults */
	err[0] = '\0';
	rc = theme_parse(&spec, json, err, sizeof(err));
	FUZZ_CHECK(rc == 0 || rc == ERR_SYNTAX);
	if (rc == 0) {
		for (int el = 0; el < EL_COUNT; el++) {
			FUZZ_CHECK(spec.fg[el] >= -1 && spec.fg[el] <= 255);
			FUZZ_CHECK(spec.bg[el] >= -1 && spec.bg[el] <= 255);
			FUZZ_CHECK(theme_map_color(spec.fg[el], 8) < 8);
			FUZZ_CHECK(theme_map_color(spec.bg[el], 16) < 16);
		}
	} else {
		FUZZ_CHECK(err[0] != '\0' && memchr(err, '\0', sizeof(err)) != NULL);
	}
	free(json);
	return 0;
}
