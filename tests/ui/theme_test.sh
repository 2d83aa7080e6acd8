#!/usr/bin/env bash
# A malformed theme is named on the status line with its problem and the
# default is used; NO_COLOR still draws a usable screen.
source "$(dirname "$0")/lib.sh"

make_fixture
printf '{ "elements": { "critical": { "fg": "purple" } } }\n' >"$WORK/bad.json"
start_deputy 120 24 --theme "$WORK/bad.json" "$WORK/repo"
expect "the theme problem is named" 'theme .*bad\.json: critical\.fg: expected a colour name or a number 0-255 \(default used\)'
expect "the screen still works" '^ Files \('
keys q
wait_exit 5 >/dev/null && ok || fail "deputy did not exit after q"
"${TMUX_CMD[@]}" kill-server >/dev/null 2>&1

printf '{ "elements": \n { "tree": \n' >"$WORK/broken.json"
start_deputy 120 24 --theme "$WORK/broken.json" "$WORK/repo"
expect "invalid JSON is reported with a line" 'theme .*broken\.json: line [0-9]+: not valid JSON'
keys q
wait_exit 5 >/dev/null && ok || fail "deputy did not exit after q"
"${TMUX_CMD[@]}" kill-server >/dev/null 2>&1

start_command 80 24 env NO_COLOR=1 LANG=C.UTF-8 LC_ALL=C.UTF-8 HOME="$WORK" "$DEPUTY" "$WORK/repo"
expect "NO_COLOR draws the tree" '^ Files \('
keys n
expect "and steps through flags" 'flag 1 of [0-9]+ *$'
keys q
wait_exit 5 >/dev/null && ok || fail "deputy did not exit after q"
finish
