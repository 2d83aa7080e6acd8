#!/usr/bin/env bash
# At 80x24 the detail pane sits under the tree; at 120x40 (KEY_RESIZE) the
# screen is laid out again with the panes side by side, nothing lost.
source "$(dirname "$0")/lib.sh"

make_fixture
start_deputy 80 24 "$WORK/repo"
expect "deputy started" 'flagged *$'
keys n
expect "on the first flag" 'flag 1 of [0-9]+ *$'
capture
[ "$(wc -l <"$SCREEN")" -eq 24 ] && ok || fail "24 lines at 80x24"
grep -qE '^ Files \(' "$SCREEN" && ok || fail "tree title on the first line"
grep -qE '^ Detail: ' "$SCREEN" && ok || fail "detail title on a line of its own (stacked)"
grep -q '│' <(head -n 20 "$SCREEN") && fail "no pane separator column when stacked" || ok
tail -n 1 "$SCREEN" | grep -qE 'flag 1 of [0-9]+ *$' && ok || fail "status line on line 24"

"${TMUX_CMD[@]}" resize-window -t ui -x 120 -y 40
expect "the panes sit side by side" '^ Files \(.*│ Detail: '
# the whole screen redrawn: the status line spans the new width
wait_status '^.{100,}flag 1 of [0-9]+ *$' 5 && ok || fail "status line on line 40 at the new width"
[ "$(wc -l <"$SCREEN")" -eq 40 ] && ok || fail "40 lines at 120x40"
[ "$(grep -c '│' "$SCREEN")" -ge 30 ] && ok || fail "the separator column runs down the screen"

"${TMUX_CMD[@]}" resize-window -t ui -x 80 -y 24
expect "back to stacked at 80x24" '^ Detail: '
expect_not "no side-by-side line" '^ Files \(.*│ Detail: '
keys q
wait_exit 5 >/dev/null && ok || fail "deputy did not exit after q"
finish
