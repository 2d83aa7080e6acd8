/*
 * setup.py read without running it: the setup() calls and the requirement
 * strings of their install_requires, setup_requires, tests_require and
 * extras_require arguments, as events (the detector and the test dump share it).
 */
#ifndef DEPUTY_DETECT_SETUP_PY_H
#define DEPUTY_DETECT_SETUP_PY_H

#include <stddef.h>

#include "deputy/arena.h"
#include "deputy/diag.h"
#include "deputy/sv.h"
#include "lex/pyliteral.h"

enum setup_py_event_type {
	SETUP_PY_CALL,           /* a setup( call; @at is the callee's name */
	SETUP_PY_KEYWORD,        /* one of the four keywords; @at is the keyword */
	SETUP_PY_DYNAMIC,        /* the keyword's value (or a **argument, or one item
				  * of a literal list or dict) is not a literal */
	SETUP_PY_EXTRA,          /* extras_require: a key; @text is it, as written */
	SETUP_PY_REQUIREMENT,    /* one requirement line; @value is its string literal */
	SETUP_PY_NOT_STRING,     /* a value where a string (or, extras_require, a dict) belongs */
};

struct setup_py_event {
	enum setup_py_event_type type;
	const char *keyword;         /* "install_requires", ...; "**" for a dynamic **arg */
	/* CALL, KEYWORD: the name, keyword or "**"; DYNAMIC: the keyword for a
	 * whole value, else the item; others: the value */
	struct span at;
	/* DYNAMIC: the value (see its why); EXTRA: the key; REQUIREMENT: the STR
	 * holding the line (its first one when lines were joined); NOT_STRING:
	 * the value. */
	const struct pyval *value;
	/* EXTRA: the key's text; REQUIREMENT: the line, stripped, its " #"
	 * comment dropped, "\" continuations joined (setuptools' parse_strings):
	 * a slice of @value->str when nothing was joined, else in the arena. */
	struct sv text;
};

typedef int (*setup_py_event_fn)(const struct setup_py_event *event, void *payload);

/*
 * Tokenizes @src (tokenizer diagnostics go to @diags) and calls @fn for each
 * event, in source order of the calls. Values live in @arena. Returns 0,
 * ERR_NOMEM, or the first nonzero value @fn returned.
 */
int setup_py_read(struct source *src, struct arena *arena, struct diags *diags,
		  setup_py_event_fn fn, void *payload);

#endif
