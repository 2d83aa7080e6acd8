#!/usr/bin/env bash
# Outside a UTF-8 locale deputy writes ASCII only (tui/output.h): a terminal
# there may take the bytes 0x80 to 0x9f inside UTF-8 for C1 controls ("ě" is
# 0xc4 0x9b, and 0x9b is CSI). The text report, the JSON report and the
# messages on stderr (a scan's, the configuration file's) are checked in the
# C locale: no byte above 0x7f, the repository's characters as \u{XXXX}
# (JSON: \uXXXX escapes that decode to the same document as in a UTF-8
# locale), deputy's own arrow as "->" and a repository's as \u{2192}, an en
# dash in a folder's name not made a hyphen. In a UTF-8 locale the same
# text is UTF-8, as before.
source "$(dirname "$0")/lib.sh"

R="$WORK/repo"
mkdir -p "$R/x"$'\xc4\x9b'"2J"
printf 'reqeusts==1.0\nsix\n' >"$R/x"$'\xc4\x9b'"2J/requirements.txt"
printf 'pkg @ https://example.org/caf\xc3\xa9.tar.gz\n' >"$R/requirements.txt"
mkdir -p "$R/dev-x" "$R/dev"$'\xe2\x80\x93'"x" "$R/a"$'\xe2\x86\x92'"b"
printf 'six\n' >"$R/dev-x/requirements.txt"
printf 'reqeusts==1.0\n' >"$R/dev"$'\xe2\x80\x93'"x/requirements.txt"
printf 'flask\n' >"$R/a"$'\xe2\x86\x92'"b/requirements.txt"
cat >"$R/poetry.lock" <<'LOCK'
[[package]]
name = "requests"
version = "2.31.0"

[package.dependencies]
urlib3 = "*"

[[package]]
name = "urlib3"
version = "1.0"
LOCK
printf '[tool.poetry.dependencies]\nrequests = "2.31.0"\n' >"$R/pyproject.toml"

# high_bytes FILE: how many bytes above 0x7f FILE holds.
high_bytes() {
	LC_ALL=C tr -d '\000-\177' <"$1" | wc -c
}

for loc in C POSIX; do
	LC_ALL=$loc "$DEPUTY" scan "$R" >"$WORK/$loc.txt" 2>"$WORK/$loc.err"
	expect_eq "scan in the $loc locale exit" "$?" 1
	expect_eq "no byte above 0x7f in the $loc locale's text report" "$(high_bytes "$WORK/$loc.txt")" 0
done
expect_grep "a repository's character as an escape" '^  x\\u\{011b\}2J/requirements\.txt:1:1: pypi manifest reqeusts ==1\.0$' "$WORK/C.txt"
expect_grep "a URL's character too" 'pkg @ https://example\.org/caf\\u\{00e9\}\.tar\.gz$' "$WORK/C.txt"
expect_grep "deputy's own arrow as ASCII" '\(pulled in by requests -> urlib3\)' "$WORK/C.txt"
expect_grep "a repository's arrow as an escape" '^  a\\u\{2192\}b/requirements\.txt:1:1: pypi manifest flask$' "$WORK/C.txt"
expect_grep "an en dash is not a hyphen" '^  dev\\u\{2013\}x/requirements\.txt:1:1: pypi manifest reqeusts' "$WORK/C.txt"
expect_grep "and the hyphen stays one" '^  dev-x/requirements\.txt:1:1: pypi manifest six$' "$WORK/C.txt"

LC_ALL=C.UTF-8 "$DEPUTY" scan "$R" >"$WORK/utf8.txt" 2>&1
expect_eq "scan in a UTF-8 locale exit" "$?" 1
expect_grep "UTF-8 as it is in a UTF-8 locale" $'^  x\xc4\x9b2J/requirements\\.txt:1:1: pypi manifest reqeusts' "$WORK/utf8.txt"
expect_grep "and deputy's arrow" $'\\(pulled in by requests \xe2\x86\x92 urlib3\\)' "$WORK/utf8.txt"

LC_ALL=C "$DEPUTY" scan --format json "$R" >"$WORK/C.json" 2>&1
expect_eq "JSON scan in the C locale exit" "$?" 1
expect_eq "no byte above 0x7f in the C locale's JSON" "$(high_bytes "$WORK/C.json")" 0
LC_ALL=C.UTF-8 "$DEPUTY" scan --format json "$R" >"$WORK/utf8.json" 2>&1
python3 - "$WORK/C.json" "$WORK/utf8.json" >"$WORK/json.checks" 2>&1 <<'PY'
import json, sys
a, b = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
paths = [f["path"] for f in a["files"]]
print("same" if a == b and "x\u011b2J/requirements.txt" in paths else "differ: %r" % paths)
PY
expect_grep "the C locale's JSON decodes to the UTF-8 locale's" '^same$' "$WORK/json.checks"


# A message on stderr naming a path with such a character.
LC_ALL=C "$DEPUTY" scan "$WORK/no-such-"$'\xc4\x9b' >"$WORK/err.out" 2>"$WORK/err.txt"
expect_eq "scan of a missing folder exit" "$?" 2
expect_grep "the message names it escaped" 'no-such-\\u\{011b\}' "$WORK/err.txt"
expect_eq "no byte above 0x7f in the message" "$(high_bytes "$WORK/err.txt")" 0

# The configuration file's warnings, a key with such a character.
mkdir -p "$WORK/config/deputy"
printf '{"th\xc4\x9bme": "x"}\n' >"$WORK/config/deputy/config.json"
LC_ALL=C XDG_CONFIG_HOME="$WORK/config" "$DEPUTY" scan "$R" >/dev/null 2>"$WORK/config.txt"
expect_grep "a configuration warning names the key escaped" '"th\\u\{011b\}me" is not a known key' "$WORK/config.txt"
expect_eq "no byte above 0x7f in the configuration warning" "$(high_bytes "$WORK/config.txt")" 0
finish
