/*
 * pip requirement files, split as pip 23.2 does in pip/_internal/req/req_file.py:
 * preprocess() (splitlines, join_lines, ignore_comments), break_args_options(),
 * shlex.split() of the options and optparse over SUPPORTED_OPTIONS(_REQ).
 *
 *   file         = physical_line*            (Python's str.splitlines(): \n \r \r\n \v \f
 *                                             \x1c \x1d \x1e U+0085 U+2028 U+2029)
 *   logical_line = (cont_line)* last_line    cont_line ends in '\' and is no comment line;
 *                                            its '\'s are stripped from both ends
 *   comment      = ("^" | space+) "#" .*     the first one is cut, then the line stripped
 *   line         = args [" " options]        args: the ' '-separated words before the
 *                                            first word starting with '-'
 *   options      = shell words: option [value] | --long=value | -xvalue | positional
 *
 * Long options may be abbreviated to a unique prefix, as optparse allows.
 */
#include "lex/reqfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deputy/array.h"
#include "deputy/ascii.h"
#include "deputy/strbuf.h"

struct option_spec {
	enum reqfile_option_kind kind;
	char short_name;         /* 0 when none */
	const char *long_name;
	bool takes_value;
};

static const struct option_spec option_specs[] = {
	{ REQOPT_INDEX_URL, 'i', "--index-url", true },
	{ REQOPT_INDEX_URL, 0, "--pypi-url", true },
	{ REQOPT_EXTRA_INDEX_URL, 0, "--extra-index-url", true },
	{ REQOPT_NO_INDEX, 0, "--no-index", false },
	{ REQOPT_CONSTRAINT, 'c', "--constraint", true },
	{ REQOPT_REQUIREMENT, 'r', "--requirement", true },
	{ REQOPT_EDITABLE, 'e', "--editable", true },
	{ REQOPT_FIND_LINKS, 'f', "--find-links", true },
	{ REQOPT_NO_BINARY, 0, "--no-binary", true },
	{ REQOPT_ONLY_BINARY, 0, "--only-binary", true },
	{ REQOPT_PREFER_BINARY, 0, "--prefer-binary", false },
	{ REQOPT_REQUIRE_HASHES, 0, "--require-hashes", false },
	{ REQOPT_PRE, 0, "--pre", false },
	{ REQOPT_TRUSTED_HOST, 0, "--trusted-host", true },
	{ REQOPT_USE_FEATURE, 0, "--use-feature", true },
	{ REQOPT_GLOBAL_OPTION, 0, "--global-option", true },
	{ REQOPT_HASH, 0, "--hash", true },
	{ REQOPT_CONFIG_SETTINGS, 'C', "--config-settings", true },
};

#define N_SPECS (sizeof(option_specs) / sizeof(option_specs[0]))

/* pip 23.2's --use-feature choices. */
static const char *const features[] = {
	"fast-deps", "truststore", "no-binary-enable-wheel-cache",
};

/* The hashes pip's --hash accepts (STRONG_HASHES). */
static const char *const strong_hashes[] = { "sha256", "sha384", "sha512" };

/* A shell word of the options part: its text and where it started in the logical line. */
struct token {
	size_t text;             /* offset into reader.words */
	size_t len;
	size_t at;               /* logical offset of its first byte */
};

struct reader {
	struct source *src;
	struct arena *arena;
	struct diags *diags;
	reqfile_line_fn fn;
	void *payload;

	struct strbuf logical;
	struct reqfile_segment *segments;
	size_t n_segments, cap_segments;
	bool too_long;

	struct strbuf words;     /* the unquoted words, back to back */
	struct token *tokens;
	size_t n_tokens, cap_tokens;
	struct reqfile_option *options;
	size_t n_options, cap_options;
};

const char *
reqfile_option_name(enum reqfile_option_kind kind)
{
	for (size_t i = 0; i < N_SPECS; i++)
		if (option_specs[i].kind == kind)
			return option_specs[i].long_name;
	return "?";
}

/* Python's str.isspace() for the ASCII range. */
static bool
is_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\x1c' && c <= '\x1f');
}

static bool
is_env_name_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* The length of the line break at @i (0 when none), after str.splitlines(). */
static size_t
line_break_at(struct sv text, size_t i)
{
	unsigned char c = (unsigned char)text.ptr[i];

	if (c == '\r')
		return (i + 1 < text.len && text.ptr[i + 1] == '\n') ? 2 : 1;
	if (c == '\n' || c == '\v' || c == '\f' || c == 0x1c || c == 0x1d || c == 0x1e)
		return 1;
	if (c == 0xc2 && i + 1 < text.len && (unsigned char)text.ptr[i + 1] == 0x85)
		return 2;
	if (c == 0xe2 && i + 2 < text.len && (unsigned char)text.ptr[i + 1] == 0x80 &&
	    ((unsigned char)text.ptr[i + 2] == 0xa8 || (unsigned char)text.ptr[i + 2] == 0xa9))
		return 3;
	return 0;
}

/* pip's COMMENT_RE.match(): the line is a comment from its start. */
static bool
is_comment_line(struct sv line)
{
	size_t i = 0;

	while (i < line.len && is_space(line.ptr[i]))
		i++;
	return i < line.len && line.ptr[i] == '#';
}

static int
add_segment(struct reader *r, size_t file, size_t len, bool virtual_space)
{
	if (array_reserve(&r->segments, &r->cap_segments, r->n_segments, sizeof(*r->segments)))
		return ERR_NOMEM;
	r->segments[r->n_segments++] = (struct reqfile_segment){
		r->logical.len, file, len, virtual_space };
	return 0;
}

/* Appends file bytes [@file, @file+@len) to the logical line being built. */
static int
append(struct reader *r, size_t file, size_t len, bool virtual_space)
{
	int rc;

	if (r->logical.len + len > REQFILE_MAX_LINE) {
		r->too_long = true;
		return 0;
	}
	if ((rc = add_segment(r, file, len, virtual_space)))
		return rc;
	if (virtual_space)
		return strbuf_addch(&r->logical, ' ');
	return strbuf_add(&r->logical, r->src->text.ptr + file, len);
}

size_t
reqfile_file_offset(const struct reqfile_line *line, size_t offset)
{
	const struct reqfile_segment *seg = NULL;

	offset += line->lead;
	for (size_t i = 0; i < line->n_segments; i++)
		if (line->segments[i].logical <= offset)
			seg = &line->segments[i];
	if (!seg)
		return line->at.start;
	if (seg->virtual_space)
		return seg->file;
	size_t into = offset - seg->logical;
	return seg->file + (into < seg->len ? into : seg->len);
}

static int
push_token(struct reader *r, size_t text, size_t at)
{
	if (array_reserve(&r->tokens, &r->cap_tokens, r->n_tokens, sizeof(*r->tokens)))
		return ERR_NOMEM;
	r->tokens[r->n_tokens++] = (struct token){ text, r->words.len - text, at };
	return 0;
}

/*
 * shlex.split() in POSIX mode: blanks separate words, '...' is literal,
 * "..." lets '\' escape only '"' and '\', a bare '\' escapes any byte.
 * On an error *why is set and @at points at the culprit.
 */
static int
split_words(struct reader *r, struct sv s, size_t base, const char **why, size_t *at)
{
	size_t i = 0;

	r->n_tokens = 0;
	strbuf_reset(&r->words);
	while (i < s.len) {
		while (i < s.len && byte_in(" \t\r\n", s.ptr[i]))
			i++;
		if (i >= s.len)
			break;
		size_t start = r->words.len, word_at = base + i;
		while (i < s.len && !byte_in(" \t\r\n", s.ptr[i])) {
			char c = s.ptr[i];
			if (c == '\'' || c == '"') {
				size_t open = i++;
				while (i < s.len && s.ptr[i] != c) {
					if (c == '"' && s.ptr[i] == '\\' && i + 1 < s.len &&
					    (s.ptr[i + 1] == '"' || s.ptr[i + 1] == '\\'))
						i++;
					strbuf_addch(&r->words, s.ptr[i++]);
				}
				if (i >= s.len) {
					*why = "expected a closing quote in the options";
					*at = base + open;
					return ERR_SYNTAX;
				}
				i++;
			} else if (c == '\\') {
				if (i + 1 >= s.len) {
					*why = "expected a character after '\\' in the options";
					*at = base + i;
					return ERR_SYNTAX;
				}
				strbuf_addch(&r->words, s.ptr[i + 1]);
				i += 2;
			} else {
				strbuf_addch(&r->words, c);
				i++;
			}
		}
		if (r->n_tokens >= REQFILE_MAX_TOKENS) {
			*why = "too many option words on one line";
			*at = word_at;
			return ERR_LIMIT;
		}
		int rc = push_token(r, start, word_at);
		if (rc)
			return rc;
	}
	return r->words.failed ? ERR_NOMEM : 0;
}

static struct sv
token_sv(const struct reader *r, const struct token *t)
{
	return sv_make(r->words.ptr + t->text, t->len);
}

static int
push_option(struct reader *r, const struct option_spec *spec, struct sv value, size_t at,
	    size_t value_at)
{
	if (array_reserve(&r->options, &r->cap_options, r->n_options, sizeof(*r->options)))
		return ERR_NOMEM;
	char *v = arena_strndup(r->arena, value);
	if (!v)
		return ERR_NOMEM;
	r->options[r->n_options++] = (struct reqfile_option){ spec->kind, v, at, value_at };
	return 0;
}

/* optparse's _match_abbrev over the long names. */
static const struct option_spec *
find_long(struct sv word, const char **why)
{
	const struct option_spec *found = NULL;
	size_t n = 0;

	for (size_t i = 0; i < N_SPECS; i++) {
		struct sv name = sv_from_cstr(option_specs[i].long_name);
		if (sv_eq(name, word))
			return &option_specs[i];
		if (sv_starts_with(name, word)) {
			found = &option_specs[i];
			n++;
		}
	}
	if (n == 1)
		return found;
	*why = n ? "ambiguous" : "unknown";
	return NULL;
}

/* The checks pip's option callbacks make on a value; NULL when it is fine. */
static const char *
check_value(const struct option_spec *spec, struct sv value)
{
	switch (spec->kind) {
	case REQOPT_HASH: {
		size_t colon = sv_find_char(value, ':');
		if (colon == SV_NPOS)
			return "expected a hash name and a value after --hash, like sha256:abcd...";
		for (size_t i = 0; i < 3; i++)
			if (sv_eq_cstr(sv_slice(value, 0, colon), strong_hashes[i]))
				return NULL;
		return "expected sha256, sha384 or sha512 as the --hash algorithm";
	}
	case REQOPT_CONFIG_SETTINGS:
		if (sv_find_char(value, '=') == SV_NPOS)
			return "expected KEY=VAL after --config-settings";
		return NULL;
	case REQOPT_USE_FEATURE:
		for (size_t i = 0; i < sizeof(features) / sizeof(features[0]); i++)
			if (sv_eq_cstr(value, features[i]))
				return NULL;
		return "expected a known feature after --use-feature (fast-deps, truststore)";
	case REQOPT_NO_BINARY:
	case REQOPT_ONLY_BINARY:
		if (value.len && value.ptr[0] == '-')
			return "expected package names or :all: / :none: after --no-binary/--only-binary";
		return NULL;
	default:
		return NULL;
	}
}

/* Runs optparse over the words. Fills r->options or says why it cannot. */
static int
parse_options(struct reader *r, const struct reqfile_line *line, const char **why,
	      size_t *at, char *word, size_t word_size)
{
	r->n_options = 0;
	for (size_t i = 0; i < r->n_tokens; i++) {
		struct sv arg = token_sv(r, &r->tokens[i]);
		size_t arg_at = reqfile_file_offset(line, r->tokens[i].at);
		const struct option_spec *spec = NULL;
		struct sv value = SV_NULL;
		size_t value_at = arg_at;
		bool inline_value = false;
		int rc;

		if (sv_eq_cstr(arg, "--"))
			break;          /* the rest is positional, which pip ignores */
		if (arg.len < 2 || arg.ptr[0] != '-')
			continue;       /* positional: optparse keeps it, pip ignores it */
		*at = arg_at;
		if (arg.ptr[1] == '-') {
			size_t eq = sv_find_char(arg, '=');
			struct sv name = eq == SV_NPOS ? arg : sv_slice(arg, 0, eq);
			const char *kind = NULL;
			spec = find_long(name, &kind);
			snprintf(word, word_size, "%.*s", (int)(name.len > 60 ? 60 : name.len),
				 name.ptr);
			if (!spec) {
				*why = kind[0] == 'a' ? "ambiguous option %s" : "unknown option %s";
				return ERR_SYNTAX;
			}
			if (eq != SV_NPOS) {
				if (!spec->takes_value) {
					*why = "option %s takes no value";
					return ERR_SYNTAX;
				}
				value = sv_tail(arg, eq + 1);
				value_at = arg_at + eq + 1;
				inline_value = true;
			}
		} else {
			for (size_t s = 0; s < N_SPECS && !spec; s++)
				if (option_specs[s].short_name == arg.ptr[1])
					spec = &option_specs[s];
			snprintf(word, word_size, "-%c", arg.ptr[1]);
			if (!spec) {
				*why = "unknown option %s";
				return ERR_SYNTAX;
			}
			if (arg.len > 2) {
				value = sv_tail(arg, 2);
				value_at = arg_at + 2;
				inline_value = true;
			}
		}
		if (spec->takes_value && !inline_value) {
			if (i + 1 >= r->n_tokens) {
				*why = "expected a value after %s";
				return ERR_SYNTAX;
			}
			i++;
			value = token_sv(r, &r->tokens[i]);
			value_at = reqfile_file_offset(line, r->tokens[i].at);
		}
		if (spec->takes_value && (*why = check_value(spec, value))) {
			*at = value_at;
			return ERR_SYNTAX;
		}
		if ((rc = push_option(r, spec, value, arg_at, value_at)))
			return rc;
	}
	return 0;
}

/* break_args_options(): the ' '-separated words before the first one starting with '-'. */
static void
break_args(struct sv text, struct sv *args, struct sv *options, size_t *options_at)
{
	size_t i = 0;

	for (;;) {
		if (i < text.len && text.ptr[i] == '-') {
			*args = sv_slice(text, 0, i ? i - 1 : 0);
			*options = sv_tail(text, i);
			*options_at = i;
			return;
		}
		size_t space = sv_find_char(sv_tail(text, i), ' ');
		if (space == SV_NPOS)
			break;
		i += space + 1;
	}
	*args = text;
	*options = SV_NULL;
	*options_at = text.len;
}

static bool
has_env_var(struct sv s)
{
	for (size_t i = 0; i + 3 < s.len; i++) {
		if (s.ptr[i] != '$' || s.ptr[i + 1] != '{')
			continue;
		size_t j = i + 2;
		while (j < s.len && is_env_name_char(s.ptr[j]))
			j++;
		if (j > i + 2 && j < s.len && s.ptr[j] == '}')
			return true;
	}
	return false;
}

/* ignore_comments(): COMMENT_RE.sub("", line).strip(); a view into @s. */
static struct sv
cut_comment(struct sv s, size_t *lead)
{
	for (size_t i = 0; i < s.len; i++) {
		if (s.ptr[i] != '#' || (i > 0 && !is_space(s.ptr[i - 1])))
			continue;
		size_t start = i;
		while (start > 0 && is_space(s.ptr[start - 1]))
			start--;
		s.len = start;
		break;
	}
	size_t a = 0, b = s.len;
	while (a < b && is_space(s.ptr[a]))
		a++;
	while (b > a && is_space(s.ptr[b - 1]))
		b--;
	*lead = a;
	return sv_slice(s, a, b - a);
}

/* One logical line is complete in r->logical: cut, split and hand it over. */
static int
finish_line(struct reader *r, unsigned line_no, size_t start, size_t end)
{
	struct reqfile_line line = {
		.line = line_no,
		.at = { start, end },
		.segments = r->segments,
		.n_segments = r->n_segments,
	};
	struct sv options;
	size_t lead, options_at;
	const char *why = NULL;
	size_t at = start;
	char word[64] = "";
	int rc;

	if (r->logical.failed)
		return ERR_NOMEM;
	if (r->too_long) {
		diag_add(r->diags, DIAG_ERROR, r->src, (struct span){ start, end },
			 "expected a line shorter than %d bytes", REQFILE_MAX_LINE);
		return 0;
	}
	line.text = cut_comment(strbuf_sv(&r->logical), &lead);
	if (!line.text.len)
		return 0;
	line.lead = lead;
	line.env_var = has_env_var(line.text);
	break_args(line.text, &line.args, &options, &options_at);
	rc = split_words(r, options, options_at, &why, &at);
	if (rc == ERR_SYNTAX || rc == ERR_LIMIT) {
		diag_add(r->diags, DIAG_ERROR, r->src,
			 (struct span){ reqfile_file_offset(&line, at), end }, "%s", why);
		return 0;
	}
	if (rc)
		return rc;
	rc = parse_options(r, &line, &why, &at, word, sizeof(word));
	if (rc == ERR_SYNTAX) {
		diag_add(r->diags, DIAG_ERROR, r->src, (struct span){ at, end }, why, word);
		return 0;
	}
	if (rc)
		return rc;
	line.options = r->options;
	line.n_options = r->n_options;
	return r->fn(&line, r->payload);
}

/* join_lines() over the physical lines, then finish_line() for each logical one. */
static int
read_lines(struct reader *r)
{
	struct sv text = r->src->text;
	size_t i = 0, first_start = 0;
	unsigned line_no = 0, first_line = 0;
	bool pending = false;
	int rc;

	/* auto_decode() drops a UTF-8 byte order mark */
	if (text.len >= 3 && memcmp(text.ptr, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < text.len) {
		size_t start = i, brk = 0;
		while (i < text.len && !(brk = line_break_at(text, i)))
			i++;
		size_t end = i;
		i += brk;
		line_no++;
		struct sv phys = sv_slice(text, start, end - start);
		bool comment = is_comment_line(phys);
		if (!pending) {
			strbuf_reset(&r->logical);
			r->n_segments = 0;
			r->too_long = false;
			first_line = line_no;
			first_start = start;
		}
		if (phys.len && phys.ptr[phys.len - 1] == '\\' && !comment) {
			size_t a = 0, b = phys.len;
			while (a < b && phys.ptr[a] == '\\')
				a++;
			while (b > a && phys.ptr[b - 1] == '\\')
				b--;
			if ((rc = append(r, start + a, b - a, false)))
				return rc;
			pending = true;
			continue;
		}
		if (comment && (rc = append(r, start, 1, true)))
			return rc;
		if ((rc = append(r, start, phys.len, false)))
			return rc;
		pending = false;
		if ((rc = finish_line(r, first_line, first_start, end)))
			return rc;
	}
	if (pending)
		return finish_line(r, first_line, first_start, text.len);
	return 0;
}

int
reqfile_parse(struct source *src, struct arena *arena, struct diags *diags,
	      reqfile_line_fn fn, void *payload)
{
	struct reader r = {
		.src = src,
		.arena = arena,
		.diags = diags,
		.fn = fn,
		.payload = payload,
		.logical = STRBUF_INIT,
		.words = STRBUF_INIT,
	};
	int rc = read_lines(&r);

	strbuf_release(&r.logical);
	strbuf_release(&r.words);
	free(r.segments);
	free(r.tokens);
	free(r.options);
	return rc;
}
