#!/usr/bin/env bash
# The configuration file's start-up filters and key overrides (issue #8):
# "filters" sets the minimum severity, the ecosystem and flagged-only before
# the first screen (shown in the status line), "keys" binds another key to an
# action; a bad value is a warning naming the file, and the rest still applies.
source "$(dirname "$0")/lib.sh"
make_fixture
CFG="$WORK/cfg"
mkdir -p "$CFG/deputy"
cat >"$CFG/deputy/config.json" <<'JSON'
{
  "filters": { "min_severity": "high", "ecosystem": "python", "flagged_only": true },
  "keys": { "next-flag": "J", "previous-flag": "K" }
}
JSON

for size in "80 24" "200 60"; do
	# shellcheck disable=SC2086
	start_command $size env -u NO_COLOR LANG=C.UTF-8 LC_ALL=C.UTF-8 HOME="$WORK" \
		XDG_CONFIG_HOME="$CFG" "$DEPUTY" "$WORK/repo"
	expect "the filters from the file, in the status line ($size)" ' high\+ Python flagged \|'
	expect_not "no R entry shows ($size)" '\.R *$'
	keys J
	expect "J is next-flag ($size)" 'flag 1 of [0-9]+ *$'
	# flag 1 is on the screen before K: wait for J's flag 2 first, or the
	# check below reads the old screen
	keys J
	wait_status 'flag 2 of [0-9]+ *$' 5
	keys K
	expect "K is previous-flag ($size)" 'flag 1 of [0-9]+ *$'
	keys p
	expect "p still cycles the ecosystem ($size)" ' high\+ R flagged \|'
	keys q
	wait_exit 5 >/dev/null && ok || fail "deputy did not exit ($size)"
	"${TMUX_CMD[@]}" kill-server >/dev/null 2>&1
done

# A bad value: named with the file, the rest applies.
printf '{"filters": {"min_severity": "huge", "flagged_only": true}}\n' >"$CFG/deputy/config.json"
start_command 120 30 env -u NO_COLOR LANG=C.UTF-8 LC_ALL=C.UTF-8 HOME="$WORK" \
	XDG_CONFIG_HOME="$CFG" sh -c "\"$DEPUTY\" \"$WORK/repo\" 2>\"$WORK/err\""
expect "flagged-only still applies" ' flagged \|'
keys q
wait_exit 5 >/dev/null
grep -q "config.json.*min_severity" "$WORK/err" && ok || fail "no warning naming the file: $(cat "$WORK/err")"
finish
