/*
 * Fuzz target: the sanitising text function. escape_text() (core/base/escape.c)
 * and what tui/draw.c builds on it without a screen: draw_escape(),
 * draw_width(), draw_keep_tail() and draw_wrap_next(). The first byte picks
 * the width; the escaped text must be safe, valid UTF-8 and stable.
 */
#include <locale.h>
#include <string.h>

#include "draw.h"
#include "deputy/escape.h"
#include "deputy/utf8.h"
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setlocale(LC_ALL, "C.UTF-8");
	return 0;
}

/* Valid UTF-8 with no C0 control byte and no DEL. */
static void
check_escaped(struct sv s)
{
	for (size_t i = 0; i < s.len;) {
		uint32_t cp;
		size_t n = utf8_decode(s.ptr + i, s.len - i, &cp);

		FUZZ_CHECK(n > 0);
		FUZZ_CHECK(cp >= 0x20 && cp != 0x7f);
		FUZZ_CHECK(cp < 0x80 || cp >= 0xa0);
		i += n;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT, c = STRBUF_INIT;
	struct sv text, rest, tail;
	int width, rounds = 0;

	if (size == 0)
		return 0;
	width = data[0] % 64;
	text = fuzz_sv(data + 1, size - 1);

	FUZZ_CHECK(escape_text(&a, text, false) == 0);
	check_escaped(strbuf_sv(&a));
	FUZZ_CHECK(escape_is_safe(strbuf_sv(&a), false));
	/* Safe text is copied unchanged. */
	if (escape_is_safe(text, false))
		FUZZ_CHECK(a.len == text.len && memcmp(a.ptr ? a.ptr : "", text.ptr, text.len) == 0);
	FUZZ_CHECK(escape_text(&b, text, true) == 0);
	FUZZ_CHECK(draw_escape(&c, text) == 0);
	FUZZ_CHECK(c.len == a.len && (a.len == 0 || memcmp(a.ptr, c.ptr, a.len) == 0));

	FUZZ_CHECK(draw_width(text) >= 0);
	tail = draw_keep_tail(text, width);
	FUZZ_CHECK(tail.ptr + tail.len == text.ptr + text.len);
	FUZZ_CHECK(tail.len == 0 || draw_width(tail) <= width);

	rest = strbuf_sv(&a);
	while (rest.len > 0) {
		size_t before = rest.len;

		(void)draw_wrap_next(&rest, width);
		FUZZ_CHECK(rest.len < before);
		FUZZ_CHECK(++rounds <= (int)a.len + 1);
	}
	strbuf_release(&a);
	strbuf_release(&b);
	strbuf_release(&c);
	return 0;
}
