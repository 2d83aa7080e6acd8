#!/usr/bin/env bash
# f shows flagged entries only and says so; f again shows everything;
# a skipped file (nothing flagged) disappears and comes back too.
source "$(dirname "$0")/lib.sh"

make_fixture
# Tall enough for requirements.txt's entries to show below the other files.
start_deputy 80 50 "$WORK/repo"
expect "clean requests is listed" '^ +requests ==2\.31\.0'
expect "clean flask is listed" '^ +flask ==3\.0\.0'
expect "urlib3 is listed" '^ [CHML] +urlib3'
expect "the binary file is listed as skipped" '^ - +requirements-bin\.txt \(skipped\)'

keys f
expect "the filter is announced" 'showing flagged entries only'
expect "the tree title says so" 'Files \([0-9]+ flagged entr(y|ies)\) - flagged only'
expect_not "clean requests is hidden" '^ +requests ==2\.31\.0'
expect_not "clean flask is hidden" '^ +flask ==3\.0\.0'
expect "urlib3 still shows" '^ [CHML] +urlib3'
expect_not "the skipped file is hidden" 'requirements-bin\.txt'

keys f
expect "the filter is lifted" 'showing every entry'
expect "requests is back" '^ +requests ==2\.31\.0'
expect_not "the tree title no longer says flagged only" 'flagged only'
keys q
wait_exit 5 >/dev/null && ok || fail "deputy did not exit after q"
"${TMUX_CMD[@]}" kill-server >/dev/null 2>&1

# At 80x24, filtering from the bottom of a long tree scrolls it back so that
# the tree pane (rows 2-9) has no blank rows while entries are hidden above.
start_deputy 80 24 "$WORK/repo"
expect "deputy started" 'flagged *$'
keys G
keys f
expect "the filter is on" 'showing flagged entries only'
capture
blank=$(sed -n '2,9p' "$SCREEN" | grep -c '^ *$')
[ "$blank" -eq 0 ] && ok || fail "$blank blank rows in the filtered tree pane"
keys q
wait_exit 5 >/dev/null && ok || fail "deputy did not exit after q"
finish
