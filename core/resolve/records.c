/* The growing array of package records. */
#include "resolve/source.h"

#include <stdlib.h>

#include "deputy/array.h"

int
pkg_records_add(struct pkg_records *list, const struct pkg_record *r)
{
	if (array_reserve(&list->items, &list->cap, list->len, sizeof(*list->items)) != 0)
		return ERR_NOMEM;
	list->items[list->len++] = *r;
	return 0;
}

void
pkg_records_release(struct pkg_records *list)
{
	free(list->items);
	list->items = NULL;
	list->len = list->cap = 0;
}
