/*
 * The detector for Dockerfiles and Containerfiles: each RUN instruction (and
 * ONBUILD RUN), after the Dockerfile reference's rules for parser directives,
 * line continuations and comments, handed to core/lex/shcmd.c.
 *
 *   file        = directive* (blank | comment | instruction)*
 *   directive   = "#" name "=" value newline        (only "escape" matters here)
 *   instruction = [ "ONBUILD" ] keyword args (escape newline (comment | args))*
 *   run         = "RUN" ("--" flag)* (exec-form | heredoc | shell-form)
 *   exec-form   = "[" json-string ("," json-string)* "]"
 *   heredoc     = "<<" ["-"] word ... newline body delimiter-line
 *
 * With `# escape=\`` (Windows images) the backtick continues lines; the
 * command is still read as POSIX shell, which is right for the pip words.
 * FROM, WORKDIR, COPY and ADD tell where a -r FILE in the image came from
 * in the build context (dockerfile_fs.c).
 */
#include "detect/detect.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "deputy/ascii.h"
#include "deputy/mapped_text.h"
#include "detect/dockerfile_fs.h"
#include "lex/shcmd.h"

static bool
ends_with_nocase(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

bool
dockerfile_matches(const char *path)
{
	const char *base = path_basename(path);

	return strcasecmp(base, "Dockerfile") == 0 || strncasecmp(base, "Dockerfile.", 11) == 0 ||
	       strcmp(base, "Containerfile") == 0 || strncmp(base, "Containerfile.", 14) == 0 ||
	       ends_with_nocase(base, ".dockerfile");
}

static size_t
skip_ws(struct sv t, size_t i, size_t end)
{
	while (i < end && (t.ptr[i] == ' ' || t.ptr[i] == '\t' || t.ptr[i] == '\r'))
		i++;
	return i;
}

/* The parser directives at the top of the file: returns the escape character. */
static char
read_directives(struct sv t)
{
	char escape = '\\';
	size_t i = 0;

	while (i < t.len) {
		size_t e = sv_line_end(t, i), p = skip_ws(t, i, e);
		if (p >= e || t.ptr[p] != '#')
			break;
		p = skip_ws(t, p + 1, e);
		if (e - p >= 6 && strncasecmp(t.ptr + p, "escape", 6) == 0) {
			size_t q = skip_ws(t, p + 6, e);
			if (q < e && t.ptr[q] == '=') {
				q = skip_ws(t, q + 1, e);
				if (q < e && (t.ptr[q] == '`' || t.ptr[q] == '\\'))
					escape = t.ptr[q];
			}
		}
		i = e + 1;
	}
	return escape;
}

/*
 * Joins the instruction starting at @i: an escape character before the end
 * of a line continues it, and comment lines inside are dropped. Returns the
 * offset after the instruction.
 */
static int
join_instruction(struct mapped_text *j, struct sv t, size_t i, char escape, size_t *next)
{
	int rc;

	mapped_text_reset(j);
	for (;;) {
		size_t e = sv_line_end(t, i), last = e;
		while (last > i && (t.ptr[last - 1] == ' ' || t.ptr[last - 1] == '\t' ||
				    t.ptr[last - 1] == '\r'))
			last--;
		bool cont = last > i && t.ptr[last - 1] == escape;
		size_t stop = cont ? last - 1 : e;
		for (size_t k = i; k < stop; k++)
			if ((rc = mapped_text_put(j, t.ptr[k], k)))
				return rc;
		i = e < t.len ? e + 1 : e;
		if (!cont || i >= t.len)
			break;
		/* comment lines and empty lines inside a continued instruction are dropped */
		while (i < t.len) {
			size_t le = sv_line_end(t, i), p = skip_ws(t, i, le);
			if (p < le && t.ptr[p] != '#')
				break;
			i = le < t.len ? le + 1 : le;
		}
	}
	if (j->len && (rc = mapped_text_put(j, '\n', j->map[j->len - 1] + 1)))
		return rc;
	*next = i;
	return 0;
}

/*
 * RUN ["pip", "install", "x"]: the JSON strings become one shell text, each
 * single-quoted so that spaces inside an argument stay inside it. ["sh", "-c",
 * "..."] is read as the shell text it is.
 */
static int
read_exec_form(struct detect_out *out, struct source *src, const struct mapped_text *j,
	       size_t at, const struct shcmd_opts *opts)
{
	struct mapped_text args = { 0 };
	int rc = 0;

	for (size_t i = at + 1; i < j->len && rc == 0; i++) {
		char c = j->text[i];
		if (c == ']')
			break;
		if (c != '"')
			continue;
		rc = mapped_text_put(&args, '\'', j->map[i]);
		for (i++; i < j->len && j->text[i] != '"' && rc == 0; i++) {
			size_t off = j->map[i];
			c = j->text[i];
			if (c == '\\' && i + 1 < j->len) {
				c = j->text[++i];
				if (c == 'u') {
					c = (char)(ascii_hex_prefix(j->text + i + 1, j->len - i - 1, 4) & 0x7f);
					i += 4;
				} else if (c == 'n' || c == 't') {
					c = c == 'n' ? '\n' : '\t';
				}
			}
			rc = mapped_text_put_quoted(&args, c, off);
		}
		if (rc == 0 && i < j->len)
			rc = mapped_text_put(&args, '\'', j->map[i]);
		if (rc == 0 && i < j->len)
			rc = mapped_text_put(&args, ' ', j->map[i]);
	}
	if (rc == 0 && args.len)
		rc = shcmd_detect_mapped(out, src, sv_make(args.text, args.len), args.map, opts);
	mapped_text_release(&args);
	return rc;
}

/* RUN <<EOF ... EOF: the body lines after the instruction are the script. */
static int
read_heredoc(struct detect_out *out, struct source *src, const struct mapped_text *j,
	     size_t at, size_t *next, const struct shcmd_opts *opts)
{
	struct sv t = src->text;
	char delim[128];
	size_t n = 0, i = at + 2;

	if (i < j->len && j->text[i] == '-')
		i++;
	while (i < j->len && n < sizeof(delim) - 1 && !byte_in(" \t\r\n", j->text[i])) {
		if (j->text[i] != '"' && j->text[i] != '\'')
			delim[n++] = j->text[i];
		i++;
	}
	if (n == 0)
		return 0;
	size_t body = *next, end = body;
	while (end < t.len) {
		size_t e = sv_line_end(t, end), s = end;
		while (s < e && t.ptr[s] == '\t')
			s++;
		size_t le = e > s && t.ptr[e - 1] == '\r' ? e - 1 : e;
		if (le - s == n && memcmp(t.ptr + s, delim, n) == 0) {
			*next = e < t.len ? e + 1 : e;
			return shcmd_detect(out, src, (struct span){ body, end }, opts);
		}
		end = e < t.len ? e + 1 : e;
	}
	*next = t.len;
	return shcmd_detect(out, src, (struct span){ body, t.len }, opts);
}

static bool
keyword_is(const struct mapped_text *j, size_t *i, const char *kw)
{
	size_t n = strlen(kw);

	if (j->len - *i < n || strncasecmp(j->text + *i, kw, n) != 0 ||
	    (*i + n < j->len && !byte_in(" \t\r\n", j->text[*i + n])))
		return false;
	*i += n;
	while (*i < j->len && byte_in(" \t\r", j->text[*i]))
		(*i)++;
	return true;
}

static int
read_run(struct detect_out *out, struct source *src, const struct mapped_text *j, size_t i,
	 size_t *next)
{
	struct shcmd_opts opts = { .kind = DEP_INSTALL_COMMAND, .or_root = true };

	/* --mount=..., --network=..., --security=... */
	while (i + 1 < j->len && j->text[i] == '-' && j->text[i + 1] == '-') {
		while (i < j->len && !byte_in(" \t\r\n", j->text[i]))
			i++;
		while (i < j->len && byte_in(" \t\r", j->text[i]))
			i++;
	}
	if (i < j->len && j->text[i] == '[')
		return read_exec_form(out, src, j, i, &opts);
	if (i + 1 < j->len && j->text[i] == '<' && j->text[i + 1] == '<')
		return read_heredoc(out, src, j, i, next, &opts);
	return shcmd_detect_mapped(out, src, sv_make(j->text + i, j->len - i), j->map + i, &opts);
}

/*
 * The -r/-c files that RUN asked for from @first on: to what COPY put there,
 * if it did; a file something else put there (COPY --from, a URL) is a note,
 * not an include.
 */
static int
map_includes(struct detect_out *out, struct source *src, struct docker_fs *fs, size_t first)
{
	struct arena tmp = ARENA_INIT;          /* the paths worked out, for this RUN */
	size_t kept = first;
	int err = 0;

	for (size_t i = first; i < out->n_includes && !err; i++) {
		struct detect_include *inc = &out->includes[i];
		const char *origin, *from = docker_fs_source(fs, inc, &tmp, &err, &origin);
		if (from && !(inc->path = arena_strndup(out->arena, sv_from_cstr(from))))
			err = ERR_NOMEM;
		if (from)
			inc->cd = NULL;
		if (origin) {
			diag_add(out->diags, DIAG_NOTE, src, inc->at, "%s file '%s' %s: not followed",
				 inc->constraint ? "constraint" : "requirement", inc->path, origin);
			continue;
		}
		out->includes[kept++] = *inc;
	}
	if (!err)
		out->n_includes = kept;
	arena_release(&tmp);
	return err;
}

/* One instruction, joined in @j; *@next may move past a heredoc body. */
static int
read_instruction(struct detect_out *out, struct source *src, struct docker_fs *fs,
		 const struct mapped_text *j, size_t *next)
{
	size_t k = 0, first = out->n_includes;
	int rc;

	if (keyword_is(j, &k, "ONBUILD"))
		return keyword_is(j, &k, "RUN") ? read_run(out, src, j, k, next) : 0;
	if (keyword_is(j, &k, "RUN")) {
		if ((rc = read_run(out, src, j, k, next)))
			return rc;
		return map_includes(out, src, fs, first);
	}
	if (keyword_is(j, &k, "FROM"))
		return docker_fs_from(fs, sv_make(j->text + k, j->len - k));
	else if (keyword_is(j, &k, "WORKDIR"))
		return docker_fs_workdir(fs, sv_make(j->text + k, j->len - k));
	else if (keyword_is(j, &k, "COPY") || keyword_is(j, &k, "ADD"))
		return docker_fs_copy(fs, sv_make(j->text + k, j->len - k));
	return 0;
}

int
detect_dockerfile(struct detect_out *out, struct source *src, const struct detect_ctx *ctx)
{
	struct sv t = src->text;
	struct mapped_text j = { 0 };
	struct docker_fs *fs = malloc(sizeof(*fs));
	char escape = read_directives(t);
	size_t i = 0;
	int rc = 0;

	(void)ctx;
	if (!fs)
		return ERR_NOMEM;
	docker_fs_init(fs);
	while (i < t.len && rc == 0) {
		size_t e = sv_line_end(t, i), p = skip_ws(t, i, e), next;
		if (p >= e || t.ptr[p] == '#') {
			i = e < t.len ? e + 1 : e;
			continue;
		}
		if ((rc = join_instruction(&j, t, p, escape, &next)))
			break;
		rc = read_instruction(out, src, fs, &j, &next);
		i = next;
	}
	docker_fs_release(fs);
	free(fs);
	mapped_text_release(&j);
	return rc;
}
