#!/usr/bin/env bash
# q leaves deputy with status 0 and restores the terminal; an unbound key
# is refused on the status line instead.
source "$(dirname "$0")/lib.sh"

make_fixture
start_deputy 80 24 "$WORK/repo"
expect "deputy started" 'flagged *$'
keys x
expect "an unbound key is refused with a reason" 'no action for x; \? lists the keys'
[ ! -e "$WORK/exit-status" ] && ok || fail "deputy died on an unbound key"
keys q
status=$(wait_exit 5) && ok || fail "deputy did not exit after q"
[ "${status:-x}" = 0 ] && ok || fail "exit status after q: '${status:-none}'"
[ "$(pane_format '#{alternate_on}')" = 0 ] && ok || fail "the alternate screen is still on"
finish
