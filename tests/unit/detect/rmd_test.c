/* Tests for core/detect/rmd.c: only the R chunks are read, at their own lines. */
#include "detect_harness.h"

static void
detect_path(const char *path, const char *text)
{
	harness_detect(detect_rmd, path, text, strlen(text));
	for (size_t i = 0; i < out.n_deps; i++) {
		assert_int_equal(out.deps[i]->language, LANG_R);
		assert_string_equal(out.deps[i]->file, path);
	}
}

static void
test_rmd_matches_markdown_quarto_and_sweave(void **state)
{
	(void)state;
	assert_true(rmd_matches("report.Rmd"));
	assert_true(rmd_matches("a/report.rmd"));
	assert_true(rmd_matches("doc.qmd"));
	assert_true(rmd_matches("paper.Rnw"));
	assert_true(rmd_matches("paper.rnw"));
	assert_true(rmd_matches("site/index.Rmarkdown"));
	assert_false(rmd_matches("README.md"));
	assert_false(rmd_matches("run.R"));
	assert_false(rmd_matches(".Rmd"));
}

static void
test_rmd_reads_r_chunks_at_their_lines(void **state)
{
	(void)state;
	detect_path("doc/report.Rmd",
		    "---\n"
		    "title: \"library(yamlnot)\"\n"
		    "---\n"
		    "\n"
		    "Text mentioning library(prose) is not code.\n"
		    "\n"
		    "```{r setup, echo=FALSE}\n"
		    "library(dplyr)\n"
		    "```\n"
		    "\n"
		    "```{python}\n"
		    "library(notr)\n"
		    "```\n"
		    "\n"
		    "```{r}\n"
		    "  source(\"https://x.org/a.R\")\n"
		    "```\n"
		    "```{r, message = FALSE}\n"
		    "remotes::install_github(\"o/r@v1\")\n"
		    "```\n"
		    "```r\n"
		    "library(plainfence)\n"
		    "```\n"
		    "```{rcpp}\n"
		    "library(rcppchunk)\n"
		    "```\n"
		    "```{R label}\n"
		    "require(upper)\n"
		    "````\n");
	harness_assert_at(harness_find("dplyr"), 8, 9);
	const struct dep *d = harness_find("https://x.org/a.R");
	harness_assert_at(d, 16, 10);
	assert_int_equal(d->kind, DEP_REMOTE_SOURCE);
	assert_string_equal(d->raw, "source(\"https://x.org/a.R\")");
	d = harness_find("o/r");
	harness_assert_at(d, 19, 25);
	assert_int_equal(d->ecosystem, ECO_GITHUB);
	assert_string_equal(d->spec, "v1");
	harness_assert_at(harness_find("upper"), 28, 9);
	/* dplyr, the URL, remotes, o/r, upper */
	assert_int_equal(out.n_deps, 5);
}

static void
test_rmd_inline_code_keeps_code_point_columns(void **state)
{
	(void)state;
	detect_path("x.qmd", "Ça été `r library(inl)` et `r 1 + 1`.\n"
			     "````{r}\n"
			     "x <- \"https://s.org/q.R\"\n"
			     "````\n"
			     "Then `r source(x)`.\n");
	harness_assert_at(harness_find("inl"), 1, 19);
	harness_assert_at(harness_find("https://s.org/q.R"), 5, 16);
	assert_int_equal(out.n_deps, 2);
}

static void
test_rnw_reads_sweave_chunks(void **state)
{
	(void)state;
	detect_path("paper.Rnw", "\\documentclass{article}\n"
				 "<<setup, echo=FALSE>>=\n"
				 "library(sweave1)\n"
				 "@\n"
				 "library(latex) is text here\n"
				 "<<>>=\n"
				 "require(sweave2)\n"
				 "@ % end\n"
				 "\\end{document}\n");
	harness_assert_at(harness_find("sweave1"), 3, 9);
	harness_assert_at(harness_find("sweave2"), 7, 9);
	assert_int_equal(out.n_deps, 2);
}

static void
test_rmd_unclosed_chunk_runs_to_the_end(void **state)
{
	(void)state;
	detect_path("broken.Rmd", "```{r}\nlibrary(a)\nlibrary(((\n```{r}\n");
	harness_assert_at(harness_find("a"), 2, 9);
	assert_int_equal(out.n_deps, 1);
}

static void
test_rmd_chunk_begin_inside_an_open_chunk_begins_the_next(void **state)
{
	(void)state;
	/* renv's evil.Rmd and many student notebooks: the closing fence forgotten */
	detect_path("lab.Rmd", "```{r}\nlibrary(a)\n\n```{r, eval = FALSE}\nlibrary(b)\n"
			       "```{python}\nimport c\nlibrary(notr)\n```{r}\nlibrary(d)\n```\n"
			       "library(prose)\n");
	harness_assert_at(harness_find("a"), 2, 9);
	harness_assert_at(harness_find("b"), 5, 9);
	harness_assert_at(harness_find("d"), 10, 9);
	assert_int_equal(out.n_deps, 3);
	assert_int_equal(diags.len, 0);

	harness_reset();
	detect_path("paper.Rnw", "<<>>=\nlibrary(e)\n<<b>>=\nlibrary(f)\n@\n");
	harness_assert_at(harness_find("f"), 4, 9);
	assert_int_equal(out.n_deps, 2);
	assert_int_equal(diags.len, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		HARNESS_TEST(test_rmd_matches_markdown_quarto_and_sweave),
		HARNESS_TEST(test_rmd_reads_r_chunks_at_their_lines),
		HARNESS_TEST(test_rmd_inline_code_keeps_code_point_columns),
		HARNESS_TEST(test_rnw_reads_sweave_chunks),
		HARNESS_TEST(test_rmd_unclosed_chunk_runs_to_the_end),
		HARNESS_TEST(test_rmd_chunk_begin_inside_an_open_chunk_begins_the_next),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
