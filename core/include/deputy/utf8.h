/* UTF-8 decoding that never trusts its input. */
#ifndef DEPUTY_DEPUTY_UTF8_H
#define DEPUTY_DEPUTY_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decodes one code point from @s (at most @len bytes, @len > 0). Returns the
 * number of bytes used (1..4) and stores the code point in *@cp, or returns 0
 * for an invalid sequence (overlong, surrogate, out of range, truncated);
 * then the caller should treat one byte as invalid.
 */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);

/*
 * Encodes the code point @cp (at most 0x10FFFF; callers check surrogates and
 * range) into @out. Returns the number of bytes written (1..4).
 */
size_t utf8_encode(char out[4], uint32_t cp);

/* Number of code points in @s, counting each invalid byte as one. */
size_t utf8_count(const char *s, size_t len);

#endif
