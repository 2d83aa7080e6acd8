#!/usr/bin/env bash
# --online fetches CRAN's PACKAGES and PyPI project documents (libcurl) for
# the packages nothing else describes, from a loopback HTTP server started
# here (python3 -m http.server); the look-alikes they pull in are flagged
# with their path. A second scan reuses the cache; a server that is gone or
# never answers is a warning per download (with --timeout), never a failure.
source "$(dirname "$0")/lib.sh"

SRV="$WORK/srv"
mkdir -p "$SRV/cran/src/contrib" "$SRV/pypi/requests" "$SRV/pypi/urlib3" "$SRV/pypi/certifi"
printf 'Package: dplyr\nVersion: 1.1.4\nImports: tibble (>= 3.2.0), rlang\n\nPackage: tibble\nVersion: 3.2.1\nImports: tidyvrse\n\nPackage: rlang\nVersion: 1.1.2\n' |
	gzip >"$SRV/cran/src/contrib/PACKAGES.gz"
doc() { printf '{"info": {"name": "%s", "version": "%s", "requires_dist": %s}}' "$1" "$2" "$3"; }
doc requests 2.31.0 '["urlib3 (<3,>=1.21.1)", "certifi>=2017.4.17", "charset-normalizer<4,>=2", "PySocks!=1.5.7; extra == \"socks\""]' \
	>"$SRV/pypi/requests/json"
doc urlib3 2.0.4 null >"$SRV/pypi/urlib3/json"
doc certifi 2023.7.22 '[]' >"$SRV/pypi/certifi/json"

P="$WORK/proj"
mkdir -p "$P"
printf 'requests==2.31.0\n' >"$P/requirements.txt"
printf 'library(dplyr)\n' >"$P/analysis.R"
export XDG_CACHE_HOME="$WORK/cache"

start_http_server "$SRV" || finish
SRV_PID=$HTTP_PID PORT=$HTTP_PORT
SILENT_PID=
trap 'kill $SRV_PID $SILENT_PID 2>/dev/null; rm -rf "$WORK"' EXIT
URLS=(--cran-url "http://127.0.0.1:$PORT/cran" --pypi-url "http://127.0.0.1:$PORT/pypi")

"$DEPUTY" scan "$P" >"$WORK/off.txt" 2>&1
if grep -q 'urlib3\|tidyvrse' "$WORK/off.txt"; then fail "offline scan found index entries"; else ok; fi

"$DEPUTY" scan --online "${URLS[@]}" "$P" >"$WORK/on.txt" 2>&1
expect_eq "online scan exit" "$?" 1
expect_grep "a look-alike a PyPI document pulls in" \
	'pypi/urlib3\.json:1:1: high \[typosquat\] urlib3 .*\(pulled in by requests → urlib3\)$' "$WORK/on.txt"
expect_grep "a look-alike CRAN's index pulls in" \
	'cran/PACKAGES\.gz:[0-9]+:1: high \[typosquat\] tidyvrse .*\(pulled in by dplyr → tibble → tidyvrse\)$' \
	"$WORK/on.txt"
for f in cran/PACKAGES.gz pypi/requests.json pypi/urlib3.json pypi/certifi.json; do
	if [ -f "$XDG_CACHE_HOME/deputy/$f" ]; then ok; else fail "not in the cache: $f"; fi
done
if [ -e "$XDG_CACHE_HOME/deputy/pypi/pysocks.json" ]; then fail "an extra's requirement fetched"
else ok; fi
expect_grep "the index's 404 for a project is said, naming it" \
	"pypi/charset-normalizer/json: warning: PyPI has no project 'charset-normalizer'$" "$WORK/on.txt"
"$DEPUTY" scan --online "${URLS[@]}" --format json "$P" >"$WORK/on.json" 2>&1
python3 - "$WORK/on.json" >"$WORK/on.checks" 2>&1 <<'PY'
import json, sys
g = json.load(open(sys.argv[1]))["graph"]
n = {(x["ecosystem"], x["name"]): x for x in g["nodes"]}
bad = []
for key, src in ((("pypi", "requests"), "PyPI index snapshot"), (("cran", "tibble"), "CRAN index")):
    if n.get(key, {}).get("source") != src or n[key].get("unresolved"):
        bad.append("%r: %r" % (key, n.get(key)))
if n.get(("pypi", "requests"), {}).get("version") != "2.31.0":
    bad.append("version from the document")
if ("pypi", "pysocks") in n:
    bad.append("pysocks is an extra's requirement")
print("\n".join(bad) or "all good")
PY
expect_grep "the graph from the fetched indexes" '^all good$' "$WORK/on.checks"

# Offline, the indexes kept in the cache are read (no --online, no network).
"$DEPUTY" scan "$P" >"$WORK/cached-off.txt" 2>&1
expect_grep "offline: the cached PyPI documents" '\(pulled in by requests → urlib3\)$' \
	"$WORK/cached-off.txt"
expect_grep "offline: the cached CRAN index" '\(pulled in by dplyr → tibble → tidyvrse\)$' \
	"$WORK/cached-off.txt"

# deputy update --cran downloads CRAN's index into the cache (beside the intel).
OSV="$WORK/osv"
git init -q -b main "$OSV" && mkdir -p "$OSV/osv/malicious/pypi/x" &&
	printf '{"id": "MAL-1", "affected": [{"package": {"ecosystem": "PyPI", "name": "x"}}]}' \
	>"$OSV/osv/malicious/pypi/x/MAL-1.json" && git -C "$OSV" add -A &&
	git -C "$OSV" -c user.name=T -c user.email=t@example.invalid commit -qm r
rm -f "$XDG_CACHE_HOME/deputy/cran/PACKAGES.gz"
"$DEPUTY" update --intel-url "file://$OSV" --cran --cran-url "http://127.0.0.1:$PORT/cran" \
	>"$WORK/upd.txt" 2>&1
expect_eq "update --cran exit" "$?" 0
expect_grep "update --cran says what it did" "^deputy: downloaded CRAN's package index from http://127\.0\.0\.1:$PORT/cran into .*/cran/PACKAGES\.gz$" \
	"$WORK/upd.txt"
if cmp -s "$SRV/cran/src/contrib/PACKAGES.gz" "$XDG_CACHE_HOME/deputy/cran/PACKAGES.gz"; then ok
else fail "update --cran did not store the index"; fi
"$DEPUTY" update --intel-url "file://$OSV" --cran --cran-url "http://127.0.0.1:$PORT/nowhere" \
	>"$WORK/upd404.txt" 2>&1
expect_eq "update --cran from a place with no index exit" "$?" 2
expect_grep "and its message" 'could not download the CRAN index: .*/nowhere/src/contrib/PACKAGES\.gz: no CRAN index there \(HTTP 404\)' \
	"$WORK/upd404.txt"
"$DEPUTY" scan --cran "$P" >"$WORK/e1.txt" 2>&1
expect_eq "--cran with scan is a usage error" "$?" 2

# The cache is fresh: with the server gone, the same findings.
kill $SRV_PID
wait $SRV_PID 2>/dev/null
"$DEPUTY" scan --online "${URLS[@]}" "$P" >"$WORK/cached.txt" 2>&1
if diff -q <(grep -v '^deputy scan of' "$WORK/on.txt") <(grep -v '^deputy scan of' "$WORK/cached.txt") >/dev/null
then ok; else fail "a second scan within the day did not reuse the cache"; diff "$WORK/on.txt" "$WORK/cached.txt" >&2; fi

# An empty cache and no server: a warning per download naming the cause.
"$DEPUTY" update --clear >/dev/null 2>&1
if [ -e "$XDG_CACHE_HOME/deputy/pypi" ] || [ -e "$XDG_CACHE_HOME/deputy/cran" ]; then
	fail "update --clear left the online cache"; else ok; fi
"$DEPUTY" scan --online "${URLS[@]}" "$P" >"$WORK/down.txt" 2>&1
expect_eq "no server: the scan completes" "$?" 0
expect_grep "the CRAN download's failure is named" \
	"warning: could not download the CRAN index: .*(could not connect|Connection refused)" "$WORK/down.txt"
expect_grep "and the PyPI one's" \
	"warning: could not download a PyPI project document: .*requests/json" "$WORK/down.txt"
mkdir -p "$WORK/three"
printf 'requests\nflask\nnumpy\n' >"$WORK/three/requirements.txt"
"$DEPUTY" scan --online "${URLS[@]}" "$WORK/three" >"$WORK/three.txt" 2>&1
n=$(grep -c 'could not download a PyPI project document' "$WORK/three.txt")
expect_eq "an index that cannot be reached is asked once, not per project" "$n" 1
expect_grep "and the rest are counted" 'note: PyPI could not be reached: 2 more project documents were not asked for' \
	"$WORK/three.txt"

# A server that accepts and never answers: --timeout ends each download.
python3 "$(dirname "$0")/silent_server.py" "$WORK/silent.port" &
SILENT_PID=$!
for _ in $(seq 1 50); do [ -s "$WORK/silent.port" ] && break; sleep 0.1; done
SP=$(cat "$WORK/silent.port")
start=$(date +%s)
"$DEPUTY" scan --online --timeout 1 --cran-url "http://127.0.0.1:$SP/cran" \
	--pypi-url "http://127.0.0.1:$SP/pypi" "$P" >"$WORK/silent.txt" 2>&1
expect_eq "a silent server: the scan completes" "$?" 0
took=$(( $(date +%s) - start ))
if [ "$took" -lt 20 ]; then ok; else fail "two 1-second timeouts took ${took}s"; fi
expect_grep "the timeout is named" 'warning: could not download the CRAN index: .*timed out after 1 s' \
	"$WORK/silent.txt"
finish
