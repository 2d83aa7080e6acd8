/*
 * ASCII character classes for the lexers. Not <ctype.h>: its classes follow
 * the locale, which the UI sets from the environment (in a Latin-1 locale
 * isalpha(0xe9) is true, and no grammar deputy reads means that), and they
 * take an unsigned char or EOF, not a possibly negative char.
 */
#ifndef DEPUTY_DEPUTY_ASCII_H
#define DEPUTY_DEPUTY_ASCII_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

static inline bool
ascii_digit(int c)
{
	return c >= '0' && c <= '9';
}

static inline bool
ascii_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline bool
ascii_alnum(int c)
{
	return ascii_alpha(c) || ascii_digit(c);
}

static inline bool
ascii_xdigit(int c)
{
	return ascii_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* The value of hexadecimal digit @c (0 to 15), or -1 when it is none. */
static inline int
ascii_hex_value(int c)
{
	if (ascii_digit(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * The value of the hexadecimal digits that start @s (@n bytes), at most @max
 * of them (at most 8): reading stops at the first byte that is not one.
 */
static inline uint32_t
ascii_hex_prefix(const char *s, size_t n, size_t max)
{
	uint32_t v = 0;
	int d;

	for (size_t k = 0; k < n && k < max && k < 8 && (d = ascii_hex_value(s[k])) >= 0; k++)
		v = v * 16 + (uint32_t)d;
	return v;
}

/* isspace() in the C locale: space, \t, \n, \v, \f, \r. */
static inline bool
ascii_space(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static inline char
ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/*
 * Whether byte @c is one of the characters of the C string @set. A NUL byte
 * never is: strchr(set, '\0') finds the terminator, which made a NUL in
 * repository text count as a member of every set (and once let a lexer read
 * past its input).
 */
static inline bool
byte_in(const char *set, char c)
{
	return c != '\0' && strchr(set, c) != NULL;
}

#endif
