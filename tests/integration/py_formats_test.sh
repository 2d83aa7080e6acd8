#!/usr/bin/env bash
# deputy scan --format json on the Python-formats fixture
# (tests/repo/make-fixture-py.sh): every format of issue #5 is read, and the
# 2017 look-alike hidden in each is flagged at its file and line, naming the
# package it imitates.
source "$(dirname "$0")/lib.sh"
MAKE_FIXTURE_PY="$(dirname "$MAKE_FIXTURE")/make-fixture-py.sh"

bash "$MAKE_FIXTURE_PY" "$WORK/repo" >/dev/null 2>&1 || { echo "fixture failed"; exit 1; }
"$DEPUTY" scan --format json "$WORK/repo" >"$WORK/out.json" 2>"$WORK/err"
expect_eq "exit status with critical findings" "$?" 1

python3 - "$WORK/out.json" "$WORK/repo/LOOKALIKES" <<'PY' || fail "look-alikes in every format"
import json, sys
doc = json.load(open(sys.argv[1]))
bad = []
for row in open(sys.argv[2]):
    path, line, name, target = row.rstrip("\n").split("\t")
    line = int(line)
    # A lock entry may be reported at its [[package]] header, the line above its name.
    lines = {line, line - 1} if path.endswith(".lock") else {line}
    hits = [f for f in doc["findings"]
            if f["file"] == path and f["line"] in lines and f["rule"] == "known-malicious"
            and f["name"].lower() == name]
    if not hits:
        near = [(f["line"], f["rule"], f["name"]) for f in doc["findings"] if f["file"] == path]
        bad.append("%s:%d %s not flagged (findings in that file: %r)" % (path, line, name, near))
    elif hits[0]["imitates"] != target:
        bad.append("%s:%d %s imitates %r, want %r" % (path, line, name, hits[0]["imitates"], target))
if any(d["file"] == "scripts/NOTES" for d in doc["declarations"]):
    bad.append("a file without a #! line was read as a script")
kinds = {d["kind"] for d in doc["declarations"]}
for k in ("manifest", "lock", "install-command", "documentation"):
    if k not in kinds:
        bad.append("no declaration of kind " + k)
rules = {f["rule"] for f in doc["findings"]}
for r in ("curl-pipe-shell", "untrusted-source", "dynamic-deps"):
    if r not in rules:
        bad.append("rule never fired: " + r)
if bad:
    print("\n".join(bad))
    sys.exit(1)
print("every look-alike flagged")
PY

# Files that setup.cfg ("file:"), pyproject.toml ({file = [...]}), a
# Dockerfile and a shell script (pip install -r) name are requirement files,
# whatever their names: they are read as such, not with the including
# file's reader.
inc="$WORK/includes"
mkdir -p "$inc/reqs" && git -C "$inc" init -q
printf '[metadata]\nname = x\n\n[options]\ninstall_requires = file: deps.txt\n' >"$inc/setup.cfg"
printf 'cfgpkg>=2\n' >"$inc/deps.txt"
printf '[project]\nname = "x"\ndynamic = ["dependencies"]\n[tool.setuptools.dynamic]\ndependencies = {file = ["reqs.in"]}\n' >"$inc/pyproject.toml"
printf 'tomlpkg\n' >"$inc/reqs.in"
printf 'FROM python\nRUN pip install -r reqs/base.txt\n' >"$inc/Dockerfile"
printf 'dockerpkg\n' >"$inc/reqs/base.txt"
printf 'pip install -r deps.lst\n' >"$inc/install.sh"
printf 'shellpkg\n' >"$inc/deps.lst"
# A GitHub workflow's commands run in the checkout's root, or in the
# working-directory a step or its job's defaults name.
mkdir -p "$inc/.github/workflows" "$inc/ci" "$inc/backend"
cat >"$inc/.github/workflows/test.yml" <<'YML'
on: push
jobs:
  a:
    runs-on: x
    steps:
      - run: pip install -r ci/tools.lst
      - run: pip install -r api.lst
        working-directory: backend
      - run: |
          cd backend/sub
          pip install -r deep.lst
  b:
    runs-on: x
    defaults:
      run:
        working-directory: ./backend/
    steps:
      - run: pip install -r ../ci/more.lst
YML
# A script, a Dockerfile or a README in a folder may be run from the root:
# -r FILE is looked for beside it first, then in the root. A Makefile runs
# in its own folder only.
mkdir -p "$inc/scripts" "$inc/docker" "$inc/docs" "$inc/sub"
printf 'pip install -r root.lst -r near.lst\n' >"$inc/scripts/setup.sh"
printf 'rootpkg\n' >"$inc/root.lst"
printf 'nearpkg\n' >"$inc/scripts/near.lst"
printf 'wrongpkg\n' >"$inc/near.lst"
printf 'FROM python\nRUN pip install -r image.lst\n' >"$inc/docker/Dockerfile"
printf 'imagepkg\n' >"$inc/image.lst"
printf '# x\n\n```bash\npip install -r docs.lst\n```\n' >"$inc/docs/README.md"
printf 'docspkg\n' >"$inc/docs.lst"
printf 't:\n\tpip install -r root.lst\n' >"$inc/sub/Makefile"
printf 'cipkg\n' >"$inc/ci/tools.lst"
printf 'apipkg\n' >"$inc/backend/api.lst"
mkdir -p "$inc/backend/sub"
printf 'deeppkg\n' >"$inc/backend/sub/deep.lst"
printf 'morepkg\n' >"$inc/ci/more.lst"
git -C "$inc" add -A && git -C "$inc" -c user.name=t -c user.email=t@t commit -qm x
"$DEPUTY" scan "$inc" >"$WORK/inc.out" 2>&1
for want in "deps.txt:1:1: pypi manifest cfgpkg" "reqs.in:1:1: pypi manifest tomlpkg" \
	"reqs/base.txt:1:1: pypi manifest dockerpkg" "deps.lst:1:1: pypi manifest shellpkg" \
	"ci/tools.lst:1:1: pypi manifest cipkg" "backend/api.lst:1:1: pypi manifest apipkg" \
	"ci/more.lst:1:1: pypi manifest morepkg" "root.lst:1:1: pypi manifest rootpkg" \
	"scripts/near.lst:1:1: pypi manifest nearpkg" "image.lst:1:1: pypi manifest imagepkg" \
	"docs.lst:1:1: pypi manifest docspkg" "backend/sub/deep.lst:1:1: pypi manifest deeppkg"; do
	expect_grep "an included file is read as requirements: $want" "$want" "$WORK/inc.out"
done
expect_grep "beside the file comes first" "^  scripts/near.lst" "$WORK/inc.out"
if grep -q "wrongpkg" "$WORK/inc.out"; then fail "near.lst of the root was read"; else ok; fi
expect_grep "a Makefile's include is not looked for in the root" \
	"sub/Makefile:2:.*included file 'root.lst' not found" "$WORK/inc.out"
if [ "$(grep -c "not found" "$WORK/inc.out")" = 1 ]; then ok; else
	fail "an include was looked for in the wrong folder"; grep "not found" "$WORK/inc.out" >&2; fi
# The same include twice, its file holding an include of a missing file:
# one "not found", for that file; after a cd the message says where it
# looked.
twice="$WORK/twice"
mkdir -p "$twice" && git -C "$twice" init -q
printf -- '-r a.lst\n-r a.lst\n' >"$twice/requirements.txt"
printf -- '-r gone.lst\nsix\n' >"$twice/a.lst"
printf 'cd api && pip install -r r.lst\n' >"$twice/setup.sh"
git -C "$twice" add -A && git -C "$twice" -c user.name=t -c user.email=t@t commit -qm x
"$DEPUTY" scan "$twice" >"$WORK/twice.out" 2>&1
expect_eq "one include of a missing file, one diagnostic" \
	"$(grep -c "not found" "$WORK/twice.out")" 2
expect_grep "the missing file is named" "a.lst:1:4: error: included file 'gone.lst' not found" \
	"$WORK/twice.out"
expect_grep "after a cd, where it looked" "included file 'r.lst' not found \(looked for api/r.lst\)" \
	"$WORK/twice.out"

# uv pip install -r takes a project's own pyproject.toml: it is read as one,
# not as a requirement file, whichever comes first in the walk; an image path
# in a Dockerfile is traced back to what COPY put there.
uvr="$WORK/uvr"
mkdir -p "$uvr/docker" && git -C "$uvr" init -q
printf '[project]\nname = "x"\ndependencies = ["flask>=3"]\n' >"$uvr/pyproject.toml"
printf 'six==1.16.0\n' >"$uvr/base.lst"
printf 'FROM x\nWORKDIR /srv\nCOPY pyproject.toml base.lst /tmp/in/\n%s\n' \
	'RUN uv pip install --system -r pyproject.toml -r /tmp/in/base.lst' >"$uvr/docker/Dockerfile"
git -C "$uvr" add -A && git -C "$uvr" -c user.name=t -c user.email=t@t commit -qm x
"$DEPUTY" scan --format json "$uvr" >"$WORK/uvr.json" 2>&1
python3 - "$WORK/uvr.json" <<'PY' || fail "pyproject.toml through uv pip install -r"
import json, sys
doc = json.load(open(sys.argv[1]))
names = sorted((d["file"], d["name"]) for d in doc["declarations"])
assert ("pyproject.toml", "flask") in names, names
assert ("base.lst", "six") in names, names
assert not [d for d in doc["diagnostics"] if d["level"] != "note"], doc["diagnostics"]
files = {f["path"]: f["detector"] for f in doc["files"]}
assert files["pyproject.toml"] == "pyproject", files
PY

# A pin counts where the installer reads it: constraints.txt (by its name)
# is read as constraints, and pins what reads it with -c; a -c file in
# tools/ pins nothing in a Dockerfile that never reads it; a poetry.lock
# pins its pyproject.toml, not the requirements.txt beside it.
pins="$WORK/pins"
mkdir -p "$pins/tools" "$pins/app" && git -C "$pins" init -q
printf -- '-c constraints.txt\npytest\n' >"$pins/requirements.txt"
printf 'pytest==8.0.0\n' >"$pins/constraints.txt"
printf 'FROM python\nRUN pip install "requests>=2,<3"\n' >"$pins/Dockerfile"
printf -- '-c pins.txt\nrequests\n' >"$pins/tools/lint-requirements.txt"
printf 'requests==2.31.0\n' >"$pins/tools/pins.txt"
printf '[tool.poetry]\nname = "x"\n[tool.poetry.dependencies]\nflask = "^3"\n' \
	>"$pins/app/pyproject.toml"
printf '[[package]]\nname = "flask"\nversion = "3.0.0"\n' >"$pins/app/poetry.lock"
printf 'flask\n' >"$pins/app/requirements.txt"
git -C "$pins" add -A && git -C "$pins" -c user.name=t -c user.email=t@t commit -qm x
"$DEPUTY" scan --format json "$pins" >"$WORK/pins.json" 2>&1
python3 - "$WORK/pins.json" <<'PY' || fail "pins reach only the installs that read them"
import json, sys
doc = json.load(open(sys.argv[1]))
kinds = {(d["file"], d["name"]): d["kind"] for d in doc["declarations"]}
assert kinds[("constraints.txt", "pytest")] == "constraint", kinds
unpinned = sorted(f["file"] for f in doc["findings"] if f["rule"] == "unpinned")
assert unpinned == ["Dockerfile", "app/requirements.txt"], unpinned
PY
finish
