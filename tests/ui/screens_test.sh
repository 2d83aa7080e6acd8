#!/usr/bin/env bash
# scripts/screens, run into a temporary folder: a screen per shipped theme,
# each with the tree, the detail and the status line; the colours differ from
# theme to theme, and the mono theme has none.
source "$(dirname "$0")/lib.sh"

SCRIPT="$(dirname "$0")/../../scripts/screens"
if bash "$SCRIPT" --deputy "$DEPUTY" "$WORK/screens" 2>"$WORK/screens.log"; then
	ok
else
	fail "scripts/screens failed: $(cat "$WORK/screens.log")"
fi
themes=(default light high-contrast mono colour-blind)
for theme in "${themes[@]}"; do
	txt="$WORK/screens/$theme.txt"
	if [ -s "$txt" ]; then ok; else fail "$theme: no $theme.txt"; continue; fi
	[ "$(wc -l <"$txt")" -eq 30 ] && ok || fail "$theme: not 30 lines"
	grep -qE '^ Files \([0-9]+ flagged entries\)' "$txt" && ok || fail "$theme: no tree title"
	grep -qE '^ C  ▾ requirements|^ C  ▾ analysis/forecast\.R' "$txt" && ok ||
		fail "$theme: no tree row"
	grep -qE '^ Detail: ' "$txt" && ok || fail "$theme: no detail pane"
	tail -n 1 "$txt" | grep -qE 'deputy-demo-XXXXXX \[demo\].*flag 1 of [0-9]+ *$' && ok ||
		fail "$theme: no status line (or the demo folder is not masked)"
	grep -q $'\e\\[' "$WORK/screens/$theme.ansi" && ok || fail "$theme: no escapes in $theme.ansi"
done
# The plain text is the same in every theme; the escapes are not.
for theme in "${themes[@]}"; do
	cmp -s "$WORK/screens/default.txt" "$WORK/screens/$theme.txt" && ok ||
		fail "$theme.txt differs from default.txt beyond colours"
	[ "$theme" = default ] && continue
	cmp -s "$WORK/screens/default.ansi" "$WORK/screens/$theme.ansi" &&
		fail "$theme.ansi is the same as default.ansi" || ok
done
if grep -oE $'\e\\[[0-9;]*m' "$WORK/screens/mono.ansi" | tr -d $'\e[m' | tr ';' '\n' |
	grep -qE '^(3[0-8]|4[0-8]|9[0-7]|10[0-7])$'; then
	fail "mono.ansi has colours"
else
	ok
fi
finish
