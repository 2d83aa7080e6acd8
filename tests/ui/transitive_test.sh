#!/usr/bin/env bash
# Transitive packages on the audit screen (issue #7): each declaration has a
# folded subtree of what it pulls in, indented by depth; a cycle shows its
# package again as "(see above)" and stops; n/N land on a transitive package
# row that carries findings (its ancestors unfolded), and its detail says how
# the declaration pulls it in; folding the declaration hides its subtree; the
# flagged-only filter works at every depth; past 2000 rows one "… N more" row.
source "$(dirname "$0")/lib.sh"

REPO_DIR="$(dirname "$0")/../repo"

# 1. The lock-file graph: requests (pyproject.toml) locks certifi, idna and
# the look-alike urlib3, which requires requests back.
G="$WORK/graph"
bash "$REPO_DIR/make-fixture-graph.sh" "$G" >/dev/null 2>&1 || { echo "no graph fixture"; exit 1; }
start_deputy 80 30 "$G"
expect "deputy started" 'flagged *$'
expect "the declaration has a folded subtree" '^ +▸ requests 2\.31\.0'
expect_not "its packages start hidden" '^ +certifi 2023\.7\.22 *$'
keys G
keys Right
expect "unfolding shows certifi one level deeper" '^ {10}certifi 2023\.7\.22 *$'
expect "and the unresolved idna" '^ {10}idna \(unresolved\) *$'
expect "and the look-alike urlib3, folded" '^ {8}▸ urlib3 2\.0\.4 *$'
expect "the declaration is unfolded" '^ +▾ requests 2\.31\.0'
keys Down Down Down
expect "the package row's detail" 'Detail: urlib3'
expect "says how the declaration pulls it in" 'pulled in by: requests → urlib3'
expect "and which edge, with provenance" 'because: requests requires it, says poetry\.lock:2 \(lock file\)'
expect "names the findings left on its lock entry" '^ CRITICAL  3 findings on its lock entry, poetry\.lock:23'
keys Right
expect "the cycle back to requests is shown once, not followed" \
	'^ {12}requests 2\.31\.0 \(see above\) *$'
keys Down
expect "the repeated row says so" "shown above in this declaration's tree"
keys Left
expect "Left on a leaf folds the row above" '^ {8}▸ urlib3 2\.0\.4 *$'
expect "and selects it" 'Detail: urlib3'
keys Left
expect "folding the declaration hides its packages" '^ +▸ requests 2\.31\.0'
expect_not "certifi is hidden" '^ {10}certifi'
expect_not "urlib3 is hidden" '^ {8}. urlib3'
keys f
expect "the filter is on" 'showing flagged entries only'
expect_not "the unflagged declaration and its packages are hidden" '^ +[▸▾] requests 2\.31\.0'
keys q
wait_exit 5 >/dev/null && ok || fail "deputy did not exit after q"
"${TMUX_CMD[@]}" kill-server >/dev/null 2>&1

# 2. An installed environment: the look-alikes are packages no lock file
# names, so their findings are on the transitive rows themselves.
V="$WORK/venv"
bash "$REPO_DIR/make-fixture-venv.sh" "$V" >/dev/null 2>&1 || { echo "no venv fixture"; exit 1; }
start_deputy 80 40 "$V"
expect "two flagged entries" '2 flagged *$'
expect "the path to each flagged package is unfolded" '^ C {6}▾ charset-normalizer 3\.3\.2'
expect "the deep look-alike shows" '^ C {10}colourama 0\.4\.6'
expect "the look-alike under requests shows" '^ C {8}urlib3 2\.0\.4'
expect "the clean package shows, unflagged" '^ {10}urllib3 2\.0\.4'
expect_not "no file row for the environment's METADATA" 'dist-info'
keys n
expect "n reaches the deepest look-alike first" 'Detail: colourama'
expect "flag 1 of 2" 'flag 1 of 2 *$'
expect "its chain" 'pulled in by: requests → charset-normalizer → colourama'
keys n
expect "n reaches the transitive look-alike row" 'Detail: urlib3'
expect "flag 2 of 2" 'flag 2 of 2 *$'
expect "pulled in by" 'pulled in by: requests → urlib3'
expect "its own finding" '^ CRITICAL  Package was publicly reported as malicious \[known-malicious\]'
keys N
expect "N goes back" 'Detail: colourama'
expect "flag 1 of 2 again" 'flag 1 of 2 *$'
keys g
keys Down
expect "the declaration is selected" 'Detail: requests'
keys Left
expect "collapsing the declaration" '^ C {4}▸ requests ==2\.31\.0'
expect_not "hides the deep look-alike" 'colourama'
expect_not "hides urlib3" '^ C {8}urlib3'
keys n
expect "n unfolds the way again" 'Detail: colourama'
expect "the deep row is back" '^ C {10}colourama 0\.4\.6'
keys f
expect "the filter is on" 'showing flagged entries only'
expect_not "the clean transitive package is hidden" 'urllib3 2\.0\.4'
expect "the flagged ones stay" '^ C {8}urlib3 2\.0\.4'
keys q
wait_exit 5 >/dev/null && ok || fail "deputy did not exit after q"
"${TMUX_CMD[@]}" kill-server >/dev/null 2>&1

# 3. More packages than the bound: one declaration pulling in 2100.
B="$WORK/big"
SITE="$B/.venv/lib/python3.11/site-packages"
mkdir -p "$SITE"
printf 'home = /usr/bin\nversion = 3.11.2\n' >"$B/.venv/pyvenv.cfg"
printf 'hub==1.0\n' >"$B/requirements.txt"
{
	printf 'Metadata-Version: 2.1\nName: hub\nVersion: 1.0\n'
	for i in $(seq 1 2100); do printf 'Requires-Dist: leaf%04d\n' "$i"; done
} >"$WORK/hub-METADATA"
mkdir -p "$SITE/hub-1.0.dist-info"
mv "$WORK/hub-METADATA" "$SITE/hub-1.0.dist-info/METADATA"
start_deputy 80 30 "$B"
expect "deputy started" '(flagged|flag [0-9]+ of [0-9]+) *$'
keys G
keys Right
keys G
expect "the last row counts the rest, flagged for their findings" '^ M {8}… 100 more *$'
expect "its detail says why" 'the tree shows at most 2000 packages under one declaration'
expect "and lists their findings" 'Findings on the packages left out \(100\):'
expect_not "no file row takes them" 'dist-info'
expect "a flag for each shown package and one for the rest" 'flag 2001 of 2001 *$'
keys q
wait_exit 5 >/dev/null && ok || fail "deputy did not exit after q"
finish
