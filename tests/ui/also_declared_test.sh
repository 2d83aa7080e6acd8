#!/usr/bin/env bash
# The same package declared in several files: each declaration is its own
# entry, and the detail pane names the other places (issue #5). The fixture
# declares urlib3 in requirements.txt (line 5) and requirements-untracked.txt.
source "$(dirname "$0")/lib.sh"

make_fixture
start_deputy 100 40 "$WORK/repo"
expect "deputy started" 'flagged *$'
# next_flag waits for the status line, drawn after the detail: the title
# alone can be on the screen before the detail's lines are, and a second n
# sent then would pass the entry.
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do
	next_flag || break
	if grep -q '^ Detail: urlib3' "$SCREEN" && grep -q 'requirements-untracked.txt:1:' "$SCREEN"; then
		break
	fi
done
expect "the untracked file's urlib3 is selected" 'requirements-untracked\.txt:1:'
expect "it names the other declaration" '^also declared in: requirements\.txt:5'
keys q
wait_exit 5 >/dev/null && ok || fail "deputy did not exit after q"
"${TMUX_CMD[@]}" kill-server >/dev/null 2>&1

# Twelve declarations of one Python package and an R package of the same
# name: eight places are named, the rest counted, the R one neither.
many="$WORK/many"
for i in 01 02 03 04 05 06 07 08 09 10 11 12; do
	mkdir -p "$many/d$i"
	printf 'zzpkg==1.%s\n' "$i" >"$many/d$i/requirements.txt"
done
printf 'library(zzpkg)\n' >"$many/zz.R"
start_deputy 150 50 "$many"
expect "deputy started on the second folder" 'zzpkg'
keys / z z p k g Enter
expect "the first declaration is selected" 'Detail: zzpkg$'
expect "eight other places are named" 'd09/requirements\.txt:1 ==1\.09'
expect "the rest are counted" 'and 3 more places'
expect_not "no ninth place is named" 'd10/requirements\.txt:1'
expect_not "the R package is not named as the same one" 'zz\.R:1'
keys q
wait_exit 5 >/dev/null && ok || fail "deputy did not exit after q"
finish
