/*
 * The detail pane's content: the selected entry laid out as lines of styled,
 * already escaped segments, rebuilt when the selection, the width or the
 * blame changes.
 */
#ifndef DEPUTY_TUI_DETAIL_H
#define DEPUTY_TUI_DETAIL_H

#include <stdbool.h>
#include <stddef.h>

#include "deputy/arena.h"
#include "deputy/sv.h"
#include "theme.h"

struct detail_seg {
	enum element el;
	struct sv text;          /* escaped; in the detail's arena */
};

struct detail_line {
	struct detail_seg *segs; /* in the detail's arena */
	size_t n_segs;
};

struct detail {
	struct arena arena;
	struct detail_line *lines;   /* heap */
	size_t len, cap;
	char *title;                 /* heap copy of the raw title (escaped when drawn) */
	int width;                   /* columns it was laid out for */
};

void detail_init(struct detail *detail);
void detail_release(struct detail *detail);
/* Empties @detail for a new layout @width columns wide. */
void detail_reset(struct detail *detail, int width);

/* Starts a new line; segments are added to the last line. */
void detail_line(struct detail *detail);
/* Adds @raw (repository text allowed: it is escaped here) to the current line. */
void detail_seg(struct detail *detail, enum element el, struct sv raw);
void detail_segs(struct detail *detail, enum element el, const char *raw);
/* detail_segs() of a formatted text (cut at 255 bytes); repository text only as an argument. */
void detail_fmt(struct detail *detail, enum element el, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Adds @raw as a paragraph wrapped to the width, each line indented @indent columns. */
void detail_para(struct detail *detail, enum element el, int indent, const char *raw);
/*
 * Wraps the current line, styled segments and all, when it is wider than
 * the pane: at spaces, each line after the first indented @indent columns
 * (a heading with its rule id, "not resolved: " and a long reason).
 */
void detail_wrap(struct detail *detail, int indent);
/* detail_para() of each of the NULL-ended @items, after "- ". */
void detail_bullets(struct detail *detail, enum element el, int indent, const char *const *items);
void detail_blank(struct detail *detail);

#endif
