#!/usr/bin/env bash
# ? opens the key list (every action of the ACTIONS table with its keys);
# q in the overlay closes it without quitting; ? toggles it too; Esc closes it.
source "$(dirname "$0")/lib.sh"

make_fixture
start_deputy 80 24 "$WORK/repo"
expect "deputy started" 'flagged *$'

keys '?'
expect "the overlay opens" 'Keys: Esc, \? or q closes this help'
expect "next-flag is listed with n" '│ n +Jump to the next flagged entry'
expect "previous-flag with N" '│ N +Jump to the previous flagged entry'
expect "the movement keys" '│ j, Down +Move down one line'
expect "paging" '│ PgDn, Ctrl-F +Move down one page'
expect "g and Home" '│ g, Home +Go to the first line'
expect "G and End" '│ G, End +Go to the last line'
expect "folding" '│ Enter, Space +Expand or collapse the row \(a leaf: its parent\)'
expect "the filter" '│ f +Show flagged entries only'
expect "focus" '│ Tab +Move focus between tree and detail pane'
expect "help itself" '│ \? +List every key'
expect "quit" '│ q +Leave deputy'

keys q
expect_not "q closes the overlay" 'Keys: Esc, \? or q closes'
[ ! -e "$WORK/exit-status" ] && ok || fail "q in the overlay quit deputy"
expect "the screen is back" '^ Files \('

keys '?'
expect "? opens it again" 'Keys: Esc, \? or q closes this help'
keys '?'
expect_not "? closes it" 'Keys: Esc, \? or q closes'

# Esc closes it, as the key list says Esc closes an overlay
keys '?'
expect "open once more" 'Keys: Esc, \? or q closes this help'
keys Escape
expect_not "Esc closes it" 'Keys: Esc, \? or q closes'
[ ! -e "$WORK/exit-status" ] && ok || fail "Esc in the overlay quit deputy"

keys q
wait_exit 5 >/dev/null && ok || fail "deputy did not exit after q"
finish
