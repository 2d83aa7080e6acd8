/*
 * Text rebuilt from a file (continuation lines joined, quotes and escapes
 * removed, prompts stripped) that remembers, for each of its bytes, the file
 * offset it came from, so that what is found in it is reported where it was
 * written. The caller owns it: mapped_text_release() frees it.
 */
#ifndef DEPUTY_DEPUTY_MAPPED_TEXT_H
#define DEPUTY_DEPUTY_MAPPED_TEXT_H

#include <stddef.h>

#include "deputy/sv.h"

struct mapped_text {
	char *text;     /* NUL-terminated once anything was added */
	size_t *map;    /* map[i]: the offset of text[i]; map[len]: where it ends */
	size_t len, cap;
};

/*
 * Appends @c, which came from offset @off; map[len] becomes @off too until
 * mapped_text_end() says otherwise. Returns 0 or ERR_NOMEM (then nothing
 * changed).
 */
int mapped_text_put(struct mapped_text *m, char c, size_t off);
/*
 * Appends the bytes of @s, which came from offsets @off, @off + 1, ...;
 * map[len] becomes the last one's. Returns 0 or ERR_NOMEM (then nothing
 * changed).
 */
int mapped_text_append(struct mapped_text *m, struct sv s, size_t off);
/* The same, byte i of @s from offset @map[i] (a slice of another mapped text). */
int mapped_text_append_map(struct mapped_text *m, struct sv s, const size_t *map);
/*
 * Appends @c, from offset @off, inside a single-quoted shell word: a quote
 * becomes '\'' (close the quotes, an escaped quote, open them again), every
 * byte of it from @off. Returns 0 or ERR_NOMEM.
 */
int mapped_text_put_quoted(struct mapped_text *m, char c, size_t off);
/* Sets where the text ends (map[len]) to @off. Returns 0 or ERR_NOMEM. */
int mapped_text_end(struct mapped_text *m, size_t off);
/* Empties @m, keeping its memory for the next text. */
void mapped_text_reset(struct mapped_text *m);
void mapped_text_release(struct mapped_text *m);
/* The text as a view (borrowed from @m). */
struct sv mapped_text_sv(const struct mapped_text *m);

#endif
