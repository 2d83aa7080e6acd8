#!/usr/bin/env bash
# / searches names, files and rule ids as you type; Enter keeps the query,
# Ctrl-N / Ctrl-P step through the matches (n/N still step through flags),
# Esc on the prompt puts the cursor back. At 80x24 and 200x60.
source "$(dirname "$0")/lib.sh"

make_fixture
for size in "80 24" "200 60"; do
	# shellcheck disable=SC2086
	start_deputy $size "$WORK/repo"
	expect "$size: deputy started" '14 flagged *$'
	expect "$size: the first row is selected" 'Detail: requirements-bin\.txt'

	keys /
	expect "$size: / opens the prompt" '^ /_( |$)'
	keys u r l i b
	expect "$size: the prompt echoes the query" '^ /urlib_( |$)'
	expect "$size: the cursor jumped to the first match" \
		'requirements-untracked\.txt:1:1'
	keys Enter
	expect "$size: Enter keeps the query" 'Ctrl-N / Ctrl-P: next / previous match'
	keys C-n
	expect "$size: Ctrl-N goes to the next match" 'requirements\.txt:5:1'
	keys C-n
	expect "$size: Ctrl-N wraps" 'search wrapped to the top'
	expect "$size: back at the first match" 'requirements-untracked\.txt:1:1'
	keys C-p
	expect "$size: Ctrl-P wraps backwards" 'search wrapped to the bottom'
	expect "$size: at the last match" 'requirements\.txt:5:1'

	# A rule id finds the rows that rule flagged.
	keys / s t d l i b - s h a d o w Enter
	expect "$size: a rule id matches a flagged row" 'Detail: urllib +'

	# A query nothing matches says so and leaves the cursor alone.
	keys / z z z q q
	expect "$size: no match is shown on the prompt" '^ /zzzqq_ \(no match\)'
	keys Escape
	expect "$size: Esc cancels the prompt" 'search cancelled'
	expect "$size: Esc put the cursor back" 'Detail: urllib +'

	# n still steps through flagged entries, not matches.
	keys n
	expect "$size: n is still next-flag" 'flag [0-9]+ of 14 *$'
	keys q
	wait_exit 5 >/dev/null && ok || fail "$size: deputy did not exit after q"
	"${TMUX_CMD[@]}" kill-server >/dev/null 2>&1
done
finish
