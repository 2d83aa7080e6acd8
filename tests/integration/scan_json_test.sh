#!/usr/bin/env bash
# deputy scan --format json on the fixture repository: every 2017 look-alike
# is flagged with the package it imitates, includes are followed, bad input
# becomes diagnostics, and the exit status follows --fail-on.
source "$(dirname "$0")/lib.sh"

bash "$MAKE_FIXTURE" "$WORK/repo" >/dev/null 2>&1 || { echo "fixture failed"; exit 1; }

"$DEPUTY" scan --format json "$WORK/repo" >"$WORK/out.json" 2>"$WORK/err"
expect_eq "exit status with high findings" "$?" 1

python3 - "$WORK/out.json" <<'PY' || fail "json assertions"
import json, sys
doc = json.load(open(sys.argv[1]))
bad = []
def check(cond, what):
    if not cond:
        bad.append(what)
check(doc["schema_version"] == 1, "schema_version")
for key in ("ecosystem", "name", "normalized", "spec", "file", "line", "column", "kind"):
    check(all(key in d for d in doc["declarations"]), "declaration key " + key)
for key in ("rule", "severity", "title", "ecosystem", "name", "package", "file", "line",
            "column", "message", "imitates", "imitates_rank", "technique", "source", "path",
            "report_id", "summary", "references"):
    check(all(key in f for f in doc["findings"]), "finding key " + key)
check(any("option" in f for f in doc["findings"]), "a finding on an option line")
expected = {
    "urllib": "urllib3", "urlib3": "urllib3", "setup-tools": "setuptools",
    "bzip": "bz2file", "crypt": "crypto", "pwd": "pwdhash", "telnet": "telnetsrvlib",
    "acqusition": "acquisition", "apidev-coop": "apidev-coop_cms",
    "django-server": "django-server-guardian-api",
}
for name, target in expected.items():
    fs = [f for f in doc["findings"] if f["name"].lower() == name]
    check(fs, "no finding for " + name)
    km = [f for f in fs if f["rule"] == "known-malicious"]
    check(km and km[0]["imitates"] == target and km[0]["severity"] == "critical",
          "known-malicious for %s imitating %s: %r" % (name, target, km))
    check(km and km[0]["report_id"].startswith("DEPUTY-2017-") and km[0]["summary"]
          and km[0]["references"] and all(u.startswith("https://") for u in km[0]["references"]),
          "known-malicious report of %s: %r" % (name, km))
# popular, pinned packages are clean
for clean in ("requests", "flask"):
    fs = [f for f in doc["findings"] if f["name"].lower() == clean and f["rule"] in
          ("typosquat", "known-malicious", "stdlib-shadow")]
    check(not fs, "false alarm on " + clean)
rules = {f["rule"] for f in doc["findings"]}
for r in ("typosquat", "stdlib-shadow", "extra-index", "insecure-url", "mutable-ref", "unpinned"):
    check(r in rules, "rule never fired: " + r)
msgs = " | ".join(d["message"] for d in doc["diagnostics"])
check("cycle" in msgs, "no include-cycle diagnostic: " + msgs)
check("not found" in msgs, "no missing-include diagnostic: " + msgs)
states = {f["path"]: f["state"] for f in doc["files"]}
check(states.get("requirements-bin.txt") == "binary", "binary file state: %r" % states)
check(states.get("requirements-link.txt") == "symlink-outside", "outside link state: %r" % states)
check("requirements-ignored.txt" not in states, "ignored file was read")
check(any(d["file"] == "requirements-untracked.txt" for d in doc["declarations"]),
      "untracked file not read")
for d in doc["declarations"] + doc["findings"]:
    check(d["line"] >= 1, "line numbers are 1-based")
if bad:
    print("\n".join(bad))
    sys.exit(1)
PY

# The text report never prints a raw control character.
"$DEPUTY" scan "$WORK/repo" >"$WORK/out.txt" 2>&1
if LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$WORK/out.txt"; then
	fail "raw control characters in the text report"
else
	ok
fi
expect_grep "the ESC byte named in the text report" '0x1b|\\e' "$WORK/out.txt"

"$DEPUTY" scan --fail-on critical "$WORK/repo" >/dev/null 2>&1
expect_eq "exit status with --fail-on critical" "$?" 1

# A clean repository exits 0.
mkdir -p "$WORK/clean" && printf 'requests==2.31.0\n' >"$WORK/clean/requirements.txt"
"$DEPUTY" scan "$WORK/clean" >"$WORK/clean.txt" 2>&1
expect_eq "exit status of a clean folder" "$?" 0

# --rev reads an older commit: HEAD~1 of the fixture differs from HEAD.
"$DEPUTY" scan --format json --rev HEAD~1 "$WORK/repo" >"$WORK/rev.json" 2>"$WORK/rev.err"
rc=$?
if [ "$rc" -le 1 ]; then ok; else fail "--rev HEAD~1 exit status $rc"; cat "$WORK/rev.err"; fi
expect_grep "--rev names the revision" '"name":[[:space:]]*"HEAD~1' "$WORK/rev.json"

# subdir: a Python URL's #subdirectory= and Poetry's subdirectory key, as
# the lock readers and R's remotes give it; none without one.
mkdir -p "$WORK/sub"
printf '%s\n' 'git+https://github.com/o/r.git@v1.2#egg=one&subdirectory=pkgs/one' \
	'two @ git+https://github.com/o/r.git@v1.2#subdirectory=pkgs/two&egg=two' \
	'three @ git+https://github.com/o/r.git@v1.2' >"$WORK/sub/requirements.txt"
printf '%s\n' '[tool.poetry.dependencies]' \
	'four = { git = "https://github.com/o/r.git", rev = "v1", subdirectory = "pkgs/four" }' \
	>"$WORK/sub/pyproject.toml"
"$DEPUTY" scan --format json "$WORK/sub" >"$WORK/sub.json" 2>"$WORK/sub.err"
python3 - "$WORK/sub.json" <<'PY' && ok || fail "subdir in JSON"
import json, sys
got = {d["url"].split("#")[0] + " " + (d["name"] or "?"): d["subdir"]
       for d in json.load(open(sys.argv[1]))["declarations"] if d.get("url")}
want = {"one": "pkgs/one", "two": "pkgs/two", "three": None, "four": "pkgs/four"}
for name, sub in want.items():
    hits = [v for k, v in got.items() if k.endswith(" " + name)]
    if hits != [sub]:
        sys.exit("%s: subdir %r, want %r (all: %r)" % (name, hits, sub, got))
PY
finish
