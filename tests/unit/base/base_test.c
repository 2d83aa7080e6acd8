/* core/base: arena, strbuf, mapped text, sv, utf8, diagnostics, path resolution, names. */
#include <fnmatch.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "deputy/arena.h"
#include "deputy/ascii.h"
#include "deputy/dep.h"
#include "deputy/diag.h"
#include "deputy/glob.h"
#include "deputy/hash_index.h"
#include "deputy/mapped_text.h"
#include "deputy/path.h"
#include "deputy/strbuf.h"
#include "deputy/utf8.h"

static void
test_arena_strings_survive_until_release(void **state)
{
	struct arena a = ARENA_INIT;
	(void)state;
	char *s = arena_strndup(&a, sv_make("abcdef", 3));
	char *big = arena_alloc(&a, 1 << 20);   /* larger than a block */
	char *f = arena_printf(&a, "%s-%d", "x", 42);
	assert_non_null(big);
	assert_string_equal(s, "abc");
	assert_string_equal(f, "x-42");
	assert_int_equal(((uintptr_t)arena_alloc(&a, 3)) % _Alignof(max_align_t), 0);
	arena_release(&a);
}

static void
test_strbuf_grows_and_formats(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	for (int i = 0; i < 1000; i++)
		strbuf_printf(&sb, "%d,", i);
	assert_int_equal(sb.len, strlen(sb.ptr));
	assert_true(sv_starts_with(strbuf_sv(&sb), SV_LIT("0,1,2,")));
	assert_true(sv_ends_with(strbuf_sv(&sb), SV_LIT("998,999,")));
	strbuf_release(&sb);
	assert_string_equal(strbuf_cstr(&sb), "");
}

/* A quote inside a single-quoted shell word: four bytes, all from where the quote was. */
static void
test_mapped_text_quotes_a_quote_for_the_shell(void **state)
{
	struct mapped_text m = { 0 };
	(void)state;
	assert_int_equal(mapped_text_put_quoted(&m, 'a', 5), 0);
	assert_int_equal(mapped_text_put_quoted(&m, '\'', 6), 0);
	assert_true(sv_eq_cstr(mapped_text_sv(&m), "a'\\''"));
	assert_int_equal(m.map[0], 5);
	for (size_t i = 1; i < 5; i++)
		assert_int_equal(m.map[i], 6);
	mapped_text_release(&m);
}

static void
test_mapped_text_keeps_each_byte_offset(void **state)
{
	struct mapped_text m = { 0 };
	(void)state;
	assert_true(sv_eq_cstr(mapped_text_sv(&m), ""));
	/* past the first allocation, so the text and the map both grow */
	for (size_t i = 0; i < 1000; i++)
		assert_int_equal(mapped_text_put(&m, (char)('a' + i % 26), 3 * i + 7), 0);
	assert_int_equal(m.len, 1000);
	assert_int_equal(strlen(m.text), 1000);
	for (size_t i = 0; i < 1000; i++) {
		assert_int_equal(m.text[i], 'a' + i % 26);
		assert_int_equal(m.map[i], 3 * i + 7);
	}
	assert_int_equal(m.map[m.len], 3 * 999 + 7);   /* the end: the last byte's */
	assert_int_equal(mapped_text_end(&m, 5000), 0);
	assert_int_equal(m.map[m.len], 5000);
	mapped_text_reset(&m);
	assert_true(sv_eq_cstr(mapped_text_sv(&m), ""));
	assert_int_equal(mapped_text_put(&m, 'x', 9), 0);
	assert_true(sv_eq_cstr(mapped_text_sv(&m), "x"));
	assert_int_equal(m.map[0], 9);
	mapped_text_release(&m);
	assert_null(m.text);
	assert_int_equal(m.len, 0);
	/* an empty text still has its end */
	assert_int_equal(mapped_text_end(&m, 4), 0);
	assert_int_equal(m.len, 0);
	assert_int_equal(m.map[0], 4);
	assert_string_equal(m.text, "");
	/* a run of bytes at once, past the first allocation too */
	assert_int_equal(mapped_text_put(&m, '<', 1), 0);
	char run[300];
	memset(run, 'r', sizeof(run));
	assert_int_equal(mapped_text_append(&m, sv_make(run, sizeof(run)), 100), 0);
	assert_int_equal(m.len, 301);
	assert_int_equal(m.text[301], '\0');
	assert_int_equal(m.map[0], 1);
	assert_int_equal(m.map[1], 100);
	assert_int_equal(m.map[300], 399);
	assert_int_equal(m.map[301], 399);
	assert_int_equal(mapped_text_append(&m, SV_LIT(""), 7), 0);
	assert_int_equal(m.len, 301);
	struct mapped_text copy = { 0 };
	assert_int_equal(mapped_text_append_map(&copy, sv_make(m.text, 3), m.map), 0);
	assert_string_equal(copy.text, "<rr");
	assert_int_equal(copy.map[0], 1);
	assert_int_equal(copy.map[2], 101);
	assert_int_equal(copy.map[3], 101);
	mapped_text_release(&copy);
	mapped_text_release(&m);
}

static void
test_sv_trims_and_finds(void **state)
{
	(void)state;
	assert_true(sv_eq_cstr(sv_trim(SV_LIT(" \t abc \r\n")), "abc"));
	assert_int_equal(sv_find(SV_LIT("a==b"), SV_LIT("==")), 1);
	assert_int_equal(sv_find_char(SV_LIT("abc"), 'z'), SV_NPOS);
	assert_int_equal(sv_line_end(SV_LIT("ab\ncd\n"), 0), 2);
	assert_int_equal(sv_line_end(SV_LIT("ab\ncd\n"), 2), 2);
	assert_int_equal(sv_line_end(SV_LIT("ab\ncd\n"), 3), 5);
	assert_int_equal(sv_line_end(SV_LIT("ab\ncd"), 3), 5);     /* no newline: the end */
	assert_int_equal(sv_line_end(SV_LIT("ab"), 7), 2);          /* past the end: the end */
	assert_int_equal(sv_line_end((struct sv){ NULL, 0 }, 0), 0);
	assert_true(sv_eq_nocase(SV_LIT("ReQuests"), SV_LIT("requests")));
	/* byte order, a prefix first; a NUL is a byte like another */
	assert_true(sv_cmp(SV_LIT("abc"), SV_LIT("abd")) < 0);
	assert_true(sv_cmp(SV_LIT("ab"), SV_LIT("abc")) < 0);
	assert_true(sv_cmp(SV_LIT("abc"), SV_LIT("ab")) > 0);
	assert_int_equal(sv_cmp(SV_LIT("x\0y"), SV_LIT("x\0y")), 0);
	assert_true(sv_cmp(SV_LIT("x\0y"), SV_LIT("x\0z")) < 0);
	assert_int_equal(sv_cmp((struct sv){ NULL, 0 }, SV_LIT("")), 0);
	assert_true(sv_cmp((struct sv){ NULL, 0 }, SV_LIT("a")) < 0);
}

static void
test_utf8_decode_rejects_bad_sequences(void **state)
{
	uint32_t cp;
	(void)state;
	assert_int_equal(utf8_decode("\xe6\x97\xa5", 3, &cp), 3);
	assert_int_equal(cp, 0x65e5);
	assert_int_equal(utf8_decode("\xe6\x97", 2, &cp), 0);        /* truncated */
	assert_int_equal(utf8_decode("\xf4\x90\x80\x80", 4, &cp), 0); /* > U+10FFFF */
	assert_int_equal(utf8_count("a\xffé", 4), 3);
}

static void
test_diag_reports_line_and_column_in_code_points(void **state)
{
	struct arena a = ARENA_INIT;
	struct diags d;
	const char text[] = "first\nnaïve==x\n";
	struct source src = { "requirements.txt", SV_LIT(text) };
	(void)state;
	diags_init(&d, &a);
	diag_add(&d, DIAG_ERROR, &src, (struct span){ 13, 14 }, "expected %s", "a version");
	assert_int_equal(d.len, 1);
	assert_int_equal(d.items[0].line, 2);
	assert_int_equal(d.items[0].column, 7);   /* "naïve=" is 6 code points */
	assert_string_equal(d.items[0].message, "expected a version");
	assert_true(sv_eq_cstr(text_line(src.text, 2), "naïve==x"));
	diags_release(&d);
	arena_release(&a);
}

/*
 * A source initialised with only its path and text carries its own cursor:
 * diagnostics at increasing offsets walk on from the last one (the cursor
 * ends where the last lookup was) rather than counting from the start.
 */
static void
test_every_source_walks_on_with_its_own_cursor(void **state)
{
	struct arena a = ARENA_INIT;
	struct diags d;
	const char text[] = "a\nbb\nccc\ndddd\n";
	struct source src = { "requirements.txt", SV_LIT(text) };
	(void)state;
	diags_init(&d, &a);
	diag_add(&d, DIAG_WARNING, &src, (struct span){ 3, 3 }, "one");
	assert_ptr_equal(src.cursor.ptr, text);
	assert_int_equal(src.cursor.pos, 3);
	assert_int_equal(src.cursor.line_start, 2);
	diag_add(&d, DIAG_WARNING, &src, (struct span){ 13, 13 }, "two");
	assert_int_equal(src.cursor.pos, 13);
	assert_int_equal(src.cursor.line_start, 9);
	assert_int_equal(d.items[1].line, 4);
	assert_int_equal(d.items[1].column, 5);
	diags_release(&d);
	arena_release(&a);
}

/* Keys for the hash index test: item i has key keys[i]; a few hashes only, so runs collide. */
static const unsigned hash_keys[] = { 5, 9, 13, 2, 77, 31, 8, 40, 63, 11, 70, 3 };

static size_t
hash_of_key(size_t i, const void *ctx)
{
	(void)ctx;
	return hash_keys[i] % 3 + 62;   /* 62, 63, 64: the probes wrap past the end of 64 slots */
}

static bool
key_is(size_t i, const void *key)
{
	return hash_keys[i] == *(const unsigned *)key;
}

static size_t
hash_zero(size_t i, const void *ctx)
{
	(void)i;
	(void)ctx;
	return 0;
}

static bool
item_is(size_t i, const void *key)
{
	return i == *(const size_t *)key;
}

static size_t
find_key(const struct hash_index *ix, unsigned key)
{
	return hash_index_find(ix, key % 3 + 62, key_is, &key);
}

static void
test_hash_index_finds_puts_and_removes(void **state)
{
	size_t n = sizeof(hash_keys) / sizeof(hash_keys[0]);
	struct hash_index ix = { NULL, 0 };

	(void)state;
	assert_int_equal(find_key(&ix, 5), HASH_INDEX_NONE);    /* empty: no slots yet */
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(hash_index_reserve(&ix, i, hash_of_key, NULL), 0);
		hash_index_put(&ix, hash_of_key(i, NULL), i);
	}
	for (size_t i = 0; i < n; i++)
		assert_int_equal(find_key(&ix, hash_keys[i]), i);
	assert_int_equal(find_key(&ix, 6), HASH_INDEX_NONE);
	/* taking out items from the middle of the runs leaves the rest findable */
	hash_index_remove(&ix, hash_of_key(11, NULL), 11, hash_of_key, NULL);
	hash_index_remove(&ix, hash_of_key(0, NULL), 0, hash_of_key, NULL);
	hash_index_remove(&ix, hash_of_key(4, NULL), 4, hash_of_key, NULL);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(find_key(&ix, hash_keys[i]),
				 i == 0 || i == 4 || i == 11 ? HASH_INDEX_NONE : i);
	hash_index_release(&ix);
	assert_null(ix.slots);
	assert_int_equal(ix.cap, 0);

	/* growing puts every item in again: 100 items, all in one run of hash 0 */
	for (size_t i = 0; i < 100; i++) {
		assert_int_equal(hash_index_reserve(&ix, i, hash_zero, NULL), 0);
		hash_index_put(&ix, 0, i);
	}
	assert_int_equal(ix.cap, 256);      /* load under one half */
	for (size_t i = 0; i < 100; i++)
		assert_int_equal(hash_index_find(&ix, 0, item_is, &i), i);
	hash_index_release(&ix);
}

static void
test_ascii_classes_ignore_nul_and_high_bytes(void **state)
{
	(void)state;
	assert_true(byte_in(" \t", '\t'));
	assert_false(byte_in(" \t", 'x'));
	assert_false(byte_in(" \t", '\0'));        /* strchr() would find the terminator */
	assert_false(byte_in("", '\0'));
	for (int c = 0x80; c <= 0xff; c++) {       /* whatever the locale says of them */
		assert_false(ascii_alnum((char)c));
		assert_false(ascii_xdigit((char)c));
		assert_false(ascii_space((char)c));
		assert_int_equal((unsigned char)ascii_lower((char)c), c);
	}
	assert_true(ascii_alnum('z') && ascii_alnum('Z') && ascii_alnum('0'));
	assert_false(ascii_alnum('_') || ascii_alpha('9') || ascii_digit('a'));
	assert_true(ascii_xdigit('F') && !ascii_xdigit('g'));
	assert_int_equal(ascii_hex_value('0'), 0);
	assert_int_equal(ascii_hex_value('9'), 9);
	assert_int_equal(ascii_hex_value('a'), 10);
	assert_int_equal(ascii_hex_value('F'), 15);
	assert_int_equal(ascii_hex_value('g'), -1);
	assert_int_equal(ascii_hex_value((char)0xe1), -1);
	assert_int_equal(ascii_hex_prefix("00e9x", 5, 4), 0xe9);
	assert_int_equal(ascii_hex_prefix("fFfF1", 5, 4), 0xffff);   /* at most @max */
	assert_int_equal(ascii_hex_prefix("1g23", 4, 4), 1);         /* stops at a non-digit */
	assert_int_equal(ascii_hex_prefix("123", 2, 4), 0x12);       /* at most @n bytes */
	assert_int_equal(ascii_hex_prefix("ffffffffff", 10, 10), 0xffffffffu);  /* at most 8 */
	assert_true(ascii_space('\v') && !ascii_space('\x1c'));
	assert_int_equal(ascii_lower('Q'), 'q');
	assert_int_equal(ascii_lower('['), '[');
}

static void
test_path_resolve_stays_inside_the_root(void **state)
{
	struct arena a = ARENA_INIT;
	char *out;
	(void)state;
	assert_int_equal(path_resolve(&out, &a, "requirements/dev.txt", "../base.txt"), 0);
	assert_string_equal(out, "base.txt");
	assert_int_equal(path_resolve(&out, &a, "a/b/c.txt", "./d/../e.txt"), 0);
	assert_string_equal(out, "a/b/e.txt");
	assert_int_equal(path_resolve(&out, &a, "req.txt", "../../etc/passwd"), ERR_OUTSIDE);
	assert_int_equal(path_resolve(&out, &a, "req.txt", "/etc/passwd"), ERR_OUTSIDE);
	assert_int_equal(path_resolve(&out, &a, "x/req.txt", ".."), ERR_USAGE);
	assert_int_equal(path_resolve(&out, &a, "req.txt", ""), ERR_USAGE);
	/* against a folder itself: a CI job's working-directory, "" or NULL the root */
	assert_int_equal(path_resolve_in(&out, &a, "", "requirements.txt"), 0);
	assert_string_equal(out, "requirements.txt");
	assert_int_equal(path_resolve_in(&out, &a, NULL, "./a/b.txt"), 0);
	assert_string_equal(out, "a/b.txt");
	assert_int_equal(path_resolve_in(&out, &a, "./backend/", "../ci/x.txt"), 0);
	assert_string_equal(out, "ci/x.txt");
	assert_int_equal(path_resolve_in(&out, &a, "backend", "../../x.txt"), ERR_OUTSIDE);
	assert_int_equal(path_resolve_in(&out, &a, "..", "x.txt"), ERR_OUTSIDE);
	assert_int_equal(path_resolve_in(&out, &a, "/home/runner", "x.txt"), ERR_OUTSIDE);
	assert_int_equal(path_resolve_in(&out, &a, "backend", "/etc/passwd"), ERR_OUTSIDE);
	assert_int_equal(path_resolve_in(&out, &a, "backend", ""), ERR_USAGE);
	arena_release(&a);
}

static void
test_normalize_name_follows_pep503(void **state)
{
	struct arena a = ARENA_INIT;
	(void)state;
	assert_string_equal(dep_normalize_name(&a, SV_LIT("Setup_Tools")), "setup-tools");
	assert_string_equal(dep_normalize_name(&a, SV_LIT("zope.Interface")), "zope-interface");
	assert_string_equal(dep_normalize_name(&a, SV_LIT("a-_.-b")), "a-b");
	assert_true(dep_name_is_normalized(SV_LIT("setup-tools")));
	assert_false(dep_name_is_normalized(SV_LIT("Setup_Tools")));
	arena_release(&a);
}

static void
test_pinned_means_one_exact_version(void **state)
{
	struct dep d = { 0 };
	(void)state;
	d.spec = "==2.31.0";
	assert_true(dep_is_pinned(&d));
	d.spec = "===foo";
	assert_true(dep_is_pinned(&d));
	d.spec = "==2.*";
	assert_false(dep_is_pinned(&d));
	d.spec = ">=1,==2";
	assert_false(dep_is_pinned(&d));
	d.spec = "";
	assert_false(dep_is_pinned(&d));
	/* Poetry's exact constraints, PyPI names only (conda's "=3.8" is 3.8.*) */
	d.ecosystem = ECO_PYPI;
	d.spec = "2.31.0";
	assert_true(dep_is_pinned(&d));
	assert_true(sv_eq_cstr(dep_pinned_version(&d), "2.31.0"));
	d.spec = " = 2.31.0";
	assert_true(sv_eq_cstr(dep_pinned_version(&d), "2.31.0"));
	d.spec = "== 1.0 ";
	assert_true(sv_eq_cstr(dep_pinned_version(&d), "1.0"));
	static const char *const ranges[] = {
		"^2.0", "~1.2", "1.2.*", ">=1", "1.0 || 2.0", "1.0,<2", "*", "latest", "=",
	};
	for (size_t i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++) {
		d.spec = ranges[i];
		if (dep_is_pinned(&d))
			fail_msg("'%s' read as a pin", ranges[i]);
	}
	d.ecosystem = ECO_CONDA;
	d.spec = "=3.8";
	assert_false(dep_is_pinned(&d));
	d.spec = "2.31.0";
	assert_false(dep_is_pinned(&d));
}

/* Reference: line and column counted from the start, the slow way. */
static void
line_col_by_hand(const char *t, size_t off, unsigned *line, unsigned *column)
{
	size_t start = 0;

	*line = 1;
	for (size_t i = 0; i < off; i++)
		if (t[i] == '\n') {
			++*line;
			start = i + 1;
		}
	*column = (unsigned)utf8_count(t + start, off - start) + 1;
}

/*
 * A random text of ASCII, newlines, CRs, valid and broken UTF-8 sequences,
 * up to @cap - 8 bytes; with @long_lines, mostly one long line.
 */
static size_t
random_text(char *buf, size_t cap, unsigned *seed, bool long_lines)
{
	static const char *const pieces[] = { "a", "\n", "\r", "\xc3\xa9", "\xe2\x82\xac",
					       "\xf0\x9f\x98\x80", "\xc3", "\xa9", "\xe2\x82",
					       "\xff", "\xc0\xaf", "\xed\xa0\x80" };
	size_t len = 0;

	while (len < cap - 8) {
		*seed = *seed * 1103515245u + 12345u;
		const char *p = pieces[(*seed >> 8) % (sizeof(pieces) / sizeof(pieces[0]))];
		if ((*seed >> 20) % 8 == 0 && long_lines)
			p = "a";
		memcpy(buf + len, p, strlen(p));
		len += strlen(p);
		if ((*seed >> 24) % 97 == 0)
			break;
	}
	return len;
}

/* @off moved a random step of less than @most, back as often as forwards, within @len. */
static size_t
random_step(unsigned *seed, size_t off, size_t len, size_t most)
{
	*seed = *seed * 1103515245u + 12345u;
	size_t step = (*seed >> 8) % most;
	if ((*seed >> 16) & 1)
		return off > step ? off - step : 0;
	return off + step <= len ? off + step : len;
}

static void
test_text_cursor_agrees_with_counting_from_the_start(void **state)
{
	/* multibyte characters, invalid bytes, CRLF, empty lines */
	static const char text[] = "ab\xc3\xa9" "c\n\nd\xe2\x82\xac" "x\xff\xfe\r\nlast \xf0\x9f\x98\x80 line\n";
	struct sv t = { text, sizeof(text) - 1 };
	struct text_cursor cur = { 0 };
	unsigned seed = 7;
	(void)state;

	/* forwards, backwards, repeated and random offsets, mid-sequence ones too */
	for (int round = 0; round < 2000; round++) {
		size_t off;
		unsigned l, c, want_l, want_c;
		if (round <= (int)t.len)
			off = (size_t)round;
		else if (round <= 2 * (int)t.len)
			off = t.len - (size_t)(round - (int)t.len - 1);
		else {
			seed = seed * 1103515245u + 12345u;
			off = (seed >> 8) % (t.len + 3);  /* past the end is clamped */
		}
		text_cursor_line_col(&cur, t, off, &l, &c);
		line_col_by_hand(text, off > t.len ? t.len : off, &want_l, &want_c);
		assert_int_equal(l, want_l);
		assert_int_equal(c, want_c);
	}
	/*
	 * Many random texts of ASCII, newlines, CRs, valid and broken UTF-8
	 * sequences, each looked up at random offsets that step back as often
	 * as forwards (long lines too: the cursor counts back from where it was).
	 */
	for (int text_no = 0; text_no < 300; text_no++) {
		char buf[400];
		size_t len = random_text(buf, sizeof(buf), &seed, text_no % 2);
		struct text_cursor rc = { 0 };
		struct sv rt = { buf, len };
		size_t off = 0;
		for (int k = 0; k < 200; k++) {
			unsigned l, c, want_l, want_c;
			off = random_step(&seed, off, len, 24);
			text_cursor_line_col(&rc, rt, off, &l, &c);
			line_col_by_hand(buf, off, &want_l, &want_c);
			assert_int_equal(l, want_l);
			assert_int_equal(c, want_c);
		}
	}

	/* another text: the cursor starts over rather than trusting its state */
	struct sv other = SV_LIT("x\ny\nz");
	unsigned l, c;
	text_cursor_line_col(&cur, other, 4, &l, &c);
	assert_int_equal(l, 3);
	assert_int_equal(c, 1);
}

/*
 * text_cursor_offset() is text_cursor_line_col() the other way: a line and
 * column it gave lead back to the very byte when that byte starts a decoding
 * step (an invalid byte is one), else to a place on that line, its column
 * no further.
 */
static void
test_text_cursor_offset_inverts_line_col(void **state)
{
	unsigned seed = 11;
	(void)state;

	for (int text_no = 0; text_no < 300; text_no++) {
		char buf[400];
		bool step_start[401] = { 0 };
		size_t len = random_text(buf, sizeof(buf), &seed, false);
		struct text_cursor there = { 0 }, back = { 0 };
		struct sv t = { buf, len };
		for (size_t i = 0; i <= len;) {
			uint32_t cp;
			size_t n = i < len ? utf8_decode(buf + i, len - i, &cp) : 1;
			step_start[i] = true;
			i += n ? n : 1;
		}
		size_t off = 0;
		for (int k = 0; k < 300; k++) {
			unsigned l, c, l2, c2;
			off = random_step(&seed, off, len, 40);
			text_cursor_line_col(&there, t, off, &l, &c);
			size_t at = text_cursor_offset(&back, t, l, c);
			if (step_start[off])
				assert_int_equal(at, off);
			/* inside a sequence the bytes count one each: a column the line may not have */
			text_line_col(t, at, &l2, &c2);
			assert_int_equal(l2, l);
			assert_true(c2 <= c);
		}
	}

	/* past a line's end: its end; past the last line: the last line */
	struct sv t = SV_LIT("ab\ncd");
	struct text_cursor cur = { 0 };
	assert_int_equal(text_cursor_offset(&cur, t, 1, 99), 2);
	assert_int_equal(text_cursor_offset(&cur, t, 9, 1), 3);
	assert_int_equal(text_cursor_offset(&cur, t, 2, 2), 4);
	assert_int_equal(text_cursor_offset(&cur, t, 1, 1), 0);
}

static void
test_path_image_join_keeps_dot_dot_at_the_image_root(void **state)
{
	struct arena a = ARENA_INIT;
	char *out;

	(void)state;
	assert_int_equal(path_image_join(&out, &a, "srv/app", SV_LIT("../x/./r.txt")), 0);
	assert_string_equal(out, "srv/x/r.txt");
	assert_int_equal(path_image_join(&out, &a, "srv", SV_LIT("/../../tmp//r.txt")), 0);
	assert_string_equal(out, "tmp/r.txt");
	assert_int_equal(path_image_join(&out, &a, "", SV_LIT("..")), 0);
	assert_string_equal(out, "");
	assert_int_equal(path_image_join(&out, &a, "a", SV_LIT("/")), 0);
	assert_string_equal(out, "");
	arena_release(&a);
}

/* A string of up to @cap - 1 bytes drawn from @bytes, by a fixed linear congruential sequence. */
static void
random_string(char *out, size_t cap, const char *bytes, uint32_t *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	size_t len = (*seed >> 16) % cap;
	for (size_t i = 0; i < len; i++) {
		*seed = *seed * 1103515245u + 12345u;
		out[i] = bytes[(*seed >> 16) % strlen(bytes)];
	}
	out[len] = '\0';
}

static void
test_glob_match_agrees_with_fnmatch(void **state)
{
	uint32_t seed = 20261127;
	char pat[9], name[7];

	(void)state;
	for (int n = 0; n < 200000; n++) {
		random_string(pat, sizeof(pat), "ab*?[]!^-\\", &seed);
		random_string(name, sizeof(name), "ab-]!\\[", &seed);
		if (glob_match(pat, name) != (fnmatch(pat, name, 0) == 0))
			fail_msg("pattern '%s' name '%s': glob_match %d", pat, name,
				 glob_match(pat, name));
	}
}

static void
test_glob_match_is_not_exponential_in_stars(void **state)
{
	char name[256];

	(void)state;
	memset(name, 'a', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	/* a backtracking matcher takes longer than the test's timeout here */
	assert_false(glob_match("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", name));
	assert_true(glob_match("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a", name));
	assert_true(glob_match("requirements*.txt", "requirements-dev.txt"));
	assert_false(glob_match("requirements*.txt", "requirements.txt.bak"));
	assert_true(glob_match("[!.]*", "a.txt"));
	assert_false(glob_match("[!.]*", ".env"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arena_strings_survive_until_release),
		cmocka_unit_test(test_strbuf_grows_and_formats),
		cmocka_unit_test(test_mapped_text_keeps_each_byte_offset),
		cmocka_unit_test(test_mapped_text_quotes_a_quote_for_the_shell),
		cmocka_unit_test(test_sv_trims_and_finds),
		cmocka_unit_test(test_utf8_decode_rejects_bad_sequences),
		cmocka_unit_test(test_diag_reports_line_and_column_in_code_points),
		cmocka_unit_test(test_text_cursor_agrees_with_counting_from_the_start),
		cmocka_unit_test(test_text_cursor_offset_inverts_line_col),
		cmocka_unit_test(test_every_source_walks_on_with_its_own_cursor),
		cmocka_unit_test(test_ascii_classes_ignore_nul_and_high_bytes),
		cmocka_unit_test(test_hash_index_finds_puts_and_removes),
		cmocka_unit_test(test_path_resolve_stays_inside_the_root),
		cmocka_unit_test(test_path_image_join_keeps_dot_dot_at_the_image_root),
		cmocka_unit_test(test_glob_match_agrees_with_fnmatch),
		cmocka_unit_test(test_glob_match_is_not_exponential_in_stars),
		cmocka_unit_test(test_normalize_name_follows_pep503),
		cmocka_unit_test(test_pinned_means_one_exact_version),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
