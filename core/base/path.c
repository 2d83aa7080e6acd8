/* Lexical path resolution: an include can name any string, so trust none. */
#include "deputy/path.h"

#include <string.h>

#include "deputy/diag.h"
#include "deputy/strbuf.h"

/* Appends the segments of @p to @sb, applying "." and "..". */
static int
push_segments(struct strbuf *sb, const char *p, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t j = i;
		while (j < len && p[j] != '/')
			j++;
		size_t seg = j - i;
		if (seg == 0 || (seg == 1 && p[i] == '.')) {
			/* empty or "." */
		} else if (seg == 2 && p[i] == '.' && p[i + 1] == '.') {
			if (sb->len == 0)
				return ERR_OUTSIDE;
			while (sb->len && sb->ptr[sb->len - 1] != '/')
				sb->len--;
			if (sb->len)
				sb->len--;      /* the slash itself */
			sb->ptr[sb->len] = '\0';
		} else {
			if (sb->len)
				strbuf_addch(sb, '/');
			strbuf_add(sb, p + i, seg);
		}
		i = j + 1;
	}
	return sb->failed ? ERR_NOMEM : 0;
}

int
path_resolve(char **out, struct arena *arena, const char *from, const char *rel)
{
	struct strbuf sb = STRBUF_INIT;
	int err;

	*out = NULL;
	if (!rel || !rel[0])
		return ERR_USAGE;
	if (rel[0] == '/' || rel[0] == '\\' || (rel[0] && rel[1] == ':'))
		return ERR_OUTSIDE;     /* absolute, or a Windows drive */
	if (from) {
		const char *slash = strrchr(from, '/');
		if (slash) {
			err = push_segments(&sb, from, (size_t)(slash - from));
			if (err)
				goto done;
		}
	}
	err = push_segments(&sb, rel, strlen(rel));
	if (err)
		goto done;
	if (sb.len == 0) {
		err = ERR_USAGE;
		goto done;
	}
	*out = arena_strndup(arena, strbuf_sv(&sb));
	err = *out ? 0 : ERR_NOMEM;
done:
	strbuf_release(&sb);
	return err;
}
