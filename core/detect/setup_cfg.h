/*
 * The setup.cfg detector, with word of which list each requirement is read
 * from (the differential test groups them by it).
 */
#ifndef DEPUTY_DETECT_SETUP_CFG_H
#define DEPUTY_DETECT_SETUP_CFG_H

#include "deputy/sv.h"
#include "detect/detect.h"

/*
 * Called before each list setuptools reads: @option is "install_requires",
 * "setup_requires", "tests_require" or "extras_require" (then @extra names the
 * extra; else it is empty). The declarations and includes added until the
 * next call come from that list. A nonzero return stops the read.
 */
typedef int (*setup_cfg_list_fn)(const char *option, struct sv extra, void *payload);

/*
 * detect_setup_cfg(), calling @fn (may be NULL) before each list. Returns 0,
 * ERR_NOMEM or what @fn returned.
 */
int setup_cfg_read(struct detect_out *out, struct source *src, setup_cfg_list_fn fn,
		   void *payload);

#endif
