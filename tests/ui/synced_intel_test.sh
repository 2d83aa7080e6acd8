#!/usr/bin/env bash
# Synced intel in the audit screen: the status line says how old the intel is
# (bundled before `deputy update`, synced after), and the detail pane of a
# package the synced reports list shows the report id, summary and every
# reference.
source "$(dirname "$0")/lib.sh"

OSV="$WORK/osv"
mkdir -p "$OSV/osv/malicious/pypi/synced-evil-pkg" "$WORK/proj"
cat >"$OSV/osv/malicious/pypi/synced-evil-pkg/MAL-2099-0042.json" <<'JSON'
{"id": "MAL-2099-0042", "modified": "2099-01-01T00:00:00Z",
 "summary": "sends your tokens away",
 "affected": [{"package": {"ecosystem": "PyPI", "name": "synced-evil-pkg"}}],
 "references": [{"url": "https://example.invalid/first"},
                {"url": "https://example.invalid/second"}]}
JSON
git -C "$OSV" init -q && git -C "$OSV" add -A &&
	git -C "$OSV" -c user.name=T -c user.email=t@example.invalid commit -qm reports ||
	{ echo "cannot build the OSV fixture"; exit 1; }
printf 'synced-evil-pkg==1.0\n' >"$WORK/proj/requirements.txt"

run() {
	start_command 100 30 env -u NO_COLOR LANG=C.UTF-8 LC_ALL=C.UTF-8 HOME="$WORK" \
		XDG_CACHE_HOME="$WORK/cache" "$DEPUTY" "$WORK/proj"
}

run
expect "before update: the bundled intel's age" ' bundled intel [0-9]+d \| .*flagged *$'
keys q
wait_exit 5 >/dev/null && ok || fail "deputy did not exit after q"
"${TMUX_CMD[@]}" kill-session -t ui >/dev/null 2>&1

XDG_CACHE_HOME="$WORK/cache" "$DEPUTY" update --intel-url "$OSV" >"$WORK/update.log" 2>&1 ||
	{ fail "deputy update"; cat "$WORK/update.log" >&2; }
run
expect "after update: the synced intel's age" ' intel 0d \| C1 .*flagged *$'
expect_not "not the bundled one" 'bundled intel'
keys n
expect "the finding" 'synced-evil-pkg is a known-malicious package \(MAL-2099-0042\)'
expect "the report and its summary" '^ +report MAL-2099-0042: sends your tokens away'
expect "references" '^ +references:'
expect "the first reference" '^ +https://example\.invalid/first'
expect "the second reference" '^ +https://example\.invalid/second'
keys q
wait_exit 5 >/dev/null && ok || fail "deputy did not exit after q"
finish
