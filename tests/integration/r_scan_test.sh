#!/usr/bin/env bash
# deputy scan --format json on the R fixture (tests/repo/make-fixture-r.sh):
# every R pattern of issue #4 is declared with its file and line, and the R
# rules fire where they should and nowhere else: the exact set of findings.
source "$(dirname "$0")/lib.sh"
MAKE_FIXTURE_R="$(dirname "$MAKE_FIXTURE")/make-fixture-r.sh"

bash "$MAKE_FIXTURE_R" "$WORK/repo" >/dev/null 2>&1 || { echo "R fixture failed"; exit 1; }
"$DEPUTY" scan --format json "$WORK/repo" >"$WORK/out.json" 2>"$WORK/err"
expect_eq "exit status with high findings" "$?" 1

python3 - "$WORK/out.json" <<'PY' || fail "R findings"
import collections, json, sys
doc = json.load(open(sys.argv[1]))
bad = []
def check(cond, what):
    if not cond:
        bad.append(what)

# (file, line, rule, severity): each exactly once, and nothing else.
S, A, F, D, L = ("analysis/setup.R", "analysis/.Rprofile", "analysis/fetch.R",
                 "mypkg/DESCRIPTION", "mypkg/renv.lock")
expected = collections.Counter([
    (A, 1, "rprofile", "info"), (A, 1, "rprofile", "info"), (A, 2, "rprofile", "info"),
    (S, 5, "github-unpinned", "high"), (S, 5, "cran-shadow", "medium"),
    (S, 6, "github-unpinned", "high"), (S, 6, "cran-shadow", "medium"),
    (S, 7, "cran-shadow", "low"),     # pinned to a full commit
    (S, 8, "github-unpinned", "high"),
    (S, 9, "github-unpinned", "high"),
    (S, 11, "nonstandard-repo", "medium"), (S, 11, "insecure-url", "high"),
    (S, 12, "base-shadow", "high"),
    (S, 14, "github-unpinned", "high"), (S, 14, "cran-shadow", "medium"),
    (S, 14, "typosquat", "high"),
    (F, 1, "remote-source", "high"), (F, 2, "remote-source", "critical"),
    (F, 4, "remote-source", "high"), (F, 5, "remote-source", "critical"),
    (F, 7, "remote-source", "critical"), (F, 9, "remote-source", "high"),
    (F, 10, "remote-source", "high"),
    ("analysis/report.Rmd", 9, "remote-source", "high"),
    (D, 8, "github-unpinned", "high"), (D, 8, "cran-shadow", "medium"),
    (D, 9, "github-unpinned", "high"), (D, 9, "cran-shadow", "medium"),
    (D, 10, "github-unpinned", "high"), (D, 10, "repo-name-mismatch", "low"),
    (L, 26, "github-unpinned", "high"),
])
got = collections.Counter((f["file"], f["line"], f["rule"], f["severity"])
                          for f in doc["findings"])
for k in sorted(expected - got):
    bad.append("missing finding %r" % (k,))
for k in sorted(got - expected):
    bad.append("unexpected finding %r" % (k,))

# Evidence in the findings.
by = {(f["file"], f["line"], f["rule"]): f for f in doc["findings"]}
f = by.get((S, 14, "typosquat"))
check(f and f["imitates"] == "tidyverse", "tidyvrse imitates tidyverse: %r" % f)
f = by.get((F, 4, "remote-source"))
check(f and "https://example.org/r/utils.R" in f["message"], "resolved paste0 URL: %r" % f)
f = by.get((F, 9, "remote-source"))
check(f and "https://example.org/tool.R" in f["message"], "download.file URL: %r" % f)

# Declarations: the shapes issue #4 names.
decls = doc["declarations"]
def find(file, line, name):
    return [d for d in decls if d["file"] == file and d["line"] == line and d["name"] == name]
d = find(S, 6, "r-lib/cli")
check(d and d[0]["ecosystem"] == "github" and d[0]["spec"] == "v3.6.1" and d[0]["language"] == "r",
      "install_github r-lib/cli@v3.6.1: %r" % d)
d = find(S, 5, "tidyverse/ggplot2")
check(d and d[0]["spec"] == "", "no ref means empty spec: %r" % d)
d = find(D, 10, "someuser/fancy-plots")
check(d and d[0]["package"] == "fancyplots", "Remotes pkg=owner/repo: %r" % d)
d = find(S, 9, "someuser/plotkit")
check(d and d[0]["spec"] == "dev", "ref = argument: %r" % d)
check(find(S, 11, "readr") and find(S, 11, "stringr"), "install.packages(c(...))")
check(find("analysis/report.Rmd", 17, "jsonlite"), "Rmd chunk keeps the file's line numbers")
check(not [d for d in decls if d["name"] in ("notapackage", "os")], "text or python chunk read as R")
check(len([d for d in decls if d["file"] == S and d["name"] == "data.table"]) == 2,
      "data.table: install.packages and the first :: use only")
check([d for d in decls if d["file"] == S and d["dynamic"]], "dynamic package name")
check(any(d["ecosystem"] == "bioc" and d["name"] == "DESeq2" for d in decls), "BiocManager")
for d in decls:
    check(d["language"] == "r", "language of %s:%d" % (d["file"], d["line"]))
opts = [o for o in doc["options"] if o["option"] == "repos"]
check(any(o["value"] == "http://cran.example.org" for o in opts), "repos option: %r" % opts)
if bad:
    print("\n".join(bad))
    sys.exit(1)
PY
finish
