/*
 * YAML into a tree of spans: libyaml's event API (never its document API,
 * which resolves aliases), one node per event, no alias expansion. libyaml's
 * marks count characters, not bytes; a cursor turns them into byte offsets.
 */
#include "detect/yaml_tree.h"

#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "deputy/array.h"

/* Turns libyaml's character indexes into byte offsets; moves both ways. */
struct char_cursor {
	struct sv text;
	size_t chars, bytes;
};

struct open_node {
	struct ynode *node;
	struct ynode *last;      /* last child so far */
};

struct ytree_reader {
	struct ytree *out;
	struct arena *arena;
	struct diags *diags;
	struct source *src;
	struct char_cursor cursor;
	struct open_node *stack; /* heap */
	size_t depth, cap;
	struct ynode *last_doc;
	size_t n_nodes;
};

static bool
is_continuation(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

static size_t
cursor_offset(struct char_cursor *c, size_t index)
{
	while (c->chars < index && c->bytes < c->text.len) {
		c->bytes++;
		while (c->bytes < c->text.len && is_continuation((unsigned char)c->text.ptr[c->bytes]))
			c->bytes++;
		c->chars++;
	}
	while (c->chars > index && c->bytes > 0) {
		c->bytes--;
		while (c->bytes > 0 && is_continuation((unsigned char)c->text.ptr[c->bytes]))
			c->bytes--;
		c->chars--;
	}
	return c->bytes;
}

static struct span
event_span(struct ytree_reader *r, const yaml_event_t *ev)
{
	struct span at;

	at.start = cursor_offset(&r->cursor, ev->start_mark.index);
	at.end = cursor_offset(&r->cursor, ev->end_mark.index);
	if (at.end < at.start)
		at.end = at.start;
	return at;
}

static const char *
copy_tag(struct ytree_reader *r, const yaml_char_t *tag)
{
	return tag ? arena_strdup(r->arena, (const char *)tag) : NULL;
}

/* Adds a node under the open container (or as a document root). */
static struct ynode *
add_node(struct ytree_reader *r, enum ynode_type type, struct span at)
{
	struct ynode *node = arena_alloc(r->arena, sizeof(*node));

	if (!node)
		return NULL;
	node->type = type;
	node->at = at;
	node->value = "";
	r->n_nodes++;
	if (r->depth == 0) {
		if (r->last_doc)
			r->last_doc->next = node;
		else
			r->out->docs = node;
		r->last_doc = node;
		r->out->n_docs++;
		return node;
	}
	struct open_node *parent = &r->stack[r->depth - 1];
	if (parent->last)
		parent->last->next = node;
	else
		parent->node->child = node;
	parent->last = node;
	parent->node->n_children++;
	return node;
}

static int
add_scalar(struct ytree_reader *r, const yaml_event_t *ev)
{
	static const enum yscalar_style styles[] = {
		[YAML_PLAIN_SCALAR_STYLE] = YSTYLE_PLAIN,
		[YAML_SINGLE_QUOTED_SCALAR_STYLE] = YSTYLE_SINGLE,
		[YAML_DOUBLE_QUOTED_SCALAR_STYLE] = YSTYLE_DOUBLE,
		[YAML_LITERAL_SCALAR_STYLE] = YSTYLE_LITERAL,
		[YAML_FOLDED_SCALAR_STYLE] = YSTYLE_FOLDED,
	};
	struct ynode *node = add_node(r, YNODE_SCALAR, event_span(r, ev));
	char *value;

	if (!node)
		return ERR_NOMEM;
	if (ev->data.scalar.style <= YAML_FOLDED_SCALAR_STYLE)
		node->style = styles[ev->data.scalar.style];
	node->len = ev->data.scalar.length;
	if (!(value = arena_alloc(r->arena, node->len + 1)))
		return ERR_NOMEM;
	memcpy(value, ev->data.scalar.value, node->len);
	node->value = value;
	node->tag = copy_tag(r, ev->data.scalar.tag);
	return ev->data.scalar.tag && !node->tag ? ERR_NOMEM : 0;
}

static int
open_container(struct ytree_reader *r, const yaml_event_t *ev, enum ynode_type type)
{
	const yaml_char_t *tag = type == YNODE_MAPPING ? ev->data.mapping_start.tag
						       : ev->data.sequence_start.tag;
	struct ynode *node = add_node(r, type, event_span(r, ev));

	if (!node)
		return ERR_NOMEM;
	if (tag && !(node->tag = copy_tag(r, tag)))
		return ERR_NOMEM;
	node->incomplete = true;
	if (array_reserve(&r->stack, &r->cap, r->depth, sizeof(*r->stack)))
		return ERR_NOMEM;
	r->stack[r->depth++] = (struct open_node){ node, NULL };
	return 0;
}

static void
close_container(struct ytree_reader *r, const yaml_event_t *ev)
{
	if (r->depth == 0)
		return;
	struct ynode *node = r->stack[--r->depth].node;
	node->incomplete = false;
	size_t end = cursor_offset(&r->cursor, ev->end_mark.index);
	if (end > node->at.end)
		node->at.end = end;
}

static void
report_parser(struct ytree_reader *r, const yaml_parser_t *parser)
{
	size_t at;

	if (parser->error == YAML_READER_ERROR)
		at = parser->problem_offset;    /* bytes: the input is read as UTF-8 */
	else
		at = cursor_offset(&r->cursor, parser->problem_mark.index);
	if (at > r->src->text.len)
		at = r->src->text.len;
	diag_add(r->diags, DIAG_ERROR, r->src, (struct span){ at, at },
		 "expected valid yaml: %s%s%s", parser->problem ? parser->problem : "syntax error",
		 parser->context ? " " : "", parser->context ? parser->context : "");
}

/* One event into the tree. 1 at the end of the stream, 0 to go on, or an error. */
static int
take_event(struct ytree_reader *r, const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_STREAM_END_EVENT:
		return 1;
	case YAML_SCALAR_EVENT:
		return add_scalar(r, ev);
	case YAML_ALIAS_EVENT:
		return add_node(r, YNODE_ALIAS, event_span(r, ev)) ? 0 : ERR_NOMEM;
	case YAML_SEQUENCE_START_EVENT:
		return open_container(r, ev, YNODE_SEQUENCE);
	case YAML_MAPPING_START_EVENT:
		return open_container(r, ev, YNODE_MAPPING);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		close_container(r, ev);
		return 0;
	default:
		return 0;
	}
}

static int
read_events(struct ytree_reader *r, yaml_parser_t *parser)
{
	for (;;) {
		yaml_event_t ev;
		int rc;

		if (!yaml_parser_parse(parser, &ev)) {
			if (parser->error == YAML_MEMORY_ERROR)
				return ERR_NOMEM;
			report_parser(r, parser);
			return 0;
		}
		rc = take_event(r, &ev);
		if (rc == 0 && (r->depth > YTREE_MAX_DEPTH || r->n_nodes > YTREE_MAX_NODES)) {
			struct span at = event_span(r, &ev);
			diag_add(r->diags, DIAG_ERROR, r->src, at,
				 r->depth > YTREE_MAX_DEPTH ? "yaml nested deeper than %u levels: not read further"
							    : "yaml with more than %u nodes: not read further",
				 r->depth > YTREE_MAX_DEPTH ? (unsigned)YTREE_MAX_DEPTH
							    : (unsigned)YTREE_MAX_NODES);
			rc = 1;
		}
		yaml_event_delete(&ev);
		if (rc)
			return rc < 0 ? rc : 0;
	}
}

int
ytree_parse(struct ytree *out, struct arena *arena, struct diags *diags, struct source *src)
{
	struct ytree_reader r = {
		.out = out, .arena = arena, .diags = diags, .src = src,
		.cursor = { .text = src->text },
	};
	yaml_parser_t parser;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!yaml_parser_initialize(&parser))
		return ERR_NOMEM;
	/* UTF-8 only, so that reader errors are byte offsets and a BOM is one character */
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	yaml_parser_set_input_string(&parser, (const unsigned char *)src->text.ptr, src->text.len);
	rc = read_events(&r, &parser);
	yaml_parser_delete(&parser);
	free(r.stack);
	return rc;
}

const struct ynode *
ytree_get(const struct ynode *map, const char *key)
{
	if (!map || map->type != YNODE_MAPPING)
		return NULL;
	for (const struct ynode *k = map->child; k && k->next; k = k->next->next)
		if (ytree_is(k, key))
			return k->next;
	return NULL;
}

bool
ytree_is(const struct ynode *node, const char *s)
{
	size_t n = strlen(s);

	return node && node->type == YNODE_SCALAR && node->len == n && memcmp(node->value, s, n) == 0;
}

struct span
ytree_scalar_text(const struct ynode *node, struct sv text)
{
	struct span at = node->at;

	if (at.end > text.len)
		at.end = text.len;
	if (at.start > at.end)
		at.start = at.end;
	switch (node->style) {
	case YSTYLE_LITERAL:
	case YSTYLE_FOLDED:
		/* the header line holds the indicator, chomping and indentation digits */
		while (at.start < at.end && text.ptr[at.start] != '\n')
			at.start++;
		if (at.start < at.end)
			at.start++;
		break;
	case YSTYLE_SINGLE:
	case YSTYLE_DOUBLE:
		if (at.end - at.start >= 2) {
			at.start++;
			at.end--;
		}
		break;
	case YSTYLE_PLAIN:
		break;
	}
	return at;
}
