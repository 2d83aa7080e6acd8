#!/usr/bin/env bash
# v shows the whole declaring file with line numbers and the declaration's
# line marked, scrolls, and closes with q or Esc; e runs $EDITOR +LINE FILE
# (no shell) on the working tree and brings the screen back, and refuses on
# a scan of a revision.
source "$(dirname "$0")/lib.sh"

make_fixture
cat >"$WORK/editor.sh" <<EDIT
#!/bin/sh
printf '%s\n' "\$@" > "$WORK/editor-args"
EDIT
chmod +x "$WORK/editor.sh"
export VISUAL="" EDITOR="$WORK/editor.sh"

start_deputy 80 24 "$WORK/repo"
expect "deputy started" '14 flagged *$'
keys / u r l i b Enter C-n
expect "urlib3 in requirements.txt is selected" 'requirements\.txt:5:1'
keys v
expect "v opens the file view" '^ File \(line marked\): requirements\.txt'
expect "line 1 is numbered" '^ 1 \| # Application dependencies$'
expect "the declaration's line is marked" '^>5 \| urlib3$'
expect "other lines are not marked" '^ 3 \| flask==3\.0\.0$'
expect_not "the tree is hidden" 'Files \([0-9]+ flagged'
keys q
expect "q closes the file view" 'Files \(14 flagged entries\)'
wait_exit 1 >/dev/null && fail "q in the file view left deputy" || ok
keys v
expect "v opens it again" '^ File \(line marked\)'
keys Escape
expect "Esc closes it" 'Files \(14 flagged entries\)'

keys e
expect "the screen is back after the editor" 'back from the editor'
expect "the tree is drawn again" 'Files \(14 flagged entries\)'
if [ "$(tr '\n' ' ' <"$WORK/editor-args" 2>/dev/null)" = "+5 $WORK/repo/requirements.txt " ]; then
	ok
else
	fail "the editor got: '$(tr '\n' ' ' <"$WORK/editor-args" 2>/dev/null)'"
fi
rm -f "$WORK/editor-args"
# A file row opens the editor at line 1; e works from the file view too.
# (the status line may still say 'back from the editor' from the first run:
# wait for the editor's own trace instead)
keys g v e
for ((i = 0; i < 100; i++)); do [ -s "$WORK/editor-args" ] && break; sleep 0.05; done
expect "e from the file view" 'back from the editor'
grep -qx '+1' "$WORK/editor-args" && ok || fail "a file row should open at +1"
keys q q
wait_exit 5 >/dev/null && ok || fail "deputy did not exit"
"${TMUX_CMD[@]}" kill-server >/dev/null 2>&1

# A revision is not the files on disk: e says so and runs nothing.
rm -f "$WORK/editor-args"
start_deputy 200 60 --rev HEAD "$WORK/repo"
expect "200x60: deputy started on HEAD" 'flagged *$'
keys n v
expect "200x60: v works on a revision" '^ File \(line marked\): '
expect "200x60: the marked line" '^> ?[0-9]+ \| '
keys q e
expect "200x60: e refuses outside the working tree" 'e edits the working tree only'
[ ! -e "$WORK/editor-args" ] && ok || fail "the editor ran on a revision"
keys q
wait_exit 5 >/dev/null && ok || fail "deputy did not exit"
finish
