#!/usr/bin/env bash
# Reviewing on the audit screen (issue #8): m marks the selected entry
# reviewed, a accepts it with a typed reason (and an expiry), u takes a
# decision back, R makes n/N skip reviewed entries; the status line counts
# them; decisions land in .deputy-review.json, are found again after quitting
# and reopening, and `deputy scan` honours the acceptance. A changed pin is
# flagged again as changed since review, from what to what.
source "$(dirname "$0")/lib.sh"

P="$WORK/proj"
mkdir -p "$P"
git -C "$P" init -q -b main
printf 'reqeusts==2.31.0\nflask\nurlib3==1.26.0\n' >"$P/requirements.txt"
git -C "$P" add -A
git -C "$P" -c user.name="Rita Reviewer" -c user.email=rita@example.org commit -qm init
git -C "$P" config user.name "Rita Reviewer"
git -C "$P" config user.email rita@example.org
R="$P/.deputy-review.json"

for size in "80 24" "200 60"; do
	rm -f "$R"
	# shellcheck disable=SC2086
	start_deputy $size "$P"
	expect "deputy started ($size)" 'flagged *$'
	[ ! -e "$R" ] && ok || fail "a review file before any decision"
	keys n
	expect "the first flag ($size)" 'Detail: reqeusts'
	keys m
	expect "m says what it recorded ($size)" 'marked reviewed: [0-9]+ findings?'
	expect "the detail shows who and when ($size)" 'reviewed by Rita Reviewer <rita@example\.org> on [0-9]{4}-'
	[ "$size" = "200 60" ] && expect "the status line counts it" ' 2 of 5 reviewed \|'
	[ -f "$R" ] && ok || fail "m did not write the review file"
	keys n
	expect "the next flag" 'Detail: flask'
	keys a
	expect "a opens the reason prompt" 'accept, reason'
	# the expiry may come last or first; what is typed stays in view at 80 columns
	if [ "$size" = "80 24" ]; then
		keys -l "pinned in the lock file until 2099-12-31"
		expect "the typed reason stays in view" 'lock file until 2099-12-31_'
	else
		keys -l "until 2099-12-31 pinned in the lock file"
		expect "the typed reason stays in view" 'until 2099-12-31 pinned in the lock file_'
	fi
	keys Enter
	expect "a records the acceptance" 'accepted: [0-9]+ findings?'
	expect "the detail shows who accepted" 'accepted by Rita Reviewer <rita@example\.org> on [0-9-]+'
	expect "with the expiry and the reason" '2099-12-31: pinned in the lock file'
	keys q
	wait_exit 5 >/dev/null && ok || fail "deputy did not exit"
	"${TMUX_CMD[@]}" kill-server >/dev/null 2>&1
done

python3 - "$R" >"$WORK/file.checks" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))["decisions"]
by = {(x["package"], x["decision"]) for x in d}
bad = []
if ("reqeusts", "reviewed") not in by or ("flask", "accepted") not in by:
    bad.append("decisions %r" % sorted(by))
for x in d:
    if x["reviewer"] != "Rita Reviewer <rita@example.org>":
        bad.append("reviewer %r" % x["reviewer"])
    if x["package"] == "flask" and (x.get("expires") != "2099-12-31" or
                                    x["reason"] != "pinned in the lock file"):
        bad.append("flask %r" % x)
    if x["package"] == "reqeusts" and x["reviewed_at"] != "2.31.0":
        bad.append("reviewed_at %r" % x["reviewed_at"])
print("\n".join(bad) or "all good")
PY
grep -q '^all good$' "$WORK/file.checks" && ok || fail "the review file: $(cat "$WORK/file.checks")"

# Reopen: the decisions are found again; R skips them; u takes one back.
start_deputy 120 40 "$P"
expect "reopened" 'flagged *$'
expect "the progress survives a restart" ' [1-9][0-9]* of [0-9]+ reviewed \|'
keys R
expect "R says it skips" 'n/N skip reviewed entries'
keys n
expect "n skips the two reviewed entries" 'Detail: urlib3'
keys R g n
expect "without R, n stops at the reviewed one" 'Detail: reqeusts'
expect "and shows its decision" 'reviewed by Rita Reviewer'
keys u
expect "u takes it back" 'decision taken back for [0-9]+ finding'
expect_not "its decision is gone from the detail" 'reviewed by Rita Reviewer'
keys q
wait_exit 5 >/dev/null && ok || fail "deputy did not exit"
"${TMUX_CMD[@]}" kill-server >/dev/null 2>&1

# deputy scan honours the acceptance: flask's finding is reported as accepted.
"$DEPUTY" scan "$P" >"$WORK/scan.txt" 2>&1
grep -q 'flask.*\[accepted: pinned in the lock file, until 2099-12-31\]' "$WORK/scan.txt" && ok ||
	fail "scan does not report the acceptance: $(grep flask "$WORK/scan.txt")"

# The pin changes: reviewed again, then the version moves on.
start_deputy 120 40 "$P"
expect "reopened again" 'flagged *$'
keys n
expect "reqeusts" 'Detail: reqeusts'
keys m
expect "marked again" 'marked reviewed'
keys q
wait_exit 5 >/dev/null
"${TMUX_CMD[@]}" kill-server >/dev/null 2>&1
sed -i 's/reqeusts==2.31.0/reqeusts==2.32.0/' "$P/requirements.txt"
start_deputy 120 40 "$P"
expect "reopened after the change" 'flagged *$'
keys n
expect "reqeusts" 'Detail: reqeusts'
expect "changed since review, from what" 'changed since review: 2\.31\.0 when Rita Reviewer'
expect "to what" 'reviewed it on [0-9-]+, 2\.32\.0 now'
keys q
wait_exit 5 >/dev/null && ok || fail "deputy did not exit"
"${TMUX_CMD[@]}" kill-server >/dev/null 2>&1

# In a --rev snapshot nothing is recorded: a refuses before a reason is typed.
start_deputy 120 40 --rev HEAD "$P"
expect "a --rev snapshot" 'flagged *$'
keys n a
expect "a refuses at once" 'not recorded: decisions are recorded in the working tree only'
expect_not "without a prompt" 'accept, reason'
keys q
wait_exit 5 >/dev/null && ok || fail "deputy did not exit"
"${TMUX_CMD[@]}" kill-server >/dev/null 2>&1

# A decision whose finding is gone (flask's line removed) shows on no row:
# the status line says it is there and S lists it; u, then u again, removes
# it from the file (any key between keeps it), the others stay.
sed -i '/^flask$/d' "$P/requirements.txt"
git -C "$P" commit -qam "flask gone"
start_deputy 120 40 --rev HEAD "$P"
expect "a stale decision in a snapshot" '1 stale decision in \.deputy-review\.json \(S lists it\)'
keys S
expect "S lists it" '^ Stale decisions '
keys u
expect "a snapshot refuses at once" 'not removed: decisions are recorded in the working tree only'
keys q q
wait_exit 5 >/dev/null && ok || fail "deputy did not exit"
"${TMUX_CMD[@]}" kill-server >/dev/null 2>&1
grep -q '"flask"' "$R" && ok || fail "the snapshot removed the decision"

start_deputy 120 40 "$P"
expect "a stale decision is announced" '1 stale decision in \.deputy-review\.json \(S lists it\)'
keys S
expect "S lists it" '^ Stale decisions '
expect "with its package, ecosystem and rule" '^ flask \(pypi\) \[unpinned\]'
expect "its file" '^   in requirements\.txt'
expect "what was decided, by whom" '^   accepted by Rita Reviewer <rita@example\.org> on [0-9-]+'
keys u
expect "u asks first" 'remove 1 stale decision\? u again: yes, any other key: no'
keys j u
expect "another key between: asked again" 'remove 1 stale decision\?'
grep -q '"flask"' "$R" && ok || fail "removed without a second u"
keys u
expect "the second u removes it" '1 stale decision removed from .*\.deputy-review\.json'
expect "the page closes" '^ Files \('
grep -q '"flask"' "$R" && fail "flask's decision is still in the file" || ok
grep -q '"reqeusts"' "$R" && ok || fail "the current decisions went too"
keys S
expect "none left" 'no stale decisions: every decision in \.deputy-review\.json matches a finding'
keys q
wait_exit 5 >/dev/null && ok || fail "deputy did not exit"
finish
