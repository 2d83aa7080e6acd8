#!/usr/bin/env bash
# deputy on the fixture at 80x24: n visits every flagged entry in order
# ("flag i of N" on the status line), each one's detail shows its findings
# with their rule titles, and every finding of `deputy scan --format json`
# was shown; after the last, n wraps to the first with a message.
source "$(dirname "$0")/lib.sh"

make_fixture
"$DEPUTY" scan --format json "$WORK/repo" >"$WORK/scan.json" 2>/dev/null
start_deputy 80 24 "$WORK/repo"
expect "the status line counts the flagged entries" '[0-9]+ flagged *$'
expect "the tree lists requirements.txt" '^ . +. requirements\.txt'

walk_flags
keys n
expect "n after the last wraps to the first" "flag 1 of $WALK_TOTAL *\$"
expect "the wrap is announced" 'wrapped to the first flagged entry'
keys N
expect "N from the first wraps to the last" "flag $WALK_TOTAL of $WALK_TOTAL *\$"

# Every finding of the JSON report appeared in the detail of its entry:
# the entry's "file:line:column" line and the finding's "[rule]" tag.
python3 - "$WORK/scan.json" "$WORK/walk.txt" "$WALK_TOTAL" <<'PY' && ok || fail "findings shown"
import json, re, sys
doc = json.load(open(sys.argv[1]))
expected = {(f["file"], f["line"], f["rule"]) for f in doc["findings"]}
titles = {}
seen = set()
where = None
for line in open(sys.argv[2], encoding="utf-8", errors="replace"):
    line = line.rstrip("\n")
    if line.startswith("=== flag"):
        where = None
        continue
    m = re.match(r"^(\S+):(\d+):\d+\s*$", line)
    if m:
        where = (m.group(1), int(m.group(2)))
    m = re.match(r"^ (CRITICAL|HIGH|MEDIUM|LOW|INFO)  (.+) \[([a-z0-9-]+)\]", line)
    if m and where:
        seen.add((where[0], where[1], m.group(3)))
        titles[m.group(3)] = m.group(2)
missing = sorted(expected - seen)
if missing:
    print("findings never shown in a detail pane:", missing, file=sys.stderr)
    sys.exit(1)
entries = {(f["file"], f["line"]) for f in doc["findings"]}
if len(entries) > int(sys.argv[3]):
    print("more flagged lines (%d) than flags walked (%s)" % (len(entries), sys.argv[3]),
          file=sys.stderr)
    sys.exit(1)
PY

# Look-alikes from the 2017 incident, with what they imitate.
expect_walk() {
	if grep -qE -- "$2" "$WORK/walk.txt"; then ok; else fail "$1: '$2' never shown"; fi
}
expect_walk "urlib3 is flagged" '^urlib3'
expect_walk "acqusition is flagged" '^acqusition'
expect_walk "the imitated package is named" 'imitates urllib3'
expect_walk "the extra index is flagged" '^--extra-index-url http://pypi\.example\.invalid/simple'
expect_walk "the source line is quoted with its number" '^ +5 \| urlib3'
expect_walk "a lesson is shown" '^Why it matters'

keys q
status=$(wait_exit 5) && ok || fail "deputy did not exit after q"
[ "${status:-x}" = 0 ] && ok || fail "exit status after q: '${status:-none}'"
finish
