/*
 * The build context as a Dockerfile's image sees it (dockerfile_fs.h).
 *
 *   WORKDIR path                       relative to the WORKDIR before it
 *   COPY [--flag=v ...] src... dest    shell form: words split at blanks
 *   COPY [--flag=v ...] ["src", ..., "dest"]
 *
 * A source copied "into" a folder (dest ends in '/', or several sources)
 * lands as dest/basename(src) when it is a file, and its contents land in
 * dest when it is a folder; which one is told from the path looked up: the
 * basename (or a wildcard matching it) says file, anything else folder.
 */
#include "detect/dockerfile_fs.h"

#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "deputy/ascii.h"
#include "deputy/glob.h"
#include "deputy/path.h"
#include "deputy/strbuf.h"

/* Words of one COPY, at most; a longer one is not mapped. */
#define MAX_WORDS 64

void
docker_fs_init(struct docker_fs *fs)
{
	memset(fs, 0, sizeof(*fs));
	arena_init(&fs->arena);
	fs->workdir = "";
}

void
docker_fs_release(struct docker_fs *fs)
{
	arena_release(&fs->arena);
}

/* The current stage, when it has a name, kept for a later FROM. */
static int
keep_stage(struct docker_fs *fs)
{
	struct docker_stage *st;

	if (!fs->stage || fs->n_stages == DOCKER_FS_MAX_STAGES)
		return 0;
	st = &fs->stages[fs->n_stages];
	*st = (struct docker_stage){ fs->stage, fs->workdir, NULL, fs->n_copies, fs->overflow };
	if (fs->n_copies &&
	    !(st->copies = arena_memdup(&fs->arena, fs->copies, fs->n_copies * sizeof(*fs->copies))))
		return ERR_NOMEM;
	fs->n_stages++;
	return 0;
}

/* The stage named @name (any case) kept so far, the latest if several; NULL if none. */
static const struct docker_stage *
find_stage(const struct docker_fs *fs, struct sv name)
{
	for (size_t i = fs->n_stages; i-- > 0;)
		if (strlen(fs->stages[i].name) == name.len &&
		    strncasecmp(fs->stages[i].name, name.ptr, name.len) == 0)
			return &fs->stages[i];
	return NULL;
}

int
docker_fs_from(struct docker_fs *fs, struct sv args)
{
	struct sv words[4];
	size_t n = 0, i = 0;
	const struct docker_stage *base = NULL;
	int rc = keep_stage(fs);

	if (rc)
		return rc;
	args = sv_trim(args);
	while (i < args.len && n < 4) {
		size_t start = i;
		while (i < args.len && !byte_in(" \t\r\n", args.ptr[i]))
			i++;
		if (!(n == 0 && sv_starts_with(sv_slice(args, start, i - start), SV_LIT("--"))))
			words[n++] = sv_slice(args, start, i - start);
		while (i < args.len && byte_in(" \t\r\n", args.ptr[i]))
			i++;
	}
	if (n >= 1)
		base = find_stage(fs, words[0]);
	fs->workdir = base ? base->workdir : "";
	fs->n_copies = base ? base->n_copies : 0;
	fs->overflow = base && base->overflow;
	if (fs->n_copies)
		memcpy(fs->copies, base->copies, fs->n_copies * sizeof(*fs->copies));
	fs->stage = NULL;
	if (n == 3 && words[1].len == 2 && strncasecmp(words[1].ptr, "as", 2) == 0) {
		char *name = arena_strndup(&fs->arena, words[2]);
		if (!name)
			return ERR_NOMEM;
		for (char *c = name; *c; c++)
			*c = ascii_lower(*c);
		fs->stage = name;
	}
	return 0;
}

/*
 * @p in the image (absolute, or relative to the folder @base), normalised and
 * from the root without its '/', in @arena; NULL when it cannot be known (a $,
 * a NUL, a relative @p in an unknown folder) or on no memory (*@err).
 */
static const char *
image_path(struct arena *arena, const char *base, struct sv p, int *err)
{
	char *out;

	if (!p.len || memchr(p.ptr, '$', p.len) || memchr(p.ptr, '\0', p.len) ||
	    (!base && p.ptr[0] != '/'))
		return NULL;
	if ((*err = path_image_join(&out, arena, base ? base : "", p)))
		return NULL;
	return out;
}

int
docker_fs_workdir(struct docker_fs *fs, struct sv arg)
{
	int err = 0;

	arg = sv_trim(arg);
	fs->workdir = image_path(&fs->arena, fs->workdir, arg, &err);
	return err;
}

/*
 * The words of @args: the strings of a JSON array when it is one (as Docker
 * decides, escapes decoded, copied into @arena), else blank-separated.
 * Returns how many, 0 when there are more than MAX_WORDS or no memory.
 */
static size_t
split_words(struct arena *arena, struct sv args, struct sv *words)
{
	size_t n = 0, i = 0;

	args = sv_trim(args);
	cJSON *json = args.len && args.ptr[0] == '[' ? cJSON_ParseWithLength(args.ptr, args.len) :
						     NULL;
	if (cJSON_IsArray(json)) {
		const cJSON *item;
		cJSON_ArrayForEach(item, json) {
			char *copy = cJSON_IsString(item) && n < MAX_WORDS ?
				arena_strdup(arena, item->valuestring) : NULL;
			if (!copy) {
				n = 0;
				break;
			}
			words[n++] = sv_from_cstr(copy);
		}
		cJSON_Delete(json);
		return n;
	}
	cJSON_Delete(json);
	while (i < args.len) {
		while (i < args.len && byte_in(" \t\r\n", args.ptr[i]))
			i++;
		size_t start = i;
		while (i < args.len && !byte_in(" \t\r\n", args.ptr[i]))
			i++;
		if (i > start) {
			if (n == MAX_WORDS)
				return 0;
			words[n++] = sv_slice(args, start, i - start);
		}
	}
	return n;
}

static bool
is_remote(struct sv src)
{
	return sv_find(src, SV_LIT("://")) != SV_NPOS || sv_starts_with(src, SV_LIT("git@"));
}

static const char *lookup(const struct docker_copy *copies, size_t n, const char *in_image,
			  struct arena *arena, int *err, const char **origin);

/*
 * What put source @s of a COPY there when it is not a path of the build
 * context, as the words that follow the file's name in a note; NULL when it
 * is one (or on no memory: *@err).
 */
static const char *
opaque_origin(struct docker_fs *fs, struct sv s, struct sv from, int *err)
{
	const char *how;
	struct sv word = from.ptr ? from : s;   /* the word named, at most 64 bytes of it */

	if (from.ptr)
		how = "is put in the image by COPY %.*s, not taken from the repository";
	else if (is_remote(s))
		how = "is downloaded into the image by ADD %.*s";
	else if (sv_starts_with(s, SV_LIT("<<")))
		how = "is written by a heredoc of the Dockerfile (%.*s)";
	else if (memchr(s.ptr, '$', s.len) || memchr(s.ptr, '\0', s.len))
		how = "is copied from a path known only when the image is built (%.*s)";
	else
		return NULL;
	const char *o = arena_printf(&fs->arena, how, (int)(word.len > 64 ? 64 : word.len), word.ptr);
	if (!o)
		*err = ERR_NOMEM;
	return o;
}

/*
 * COPY --from=STAGE of the image path @s: the build-context path that STAGE
 * had put there (in the arena), or NULL with *@origin saying what had.
 */
static const char *
from_stage(struct docker_fs *fs, const struct docker_stage *stage, struct sv s,
	   const char **origin, int *err)
{
	const char *in_stage = image_path(&fs->arena, "", s, err);

	if (!in_stage || fs->looks > DOCKER_FS_MAX_LOOKS)
		return NULL;
	fs->looks += 2 * stage->n_copies;
	return lookup(stage->copies, stage->n_copies, in_stage, &fs->arena, err, origin);
}

int
docker_fs_copy(struct docker_fs *fs, struct sv args)
{
	struct sv words[MAX_WORDS];
	size_t n = split_words(&fs->arena, args, words), first = 0;
	int err = 0;

	struct sv from = SV_NULL;       /* --from: another stage or image, not the context */

	for (; first < n && sv_starts_with(words[first], SV_LIT("--")); first++)
		if (sv_starts_with(words[first], SV_LIT("--from=")))
			from = words[first];
	if (n < first + 2)
		return 0;
	const struct docker_stage *stage = from.ptr ? find_stage(fs, sv_tail(from, 7)) : NULL;
	struct sv dest = words[n - 1];
	size_t n_src = n - 1 - first;
	bool into = n_src > 1 || dest.ptr[dest.len - 1] == '/' || sv_eq_cstr(dest, ".") ||
		    sv_ends_with(dest, SV_LIT("/.")) || sv_eq_cstr(dest, "..") ||
		    sv_ends_with(dest, SV_LIT("/.."));
	const char *to = image_path(&fs->arena, fs->workdir, dest, &err);
	if (!to)
		return err;
	for (size_t i = first; i < n - 1; i++) {
		struct sv s = words[i];
		char *written = arena_strndup(&fs->arena, s), *resolved = NULL;
		if (!written)
			return ERR_NOMEM;
		/* a URL, a heredoc, a variable, another stage: it hides what was there */
		const char *origin = opaque_origin(fs, s, stage ? SV_NULL : from, &err);
		const char *src = NULL;
		if (err)
			return err;
		if (!origin && stage) {         /* what that stage had put there */
			if (!(src = from_stage(fs, stage, s, &origin, &err)) && err)
				return err;
			if (!src && !origin && !(origin = opaque_origin(fs, s, from, &err)))
				return err;
		} else if (!origin) {
			int rc = path_resolve_in(&resolved, &fs->arena, "", written);
			if (rc == ERR_NOMEM)
				return rc;
			if (rc && rc != ERR_USAGE)
				continue;       /* outside the context: docker refuses it */
			src = rc ? "" : resolved;       /* "": "." the context */
		}
		bool opaque = src == NULL;
		const char *name = strrchr(stage || opaque ? written : src, '/');
		name = name ? name + 1 : stage || opaque ? written : src;
		if (opaque && (!into || sv_starts_with(s, SV_LIT("<<"))))
			name = "";      /* it lands at dest itself, or under a name it does not tell */
		if (fs->n_copies == DOCKER_FS_MAX_COPIES) {
			fs->overflow = true;
			return 0;
		}
		bool folder = !opaque && (!src[0] || s.ptr[s.len - 1] == '/' ||
					  !strchr(name + 1, '.'));
		fs->copies[fs->n_copies++] = (struct docker_copy){ to, strlen(to), src, name, origin,
								   into, folder };
	}
	return 0;
}

/* @path below the folder @dir (@n bytes, 0 the root): what follows "dir/", or NULL. */
static const char *
below(const char *path, const char *dir, size_t n)
{
	if (!n)
		return path;
	return strncmp(path, dir, n) == 0 && path[n] == '/' ? path + n + 1 : NULL;
}

enum held {
	HELD_NOT,
	HELD_BY_NAME,            /* the copy names it: its path, its name or a wildcard */
	HELD_INSIDE,             /* it can only be in the contents of a copied folder */
};

/* Whether copy @c put @path (in the image) there, and how; *@rest gets what follows dest/. */
static enum held
holds(const struct docker_copy *c, const char *path, const char **rest)
{
	char head[256];

	*rest = NULL;
	/* the file or folder copied to dest, or the folder whose contents went there */
	if ((!c->into || c->folder) && strcmp(path, c->dest) == 0)
		return HELD_BY_NAME;
	if (!(*rest = below(path, c->dest, c->dest_len)) || !**rest)
		return HELD_NOT;
	/* a file copied into dest keeps its name; a folder's contents go into dest */
	size_t first = strcspn(*rest, "/");
	if (c->into && c->name[0] && first < sizeof(head)) {
		memcpy(head, *rest, first);
		head[first] = '\0';
		if (glob_match(c->name, head))
			return HELD_BY_NAME;
	}
	return c->into && !c->folder ? HELD_NOT : HELD_INSIDE;
}

/* The context path of @path, held by copy @c as @how, in @arena; NULL on no memory. */
static const char *
source_of(const struct docker_copy *c, enum held how, const char *rest, struct arena *arena,
	  int *err)
{
	const char *slash = strrchr(c->src, '/'), *folder = c->src;
	char *out;

	if (!rest)
		return c->src;  /* the file copied to dest itself */
	if (how == HELD_BY_NAME)
		folder = slash ? arena_strndup(arena, sv_make(c->src, (size_t)(slash - c->src))) : "";
	int rc = folder ? path_resolve_in(&out, arena, folder, rest) : ERR_NOMEM;
	if (rc == ERR_NOMEM)
		*err = rc;
	return rc ? NULL : out;
}

/*
 * What copies @copies[0..@n) put at @in_image (from the image root): the
 * build-context path, in @arena; NULL when none did, or with *@origin saying
 * what did when it was not the context.
 */
static const char *
lookup(const struct docker_copy *copies, size_t n, const char *in_image, struct arena *arena,
       int *err, const char **origin)
{
	/* the last copy that names the file, else the folder of the deepest destination */
	const struct docker_copy *by = NULL;
	enum held how = HELD_NOT;
	const char *rest = NULL;

	*origin = NULL;
	for (size_t i = n; how == HELD_NOT && i-- > 0;) {
		if (holds(&copies[i], in_image, &rest) == HELD_BY_NAME) {
			by = &copies[i];
			how = HELD_BY_NAME;
		}
	}
	for (size_t i = 0, best = 0; how != HELD_BY_NAME && i < n; i++) {
		const char *r;
		size_t len = copies[i].dest_len;
		if ((by && len < best) || holds(&copies[i], in_image, &r) != HELD_INSIDE)
			continue;
		by = &copies[i];
		how = HELD_INSIDE;
		rest = r;
		best = len;
	}
	if (by && by->src)
		return source_of(by, how, rest, arena, err);
	if (by)
		*origin = by->origin;
	return NULL;
}

const char *
docker_fs_source(struct docker_fs *fs, const struct detect_include *inc,
		 struct arena *arena, int *err, const char **origin)
{
	struct strbuf sb = STRBUF_INIT;
	const char *in_image;

	*err = 0;
	*origin = NULL;
	if (fs->overflow || inc->dir || fs->looks > DOCKER_FS_MAX_LOOKS)
		return NULL;
	fs->looks += 2 * fs->n_copies;
	if (inc->path[0] != '/')
		detect_cd_put(&sb, inc->cd);
	strbuf_adds(&sb, inc->path);
	if (sb.failed) {
		strbuf_release(&sb);
		*err = ERR_NOMEM;
		return NULL;
	}
	in_image = image_path(arena, fs->workdir, strbuf_sv(&sb), err);
	strbuf_release(&sb);
	if (!in_image)
		return NULL;
	return lookup(fs->copies, fs->n_copies, in_image, arena, err, origin);
}
