#!/usr/bin/env bash
# deputy update: clones a fixture OSV repository (built here, reached through
# file://) into the cache, indexes its PyPI and CRAN reports, and scans then
# flag the names it lists; a second run fetches a new commit; --clear empties
# the cache; a bad URL fails with status 2; a scan never writes into the cache.
source "$(dirname "$0")/lib.sh"

export XDG_CACHE_HOME="$WORK/cache"
CACHE="$XDG_CACHE_HOME/deputy"
OSV="$WORK/osv"
G=(git -c user.name=Test -c user.email=test@example.invalid -c init.defaultBranch=trunk
   -c commit.gpgsign=false)

# report FILE ID ECOSYSTEM NAME SUMMARY
report() {
	mkdir -p "$(dirname "$OSV/$1")"
	cat >"$OSV/$1" <<JSON
{
  "id": "$2",
  "modified": "2099-01-02T03:04:05Z",
  "summary": "$5",
  "affected": [{"package": {"ecosystem": "$3", "name": "$4"}}],
  "references": [{"type": "WEB", "url": "https://example.invalid/$2"},
                 {"type": "REPORT", "url": "https://example.invalid/$2/more"}],
  "database_specific": {"malicious-packages-origins": []}
}
JSON
}

"${G[@]}" init -q "$OSV"
report osv/malicious/pypi/totally-evil-pkg/MAL-2099-0001.json MAL-2099-0001 PyPI \
	Totally_Evil.Pkg "steals credentials at install time"
report osv/malicious/cran/evilR/MAL-2099-0002.json MAL-2099-0002 CRAN evilR \
	"runs a payload when loaded"
report osv/malicious/npm/npm-evil/MAL-2099-0003.json MAL-2099-0003 npm npm-evil "npm only"
report osv/withdrawn/pypi/gone-pkg/MAL-2099-0004.json MAL-2099-0004 PyPI gone-pkg "withdrawn"
mkdir -p "$OSV/osv/malicious/pypi/broken"
printf '{"id": "MAL-2099-0005", "affected": [' >"$OSV/osv/malicious/pypi/broken/MAL-2099-0005.json"
"${G[@]}" -C "$OSV" add -A && "${G[@]}" -C "$OSV" commit -qm "first reports" ||
	{ echo "cannot build the OSV fixture"; exit 1; }

mkdir -p "$WORK/proj/R"
printf 'requests==2.31.0\nTotally-Evil_Pkg==1.0\nsecond-evil==2.0\n' >"$WORK/proj/requirements.txt"
printf 'library(evilR)\n' >"$WORK/proj/R/load.R"

# Before any update: nothing synced, nothing flagged from the synced intel.
"$DEPUTY" --version >"$WORK/v0" 2>&1
expect_grep "--version before update" 'no synced intel: run deputy update\)$' "$WORK/v0"
"$DEPUTY" scan "$WORK/proj" >"$WORK/s0" 2>&1
if grep -q 'MAL-2099' "$WORK/s0"; then fail "flagged before any update"; else ok; fi
[ ! -e "$CACHE" ] && ok || fail "a scan created the cache folder"

# First update: a clone.
"$DEPUTY" update --intel-url "file://$OSV" >"$WORK/u1" 2>"$WORK/u1.err"
expect_eq "first update exit" "$?" 0
expect_grep "first update clones" '^deputy: cloned file://.* \(trunk [0-9a-f]{7}\): 1 PyPI and 1 CRAN packages from 2 reports, 1 malformed skipped' "$WORK/u1"
expect_grep "the malformed report is named" 'skipped osv/malicious/pypi/broken/MAL-2099-0005.json: not valid JSON' "$WORK/u1.err"
if grep -q $'\r' "$WORK/u1.err"; then fail "a progress bar drawn on a non-terminal"; else ok; fi
[ -d "$CACHE/osv-malicious.git/objects" ] && [ ! -e "$CACHE/osv-malicious.git/.git" ] && ok ||
	fail "the cache does not hold a bare repository"
[ "$(stat -c %a "$CACHE")" = 700 ] && ok || fail "cache folder mode $(stat -c %a "$CACHE")"
expect_grep "index header" "^# deputy osv index v1	file://$OSV	[0-9a-f]{40}	[0-9]{4}-[0-9]{2}-[0-9]{2}T" "$CACHE/osv-index.tsv"
expect_grep "index PyPI line" '^PyPI	totally-evil-pkg	MAL-2099-0001	2099-01-02T03:04:05Z	steals credentials at install time	https://example.invalid/MAL-2099-0001 https://example.invalid/MAL-2099-0001/more$' "$CACHE/osv-index.tsv"
expect_grep "index CRAN line" '^CRAN	evilR	MAL-2099-0002	' "$CACHE/osv-index.tsv"
if grep -qE 'npm-evil|gone-pkg' "$CACHE/osv-index.tsv"; then fail "npm or withdrawn indexed"; else ok; fi
expect_eq "index lines" "$(wc -l <"$CACHE/osv-index.tsv")" 3

"$DEPUTY" --version >"$WORK/v1" 2>&1
expect_grep "--version after update" "synced intel of $(date -u +%Y-%m-%d), 0 days old\)$" "$WORK/v1"

sums() { find "$CACHE" -type f -exec sha256sum {} + | sort; find "$CACHE" | sort; }
sums >"$WORK/sum-before"
"$DEPUTY" scan "$WORK/proj" >"$WORK/s1" 2>&1
expect_eq "scan exit with a known-malicious package" "$?" 1
expect_grep "PyPI report found" 'requirements.txt:2.*known-malicious.*MAL-2099-0001' "$WORK/s1"
expect_grep "CRAN report found" 'R/load.R:1.*known-malicious.*MAL-2099-0002' "$WORK/s1"
if grep -q 'MAL-2099-0006' "$WORK/s1"; then fail "a report of the second commit already"; else ok; fi
"$DEPUTY" scan --format json "$WORK/proj" >"$WORK/s1.json" 2>&1
expect_grep "json names the report" 'https://example.invalid/MAL-2099-0001' "$WORK/s1.json"
sums >"$WORK/sum-after"
cmp -s "$WORK/sum-before" "$WORK/sum-after" && ok || fail "a scan changed the cache"

# Second update: a fetch of a new commit.
report osv/malicious/pypi/second-evil/MAL-2099-0006.json MAL-2099-0006 PyPI second-evil \
	"a second report"
"${G[@]}" -C "$OSV" add -A && "${G[@]}" -C "$OSV" commit -qm "second report" ||
	fail "second commit"
"$DEPUTY" update --intel-url "file://$OSV" >"$WORK/u2" 2>"$WORK/u2.err"
expect_eq "second update exit" "$?" 0
expect_grep "second update fetches" "^deputy: fetched .* \(trunk $(git -C "$OSV" rev-parse --short=7 HEAD)\): 2 PyPI and 1 CRAN" "$WORK/u2"
"$DEPUTY" scan "$WORK/proj" >"$WORK/s2" 2>&1
expect_grep "new report found" 'requirements.txt:3.*known-malicious.*MAL-2099-0006' "$WORK/s2"
expect_grep "old report still found" 'MAL-2099-0001' "$WORK/s2"

# Another URL (a plain path to a copy): the remote is pointed at it.
git clone -q --bare "$OSV" "$WORK/osv-copy.git"
"$DEPUTY" update --intel-url "$WORK/osv-copy.git" >"$WORK/u3" 2>"$WORK/u3.err"
expect_eq "update from another URL exit" "$?" 0
expect_grep "index names the new URL" "^# deputy osv index v1	$WORK/osv-copy.git	" "$CACHE/osv-index.tsv"

# A bad URL: status 2, a message naming it, the index left as it was.
cp "$CACHE/osv-index.tsv" "$WORK/index-before"
"$DEPUTY" update --intel-url "file://$WORK/no-such-repo" >"$WORK/u4" 2>&1
expect_eq "bad URL exit" "$?" 2
expect_grep "bad URL message" "^deputy: cannot fetch file://$WORK/no-such-repo: " "$WORK/u4"
cmp -s "$WORK/index-before" "$CACHE/osv-index.tsv" && ok || fail "a failed update changed the index"

# A corrupt index: a scan warns and goes on with the bundled intel.
printf 'garbage\n' >"$CACHE/osv-index.tsv"
"$DEPUTY" scan "$WORK/proj" >"$WORK/s3" 2>&1
expect_eq "scan with a corrupt index exit" "$?" 0
expect_grep "corrupt index is a diagnostic" 'synced intel was not used' "$WORK/s3"

# --clear: only what deputy made goes.
echo keep >"$CACHE/not-ours.txt"
"$DEPUTY" update --clear >"$WORK/c1" 2>&1
expect_eq "--clear exit" "$?" 0
expect_grep "--clear says what it did" 'cleared the intel cache .* \(2 entries removed\)' "$WORK/c1"
[ ! -e "$CACHE/osv-malicious.git" ] && [ ! -e "$CACHE/osv-index.tsv" ] && ok ||
	fail "--clear left deputy's files"
[ -f "$CACHE/not-ours.txt" ] && ok || fail "--clear removed a file deputy did not make"
"$DEPUTY" --version >"$WORK/v2" 2>&1
expect_grep "--version after --clear" 'no synced intel' "$WORK/v2"

# A failed first fetch leaves no repository behind; usage errors.
"$DEPUTY" update --intel-url "$WORK/no-such-repo" >"$WORK/u5" 2>&1
expect_eq "bad path exit" "$?" 2
[ ! -e "$CACHE/osv-malicious.git" ] && ok || fail "a failed clone left a repository"
"$DEPUTY" update --clear --intel-url x >"$WORK/e1" 2>&1
expect_eq "--clear with --intel-url exit" "$?" 2
"$DEPUTY" scan --intel-url x . >"$WORK/e2" 2>&1
expect_eq "--intel-url without update exit" "$?" 2
expect_grep "--intel-url without update message" 'go with .deputy update' "$WORK/e2"
"$DEPUTY" update extra >"$WORK/e3" 2>&1
expect_eq "update with an argument exit" "$?" 2
# The intel repository names its default branch, with any bytes git allows
# (a C1 control among them): the summary shows it escaped.
"${G[@]}" -c init.defaultBranch=$'ev\xc2\x9bil' init -q "$WORK/osv-branch"
cp -r "$OSV/osv" "$WORK/osv-branch/"
"${G[@]}" -C "$WORK/osv-branch" add -A && "${G[@]}" -C "$WORK/osv-branch" commit -qm reports
XDG_CACHE_HOME="$WORK/cache-branch" "$DEPUTY" update --intel-url "file://$WORK/osv-branch" \
	>"$WORK/u6" 2>/dev/null
expect_eq "update from a branch with a C1 control exit" "$?" 0
expect_grep "the branch's C1 control is escaped" '\(ev\\u\{009b\}il [0-9a-f]{7}\)' "$WORK/u6"
if LC_ALL=C grep -q $'\xc2\x9b' "$WORK/u6"; then fail "a raw C1 control on stdout"; else ok; fi
# The configuration file names the URL; --intel-url wins over it; a malformed
# file is named in a warning and the defaults are used.
export XDG_CACHE_HOME="$WORK/cache-config" XDG_CONFIG_HOME="$WORK/config"
mkdir -p "$XDG_CONFIG_HOME/deputy"
printf '{"intel_url": "file://%s", "colour": "x"}\n' "$OSV" >"$XDG_CONFIG_HOME/deputy/config.json"
"$DEPUTY" update >"$WORK/cf1" 2>"$WORK/cf1.err"
expect_eq "update from the configured URL exit" "$?" 0
expect_grep "update uses the configured URL" "^deputy: cloned file://$OSV " "$WORK/cf1"
expect_grep "unknown key named" 'config.json: "colour" is not a known key; ignored' "$WORK/cf1.err"
"$DEPUTY" update --intel-url "file://$WORK/no-such-repo" >"$WORK/cf2" 2>&1
expect_eq "--intel-url over the configuration exit" "$?" 2
expect_grep "--intel-url wins" "cannot fetch file://$WORK/no-such-repo" "$WORK/cf2"
printf '{"intel_url": \n  "file://x",,}\n' >"$XDG_CONFIG_HOME/deputy/config.json"
"$DEPUTY" --version >"$WORK/cf3" 2>&1
expect_eq "--version with a malformed configuration exit" "$?" 0
expect_grep "malformed configuration named with its line" \
	"warning: $XDG_CONFIG_HOME/deputy/config.json:2: not valid JSON; using the defaults" "$WORK/cf3"
printf '{"intel_url": 42}\n' >"$XDG_CONFIG_HOME/deputy/config.json"
"$DEPUTY" --version >"$WORK/cf4" 2>&1
expect_grep "a key of the wrong type" '"intel_url" should be a string; ignored' "$WORK/cf4"
unset XDG_CONFIG_HOME

finish
