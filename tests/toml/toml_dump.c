/*
 * toml_dump: prints a TOML file as toml-test's tagged JSON, for the suite and
 * the tomllib differential. The JSON is written by hand, not with cJSON:
 * TOML keys and strings may hold NUL, which cJSON's C strings cannot.
 *
 *   toml_dump FILE            the JSON on stdout; exit 1 and a message on stderr
 *                             when the file is not valid TOML
 *   toml_dump --lines FILE... one line per file: {"ok":true,"value":...} or
 *                             {"ok":false,"error":"LINE:COL: message"}
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deputy/arena.h"
#include "deputy/diag.h"
#include "deputy/strbuf.h"
#include "lex/toml.h"

static void
put_string(struct strbuf *out, const char *s, size_t len)
{
	strbuf_addch(out, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			strbuf_printf(out, "\\%c", c);
		else if (c == '\n')
			strbuf_adds(out, "\\n");
		else if (c < 0x20 || c == 0x7f)
			strbuf_printf(out, "\\u%04x", c);
		else
			strbuf_addch(out, (char)c);
	}
	strbuf_addch(out, '"');
}

static void
put_datetime(struct strbuf *out, const struct toml_value *v)
{
	const struct toml_datetime *d = &v->as.datetime;

	if (v->kind != TOML_TIME_LOCAL)
		strbuf_printf(out, "%04d-%02d-%02d", d->year, d->month, d->day);
	if (v->kind == TOML_DATE_LOCAL)
		return;
	if (v->kind != TOML_TIME_LOCAL)
		strbuf_addch(out, 'T');
	strbuf_printf(out, "%02d:%02d:%02d", d->hour, d->minute, d->second);
	if (d->frac_digits) {
		char frac[16];
		snprintf(frac, sizeof(frac), "%09u", (unsigned)d->nanosecond);
		strbuf_printf(out, ".%.*s", (int)d->frac_digits, frac);
	}
	if (v->kind != TOML_DATETIME)
		return;
	if (d->offset_z) {
		strbuf_addch(out, 'Z');
	} else {
		int m = d->offset_minutes < 0 ? -d->offset_minutes : d->offset_minutes;
		strbuf_printf(out, "%c%02d:%02d", d->offset_minutes < 0 ? '-' : '+', m / 60, m % 60);
	}
}

static const char *
type_name(enum toml_kind kind)
{
	switch (kind) {
	case TOML_STRING: return "string";
	case TOML_INTEGER: return "integer";
	case TOML_FLOAT: return "float";
	case TOML_BOOL: return "bool";
	case TOML_DATETIME: return "datetime";
	case TOML_DATETIME_LOCAL: return "datetime-local";
	case TOML_DATE_LOCAL: return "date-local";
	case TOML_TIME_LOCAL: return "time-local";
	default: return "?";
	}
}

static void
put_value(struct strbuf *out, const struct toml_value *v)
{
	if (v->kind == TOML_TABLE) {
		strbuf_addch(out, '{');
		for (size_t i = 0; i < toml_table_len(v); i++) {
			const struct toml_entry *e = toml_table_at(v, i);
			if (i)
				strbuf_addch(out, ',');
			put_string(out, e->key.ptr, e->key.len);
			strbuf_addch(out, ':');
			put_value(out, e->value);
		}
		strbuf_addch(out, '}');
		return;
	}
	if (v->kind == TOML_ARRAY) {
		strbuf_addch(out, '[');
		for (size_t i = 0; i < toml_array_len(v); i++) {
			if (i)
				strbuf_addch(out, ',');
			put_value(out, toml_array_at(v, i));
		}
		strbuf_addch(out, ']');
		return;
	}
	strbuf_printf(out, "{\"type\":\"%s\",\"value\":", type_name(v->kind));
	switch (v->kind) {
	case TOML_STRING:
		put_string(out, v->as.string.ptr, v->as.string.len);
		break;
	case TOML_INTEGER:
		strbuf_printf(out, "\"%" PRId64 "\"", v->as.integer);
		break;
	case TOML_FLOAT:
		if (isnan(v->as.floating))
			strbuf_adds(out, "\"nan\"");
		else if (isinf(v->as.floating))
			strbuf_adds(out, v->as.floating < 0 ? "\"-inf\"" : "\"inf\"");
		else
			strbuf_printf(out, "\"%.17g\"", v->as.floating);
		break;
	case TOML_BOOL:
		strbuf_adds(out, v->as.boolean ? "\"true\"" : "\"false\"");
		break;
	default:
		strbuf_addch(out, '"');
		put_datetime(out, v);
		strbuf_addch(out, '"');
		break;
	}
	strbuf_addch(out, '}');
}

static char *
read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb = STRBUF_INIT;
	char chunk[65536];
	size_t n;

	if (!f)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		strbuf_add(&sb, chunk, n);
	fclose(f);
	if (!sb.ptr)
		strbuf_add(&sb, "", 0);
	return strbuf_detach(&sb, len);
}

/* Writes the JSON (or "LINE:COL: message") for @path to @out; returns the parse result. */
static int
dump_file(const char *path, struct strbuf *out)
{
	struct arena arena = ARENA_INIT;
	struct toml_value *root;
	struct toml_error err;
	size_t len = 0;
	char *text = read_file(path, &len);
	unsigned line, column;
	int rc;

	if (!text) {
		strbuf_printf(out, "cannot read %s", path);
		return ERR_IO;
	}
	rc = toml_parse(&root, &arena, sv_make(text, len), &err);
	if (rc == 0) {
		put_value(out, root);
	} else {
		text_line_col(sv_make(text, len), err.offset, &line, &column);
		strbuf_printf(out, "%u:%u: %s", line, column, err.message);
	}
	arena_release(&arena);
	free(text);
	return rc;
}

int
main(int argc, char **argv)
{
	struct strbuf out = STRBUF_INIT;

	if (argc == 2 && strcmp(argv[1], "--lines") != 0) {
		int rc = dump_file(argv[1], &out);
		fprintf(rc ? stderr : stdout, "%s%s\n", rc ? "toml_dump: " : "", strbuf_cstr(&out));
		strbuf_release(&out);
		return rc ? 1 : 0;
	}
	if (argc < 2 || strcmp(argv[1], "--lines") != 0) {
		fprintf(stderr, "usage: toml_dump FILE | toml_dump --lines FILE...\n");
		return 2;
	}
	for (int i = 2; i < argc; i++) {
		struct strbuf one = STRBUF_INIT;
		int rc = dump_file(argv[i], &one);
		strbuf_reset(&out);
		if (rc == 0) {
			strbuf_adds(&out, "{\"ok\":true,\"value\":");
			strbuf_addsv(&out, strbuf_sv(&one));
		} else {
			strbuf_adds(&out, "{\"ok\":false,\"error\":");
			put_string(&out, strbuf_cstr(&one), strlen(strbuf_cstr(&one)));
		}
		strbuf_adds(&out, "}\n");
		fwrite(out.ptr, 1, out.len, stdout);
		strbuf_release(&one);
	}
	strbuf_release(&out);
	return 0;
}
