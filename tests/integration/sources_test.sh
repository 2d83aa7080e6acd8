#!/usr/bin/env bash
# The resolver's other sources, read as files: a virtualenv found at the
# root of the repository (.venv/) or named with --python-env, an R library
# (--r-library) and a CRAN PACKAGES index (--cran-index, gzip). Each pulls in
# a look-alike that the declarations do not name; the finding says where it
# was found and by which path. A source the command line names that does not
# exist is an error (exit 2, a typo in a CI job must not pass); one that
# exists but cannot be read is a diagnostic, and the scan goes on.
source "$(dirname "$0")/lib.sh"

# dist_info SITE NAME VERSION [REQUIRES-DIST...]
dist_info() {
	local site=$1 name=$2 version=$3
	shift 3
	mkdir -p "$site/$name-$version.dist-info"
	{
		printf 'Metadata-Version: 2.1\nName: %s\nVersion: %s\n' "$name" "$version"
		for r in "$@"; do printf 'Requires-Dist: %s\n' "$r"; done
		printf '\nA description.\n'
	} >"$site/$name-$version.dist-info/METADATA"
}

P="$WORK/py"
SITE="$P/.venv/lib/python3.8/site-packages"
mkdir -p "$SITE"
printf 'home = /usr/bin\nversion = 3.8.10\n' >"$P/.venv/pyvenv.cfg"
printf 'requests==2.31.0\n' >"$P/requirements.txt"
dist_info "$SITE" requests 2.31.0 'urlib3 (<3,>=1.21.1)' 'certifi>=2017.4.17' \
	'PySocks!=1.5.7,>=1.5.6; extra == "socks"' 'colorama; sys_platform == "win32"' \
	'importlib-metadata; python_version < "3.10"'
dist_info "$SITE" urlib3 2.0.4
dist_info "$SITE" certifi 2023.7.22

"$DEPUTY" scan "$P" >"$WORK/py.txt" 2>&1
expect_eq "scan exit" "$?" 1
expect_grep "the .venv look-alike, where and by which path" \
	'^  \.venv/lib/python3\.8/site-packages/urlib3-2\.0\.4\.dist-info/METADATA:1:1: high \[typosquat\] urlib3 .*\(pulled in by requests → urlib3\)$' \
	"$WORK/py.txt"
"$DEPUTY" scan --format json "$P" >"$WORK/py.json" 2>&1
python3 - "$WORK/py.json" <<'PY' >"$WORK/py.checks" 2>&1
import json, sys
g = json.load(open(sys.argv[1]))["graph"]
n = {x["name"]: x for x in g["nodes"]}
bad = []
if set(n) != {"requests", "urlib3", "certifi", "importlib-metadata"}:
    bad.append("nodes %r (markers: no pysocks, no colorama on linux, importlib-metadata on 3.8)" % sorted(n))
if n.get("urlib3", {}).get("source") != "installed environment":
    bad.append("urlib3 source %r" % n.get("urlib3"))
if not n.get("importlib-metadata", {}).get("unresolved"):
    bad.append("importlib-metadata is not installed: unresolved")
print("\n".join(bad) or "all good")
PY
expect_grep "the installed environment's graph" '^all good$' "$WORK/py.checks"

# The same environment outside the repository, named with --python-env.
mv "$P/.venv" "$WORK/env"
"$DEPUTY" scan "$P" >"$WORK/py2.txt" 2>&1
if grep -q urlib3 "$WORK/py2.txt"; then fail "a venv outside the repository read unasked"; else ok; fi
"$DEPUTY" scan --python-env "$WORK/env" "$P" >"$WORK/py3.txt" 2>&1
expect_grep "--python-env" 'urlib3.*\(pulled in by requests → urlib3\)$' "$WORK/py3.txt"

# R: a library folder, then a gzip PACKAGES index.
R="$WORK/r"
L="$WORK/rlib"        # outside the project: its DESCRIPTIONs are not declarations
mkdir -p "$R" "$L/dplyr" "$L/tibble"
printf 'library(dplyr)\n' >"$R/analysis.R"
printf 'Package: dplyr\nVersion: 1.1.4\nDepends: R (>= 3.5.0)\nImports: methods, tibble (>= 3.2.0),\n    utils\n' >"$L/dplyr/DESCRIPTION"
printf 'Package: tibble\nVersion: 3.2.1\nImports: tidyvrse\n' >"$L/tibble/DESCRIPTION"
"$DEPUTY" scan --r-library "$L" "$R" >"$WORK/r.txt" 2>&1
expect_grep "--r-library" '\[typosquat\] tidyvrse .*\(pulled in by dplyr → tibble → tidyvrse\)$' "$WORK/r.txt"
printf 'Package: dplyr\nVersion: 1.1.4\nImports: tibble\n\nPackage: tibble\nVersion: 3.2.1\nImports: tidyvrse\n' |
	gzip -c >"$WORK/PACKAGES.gz"
"$DEPUTY" scan --cran-index "$WORK/PACKAGES.gz" "$R" >"$WORK/r2.txt" 2>&1
expect_grep "--cran-index" '\[typosquat\] tidyvrse .*\(pulled in by dplyr → tibble → tidyvrse\)$' "$WORK/r2.txt"
"$DEPUTY" scan --format json --cran-index "$WORK/no-such-PACKAGES" "$R" >"$WORK/r3.json" 2>"$WORK/r3.err"
expect_eq "a missing index is an error" "$?" 2
expect_grep "a missing index is named" '^deputy: --cran-index .*/no-such-PACKAGES: No such file' "$WORK/r3.err"
expect_eq "and nothing is reported" "$(wc -c <"$WORK/r3.json")" 0
printf 'garbage, no field\n' >"$WORK/bad-PACKAGES"
"$DEPUTY" scan --format json --cran-index "$WORK/bad-PACKAGES" "$R" >"$WORK/r4.json" 2>&1
expect_eq "an unreadable index is no failure" "$?" 0
expect_grep "an unreadable index is named" 'cannot read the CRAN index' "$WORK/r4.json"

# A folder of PyPI project documents (--pypi-cache), markers evaluated for 3.11.
J="$WORK/pypi"
mkdir -p "$J"
cat >"$J/requests.json" <<'JSON'
{"info": {"name": "requests", "version": "2.31.0",
          "requires_dist": ["charset-normalizer (<4,>=2)", "urlib3 (<3,>=1.21.1)",
                            "PySocks (!=1.5.7,>=1.5.6) ; extra == 'socks'",
                            "importlib-metadata ; python_version < \"3.10\""]}}
JSON
printf '{"info": {"name": "urlib3", "version": "2.0.4", "requires_dist": null}}\n' >"$J/urlib3.json"
printf '{"info": ' >"$J/broken.json"
"$DEPUTY" scan --format json --pypi-cache "$J" "$P" >"$WORK/pj.json" 2>&1
python3 - "$WORK/pj.json" <<'PY' >"$WORK/pj.checks" 2>&1
import json, sys
doc = json.load(open(sys.argv[1]))
n = {x["name"]: x for x in doc["graph"]["nodes"]}
bad = []
if set(n) != {"requests", "charset-normalizer", "urlib3"}:
    bad.append("nodes %r" % sorted(n))
if n.get("urlib3", {}).get("source") != "PyPI index snapshot":
    bad.append("urlib3 %r" % n.get("urlib3"))
t = [f for f in doc["findings"] if f["rule"] == "typosquat" and f["name"] == "urlib3"]
if not t or t[0]["path"] != "requests \u2192 urlib3":
    bad.append("finding %r" % t)
if not any("broken.json" in d["file"] and "not valid JSON" in d["message"] for d in doc["diagnostics"]):
    bad.append("no diagnostic for broken.json")
print("\n".join(bad) or "all good")
PY
expect_grep "--pypi-cache" '^all good$' "$WORK/pj.checks"

# Offline by design: with no network at all (a new network namespace) the
# same scan completes and finds the same.
if unshare -n true 2>/dev/null; then
	unshare -n "$DEPUTY" scan --python-env "$WORK/env" "$P" >"$WORK/offline.txt" 2>&1
	expect_eq "scan without a network exit" "$?" 1
	if diff -q "$WORK/py3.txt" "$WORK/offline.txt" >/dev/null; then ok
	else fail "the scan without a network differs"; fi
else
	echo "SKIP: unshare -n is not allowed here (the offline run is not checked)"
fi
finish
