/* Rebuilt text with the file offset of each byte. */
#include "deputy/mapped_text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "deputy/diag.h"

/* Room for one more byte, its terminator and the end offset. */
static int
reserve(struct mapped_text *m)
{
	if (m->len + 2 <= m->cap)
		return 0;
	size_t cap = m->cap ? m->cap * 2 : 64;
	if (cap < m->cap || cap > SIZE_MAX / sizeof(*m->map))
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
	if (reserve(m))
		return ERR_NOMEM;
	m->text[m->len] = c;
	m->map[m->len++] = off;
	m->text[m->len] = '\0';
	m->map[m->len] = off;
	return 0;
}

int
mapped_text_end(struct mapped_text *m, size_t off)
{
	if (reserve(m))
		return ERR_NOMEM;
	m->text[m->len] = '\0';
	m->map[m->len] = off;
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
