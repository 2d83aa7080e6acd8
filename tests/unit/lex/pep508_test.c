/* Tests for core/lex/pep508.c: names, extras, specifiers, URLs, markers, errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "deputy/dep.h"
#include "lex/pep440_version.h"
#include "lex/pep508.h"

static struct arena arena;

static int
setup(void **state)
{
	(void)state;
	arena_init(&arena);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	arena_release(&arena);
	return 0;
}

static struct pep508_req
parse_ok(const char *text)
{
	struct pep508_req req;
	struct pep508_error err = { 0 };
	int rc = pep508_parse(&req, &arena, sv_from_cstr(text), &err);

	if (rc != 0)
		fail_msg("%s: %s at %zu", text, err.message, err.offset);
	return req;
}

static struct pep508_error
parse_bad(const char *text)
{
	struct pep508_req req;
	struct pep508_error err = { 0 };

	assert_int_equal(pep508_parse(&req, &arena, sv_from_cstr(text), &err), ERR_SYNTAX);
	return err;
}

static void
test_pep508_reads_plain_name_with_span(void **state)
{
	(void)state;
	struct pep508_req r = parse_ok("  Foo_Bar.baz ");
	assert_true(sv_eq_cstr(r.name, "Foo_Bar.baz"));
	assert_int_equal(r.name_at.start, 2);
	assert_int_equal(r.name_at.end, 13);
	assert_string_equal(r.spec, "");
	assert_null(r.url);
	assert_string_equal(r.marker, "");
}

static void
test_pep508_name_must_start_and_end_with_alnum(void **state)
{
	(void)state;
	assert_true(pep508_is_name(SV_LIT("a-b_c.d")));
	assert_false(pep508_is_name(SV_LIT("_foo")));
	assert_false(pep508_is_name(SV_LIT("foo-")));
	assert_false(pep508_is_name(SV_LIT("")));
	struct pep508_error e = parse_bad("foo-");
	assert_int_equal(e.offset, 3);
	e = parse_bad("_foo");
	assert_int_equal(e.offset, 0);
	assert_non_null(strstr(e.message, "expected a package name"));
}

static void
test_pep508_reads_extras_with_spaces(void **state)
{
	(void)state;
	struct pep508_req r = parse_ok("foo [ security , socks ]>=1");
	assert_int_equal(r.n_extras, 2);
	assert_string_equal(r.extras[0], "security");
	assert_string_equal(r.extras[1], "socks");
	r = parse_ok("foo[]");
	assert_int_equal(r.n_extras, 0);
	parse_bad("foo[bar");
	parse_bad("foo[bar,]");
}

static void
test_pep508_keeps_spec_as_written_and_sorts_canonical(void **state)
{
	(void)state;
	struct pep508_req r = parse_ok("foo >= 1.0 , < 2");
	assert_string_equal(r.spec, ">=1.0,<2");
	assert_string_equal(r.spec_canonical, "<2,>=1.0");
	r = parse_ok("foo (>=1,<2,>=1)");
	assert_string_equal(r.spec, ">=1,<2,>=1");
	assert_string_equal(r.spec_canonical, "<2,>=1");
}

static void
test_pep508_accepts_every_operator(void **state)
{
	(void)state;
	const char *cases[][2] = {
		{ "a~=1.4.5", "~=1.4.5" }, { "a==1.0", "==1.0" }, { "a!=1.0", "!=1.0" },
		{ "a<=1", "<=1" }, { "a>=1", ">=1" }, { "a<1", "<1" }, { "a>1", ">1" },
		{ "a===1.0-weird", "===1.0-weird" }, { "a==1.*", "==1.*" },
		{ "a!=1.2.*", "!=1.2.*" }, { "a==1.0+local.7", "==1.0+local.7" },
		{ "a==1!2.0", "==1!2.0" }, { "a~=1.0.post1.dev2", "~=1.0.post1.dev2" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct pep508_req r = parse_ok(cases[i][0]);
		assert_string_equal(r.spec, cases[i][1]);
		assert_string_equal(r.spec_canonical, cases[i][1]);
	}
}

static void
test_pep508_compatible_release_needs_two_parts(void **state)
{
	(void)state;
	struct pep508_error e = parse_bad("foo~=1");
	assert_non_null(strstr(e.message, "after '~='"));
	assert_int_equal(e.offset, 5);
}

static void
test_pep508_flags_an_operator_without_version(void **state)
{
	(void)state;
	struct pep508_req r = parse_ok("foo==");
	assert_true(r.empty_version);
	assert_string_equal(r.empty_version_op, "==");
	assert_int_equal(r.empty_version_at.start, 3);
	r = parse_ok("foo==1");
	assert_false(r.empty_version);
}

static void
test_pep508_rejects_malformed_specifiers(void **state)
{
	(void)state;
	parse_bad("foo>=1,");
	parse_bad("foo,>=1");
	parse_bad("foo>=1.0 <2");
	parse_bad("foo (>=1");
	parse_bad("foo()");
	struct pep508_error e = parse_bad("foo>=1, x");
	assert_non_null(strstr(e.message, "expected a version operator after ','"));
}

static void
test_pep508_reads_url_requirement(void **state)
{
	(void)state;
	struct pep508_req r = parse_ok("pkg[x] @ https://host/p.zip ; os_name == 'nt'");
	assert_string_equal(r.url, "https://host/p.zip");
	assert_int_equal(r.url_at.start, 9);
	assert_string_equal(r.marker_canonical, "os_name == \"nt\"");
	r = parse_ok("pkg@file:///tmp/x");
	assert_string_equal(r.url, "file:///tmp/x");
	parse_bad("pkg @");
	parse_bad("pkg @ notaurl");
	parse_bad("pkg @ http:///nohost");
}

static void
check_marker(const char *text, const char *want)
{
	const char *got;
	struct pep508_error err = { 0 };
	int rc = pep508_parse_marker(&got, &arena, sv_from_cstr(text), &err);

	if (rc)
		fail_msg("%s: %s", text, err.message);
	assert_string_equal(got, want);
}

static void
test_pep508_renders_markers_like_packaging(void **state)
{
	(void)state;
	check_marker("python_version>\"3\" and (os_name==\"nt\" or os_name==\"posix\")",
		     "python_version > \"3\" and (os_name == \"nt\" or os_name == \"posix\")");
	check_marker("(os_name=='a')", "os_name == \"a\"");
	check_marker("((os_name=='a'))", "os_name == \"a\"");
	/* packaging 21.3 drops the parentheses of a doubly wrapped group */
	check_marker("os_name=='a' and ((os_name=='b' or os_name=='c'))",
		     "os_name == \"a\" and os_name == \"b\" or os_name == \"c\"");
	check_marker("os.name=='x'", "os_name == \"x\"");
	check_marker("python_implementation=='x'", "platform_python_implementation == \"x\"");
	check_marker("'x' not in sys_platform", "\"x\" not in sys_platform");
	check_marker("os_name=='a'oros_name=='b'", "os_name == \"a\" or os_name == \"b\"");
	check_marker("python_full_version ~= '3.8.1' and implementation_version === '3'",
		     "python_full_version ~= \"3.8.1\" and implementation_version === \"3\"");
	check_marker("extra in 'a b' and platform_release<='5' and platform_system!='x' and "
		     "platform_version>='1' and platform_machine<'z' and "
		     "implementation_name>'c' and platform_python_implementation=='CPython'",
		     "extra in \"a b\" and platform_release <= \"5\" and platform_system != \"x\" and "
		     "platform_version >= \"1\" and platform_machine < \"z\" and "
		     "implementation_name > \"c\" and platform_python_implementation == \"CPython\"");
}

static void
test_pep508_rejects_malformed_markers(void **state)
{
	(void)state;
	const char *bad[] = {
		"os_name = 'x'", "os_name == 'x", "bogus == 'x'", "os_name not  in 'x'",
		"os_name == 'a' and", "(os_name == 'a'", "os_name == 'a')", "", "python_version > 3",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *got;
		struct pep508_error err = { 0 };
		int rc = pep508_parse_marker(&got, &arena, sv_from_cstr(bad[i]), &err);
		if (rc != ERR_SYNTAX)
			fail_msg("accepted bad marker %s", bad[i]);
		assert_true(err.message[0] >= 'a' && err.message[0] <= 'z');
	}
	struct pep508_error e = parse_bad("foo; os_name = 'x'");
	assert_int_equal(e.offset, 13);
}

static void
test_pep508_limits_marker_depth(void **state)
{
	(void)state;
	char text[400];
	size_t n = 0;
	const char *got;
	struct pep508_error err = { 0 };

	for (int i = 0; i < 100; i++)
		text[n++] = '(';
	memcpy(text + n, "os_name=='a'", 12);
	n += 12;
	for (int i = 0; i < 100; i++)
		text[n++] = ')';
	assert_int_equal(pep508_parse_marker(&got, &arena, sv_make(text, n), &err), ERR_LIMIT);
}

static void
test_pep508_survives_nul_and_invalid_utf8(void **state)
{
	(void)state;
	struct pep508_req req;
	struct pep508_error err = { 0 };
	static const char text[] = "foo\0bar\xff";

	assert_int_equal(pep508_parse(&req, &arena, sv_make(text, sizeof(text) - 1), &err),
			 ERR_SYNTAX);
	assert_int_equal(err.offset, 3);
	assert_non_null(strstr(err.message, "byte 0x00"));
}

static void
test_pep508_refuses_huge_input(void **state)
{
	(void)state;
	size_t n = PEP508_MAX_LEN + 10;
	char *text = malloc(n);
	struct pep508_req req;
	struct pep508_error err = { 0 };

	memset(text, 'a', n);
	assert_int_equal(pep508_parse(&req, &arena, sv_make(text, n), &err), ERR_LIMIT);
	free(text);
}

static void
test_pep508_normalizes_names_per_pep503(void **state)
{
	(void)state;
	assert_string_equal(dep_normalize_name(&arena, SV_LIT("Setup_Tools")), "setup-tools");
	assert_string_equal(dep_normalize_name(&arena, SV_LIT("setup-tools")), "setup-tools");
	assert_string_equal(dep_normalize_name(&arena, SV_LIT("Foo__Bar--.baz")), "foo-bar-baz");
	assert_string_equal(dep_normalize_name(&arena, SV_LIT("zope.interface")), "zope-interface");
	assert_true(dep_name_is_normalized(SV_LIT("setup-tools")));
	assert_false(dep_name_is_normalized(SV_LIT("Setup_Tools")));
}

/* Expected values: pip 23.2's packaging 21.3, canonicalize_version(), on this machine. */
static void
test_pep440_canonical_version_matches_packaging(void **state)
{
	static const char *const cases[][2] = {
		{ "1.0", "1" },
		{ "v1.0", "1" },
		{ "V1.0.0", "1" },
		{ "1.0.0-RC1", "1rc1" },
		{ "1!2.0", "1!2" },
		{ "0!1.0", "1" },
		{ "1.0a1", "1a1" },
		{ "1.0alpha2", "1a2" },
		{ "1.0.beta", "1b0" },
		{ "1.0c3", "1rc3" },
		{ "1.0pre", "1rc0" },
		{ "1.0-1", "1.post1" },
		{ "1.0.post2", "1.post2" },
		{ "1.0r", "1.post0" },
		{ "1.0rev3", "1.post3" },
		{ "1.0.dev", "1.dev0" },
		{ "1.0-dev4", "1.dev4" },
		{ "1.0+ABC.007", "1+abc.7" },
		{ "1.0+a-b_c", "1+a.b.c" },
		{ "1.*", "1.*" },
		{ "1.0.*", "1.0.*" },
		{ "foo", "foo" },
		{ "01.00.010", "1.0.10" },
		{ "1.0+", "1.0+" },
		{ "0.0", "0" },
		{ "1.0preview1", "1rc1" },
		{ "2023.10.1", "2023.10.1" },
		{ "1.0a.", "1a0" },
		{ "1.0.post.", "1.post0" },
		{ "1.0-", "1.0-" },
		{ "1.0a.dev", "1a0.dev0" },
		{ "1.0a.1.dev.", "1a1.dev0" },
		{ "1.0+a.", "1.0+a." },
		{ "1.0a-post", "1a0.post0" },
		{ "1_0", "1_0" },
		{ "1.0_post", "1.post0" },
		{ "10.0.0", "10" },
		{ "1.10", "1.10" },
	};
	struct arena mem = ARENA_INIT;
	(void)state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *got = pep440_canonical_version(&mem, sv_from_cstr(cases[i][0]));
		assert_non_null(got);
		if (strcmp(got, cases[i][1]) != 0)
			fail_msg("%s: got %s, want %s", cases[i][0], got, cases[i][1]);
	}
	arena_release(&mem);
}

/* packaging's SpecifierSet keeps the first of two specifiers that differ in spelling only. */
static void
test_pep508_canonical_specifier_drops_equal_spellings(void **state)
{
	struct arena mem = ARENA_INIT;
	struct pep508_error err;
	const char *out = NULL;
	(void)state;

	assert_int_equal(pep508_canonical_specifier(&out, &mem, sv_from_cstr(">2023.10.1 ,<=v1.0 ,<=1.0"),
						    &err), 0);
	assert_string_equal(out, "<=v1.0,>2023.10.1");
	assert_int_equal(pep508_canonical_specifier(&out, &mem, sv_from_cstr("==1.0.*,==1.*,!=2"),
						    &err), 0);
	assert_string_equal(out, "!=2,==1.*,==1.0.*");
	arena_release(&mem);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pep508_reads_plain_name_with_span),
		cmocka_unit_test(test_pep440_canonical_version_matches_packaging),
		cmocka_unit_test(test_pep508_canonical_specifier_drops_equal_spellings),
		cmocka_unit_test(test_pep508_name_must_start_and_end_with_alnum),
		cmocka_unit_test(test_pep508_reads_extras_with_spaces),
		cmocka_unit_test(test_pep508_keeps_spec_as_written_and_sorts_canonical),
		cmocka_unit_test(test_pep508_accepts_every_operator),
		cmocka_unit_test(test_pep508_compatible_release_needs_two_parts),
		cmocka_unit_test(test_pep508_flags_an_operator_without_version),
		cmocka_unit_test(test_pep508_rejects_malformed_specifiers),
		cmocka_unit_test(test_pep508_reads_url_requirement),
		cmocka_unit_test(test_pep508_renders_markers_like_packaging),
		cmocka_unit_test(test_pep508_rejects_malformed_markers),
		cmocka_unit_test(test_pep508_limits_marker_depth),
		cmocka_unit_test(test_pep508_survives_nul_and_invalid_utf8),
		cmocka_unit_test(test_pep508_refuses_huge_input),
		cmocka_unit_test(test_pep508_normalizes_names_per_pep503),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
