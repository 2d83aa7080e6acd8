#!/usr/bin/env bash
# deputy scan honours .deputy-review.json: an accepted finding no longer fails
# the scan until it expires or its version changes, stale decisions are
# listed, the JSON report carries each decision, and the scan never writes
# the file.
source "$(dirname "$0")/lib.sh"

R="$WORK/repo"
mkdir -p "$R" && git -C "$R" init -q || { echo "git init failed"; exit 1; }
printf 'reqeusts==1.0\n' >"$R/requirements.txt"

# decision FILE DECISION EXPIRES(json) [PACKAGE] [REVIEWED_AT]: a review file by hand
decision() {
	cat >"$R/.deputy-review.json" <<JSON
{
	"version": 1,
	"decisions": [{
		"ecosystem": "pypi", "package": "${3:-reqeusts}", "rule": "typosquat",
		"file": "requirements.txt", "reviewed_at": "${4:-1.0}", "decision": "$1",
		"reason": "internal fork, see SEC-12", "reviewer": "Rita <rita@example.org>",
		"date": "2026-01-05", "expires": $2
	}, {
		"ecosystem": "pypi", "package": "reqeusts", "rule": "not-in-registry",
		"file": "requirements.txt", "reviewed_at": "1.0", "decision": "accepted",
		"reason": "private name", "reviewer": "Rita <rita@example.org>",
		"date": "2026-01-05", "expires": null
	}]
}
JSON
}

"$DEPUTY" scan "$R" >"$WORK/none.txt" 2>"$WORK/err"
expect_eq "exit status with a high finding and no review file" "$?" 1
if [ -e "$R/.deputy-review.json" ]; then fail "deputy scan created the review file"; else ok; fi

decision accepted '"2999-12-31"'
sum=$(sha256sum "$R/.deputy-review.json")
"$DEPUTY" scan "$R" >"$WORK/accepted.txt" 2>"$WORK/err"
expect_eq "exit status with the finding accepted" "$?" 0
expect_grep "accepted finding shown with reason and expiry" \
	'high \[typosquat\].*\[accepted: internal fork, see SEC-12, until 2999-12-31\]$' "$WORK/accepted.txt"
expect_grep "progress line" '^review: 2 of 2 flags reviewed \(2 accepted\)' "$WORK/accepted.txt"
expect_eq "no warning on a good review file" "$(cat "$WORK/err")" ""
"$DEPUTY" scan --format json "$R" >"$WORK/accepted.json" 2>"$WORK/err"
expect_eq "json exit status with the finding accepted" "$?" 0
expect_eq "deputy scan never rewrites the review file" "$(sha256sum "$R/.deputy-review.json")" "$sum"

python3 - "$WORK/accepted.json" <<'PY' || fail "json assertions (accepted)"
import json, sys
doc = json.load(open(sys.argv[1]))
bad = []
t = [f for f in doc["findings"] if f["rule"] == "typosquat"][0]
r = t["review"]
want = {"state": "accepted", "decision": "accepted", "reason": "internal fork, see SEC-12",
        "reviewer": "Rita <rita@example.org>", "date": "2026-01-05", "expires": "2999-12-31",
        "reviewed_at": "1.0", "commit": None, "now_at": "1.0", "now_commit": None}
if r != want:
    bad.append("review of the typosquat finding: %r" % r)
if doc["stale_reviews"] != []:
    bad.append("stale_reviews: %r" % doc["stale_reviews"])
if doc["review"] != {"flagged": 2, "reviewed": 0, "accepted": 2, "expired": 0, "changed": 0,
                     "stale": 0}:
    bad.append("review summary: %r" % doc["review"])
if bad:
    print("\n".join(bad))
sys.exit(1 if bad else 0)
PY

# an acceptance that expired, a decision that is only "reviewed"
decision accepted '"2020-01-01"'
"$DEPUTY" scan "$R" >"$WORK/expired.txt" 2>"$WORK/err"
expect_eq "exit status with the acceptance expired" "$?" 1
expect_grep "expired acceptance shown" '\[typosquat\].*\[acceptance expired 2020-01-01: internal fork' \
	"$WORK/expired.txt"
decision reviewed null
"$DEPUTY" scan "$R" >"$WORK/reviewed.txt" 2>"$WORK/err"
expect_eq "exit status with the finding only reviewed" "$?" 1
expect_grep "reviewed finding shown" '\[typosquat\].*\[reviewed: internal fork' "$WORK/reviewed.txt"

# the version moved on since the review
decision accepted null
printf 'reqeusts==1.1\n' >"$R/requirements.txt"
"$DEPUTY" scan "$R" >"$WORK/changed.txt" 2>"$WORK/err"
expect_eq "exit status with the version changed since review" "$?" 1
expect_grep "changed since review, from and to" '\[typosquat\].*\[changed since review: 1\.0 → 1\.1\]' \
	"$WORK/changed.txt"
"$DEPUTY" scan --format json "$R" >"$WORK/changed.json" 2>/dev/null
python3 - "$WORK/changed.json" <<'PY' || fail "json assertions (changed)"
import json, sys
doc = json.load(open(sys.argv[1]))
r = [f for f in doc["findings"] if f["rule"] == "typosquat"][0]["review"]
ok = r["state"] == "changed" and r["reviewed_at"] == "1.0" and r["now_at"] == "1.1"
if not ok:
    print("changed review: %r" % r)
sys.exit(0 if ok else 1)
PY
printf 'reqeusts==1.0\n' >"$R/requirements.txt"

# a decision about a package no longer declared is stale
decision accepted null oldpkg ""
"$DEPUTY" scan "$R" >"$WORK/stale.txt" 2>"$WORK/err"
expect_eq "exit status with the decision stale" "$?" 1
expect_grep "stale section" '^stale review decisions \(1\)' "$WORK/stale.txt"
expect_grep "stale decision listed" '^  requirements.txt: pypi oldpkg \[typosquat\] accepted by Rita' \
	"$WORK/stale.txt"
"$DEPUTY" scan --format json "$R" >"$WORK/stale.json" 2>/dev/null
python3 - "$WORK/stale.json" <<'PY' || fail "json assertions (stale)"
import json, sys
doc = json.load(open(sys.argv[1]))
s = doc["stale_reviews"]
ok = len(s) == 1 and s[0]["package"] == "oldpkg" and s[0]["rule"] == "typosquat" and \
    s[0]["decision"] == "accepted" and doc["review"]["stale"] == 1
t = [f for f in doc["findings"] if f["rule"] == "typosquat"][0]
ok = ok and t["review"] is None
if not ok:
    print("stale: %r, typosquat review %r" % (s, t["review"]))
sys.exit(0 if ok else 1)
PY

# a malformed review file is a warning naming it; the scan goes on
printf '{\n  "version": 1,\n  "decisions": [\n    {,}\n  ]\n}\n' >"$R/.deputy-review.json"
sum=$(sha256sum "$R/.deputy-review.json")
"$DEPUTY" scan "$R" >"$WORK/bad.txt" 2>"$WORK/err"
expect_eq "exit status with a malformed review file" "$?" 1
expect_grep "warning names the file and line" \
	'^deputy: warning: .*/\.deputy-review\.json:4:[0-9]+: ' "$WORK/err"
expect_grep "report still written" '^findings \(2\)' "$WORK/bad.txt"
expect_eq "malformed review file left alone" "$(sha256sum "$R/.deputy-review.json")" "$sum"

# a review file that is a symbolic link is not read
rm "$R/.deputy-review.json"
decision accepted null
mv "$R/.deputy-review.json" "$WORK/elsewhere.json"
ln -s "$WORK/elsewhere.json" "$R/.deputy-review.json"
"$DEPUTY" scan "$R" >"$WORK/link.txt" 2>"$WORK/err"
expect_eq "exit status with the review file a link" "$?" 1
expect_grep "link refused" 'symbolic link' "$WORK/err"
if grep -q 'accepted' "$WORK/link.txt"; then fail "a linked review file was honoured"; else ok; fi

finish
