#!/usr/bin/env bash
# Scanning never writes into the audited repository and never starts a
# process or opens a connection (strace -f -e trace=execve,connect).
source "$(dirname "$0")/lib.sh"

bash "$MAKE_FIXTURE" "$WORK/repo" >/dev/null 2>&1 || { echo "fixture failed"; exit 1; }

listing() {
	(cd "$1" && find . -printf '%p %y %s %m %l\n' | LC_ALL=C sort &&
		find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
}
listing "$WORK/repo" >"$WORK/before"

for rev in "" "--rev HEAD"; do
	# shellcheck disable=SC2086
	strace -f -qq -e trace=execve,connect -o "$WORK/trace" \
		"$DEPUTY" scan --format json $rev "$WORK/repo" >/dev/null 2>&1
	execs=$(grep -c 'execve(' "$WORK/trace")
	expect_eq "execve calls (only deputy itself) ${rev:-worktree}" "$execs" 1
	if grep -q 'connect(' "$WORK/trace"; then
		fail "connect() during a scan: $(grep 'connect(' "$WORK/trace" | head -3)"
	else
		ok
	fi
done

listing "$WORK/repo" >"$WORK/after"
if cmp -s "$WORK/before" "$WORK/after"; then ok; else
	fail "the repository changed during the scan"
	diff "$WORK/before" "$WORK/after" | head -20 >&2
fi
# The fixture's hooks, filter and fsmonitor would leave this marker.
if [ -e "$WORK/repo/.git/deputy-marker" ]; then
	fail "a hook or filter of the audited repository ran"
else
	ok
fi
finish
