#!/usr/bin/env bash
# - collapses every row to its file and + expands every row; a mouse click
# selects a tree row and the wheel moves through it (raw xterm X10 mouse
# reports typed into the pane: tmux hands them to deputy as the terminal
# would); t cycles the built-in themes live and names each one.
source "$(dirname "$0")/lib.sh"

# mouse_report BUTTON COL ROW: an X10 report, 1-based column and row.
mouse_report() {
	keys -l "$(printf '\033[M%b%b%b' "\\$(printf '%03o' $((32 + $1)))" \
		"\\$(printf '%03o' $((32 + $2)))" "\\$(printf '%03o' $((32 + $3)))")"
}

make_fixture
start_deputy 80 24 "$WORK/repo"
expect "deputy started" '14 flagged *$'
expect "entries show under their files" '^ +six ==1\.16\.0'
keys -
expect "- collapses everything" 'every row collapsed'
expect_not "no entry row is left" '^ +six ==1\.16\.0'
expect "files show their entry counts" 'requirements-evil\.txt \([0-9]+\)'
keys +
expect "+ expands everything" 'every row expanded'
expect "entries are back" '^ +six ==1\.16\.0'

# Row 3 of the screen is requirements-evil.txt (row 1 is the title).
mouse_report 0 10 3
mouse_report 3 10 3
expect "a click selects the row" 'Detail: requirements-evil\.txt'
mouse_report 65 10 3
expect "the wheel moves down three rows" 'Detail: requirements-untracked\.txt'
mouse_report 64 10 3
expect "the wheel moves back up" 'Detail: requirements-evil\.txt'
# A click in the detail pane focuses it.
mouse_report 0 10 15
mouse_report 3 10 15
keys j
expect "j then scrolls the detail, not the tree" 'Detail: requirements-evil\.txt'
expect_not "the tree cursor stayed" 'Detail: six'
keys Tab
expect "Tab goes back to the tree" 'focus: tree'

keys t
expect "t switches to the second theme" 'theme: light'
keys t
expect "t again" 'theme: high-contrast'
keys t t t
expect "t wraps to the default" 'theme: default'
expect "the screen is still drawn" 'Files \(14 flagged entries\)'
keys q
wait_exit 5 >/dev/null && ok || fail "deputy did not exit after q"
"${TMUX_CMD[@]}" kill-server >/dev/null 2>&1

start_deputy 200 60 "$WORK/repo"
expect "200x60: deputy started" '14 flagged *$'
keys -
expect "200x60: - collapses" 'every row collapsed'
expect_not "200x60: no entry row" '^ +six ==1\.16\.0'
mouse_report 0 10 2
mouse_report 3 10 2
expect "200x60: a click selects the first row" 'Detail: requirements-bin\.txt'
keys +
expect "200x60: + expands" '^ +six ==1\.16\.0'
keys t
expect "200x60: t names the theme" 'theme: light'
keys q
wait_exit 5 >/dev/null && ok || fail "deputy did not exit after q"
finish
