/*
 * A growable heap string. The caller owns it and frees it with strbuf_release()
 * or takes the buffer with strbuf_detach() (then frees it with free()).
 */
#ifndef DEPUTY_DEPUTY_STRBUF_H
#define DEPUTY_DEPUTY_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

#include "deputy/sv.h"

struct strbuf {
	char *ptr;      /* always NUL-terminated once anything was added */
	size_t len;
	size_t cap;
	int failed;     /* set once an allocation failed; later appends do nothing */
};

#define STRBUF_INIT { NULL, 0, 0, 0 }

void strbuf_release(struct strbuf *sb);
/* The buffer, owned by the caller from now on (never NULL unless out of memory). */
char *strbuf_detach(struct strbuf *sb, size_t *len_out);
void strbuf_reset(struct strbuf *sb);

/* Each returns 0 or ERR_NOMEM. */
int strbuf_add(struct strbuf *sb, const void *data, size_t len);
int strbuf_adds(struct strbuf *sb, const char *s);
int strbuf_addsv(struct strbuf *sb, struct sv s);
int strbuf_addch(struct strbuf *sb, char c);
int strbuf_printf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int strbuf_vprintf(struct strbuf *sb, const char *fmt, va_list ap);

/* A view of the contents (borrowed from @sb). */
struct sv strbuf_sv(const struct strbuf *sb);
/* The contents as a C string: "" for an empty buffer. Borrowed from @sb. */
const char *strbuf_cstr(const struct strbuf *sb);

#endif
