#!/usr/bin/env bash
# make-fixture-remotes.sh DIR: a project whose packages come from git
# repositories, with local bare repositories standing in for GitHub under
# DIR/gh (use --github-base file://DIR/gh). DIR/proj installs acme/first with
# install_github() at its branch main; first's DESCRIPTION has Remotes: acme/second, whose
# DESCRIPTION imports dpylr (a look-alike of dplyr). requirements.txt takes
# acme/pytool from git at a branch; its pyproject.toml requires reqeusts and
# acme/pyhelper from git at tag v1, whose setup.cfg requires djnago.
# DIR/work-* are the working clones; push-first.sh DIR moves first's branch.
set -euo pipefail
D=${1:?folder}
mkdir -p "$D/gh/acme"
export GIT_AUTHOR_NAME="Ann Author" GIT_AUTHOR_EMAIL=ann@example.org
export GIT_COMMITTER_NAME="Ann Author" GIT_COMMITTER_EMAIL=ann@example.org
export GIT_AUTHOR_DATE="2026-01-02T03:04:05Z" GIT_COMMITTER_DATE="2026-01-02T03:04:05Z"
export GIT_CONFIG_NOSYSTEM=1 HOME="$D"

# repo NAME FILE CONTENT: a bare repository acme/NAME with one commit of FILE.
repo() {
	local w="$D/work-$1"
	git init -q -b main "$w"
	printf '%b' "$3" >"$w/$2"
	git -C "$w" add "$2"
	git -C "$w" commit -q -m "first version of $1"
	git init -q --bare -b main "$D/gh/acme/$1"
	git -C "$w" push -q "$D/gh/acme/$1" main
}

repo first DESCRIPTION 'Package: first\nVersion: 0.1.0\nImports: second, tibble\nRemotes: acme/second\n'
repo second DESCRIPTION 'Package: second\nVersion: 2.0\nImports:\n    dpylr (>= 1.0)\n'
repo pytool pyproject.toml '[project]\nname = "pytool"\nversion = "1.2"\ndependencies = ["reqeusts>=2", "colorama; sys_platform == \\"win32\\"", "pyhelper @ git+https://github.com/acme/pyhelper@v1"]\n'
repo pyhelper setup.cfg '[metadata]\nname = pyhelper\nversion = 0.3\n\n[options]\ninstall_requires =\n    djnago>=4\n'
git -C "$D/work-pyhelper" tag v1
git -C "$D/work-pyhelper" push -q "$D/gh/acme/pyhelper" v1

mkdir -p "$D/proj"
git init -q -b main "$D/proj"
printf 'remotes::install_github("acme/first@main")\nremotes::install_github("acme/gone@main")\n' \
	>"$D/proj/setup.R"
printf 'pytool @ git+https://github.com/acme/pytool@main\n' >"$D/proj/requirements.txt"
git -C "$D/proj" add .
git -C "$D/proj" commit -q -m "the project"
