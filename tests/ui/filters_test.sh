#!/usr/bin/env bash
# s cycles the minimum severity, p the ecosystem (all, Python, R); both show
# in the status line and the tree title, and compose with f.
source "$(dirname "$0")/lib.sh"

start_deputy 80 24 --demo
expect "the demo started" 'any key starts'
keys Escape
expect "the introduction closed" 'Files \([0-9]+ flagged'

keys s
expect "s: info and up" 'showing info and up'
keys s s s
expect "s: high and up" 'showing high and up'
keys C-l
expect "the status line shows the severity filter" ' high\+ \| C[0-9]+ '
expect "the tree title shows it" 'Files \([0-9]+ flagged entries\) - high and up'
expect_not "no low or medium row is left" '^ [ML] '
keys s
expect "s: critical only" 'showing critical and up'
keys C-l
expect_not "no high row is left" '^ H '
keys s
expect "s: every severity again" 'showing every severity'
keys C-l
expect_not "the filter is gone from the status line" 'high\+|critical\+'

keys p
expect "p: Python" 'showing Python entries only'
keys C-l
expect "the status line shows Python" ' Python \| C[0-9]+ '
expect_not "no R file is listed" '\.R$'
keys p
expect "p: R" 'showing R entries only'
keys C-l
expect "the status line shows R" ' R \| C[0-9]+ '
keys g
expect "an R file is listed" '\.R$'
expect_not "no requirement file is listed" 'requirements.*\.txt'
keys s s s s f
expect "f composes" 'showing flagged entries only'
keys C-l
expect "all three filters show" ' high\+ R flagged \| '
keys p
keys C-l
expect "p: all again" ' high\+ flagged \| '
keys q
wait_exit 5 >/dev/null && ok || fail "deputy did not exit after q"
"${TMUX_CMD[@]}" kill-server >/dev/null 2>&1

start_deputy 200 60 --demo
expect "200x60: the demo started" 'any key starts'
keys x
expect "200x60: the introduction closed" 'Files \([0-9]+ flagged'
keys p p g
keys C-l
expect "200x60: the R filter shows" ' R \| '
expect "200x60: an R file is listed" '\.R +'
expect_not "200x60: no requirement file is listed" 'requirements.*\.txt'
keys q
wait_exit 5 >/dev/null && ok || fail "deputy did not exit after q"
"${TMUX_CMD[@]}" kill-server >/dev/null 2>&1

# On a narrow screen a message keeps the filter and the flag position beside
# it; the counts give way (they used to take the position with them).
start_deputy 60 24 --demo
expect "the demo again, 60 columns" 'any key starts'
keys Escape
expect "the introduction closed" 'Files \([0-9]+ flagged'
keys s
expect "the message, the filter and the position" 'showing info and up +info\+ \| flag 1 of [0-9]+ *$'
finish
