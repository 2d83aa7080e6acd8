#!/usr/bin/env bash
# A malformed or missing theme is named on the status line with its problem
# and the default is used; every shipped theme loads without a message;
# NO_COLOR still draws a usable screen.
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

printf '{ "elements": { "tree": {} } }\n' >"$WORK/good.json"
for theme in default light high-contrast mono colour-blind "$WORK/good.json"; do
	start_deputy 100 24 --theme "$theme" "$WORK/repo"
	expect "$theme: the screen is drawn" '^ Files \('
	expect "$theme: the status line is drawn" 'flagged *$'
	expect_not "$theme: loads without a message" 'theme .*default used'
	keys q
	wait_exit 5 >/dev/null && ok || fail "$theme: deputy did not exit after q"
	"${TMUX_CMD[@]}" kill-server >/dev/null 2>&1
done

start_deputy 120 24 --theme no-such-theme "$WORK/repo"
expect "a missing theme is named" 'theme .*themes/no-such-theme\.json: No such file or directory \(default used\)'
expect "the screen still works" '^ Files \('
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
