/* Lexical path resolution: an include can name any string, so trust none. */
#include "deputy/path.h"

#include <stdbool.h>
#include <string.h>

#include "deputy/diag.h"
#include "deputy/strbuf.h"

/* Appends the segments of @p to @sb, applying "." and ".." (at the root: ERR_OUTSIDE, or nothing when @clamp). */
static int
push_segments(struct strbuf *sb, const char *p, size_t len, bool clamp)
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
			if (sb->len == 0) {
				if (!clamp)
					return ERR_OUTSIDE;
			} else {
				while (sb->len && sb->ptr[sb->len - 1] != '/')
					sb->len--;
				if (sb->len)
					sb->len--;      /* the slash itself */
				sb->ptr[sb->len] = '\0';
			}
		} else {
			if (sb->len)
				strbuf_addch(sb, '/');
			strbuf_add(sb, p + i, seg);
		}
		i = j + 1;
	}
	return sb->failed ? ERR_NOMEM : 0;
}

static bool
is_absolute(const char *p)
{
	return p[0] == '/' || p[0] == '\\' || (p[0] && p[1] == ':');   /* or a Windows drive */
}

/* @rel against the folder @dir (@dir_len bytes, relative to the root). */
static int
resolve(char **out, struct arena *arena, const char *dir, size_t dir_len, const char *rel)
{
	struct strbuf sb = STRBUF_INIT;
	int err;

	*out = NULL;
	if (!rel || !rel[0])
		return ERR_USAGE;
	if (is_absolute(rel))
		return ERR_OUTSIDE;
	err = push_segments(&sb, dir, dir_len, false);
	if (!err)
		err = push_segments(&sb, rel, strlen(rel), false);
	if (!err && sb.len == 0)
		err = ERR_USAGE;
	if (!err)
		err = (*out = arena_strndup(arena, strbuf_sv(&sb))) ? 0 : ERR_NOMEM;
	strbuf_release(&sb);
	return err;
}

int
path_resolve(char **out, struct arena *arena, const char *from, const char *rel)
{
	const char *slash = from ? strrchr(from, '/') : NULL;

	return resolve(out, arena, from, slash ? (size_t)(slash - from) : 0, rel);
}

int
path_resolve_in(char **out, struct arena *arena, const char *dir, const char *rel)
{
	*out = NULL;
	if (dir && is_absolute(dir))
		return ERR_OUTSIDE;
	return resolve(out, arena, dir, dir ? strlen(dir) : 0, rel);
}

int
path_image_join(char **out, struct arena *arena, const char *dir, struct sv path)
{
	struct strbuf sb = STRBUF_INIT;
	int err = 0;

	if (!path.len || path.ptr[0] != '/')
		err = push_segments(&sb, dir, strlen(dir), true);
	if (!err)
		err = push_segments(&sb, path.ptr, path.len, true);
	if (!err)
		err = (*out = arena_strndup(arena, strbuf_sv(&sb))) ? 0 : ERR_NOMEM;
	strbuf_release(&sb);
	return err;
}
