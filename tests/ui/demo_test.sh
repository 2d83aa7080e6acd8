#!/usr/bin/env bash
# deputy --demo: the status line says "demo", n walks every flagged entry
# with its findings shown, f and ? work, q exits with status 0; the keys the
# introduction names (?, q) act from it.
source "$(dirname "$0")/lib.sh"

start_deputy 80 24 --demo
expect "the demo opens with its introduction" 'Welcome to the deputy demo'
keys Escape
expect "the demo started" 'flag 1 of [0-9]+ *$'
keys g
expect "back on the first row" 'flagged *$'
expect "the status line says demo" '\[demo\]'
walk_flags
keys n
expect "n wraps to the first" "flag 1 of $WALK_TOTAL *\$"
grep -qE 'imitates ' "$WORK/walk.txt" && ok || fail "no look-alike names what it imitates"
keys f
expect "flagged only" 'showing flagged entries only'
keys '?'
expect "help opens" 'Keys: Esc, \? or q closes this help'
keys q
expect_not "help closes" 'Keys: Esc, \? or q closes'
keys q
status=$(wait_exit 5) && ok || fail "deputy did not exit after q"
[ "${status:-x}" = 0 ] && ok || fail "exit status after q: '${status:-none}'"
"${TMUX_CMD[@]}" kill-server >/dev/null 2>&1

# The keys the introduction names act from it: ? opens the help, q leaves.
start_deputy 80 24 --demo
expect "the introduction again" 'Welcome to the deputy demo'
keys '?'
expect "? on the introduction opens the help" 'Keys: Esc, \? or q closes this help'
keys Escape
expect "on the first flagged entry behind it" 'flag 1 of [0-9]+ *$'
"${TMUX_CMD[@]}" kill-server >/dev/null 2>&1
start_deputy 80 24 --demo
expect "and once more" 'Welcome to the deputy demo'
keys q
status=$(wait_exit 5) && ok || fail "q on the introduction did not leave deputy"
finish
