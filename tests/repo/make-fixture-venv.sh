#!/usr/bin/env bash
# Builds the installed-environment fixture: tests/repo/make-fixture-venv.sh DIR.
# requirements.txt declares requests; the virtualenv at .venv/ (read as files)
# says what is installed: requests requires urllib3, the look-alike urlib3 and
# charset-normalizer, which requires the look-alike colourama. No lock file
# names them: their findings are on packages only the resolver found.
# Not a git repository: a plain folder.
set -eu
P=${1:?usage: make-fixture-venv.sh DIR}
SITE="$P/.venv/lib/python3.11/site-packages"
mkdir -p "$SITE"
printf 'home = /usr/bin\nversion = 3.11.2\n' >"$P/.venv/pyvenv.cfg"
printf 'requests==2.31.0\n' >"$P/requirements.txt"

# dist_info NAME VERSION [REQUIRES-DIST...]
dist_info() {
	local name=$1 version=$2
	shift 2
	mkdir -p "$SITE/$name-$version.dist-info"
	{
		printf 'Metadata-Version: 2.1\nName: %s\nVersion: %s\n' "$name" "$version"
		for r in "$@"; do printf 'Requires-Dist: %s\n' "$r"; done
		printf '\nA description.\n'
	} >"$SITE/$name-$version.dist-info/METADATA"
}

dist_info requests 2.31.0 'urllib3 (<3,>=1.21.1)' 'urlib3 (<3,>=1.21.1)' \
	'charset-normalizer (<4,>=2)'
dist_info urllib3 2.0.4
dist_info urlib3 2.0.4
dist_info charset-normalizer 3.3.2 'colourama'
dist_info colourama 0.4.6
