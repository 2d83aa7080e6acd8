#!/usr/bin/env bash
# The detail pane shows the source lines of the selected entry: for an entry
# deep in a field of many lines (a DESCRIPTION's Remotes:), the lines around
# its own, not the first lines of the field. A finding's heading wider than
# the pane wraps instead of losing its rule id.
source "$(dirname "$0")/lib.sh"

P="$WORK/pkg"
mkdir -p "$P"
printf 'Package: x\nVersion: 1.0\nRemotes: welch-lab/liger,\n    hms-dbmi/conos,\n    immunogenomics/harmony,\n    immunogenomics/presto,\n    a/b,\n    c/d,\n    SaskiaFreytag/schex@031320d\n' \
	>"$P/DESCRIPTION"
start_deputy 120 30 "$P"
expect "deputy started" 'flagged *$'
keys G
expect "the last entry is selected" 'Detail: SaskiaFreytag/schex'
expect "its declaring line is shown" ' 9 \|     SaskiaFreytag/schex@031320d'
expect_not "not the field's first line" ' 3 \| Remotes: welch-lab/liger'
keys q
wait_exit 5 >/dev/null && ok || fail "deputy did not exit after q"
"${TMUX_CMD[@]}" kill-server >/dev/null 2>&1

H="$WORK/http"
mkdir -p "$H"
printf -- '--index-url http://insecure.example.com/simple\nrequests==2.31.0\n' >"$H/requirements.txt"
start_deputy 60 40 "$H"
expect "deputy started on a narrow screen" 'flagged *$'
keys n
expect "the heading's first line" ' HIGH  Packages are fetched over an unencrypted connection *$'
expect "the rule id on the next, not cut off" '^    \[insecure-url\] *$'
keys q
wait_exit 5 >/dev/null && ok || fail "deputy did not exit after q"
finish
