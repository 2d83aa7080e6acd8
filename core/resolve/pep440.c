/*
 * The PEP 440 specifiers a marker comparison may be, the way packaging 21.3
 * reads them and tests a version against them. The versions themselves are
 * read, ordered and written by core/lex/pep440_version.c.
 */
#include "resolve/pep440.h"

#include <string.h>

#include "lex/pep440_version.h"

#include "deputy/ascii.h"

/* packaging's _version_split: dots, and "1rc2" as "1", "rc2". */
static size_t
version_split(struct sv out[], struct sv s)
{
	size_t n = 0, pos = 0;

	for (;;) {
		size_t dot = sv_find_char(sv_tail(s, pos), '.');
		struct sv item = sv_slice(s, pos, dot == SV_NPOS ? s.len - pos : dot);
		size_t d = 0;
		while (d < item.len && item.ptr[d] >= '0' && item.ptr[d] <= '9')
			d++;
		struct sv rest = sv_tail(item, d);
		size_t l = sv_starts_with(rest, SV_LIT("rc")) ? 2 :
			   rest.len && byte_in("abc", rest.ptr[0]) ? 1 : 0;
		if (d && l && pep440_all_digits(sv_tail(rest, l))) {
			if (n < PEP440_MAX_PARTS)
				out[n++] = sv_slice(item, 0, d);
			item = rest;
		}
		if (n < PEP440_MAX_PARTS)
			out[n++] = item;
		if (dot == SV_NPOS)
			return n;
		pos += dot + 1;
	}
}

/* packaging's _pad_version then list equality. */
static bool
padded_equal(const struct sv *a, size_t na, const struct sv *b, size_t nb)
{
	size_t ra = 0, rb = 0;
	while (ra < na && pep440_all_digits(a[ra]))
		ra++;
	while (rb < nb && pep440_all_digits(b[rb]))
		rb++;
	size_t len = (ra > rb ? ra : rb);
	if (na - ra != nb - rb)
		return false;
	for (size_t i = 0; i < len; i++) {
		struct sv x = i < ra ? a[i] : SV_LIT("0");
		struct sv y = i < rb ? b[i] : SV_LIT("0");
		if (!sv_eq(x, y))
			return false;
	}
	for (size_t i = 0; i < na - ra; i++)
		if (!sv_eq(a[ra + i], b[rb + i]))
			return false;
	return true;
}

/* Specifier._compare_equal; @spec validated, spaces trimmed. */
static bool
spec_equal(const struct pep440_version *item, struct sv spec)
{
	if (sv_ends_with(spec, SV_LIT(".*"))) {
		struct sv want[PEP440_MAX_PARTS], have[PEP440_MAX_PARTS];
		struct strbuf public = STRBUF_INIT;
		bool equal = false;

		if (pep440_version_write(&public, item, PEP440_PUBLIC) == 0) {
			size_t nw = version_split(want, sv_make(spec.ptr, spec.len - 2));
			size_t nh = version_split(have, strbuf_sv(&public));
			equal = padded_equal(have, nh < nw ? nh : nw, want, nw);
		}
		strbuf_release(&public);
		return equal;
	}
	struct pep440_version sv_, pub = *item;
	pep440_version_parse(&sv_, spec, PEP440_LOCAL);
	if (!sv_.has_local)
		pub.has_local = false;
	return pep440_version_cmp(&pub, &sv_) == 0;
}

static bool
spec_compatible(const struct pep440_version *item, struct sv spec)
{
	struct sv parts[PEP440_MAX_PARTS];
	struct pep440_version s, pub = *item;
	struct strbuf prefix = STRBUF_INIT;
	size_t n = version_split(parts, spec), keep = 0;
	bool ok;

	while (keep < n && !sv_starts_with(parts[keep], SV_LIT("dev")) &&
	       !sv_starts_with(parts[keep], SV_LIT("a")) && !sv_starts_with(parts[keep], SV_LIT("b")) &&
	       !sv_starts_with(parts[keep], SV_LIT("rc")) && !sv_starts_with(parts[keep], SV_LIT("post")))
		keep++;
	for (size_t i = 0; i + 1 < keep; i++) {
		if (i)
			strbuf_addch(&prefix, '.');
		strbuf_add(&prefix, parts[i].ptr, parts[i].len);
	}
	strbuf_adds(&prefix, ".*");
	pep440_version_parse(&s, spec, 0);
	pub.has_local = false;
	ok = !prefix.failed && pep440_version_cmp(&pub, &s) >= 0 && spec_equal(item, strbuf_sv(&prefix));
	strbuf_release(&prefix);
	return ok;
}

/* Specifier(op + version).contains(lhs) for a valid specifier. */
bool
pep440_spec_contains(const char *op, struct sv version, struct sv lhs)
{
	struct pep440_version item, s;
	bool is_version = pep440_version_parse(&item, lhs, PEP440_LOCAL);
	bool prereleases = false;

	if (!strcmp(op, "==") || !strcmp(op, ">=") || !strcmp(op, "<=") || !strcmp(op, "~=") ||
	    !strcmp(op, "===")) {
		struct sv v = version;
		if (!strcmp(op, "==") && sv_ends_with(v, SV_LIT(".*")))
			v.len -= 2;
		prereleases = pep440_version_parse(&s, v, PEP440_LOCAL) && pep440_version_is_prerelease(&s);
	}
	if (is_version && pep440_version_is_prerelease(&item) && !prereleases)
		return false;
	if (!strcmp(op, "===")) {
		struct strbuf full = STRBUF_INIT;
		bool equal;

		if (is_version && pep440_version_write(&full, &item, PEP440_FULL) == 0)
			lhs = strbuf_sv(&full);
		equal = sv_eq_nocase(lhs, version);
		strbuf_release(&full);
		return equal;
	}
	if (!is_version)
		return false;   /* a LegacyVersion never satisfies a PEP 440 specifier */
	if (!strcmp(op, "=="))
		return spec_equal(&item, version);
	if (!strcmp(op, "!="))
		return !spec_equal(&item, version);
	if (!strcmp(op, "~="))
		return spec_compatible(&item, version);
	pep440_version_parse(&s, version, 0);
	struct pep440_version pub = item;
	pub.has_local = false;
	int c = pep440_version_cmp(&pub, &s);
	if (!strcmp(op, "<="))
		return c <= 0;
	if (!strcmp(op, ">="))
		return c >= 0;
	struct pep440_version base_i = { .epoch = item.epoch, .n_release = item.n_release };
	struct pep440_version base_s = { .epoch = s.epoch, .n_release = s.n_release };
	memcpy(base_i.release, item.release, sizeof(item.release));
	memcpy(base_s.release, s.release, sizeof(s.release));
	bool same_base = pep440_version_cmp(&base_i, &base_s) == 0;
	if (!strcmp(op, "<")) {
		if (pep440_version_cmp(&item, &s) >= 0)
			return false;
		return !(!pep440_version_is_prerelease(&s) && pep440_version_is_prerelease(&item) && same_base);
	}
	if (pep440_version_cmp(&item, &s) <= 0)
		return false;
	if (!s.has_post && item.has_post && same_base)
		return false;
	return !(item.has_local && same_base);
}

/*
 * Whether op + rhs is a valid packaging Specifier, as its regex reads it:
 * the operator alternatives are tried in the regex's order, so "<" + "=3"
 * is the specifier "<=3". Sets the operator and the trimmed version.
 */
bool
pep440_spec_parse(const char **op_out, struct sv *version, const char *op, struct sv rhs,
		  char *buf, size_t size)
{
	static const char *const ops[] = { "~=", "==", "!=", "<=", ">=", "<", ">", "===" };
	size_t oplen = strlen(op);

	if (oplen + rhs.len + 1 > size)
		return false;
	memcpy(buf, op, oplen);
	memcpy(buf + oplen, rhs.ptr, rhs.len);
	struct sv all = sv_make(buf, oplen + rhs.len);
	for (size_t i = 0; i < 8; i++) {
		struct sv o = sv_from_cstr(ops[i]);
		if (!sv_starts_with(all, o))
			continue;
		struct sv v = pep440_trim(sv_tail(all, o.len));
		struct pep440_version pv;
		bool ok;
		if (i == 7) {
			ok = true;
			for (size_t j = 0; j < v.len; j++)
				ok = ok && !pep440_is_space(v.ptr[j]);
		} else if (i == 1 || i == 2) {
			ok = pep440_version_parse(&pv, v, PEP440_LOCAL | PEP440_WILDCARD);
		} else {
			ok = pep440_version_parse(&pv, v, i == 0 ? PEP440_TWO : 0);
		}
		if (ok) {
			*op_out = ops[i];
			*version = v;
			return true;
		}
	}
	return false;
}
