#!/usr/bin/env bash
# Packages installed from git repositories (issue #7): without --online they
# stay unresolved with the reason, also with no network at all; with --online
# against local bare repositories standing in for GitHub (--github-base
# file://...) each ref is resolved to today's commit, the package files at
# that commit are read, Remotes are followed, the look-alikes they pull in
# are flagged with their path, and a branch that moves moves the result.
source "$(dirname "$0")/lib.sh"

D="$WORK/fx"
bash "$(dirname "$0")/../repo/make-fixture-remotes.sh" "$D" >/dev/null 2>&1 ||
	{ fail "no fixture"; finish; }
P="$D/proj"
export XDG_CACHE_HOME="$WORK/cache"
BASE="file://$D/gh"
# CRAN's and PyPI's stand-ins, on a loopback server: the index has tibble;
# PyPI knows no project here (each document asked for is a 404).
mkdir -p "$WORK/srv/cran/src/contrib" "$WORK/srv/pypi"
printf 'Package: tibble\nVersion: 3.2.1\nImports: pillar\n\nPackage: pillar\nVersion: 1.9.0\n\nPackage: remotes\nVersion: 2.5.0\n' |
	gzip >"$WORK/srv/cran/src/contrib/PACKAGES.gz"
start_http_server "$WORK/srv" || finish
SILENT_PID=
trap 'kill $HTTP_PID $SILENT_PID 2>/dev/null; rm -rf "$WORK"' EXIT
IDX=(--cran-url "http://127.0.0.1:$HTTP_PORT/cran" --pypi-url "http://127.0.0.1:$HTTP_PORT/pypi")
tree_sum() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum); }
before=$(tree_sum "$P")

# check_json FILE PYTHON-ASSERTIONS: runs them with g = the graph; prints "all good" or problems.
check_json() {
	python3 - "$1" "$2" <<'PY'
import json, sys
g = json.load(open(sys.argv[1]))["graph"]
nodes = {n["name"]: n for n in g["nodes"]}
remotes = {r["url"].rsplit("/", 1)[-1]: r for r in g["remotes"]}
bad = []
def want(cond, what):
    if not cond:
        bad.append(what)
exec(sys.argv[2])
print("\n".join(bad) or "all good")
PY
}

# --- offline: nothing fetched, every repository unresolved with the reason
"$DEPUTY" scan --format json "$P" >"$WORK/off.json" 2>"$WORK/off.err"
expect_eq "offline scan exit" "$?" 1
check_json "$WORK/off.json" '
want(set(remotes) == {"first", "gone", "pytool"}, "remotes %r" % sorted(remotes))
for name, r in remotes.items():
    want(r["commit"] is None and "--online" in (r["error"] or ""), "%s offline: %r" % (name, r))
for name in ("first", "gone", "pytool"):
    n = nodes.get(name, {})
    want(n.get("unresolved") and "--online" in (n.get("reason") or ""), "node %s: %r" % (name, n))
want("second" not in nodes and "dpylr" not in nodes, "nothing behind an unread repository")
' >"$WORK/off.checks"
expect_grep "offline: remote entries unresolved, with the reason" '^all good$' "$WORK/off.checks"
if [ -e "$XDG_CACHE_HOME/deputy/git" ]; then fail "offline scan made a git cache"; else ok; fi

if unshare -n true 2>/dev/null; then
	unshare -n "$DEPUTY" scan --format json "$P" >"$WORK/nonet.json" 2>&1
	expect_eq "scan with no network at all exit" "$?" 1
	if cmp -s "$WORK/off.json" "$WORK/nonet.json"; then ok
	else fail "the scan with no network differs from the offline one"; fi
else
	echo "SKIP: unshare -n is not allowed here (the no-network run is not checked)"
fi

# --- online, against the local "GitHub"
"$DEPUTY" scan --online "${IDX[@]}" --github-base "$BASE" "$P" >"$WORK/on.txt" 2>&1
expect_eq "online scan exit" "$?" 1
first=$(git -C "$D/gh/acme/first" rev-parse main)
second=$(git -C "$D/gh/acme/second" rev-parse main)
expect_grep "the look-alike two Remotes down, with its path and provenance" \
	"^  acme/second@${second:0:7}:DESCRIPTION:1:1: high \[typosquat\] dpylr .*\(pulled in by first → second → dpylr\)$" \
	"$WORK/on.txt"
expect_grep "github-unpinned names the commit installed today" \
	"^  setup\.R:1:25: high \[github-unpinned\] acme/first follows 'main'.*; today that is commit ${first:0:12} by Ann Author <ann@example\.org> on 2026-01-02$" \
	"$WORK/on.txt"
expect_grep "a Remotes entry of a fetched DESCRIPTION is judged too" \
	"^  acme/first@${first:0:7}:DESCRIPTION:4:10: high \[github-unpinned\] acme/second names no ref" \
	"$WORK/on.txt"
expect_grep "a Python git requirement's pyproject.toml is read" \
	'^  acme/pytool@[0-9a-f]{7}:pyproject\.toml:1:1: high \[typosquat\] reqeusts .*\(pulled in by pytool → reqeusts\)$' \
	"$WORK/on.txt"
expect_grep "a git requirement of a fetched pyproject.toml is followed, and its setup.cfg read" \
	'^  acme/pyhelper@[0-9a-f]{7}:setup\.cfg:1:1: high \[typosquat\] djnago .*\(pulled in by pytool → pyhelper → djnago\)$' \
	"$WORK/on.txt"
expect_grep "a repository that is gone is said so, at its declaration" \
	'^  setup\.R: warning: line 2: acme/gone@main: the repository does not exist \(any more\)$' \
	"$WORK/on.txt"

"$DEPUTY" scan --online "${IDX[@]}" --github-base "$BASE" --format json "$P" >"$WORK/on.json" 2>&1
check_json "$WORK/on.json" '
f = remotes["first"]
want(f["commit"] == "'"$first"'", "first commit %r" % f["commit"])
want(f["author"] == "Ann Author <ann@example.org>" and f["date"] == "2026-01-02T03:04:05Z",
     "first author/date %r %r" % (f["author"], f["date"]))
want(f["summary"] == "first version of first", "summary %r" % f["summary"])
want(f["mutable"] and f["ref"] == "main" and not f["gone"] and f["error"] is None, "first state %r" % f)
want(f["package"] == "first" and f["version"] == "0.1.0" and f["package_file"] == "DESCRIPTION",
     "first package %r" % f)
want(f["in_registry"] is False, "first is not on CRAN")
s = remotes["second"]
want(s["declared_in"] == "acme/first@'"${first:0:7}"':DESCRIPTION" and s["line"] == 4,
     "second comes from first Remotes: %r" % s)
want(s["commit"] == "'"$second"'", "second commit")
want(remotes["gone"]["gone"] and remotes["gone"]["commit"] is None, "gone %r" % remotes["gone"])
p = remotes["pytool"]
want(p["package"] == "pytool" and p["version"] == "1.2" and p["package_file"] == "pyproject.toml",
     "pytool %r" % p)
want("colorama" not in nodes, "markers evaluated for Linux")
want(nodes["first"]["source"] == "GitHub repository" and not nodes["first"]["unresolved"],
     "first resolved %r" % nodes["first"])
want(nodes["first"]["remote"] is not None, "first node links its remote")
want(nodes["gone"]["unresolved"] and "does not exist" in nodes["gone"]["reason"], "gone node")
want(nodes["tibble"]["source"] == "CRAN index" and not nodes["tibble"]["unresolved"]
     and "pillar" in nodes, "tibble from the loopback CRAN index: %r" % nodes["tibble"])
unresolved = sorted(k for k, n in nodes.items() if n["unresolved"])
want(unresolved == ["djnago", "dpylr", "gone", "reqeusts"],
     "all but the look-alikes no index has and the gone repository resolve: %r" % unresolved)
ph = remotes["pyhelper"]
want(ph["package"] == "pyhelper" and ph["package_file"] == "setup.cfg" and ph["ref"] == "v1"
     and ph["declared_in"].startswith("acme/pytool@"), "pyhelper from pytool %r" % ph)
edges = {(g["nodes"][e["from"]]["name"], g["nodes"][e["to"]]["name"]): e for e in g["edges"]}
want(("first", "second") in edges and ("second", "dpylr") in edges, "edges %r" % sorted(edges))
want(edges.get(("first", "second"), {}).get("file") == "acme/first@'"${first:0:7}"':DESCRIPTION",
     "edge provenance")
' >"$WORK/on.checks"
expect_grep "online: commits, authors, package files, Remotes as nodes and edges" '^all good$' \
	"$WORK/on.checks"
n=$(find "$XDG_CACHE_HOME/deputy/git" -maxdepth 1 -name '*.git' | wc -l)
expect_eq "one cache repository per repository read" "$n" 4
if find "$XDG_CACHE_HOME/deputy/git" -maxdepth 1 -mindepth 1 | grep -vqE '/[0-9a-f]{40}\.git$'
then fail "a cache name not made of a hash"; else ok; fi

# --- the branch moves: the next scan reads the new commit
W="$D/work-first"
printf 'Package: first\nVersion: 0.2.0\nImports: second, tidyvrse\nRemotes: acme/second\n' \
	>"$W/DESCRIPTION"
GIT_AUTHOR_NAME=Mallory GIT_AUTHOR_EMAIL=m@example.org GIT_COMMITTER_NAME=Mallory \
	GIT_COMMITTER_EMAIL=m@example.org git -C "$W" commit -qam "new dependency"
git -C "$W" push -q "$D/gh/acme/first" main
moved=$(git -C "$D/gh/acme/first" rev-parse main)
if [ "$moved" != "$first" ]; then ok; else fail "the fixture branch did not move"; fi
"$DEPUTY" scan --online "${IDX[@]}" --github-base "$BASE" --format json "$P" >"$WORK/moved.json" 2>&1
check_json "$WORK/moved.json" '
f = remotes["first"]
want(f["commit"] == "'"$moved"'", "moved commit %r" % f["commit"])
want(f["version"] == "0.2.0" and f["author"].startswith("Mallory"), "moved package %r" % f)
want("tidyvrse" in nodes and "tibble" not in nodes, "the new DESCRIPTION is the one read")
' >"$WORK/moved.checks"
expect_grep "a moving branch moves the resolved commit" '^all good$' "$WORK/moved.checks"
"$DEPUTY" scan --online "${IDX[@]}" --github-base "$BASE" "$P" >"$WORK/moved.txt" 2>&1
expect_grep "the look-alike the new commit brings is flagged" \
	'\[typosquat\] tidyvrse .*\(pulled in by first → tidyvrse\)$' "$WORK/moved.txt"
# A decision made at another commit of the same branch: changed since review,
# the commits shown (seven bytes); the review file's commit is as written
# there, escaped.
cat >"$P/.deputy-review.json" <<'JSON'
{"version": 1, "decisions": [{"ecosystem": "github", "package": "acme/first",
 "rule": "github-unpinned", "file": "setup.R", "reviewed_at": "main",
 "commit": "\u001b[2J\u009b0123456789", "decision": "reviewed", "reason": "",
 "reviewer": "r", "date": "2026-01-01"}]}
JSON
"$DEPUTY" scan --online "${IDX[@]}" --github-base "$BASE" "$P" >"$WORK/review.txt" 2>&1
expect_grep "a commit changed since review, the file's escaped" \
	"\[github-unpinned\] acme/first .*\[changed since review: \\\\e\\[2J\\\\u\\{009b\\}0 → ${moved:0:7}\]" \
	"$WORK/review.txt"
rm "$P/.deputy-review.json"

# --- names that could leave the cache, and a base that is not there
Q="$WORK/q"
mkdir -p "$Q"
printf 'remotes::install_github("acme/..")\nremotes::install_github("../etc/passwd")\n' >"$Q/x.R"
"$DEPUTY" scan --online "${IDX[@]}" --github-base "$BASE" --format json "$Q" >"$WORK/q.json" 2>&1
python3 -c '
import json, sys
g = json.load(open(sys.argv[1]))["graph"]
errs = [r["error"] for r in g["remotes"]]
print("ok" if len(errs) == 2 and all(e and "owner/repository" in e for e in errs) else errs)
' "$WORK/q.json" >"$WORK/q.checks" 2>&1
expect_grep "owner/repo names that leave their folder are refused" '^ok$' "$WORK/q.checks"
"$DEPUTY" scan --online "${IDX[@]}" --github-base "file://$WORK/nowhere" "$P" >"$WORK/nowhere.txt" 2>&1
expect_eq "a base that is not there: the scan completes" "$?" 1
expect_grep "and says so for each repository" \
	'^  setup\.R: warning: line 1: acme/first@main: the repository does not exist' "$WORK/nowhere.txt"

# A git host that accepts the connection and never answers: --timeout ends it.
python3 "$(dirname "$0")/silent_server.py" "$WORK/silent.port" &
SILENT_PID=$!
for _ in $(seq 1 50); do [ -s "$WORK/silent.port" ] && break; sleep 0.1; done
start=$(date +%s)
"$DEPUTY" scan --online "${IDX[@]}" --timeout 1 --github-base "http://127.0.0.1:$(cat "$WORK/silent.port")" \
	"$P" >"$WORK/silent.txt" 2>&1
expect_eq "a silent git host: the scan completes" "$?" 1
took=$(( $(date +%s) - start ))
if [ "$took" -lt 20 ]; then ok; else fail "three 1-second timeouts took ${took}s"; fi
expect_grep "the timeout is named at the declaration" \
	'^  setup\.R: warning: line 1: acme/first@main: http://127\.0\.0\.1:[0-9]+/acme/first: timed out after 1 s$' \
	"$WORK/silent.txt"

expect_eq "nothing written into the audited repository" "$(tree_sum "$P")" "$before"
finish
