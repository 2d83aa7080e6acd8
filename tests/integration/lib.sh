# Helpers for the integration tests: each test is a bash script taking the
# deputy binary and tests/repo/make-fixture.sh as arguments.
# shellcheck shell=bash
set -uo pipefail

DEPUTY=${1:?deputy binary}
MAKE_FIXTURE=${2:?make-fixture.sh}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/deputy-it-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
checks=0
failures=0

ok() {
	checks=$((checks + 1))
}

fail() {
	checks=$((checks + 1))
	failures=$((failures + 1))
	echo "FAIL: $*" >&2
}

# expect_eq WHAT GOT WANT
expect_eq() {
	if [ "$2" == "$3" ]; then ok; else fail "$1: got '$2', want '$3'"; fi
}

# expect_grep WHAT PATTERN FILE
expect_grep() {
	if grep -qE -- "$2" "$3"; then ok; else fail "$1: no line matching '$2' in $3"; cat "$3" >&2; fi
}

finish() {
	echo "$checks checks, $failures failed"
	[ "$failures" -eq 0 ]
}
