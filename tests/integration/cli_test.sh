#!/usr/bin/env bash
# The command line: help, version, errors that name their cause, exit codes.
source "$(dirname "$0")/lib.sh"

"$DEPUTY" --help >"$WORK/help" 2>&1
expect_eq "--help exit" "$?" 0
expect_grep "--help shows usage" '^usage: deputy' "$WORK/help"
"$DEPUTY" scan --help >"$WORK/shelp" 2>&1
expect_grep "scan --help" 'fail-on' "$WORK/shelp"
"$DEPUTY" --version >"$WORK/version" 2>&1
expect_eq "--version exit" "$?" 0
expect_grep "--version" '^deputy [0-9]+\.[0-9]+\.[0-9]+ \(bundled intel of [0-9]{4}-[0-9]{2}-[0-9]{2}, [0-9]+ days? old; no synced intel: run deputy update\)$' "$WORK/version"

"$DEPUTY" --bogus >"$WORK/e1" 2>&1
expect_eq "unknown option exit" "$?" 2
expect_grep "unknown option message" "unknown option '--bogus'" "$WORK/e1"
"$DEPUTY" scan --format xml . >"$WORK/e2" 2>&1
expect_eq "bad format exit" "$?" 2
expect_grep "bad format message" "unknown format 'xml'" "$WORK/e2"
"$DEPUTY" scan --fail-on severe . >"$WORK/e3" 2>&1
expect_eq "bad severity exit" "$?" 2
"$DEPUTY" scan "$WORK/does-not-exist" >"$WORK/e4" 2>&1
expect_eq "missing path exit" "$?" 2
expect_grep "missing path names the path" 'does-not-exist' "$WORK/e4"
"$DEPUTY" scan --rev no-such-rev "$WORK" >"$WORK/e5" 2>&1
expect_eq "--rev on a plain folder exit" "$?" 2
"$DEPUTY" </dev/null >"$WORK/e6" 2>&1
expect_eq "audit without a terminal exit" "$?" 2
expect_grep "audit without a terminal message" 'needs a terminal' "$WORK/e6"

# A file as PATH is not a folder (it scanned the folder, or the whole
# repository, that held it); a mistyped command is named as such; a source
# that does not exist stops the scan; a full disk is an error even for
# --help; messages on stderr escape what the path holds.
printf 'requests\n' >"$WORK/requirements.txt"
"$DEPUTY" scan "$WORK/requirements.txt" >"$WORK/e7" 2>&1
expect_eq "a file as PATH exit" "$?" 2
expect_grep "a file as PATH message" 'requirements\.txt is not a folder' "$WORK/e7"
"$DEPUTY" scna </dev/null >"$WORK/e8" 2>&1
expect_eq "a mistyped command exit" "$?" 2
expect_grep "a mistyped command message" "scna: No such file or directory \(and no command has that name" "$WORK/e8"
"$DEPUTY" scan --python-env "$WORK/no-venv" "$WORK" >"$WORK/e9" 2>&1
expect_eq "a missing --python-env exit" "$?" 2
expect_grep "a missing --python-env message" "^deputy: --python-env .*/no-venv: No such file" "$WORK/e9"
if [ -w /dev/full ]; then
	"$DEPUTY" --help >/dev/full 2>"$WORK/e10"
	expect_eq "--help on a full disk exit" "$?" 2
	expect_grep "--help on a full disk message" 'could not write the output' "$WORK/e10"
	"$DEPUTY" explain typosquat >/dev/full 2>/dev/null
	expect_eq "explain on a full disk exit" "$?" 2
fi
"$DEPUTY" scan "$WORK/esc$(printf '\033')[31mdir" >"$WORK/e11" 2>&1
expect_eq "a missing path with ESC exit" "$?" 2
expect_grep "the ESC is shown escaped" 'esc\\e\[31mdir: No such file' "$WORK/e11"
if grep -q "$(printf '\033')" "$WORK/e11"; then fail "a raw ESC on stderr"; else ok; fi
"$DEPUTY" update --intel-url "$WORK/no-intel" >"$WORK/e12" 2>&1
expect_eq "update from a missing local path exit" "$?" 2
expect_grep "update names the missing path" 'no-intel: No such file or directory' "$WORK/e12"

"$DEPUTY" explain >"$WORK/list" 2>&1
expect_eq "explain exit" "$?" 0
for r in known-malicious typosquat stdlib-shadow unpinned mutable-ref insecure-url extra-index; do
	expect_grep "explain lists $r" "^$r " "$WORK/list"
	"$DEPUTY" explain "$r" >"$WORK/r" 2>&1
	expect_eq "explain $r exit" "$?" 0
	expect_grep "explain $r has a why" '^Why it matters' "$WORK/r"
	expect_grep "explain $r tells the incident" '^The incident behind it' "$WORK/r"
	expect_grep "explain $r says how to check by hand" '^How to check by hand' "$WORK/r"
done
"$DEPUTY" explain no-such-rule >"$WORK/e7" 2>&1
expect_eq "explain unknown rule exit" "$?" 2
# The demo's folder goes away even when a signal comes while it is being made
# (deputy is still writing its commits) or just after.
mkdir "$WORK/tmp"
for delay in 0 0.01 0.02 0.04 0.06 0.08 0.1 0.15 0.2 0.3; do
	for sig in HUP TERM INT; do
		TMPDIR="$WORK/tmp" "$DEPUTY" --demo </dev/null >/dev/null 2>&1 &
		pid=$!
		sleep "$delay"
		kill -s "$sig" "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	done
done
expect_eq "no demo folder left after a signal" "$(ls "$WORK/tmp")" ""
finish
