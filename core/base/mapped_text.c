/* Rebuilt text with the file offset of each byte. */
#include "deputy/mapped_text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "deputy/diag.h"

/* Room for @more bytes, their terminator and the end offset. */
static int
reserve(struct mapped_text *m, size_t more)
{
	size_t cap = m->cap ? m->cap : 64;

	if (more > SIZE_MAX / 2 - m->len)
		return ERR_NOMEM;
	if (m->len + more + 1 <= m->cap)
		return 0;
	while (cap < m->len + more + 1)
		cap *= 2;
	if (cap > SIZE_MAX / sizeof(*m->map))
		return ERR_NOMEM;
	char *text = realloc(m->text, cap);
	if (!text)
		return ERR_NOMEM;
	m->text = text;
	size_t *map = realloc(m->map, cap * sizeof(*map));
	if (!map)
		return ERR_NOMEM;   /* the text's larger block is kept: cap stays */
	m->map = map;
	m->cap = cap;
	return 0;
}

int
mapped_text_put(struct mapped_text *m, char c, size_t off)
{
	if (reserve(m, 1))
		return ERR_NOMEM;
	m->text[m->len] = c;
	m->map[m->len++] = off;
	m->text[m->len] = '\0';
	m->map[m->len] = off;
	return 0;
}

int
mapped_text_put_quoted(struct mapped_text *m, char c, size_t off)
{
	int rc = 0;

	if (c != '\'')
		return mapped_text_put(m, c, off);
	for (const char *q = "'\\''"; *q && rc == 0; q++)
		rc = mapped_text_put(m, *q, off);
	return rc;
}

int
mapped_text_end(struct mapped_text *m, size_t off)
{
	if (reserve(m, 0))
		return ERR_NOMEM;
	m->text[m->len] = '\0';
	m->map[m->len] = off;
	return 0;
}

/* @s copied in after the text; the caller fills map[len .. len + s.len), then append_done(). */
static int
append_text(struct mapped_text *m, struct sv s)
{
	if (reserve(m, s.len))
		return ERR_NOMEM;
	memcpy(m->text + m->len, s.ptr, s.len);
	return 0;
}

/* @n (> 0) bytes appended: the terminator, and map[len] the last byte's offset. */
static void
append_done(struct mapped_text *m, size_t n)
{
	m->len += n;
	m->text[m->len] = '\0';
	m->map[m->len] = m->map[m->len - 1];
}

int
mapped_text_append(struct mapped_text *m, struct sv s, size_t off)
{
	if (s.len == 0)
		return 0;
	if (append_text(m, s))
		return ERR_NOMEM;
	for (size_t i = 0; i < s.len; i++)
		m->map[m->len + i] = off + i;
	append_done(m, s.len);
	return 0;
}

int
mapped_text_append_map(struct mapped_text *m, struct sv s, const size_t *map)
{
	if (s.len == 0)
		return 0;
	if (append_text(m, s))
		return ERR_NOMEM;
	memcpy(m->map + m->len, map, s.len * sizeof(*map));
	append_done(m, s.len);
	return 0;
}

void
mapped_text_reset(struct mapped_text *m)
{
	m->len = 0;
	if (m->text)
		m->text[0] = '\0';
}

void
mapped_text_release(struct mapped_text *m)
{
	free(m->text);
	free(m->map);
	memset(m, 0, sizeof(*m));
}

struct sv
mapped_text_sv(const struct mapped_text *m)
{
	return sv_make(m->text ? m->text : "", m->len);
}
