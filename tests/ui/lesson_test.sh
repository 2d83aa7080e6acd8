#!/usr/bin/env bash
# deputy --demo opens with an introduction that explains the keys and points
# at the first flagged entry; any key closes it. l shows the lesson of the
# selected row's rule: why, the real incident, how to check by hand, how to
# fix; it scrolls and closes with q or Esc; a clean row has no lesson.
source "$(dirname "$0")/lib.sh"

start_deputy 80 24 --demo
expect "the introduction opens first" '^ Welcome to the deputy demo +any key starts'
expect "it explains n" '^ +n / N +next / previous flagged entry'
expect "it explains l" '^ +l +the lesson'
expect "it points at the first flagged entry" 'The cursor is on the first flagged entry'
expect "the status line counts flag 1" 'flag 1 of [0-9]+ *$'
keys x
expect "any key closes it" 'Files \([0-9]+ flagged entries\)'
expect_not "the introduction is gone" 'Welcome to the deputy demo'
expect "the cursor is on the first flagged entry" 'flag 1 of [0-9]+ *$'
expect "x did nothing else" '^ /tmp/.*\[demo\]'

keys l
expect "l opens the lesson" '^ Lesson +q or Esc closes'
expect "the rule is named" '^ high +Code is run straight from a URL \[remote-source\]'
expect "why it matters" '^Why it matters'
keys j j j j j j
expect "j scrolls to the incident" '^The real incident behind it'
expect_not "the title row scrolled away" '^ high +Code is run straight'
keys G
expect "Codecov is told" 'Codecov'
expect "how to check by hand" '^How to check by hand'
expect "how to fix" '^How to fix'
expect "references end it" '^References'
expect "each reference is a bullet" '^  - Codecov, Bash Uploader'
keys g
expect "g goes back to the top" '^Why it matters'
keys Escape
expect "Esc closes the lesson" 'Files \([0-9]+ flagged entries\)'
keys l
expect "l opens it again" '^ Lesson'
keys q
expect "q closes it" 'Files \([0-9]+ flagged entries\)'
keys q
wait_exit 5 >/dev/null && ok || fail "deputy did not exit after q"
"${TMUX_CMD[@]}" kill-server >/dev/null 2>&1

# 200x60: every section on one screen; a typosquat's lesson tells its incident.
start_deputy 200 60 --demo
expect "200x60: the introduction opens" 'Welcome to the deputy demo'
keys Enter
expect "200x60: it closed" 'Files \([0-9]+ flagged entries\)'
keys / t y p o s q u a t Enter l
expect "200x60: the typosquat lesson" '\[typosquat\]'
expect "200x60: its incident" '^  .*colourama'
expect "200x60: how to check by hand" '^How to check by hand'
expect "200x60: how to fix" '^How to fix'
keys q g
expect "200x60: the first row" 'Detail: analysis/forecast\.R'
keys l
expect "200x60: a file row has no lesson" 'no finding on this row, so no lesson'
keys q
wait_exit 5 >/dev/null && ok || fail "deputy did not exit after q"
finish
