/*
 * Fuzz target: resolve/pep440.c. The first byte picks the operator, the rest
 * is "VERSION\nCANDIDATE": parse the specifier, then test the candidate.
 */
#include "resolve/pep440.h"
#include "fuzz.h"

static const char *const ops[] = { "~=", "==", "!=", "<=", ">=", "<", ">", "===", "", "=" };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *op, *sop = NULL;
	struct sv rest, rhs, lhs, version;
	char buf[512];
	size_t nl;

	if (size == 0)
		return 0;
	op = ops[data[0] % (sizeof(ops) / sizeof(ops[0]))];
	rest = fuzz_sv(data + 1, size - 1);
	nl = sv_find_char(rest, '\n');
	rhs = nl == SV_NPOS ? rest : sv_slice(rest, 0, nl);
	lhs = nl == SV_NPOS ? rest : sv_tail(rest, nl + 1);
	if (pep440_spec_parse(&sop, &version, op, rhs, buf, sizeof(buf))) {
		FUZZ_CHECK(sop != NULL);
		FUZZ_CHECK(version.ptr >= buf && version.ptr + version.len <= buf + sizeof(buf));
		(void)pep440_spec_contains(sop, version, lhs);
		(void)pep440_spec_contains(sop, version, version);
	}
	return 0;
}
