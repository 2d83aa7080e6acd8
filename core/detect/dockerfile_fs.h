/*
 * What a Dockerfile's image holds from the build context, so that
 * `pip install -r /app/requirements.txt` after `COPY requirements.txt /app/`
 * is read from the repository's requirements.txt. Only what is written is
 * followed: WORKDIR and COPY/ADD with literal paths in the current stage (a
 * FROM an image starts over, a FROM an earlier stage's name goes on from where
 * that stage ended; what COPY --from, a remote ADD, a heredoc or a path
 * holding $ puts in the image is not from the context, and hides what an
 * earlier COPY put at the same place).
 */
#ifndef DEPUTY_DETECT_DOCKERFILE_FS_H
#define DEPUTY_DETECT_DOCKERFILE_FS_H

#include <stdbool.h>
#include <stddef.h>

#include "deputy/arena.h"
#include "deputy/sv.h"
#include "detect/detect.h"

/* COPY sources remembered in a stage, at most; past it no path is mapped. */
#define DOCKER_FS_MAX_COPIES 256
/* Copies looked at for one file's -r paths, at most (a few thousand in a real one). */
#define DOCKER_FS_MAX_LOOKS 4000000

struct docker_copy {
	const char *dest;        /* in the image, from its root, normalised, no leading '/' */
	size_t dest_len;
	const char *src;         /* in the build context, normalised; "" the context itself;
				  * NULL not from the context (--from, a URL, a heredoc, a
				  * $): what it puts there hides what was there before */
	const char *name;        /* the last component of @src */
	const char *origin;      /* with @src NULL: what put it there, as the words after a
				  * file's name in a note ("is downloaded into the image by
				  * ADD https://..."); NULL when nothing says */
	bool into;               /* @src goes into the folder @dest (dest ends in '/', or
				  * several sources), not to @dest itself */
	bool folder;             /* @src may be a folder: written with a final '/', the
				  * context, or a name without an extension */
};

/* Named stages remembered for a later FROM, at most; a later one starts over. */
#define DOCKER_FS_MAX_STAGES 64

/* Where a named stage ended. */
struct docker_stage {
	const char *name;        /* lower case: docker compares stage names so */
	const char *workdir;
	struct docker_copy *copies;   /* in the arena */
	size_t n_copies;
	bool overflow;
};

struct docker_fs {
	struct arena arena;      /* the strings below; released by docker_fs_release() */
	const char *workdir;     /* like dest; NULL when it holds $ or is too deep */
	struct docker_copy copies[DOCKER_FS_MAX_COPIES];
	size_t n_copies;
	bool overflow;           /* more COPY sources than fit: no path is mapped */
	size_t looks;            /* copies looked at so far, for DOCKER_FS_MAX_LOOKS */
	const char *stage;       /* the current stage's name (lower case), or NULL */
	struct docker_stage stages[DOCKER_FS_MAX_STAGES];
	size_t n_stages;
};

void docker_fs_init(struct docker_fs *fs);
void docker_fs_release(struct docker_fs *fs);

/*
 * FROM with the argument text @args ([--platform=...] image [AS name]): a new
 * stage, at the image root with nothing copied, or where the earlier stage
 * named @image ended. Returns 0 or ERR_NOMEM.
 */
int docker_fs_from(struct docker_fs *fs, struct sv args);
/* WORKDIR @arg (the instruction's argument text). Returns 0 or ERR_NOMEM. */
int docker_fs_workdir(struct docker_fs *fs, struct sv arg);
/* COPY or ADD with the argument text @args (flags, then sources and a destination). */
int docker_fs_copy(struct docker_fs *fs, struct sv args);

/*
 * The build-context path that @inc (a -r/-c of a RUN in this stage) names in
 * the image, in @arena; NULL when no COPY put it there, when the file has
 * used up DOCKER_FS_MAX_LOOKS, or on no memory (*@err is then ERR_NOMEM).
 * When what put it there is not the build context, *@origin says what it was
 * (docker_copy.origin); else it is NULL.
 */
const char *docker_fs_source(struct docker_fs *fs, const struct detect_include *inc,
			     struct arena *arena, int *err, const char **origin);

#endif
