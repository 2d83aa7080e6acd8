# Helpers for the integration tests: each test is a bash script taking the
# deputy binary and tests/repo/make-fixture.sh as arguments.
# shellcheck shell=bash
set -uo pipefail

DEPUTY=${1:?deputy binary}
MAKE_FIXTURE=${2:?make-fixture.sh}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/deputy-it-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
source "$(dirname "${BASH_SOURCE[0]}")/../check.sh"

# expect_eq WHAT GOT WANT
expect_eq() {
	if [ "$2" == "$3" ]; then ok; else fail "$1: got '$2', want '$3'"; fi
}

# expect_grep WHAT PATTERN FILE
expect_grep() {
	if grep -qE -- "$2" "$3"; then ok; else fail "$1: no line matching '$2' in $3"; cat "$3" >&2; fi
}
