#!/usr/bin/env bash
# The dependency graph end to end: a project whose poetry.lock pulls in a
# look-alike through requests. The finding on the look-alike names the path
# from the declaration; the JSON carries the graph with each edge's
# provenance, the cycle, and a name no lock entry defines, marked unresolved.
source "$(dirname "$0")/lib.sh"

P="$WORK/proj"
bash "$(dirname "$0")/../repo/make-fixture-graph.sh" "$P" || { echo "no fixture"; exit 1; }

"$DEPUTY" scan "$P" >"$WORK/text" 2>&1
expect_eq "scan exit" "$?" 1
expect_grep "the transitive look-alike names its path" \
	'poetry.lock:23:9: high \[typosquat\] urlib3 .*\(pulled in by requests → urlib3\)$' "$WORK/text"

"$DEPUTY" scan --format json "$P" >"$WORK/json" 2>&1
python3 - "$WORK/json" <<'PY' >"$WORK/checks" 2>&1
import json, sys
doc = json.load(open(sys.argv[1]))
g = doc["graph"]
nodes = {n["name"]: n for n in g["nodes"]}
def edge(a, b):
    return [e for e in g["edges"] if e["from"] == nodes[a]["id"] and e["to"] == nodes[b]["id"]]
bad = []
def check(cond, what):
    if not cond:
        bad.append(what)
check(set(nodes) == {"requests", "certifi", "idna", "urlib3"}, "nodes: %r" % sorted(nodes))
check(nodes["requests"]["direct"] and not nodes["urlib3"]["direct"], "direct flags")
check(nodes["urlib3"]["version"] == "2.0.4" and nodes["urlib3"]["file"] == "poetry.lock",
      "urlib3 node: %r" % nodes["urlib3"])
check(nodes["idna"]["unresolved"] and nodes["idna"]["reason"], "idna unresolved")
check(nodes["requests"]["cycle"] and nodes["urlib3"]["cycle"] and not nodes["certifi"]["cycle"],
      "cycle flags")
e = edge("requests", "urlib3")
check(e and e[0]["file"] == "poetry.lock" and e[0]["line"] == 2, "edge provenance: %r" % e)
check(edge("urlib3", "requests"), "edge back to requests")
t = [f for f in doc["findings"] if f["rule"] == "typosquat" and f["name"] == "urlib3"]
check(t and t[0]["path"] == "requests \u2192 urlib3", "finding path: %r" % t)
root = [f for f in doc["findings"] if f["name"] == "requests"]
check(all(f["path"] is None for f in root), "a root has no path")
print("\n".join(bad) if bad else "all good")
PY
expect_grep "graph in the JSON" '^all good$' "$WORK/checks"

# R: renv.lock's Requirements lists, a look-alike two levels down.
R="$WORK/rproj"
mkdir -p "$R"
printf 'library(dplyr)\n' >"$R/analysis.R"
cat >"$R/renv.lock" <<'JSON'
{
  "R": {"Version": "4.2.2", "Repositories": [{"Name": "CRAN", "URL": "https://cloud.r-project.org"}]},
  "Packages": {
    "dplyr": {"Package": "dplyr", "Version": "1.1.4", "Source": "Repository",
              "Repository": "CRAN", "Requirements": ["R", "methods", "tibble"]},
    "tibble": {"Package": "tibble", "Version": "3.2.1", "Source": "Repository",
               "Repository": "CRAN", "Requirements": ["tidyvrse", "utils"]},
    "tidyvrse": {"Package": "tidyvrse", "Version": "0.0.1", "Source": "Repository",
                 "Repository": "CRAN"}
  }
}
JSON
"$DEPUTY" scan "$R" >"$WORK/rtext" 2>&1
expect_grep "the R look-alike names its path" \
	'renv.lock:.*\[typosquat\] tidyvrse .*\(pulled in by dplyr → tibble → tidyvrse\)$' "$WORK/rtext"
"$DEPUTY" scan --format json "$R" >"$WORK/rjson" 2>&1
python3 - "$WORK/rjson" <<'PY' >"$WORK/rchecks" 2>&1
import json, sys
g = json.load(open(sys.argv[1]))["graph"]
names = sorted(n["name"] for n in g["nodes"])
print("all good" if names == ["dplyr", "tibble", "tidyvrse"] and len(g["edges"]) == 2
      else "nodes %r edges %r" % (names, g["edges"]))
PY
expect_grep "R itself and base packages left out of the graph" '^all good$' "$WORK/rchecks"
finish
