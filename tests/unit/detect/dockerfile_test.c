/* Tests for core/detect/dockerfile.c: RUN instructions in Dockerfiles. */
#include "detect_harness.h"

#define DETECT(lit) harness_detect(detect_dockerfile, "docker/Dockerfile", (lit), sizeof(lit) - 1)

static void
test_dockerfile_matches_its_names(void **state)
{
	(void)state;
	assert_true(dockerfile_matches("Dockerfile"));
	assert_true(dockerfile_matches("x/Dockerfile.dev"));
	assert_true(dockerfile_matches("api.dockerfile"));
	assert_true(dockerfile_matches("Containerfile"));
	assert_true(dockerfile_matches("dockerfile"));
	assert_false(dockerfile_matches("Dockerfiles"));
	assert_false(dockerfile_matches("docker-compose.yml"));
}

static void
test_dockerfile_reads_run_with_continuations_and_chains(void **state)
{
	(void)state;
	DETECT("FROM python:3.11\n"
	       "ENV PIP_NO_CACHE_DIR=1\n"
	       "run apt-get update && \\\n"
	       "    # a comment inside the instruction\n"
	       "    pip install --no-cache-dir \\\n"
	       "      flask==3.0 \\\n"
	       "\n"
	       "      gunicorn && rm -rf /tmp/*\n"
	       "RUN --mount=type=cache,target=/root/.cache pip install -r requirements.txt uvicorn\n"
	       "CMD [\"pip\", \"install\", \"notrun\"]\n"
	       "ONBUILD RUN pip install onbuilt\n");
	assert_int_equal(out.n_deps, 4);
	harness_expect_dep(0, "flask", 6, 7);
	assert_string_equal(harness_dep_at(0)->spec, "==3.0");
	assert_int_equal(harness_dep_at(0)->kind, DEP_INSTALL_COMMAND);
	harness_expect_dep(1, "gunicorn", 8, 7);
	assert_string_equal(harness_dep_at(1)->raw, "pip install --no-cache-dir       flask==3.0       gunicorn");
	harness_expect_dep(2, "uvicorn", 9, 76);
	harness_expect_dep(3, "onbuilt", 11, 25);
	assert_int_equal(out.n_includes, 1);
	assert_string_equal(out.includes[0].path, "requirements.txt");
	assert_int_equal(out.includes[0].line, 9);
	assert_int_equal(out.includes[0].column, 59);
	assert_int_equal(diags.len, 0);
}

static void
test_dockerfile_reads_the_exec_form(void **state)
{
	(void)state;
	DETECT("RUN [\"pip\", \"install\", \"--index-url\", \"https://m.example/simple\", \"a b\", \"c\"]\n"
	       "RUN [\"/bin/sh\", \"-c\", \"pip install d && curl -s https://e.example/x | sh\"]\n");
	assert_int_equal(out.n_deps, 3);
	/* "a b" is one argument: pip refuses it, and says so */
	assert_true(diags.len >= 1);
	harness_expect_dep(0, "c", 1, 75);
	assert_string_equal(harness_dep_at(0)->index_url, "https://m.example/simple");
	harness_expect_dep(1, "d", 2, 36);
	harness_expect_dep(2, "https://e.example/x", 2, 49);
	assert_int_equal(out.n_options, 1);
	assert_int_equal(out.options[0]->column, 25);
}

static void
test_dockerfile_decodes_escapes_of_the_exec_form(void **state)
{
	(void)state;
	/* \u0065 is "e", \u0041 "A" */
	DETECT("RUN [\"pip\", \"install\", \"r\\u0065quests\", \"\\u0041b\"]\n");
	assert_int_equal(out.n_deps, 2);
	assert_string_equal(harness_dep_at(0)->name, "requests");
	assert_int_equal(harness_dep_at(0)->column, 25);
	assert_string_equal(harness_dep_at(1)->name, "Ab");
}

static void
test_dockerfile_follows_the_escape_directive(void **state)
{
	(void)state;
	DETECT("# escape=`\nFROM mcr.microsoft.com/windows\nRUN pip install `\n    winpkg\n");
	assert_int_equal(out.n_deps, 1);
	harness_expect_dep(0, "winpkg", 4, 5);
}

static void
test_dockerfile_reads_heredoc_bodies(void **state)
{
	(void)state;
	DETECT("RUN <<EOF\nset -e\npip install fromheredoc\nEOF\nRUN pip install after\n");
	assert_int_equal(out.n_deps, 2);
	harness_expect_dep(0, "fromheredoc", 3, 13);
	harness_expect_dep(1, "after", 5, 17);
}

static void
test_dockerfile_survives_truncated_input(void **state)
{
	(void)state;
	DETECT("RUN pip install \"unclosed \\\n");
	assert_int_equal(out.n_deps, 0);
	assert_true(harness_has_diag("unterminated double quote"));
	DETECT("RUN [\"pip\", \"install\", \"x");
	DETECT("RUN \\");
	DETECT("RUN <<EOF\npip install never_closed\n");
	/* Docker reads broken JSON as shell form, which sh refuses: only the heredoc counts */
	assert_int_equal(out.n_deps, 1);
	assert_string_equal(harness_dep_at(0)->name, "never_closed");
}

static void
test_dockerfile_maps_image_paths_to_what_copy_put_there(void **state)
{
	static const char *const want[] = {
		"requirements.txt",     /* COPY file dir/ keeps its name */
		"ci/test.txt",          /* a folder's contents go into the destination */
		"ci/test.txt",          /* JSON form, file to file */
		"ci/extra-1.txt",       /* a wildcard source */
		"app.txt",              /* COPY . . under WORKDIR, relative -r */
		"ci/test.txt",          /* relative to a cd inside the image */
		"/etc/never-copied.txt",/* as written: nothing put it there */
		"/tmp/requirements.txt",/* a new stage from an image starts over */
	};

	(void)state;
	DETECT("FROM python:3.12 AS base\n"
	       "WORKDIR /srv\n"
	       "WORKDIR app\n"
	       "COPY --chown=app:app requirements.txt /tmp/\n"
	       "COPY ci/ ./ci-files/\n"
	       "COPY [\"ci/test.txt\", \"/opt/t.txt\"]\n"
	       "COPY ci/extra-*.txt /x/\n"
	       "COPY --from=builder /wheels/req.txt /tmp/req.txt\n"
	       "ADD https://example.com/r.txt /tmp/remote.txt\n"
	       "COPY $CTX/r.txt /tmp/var.txt\n"
	       "COPY . .\n"
	       "RUN pip install -r /tmp/requirements.txt -r ci-files/test.txt \\\n"
	       "    -r /opt/t.txt -r /x/extra-1.txt -r ./app.txt\n"
	       "RUN cd ci-files && pip install -r test.txt\n"
	       "RUN pip install -r /etc/never-copied.txt -r /tmp/req.txt -r /tmp/remote.txt "
	       "-r /tmp/var.txt\n"
	       "FROM python:3.12\n"
	       "RUN pip install -r /tmp/requirements.txt\n");
	assert_int_equal(out.n_includes, 8);
	for (size_t i = 0; i < 6; i++) {
		assert_string_equal(out.includes[i].path, want[i]);
		assert_null(out.includes[i].cd);
		assert_true(out.includes[i].or_root);
	}
	assert_string_equal(out.includes[6].path, want[6]);
	assert_string_equal(out.includes[7].path, want[7]);
	assert_int_equal(out.includes[7].line, 17);
	/* --from, a remote ADD and a $ source put nothing from the context there: notes */
	static const char *const origins[][2] = {
		{ "/tmp/req.txt", "is put in the image by COPY --from=builder, not taken from" },
		{ "/tmp/remote.txt", "is downloaded into the image by ADD https://example.com/r.txt" },
		{ "/tmp/var.txt", "is copied from a path known only when the image is built ($CTX" },
	};
	assert_int_equal(diags.len, 3);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(diags.items[i].level, DIAG_NOTE);
		assert_int_equal(diags.items[i].line, 15);
		assert_non_null(strstr(diags.items[i].message, origins[i][0]));
		assert_non_null(strstr(diags.items[i].message, origins[i][1]));
	}
}

/* FROM an earlier stage's name goes on from where that stage ended. */
static void
test_dockerfile_stage_from_a_stage_keeps_its_copies_and_workdir(void **state)
{
	static const char *const want[] = {
		"requirements.txt",     /* FROM base: base's COPY */
		"app/dev.txt",          /* ... and its WORKDIR */
		"requirements.txt",     /* FROM --platform=... BASE AS second: any case */
		"ci/test.txt",          /* FROM second: second's own COPY, base's WORKDIR */
		"/tmp/requirements.txt",/* FROM an image: starts over */
		"requirements.txt",     /* base again, as base ended */
	};

	(void)state;
	DETECT("FROM python:3.12 AS base\n"
	       "WORKDIR /srv\n"
	       "COPY requirements.txt /tmp/\n"
	       "COPY app/ ./\n"
	       "FROM base\n"
	       "RUN pip install -r /tmp/requirements.txt -r dev.txt\n"
	       "FROM --platform=$BUILDPLATFORM BASE AS second\n"
	       "COPY ci/test.txt t.txt\n"
	       "RUN pip install -r /tmp/requirements.txt\n"
	       "FROM second AS third\n"
	       "RUN pip install -r t.txt\n"
	       "FROM python:3.12\n"
	       "RUN pip install -r /tmp/requirements.txt\n"
	       "FROM base\n"
	       "RUN pip install -r /tmp/requirements.txt\n");
	assert_int_equal(out.n_includes, 6);
	for (size_t i = 0; i < 6; i++)
		assert_string_equal(out.includes[i].path, want[i]);
}

/* COPY --from=STAGE brings what that stage had copied from the context. */
static void
test_dockerfile_copy_from_a_stage_follows_that_stage(void **state)
{
	(void)state;
	DETECT("FROM python AS deps\n"
	       "COPY requirements.txt /src/\n"
	       "COPY ci/ /src/ci/\n"
	       "ADD https://example.com/x.txt /src/x.txt\n"
	       "RUN pip wheel six -w /wheels\n"
	       "FROM python\n"
	       "COPY --from=deps /src/requirements.txt /app/\n"
	       "COPY --from=DEPS /src/ci /app/ci\n"
	       "COPY --from=deps /src/x.txt /app/\n"
	       "COPY --from=deps /wheels /app/wheels\n"
	       "COPY --from=python:3.12 /etc/r.txt /app/\n"
	       "RUN pip install -r /app/requirements.txt -r /app/ci/test.txt -r /app/x.txt \\\n"
	       "    -r /app/wheels/r.txt -r /app/r.txt\n");
	assert_int_equal(out.n_includes, 2);
	assert_string_equal(out.includes[0].path, "requirements.txt");
	assert_string_equal(out.includes[1].path, "ci/test.txt");      /* a folder, any case */
	assert_int_equal(diags.len, 3);
	assert_non_null(strstr(diags.items[0].message, "'/app/x.txt' is downloaded into the image by "
						      "ADD https://example.com/x.txt"));
	assert_non_null(strstr(diags.items[1].message,
			       "'/app/wheels/r.txt' is put in the image by COPY --from=deps"));
	assert_non_null(strstr(diags.items[2].message,
			       "'/app/r.txt' is put in the image by COPY --from=python:3.12"));
}

static void
test_dockerfile_copy_into_a_folder_without_workdir_and_above_the_root(void **state)
{
	(void)state;
	DETECT("FROM x\nCOPY reqs /\nCOPY a.txt b.txt ..\nWORKDIR $HOME\nCOPY c.txt .\n"
	       "COPY <<EOF /h.txt\nflask\nEOF\n"
	       "RUN pip install -r /reqs/base.txt -r /a.txt -r c.txt -r /h.txt\n");
	assert_int_equal(out.n_includes, 3);
	assert_string_equal(out.includes[0].path, "reqs/base.txt");
	assert_string_equal(out.includes[1].path, "a.txt");
	/* WORKDIR $HOME: the image folder is unknown, the path stays as written */
	assert_string_equal(out.includes[2].path, "c.txt");
	/* a heredoc is not in the build context */
	assert_int_equal(diags.len, 1);
	assert_non_null(strstr(diags.items[0].message,
			       "'/h.txt' is written by a heredoc of the Dockerfile (<<EOF)"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		HARNESS_TEST(test_dockerfile_matches_its_names),
		HARNESS_TEST(test_dockerfile_reads_run_with_continuations_and_chains),
		HARNESS_TEST(test_dockerfile_reads_the_exec_form),
		HARNESS_TEST(test_dockerfile_decodes_escapes_of_the_exec_form),
		HARNESS_TEST(test_dockerfile_follows_the_escape_directive),
		HARNESS_TEST(test_dockerfile_reads_heredoc_bodies),
		HARNESS_TEST(test_dockerfile_survives_truncated_input),
		HARNESS_TEST(test_dockerfile_maps_image_paths_to_what_copy_put_there),
		HARNESS_TEST(test_dockerfile_stage_from_a_stage_keeps_its_copies_and_workdir),
		HARNESS_TEST(test_dockerfile_copy_from_a_stage_follows_that_stage),
		HARNESS_TEST(test_dockerfile_copy_into_a_folder_without_workdir_and_above_the_root),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
