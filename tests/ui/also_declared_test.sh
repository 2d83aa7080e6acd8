#!/usr/bin/env bash
# The same package declared in several files: each declaration is its own
# entry, and the detail pane names the other places (issue #5). The fixture
# declares urlib3 in requirements.txt (line 5) and requirements-untracked.txt.
source "$(dirname "$0")/lib.sh"

make_fixture
start_deputy 100 40 "$WORK/repo"
expect "deputy started" 'flagged *$'
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do
	keys n
	if wait_for '^ Detail: urlib3' 1 && grep -q 'requirements-untracked.txt:1:' "$SCREEN"; then
		break
	fi
done
expect "the untracked file's urlib3 is selected" 'requirements-untracked\.txt:1:'
expect "it names the other declaration" '^also declared in: requirements\.txt:5'
keys q
wait_exit 5 >/dev/null && ok || fail "deputy did not exit after q"
finish
