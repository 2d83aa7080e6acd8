/*
 * core/rules/typosquat_r.c: look-alikes of CRAN names and of well-known R
 * GitHub owners, and no false alarm on the names deputy knows.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "rules/checks.h"
#include "rules_fixture.h"

static const struct finding *
cran_typosquat(struct fixture *fx, const char *name, enum dep_kind kind)
{
	struct dep *d = fixture_r_dep(fx, ECO_CRAN, kind, name);

	assert_int_equal(fixture_run_one(fx, d), 0);
	return fixture_find(fx, "typosquat");
}

static const struct finding *
owner_typosquat(struct fixture *fx, const char *name)
{
	struct dep *d = fixture_r_remote(fx, ECO_GITHUB, name, NULL);

	assert_int_equal(fixture_run_one(fx, d), 0);
	return fixture_find(fx, "typosquat");
}

static void
test_cran_lookalikes_name_target_and_technique(void **state)
{
	struct fixture *fx = *state;
	static const struct {
		const char *name, *target, *technique;
	} cases[] = {
		{ "dplry", "dplyr", "adjacent letters swapped" },
		{ "ggplot", "ggplot2", "one letter deleted" },
		{ "tidyvrse", "tidyverse", "one letter deleted" },
		{ "tidyversee", "tidyverse", "letter doubled" },
		{ "lubridatte", "lubridate", "letter doubled" },
		{ "magritr", "magrittr", "double letter made single" },
		{ "jsonlit", "jsonlite", "one letter deleted" },
		{ "data_table", "data.table", "separator differs" },
		{ "datatable", "data.table", "separator differs" },
		{ "Data-Table", "data.table", "separator differs" },
		{ "shlny", "shiny", "look-alike letter replaced" },
		{ "stringl", "stringi", "look-alike letter replaced" },
		{ "devtoals", "devtools", "one letter replaced" },
		{ "methds", "methods", "one letter deleted" },
		{ "graphlcs", "graphics", "look-alike letter replaced" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct finding *f = cran_typosquat(fx, cases[i].name, DEP_INSTALL_COMMAND);
		if (!f)
			fail_msg("%s not flagged", cases[i].name);
		if (strcmp(f->imitates, cases[i].target) != 0 ||
		    strcmp(f->technique, cases[i].technique) != 0)
			fail_msg("%s: imitates %s by %s", cases[i].name, f->imitates, f->technique);
		assert_int_equal(f->imitates_rank, 0);
		assert_int_equal(f->severity, SEV_HIGH);
		assert_non_null(strstr(f->message, cases[i].name));
		assert_non_null(strstr(f->message, cases[i].target));
	}
	/* library() names a package too */
	assert_non_null(cran_typosquat(fx, "dplry", DEP_LIBRARY_CALL));
	assert_non_null(strstr(cran_typosquat(fx, "methds", DEP_LIBRARY_CALL)->message,
			       "ships with R"));
}

static void
test_cran_names_deputy_knows_are_never_flagged(void **state)
{
	struct fixture *fx = *state;
	size_t n = intel_cran_count(fx->intel), flagged = 0;

	assert_true(n > 1000);
	for (size_t i = 0; i < n; i++) {
		const char *name = intel_cran_name(fx->intel, i);
		const struct finding *f = cran_typosquat(fx, name, DEP_INSTALL_COMMAND);
		if (f) {
			flagged++;
			print_message("flagged: %s\n", f->message);
		}
	}
	assert_int_equal(flagged, 0);
	static const char *const base[] = {
		"stats", "utils", "grid", "grDevices", "MASS", "Matrix", "KernSmooth", "tcltk",
		"stats4", "base", "methods",
	};
	for (size_t i = 0; i < sizeof(base) / sizeof(base[0]); i++)
		assert_null(cran_typosquat(fx, base[i], DEP_LIBRARY_CALL));
}

/*
 * Names that packages on the list depend on or suggest are real packages,
 * however close to a popular one: tclust (fpc suggests it) is one letter
 * from mclust, and was flagged in seurat's DESCRIPTION.
 */
static void
test_cran_names_other_packages_use_are_never_flagged(void **state)
{
	struct fixture *fx = *state;
	static const char *const used[] = { "tclust", "TCLUST", "ggplot2movies", "limma",
		"Biobase" };

	for (size_t i = 0; i < sizeof(used) / sizeof(used[0]); i++) {
		assert_true(intel_cran_known(fx->intel, used[i]));
		const struct finding *f = cran_typosquat(fx, used[i], DEP_LIBRARY_CALL);
		if (f)
			fail_msg("false alarm: %s", f->message);
	}
	/* known is not popular: no target is taken from that list */
	assert_false(intel_cran_has(fx->intel, "tclust"));
	assert_false(intel_cran_known(fx->intel, "tidyvrse"));
	assert_non_null(cran_typosquat(fx, "tidyvrse", DEP_LIBRARY_CALL));
}

static void
test_cran_case_does_not_matter(void **state)
{
	struct fixture *fx = *state;
	static const char *const names[] = { "Rcpp", "RCPP", "data.table", "Data.Table",
					     "ggplot2", "GGally", "RColorBrewer" };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (cran_typosquat(fx, names[i], DEP_LIBRARY_CALL))
			fail_msg("%s flagged", names[i]);
}

static void
test_cran_lookalikes_leave_real_packages_missing_from_the_list(void **state)
{
	struct fixture *fx = *state;
	/*
	 * Real CRAN packages that Debian does not package, several one edit from
	 * a listed name: successors with a digit, short names, added letters.
	 */
	static const char *const real[] = {
		"httr2", "webshot2", "wordcloud2", "tsibble", "reader", "renv", "pak",
		"targets", "janitor", "tidymodels", "parsnip", "yardstick", "workflows",
		"tune", "golem", "styler", "duckdb", "arrow", "quarto", "gt", "xgboost",
		"leaflet", "odbc", "writexl", "RPostgres", "shinyr", "caret", "ranger",
		"lightgbm", "modelsummary", "gtsummary", "flextable", "patchwork", "cowplot",
		"ggpubr", "ggrepel", "tidybayes", "cmdstanr", "brms", "naniar", "tidyquant",
		"timetk", "fable", "feasts", "slider", "crew", "mirai", "plumber",
	};

	for (size_t i = 0; i < sizeof(real) / sizeof(real[0]); i++) {
		const struct finding *f = cran_typosquat(fx, real[i], DEP_INSTALL_COMMAND);
		if (f)
			fail_msg("false alarm: %s", f->message);
	}
}

static void
test_cran_short_names_need_a_subtle_slip(void **state)
{
	struct fixture *fx = *state;

	assert_null(cran_typosquat(fx, "dplyrr", DEP_INSTALL_COMMAND));  /* added, 5 letters */
	assert_null(cran_typosquat(fx, "glu", DEP_INSTALL_COMMAND));     /* glue: 4 letters */
	assert_null(cran_typosquat(fx, "rccp", DEP_INSTALL_COMMAND));    /* Rcpp: 4 letters */
	assert_null(cran_typosquat(fx, "sf2", DEP_INSTALL_COMMAND));
	assert_non_null(cran_typosquat(fx, "dpylr", DEP_INSTALL_COMMAND)); /* swap, 5 */
}

static void
test_cran_branch_skips_dynamic_and_other_ecosystems(void **state)
{
	struct fixture *fx = *state;
	struct dep *dyn = fixture_r_dep(fx, ECO_CRAN, DEP_LIBRARY_CALL, "");
	struct dep *bioc = fixture_r_dep(fx, ECO_BIOC, DEP_INSTALL_COMMAND, "dplry");

	dyn->dynamic = true;
	assert_int_equal(fixture_run_one(fx, dyn), 0);
	assert_null(fixture_find(fx, "typosquat"));
	assert_int_equal(fixture_run_one(fx, bioc), 0);
	assert_null(fixture_find(fx, "typosquat"));
}

static void
test_owner_lookalikes(void **state)
{
	struct fixture *fx = *state;
	static const struct {
		const char *name, *owner, *technique;
	} cases[] = {
		{ "tidyvrse/dplyr", "tidyverse", "one letter deleted" },
		{ "r-1ib/rlang", "r-lib", "look-alike letter replaced" },
		{ "rlib/rlang", "r-lib", "separator differs" },
		{ "hadly/emo", "hadley", "one letter deleted" },
		{ "ropensc1/x", "ropensci", "look-alike letter replaced" },
		{ "rstuido/shiny", "rstudio", "adjacent letters swapped" },
		{ "github::tidyversee/ggplot2@main", "tidyverse", "letter doubled" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct finding *f = owner_typosquat(fx, cases[i].name);
		if (!f)
			fail_msg("%s not flagged", cases[i].name);
		if (strcmp(f->imitates, cases[i].owner) != 0 ||
		    strcmp(f->technique, cases[i].technique) != 0)
			fail_msg("%s: imitates %s by %s", cases[i].name, f->imitates, f->technique);
		assert_int_equal(f->severity, SEV_HIGH);
		assert_non_null(strstr(f->message, cases[i].name));
	}
}

static void
test_known_and_unrelated_owners_are_not_flagged(void **state)
{
	struct fixture *fx = *state;
	size_t n = intel_r_owner_count(fx->intel);
	static const char *const fine[] = {
		"Tidyverse/dplyr", "R-LIB/rlang", "someone/pkg", "crab/x", "cram/x", "wcx/x",
		"ORG/repo", "posit-dev/positron",
	};

	assert_true(n >= 40);
	for (size_t i = 0; i < n; i++) {
		const char *name = arena_printf(&fx->arena, "%s/pkg", intel_r_owner_at(fx->intel, i));
		const struct finding *f = owner_typosquat(fx, name);
		if (f)
			fail_msg("false alarm: %s", f->message);
	}
	for (size_t i = 0; i < sizeof(fine) / sizeof(fine[0]); i++) {
		const struct finding *f = owner_typosquat(fx, fine[i]);
		if (f)
			fail_msg("false alarm: %s", f->message);
	}
	/* only GitHub owners are compared */
	struct dep *gl = fixture_r_remote(fx, ECO_GITLAB, "tidyvrse/dplyr", NULL);
	assert_int_equal(fixture_run_one(fx, gl), 0);
	assert_null(fixture_find(fx, "typosquat"));
	struct dep *other = fixture_r_dep(fx, ECO_VCS, DEP_INSTALL_COMMAND,
					  "https://git.example.org/tidyvrse/dplyr.git");
	assert_int_equal(fixture_run_one(fx, other), 0);
	assert_null(fixture_find(fx, "typosquat"));
}

/* install_git("https://github.com/OWNER/REPO.git") names a GitHub account as surely */
static void
test_owner_lookalikes_in_github_git_urls(void **state)
{
	struct fixture *fx = *state;
	static const char *const urls[] = {
		"https://github.com/tidyvrse/dplyr.git", "git+https://GitHub.com/tidyvrse/dplyr",
		"https://www.github.com/tidyvrse/dplyr.git",
	};

	for (size_t i = 0; i < sizeof(urls) / sizeof(urls[0]); i++) {
		struct dep *d = fixture_r_dep(fx, ECO_VCS, DEP_INSTALL_COMMAND, urls[i]);
		d->url = urls[i];
		assert_int_equal(fixture_run_one(fx, d), 0);
		const struct finding *f = fixture_find(fx, "typosquat");
		if (!f)
			fail_msg("%s not flagged", urls[i]);
		assert_string_equal(f->imitates, "tidyverse");
	}
	struct dep *real = fixture_r_dep(fx, ECO_VCS, DEP_INSTALL_COMMAND,
					 "https://github.com/tidyverse/dplyr.git");
	real->url = real->name;
	assert_int_equal(fixture_run_one(fx, real), 0);
	assert_null(fixture_find(fx, "typosquat"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cran_lookalikes_name_target_and_technique),
		cmocka_unit_test(test_owner_lookalikes_in_github_git_urls),
		cmocka_unit_test(test_cran_names_deputy_knows_are_never_flagged),
		cmocka_unit_test(test_cran_names_other_packages_use_are_never_flagged),
		cmocka_unit_test(test_cran_case_does_not_matter),
		cmocka_unit_test(test_cran_lookalikes_leave_real_packages_missing_from_the_list),
		cmocka_unit_test(test_cran_short_names_need_a_subtle_slip),
		cmocka_unit_test(test_cran_branch_skips_dynamic_and_other_ecosystems),
		cmocka_unit_test(test_owner_lookalikes),
		cmocka_unit_test(test_known_and_unrelated_owners_are_not_flagged),
	};

	return cmocka_run_group_tests(tests, fixture_setup, fixture_teardown);
}
