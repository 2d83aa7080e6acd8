# Counting checks in the shell tests (integration and ui): each test sources
# this, calls ok/fail as it goes, and ends with finish. A test may define
# on_fail to print more (the ui tests print the screen).
# shellcheck shell=bash

checks=0
failures=0

ok() {
	checks=$((checks + 1))
}

fail() {
	checks=$((checks + 1))
	failures=$((failures + 1))
	echo "FAIL: $*" >&2
	if declare -F on_fail >/dev/null; then
		on_fail
	fi
}

finish() {
	echo "$checks checks, $failures failed"
	[ "$failures" -eq 0 ]
}
