#!/usr/bin/env bash
# Checks that make-fixture.sh builds what its header promises, and that
# building it fires none of its own traps: fixture-test.sh MAKE-FIXTURE.SH
set -euo pipefail

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bash "$1" "$tmp/fx" >/dev/null
cd "$tmp/fx"
g() {
	git -c core.hooksPath=/dev/null -c core.fsmonitor=false -c filter.deputy-evil.clean= \
		-c filter.deputy-evil.smudge= -c filter.deputy-evil.process= \
		-c filter.deputy-evil.required=false "$@"
}
fail() { echo "fixture-test: $*" >&2; exit 1; }

[ ! -e .git/deputy-marker ] || fail "a trap fired while building the fixture"
[ "$(g rev-list --count HEAD)" = 4 ] || fail "expected 4 commits"
[ "$(g log --format=%an | sort -u | wc -l)" -ge 3 ] || fail "expected at least 3 authors"
status=$(g status --short --ignored | tr '\n' '|')
[ "$status" = " M requirements.txt|?? nested/|?? requirements-untracked.txt|!! build/|!! requirements-ignored.txt|" ] ||
	fail "unexpected status: $status"
[ "$(sed -n 4p requirements.txt)" = numpy==1.26.0 ] || fail "line 4 of requirements.txt"
[ "$(g show HEAD:requirements.txt | wc -l)" = 7 ] || fail "HEAD's requirements.txt has 7 lines"
[ "$(readlink requirements-link.txt)" = /etc/passwd ] || fail "requirements-link.txt"
[ "$(g ls-files -s vendor/lib | cut -c1-6)" = 160000 ] || fail "vendor/lib is no gitlink"
[ "$(wc -c < requirements-bin.txt)" = 15 ] || fail "requirements-bin.txt size"
grep -q $'\033\\]0;pwned' requirements-evil.txt || fail "requirements-evil.txt lacks its ESC"
[ ! -e .git/deputy-marker ] || fail "a trap fired during the checks"
echo ok
