/*
 * config.json: "filters" and "keys" are read into struct config, and every
 * bad value is a warning naming the file, never a failure.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <curses.h>

#include "config.h"
#include "deputy/diag.h"

static char dir[] = "/tmp/deputy-config-test-XXXXXX";

/* Writes @json as the configuration file and loads it; the warnings go to @warn (heap). */
static void
load(struct config *out, const char *json, char **warn)
{
	char path[256];
	size_t size;
	FILE *fp, *w;

	snprintf(path, sizeof(path), "%s/deputy", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/deputy/config.json", dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(json, fp);
	fclose(fp);
	setenv("XDG_CONFIG_HOME", dir, 1);
	w = open_memstream(warn, &size);
	assert_non_null(w);
	config_load(out, w);
	fclose(w);
}

static void
test_config_reads_filters(void **state)
{
	struct config c;
	char *warn;

	(void)state;
	load(&c, "{\"theme\": \"mono\", \"filters\": {\"min_severity\": \"medium\", "
	     "\"ecosystem\": \"r\", \"flagged_only\": true}}", &warn);
	assert_string_equal(warn, "");
	assert_string_equal(c.theme, "mono");
	assert_true(c.filters.has_min_severity);
	assert_int_equal(c.filters.min_severity, SEV_MEDIUM);
	assert_true(c.filters.has_ecosystem);
	assert_int_equal(c.filters.ecosystem, CONFIG_ECO_R);
	assert_true(c.filters.has_flagged_only);
	assert_true(c.filters.flagged_only);
	free(warn);
	config_release(&c);
}

static void
test_config_warns_about_bad_filters(void **state)
{
	struct config c;
	char *warn;

	(void)state;
	load(&c, "{\"filters\": {\"min_severity\": \"severe\", \"ecosystem\": \"java\", "
	     "\"flagged_only\": \"yes\", \"colour\": 1}}", &warn);
	assert_non_null(strstr(warn, "config.json: \"filters.min_severity\" should be one of"));
	assert_non_null(strstr(warn, "\"filters.ecosystem\" should be \"python\", \"r\" or \"all\""));
	assert_non_null(strstr(warn, "\"filters.flagged_only\" should be true or false"));
	assert_non_null(strstr(warn, "\"filters.colour\" is not a known filter"));
	assert_false(c.filters.has_min_severity);
	assert_false(c.filters.has_ecosystem);
	assert_false(c.filters.has_flagged_only);
	free(warn);
	config_release(&c);
}

static void
test_config_reads_key_overrides(void **state)
{
	struct config c;
	char *warn;

	(void)state;
	load(&c, "{\"keys\": {\"next-flag\": \"J\", \"previous-flag\": [\"K\", \"Ctrl-P\"], "
	     "\"quit\": \"f10\"}}", &warn);
	assert_string_equal(warn, "");
	assert_int_equal(c.n_keys, 4);
	assert_int_equal(c.keys[0].action, ACT_NEXT_FLAG);
	assert_int_equal(c.keys[0].key, 'J');
	assert_int_equal(c.keys[1].action, ACT_PREV_FLAG);
	assert_int_equal(c.keys[1].key, 'K');
	assert_int_equal(c.keys[2].key, 16);     /* Ctrl-P */
	assert_int_equal(c.keys[3].action, ACT_QUIT);
	assert_int_equal(c.keys[3].key, KEY_F(10));
	free(warn);
	config_release(&c);
}

static void
test_config_warns_about_bad_keys(void **state)
{
	struct config c;
	char *warn;

	(void)state;
	load(&c, "{\"keys\": {\"fly\": \"x\", \"quit\": \"Hyper-Q\", \"help\": 3, "
	     "\"next-flag\": \"J\", \"previous-flag\": \"J\"}}", &warn);
	assert_non_null(strstr(warn, "config.json: \"keys.fly\" is not an action name"));
	assert_non_null(strstr(warn, "\"keys.quit\" has a key that is not understood (Hyper-Q;"));
	assert_non_null(strstr(warn, "\"keys.help\" should be a key or an array of keys"));
	assert_non_null(strstr(warn, "\"keys.J\" is already given to \"next-flag\""));
	assert_int_equal(c.n_keys, 1);
	free(warn);
	config_release(&c);
}

static void
test_config_parse_key_names(void **state)
{
	int key = 0;

	(void)state;
	assert_int_equal(config_parse_key(&key, "/"), 0);
	assert_int_equal(key, '/');
	assert_int_equal(config_parse_key(&key, "pgdn"), 0);
	assert_int_equal(key, KEY_NPAGE);
	assert_int_equal(config_parse_key(&key, "Space"), 0);
	assert_int_equal(key, ' ');
	assert_int_equal(config_parse_key(&key, "ctrl-l"), 0);
	assert_int_equal(key, 12);
	assert_int_equal(config_parse_key(&key, "F1"), 0);
	assert_int_equal(key, KEY_F(1));
	assert_int_equal(config_parse_key(&key, "F13"), ERR_SYNTAX);
	assert_int_equal(config_parse_key(&key, "F01"), ERR_SYNTAX);
	assert_int_equal(config_parse_key(&key, ""), ERR_SYNTAX);
	assert_int_equal(config_parse_key(&key, "Ctrl-1"), ERR_SYNTAX);
	assert_int_equal(config_parse_key(&key, "\xc3\xa9"), ERR_SYNTAX);
}

static int
teardown(void **state)
{
	char path[256];

	(void)state;
	snprintf(path, sizeof(path), "%s/deputy/config.json", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/deputy", dir);
	rmdir(path);
	rmdir(dir);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config_reads_filters),
		cmocka_unit_test(test_config_warns_about_bad_filters),
		cmocka_unit_test(test_config_reads_key_overrides),
		cmocka_unit_test(test_config_warns_about_bad_keys),
		cmocka_unit_test(test_config_parse_key_names),
	};

	if (!mkdtemp(dir))
		return 1;
	return cmocka_run_group_tests(tests, NULL, teardown);
}
