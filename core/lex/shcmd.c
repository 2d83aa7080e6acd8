/*
 * Install commands in POSIX shell text: a lexer for words, commands and
 * pipelines, then readers for the argument lists of pip, uv, poetry, pipx and
 * easy_install, and for downloads piped into a shell. Follows POSIX XCU 2.2
 * (Quoting), 2.3 (Token Recognition), 2.6.3 (Command Substitution), 2.7.4
 * (Here-Document) and 2.9 (Shell Commands), in our own notation:
 *
 *   list      = pipeline (("&&" | "||" | ";" | "&" | ";;" | newline) pipeline)*
 *   pipeline  = command (("|" | "|&") command)*
 *   command   = assignment* prefix* name (word | redirect)*
 *   prefix    = "sudo" opts | "env" opts | "exec" | "time" | "nohup" | "nice" | "!" | "then" | ...
 *   word      = (plain | "\" char | "'" ... "'" | '"' ... '"' | "$'" ... "'"
 *               | "$(" list ")" | "`" ... "`" | "<(" list ")" | "${" ... "}" | "$" name)+
 *   redirect  = [digits] ("<" | ">" | ">>" | "<&" | ">&" | "<>" | ">|" | "&>" | "<<<") word
 *             | [digits] ("<<" | "<<-") word   (the body, up to the delimiter line, is skipped)
 *
 * "\" newline is removed outside single quotes; "#" at the start of a word
 * comments to the end of the line. Substitutions are opaque words, but their
 * insides are read too (a pip install in $(...), curl in sh -c "$(curl URL)").
 * The argument lists are read the way each tool reads them: pip with
 * optparse (long options may be abbreviated, short ones clustered, -rFILE),
 * uv with clap, poetry with cleo, pipx with argparse.
 */
#include "lex/shcmd.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deputy/array.h"
#include "deputy/ascii.h"
#include "deputy/mapped_text.h"
#include "deputy/utf8.h"
#include "detect/pipreq.h"
#include "lex/pep508.h"

#define MAX_DIAGS 100            /* per call; the rest are counted and dropped */
#define MAX_SUBSTS 4096          /* substitutions read per call */
#define MAX_SUBST_PER_WORD 4
#define MAX_PACKAGES 10000       /* per command */
#define MAX_HEREDOCS 8
#define MAX_SUBSHELLS 16         /* ( ... ) nesting whose cd is undone at the ')' */
#define RAW_MAX 200

/* The text being lexed; byte i comes from file offset map[i] (or base + i). */
struct input {
	const char *p;
	size_t len;
	const size_t *map;
	size_t base;
	size_t limit;            /* the source's length: no offset goes past it (a
				  * reader's newline after a file's last line maps there) */
};

/* One shell word, quotes removed; t.map[i] is the input index of t.text[i]. */
struct word {
	struct mapped_text t;
	size_t start, end;       /* input indices of the word as written */
	bool quoted;             /* some of it was quoted or escaped */
	bool expand;             /* holds $NAME, ${...} or $((...)) */
	bool subst;              /* holds $(...), `...` or <(...) */
	bool too_long;
	size_t n_subst;
	struct span substs[MAX_SUBST_PER_WORD];   /* input indices of their insides */
};

struct command {
	struct word *words;
	size_t n, cap;
	bool bad;                /* an unterminated quote: nothing is read from it */
	bool limited;            /* words past SHCMD_MAX_WORDS were dropped */
	bool background;         /* ended by a single '&': it runs in a subshell */
};

struct pipeline {
	struct command *cmds;
	size_t n, cap;
};

struct heredoc {
	char delim[128];
	size_t len;
	bool strip_tabs;
};

/* What one shcmd_detect() call shares across nested inputs. */
struct shcmd {
	struct detect_out *out;
	struct source *src;
	struct shcmd_opts opts;
	struct shcmd_cd own, *cd;    /* opts.cd, or @own for a fresh shell */
	unsigned n_diags;
	unsigned n_substs;
};

struct lexer {
	struct shcmd *sh;
	struct input in;
	size_t pos;
	unsigned depth;
	struct heredoc here[MAX_HEREDOCS];
	size_t n_here;
	struct shcmd_cd outer[MAX_SUBSHELLS];   /* sh->cd before each open '(' */
	unsigned n_open;
	unsigned closes;         /* ')' ending the command being read: after it */
	unsigned inline_parens;  /* '(' inside a command (a=(...), f()): their ')' close nothing */
	unsigned in_case;        /* case ... esac nesting: a ')' there ends a pattern */
	bool fn_next;            /* f() or function f seen: the next { ... } is its body */
	unsigned fn_depth;       /* braces open in a function body: a cd there is undone */
	struct shcmd_cd fn_outer;
};

enum term { T_END, T_PIPE, T_EOF };

typedef int (*pipeline_fn)(struct lexer *lx, struct pipeline *pl);

static int lex_input(struct shcmd *sh, struct input in, unsigned depth, pipeline_fn fn);

/* ---- positions and diagnostics ---- */

static size_t
clamp(const struct input *in, size_t off)
{
	return off < in->limit ? off : in->limit;
}

static size_t
in_file(const struct input *in, size_t i)
{
	if (in->len == 0)
		return clamp(in, in->base);
	if (i >= in->len)
		return clamp(in, (in->map ? in->map[in->len - 1] : in->base + in->len - 1) + 1);
	return clamp(in, in->map ? in->map[i] : in->base + i);
}

/* The file offset just after input byte @i - 1 (an exclusive end). */
static size_t
in_file_end(const struct input *in, size_t i)
{
	return i == 0 ? in_file(in, 0) : clamp(in, in_file(in, i - 1) + 1);
}

static size_t
word_file(const struct lexer *lx, const struct word *w, size_t k)
{
	return k < w->t.len ? in_file(&lx->in, w->t.map[k]) : in_file_end(&lx->in, w->end);
}

/*
 * Line and column of @off, on the file's own cursor: neither a long line
 * nor a file of many commands (a README's blocks, a Dockerfile's RUNs, each
 * a call) is walked from its start again for each word.
 */
static void
locate(struct shcmd *sh, size_t off, unsigned *line, unsigned *column)
{
	source_line_col(sh->src, off, line, column);
}

static void __attribute__((format(printf, 4, 5)))
report(struct shcmd *sh, enum diag_level level, size_t off, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	if (sh->opts.quiet || sh->n_diags++ >= MAX_DIAGS)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (sh->n_diags == MAX_DIAGS)
		snprintf(msg, sizeof(msg), "too many shell errors; the rest are not reported");
	diag_add(sh->out->diags, level, sh->src, (struct span){ off, off + 1 }, "%s", msg);
}

/* ---- words ---- */

static void
word_free(struct word *w)
{
	mapped_text_release(&w->t);
	memset(w, 0, sizeof(*w));
}

static int
word_put(struct word *w, char c, size_t at)
{
	if (w->t.len >= SHCMD_MAX_WORD) {
		w->too_long = true;
		return 0;
	}
	return mapped_text_put(&w->t, c, at);
}

static int
word_put_range(struct lexer *lx, struct word *w, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (word_put(w, lx->in.p[i], i))
			return ERR_NOMEM;
	return 0;
}

static struct sv
word_sv(const struct word *w)
{
	return mapped_text_sv(&w->t);
}

static bool
word_is(const struct word *w, const char *s)
{
	return sv_eq_cstr(word_sv(w), s);
}

/* ---- the lexer ---- */

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static bool
is_meta(char c)
{
	return is_blank(c) || c == '\n' || c == '|' || c == '&' || c == ';' || c == '<' ||
	       c == '>' || c == '(' || c == ')';
}

static bool
is_name_char(char c, bool first)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (!first && c >= '0' && c <= '9');
}

static char
at(const struct lexer *lx, size_t i)
{
	return i < lx->in.len ? lx->in.p[i] : '\0';
}

static bool
at_continuation(const struct lexer *lx, size_t i, size_t *skip)
{
	if (at(lx, i) != '\\' || i + 1 >= lx->in.len)
		return false;
	if (at(lx, i + 1) == '\n') {
		*skip = 2;
		return true;
	}
	if (at(lx, i + 1) == '\r' && at(lx, i + 2) == '\n') {
		*skip = 3;
		return true;
	}
	return false;
}

static void
skip_blanks(struct lexer *lx)
{
	size_t skip;

	while (lx->pos < lx->in.len) {
		if (is_blank(lx->in.p[lx->pos]))
			lx->pos++;
		else if (at_continuation(lx, lx->pos, &skip))
			lx->pos += skip;
		else
			break;
	}
}

static size_t
line_end(const struct lexer *lx, size_t i)
{
	return sv_line_end((struct sv){ lx->in.p, lx->in.len }, i);
}

/* An unclosed quote or substitution: report it and resume at the next line. */
static int
unterminated(struct lexer *lx, size_t open, const char *what)
{
	report(lx->sh, DIAG_ERROR, in_file(&lx->in, open), "unterminated %s", what);
	lx->pos = line_end(lx, open);
	return ERR_SYNTAX;
}

/* Index of the closing quote of a "..." that opens at @i, or SV_NPOS. */
static size_t skip_dquote(const struct lexer *lx, size_t i, unsigned depth);

/*
 * Index of the @close (')' or '}') ending a group whose opening bracket is
 * just before @i, or SV_NPOS: "$(" or "$((" (')'), "${" ('}'). The same
 * bracket nests; quotes, backquotes and inner "$(" and "${" are skipped
 * whole, so what they hold closes nothing ("${a:-`echo }`}").
 */
static size_t
skip_group(const struct lexer *lx, size_t i, char close, unsigned depth)
{
	char open = close == ')' ? '(' : '{';
	unsigned level = 1;

	if (depth > 64)
		return SV_NPOS;
	for (; i < lx->in.len; i++) {
		char c = lx->in.p[i];
		char next = at(lx, i + 1);
		if (c == '\\') {
			i++;
		} else if (c == '\'') {
			while (++i < lx->in.len && lx->in.p[i] != '\'')
				;
		} else if (c == '"') {
			i = skip_dquote(lx, i, depth + 1);
		} else if (c == '`') {
			while (++i < lx->in.len && lx->in.p[i] != '`')
				i += lx->in.p[i] == '\\';
		} else if (c == '$' && (next == '(' || next == '{')) {
			i = skip_group(lx, i + 2, next == '(' ? ')' : '}', depth + 1);
		} else if (c == open) {
			level++;
		} else if (c == close && --level == 0) {
			return i;
		}
		if (i == SV_NPOS || i >= lx->in.len)
			return SV_NPOS;
	}
	return SV_NPOS;
}

static size_t
skip_dquote(const struct lexer *lx, size_t i, unsigned depth)
{
	for (i++; i < lx->in.len; i++) {
		char c = lx->in.p[i];
		char next = at(lx, i + 1);
		if (c == '\\')
			i++;
		else if (c == '"')
			return i;
		else if (c == '$' && (next == '(' || next == '{'))
			i = skip_group(lx, i + 2, next == '(' ? ')' : '}', depth + 1);
		if (i == SV_NPOS)
			return SV_NPOS;
	}
	return SV_NPOS;
}

static void
add_subst(struct word *w, size_t start, size_t end)
{
	w->subst = true;
	if (w->n_subst < MAX_SUBST_PER_WORD)
		w->substs[w->n_subst++] = (struct span){ start, end };
}

/* $..., at lx->pos: a parameter, a substitution, arithmetic, $'...' or $"...". */
static int read_dquote(struct lexer *lx, struct word *w);

static int
read_dollar(struct lexer *lx, struct word *w)
{
	size_t i = lx->pos, end;
	char c = at(lx, i + 1);

	if (c == '(') {
		bool arith = at(lx, i + 2) == '(';
		if ((end = skip_group(lx, i + 2, ')', 0)) == SV_NPOS)
			return unterminated(lx, i, arith ? "$((" : "$(");
		if (arith)
			w->expand = true;
		else
			add_subst(w, i + 2, end);
		lx->pos = end + 1;
		return word_put_range(lx, w, i, end + 1);
	}
	if (c == '{') {
		if ((end = skip_group(lx, i + 2, '}', 0)) == SV_NPOS)
			return unterminated(lx, i, "${");
		w->expand = true;
		lx->pos = end + 1;
		return word_put_range(lx, w, i, end + 1);
	}
	if (c == '\'') {
		for (end = i + 2; end < lx->in.len && lx->in.p[end] != '\''; end++)
			end += lx->in.p[end] == '\\';
		if (end >= lx->in.len)
			return unterminated(lx, i, "$' quote");
		w->quoted = true;
		lx->pos = end + 1;
		return word_put_range(lx, w, i + 2, end);
	}
	if (c == '"') {
		lx->pos++;
		return read_dquote(lx, w);
	}
	end = i + 1;
	if (is_name_char(c, true)) {
		while (is_name_char(at(lx, end), false))
			end++;
	} else if (byte_in("@*#?$!-0123456789", c)) {
		end++;
	} else {
		lx->pos++;
		return word_put(w, '$', i);     /* a lone '$' is itself */
	}
	w->expand = true;
	lx->pos = end;
	return word_put_range(lx, w, i, end);
}

static int
read_backtick(struct lexer *lx, struct word *w)
{
	size_t i = lx->pos, end;

	for (end = i + 1; end < lx->in.len && lx->in.p[end] != '`'; end++)
		end += lx->in.p[end] == '\\';
	if (end >= lx->in.len)
		return unterminated(lx, i, "backquote");
	add_subst(w, i + 1, end);
	lx->pos = end + 1;
	return word_put_range(lx, w, i, end + 1);
}

static int
read_dquote(struct lexer *lx, struct word *w)
{
	size_t open = lx->pos, skip;
	int rc = 0;

	w->quoted = true;
	lx->pos++;
	while (lx->pos < lx->in.len && rc == 0) {
		size_t i = lx->pos;
		char c = lx->in.p[i];
		if (c == '"') {
			lx->pos++;
			return 0;
		}
		if (at_continuation(lx, i, &skip)) {
			lx->pos += skip;
		} else if (c == '\\' && byte_in("$`\"\\", at(lx, i + 1))) {
			/* past the end at() gives NUL, in no set: a '\' at the end stays literal */
			rc = word_put(w, lx->in.p[i + 1], i + 1);
			lx->pos += 2;
		} else if (c == '$') {
			rc = read_dollar(lx, w);
		} else if (c == '`') {
			rc = read_backtick(lx, w);
		} else {
			rc = word_put(w, c, i);
			lx->pos++;
		}
	}
	return rc ? rc : unterminated(lx, open, "double quote");
}

/* A word at lx->pos. Returns 0, ERR_SYNTAX (reported; lx->pos at the line's end) or ERR_NOMEM. */
static int
read_word(struct lexer *lx, struct word *w)
{
	size_t skip, end;
	int rc = 0;

	w->start = lx->pos;
	while (lx->pos < lx->in.len && rc == 0) {
		size_t i = lx->pos;
		char c = lx->in.p[i];
		if ((c == '<' || c == '>') && at(lx, i + 1) == '(' && i == w->start) {
			if ((end = skip_group(lx, i + 2, ')', 0)) == SV_NPOS)
				return unterminated(lx, i, "process substitution");
			add_subst(w, i + 2, end);
			lx->pos = end + 1;
			rc = word_put_range(lx, w, i, end + 1);
		} else if (is_meta(c)) {
			break;
		} else if (at_continuation(lx, i, &skip)) {
			lx->pos += skip;
		} else if (c == '\\') {
			w->quoted = true;
			if (i + 1 < lx->in.len) {
				rc = word_put(w, lx->in.p[i + 1], i + 1);
				lx->pos += 2;
			} else {
				rc = word_put(w, c, i);
				lx->pos++;
			}
		} else if (c == '\'') {
			if ((end = sv_find_char(sv_tail(sv_make(lx->in.p, lx->in.len), i + 1), '\'')) == SV_NPOS)
				return unterminated(lx, i, "single quote");
			w->quoted = true;
			lx->pos = i + 1 + end + 1;
			rc = word_put_range(lx, w, i + 1, i + 1 + end);
		} else if (c == '"') {
			rc = read_dquote(lx, w);
		} else if (c == '$') {
			rc = read_dollar(lx, w);
		} else if (c == '`') {
			rc = read_backtick(lx, w);
		} else {
			rc = word_put(w, c, i);
			lx->pos++;
		}
	}
	w->end = lx->pos;
	return rc;
}

/* The bodies of here-documents start after the newline that ends their command. */
static void
skip_heredocs(struct lexer *lx)
{
	for (size_t h = 0; h < lx->n_here; h++) {
		const struct heredoc *d = &lx->here[h];
		while (lx->pos < lx->in.len) {
			size_t s = lx->pos, e = line_end(lx, s);
			lx->pos = e < lx->in.len ? e + 1 : e;
			if (d->strip_tabs)
				while (s < e && lx->in.p[s] == '\t')
					s++;
			if (e > s && lx->in.p[e - 1] == '\r')
				e--;
			if (e - s == d->len && memcmp(lx->in.p + s, d->delim, d->len) == 0)
				break;
		}
	}
	lx->n_here = 0;
}

/* A redirection operator at lx->pos and its target word, which is dropped. */
static int
read_redirect(struct lexer *lx)
{
	size_t i = lx->pos;
	struct word target = { 0 };
	bool heredoc = false, strip = false;
	int rc;

	if (at(lx, i) == '&')
		i++;
	char c = at(lx, i++);
	if (c == '<' && at(lx, i) == '<' && at(lx, i + 1) == '<') {
		i += 2;
	} else if (c == '<' && at(lx, i) == '<') {
		heredoc = true;
		i++;
		if (at(lx, i) == '-') {
			strip = true;
			i++;
		}
	} else if (at(lx, i) == '&' || at(lx, i) == '|' || (c == '<' && at(lx, i) == '>') ||
		   (c == '>' && at(lx, i) == '>')) {
		i++;
	}
	if ((c == '>' || c == '<') && at(lx, i) == '=' && lx->pos > 0 &&
	    !is_meta(at(lx, lx->pos - 1)))
		report(lx->sh, DIAG_WARNING, in_file(&lx->in, lx->pos),
		       "unquoted '%c=' is a shell redirection, not a version: quote the requirement", c);
	lx->pos = i;
	skip_blanks(lx);
	if (lx->pos >= lx->in.len || is_meta(lx->in.p[lx->pos]))
		return 0;
	rc = read_word(lx, &target);
	if (rc == 0 && heredoc && lx->n_here < MAX_HEREDOCS) {
		struct heredoc *d = &lx->here[lx->n_here++];
		d->len = target.t.len < sizeof(d->delim) ? target.t.len : sizeof(d->delim);
		memcpy(d->delim, target.t.text ? target.t.text : "", d->len);
		d->strip_tabs = strip;
	}
	word_free(&target);
	return rc;
}

static struct word *
command_new_word(struct command *cmd)
{
	if (array_reserve(&cmd->words, &cmd->cap, cmd->n, sizeof(*cmd->words)))
		return NULL;
	memset(&cmd->words[cmd->n], 0, sizeof(cmd->words[0]));
	return &cmd->words[cmd->n++];
}

static void
command_free(struct command *cmd)
{
	for (size_t i = 0; i < cmd->n; i++)
		word_free(&cmd->words[i]);
	free(cmd->words);
	memset(cmd, 0, sizeof(*cmd));
}

static bool
all_digits(const struct word *w)
{
	if (w->quoted || w->t.len == 0)
		return false;
	for (size_t i = 0; i < w->t.len; i++)
		if (w->t.text[i] < '0' || w->t.text[i] > '9')
			return false;
	return true;
}

static int
lex_word(struct lexer *lx, struct command *cmd)
{
	struct word scratch = { 0 }, *w;
	int rc;

	if (cmd->n >= SHCMD_MAX_WORDS) {
		if (!cmd->limited)
			report(lx->sh, DIAG_ERROR, in_file(&lx->in, lx->pos),
			       "more than %d words in one command; the rest are not read",
			       SHCMD_MAX_WORDS);
		cmd->limited = true;
		w = &scratch;
	} else if (!(w = command_new_word(cmd))) {
		return ERR_NOMEM;
	}
	rc = read_word(lx, w);
	if (rc == ERR_SYNTAX) {
		cmd->bad = true;
		rc = 0;
	} else if (rc == 0 && w != &scratch && w->too_long) {
		report(lx->sh, DIAG_ERROR, in_file(&lx->in, w->start),
		       "a word longer than %d bytes; not read", SHCMD_MAX_WORD);
	} else if (rc == 0 && w != &scratch && all_digits(w) &&
		   (at(lx, lx->pos) == '<' || at(lx, lx->pos) == '>')) {
		word_free(w);       /* 2>&1: the digits name a file descriptor */
		cmd->n--;
		return 0;
	}
	word_free(&scratch);
	return rc;
}

/* A '(' starts a subshell: a cd inside it is undone at its ')'. */
static void
subshell(struct lexer *lx, bool open)
{
	if (open) {
		if (lx->n_open < MAX_SUBSHELLS)
			lx->outer[lx->n_open] = *lx->sh->cd;
		lx->n_open++;
	} else if (lx->n_open) {
		lx->n_open--;
		if (lx->n_open < MAX_SUBSHELLS)
			*lx->sh->cd = lx->outer[lx->n_open];
	}
}

/* One simple command, up to the operator after it. */
static int
lex_command(struct lexer *lx, struct command *cmd, enum term *term)
{
	int rc;

	for (;;) {
		skip_blanks(lx);
		if (lx->pos >= lx->in.len) {
			*term = T_EOF;
			return 0;
		}
		char c = lx->in.p[lx->pos], n = at(lx, lx->pos + 1);
		if (c == '#') {
			lx->pos = line_end(lx, lx->pos);
			continue;
		}
		*term = T_END;
		if (c == '\n') {
			lx->pos++;
			skip_heredocs(lx);
			if (cmd->n || cmd->bad)
				return 0;
			continue;
		}
		if (c == ';') {
			lx->pos += 1 + (n == ';' || n == '&');
			return 0;
		}
		if (c == '&' && n != '>') {
			lx->pos += 1 + (n == '&');
			cmd->background = n != '&';
			return 0;
		}
		if (c == '|') {
			lx->pos += 1 + (n == '|' || n == '&');
			if (n != '|')
				*term = T_PIPE;
			return 0;
		}
		if (c == '(' || c == ')') {
			lx->pos++;
			if (c == '(' && (cmd->n || cmd->bad)) {
				lx->inline_parens++;    /* a=(1 2), f() */
				lx->fn_next |= cmd->n == 1 && at(lx, lx->pos) == ')';
				return 0;
			}
			if (c == ')' && lx->inline_parens) {
				lx->inline_parens--;
				continue;
			}
			if (c == ')' && cmd->n && !word_is(&cmd->words[0], "esac") &&
			    (lx->in_case || word_is(&cmd->words[0], "case")))
				return 0;       /* a case pattern: "in dev)", "prod)" */
			if (cmd->n || cmd->bad) {
				lx->closes += c == ')';  /* "(cd x; cmd)": cmd still runs inside */
				return 0;
			}
			subshell(lx, c == '(');
			continue;
		}
		if ((c == '<' || c == '>' || c == '&') && n != '(') {
			if ((rc = read_redirect(lx)) == ERR_SYNTAX)
				cmd->bad = true;
			else if (rc)
				return rc;
			continue;
		}
		if ((rc = lex_word(lx, cmd)))
			return rc;
	}
}

static void
pipeline_clear(struct pipeline *pl)
{
	for (size_t i = 0; i < pl->n; i++)
		command_free(&pl->cmds[i]);
	pl->n = 0;
}

/*
 * Keeps count of case ... esac and of a function's body, from the command
 * just read (before it runs). True when it ends a function body: a cd in
 * the body is undone after it (the body runs when called, not here).
 */
static bool
track_blocks(struct lexer *lx, const struct command *cmd)
{
	if (!cmd->n)
		return false;
	const struct word *first = &cmd->words[0];
	if (word_is(first, "case"))
		lx->in_case++;
	else if (word_is(first, "esac") && lx->in_case)
		lx->in_case--;
	else if (word_is(first, "function"))
		lx->fn_next = true;
	/* "{" starts the body: as its own command's first word, or after "function g" */
	if (word_is(first, "{") || (lx->fn_next && word_is(&cmd->words[cmd->n - 1], "{"))) {
		if (lx->fn_next && !lx->fn_depth)
			lx->fn_outer = *lx->sh->cd;
		if (lx->fn_next || lx->fn_depth)
			lx->fn_depth++;
		lx->fn_next = false;
	}
	if (lx->fn_depth && word_is(first, "}"))     /* "}" must start a command */
		return --lx->fn_depth == 0;
	return false;
}

static int
lex_input(struct shcmd *sh, struct input in, unsigned depth, pipeline_fn fn)
{
	struct lexer lx = { .sh = sh, .in = in, .depth = depth };
	struct pipeline pl = { 0 };
	enum term term = T_EOF;
	struct shcmd_cd outer = *sh->cd;        /* $(...) and sh -c: a subshell */
	int rc = 0;

	do {
		if (array_reserve(&pl.cmds, &pl.cap, pl.n, sizeof(*pl.cmds))) {
			rc = ERR_NOMEM;
			break;
		}
		memset(&pl.cmds[pl.n], 0, sizeof(pl.cmds[0]));
		pl.n++;
		if ((rc = lex_command(&lx, &pl.cmds[pl.n - 1], &term)))
			break;
		if (term == T_PIPE && pl.n < 256)
			continue;
		bool fn_end = track_blocks(&lx, &pl.cmds[pl.n - 1]);
		rc = fn(&lx, &pl);
		for (; lx.closes; lx.closes--)
			subshell(&lx, false);
		if (fn_end)
			*sh->cd = lx.fn_outer;
		pipeline_clear(&pl);
	} while (rc == 0 && term != T_EOF);
	pipeline_clear(&pl);
	free(pl.cmds);
	if (depth > 0)
		*sh->cd = outer;
	return rc;
}

/* The text inside a substitution of the input, with its own positions. */
static struct input
sub_input(const struct input *in, struct span s)
{
	struct input sub = { in->p + s.start, s.end - s.start, NULL, in->base + s.start,
			     in->limit };

	if (in->map)
		sub.map = in->map + s.start;
	return sub;
}

/* ---- command names ---- */

static struct sv
basename_sv(struct sv s)
{
	size_t i = s.len;

	while (i > 0 && s.ptr[i - 1] != '/')
		i--;
	return sv_tail(s, i);
}

/* @s is @prefix followed only by digits and dots ("pip3.11", "python3"). */
static bool
is_versioned(struct sv s, const char *prefix)
{
	struct sv p = sv_from_cstr(prefix);

	if (!sv_starts_with(s, p))
		return false;
	for (size_t i = p.len; i < s.len; i++)
		if (!(s.ptr[i] == '.' || (s.ptr[i] >= '0' && s.ptr[i] <= '9')))
			return false;
	return true;
}

/*
 * The program a command word names: its base name, or for a variable that
 * conventionally holds one ($(PIP), ${PYTHON}, $UV) that name in lower case.
 */
static struct sv
program_name(const struct word *w, char buf[16])
{
	static const char *const known[] = { "pip", "pip3", "python", "python3", "uv", "poetry",
					     "pipx", "curl", "wget" };
	struct sv s = word_sv(w);

	if (sv_eq_cstr(s, "{envpython}"))
		return SV_LIT("python");        /* tox */
	if (!w->expand && !w->subst)
		return basename_sv(s);
	if (sv_starts_with(s, SV_LIT("$(")) || sv_starts_with(s, SV_LIT("${")))
		s = sv_slice(s, 2, s.len >= 3 ? s.len - 3 : 0);
	else if (sv_starts_with(s, SV_LIT("$")))
		s = sv_tail(s, 1);
	if (s.len == 0 || s.len >= 16)
		return SV_NULL;
	for (size_t i = 0; i < s.len; i++)
		buf[i] = (char)(s.ptr[i] >= 'A' && s.ptr[i] <= 'Z' ? s.ptr[i] + 32 : s.ptr[i]);
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (sv_eq_cstr(sv_make(buf, s.len), known[i]))
			return sv_make(buf, s.len);
	return SV_NULL;
}

static bool
is_shell(struct sv name)
{
	static const char *const shells[] = { "sh", "bash", "dash", "zsh", "ksh", "mksh", "ash" };

	for (size_t i = 0; i < sizeof(shells) / sizeof(shells[0]); i++)
		if (sv_eq_cstr(name, shells[i]))
			return true;
	return false;
}

static bool
is_python(struct sv name)
{
	return is_versioned(name, "python") || sv_eq_cstr(name, "py") || is_versioned(name, "pypy");
}

/* Programs that run what they read from stdin or from a file argument. */
static bool
is_interpreter(struct sv name)
{
	static const char *const others[] = { "fish", "perl", "ruby", "node", "php", "pwsh",
					       "powershell", "busybox" };

	if (is_shell(name) || is_python(name))
		return true;
	for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++)
		if (sv_eq_cstr(name, others[i]))
			return true;
	return false;
}

/* A NAME=value word: only literal text before the '='. */
static bool
is_assignment(const struct word *w)
{
	size_t i = 0;

	while (i < w->t.len && is_name_char(w->t.text[i], i == 0) && w->t.map[i] == w->start + i)
		i++;
	return i > 0 && i < w->t.len && w->t.text[i] == '=' && w->t.map[i] == w->start + i;
}

/*
 * Skips option words from @i: letters in @short_val and names in @long_val
 * take a value. Returns the index of the first word that is not an option.
 */
static size_t
skip_options(const struct command *cmd, size_t i, const char *short_val,
	     const char *const *long_val)
{
	while (i < cmd->n) {
		struct sv v = word_sv(&cmd->words[i]);
		if (sv_eq_cstr(v, "--"))
			return i + 1;
		if (v.len < 2 || v.ptr[0] != '-')
			return i;
		i++;
		if (v.ptr[1] == '-') {
			for (size_t k = 0; long_val && long_val[k]; k++)
				if (sv_eq_cstr(v, long_val[k]))
					i++;
			continue;
		}
		for (size_t k = 1; k < v.len; k++) {
			if (short_val && byte_in(short_val, v.ptr[k])) {
				i += k + 1 == v.len;
				break;
			}
		}
	}
	return i;
}

/* The index of the word that names the program, past assignments and prefixes; cmd->n if none. */
static size_t
skip_prefixes(const struct command *cmd, size_t i)
{
	static const char *const plain[] = { "!", "-", "{", "then", "do", "else", "elif", "if",
					     "while", "until", "nohup", "builtin", "noglob" };
	static const char *const sudo_long[] = { "--user", "--group", "--chdir", "--prompt",
						 "--close-from", "--role", "--type", "--host", NULL };
	static const char *const env_long[] = { "--unset", "--chdir", "--split-string", NULL };

	while (i < cmd->n) {
		const struct word *w = &cmd->words[i];
		if (is_assignment(w)) {
			i++;
			continue;
		}
		struct sv name = basename_sv(word_sv(w));
		bool known = false;
		for (size_t k = 0; k < sizeof(plain) / sizeof(plain[0]) && !known; k++)
			known = sv_eq_cstr(name, plain[k]);
		if (known)
			i++;
		else if (sv_eq_cstr(name, "sudo") || sv_eq_cstr(name, "doas"))
			i = skip_options(cmd, i + 1, "ugCDhprtUT", sudo_long);
		else if (sv_eq_cstr(name, "env"))
			i = skip_options(cmd, i + 1, "uCS", env_long);
		else if (sv_eq_cstr(name, "exec"))
			i = skip_options(cmd, i + 1, "a", NULL);
		else if (sv_eq_cstr(name, "time"))
			i = skip_options(cmd, i + 1, "fo", NULL);
		else if (sv_eq_cstr(name, "nice"))
			i = skip_options(cmd, i + 1, "n", NULL);
		else if (sv_eq_cstr(name, "stdbuf"))
			i = skip_options(cmd, i + 1, "ioe", NULL);
		else if (sv_eq_cstr(name, "timeout"))
			i = skip_options(cmd, i + 1, "sk", NULL) + 1;   /* then the duration */
		else if (sv_eq_cstr(name, "command")) {
			if (i + 1 < cmd->n && (word_is(&cmd->words[i + 1], "-v") ||
					       word_is(&cmd->words[i + 1], "-V")))
				return cmd->n;      /* command -v pip: a lookup, not a run */
			i = skip_options(cmd, i + 1, "", NULL);
		} else
			return i;
	}
	return cmd->n;
}

/* ---- declarations ---- */

enum act {
	A_FLAG,
	A_VALUE,                 /* a value that does not matter here */
	A_REQUIREMENT,           /* -r FILE */
	A_CONSTRAINT,            /* -c FILE */
	A_EDITABLE,              /* -e X */
	A_EDITABLE_FLAG,         /* uv add -e, poetry add -e, pipx -e */
	A_SPEC,                  /* pipx --spec X */
	A_INDEX_URL,
	A_EXTRA_INDEX_URL,
	A_INDEX_STRATEGY,        /* uv --index-strategy */
	A_TRUSTED_HOST,
	A_FIND_LINKS,
	A_NO_INDEX,
	A_PRE,
	A_REQUIRE_HASHES,
	A_PREFER_BINARY,
	A_ONLY_BINARY,
	A_NO_BINARY,
	A_USE_FEATURE,
};

struct optdef {
	const char *name;        /* "--index-url"; NULL ends a table */
	char letter;             /* 'i', or 0 */
	enum act act;
};

struct tool {
	const char *name;        /* first: read_requirement() looks at it */
	const struct optdef *const *tables;
	bool abbrev;             /* optparse and argparse take unique prefixes of long names */
	bool first_is_target;    /* pipx inject VENV PKG... */
	bool first_index;        /* uv: an extra index is asked before PyPI and the first
				  * that has a package serves it (no race of versions) */
};

/* What one install command sets for every package it names. */
struct install {
	struct lexer *lx;
	struct command *cmd;
	const struct tool *tool;
	const char *raw;
	const char *index_url;
	bool extra_index;        /* an index races PyPI on versions (dependency confusion) */
	bool best_match;         /* uv --index-strategy unsafe-best-match: as pip does */
	bool editable_flag;      /* uv add / poetry add / pipx: -e is a flag */
	bool has_spec;           /* pipx --spec: the positional is only a name */
	size_t n_packages;
};

static const char *
command_raw(struct lexer *lx, const struct command *cmd, size_t first)
{
	size_t start = cmd->words[first].start, end = cmd->words[cmd->n - 1].end;
	size_t len = end - start;

	if (len > RAW_MAX) {
		len = RAW_MAX;
		while (len > 0 && ((unsigned char)lx->in.p[start + len] & 0xC0) == 0x80)
			len--;
	}
	return arena_strndup(lx->sh->out->arena, sv_make(lx->in.p + start, len));
}

/* _looks_like_path() as on Windows too ('\\' separates): a command may be written for either. */
static bool
looks_like_path(struct sv s)
{
	return pipreq_looks_like_path(s) || sv_find_char(s, '\\') != SV_NPOS;
}

static int
set_name(struct install *ins, struct dep *dep, struct sv name)
{
	struct arena *arena = ins->lx->sh->out->arena;

	if (!(dep->name = arena_strndup(arena, name)) ||
	    !(dep->normalized = dep_normalize_name(arena, name)))
		return ERR_NOMEM;
	return 0;
}

/* A URL: VCS, archive or file; a name from #egg= or the wheel's file name. */
static int
fill_url(struct install *ins, struct dep *dep, struct sv url)
{
	struct arena *arena = ins->lx->sh->out->arena;
	struct sv path = pipreq_url_path(url), egg = pipreq_egg_fragment(url);
	int rc;

	if ((rc = pipreq_set_url(dep, arena, url)))
		return rc;
	/* unlike a requirements file, the name is the egg up to '[' and is not checked */
	if (egg.len) {
		size_t n = 0;
		while (n < egg.len && egg.ptr[n] != '[')
			n++;
		return set_name(ins, dep, sv_slice(egg, 0, n));
	}
	struct sv base = basename_sv(path);
	size_t dash = sv_find_char(base, '-');
	if (sv_ends_with(base, SV_LIT(".whl")) && dash != SV_NPOS && dash > 0) {
		struct sv rest = sv_tail(base, dash + 1);
		struct sv version = sv_slice(rest, 0, sv_find_char(rest, '-'));
		if (!(dep->spec = arena_printf(arena, "==%.*s", (int)version.len, version.ptr)))
			return ERR_NOMEM;
		return set_name(ins, dep, sv_slice(base, 0, dash));
	}
	return 0;
}

/* Where @k of the word is in the file, as the dep's name position. */
static void
place(struct install *ins, struct dep *dep, const struct word *w, size_t from, size_t to)
{
	struct lexer *lx = ins->lx;

	dep->at.start = in_file(&lx->in, w->start);
	dep->at.end = in_file_end(&lx->in, w->end);
	dep->at.name_start = word_file(lx, w, from);
	dep->at.name_end = to > from ? word_file(lx, w, to - 1) + 1 : dep->at.name_start;
	locate(lx->sh, dep->at.name_start, &dep->line, &dep->column);
}

/* A word holding $VAR or $(...): the literal name before it, when there is one. */
static int
fill_dynamic(struct install *ins, struct dep *dep, const struct word *w, size_t k)
{
	struct sv v = sv_tail(word_sv(w), k);
	size_t n = 0;

	dep->env_var = true;
	while (n < v.len && (is_name_char(v.ptr[n], false) || v.ptr[n] == '-' || v.ptr[n] == '.'))
		n++;
	if (n == 0 || (n < v.len && !byte_in("=<>!~[;@ ", v.ptr[n]))) {
		dep->dynamic = true;
		n = v.len;
	} else if (n < v.len && !(dep->spec = arena_strndup(ins->lx->sh->out->arena, sv_tail(v, n)))) {
		return ERR_NOMEM;
	}
	place(ins, dep, w, k, k + n);
	return set_name(ins, dep, sv_slice(v, 0, n));
}

/* Poetry's "name@constraint" ("requests@^2.1", "pkg[extra]@latest"). */
static bool
poetry_at(struct sv v, size_t *at_out)
{
	size_t i = sv_find_char(v, '@');

	if (i == SV_NPOS || i == 0 || looks_like_path(sv_slice(v, 0, i)))
		return false;
	struct sv rest = sv_trim(sv_tail(v, i + 1));
	if (sv_find(rest, SV_LIT("://")) != SV_NPOS)
		return false;
	*at_out = i;
	return true;
}

static int
read_named(struct install *ins, struct dep *dep, const struct word *w, size_t k, struct sv v,
	   bool poetry)
{
	struct arena *arena = ins->lx->sh->out->arena;
	struct pep508_error err = { 0 };
	struct pep508_req req;
	size_t at_sign = SV_NPOS;
	struct sv text = v;
	int rc;

	if (poetry && poetry_at(v, &at_sign))
		text = sv_trim_right(sv_slice(v, 0, at_sign));
	if ((rc = pep508_parse(&req, arena, text, &err))) {
		if (rc == ERR_NOMEM)
			return rc;
		report(ins->lx->sh, DIAG_ERROR, word_file(ins->lx, w, k + err.offset), "%s",
		       err.message);
		return ERR_SYNTAX;
	}
	if ((rc = set_name(ins, dep, req.name)))
		return rc;
	dep->extras = req.extras;
	dep->n_extras = req.n_extras;
	dep->spec = req.spec;
	dep->marker = req.marker;
	if (at_sign != SV_NPOS && !(dep->spec = arena_strndup(arena, sv_trim(sv_tail(v, at_sign + 1)))))
		return ERR_NOMEM;
	if (req.url) {
		struct dep named = *dep;
		if ((rc = fill_url(ins, dep, sv_from_cstr(req.url))))
			return rc;
		dep->name = named.name;          /* "name @ url": the name is the one written */
		dep->normalized = named.normalized;
		dep->spec = named.spec;
	}
	place(ins, dep, w, k + req.name_at.start, k + req.name_at.end);
	return 0;
}

/* pip's parse_req_from_line() for one argument word, from byte @k of it. */
static int
read_requirement(struct install *ins, struct dep *dep, const struct word *w, size_t k)
{
	struct arena *arena = ins->lx->sh->out->arena;
	struct sv v = sv_tail(word_sv(w), k);
	bool url = pipreq_is_url(v);
	struct sv sep = url ? SV_LIT("; ") : SV_LIT(";");
	size_t cut = sv_find(v, sep);
	struct sv name = cut == SV_NPOS ? v : sv_trim_right(sv_slice(v, 0, cut));
	bool poetry = strcmp(ins->tool->name, "poetry") == 0;

	if (url || (looks_like_path(name) && !(sv_find_char(name, '@') != SV_NPOS &&
					      !looks_like_path(sv_slice(name, 0, sv_find_char(name, '@'))))) ||
	    (pipreq_is_archive(name) && sv_find_char(name, '@') == SV_NPOS)) {
		int rc;
		if (url) {
			rc = fill_url(ins, dep, name);
		} else {
			dep->ecosystem = ECO_LOCAL;
			rc = (dep->url = arena_strndup(arena, name)) ? 0 : ERR_NOMEM;
		}
		if (rc == 0 && cut != SV_NPOS)
			rc = (dep->marker = arena_strndup(arena, sv_trim(sv_tail(v, cut + sep.len))))
				     ? 0 : ERR_NOMEM;
		place(ins, dep, w, k, k + name.len);
		return rc;
	}
	return read_named(ins, dep, w, k, v, poetry);
}

/* pip's parse_editable(): a local folder, or a VCS URL with #egg=name. */
static int
read_editable(struct install *ins, struct dep *dep, const struct word *w, size_t k)
{
	struct arena *arena = ins->lx->sh->out->arena;
	struct sv v = sv_tail(word_sv(w), k);
	/* the former local _strip_extras() never matched; kept so nothing changes */
	struct sv bare = v;
	struct sv scheme = pipreq_url_scheme(bare);
	struct sv egg;
	char *url = NULL;

	dep->editable = true;
	place(ins, dep, w, k, w->t.len);
	if (!scheme.ptr || sv_find_char(scheme, '/') != SV_NPOS || scheme.len == 1) {
		dep->ecosystem = ECO_LOCAL;   /* pip checks os.path.isdir(); we take its word */
		return (dep->url = arena_strndup(arena, bare)) ? 0 : ERR_NOMEM;
	}
	if (sv_eq_nocase(scheme, SV_LIT("file"))) {
		dep->ecosystem = ECO_LOCAL;
		egg = pipreq_egg_fragment(bare);
		if (!(dep->url = arena_strndup(arena, bare)))
			return ERR_NOMEM;
		return egg.len ? set_name(ins, dep, egg) : 0;
	}
	if (!(url = pipreq_editable_url(arena, v)))
		return ERR_NOMEM;
	v = sv_from_cstr(url);
	if (!pipreq_is_vcs_scheme(pipreq_url_scheme(v))) {
		report(ins->lx->sh, DIAG_ERROR, word_file(ins->lx, w, k),
		       "expected a local folder or a vcs url (git+https://...) after -e");
		return ERR_SYNTAX;
	}
	if (!pipreq_egg_fragment(v).ptr && strcmp(ins->tool->name, "uv") != 0) {
		report(ins->lx->sh, DIAG_ERROR, word_file(ins->lx, w, k),
		       "expected #egg=name at the end of an editable vcs url");
		return ERR_SYNTAX;
	}
	return fill_url(ins, dep, v);
}

static int
add_package(struct install *ins, const struct word *w, size_t k, bool editable)
{
	struct shcmd *sh = ins->lx->sh;
	struct dep *dep;
	int rc;

	if (k >= w->t.len || w->too_long)
		return 0;
	if (++ins->n_packages > MAX_PACKAGES) {
		if (ins->n_packages == MAX_PACKAGES + 1)
			report(sh, DIAG_ERROR, word_file(ins->lx, w, k),
			       "more than %d packages in one command; the rest are not read",
			       MAX_PACKAGES);
		return 0;
	}
	if (!(dep = detect_new_dep(sh->out)))
		return ERR_NOMEM;
	dep->ecosystem = ECO_PYPI;
	dep->kind = sh->opts.kind;
	dep->language = LANG_PYTHON;
	dep->file = sh->src->path;
	dep->raw = ins->raw;
	dep->index_url = ins->index_url;
	dep->extra_index = ins->extra_index;
	if (w->expand || w->subst) {
		dep->editable = editable;
		rc = pipreq_is_url(sv_tail(word_sv(w), k)) ? read_requirement(ins, dep, w, k)
						    : fill_dynamic(ins, dep, w, k);
		dep->env_var = true;
	} else {
		rc = editable && !ins->editable_flag ? read_editable(ins, dep, w, k)
						     : read_requirement(ins, dep, w, k);
		dep->editable |= editable;
	}
	if (rc == ERR_SYNTAX) {
		sh->out->n_deps--;      /* a word pip would refuse declares nothing */
		return 0;
	}
	return rc;
}

/* ---- option tables ---- */

static bool
takes_value(enum act act)
{
	return !(act == A_FLAG || act == A_EDITABLE_FLAG || act == A_NO_INDEX || act == A_PRE ||
		 act == A_REQUIRE_HASHES || act == A_PREFER_BINARY);
}

/* pip 23.2 cmdoptions.py: general_group and the install command's options. */
static const struct optdef pip_opts[] = {
	{ "--requirement", 'r', A_REQUIREMENT }, { "--constraint", 'c', A_CONSTRAINT },
	{ "--editable", 'e', A_EDITABLE }, { "--index-url", 'i', A_INDEX_URL },
	{ "--extra-index-url", 0, A_EXTRA_INDEX_URL }, { "--no-index", 0, A_NO_INDEX },
	{ "--find-links", 'f', A_FIND_LINKS }, { "--trusted-host", 0, A_TRUSTED_HOST },
	{ "--pre", 0, A_PRE }, { "--require-hashes", 0, A_REQUIRE_HASHES },
	{ "--prefer-binary", 0, A_PREFER_BINARY }, { "--only-binary", 0, A_ONLY_BINARY },
	{ "--no-binary", 0, A_NO_BINARY }, { "--use-feature", 0, A_USE_FEATURE },
	{ "--target", 't', A_VALUE }, { "--platform", 0, A_VALUE },
	{ "--python-version", 0, A_VALUE }, { "--implementation", 0, A_VALUE },
	{ "--abi", 0, A_VALUE }, { "--root", 0, A_VALUE }, { "--prefix", 0, A_VALUE },
	{ "--src", 0, A_VALUE }, { "--upgrade-strategy", 0, A_VALUE },
	{ "--config-settings", 'C', A_VALUE }, { "--global-option", 0, A_VALUE },
	{ "--install-option", 0, A_VALUE }, { "--progress-bar", 0, A_VALUE },
	{ "--root-user-action", 0, A_VALUE }, { "--report", 0, A_VALUE },
	{ "--python", 0, A_VALUE }, { "--log", 0, A_VALUE }, { "--log-file", 0, A_VALUE },
	{ "--local-log", 0, A_VALUE }, { "--keyring-provider", 0, A_VALUE },
	{ "--proxy", 0, A_VALUE }, { "--retries", 0, A_VALUE }, { "--timeout", 0, A_VALUE },
	{ "--exists-action", 0, A_VALUE }, { "--cert", 0, A_VALUE },
	{ "--client-cert", 0, A_VALUE }, { "--cache-dir", 0, A_VALUE },
	{ "--use-deprecated", 0, A_VALUE },
	{ "--user", 0, A_FLAG }, { "--upgrade", 'U', A_FLAG }, { "--force-reinstall", 0, A_FLAG },
	{ "--ignore-installed", 'I', A_FLAG }, { "--ignore-requires-python", 0, A_FLAG },
	{ "--no-deps", 0, A_FLAG }, { "--dry-run", 0, A_FLAG },
	{ "--no-build-isolation", 0, A_FLAG }, { "--use-pep517", 0, A_FLAG },
	{ "--no-use-pep517", 0, A_FLAG }, { "--check-build-dependencies", 0, A_FLAG },
	{ "--break-system-packages", 0, A_FLAG }, { "--compile", 0, A_FLAG },
	{ "--no-compile", 0, A_FLAG }, { "--no-warn-script-location", 0, A_FLAG },
	{ "--no-warn-conflicts", 0, A_FLAG }, { "--no-clean", 0, A_FLAG },
	{ "--help", 'h', A_FLAG }, { "--debug", 0, A_FLAG }, { "--isolated", 0, A_FLAG },
	{ "--require-virtualenv", 0, A_FLAG }, { "--verbose", 'v', A_FLAG },
	{ "--version", 'V', A_FLAG }, { "--quiet", 'q', A_FLAG }, { "--no-input", 0, A_FLAG },
	{ "--no-cache-dir", 0, A_FLAG }, { "--disable-pip-version-check", 0, A_FLAG },
	{ "--no-color", 0, A_FLAG }, { "--no-python-version-warning", 0, A_FLAG },
	{ NULL, 0, A_FLAG },
};

/* uv's options shared by `uv pip install` and `uv add`, and its global ones. */
static const struct optdef uv_common_opts[] = {
	{ "--requirement", 'r', A_REQUIREMENT }, { "--requirements", 0, A_REQUIREMENT },
	{ "--constraint", 'c', A_CONSTRAINT }, { "--constraints", 0, A_CONSTRAINT },
	{ "--override", 0, A_CONSTRAINT }, { "--overrides", 0, A_CONSTRAINT },
	{ "--index-url", 'i', A_INDEX_URL }, { "--default-index", 0, A_INDEX_URL },
	{ "--extra-index-url", 0, A_EXTRA_INDEX_URL }, { "--index", 0, A_EXTRA_INDEX_URL },
	{ "--find-links", 'f', A_FIND_LINKS }, { "--no-index", 0, A_NO_INDEX },
	{ "--trusted-host", 0, A_TRUSTED_HOST }, { "--allow-insecure-host", 0, A_TRUSTED_HOST },
	{ "--require-hashes", 0, A_REQUIRE_HASHES }, { "--only-binary", 0, A_ONLY_BINARY },
	{ "--no-binary", 0, A_NO_BINARY }, { "--pre", 0, A_PRE },
	{ "--python", 'p', A_VALUE }, { "--target", 0, A_VALUE }, { "--prefix", 0, A_VALUE },
	{ "--index-strategy", 0, A_INDEX_STRATEGY }, { "--keyring-provider", 0, A_VALUE },
	{ "--upgrade-package", 'P', A_VALUE }, { "--reinstall-package", 0, A_VALUE },
	{ "--no-build-isolation-package", 0, A_VALUE }, { "--config-setting", 'C', A_VALUE },
	{ "--config-settings", 0, A_VALUE }, { "--prerelease", 0, A_VALUE },
	{ "--resolution", 0, A_VALUE }, { "--exclude-newer", 0, A_VALUE },
	{ "--link-mode", 0, A_VALUE }, { "--python-version", 0, A_VALUE },
	{ "--python-platform", 0, A_VALUE }, { "--torch-backend", 0, A_VALUE },
	{ "--refresh-package", 0, A_VALUE }, { "--cache-dir", 0, A_VALUE },
	{ "--color", 0, A_VALUE }, { "--directory", 0, A_VALUE }, { "--project", 0, A_VALUE },
	{ "--config-file", 0, A_VALUE }, { "--build-constraints", 'b', A_VALUE },
	{ "--build-constraint", 0, A_VALUE }, { "--extra", 0, A_VALUE }, { "--group", 0, A_VALUE },
	{ "--no-build-package", 0, A_VALUE }, { "--no-binary-package", 0, A_VALUE },
	{ "--upgrade", 'U', A_FLAG }, { "--reinstall", 0, A_FLAG }, { "--system", 0, A_FLAG },
	{ "--break-system-packages", 0, A_FLAG }, { "--no-deps", 0, A_FLAG },
	{ "--all-extras", 0, A_FLAG }, { "--no-build-isolation", 0, A_FLAG },
	{ "--no-build", 0, A_FLAG }, { "--compile-bytecode", 0, A_FLAG },
	{ "--no-verify-hashes", 0, A_FLAG }, { "--strict", 0, A_FLAG }, { "--dry-run", 0, A_FLAG },
	{ "--no-sources", 0, A_FLAG }, { "--refresh", 0, A_FLAG }, { "--offline", 0, A_FLAG },
	{ "--no-cache", 'n', A_FLAG }, { "--no-cache-dir", 0, A_FLAG },   /* clap alias */
	{ "--quiet", 'q', A_FLAG }, { "--verbose", 'v', A_FLAG },
	{ "--native-tls", 0, A_FLAG }, { "--no-config", 0, A_FLAG },
	{ "--no-progress", 0, A_FLAG }, { "--preview", 0, A_FLAG }, { "--isolated", 0, A_FLAG },
	{ "--managed-python", 0, A_FLAG }, { "--no-managed-python", 0, A_FLAG },
	{ "--no-python-downloads", 0, A_FLAG }, { "--help", 'h', A_FLAG },
	{ NULL, 0, A_FLAG },
};

static const struct optdef uv_pip_opts[] = {
	{ "--editable", 'e', A_EDITABLE }, { "--user", 0, A_FLAG }, { NULL, 0, A_FLAG },
};

static const struct optdef uv_add_opts[] = {
	{ "--editable", 0, A_EDITABLE_FLAG }, { "--dev", 0, A_FLAG },
	{ "--optional", 0, A_VALUE }, { "--raw-sources", 0, A_FLAG }, { "--raw", 0, A_FLAG },
	{ "--bounds", 0, A_VALUE }, { "--rev", 0, A_VALUE }, { "--tag", 0, A_VALUE },
	{ "--branch", 0, A_VALUE }, { "--no-sync", 0, A_FLAG }, { "--locked", 0, A_FLAG },
	{ "--frozen", 0, A_FLAG }, { "--active", 0, A_FLAG }, { "--package", 0, A_VALUE },
	{ "--script", 0, A_VALUE }, { "--workspace", 0, A_FLAG },
	{ "--no-workspace", 0, A_FLAG }, { "--marker", 'm', A_VALUE }, { NULL, 0, A_FLAG },
};

/* Poetry 1.8/2.x `poetry add` and cleo's global options. */
static const struct optdef poetry_opts[] = {
	{ "--group", 'G', A_VALUE }, { "--dev", 'D', A_FLAG }, { "--editable", 'e', A_EDITABLE_FLAG },
	{ "--extras", 'E', A_VALUE }, { "--optional", 0, A_FLAG }, { "--python", 0, A_VALUE },
	{ "--platform", 0, A_VALUE }, { "--markers", 0, A_VALUE }, { "--source", 0, A_VALUE },
	{ "--allow-prereleases", 0, A_FLAG }, { "--dry-run", 0, A_FLAG }, { "--lock", 0, A_FLAG },
	{ "--help", 'h', A_FLAG }, { "--quiet", 'q', A_FLAG }, { "--verbose", 'v', A_FLAG },
	{ "--version", 'V', A_FLAG }, { "--ansi", 0, A_FLAG }, { "--no-ansi", 0, A_FLAG },
	{ "--no-interaction", 'n', A_FLAG }, { "--no-plugins", 0, A_FLAG },
	{ "--no-cache", 0, A_FLAG }, { "--directory", 'C', A_VALUE }, { "--project", 'P', A_VALUE },
	{ NULL, 0, A_FLAG },
};

/* pipx 1.x install / inject. */
static const struct optdef pipx_opts[] = {
	{ "--spec", 0, A_SPEC }, { "--index-url", 'i', A_INDEX_URL },
	{ "--requirement", 'r', A_REQUIREMENT }, { "--editable", 'e', A_EDITABLE_FLAG },
	{ "--python", 0, A_VALUE }, { "--pip-args", 0, A_VALUE }, { "--suffix", 0, A_VALUE },
	{ "--preinstall", 0, A_VALUE }, { "--backend", 0, A_VALUE }, { "--force", 'f', A_FLAG },
	{ "--include-deps", 0, A_FLAG }, { "--include-apps", 0, A_FLAG },
	{ "--system-site-packages", 0, A_FLAG }, { "--global", 0, A_FLAG },
	{ "--fetch-missing-python", 0, A_FLAG }, { "--with-suffix", 0, A_FLAG },
	{ "--verbose", 'v', A_FLAG }, { "--quiet", 'q', A_FLAG }, { "--help", 'h', A_FLAG },
	{ NULL, 0, A_FLAG },
};

/* setuptools easy_install. */
static const struct optdef easy_install_opts[] = {
	{ "--index-url", 'i', A_INDEX_URL }, { "--find-links", 'f', A_FIND_LINKS },
	{ "--install-dir", 'd', A_VALUE }, { "--script-dir", 's', A_VALUE },
	{ "--build-directory", 'b', A_VALUE }, { "--allow-hosts", 'H', A_VALUE },
	{ "--optimize", 'O', A_VALUE }, { "--site-dirs", 'S', A_VALUE },
	{ "--prefix", 0, A_VALUE }, { "--record", 0, A_VALUE },
	{ "--editable", 'e', A_EDITABLE_FLAG }, { "--upgrade", 'U', A_FLAG },
	{ "--always-unzip", 'Z', A_FLAG }, { "--zip-ok", 'z', A_FLAG },
	{ "--multi-version", 'm', A_FLAG }, { "--no-deps", 'N', A_FLAG },
	{ "--always-copy", 'a', A_FLAG }, { "--exclude-scripts", 'x', A_FLAG },
	{ "--local-snapshots-ok", 'l', A_FLAG }, { "--user", 0, A_FLAG },
	{ "--no-find-links", 0, A_FLAG }, { "--verbose", 'v', A_FLAG }, { "--quiet", 'q', A_FLAG },
	{ NULL, 0, A_FLAG },
};

static const struct optdef *const pip_tables[] = { pip_opts, NULL };
static const struct optdef *const uv_pip_tables[] = { uv_common_opts, uv_pip_opts, NULL };
static const struct optdef *const uv_add_tables[] = { uv_common_opts, uv_add_opts, NULL };
static const struct optdef *const poetry_tables[] = { poetry_opts, NULL };
static const struct optdef *const pipx_tables[] = { pipx_opts, NULL };
static const struct optdef *const easy_tables[] = { easy_install_opts, NULL };

static const struct tool tool_pip = { "pip", pip_tables, true, false };
static const struct tool tool_uv_pip = { "uv", uv_pip_tables, false, false, true };
static const struct tool tool_uv_add = { "uv", uv_add_tables, false, false, true };
static const struct tool tool_poetry = { "poetry", poetry_tables, false, false };
static const struct tool tool_pipx = { "pipx", pipx_tables, true, false };
static const struct tool tool_pipx_inject = { "pipx", pipx_tables, true, true };
static const struct tool tool_easy_install = { "easy_install", easy_tables, true, false };

/* The option @name ("--index-url", or a unique prefix when the tool allows it). */
static const struct optdef *
find_long(const struct tool *tool, struct sv name, bool *ambiguous)
{
	const struct optdef *found = NULL;
	size_t n = 0;

	*ambiguous = false;
	for (size_t t = 0; tool->tables[t]; t++)
		for (const struct optdef *d = tool->tables[t]; d->name; d++)
			if (sv_eq_cstr(name, d->name))
				return d;
	if (!tool->abbrev)
		return NULL;
	for (size_t t = 0; tool->tables[t]; t++) {
		for (const struct optdef *d = tool->tables[t]; d->name; d++) {
			if (sv_starts_with(sv_from_cstr(d->name), name)) {
				found = d;
				n++;
			}
		}
	}
	*ambiguous = n > 1;
	return n == 1 ? found : NULL;
}

static const struct optdef *
find_short(const struct tool *tool, char c)
{
	for (size_t t = 0; tool->tables[t]; t++)
		for (const struct optdef *d = tool->tables[t]; d->name; d++)
			if (d->letter == c)
				return d;
	return NULL;
}

/* One argument: a positional word, or an option and where its value is. */
struct arg {
	const struct optdef *def;        /* NULL: a positional, or an unknown option */
	const struct word *w;            /* the positional or the option word */
	size_t k;                        /* offset of the option in @w */
	const struct word *vw;           /* the value's word; NULL when none */
	size_t vk;                       /* where the value starts in @vw */
	bool option;
};

struct argit {
	struct install *ins;
	size_t i, k;                     /* word, and letter inside a -abc cluster */
	bool dashdash;
	bool report;                     /* the second pass: say what is wrong */
};

static void
arg_value(struct argit *it, struct arg *a, const struct word *w, size_t from)
{
	struct command *cmd = it->ins->cmd;

	if (from < w->t.len) {
		a->vw = w;
		a->vk = from;
		it->i++;
	} else if (it->i + 1 < cmd->n) {
		a->vw = &cmd->words[it->i + 1];
		a->vk = 0;
		it->i += 2;
	} else {
		it->i++;
		if (it->report)
			report(it->ins->lx->sh, DIAG_ERROR, word_file(it->ins->lx, w, a->k),
			       "expected a value after %s", a->def->name);
	}
}

static bool
argit_next(struct argit *it, struct arg *a)
{
	struct command *cmd = it->ins->cmd;
	const struct tool *tool = it->ins->tool;
	struct shcmd *sh = it->ins->lx->sh;

	memset(a, 0, sizeof(*a));
	while (it->i < cmd->n) {
		const struct word *w = &cmd->words[it->i];
		a->w = w;
		if (it->k > 0) {         /* inside -abc */
			a->option = true;
			a->k = it->k;
			a->def = find_short(tool, w->t.text[it->k]);
			if (!a->def && it->report)
				report(sh, DIAG_WARNING, word_file(it->ins->lx, w, it->k),
				       "unknown %s option '-%c'", tool->name, w->t.text[it->k]);
			if (a->def && takes_value(a->def->act)) {
				it->k = 0;
				arg_value(it, a, w, a->k + 1);
			} else if (++it->k >= w->t.len) {
				it->k = 0;
				it->i++;
			}
			return true;
		}
		struct sv v = word_sv(w);
		if (it->dashdash || v.len < 2 || v.ptr[0] != '-' || w->expand || w->subst) {
			it->i++;
			return true;
		}
		if (sv_eq_cstr(v, "--")) {
			it->dashdash = true;
			it->i++;
			continue;
		}
		if (v.ptr[1] != '-') {
			it->k = 1;
			continue;
		}
		size_t eq = sv_find_char(v, '=');
		bool ambiguous;
		a->option = true;
		a->def = find_long(tool, sv_slice(v, 0, eq), &ambiguous);
		if (!a->def) {
			if (it->report)
				report(sh, DIAG_WARNING, word_file(it->ins->lx, w, 0),
				       ambiguous ? "ambiguous %s option '%s'" : "unknown %s option '%s'",
				       tool->name, w->t.text);
			it->i++;
		} else if (eq != SV_NPOS) {
			if (!takes_value(a->def->act) && it->report)
				report(sh, DIAG_WARNING, word_file(it->ins->lx, w, eq),
				       "%s takes no value", a->def->name);
			a->vw = w;
			a->vk = eq + 1;
			it->i++;
		} else if (takes_value(a->def->act)) {
			arg_value(it, a, w, v.len);
		} else {
			it->i++;
		}
		return true;
	}
	return false;
}

static int
add_include(struct install *ins, const struct arg *a, bool constraint)
{
	struct shcmd *sh = ins->lx->sh;
	struct detect_include inc = { .constraint = constraint, .from = sh->src->path,
				      .dir = sh->opts.dir, .or_root = sh->opts.or_root,
				      .cd = sh->cd->unknown ? NULL : sh->cd->at };

	if (a->vw->expand || a->vw->subst) {    /* -r "$REQS": no file to look for */
		struct sv v = sv_tail(word_sv(a->vw), a->vk);
		report(sh, DIAG_NOTE, word_file(ins->lx, a->vw, a->vk),
		       "%s file named when the command runs ('%.*s'): not followed",
		       constraint ? "constraint" : "requirement", (int)(v.len > 64 ? 64 : v.len),
		       v.ptr);
		return 0;
	}
	if (!(inc.path = arena_strndup(sh->out->arena, sv_tail(word_sv(a->vw), a->vk))))
		return ERR_NOMEM;
	inc.at.start = word_file(ins->lx, a->vw, a->vk);
	/* -r '' names no byte: an empty span (its last byte's end would be past the file) */
	inc.at.end = a->vw->t.len > a->vk ? word_file(ins->lx, a->vw, a->vw->t.len - 1) + 1
					  : inc.at.start;
	locate(sh, inc.at.start, &inc.line, &inc.column);
	return detect_add_include(sh->out, &inc);
}

static int
add_option(struct install *ins, const struct arg *a, enum index_option_kind kind)
{
	struct shcmd *sh = ins->lx->sh;
	struct index_option *opt = detect_new_option(sh->out);

	if (!opt)
		return ERR_NOMEM;
	opt->kind = kind;
	opt->file = sh->src->path;
	opt->raw = ins->raw;
	opt->at.start = word_file(ins->lx, a->w, a->k ? a->k - 1 : 0);
	opt->at.end = in_file_end(&ins->lx->in, a->w->end);
	opt->at.name_start = opt->at.name_end = opt->at.end;
	locate(sh, opt->at.start, &opt->line, &opt->column);
	if (a->vw) {
		if (!(opt->value = arena_strndup(sh->out->arena, sv_tail(word_sv(a->vw), a->vk))))
			return ERR_NOMEM;
		opt->at.name_start = word_file(ins->lx, a->vw, a->vk);
		opt->at.name_end = in_file_end(&ins->lx->in, a->vw->end);
		opt->at.end = opt->at.name_end;
	}
	return 0;
}

static bool
option_kind(enum act act, enum index_option_kind *kind)
{
	switch (act) {
	case A_INDEX_URL: *kind = OPT_INDEX_URL; return true;
	case A_EXTRA_INDEX_URL: *kind = OPT_EXTRA_INDEX_URL; return true;
	case A_TRUSTED_HOST: *kind = OPT_TRUSTED_HOST; return true;
	case A_FIND_LINKS: *kind = OPT_FIND_LINKS; return true;
	case A_NO_INDEX: *kind = OPT_NO_INDEX; return true;
	case A_PRE: *kind = OPT_PRE; return true;
	case A_REQUIRE_HASHES: *kind = OPT_REQUIRE_HASHES; return true;
	case A_PREFER_BINARY: *kind = OPT_PREFER_BINARY; return true;
	case A_ONLY_BINARY: *kind = OPT_ONLY_BINARY; return true;
	case A_NO_BINARY: *kind = OPT_NO_BINARY; return true;
	case A_USE_FEATURE: *kind = OPT_USE_FEATURE; return true;
	default: return false;
	}
}

/* First pass: what applies to every package of the command (pip's options are per command). */
static void
install_scan_options(struct install *ins, size_t first)
{
	struct argit it = { .ins = ins, .i = first };
	struct arg a;

	while (argit_next(&it, &a)) {
		if (!a.def)
			continue;
		if (a.def->act == A_INDEX_URL && a.vw)    /* an empty word has no text */
			ins->index_url = a.vw->t.text ? a.vw->t.text + a.vk : NULL;
		else if (a.def->act == A_EXTRA_INDEX_URL)
			ins->extra_index = true;
		else if (a.def->act == A_INDEX_STRATEGY && a.vw)
			ins->best_match = sv_eq_cstr(sv_tail(word_sv(a.vw), a.vk), "unsafe-best-match");
		else if (a.def->act == A_NO_INDEX)
			ins->index_url = NULL;
		else if (a.def->act == A_EDITABLE_FLAG)
			ins->editable_flag = true;
		else if (a.def->act == A_SPEC)
			ins->has_spec = true;
	}
}

/* Reads the arguments of an install command from word @first on. */
static int
read_install(struct lexer *lx, struct command *cmd, size_t first, const struct tool *tool)
{
	struct install ins = { .lx = lx, .cmd = cmd, .tool = tool };
	struct argit it = { .ins = &ins, .i = first, .report = true };
	bool target_seen = !tool->first_is_target;
	enum index_option_kind kind;
	struct arg a;
	int rc = 0;

	if (!(ins.raw = command_raw(lx, cmd, 0)))
		return ERR_NOMEM;
	install_scan_options(&ins, first);
	if (tool->first_index && !ins.best_match)
		ins.extra_index = false;
	if (ins.index_url &&
	    !(ins.index_url = arena_strdup(lx->sh->out->arena, ins.index_url)))
		return ERR_NOMEM;
	while (rc == 0 && argit_next(&it, &a)) {
		if (!a.option) {
			if (!target_seen)
				target_seen = true;
			else if (!ins.has_spec)
				rc = add_package(&ins, a.w, 0, ins.editable_flag);
			continue;
		}
		if (!a.def || !a.vw) {
			if (a.def && option_kind(a.def->act, &kind) && !takes_value(a.def->act))
				rc = add_option(&ins, &a, kind);
			continue;
		}
		if (a.def->act == A_REQUIREMENT || a.def->act == A_CONSTRAINT)
			rc = add_include(&ins, &a, a.def->act == A_CONSTRAINT);
		else if (a.def->act == A_EDITABLE)
			rc = add_package(&ins, a.vw, a.vk, true);
		else if (a.def->act == A_SPEC)
			rc = add_package(&ins, a.vw, a.vk, ins.editable_flag);
		else if (option_kind(a.def->act, &kind))
			rc = add_option(&ins, &a, kind == OPT_EXTRA_INDEX_URL && !ins.extra_index ?
					OPT_INDEX_SOURCE : kind);
	}
	return rc;
}

/* ---- programs ---- */

/* pip [general options] install ...: the index of the subcommand word, or cmd->n. */
static size_t
find_subcommand(const struct command *cmd, size_t i, const struct tool *tool)
{
	while (i < cmd->n) {
		const struct word *w = &cmd->words[i];
		struct sv v = word_sv(w);
		bool ambiguous;
		if (v.len < 2 || v.ptr[0] != '-')
			return i;
		const struct optdef *d = v.ptr[1] == '-'
			? find_long(tool, sv_slice(v, 0, sv_find_char(v, '=')), &ambiguous)
			: find_short(tool, v.ptr[v.len - 1]);
		i++;
		if (d && takes_value(d->act) && sv_find_char(v, '=') == SV_NPOS &&
		    (v.ptr[1] == '-' || v.len == 2))
			i++;
	}
	return cmd->n;
}

/* python [options] -m MODULE: the index of the module's first argument, or cmd->n. */
static size_t
python_module(const struct command *cmd, size_t i, struct sv *module)
{
	while (i < cmd->n) {
		struct sv v = word_sv(&cmd->words[i]);
		if (v.len < 2 || v.ptr[0] != '-' || sv_eq_cstr(v, "--"))
			return cmd->n;      /* a script, or stdin */
		i++;
		if (v.ptr[1] >= '0' && v.ptr[1] <= '9')
			continue;           /* py -3.11 */
		for (size_t k = 1; k < v.len; k++) {
			char c = v.ptr[k];
			if (c == 'c')
				return cmd->n;
			if (c == 'm' || c == 'W' || c == 'X') {
				struct sv val = k + 1 < v.len ? sv_tail(v, k + 1) :
						i < cmd->n ? word_sv(&cmd->words[i++]) : SV_NULL;
				if (c == 'm') {
					*module = val;
					return i;
				}
				break;
			}
		}
	}
	return cmd->n;
}

static int read_shell_string(struct lexer *lx, struct command *cmd, size_t i);

/* One command: which program, then its arguments. */
static int
read_command(struct lexer *lx, struct command *cmd)
{
	size_t i = skip_prefixes(cmd, 0), sub;
	char buf[16];
	struct sv name, module = SV_NULL;

	if (i >= cmd->n || cmd->bad)
		return 0;
	name = program_name(&cmd->words[i], buf);
	if (is_python(name)) {
		sub = python_module(cmd, i + 1, &module);
		name = module;
		i = sub - 1;
	}
	if (is_versioned(name, "pip")) {
		sub = find_subcommand(cmd, i + 1, &tool_pip);
		if (sub < cmd->n && word_is(&cmd->words[sub], "install"))
			return read_install(lx, cmd, sub + 1, &tool_pip);
	} else if (sv_eq_cstr(name, "uv")) {
		sub = find_subcommand(cmd, i + 1, &tool_uv_pip);
		if (sub + 1 < cmd->n && word_is(&cmd->words[sub], "pip") &&
		    word_is(&cmd->words[sub + 1], "install"))
			return read_install(lx, cmd, sub + 2, &tool_uv_pip);
		if (sub < cmd->n && word_is(&cmd->words[sub], "add"))
			return read_install(lx, cmd, sub + 1, &tool_uv_add);
	} else if (sv_eq_cstr(name, "poetry")) {
		sub = find_subcommand(cmd, i + 1, &tool_poetry);
		if (sub < cmd->n && word_is(&cmd->words[sub], "add"))
			return read_install(lx, cmd, sub + 1, &tool_poetry);
	} else if (sv_eq_cstr(name, "pipx")) {
		sub = find_subcommand(cmd, i + 1, &tool_pipx);
		if (sub < cmd->n && word_is(&cmd->words[sub], "install"))
			return read_install(lx, cmd, sub + 1, &tool_pipx);
		if (sub < cmd->n && word_is(&cmd->words[sub], "inject"))
			return read_install(lx, cmd, sub + 1, &tool_pipx_inject);
	} else if (is_versioned(name, "easy_install") ||
		   (sv_starts_with(name, SV_LIT("easy_install-")) &&
		    is_versioned(sv_tail(name, 13), ""))) {
		return read_install(lx, cmd, i + 1, &tool_easy_install);
	} else if (is_shell(name) || sv_eq_cstr(name, "su")) {
		return read_shell_string(lx, cmd, i);
	}
	return 0;
}

/* ---- downloads run by a shell ---- */

/* The URL argument of curl or wget: the index of its word, or cmd->n. */
static size_t
fetch_url(const struct command *cmd)
{
	static const char *const curl_long[] = {
		"--output", "--header", "--request", "--data", "--data-raw", "--data-binary",
		"--data-urlencode", "--user", "--user-agent", "--referer", "--proxy",
		"--write-out", "--max-time", "--connect-timeout", "--retry", "--retry-delay",
		"--retry-max-time", "--upload-file", "--form", "--cookie", "--cookie-jar",
		"--config", "--range", "--cacert", "--capath", "--cert", "--key", "--proto",
		"--proto-redir", "--resolve", "--connect-to", "--interface", "--limit-rate",
		"--max-filesize", "--output-dir", "--oauth2-bearer", "--continue-at", NULL,
	};
	static const char *const wget_long[] = {
		"--output-document", "--output-file", "--append-output", "--directory-prefix",
		"--user-agent", "--tries", "--timeout", "--wait", "--execute", "--header",
		"--user", "--password", "--post-data", "--post-file", "--referer",
		"--load-cookies", "--save-cookies", "--ca-certificate", "--certificate",
		"--private-key", "--limit-rate", NULL,
	};
	size_t i = skip_prefixes(cmd, 0);
	char buf[16];

	if (i >= cmd->n)
		return cmd->n;
	struct sv name = program_name(&cmd->words[i], buf);
	bool curl = sv_eq_cstr(name, "curl");
	if (!curl && !sv_eq_cstr(name, "wget"))
		return cmd->n;
	for (i++; i < cmd->n; i++) {
		struct sv v = word_sv(&cmd->words[i]);
		if (curl && sv_eq_cstr(v, "--url"))
			return i + 1 < cmd->n ? i + 1 : cmd->n;
		if (v.len < 2 || v.ptr[0] != '-')
			return i;
		i = skip_options(cmd, i, curl ? "oudHXAexwmTFbcKrYyzECUQtP" : "OoaPUtTweBQlDRAXi",
				 curl ? curl_long : wget_long) - 1;
	}
	return cmd->n;
}

static int
add_remote(struct lexer *lx, struct command *cmd, const struct word *url)
{
	struct shcmd *sh = lx->sh;
	struct dep *dep = detect_new_dep(sh->out);
	struct arena *arena = sh->out->arena;

	if (!dep)
		return ERR_NOMEM;
	dep->ecosystem = ECO_URL;
	dep->kind = DEP_REMOTE_SOURCE;
	dep->language = LANG_SHELL;
	dep->file = sh->src->path;
	dep->env_var = url->expand || url->subst;
	if (!(dep->name = arena_strndup(arena, word_sv(url))) ||
	    !(dep->raw = command_raw(lx, cmd, 0)))
		return ERR_NOMEM;
	dep->normalized = dep->url = dep->name;
	dep->at.start = in_file(&lx->in, cmd->words[0].start);
	dep->at.end = in_file_end(&lx->in, cmd->words[cmd->n - 1].end);
	dep->at.name_start = word_file(lx, url, 0);
	dep->at.name_end = url->t.len ? word_file(lx, url, url->t.len - 1) + 1 : dep->at.name_start;
	locate(sh, dep->at.name_start, &dep->line, &dep->column);
	return 0;
}

/* Inside sh -c "$(curl URL)" or bash <(curl URL): every download is run. */
static int
on_fetch_pipeline(struct lexer *lx, struct pipeline *pl)
{
	int rc = 0;

	for (size_t c = 0; c < pl->n && rc == 0; c++) {
		size_t u = fetch_url(&pl->cmds[c]);
		if (u < pl->cmds[c].n && !pl->cmds[c].bad)
			rc = add_remote(lx, &pl->cmds[c], &pl->cmds[c].words[u]);
	}
	return rc;
}

static int on_pipeline(struct lexer *lx, struct pipeline *pl);

/* sh -c STRING, su -c STRING: the string is shell text of its own. */
static int
read_shell_string(struct lexer *lx, struct command *cmd, size_t i)
{
	size_t *map;
	int rc;

	for (i++; i < cmd->n; i++) {
		struct sv v = word_sv(&cmd->words[i]);
		if (v.len < 2 || v.ptr[0] != '-' || v.ptr[1] == '-')
			return 0;
		if (sv_find_char(v, 'c') != SV_NPOS)
			break;
	}
	if (i + 1 >= cmd->n || lx->depth >= SHCMD_MAX_DEPTH)
		return 0;
	struct word *w = &cmd->words[i + 1];
	if (w->t.len == 0 || w->too_long || w->subst)
		return 0;           /* sh -c "$(curl ...)" is read as a substitution */
	if (!(map = malloc(w->t.len * sizeof(*map))))
		return ERR_NOMEM;
	for (size_t k = 0; k < w->t.len; k++)
		map[k] = in_file(&lx->in, w->t.map[k]);
	rc = lex_input(lx->sh, (struct input){ w->t.text, w->t.len, map, 0, lx->in.limit },
		       lx->depth + 1, on_pipeline);
	free(map);
	return rc;
}

/* The insides of every substitution: pip in $(...), curl in bash <(curl URL). */
static int
read_substitutions(struct lexer *lx, struct command *cmd)
{
	size_t name_i = skip_prefixes(cmd, 0);
	char buf[16];
	struct sv name = name_i < cmd->n ? program_name(&cmd->words[name_i], buf) : SV_NULL;
	bool runs = name_i < cmd->n &&
		    (is_interpreter(name) || sv_eq_cstr(name, "eval") ||
		     sv_eq_cstr(name, "source") || sv_eq_cstr(name, "."));
	int rc = 0;

	if (lx->depth >= SHCMD_MAX_DEPTH)
		return 0;
	for (size_t i = 0; i < cmd->n && rc == 0; i++) {
		const struct word *w = &cmd->words[i];
		for (size_t s = 0; s < w->n_subst && rc == 0; s++) {
			if (lx->sh->n_substs++ >= MAX_SUBSTS)
				return 0;
			struct input sub = sub_input(&lx->in, w->substs[s]);
			rc = lex_input(lx->sh, sub, lx->depth + 1, on_pipeline);
			if (rc == 0 && runs && i > name_i)
				rc = lex_input(lx->sh, sub, lx->depth + 1, on_fetch_pipeline);
		}
	}
	return rc;
}

/* ---- the script's own folder: cd "$(dirname "$0")" ---- */

/* Consumes @lit at *@p. */
static bool
eat(const char **p, const char *lit)
{
	size_t n = strlen(lit);

	if (strncmp(*p, lit, n) != 0)
		return false;
	*p += n;
	return true;
}

static bool
eat_any(const char **p, const char *const *lits)
{
	for (; *lits; lits++)
		if (eat(p, *lits))
			return true;
	return false;
}

/* $0 or $BASH_SOURCE, or readlink -f / realpath of one. */
static bool
eat_self(const char **p, unsigned depth)
{
	static const char *const selves[] = { "${BASH_SOURCE[0]}", "${BASH_SOURCE}",
					      "$BASH_SOURCE", "${0}", "$0", NULL };
	static const char *const resolvers[] = { "$(readlink -f ", "$(readlink -e ",
						 "$(readlink -m ", "$(realpath ", NULL };

	if (eat_any(p, selves))
		return true;
	if (depth > 4 || !eat_any(p, resolvers))
		return false;
	(void)eat(p, "-- ");
	return eat_self(p, depth + 1) && eat(p, ")");
}

/* The folder of the script: dirname of itself, ${0%/...}, or a $(cd that && pwd). */
static bool
eat_self_dir(const char **p, unsigned depth)
{
	static const char *const trims[] = { "${BASH_SOURCE[0]%/*}", "${BASH_SOURCE%/*}",
					     "${0%/*}", NULL };
	static const char *const quiet[] = { " >/dev/null 2>&1", " &>/dev/null", " &> /dev/null",
					     " >/dev/null", " > /dev/null", " 2>&1", NULL };
	static const char *const pwds[] = { " && pwd -P)", " && pwd)", "; pwd -P)", "; pwd)",
					    NULL };

	if (eat_any(p, trims))
		return true;
	if (depth > 4)
		return false;
	bool tick = false;
	if (eat(p, "$(dirname ") || (tick = eat(p, "`dirname "))) {
		(void)eat(p, "-- ");
		return eat_self(p, depth + 1) && eat(p, tick ? "`" : ")");
	}
	if (!eat(p, "$(cd "))
		return false;
	(void)eat(p, "-P ");
	(void)eat(p, "-- ");
	if (!eat_self_dir(p, depth + 1))
		return false;
	while (eat_any(p, quiet))
		;
	return eat_any(p, pwds);
}

/*
 * @w names the script's folder, perhaps with "/more" after it: *@rest gets
 * what follows ("" none). The word's quotes are dropped and blanks folded
 * first; a single quote anywhere makes it something else.
 */
static bool
script_dir_word(const struct word *w, struct sv *rest, char *buf, size_t cap)
{
	struct sv v = word_sv(w);
	size_t n = 0;

	if (!w->subst && !w->expand)
		return false;
	for (size_t i = 0; i < v.len; i++) {
		char c = v.ptr[i];
		if (c == '\'' || c == '\0' || n + 1 >= cap)
			return false;
		if (c == '"')
			continue;
		if (is_blank(c) || c == '\n') {
			if (n && buf[n - 1] != ' ' && buf[n - 1] != '(')
				buf[n++] = ' ';
			continue;
		}
		if (c == ')' && n && buf[n - 1] == ' ')
			n--;
		buf[n++] = c;
	}
	buf[n] = '\0';
	const char *p = buf;
	if (!eat_self_dir(&p, 0) || (*p && *p != '/') || strpbrk(p, "$`"))
		return false;
	while (*p == '/')
		p++;
	*rest = sv_from_cstr(p);
	return true;
}

/* One more folder, @dir (relative, literal), after where the shell is. */
static int
push_cd(struct lexer *lx, struct sv dir)
{
	struct shcmd_cd *cd = lx->sh->cd;
	unsigned depth = cd->at ? cd->at->depth + 1 : 1;
	size_t path_len = (cd->at ? cd->at->path_len + 1 : 0) + dir.len;

	if (dir.ptr[0] == '/' || dir.ptr[0] == '~' || sv_eq_cstr(dir, "-") ||
	    memchr(dir.ptr, '\0', dir.len) || dir.len > SHCMD_MAX_CD_DIR ||
	    depth > SHCMD_MAX_CDS || path_len > DETECT_MAX_CD_PATH) {
		*cd = (struct shcmd_cd){ .unknown = true };
		return 0;
	}
	struct detect_cd *node = arena_alloc(lx->sh->out->arena, sizeof(*node));
	if (!node || !(node->dir = arena_strndup(lx->sh->out->arena, dir)))
		return ERR_NOMEM;
	node->up = cd->at;
	node->depth = depth;
	node->path_len = path_len;
	cd->at = node;
	return 0;
}

/*
 * `cd DIR` or `pushd DIR`: the folder the commands after it run in. Only a
 * literal relative DIR is followed, or in a script the script's own folder
 * (with a literal relative path after it); any other cd (or a popd) makes it
 * unknown for the rest of the shell. Each cd is one node after the one
 * before, so a long chain costs what its words cost.
 */
static int
follow_cd(struct lexer *lx, const struct command *cmd)
{
	struct shcmd_cd *cd = lx->sh->cd;
	size_t i = skip_prefixes(cmd, 0);
	char buf[16], dir[512];
	struct sv rest;

	if (i >= cmd->n || cmd->bad)
		return 0;
	struct sv name = program_name(&cmd->words[i], buf);
	if (sv_eq_cstr(name, "popd")) {
		*cd = (struct shcmd_cd){ .unknown = true };
		return 0;
	}
	if (!sv_eq_cstr(name, "cd") && !sv_eq_cstr(name, "pushd"))
		return 0;
	for (i++; i < cmd->n; i++) {   /* -L, -P, -e, -@ */
		struct sv v = word_sv(&cmd->words[i]);
		if (v.len < 2 || v.ptr[0] != '-' || cmd->words[i].expand || cmd->words[i].subst)
			break;
		if (sv_eq_cstr(v, "--")) {
			i++;
			break;
		}
	}
	const struct word *w = i < cmd->n ? &cmd->words[i] : NULL;
	if (w && lx->sh->opts.self_dir && script_dir_word(w, &rest, dir, sizeof(dir))) {
		*cd = (struct shcmd_cd){ 0 };   /* back in the script's folder, known again */
		return rest.len ? push_cd(lx, rest) : 0;
	}
	if (cd->unknown)
		return 0;
	if (!w || w->expand || w->subst || !word_sv(w).len) {
		*cd = (struct shcmd_cd){ .unknown = true };
		return 0;
	}
	return push_cd(lx, word_sv(w));
}

static int
on_pipeline(struct lexer *lx, struct pipeline *pl)
{
	int rc = 0;

	if (pl->n == 1 && !pl->cmds[0].background && (rc = follow_cd(lx, &pl->cmds[0])))
		return rc;      /* in a pipeline of several, or in the background: a subshell */
	if (lx->sh->opts.cd_only)
		return 0;

	for (size_t c = 0; c < pl->n && rc == 0; c++) {
		if ((rc = read_command(lx, &pl->cmds[c])))
			break;
		rc = read_substitutions(lx, &pl->cmds[c]);
	}
	/* curl URL | sh: a download, then an interpreter later in the same pipeline */
	for (size_t c = 0; c < pl->n && rc == 0; c++) {
		struct command *fetch = &pl->cmds[c];
		size_t u = fetch_url(fetch);
		if (u >= fetch->n || fetch->bad)
			continue;
		for (size_t d = c + 1; d < pl->n; d++) {
			size_t j = skip_prefixes(&pl->cmds[d], 0);
			char buf[16];
			if (j < pl->cmds[d].n && is_interpreter(program_name(&pl->cmds[d].words[j], buf))) {
				rc = add_remote(lx, fetch, &fetch->words[u]);
				break;
			}
		}
	}
	return rc;
}

int
shcmd_detect_mapped(struct detect_out *out, struct source *src, struct sv text,
		    const size_t *map, const struct shcmd_opts *opts)
{
	struct shcmd sh = {
		.out = out,
		.src = src,
		.opts = opts ? *opts : (struct shcmd_opts){ .kind = DEP_INSTALL_COMMAND },
	};
	struct input in = { text.ptr, text.len, map, 0, src->text.len };

	sh.cd = sh.opts.cd ? sh.opts.cd : &sh.own;
	if (!map && text.ptr >= src->text.ptr && text.ptr <= src->text.ptr + src->text.len)
		in.base = (size_t)(text.ptr - src->text.ptr);
	return lex_input(&sh, in, 0, on_pipeline);
}

int
shcmd_detect(struct detect_out *out, struct source *src, struct span region,
	     const struct shcmd_opts *opts)
{
	if (region.end > src->text.len)
		region.end = src->text.len;
	if (region.start > region.end)
		region.start = region.end;
	return shcmd_detect_mapped(out, src,
				   sv_make(src->text.ptr + region.start, region.end - region.start),
				   NULL, opts);
}
