/*
 * configparser's BasicInterpolation (Python 3.11): what get() makes of a value.
 *
 *   value     = *( text | "%%" | reference )
 *   reference = "%(" name ")s"           name: one or more characters but ")"
 *
 * "%%" is one "%". A reference is replaced by the value of the option it
 * names, looked up in the section get() reads, then in [DEFAULT]; that value
 * is interpolated in turn when it holds a "%", at most INI_MAX_DEPTH deep.
 * Any other "%" is an InterpolationSyntaxError.
 */
#include "detect/ini.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "deputy/array.h"

/*
 * Work beyond which deputy stops: 1 MiB (steps, or bytes of a value) and as
 * much again as the file is long. Real files need a small part of it; a
 * [DEFAULT] read by thousands of sections, or references fanning out ten
 * deep, would need more than the file's size squared.
 */
#define BUDGET(src_len) (((size_t)1 << 20) + (src_len))
#define TOO_DEEP ((size_t)-1)
/*
 * Interpolation errors told at the most: configparser stops at the first, and
 * those of [DEFAULT] are found from sections far below it, so that each one
 * told walks the line count back up there.
 */
#define MAX_TOLD 100

enum token_kind {
	TOKEN_TEXT,
	TOKEN_PERCENT,           /* "%%" */
	TOKEN_REF,               /* "%(name)s" */
	TOKEN_BAD,               /* a '%' interpolation refuses; the last token */
};

struct token {
	enum token_kind kind;
	size_t start, end;
	struct sv name;          /* TOKEN_REF */
};

/* The token at *@pos of @v, moving *@pos past it; false at the end. */
static bool
next_token(struct sv v, size_t *pos, struct token *t)
{
	size_t p = *pos;
	const char *q;

	if (p >= v.len)
		return false;
	*t = (struct token){ TOKEN_BAD, p, v.len, SV_NULL };
	if (v.ptr[p] != '%') {
		q = memchr(v.ptr + p, '%', v.len - p);
		t->kind = TOKEN_TEXT;
		t->end = q ? (size_t)(q - v.ptr) : v.len;
	} else if (p + 1 < v.len && v.ptr[p + 1] == '%') {
		t->kind = TOKEN_PERCENT;
		t->end = p + 2;
	} else if (p + 1 < v.len && v.ptr[p + 1] == '(') {
		q = memchr(v.ptr + p + 2, ')', v.len - p - 2);
		size_t close = q ? (size_t)(q - v.ptr) : v.len;
		if (close > p + 2 && close + 1 < v.len && v.ptr[close + 1] == 's') {
			t->kind = TOKEN_REF;
			t->end = close + 2;
			t->name = sv_slice(v, p + 2, close - p - 2);
		}
	}
	*pos = t->end;
	return true;
}

/* ---- get() ---- */

struct expander {
	struct ini *ini;
	size_t section;
	struct mapped_text *out;
	size_t work, budget;
};

static int
expand(struct expander *e, const struct ini_option *opt, size_t depth)
{
	struct mapped_text raw = { 0 };
	size_t pos = 0;
	struct token t;
	int rc;

	if (depth > INI_MAX_DEPTH)
		return ERR_SYNTAX;
	if ((rc = ini_raw_value(e->ini, &raw, opt)))
		goto done;
	while (rc == 0 && next_token(mapped_text_sv(&raw), &pos, &t)) {
		const struct ini_option *ref;
		if ((e->work += t.end - t.start + 1) > e->budget || e->out->len > e->budget) {
			rc = ERR_LIMIT;
		} else if (t.kind == TOKEN_TEXT) {
			struct sv text = sv_slice(mapped_text_sv(&raw), t.start, t.end - t.start);
			rc = mapped_text_append_map(e->out, text, raw.map + t.start);
		} else if (t.kind == TOKEN_PERCENT) {
			rc = mapped_text_put(e->out, '%', raw.map[t.start]);
		} else if (t.kind == TOKEN_BAD || !(ref = ini_lookup(e->ini, e->section, t.name))) {
			rc = ERR_SYNTAX;
		} else if (ref->percent) {
			rc = expand(e, ref, depth + 1);
		} else {
			rc = ini_raw_value(e->ini, e->out, ref);
		}
	}
done:
	mapped_text_release(&raw);
	return rc;
}

int
ini_get(struct ini *ini, struct mapped_text *out, size_t section, const struct ini_option *opt)
{
	struct expander e = { ini, section, out, 0, BUDGET(ini->src->text.len) };
	int rc;

	mapped_text_reset(out);
	if (!opt->percent)
		return ini_raw_value(ini, out, opt);
	rc = expand(&e, opt, 1);
	if (rc == ERR_LIMIT)
		diag_add(ini->diags, DIAG_WARNING, ini->src,
			 (struct span){ opt->key_at, opt->key_at + opt->key.len },
			 "expected '%.*s' to interpolate within deputy's limit of %zu bytes; "
			 "it is not read", (int)opt->key.len, opt->key.ptr, e.budget);
	return rc == 0 ? mapped_text_end(out, out->len ? out->map[out->len - 1] + 1 : opt->key_at)
		       : rc;
}

/* ---- every get() of every section ---- */

struct ref {
	struct sv name;          /* in the source; ptr NULL when the name spans lines */
	size_t at, end;
	bool told;
};

struct check {
	struct ini *ini;
	size_t section;          /* the section every get() now reads */
	struct ref *refs;        /* heap, each option's in turn */
	size_t n_refs, cap_refs;
	size_t *first_ref;       /* heap, n_options + 1: option i has refs[first_ref[i] ..
				  * first_ref[i + 1]) */
	size_t *bad;             /* heap: the offset of option i's bad '%', or INI_NONE */
	size_t *stamp;           /* heap: height[i] holds for section stamp[i] - 1 */
	unsigned char *height;   /* heap: the longest chain of references from option i */
	size_t *seen;            /* heap: option i was reached in section seen[i] - 1 */
	size_t *stack;           /* heap: the options reached and not yet looked at */
	bool *told_bad;
	size_t told;
	ini_skip_fn skip;
	void *payload;
	bool told_depth;
	size_t work, budget;
};

/* Lists the references of @opt and its first bad '%'. */
static int
scan_option(struct check *c, struct mapped_text *raw, size_t i)
{
	const struct ini_option *opt = &c->ini->options[i];
	size_t pos = 0;
	struct token t;

	c->first_ref[i] = c->n_refs;
	c->bad[i] = INI_NONE;
	if (!opt->percent)
		return 0;
	mapped_text_reset(raw);
	if (ini_raw_value(c->ini, raw, opt))
		return ERR_NOMEM;
	while (next_token(mapped_text_sv(raw), &pos, &t)) {
		if (t.kind == TOKEN_BAD)
			c->bad[i] = raw->map[t.start];
		if (t.kind != TOKEN_REF)
			continue;
		if (array_reserve(&c->refs, &c->cap_refs, c->n_refs, sizeof(*c->refs)))
			return ERR_NOMEM;
		/* a name on one line is a slice of that line; none spans lines */
		size_t name_at = raw->map[t.start + 2];
		struct sv name = sv_find_char(t.name, '\n') == SV_NPOS ?
			sv_make(c->ini->src->text.ptr + name_at, t.name.len) : SV_NULL;
		c->refs[c->n_refs++] = (struct ref){ name, raw->map[t.start], raw->map[t.end - 1] + 1,
						     false };
	}
	return 0;
}

static const struct ini_option *
ref_target(const struct check *c, const struct ref *r)
{
	return r->name.ptr ? ini_lookup(c->ini, c->section, r->name) : NULL;
}

/* The longest chain of references from option @i, met @depth deep; TOO_DEEP past the limit. */
static size_t
chain(struct check *c, size_t i, size_t depth)
{
	size_t h = 1;

	if (depth > INI_MAX_DEPTH)
		return TOO_DEEP;
	if (c->stamp[i] == c->section + 1)
		return depth - 1 + c->height[i] > INI_MAX_DEPTH ? TOO_DEEP : c->height[i];
	for (size_t k = c->first_ref[i]; k < c->first_ref[i + 1]; k++) {
		const struct ini_option *to = ref_target(c, &c->refs[k]);
		c->work++;
		if (!to || !to->percent)
			continue;
		size_t sub = chain(c, (size_t)(to - c->ini->options), depth + 1);
		if (sub == TOO_DEEP)
			return TOO_DEEP;
		if (sub + 1 > h)
			h = sub + 1;
	}
	c->stamp[i] = c->section + 1;
	c->height[i] = (unsigned char)h;
	return h;
}

static void
tell_bad(struct check *c, size_t i)
{
	if (c->bad[i] == INI_NONE || c->told_bad[i] || c->told++ >= MAX_TOLD)
		return;
	c->told_bad[i] = true;
	diag_add(c->ini->diags, DIAG_ERROR, c->ini->src, (struct span){ c->bad[i], c->bad[i] + 1 },
		 "%s", "expected '%%' or '%(name)s' after '%': configparser interpolates values");
}

static void
tell_missing(struct check *c, struct ref *r)
{
	struct sv sect = c->ini->sections[c->section].name;

	if (r->told || c->told++ >= MAX_TOLD)
		return;
	r->told = true;
	diag_add(c->ini->diags, DIAG_ERROR, c->ini->src, (struct span){ r->at, r->end },
		 "expected an option '%.*s' in [%.*s] or [DEFAULT] for this reference",
		 (int)(r->end - r->at - 4), c->ini->src->text.ptr + r->at + 2,
		 (int)sect.len, sect.ptr);
}

/* The '%' errors get() meets in option @top and in the values it interpolates from it. */
static int
check_reached(struct check *c, size_t top)
{
	size_t n = 0;

	if (c->seen[top] == c->section + 1)
		return 0;
	c->seen[top] = c->section + 1;
	c->stack[n++] = top;
	while (n) {
		size_t i = c->stack[--n];
		tell_bad(c, i);
		for (size_t k = c->first_ref[i]; k < c->first_ref[i + 1]; k++) {
			const struct ini_option *to = ref_target(c, &c->refs[k]);
			if (++c->work > c->budget)
				return ERR_LIMIT;
			if (!to) {
				tell_missing(c, &c->refs[k]);
			} else if (to->percent && c->seen[to - c->ini->options] != c->section + 1) {
				c->seen[to - c->ini->options] = c->section + 1;
				c->stack[n++] = (size_t)(to - c->ini->options);
			}
		}
	}
	return 0;
}

/* get(section, key of @opt), when the caller makes it: each error it raises, told once. */
static int
check_get(const struct ini_option *opt, void *payload)
{
	struct check *c = payload;
	struct ini *ini = c->ini;
	size_t i = (size_t)(opt - ini->options);
	int rc;

	if (++c->work > c->budget)
		return ERR_LIMIT;
	if ((c->skip && c->skip(opt->key, c->payload)) || !opt->percent)
		return 0;
	if ((rc = check_reached(c, i)))
		return rc;
	if (!c->told_depth && chain(c, i, 1) == TOO_DEEP) {
		c->told_depth = true;
		diag_add(ini->diags, DIAG_ERROR, ini->src,
			 (struct span){ opt->key_at, opt->key_at + opt->key.len },
			 "expected references nested at most %d deep: '%.*s' in [%.*s] goes deeper",
			 INI_MAX_DEPTH, (int)opt->key.len, opt->key.ptr,
			 (int)ini->sections[c->section].name.len, ini->sections[c->section].name.ptr);
	}
	return 0;
}

static int
run_check(struct check *c)
{
	struct mapped_text raw = { 0 };
	size_t n = c->ini->n_options;
	int rc = 0;

	c->first_ref = calloc(n + 1, sizeof(*c->first_ref));
	c->bad = calloc(n + 1, sizeof(*c->bad));
	c->stamp = calloc(n + 1, sizeof(*c->stamp));
	c->height = calloc(n + 1, sizeof(*c->height));
	c->told_bad = calloc(n + 1, sizeof(*c->told_bad));
	c->seen = calloc(n + 1, sizeof(*c->seen));
	c->stack = calloc(n + 1, sizeof(*c->stack));
	if (!c->first_ref || !c->bad || !c->stamp || !c->height || !c->told_bad || !c->seen ||
	    !c->stack)
		return ERR_NOMEM;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = scan_option(c, &raw, i);
	mapped_text_release(&raw);
	c->first_ref[n] = c->n_refs;
	/* DEFAULT alone is never read: configparser's caller asks each section */
	for (c->section = 1; c->section < c->ini->n_sections && rc == 0;)
		if ((rc = ini_each_option(c->ini, c->section, check_get, c)) == 0)
			c->section++;
	if (rc == ERR_LIMIT) {
		struct ini_section *s = &c->ini->sections[c->section];
		diag_add(c->ini->diags, DIAG_WARNING, c->ini->src,
			 (struct span){ s->at, s->at + s->name.len },
			 "expected fewer sections reading [DEFAULT]: '%%' interpolation is not "
			 "checked from [%.*s] on (deputy's limit)", (int)s->name.len, s->name.ptr);
		rc = 0;
	}
	return rc;
}

int
ini_check(struct ini *ini, ini_skip_fn skip, void *payload)
{
	struct check c = {
		.ini = ini, .budget = BUDGET(ini->src->text.len), .skip = skip, .payload = payload,
	};
	int rc = run_check(&c);

	free(c.refs);
	free(c.first_ref);
	free(c.bad);
	free(c.stamp);
	free(c.height);
	free(c.told_bad);
	free(c.seen);
	free(c.stack);
	return rc;
}
