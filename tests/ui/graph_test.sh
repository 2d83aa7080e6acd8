#!/usr/bin/env bash
# The dependency graph on the audit screen (issue #7): n reaches the
# look-alike a poetry.lock pulls in through requests, and the detail pane
# says how it is pulled in and who requires it, with the lock file's line.
source "$(dirname "$0")/lib.sh"

P="$WORK/proj"
bash "$(dirname "$0")/../repo/make-fixture-graph.sh" "$P" || { echo "no fixture"; exit 1; }

start_deputy 120 40 "$P"
expect "deputy started" 'flagged *$'
# (next_flag: each n waited for; after a fixed second a slow screen got a
# second n and the cursor passed the entry)
for _ in 1 2 3 4 5 6 7 8 9 10; do
	next_flag || break
	grep -q 'Detail: urlib3' "$SCREEN" && break
done
expect "the transitive look-alike is selected" 'Detail: urlib3'
expect "the finding names its path" 'pulled in by requests → urlib3'
expect "the detail pane names who requires it, and where" \
	'required by: requests  says poetry\.lock:2 \(lock file\)'
keys q
wait_exit 5 >/dev/null && ok || fail "deputy did not exit after q"
finish
