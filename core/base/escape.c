/*
 * The one place that decides what repository text may reach a terminal.
 * Trojan Source (CVE-2021-42574) showed that bidi controls are as dangerous as
 * ESC, so format characters are escaped along with C0 and C1 controls.
 */
#include "deputy/escape.h"

#include <stdio.h>

#include "deputy/utf8.h"

static bool
is_unsafe_cp(uint32_t cp, bool keep_tab)
{
	if (cp == '\t')
		return !keep_tab;
	if (cp < 0x20 || cp == 0x7f)
		return true;
	if (cp >= 0x80 && cp <= 0x9f)           /* C1 controls, e.g. CSI 0x9b */
		return true;
	if (cp == 0xad)                         /* soft hyphen */
		return true;
	if ((cp >= 0x200b && cp <= 0x200f) ||   /* zero width, LRM, RLM */
	    (cp >= 0x2028 && cp <= 0x202e) ||   /* line/para separators, bidi embeddings */
	    (cp >= 0x2060 && cp <= 0x206f) ||   /* word joiner, bidi isolates */
	    cp == 0xfeff ||                     /* BOM / zero width no-break space */
	    (cp >= 0xfff9 && cp <= 0xfffb) ||   /* interlinear annotations */
	    (cp >= 0xe0000 && cp <= 0xe007f))   /* tag characters */
		return true;
	return false;
}

bool
escape_is_safe(struct sv s, bool keep_tab)
{
	for (size_t i = 0; i < s.len;) {
		uint32_t cp;
		size_t n = utf8_decode(s.ptr + i, s.len - i, &cp);

		if (n == 0 || is_unsafe_cp(cp, keep_tab))
			return false;
		i += n;
	}
	return true;
}

/* "\xNN": a control byte, or a byte that is not UTF-8. */
static void
add_byte_escape(struct strbuf *out, unsigned char b)
{
	char tmp[8];

	snprintf(tmp, sizeof(tmp), "\\x%02x", b);
	strbuf_adds(out, tmp);
}

/* "\u{XXXX}": a character shown by its code point. */
static void
add_cp_escape(struct strbuf *out, uint32_t cp)
{
	char tmp[16];

	snprintf(tmp, sizeof(tmp), "\\u{%04x}", (unsigned)cp);
	strbuf_adds(out, tmp);
}

int
escape_text(struct strbuf *out, struct sv s, bool keep_tab)
{

	for (size_t i = 0; i < s.len;) {
		uint32_t cp;
		size_t n = utf8_decode(s.ptr + i, s.len - i, &cp);

		if (n == 0) {
			add_byte_escape(out, (unsigned char)s.ptr[i]);
			i++;
			continue;
		}
		if (!is_unsafe_cp(cp, keep_tab)) {
			strbuf_add(out, s.ptr + i, n);
		} else if (cp == 0x1b) {
			strbuf_adds(out, "\\e");
		} else if (cp == '\t') {
			strbuf_adds(out, "\\t");
		} else if (cp == '\n') {
			strbuf_adds(out, "\\n");
		} else if (cp == '\r') {
			strbuf_adds(out, "\\r");
		} else if (cp < 0x80) {
			add_byte_escape(out, (unsigned char)cp);
		} else {
			add_cp_escape(out, cp);
		}
		i += n;
	}
	return out->failed ? -1 : 0;
}

static void
add_json_unit(struct strbuf *out, uint32_t unit)
{
	char tmp[16];

	snprintf(tmp, sizeof(tmp), "\\u%04x", (unsigned)unit);
	strbuf_adds(out, tmp);
}

int
escape_ascii(struct strbuf *out, struct sv s, bool json)
{
	for (size_t i = 0; i < s.len;) {
		uint32_t cp;
		size_t n, run = 0;

		while (i + run < s.len && (unsigned char)s.ptr[i + run] < 0x80)
			run++;
		if (run) {
			strbuf_add(out, s.ptr + i, run);
			i += run;
			continue;
		}
		n = utf8_decode(s.ptr + i, s.len - i, &cp);
		if (n == 0) {
			if (json)
				add_json_unit(out, 0xfffd);
			else
				add_byte_escape(out, (unsigned char)s.ptr[i]);
			i++;
			continue;
		}
		if (json && cp > 0xffff) {
			add_json_unit(out, 0xd800 + ((cp - 0x10000) >> 10));
			add_json_unit(out, 0xdc00 + ((cp - 0x10000) & 0x3ff));
		} else if (json) {
			add_json_unit(out, cp);
		} else {
			add_cp_escape(out, cp);
		}
		i += n;
	}
	return out->failed ? -1 : 0;
}
