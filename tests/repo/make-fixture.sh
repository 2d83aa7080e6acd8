#!/usr/bin/env bash
# Builds deputy's fixture repository: tests/repo/make-fixture.sh DIR
# (DIR must not exist yet, or be empty). Every test that needs a repository
# builds this one; assert against the contents listed here.
#
# Commits (oldest first; dates fixed, so ids are stable for one git version):
#   1  Alice Admin <alice@example.com>        2023-01-02T10:00:00Z  "Add application requirements"
#        requirements.txt   = "# Application dependencies" / requests==2.31.0 / flask==3.0.0 / urlib3
#        .gitignore         = requirements-ignored.txt, *.log, build/
#        README.md
#   2  Bob Builder <bob@example.com>          2023-02-03T11:00:00Z  "Add development requirements"
#        requirements.txt   + line 5 "django-server"
#        requirements/dev.txt = -r ../requirements.txt / setup-tools==1.0 / acqusition
#        requirements/a.txt   = -r b.txt / bzip        (an include cycle with b.txt)
#        requirements/b.txt   = -r a.txt / crypt
#   3  Carol Coder <carol@example.com>        2023-03-04T12:00:00Z  "Add extra index and odd files"
#        requirements/extra.txt = --extra-index-url http://pypi.example.invalid/simple /
#                                 --trusted-host pypi.example.invalid / pwd / telnet /
#                                 -r missing.txt (does not exist) /
#                                 git+https://github.com/psf/requests@main#egg=requests
#        requirements-evil.txt  = "\e]0;pwned\aevil-pkg" / "\e[2Jclear-pkg==1.0" / "six==1.16.0"
#        requirements-bin.txt   = "flask\0\0\0binary\0" (NUL bytes; 15 bytes, no newline)
#        requirements-link.txt  -> /etc/passwd              (symlink out of the repository)
#        requirements-up.txt    -> ../requirements.txt      (symlink climbing above the root)
#        requirements-alias.txt -> requirements.txt         (in-repository symlink)
#        requirements-dir       -> requirements             (in-repository symlink to a folder)
#        link-loop-a -> link-loop-b, link-loop-b -> link-loop-a   (a symlink loop)
#        .gitattributes         = "*.txt filter=deputy-evil" (a filter that must never run)
#   4  "Mallory \e[31mMallet" <mallory@example.invalid> 2023-04-05T13:00:00Z "Add more packages"
#        (the author name holds an ESC sequence, stored as is)
#        requirements.txt   + lines 6-7 "urllib", "apidev-coop"
#        vendor/lib         = submodule (gitlink), .gitmodules url
#                             https://github.com/example/vendored-lib.git
#   HEAD is commit 4 on branch "main"; HEAD~1 is commit 3 (requirements.txt has 5 lines there).
#
# Working tree only (never committed):
#   requirements.txt              "numpy==1.26.0" inserted as line 4 (not committed), so on disk:
#                                 1 "# Application dependencies", 2 requests==2.31.0 (Alice),
#                                 3 flask==3.0.0 (Alice), 4 numpy==1.26.0 (uncommitted),
#                                 5 urlib3 (Alice), 6 django-server (Bob), 7 urllib (Mallory),
#                                 8 apidev-coop (Mallory)
#   requirements-untracked.txt    = "urlib3" (untracked, not ignored)
#   requirements-ignored.txt      = "crypt" (ignored by .gitignore)
#   build/requirements.txt        = "bzip" (in an ignored folder)
#   vendor/lib/                   the submodule's checkout: its own .git and requirements.txt
#                                 ("pwd"); deputy lists vendor/lib itself, not its files
#   nested/                       a nested repository (own .git, requirements.txt "telnet"),
#                                 not a submodule: deputy skips it
#
# Traps that prove nothing from the repository runs. Each writes the marker
# file DIR/.git/deputy-marker if ever run:
#   .git/hooks/post-checkout, .git/hooks/pre-commit (hooks)
#   filter.deputy-evil.clean/smudge/process in .git/config (with .gitattributes above)
#   core.fsmonitor = DIR/.git/deputy-fsmonitor.sh
# So after this script, run plain `git` on DIR only with
#   -c core.hooksPath=/dev/null -c core.fsmonitor=false -c filter.deputy-evil.clean=
#   -c filter.deputy-evil.smudge= -c filter.deputy-evil.process= -c filter.deputy-evil.required=false
# (or expect the marker to appear). The script itself never triggers them.
# `git status --short --ignored` then shows: " M requirements.txt", "?? nested/",
# "?? requirements-untracked.txt", "!! build/", "!! requirements-ignored.txt".
set -euo pipefail

if [ $# -ne 1 ]; then
	echo "usage: $0 DIR" >&2
	exit 2
fi
dir=$1
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
if [ -n "$(ls -A "$dir")" ]; then
	echo "$0: $dir is not empty" >&2
	exit 1
fi

# No user or system configuration, no hooks, no templates.
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null HOME=/nonexistent \
	XDG_CONFIG_HOME=/nonexistent GIT_TEMPLATE_DIR=
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE
g() { git -c core.hooksPath=/dev/null -c init.defaultBranch=main -c core.autocrlf=false "$@"; }

commit() { # NAME EMAIL DATE MESSAGE
	GIT_AUTHOR_NAME=$1 GIT_AUTHOR_EMAIL=$2 GIT_AUTHOR_DATE=$3 \
	GIT_COMMITTER_NAME=$1 GIT_COMMITTER_EMAIL=$2 GIT_COMMITTER_DATE=$3 \
		g commit -q -m "$4"
}

cd "$dir"
g init -q .

# 1: Alice
printf '# Application dependencies\nrequests==2.31.0\nflask==3.0.0\nurlib3\n' > requirements.txt
printf 'requirements-ignored.txt\n*.log\nbuild/\n' > .gitignore
printf '# fixture\n\nA repository for deputy'"'"'s tests.\n' > README.md
g add requirements.txt .gitignore README.md
commit 'Alice Admin' alice@example.com 2023-01-02T10:00:00Z 'Add application requirements'

# 2: Bob
printf 'django-server\n' >> requirements.txt
mkdir requirements
printf -- '-r ../requirements.txt\nsetup-tools==1.0\nacqusition\n' > requirements/dev.txt
printf -- '-r b.txt\nbzip\n' > requirements/a.txt
printf -- '-r a.txt\ncrypt\n' > requirements/b.txt
g add requirements.txt requirements
commit 'Bob Builder' bob@example.com 2023-02-03T11:00:00Z 'Add development requirements'

# 3: Carol
cat > requirements/extra.txt <<'REQ'
--extra-index-url http://pypi.example.invalid/simple
--trusted-host pypi.example.invalid
pwd
telnet
-r missing.txt
git+https://github.com/psf/requests@main#egg=requests
REQ
printf '\033]0;pwned\007evil-pkg\n\033[2Jclear-pkg==1.0\nsix==1.16.0\n' > requirements-evil.txt
printf 'flask\0\0\0binary\0' > requirements-bin.txt
ln -s /etc/passwd requirements-link.txt
ln -s ../requirements.txt requirements-up.txt
ln -s requirements.txt requirements-alias.txt
ln -s requirements requirements-dir
ln -s link-loop-b link-loop-a
ln -s link-loop-a link-loop-b
printf '*.txt filter=deputy-evil\n' > .gitattributes
g add requirements/extra.txt requirements-evil.txt requirements-bin.txt requirements-link.txt \
	requirements-up.txt requirements-alias.txt requirements-dir link-loop-a link-loop-b \
	.gitattributes
commit 'Carol Coder' carol@example.com 2023-03-04T12:00:00Z 'Add extra index and odd files'

# 4: Mallory, with a submodule made by hand (no network, no `git submodule`)
printf 'urllib\napidev-coop\n' >> requirements.txt
mkdir -p vendor/lib
(
	cd vendor/lib
	g init -q .
	printf 'pwd\n' > requirements.txt
	g add requirements.txt
	commit 'Vendor Person' vendor@example.com 2022-12-01T09:00:00Z 'Vendored library'
)
sub=$(g -C vendor/lib rev-parse HEAD)
g update-index --add --cacheinfo "160000,$sub,vendor/lib"
printf '[submodule "vendor/lib"]\n\tpath = vendor/lib\n\turl = https://github.com/example/vendored-lib.git\n' \
	> .gitmodules
g add requirements.txt .gitmodules
commit $'Mallory \033[31mMallet' mallory@example.invalid 2023-04-05T13:00:00Z 'Add more packages'

# Working tree only
sed -i '3a numpy==1.26.0' requirements.txt
printf 'urlib3\n' > requirements-untracked.txt
printf 'crypt\n' > requirements-ignored.txt
mkdir build
printf 'bzip\n' > build/requirements.txt
mkdir nested
(
	cd nested
	g init -q .
	printf 'telnet\n' > requirements.txt
)

# Traps, armed last so that the git commands above cannot fire them.
marker=$dir/.git/deputy-marker
trap_script() { # FILE
	printf '#!/bin/sh\necho "$0 ran" >> "%s"\ncat >/dev/null 2>&1 || true\n' "$marker" > "$1"
	chmod +x "$1"
}
mkdir -p .git/hooks
trap_script .git/hooks/post-checkout
trap_script .git/hooks/pre-commit
trap_script .git/deputy-filter.sh
trap_script .git/deputy-fsmonitor.sh
git config -f .git/config filter.deputy-evil.clean "$dir/.git/deputy-filter.sh"
git config -f .git/config filter.deputy-evil.smudge "$dir/.git/deputy-filter.sh"
git config -f .git/config filter.deputy-evil.process "$dir/.git/deputy-filter.sh"
git config -f .git/config filter.deputy-evil.required true
git config -f .git/config core.fsmonitor "$dir/.git/deputy-fsmonitor.sh"
