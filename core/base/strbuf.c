/* A growable heap string with sticky failure, so callers check once. */
#include "deputy/strbuf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deputy/diag.h"

void
strbuf_release(struct strbuf *sb)
{
	free(sb->ptr);
	*sb = (struct strbuf)STRBUF_INIT;
}

char *
strbuf_detach(struct strbuf *sb, size_t *len_out)
{
	char *p = sb->ptr;

	if (!p)
		p = calloc(1, 1);
	if (len_out)
		*len_out = sb->len;
	*sb = (struct strbuf)STRBUF_INIT;
	return p;
}

void
strbuf_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->ptr)
		sb->ptr[0] = '\0';
}

static int
grow(struct strbuf *sb, size_t extra)
{
	if (sb->failed)
		return ERR_NOMEM;
	if (extra >= SIZE_MAX - sb->len) {
		sb->failed = 1;
		return ERR_NOMEM;
	}
	size_t need = sb->len + extra + 1;
	if (need <= sb->cap)
		return 0;
	size_t cap = sb->cap ? sb->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	char *p = realloc(sb->ptr, cap);
	if (!p) {
		sb->failed = 1;
		return ERR_NOMEM;
	}
	sb->ptr = p;
	sb->cap = cap;
	return 0;
}

int
strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
	int err = grow(sb, len);

	if (err)
		return err;
	if (len)
		memcpy(sb->ptr + sb->len, data, len);
	sb->len += len;
	sb->ptr[sb->len] = '\0';
	return 0;
}

int
strbuf_adds(struct strbuf *sb, const char *s)
{
	return strbuf_add(sb, s, strlen(s));
}

int
strbuf_addsv(struct strbuf *sb, struct sv s)
{
	return strbuf_add(sb, s.ptr, s.len);
}

int
strbuf_addch(struct strbuf *sb, char c)
{
	return strbuf_add(sb, &c, 1);
}

int
strbuf_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list copy;

	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return ERR_NOMEM;
	int err = grow(sb, (size_t)n);
	if (err)
		return err;
	vsnprintf(sb->ptr + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
	return 0;
}

int
strbuf_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int err = strbuf_vprintf(sb, fmt, ap);
	va_end(ap);
	return err;
}

struct sv
strbuf_sv(const struct strbuf *sb)
{
	return (struct sv){ sb->ptr ? sb->ptr : "", sb->len };
}

const char *
strbuf_cstr(const struct strbuf *sb)
{
	return sb->ptr ? sb->ptr : "";
}
