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

# start_http_server DIR: serves DIR on a free loopback port (python3's
# http.server); sets HTTP_PORT and HTTP_PID, or fails the test.
start_http_server() {
	python3 -u -m http.server --bind 127.0.0.1 --directory "$1" 0 >"$WORK/http.log" 2>&1 &
	HTTP_PID=$!
	HTTP_PORT=
	for _ in $(seq 1 100); do
		HTTP_PORT=$(sed -n 's/.* port \([0-9][0-9]*\).*/\1/p' "$WORK/http.log" | head -1)
		[ -n "$HTTP_PORT" ] && return 0
		sleep 0.1
	done
	fail "the loopback HTTP server did not start"
	return 1
}
