/*
 * The detector for noxfile.py (nox's sessions): what `session.install(...)`
 * installs, and the install commands of `session.run(...)` and
 * `session.run_install(...)`, read from the tokens without running anything
 * (lex/pytok.c, lex/pyliteral.c) and handed to lex/shcmd.c as the command
 * each call stands for: "pip install ARGS" for install (nox runs pip, or uv
 * pip, with them), the arguments themselves for run.
 *
 *   call = NAME "." ( "install" | "run" | "run_install" | "run_always" ) "(" [ arg ( "," arg )* ] ")"
 *   arg  = expression | "*" expression | "**" expression | NAME "=" expression
 *
 * Keyword arguments (silent=True, env=..., external=True) are not part of
 * the command. A positional argument that is not a string literal (a name,
 * *REQUIREMENTS, an f-string) is known only when the session runs: such an
 * install is a note, not read; such a run is read only when it installs
 * nothing (`session.run("pytest", *session.posargs)`). nox runs a session in
 * the noxfile's folder, where -r FILE is looked for.
 */
#include "detect/detect.h"

#include <stdlib.h>
#include <string.h>

#include "deputy/mapped_text.h"
#include "lex/pyliteral.h"
#include "lex/pytok.h"
#include "lex/shcmd.h"

struct nox {
	struct detect_out *out;
	struct source *src;
	struct pyliteral lit;
	struct mapped_text cmd;  /* the command being built */
};

bool
noxfile_matches(const char *path)
{
	return strcmp(path_basename(path), "noxfile.py") == 0;
}

static bool
op_at(const struct nox *nx, size_t i, const char *op)
{
	return i < nx->lit.count && nx->lit.toks[i].type == PYTOK_OP &&
	       pytok_is_op(nx->lit.text, &nx->lit.toks[i], op);
}

static bool
name_at(const struct nox *nx, size_t i, const char *name)
{
	return i < nx->lit.count && nx->lit.toks[i].type == PYTOK_NAME &&
	       sv_eq_cstr(pytok_text(nx->lit.text, &nx->lit.toks[i]), name);
}

/* Appends the string @v to the command as one shell word, in single quotes. */
static int
put_word(struct mapped_text *cmd, const struct pyval *v)
{
	size_t start = v->at.start;
	int rc = mapped_text_put(cmd, '\'', start);

	for (size_t k = 0; k < v->str.len && rc == 0; k++) {
		size_t off = v->verbatim ? v->content_start + k : start;
		rc = mapped_text_put_quoted(cmd, v->str.ptr[k], off);
	}
	if (rc == 0)
		rc = mapped_text_put(cmd, '\'', v->at.end);
	return rc == 0 ? mapped_text_put(cmd, ' ', v->at.end) : rc;
}

/* The first positional argument of a call that is not a string literal. */
struct dynamic_arg {
	bool found;
	struct span at;
	const char *why;
};

/* A word that starts an installer's command line: pip, pip3.11, uv, poetry, pipx. */
static bool
installer_word(struct sv w)
{
	return sv_find(w, SV_LIT("pip")) != SV_NPOS || sv_eq_cstr(w, "uv") ||
	       sv_eq_cstr(w, "poetry");
}

/*
 * The arguments of the call whose "(" is token @open, into the command up to
 * the first that is not a string literal (*@dyn), *@installs whether those
 * name an installer and then "install". Returns 0 or ERR_NOMEM; a call it
 * cannot read to its ")" is dropped (*@ok false).
 */
static int
read_args(struct nox *nx, size_t open, struct dynamic_arg *dyn, bool *installs, bool *ok)
{
	size_t pos = open + 1;
	bool installer = false;
	int rc;

	*dyn = (struct dynamic_arg){ 0 };
	*installs = *ok = false;
	while (pos < nx->lit.count && !op_at(nx, pos, ")")) {
		struct pyval *v = NULL;
		bool star = op_at(nx, pos, "*") || op_at(nx, pos, "**");
		if (!star && nx->lit.toks[pos].type == PYTOK_NAME && op_at(nx, pos + 1, "=")) {
			pos += 2;                        /* a keyword: not the command */
			pyliteral_skip(&nx->lit, &pos, false);
		} else {
			pos += star;
			if ((rc = pyliteral_eval(&v, &nx->lit, &pos, false, false)))
				return rc;
		}
		if (v && !dyn->found && (star || v->kind != PYVAL_STR)) {
			*dyn = (struct dynamic_arg){ true, v->at,
						     star ? "a *argument" : v->why ? v->why :
						     pyval_type_name(v->kind) };
		} else if (v && !dyn->found) {
			if ((rc = put_word(&nx->cmd, v)))
				return rc;
			*installs |= installer && sv_eq_cstr(v->str, "install");
			installer |= installer_word(v->str);
		}
		if (op_at(nx, pos, ","))
			pos++;
		else if (!op_at(nx, pos, ")"))
			return 0;                        /* not a call deputy can read */
	}
	*ok = pos < nx->lit.count;
	return 0;
}

/* The call NAME . @method ( at token @i: read as the command it runs. */
static int
read_call(struct nox *nx, size_t i, bool install)
{
	const struct pytok *method = &nx->lit.toks[i + 2];
	struct dynamic_arg dyn;
	bool installs, ok;
	int rc;

	mapped_text_reset(&nx->cmd);
	if (install && (rc = mapped_text_append(&nx->cmd, SV_LIT("pip install "), method->at.start)))
		return rc;
	if ((rc = read_args(nx, i + 3, &dyn, &installs, &ok)) || !ok)
		return rc;
	if (dyn.found && (install || installs)) {
		diag_add(nx->out->diags, DIAG_NOTE, nx->src, dyn.at,
			 "packages named when the session runs (%s): not read", dyn.why);
		return 0;
	}
	if (nx->cmd.len == 0)
		return 0;
	return shcmd_detect_mapped(nx->out, nx->src, mapped_text_sv(&nx->cmd), nx->cmd.map, NULL);
}

int
detect_noxfile(struct detect_out *out, struct source *src, const struct detect_ctx *ctx)
{
	struct nox nx = { .out = out, .src = src };
	struct pytok *all;
	size_t count, n = 0, bom;
	int rc;

	(void)ctx;
	if ((rc = pytok_tokens(&all, &count, src, out->diags)))
		return rc;
	for (size_t i = 0; i < count; i++)
		if (all[i].type != PYTOK_NL && all[i].type != PYTOK_COMMENT)
			all[n++] = all[i];
	nx.lit = (struct pyliteral){
		.text = src->text,
		.toks = all,
		.count = n,
		.encoding = pytok_encoding(src->text, &bom),
		.arena = out->arena,
	};
	for (size_t i = 0; i + 3 < n && rc == 0; i++) {
		if (all[i].type != PYTOK_NAME || (i > 0 && op_at(&nx, i - 1, ".")) ||
		    !op_at(&nx, i + 1, ".") || !op_at(&nx, i + 3, "("))
			continue;
		if (name_at(&nx, i + 2, "install"))
			rc = read_call(&nx, i, true);
		else if (name_at(&nx, i + 2, "run") || name_at(&nx, i + 2, "run_install") ||
			 name_at(&nx, i + 2, "run_always"))      /* run_install's old name */
			rc = read_call(&nx, i, false);
	}
	mapped_text_release(&nx.cmd);
	free(all);
	return rc;
}
