/*
 * GitLab CI's `extends:` for inherited before_scripts (gitlab_extends.h).
 * Each top-level key is a possible template; its before_script (own, else
 * from its own extends) is worked out the first time a job asks and kept, so
 * every template is read once and every name in an extends list costs one
 * binary search.
 */
#include "detect/gitlab_extends.h"

#include <stdlib.h>
#include <string.h>

#include "deputy/diag.h"

enum key_state {
	KEY_NEW,
	KEY_WORKING,             /* being worked out: met again, it is a cycle */
	KEY_DONE,
};

struct gitlab_key {
	const struct ynode *name;
	const struct ynode *value;
	size_t pos;              /* order in the file: the first of equal names counts */
	enum key_state state[GITLAB_N_INHERITED];
	const struct ynode *found[GITLAB_N_INHERITED];   /* with KEY_DONE */
};

/* A template's own value of @what: before_script, or inherit: default: (merged key by key). */
static const struct ynode *
own_value(const struct ynode *tpl, enum gitlab_inherited what)
{
	if (tpl->type != YNODE_MAPPING)
		return NULL;
	return what == GITLAB_BEFORE_SCRIPT ? ytree_get(tpl, "before_script")
					    : ytree_get(ytree_get(tpl, "inherit"), "default");
}

/* A scalar's value as a view (it may hold NUL: see len). */
static struct sv
scalar_sv(const struct ynode *n)
{
	return sv_make(n->value, n->len);
}

static int
key_cmp(const void *pa, const void *pb)
{
	const struct gitlab_key *a = pa, *b = pb;
	int c = sv_cmp(scalar_sv(a->name), scalar_sv(b->name));

	return c ? c : a->pos < b->pos ? -1 : a->pos > b->pos;
}

int
gitlab_templates_init(struct gitlab_templates *t, const struct ynode *root)
{
	size_t n = 0;

	*t = (struct gitlab_templates){ 0 };
	if (!root || root->type != YNODE_MAPPING)
		return 0;
	t->keys = calloc(root->n_children / 2 + 1, sizeof(*t->keys));
	if (!t->keys)
		return ERR_NOMEM;
	for (const struct ynode *k = root->child; k && k->next; k = k->next->next)
		if (k->type == YNODE_SCALAR)
			t->keys[n] = (struct gitlab_key){ k, k->next, n, { KEY_NEW }, { NULL } }, n++;
	qsort(t->keys, n, sizeof(*t->keys), key_cmp);
	t->n = n;
	return 0;
}

void
gitlab_templates_release(struct gitlab_templates *t)
{
	free(t->keys);
	*t = (struct gitlab_templates){ 0 };
}

/* The first top-level key named as the scalar @name, or NULL. */
static struct gitlab_key *
find_key(struct gitlab_templates *t, const struct ynode *name)
{
	size_t lo = 0, hi = t->n;

	while (lo < hi) {                /* the leftmost key not below @name */
		size_t mid = lo + (hi - lo) / 2;
		if (sv_cmp(scalar_sv(t->keys[mid].name), scalar_sv(name)) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == t->n || !sv_eq(scalar_sv(t->keys[lo].name), scalar_sv(name)))
		return NULL;
	return &t->keys[lo];
}

static const struct ynode *extended(struct gitlab_templates *t, const struct ynode *node,
				    enum gitlab_inherited what, unsigned depth);

/* The key @what of the template named by @name, own or inherited, worked out once. */
static const struct ynode *
template_value(struct gitlab_templates *t, const struct ynode *name, enum gitlab_inherited what,
	       unsigned depth)
{
	struct gitlab_key *key;
	const struct ynode *own;

	if (name->type != YNODE_SCALAR || depth >= GITLAB_MAX_EXTENDS_DEPTH ||
	    !(key = find_key(t, name)) || key->state[what] == KEY_WORKING)
		return NULL;
	if (key->state[what] == KEY_DONE)
		return key->found[what];
	key->state[what] = KEY_WORKING;
	own = own_value(key->value, what);
	key->found[what] = own ? own : key->value->type == YNODE_MAPPING ?
		extended(t, key->value, what, depth + 1) : NULL;
	key->state[what] = KEY_DONE;
	return key->found[what];
}

/* What @node's extends gives it: the last template listed that has the key. */
static const struct ynode *
extended(struct gitlab_templates *t, const struct ynode *node, enum gitlab_inherited what,
	 unsigned depth)
{
	const struct ynode *ext = ytree_get(node, "extends"), *b = NULL, *found;

	if (!ext)
		return NULL;
	if (ext->type != YNODE_SEQUENCE)
		return template_value(t, ext, what, depth);
	for (const struct ynode *item = ext->child; item; item = item->next)
		if ((found = template_value(t, item, what, depth)))
			b = found;
	return b;
}

const struct ynode *
gitlab_extended(struct gitlab_templates *t, const struct ynode *job, enum gitlab_inherited what)
{
	return extended(t, job, what, 0);
}
