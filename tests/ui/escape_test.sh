#!/usr/bin/env bash
# Repository text holding escape sequences is shown as visible escapes, never
# sent to the terminal: requirements-evil.txt's lines "\e]0;pwned\aevil-pkg"
# (sets the terminal title) and "\e[2Jclear-pkg==1.0" (clears the screen)
# appear escaped in the file's diagnostics, the pane's title does not change,
# and Mallory's author name "Mallory \e[31mMallet" shows escaped in the blame.
source "$(dirname "$0")/lib.sh"

make_fixture
start_deputy 80 24 "$WORK/repo"
expect "deputy started" 'flagged *$'
title_before=$(pane_format '#{pane_title}')

# Walk down the tree until requirements-evil.txt is selected. After each j,
# wait until the detail's title changed: looking at the old screen again
# would send another j, and the cursor would pass the file.
found=0
capture
for ((n = 0; n < 80; n++)); do
	if grep -qE '^ Detail: requirements-evil\.txt *$' "$SCREEN"; then found=1; break; fi
	title=$(grep -m 1 '^ Detail: ' "$SCREEN")
	keys j
	for ((w = 0; w < 100; w++)); do
		capture
		[ "$(grep -m 1 '^ Detail: ' "$SCREEN")" != "$title" ] && break
		sleep 0.05
	done
done
[ "$found" = 1 ] && ok || fail "requirements-evil.txt could not be selected"
expect "the OSC title sequence shows escaped" '^ +1 \| \\e\]0;pwned\\x07evil-pkg *$'
expect "the clear-screen sequence shows escaped" '^ +2 \| \\e\[2Jclear-pkg==1\.0 *$'
expect "the screen was not cleared: the tree is still drawn" '^ Files \('
expect "nor the status line" 'flagged *$'
title_after=$(pane_format '#{pane_title}')
[ "$title_after" = "$title_before" ] && ok || fail "pane title changed: '$title_before' -> '$title_after'"
case "$title_after" in *pwned*) fail "pane title holds the file's text";; *) ok;; esac

# Mallory's commit added urllib to requirements.txt; blame names her.
# (next_flag: each n waited for, or the old screen sends one n too many)
found=0
capture
for ((n = 0; n < 80; n++)); do
	if grep -qE '^ Detail: urllib( |$)' "$SCREEN"; then found=1; break; fi
	next_flag || break
done
[ "$found" = 1 ] && ok || fail "urllib could not be selected"
expect "the author's escape shows escaped in the blame" \
	'^Blame: [0-9a-f]{8} Mallory \\e\[31mMallet <mallory@example\.invalid>'
title_after=$(pane_format '#{pane_title}')
[ "$title_after" = "$title_before" ] && ok || fail "pane title changed after blame"
keys q
wait_exit 5 >/dev/null && ok || fail "deputy did not exit after q"
finish
