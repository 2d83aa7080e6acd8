#!/usr/bin/env bash
# hostile_test.sh DEPUTY [CASE...]: builds each hostile repository of
# cases.sh at test time and scans it (text, then JSON). For each: no crash
# (exit 0 or 1, or 2 with a message where the case allows it), no hang (a
# time cap), the expected diagnostic where something is skipped, nothing
# written into the repository (a listing with checksums before and after),
# no process started and no connection opened (strace: one execve, no
# connect), nothing a hook, filter or configured command would do, and no
# control byte in the output (below 0x20 but newline and tab, 0x7f, C1).
# Ends with "N checks, N failed".
set -uo pipefail
DEPUTY=${1:?deputy binary}
shift
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/deputy-hostile-XXXXXX")
trap 'chmod -R u+rwX "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
MARK="$WORK/MARK-must-not-exist"
source "$HERE/../check.sh"
source "$HERE/cases.sh"
export XDG_CACHE_HOME="$WORK/cache" XDG_CONFIG_HOME="$WORK/config" HOME="$WORK/home"
export GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME"
CAP=60      # seconds a scan may take on any case

# What a case's scan must say (a regular expression over its text output).
declare -A SAYS=(
	[huge_line]='requirements\.txt.*(too large|larger than)'
	[sparse_10g]='requirements\.txt.*(too large|larger than)'
	[notebook_1g]='big\.ipynb.*(too large|larger than)'
	[include_chain]='(deep|depth|nested)'
	[include_outside]='(outside|leaves|absolute)'
	[symlinks]='(outside|link)'
	[submodule_url]='submodule'
	[deep_toml]='(deep|nest|limit)'
	[deep_json]='(deep|nest|limit)'
	[nul_bytes]='(binary|NUL|nul)'
	[git_config_commands]='git repository cannot be used.*plain folder'
	[special_files]='sub/pyproject\.toml.*FIFO, socket or device, not a regular file'
	[gitlab_extends]='long/\.gitlab-ci\.yml.*more before_script text than deputy replays'
)
# Cases whose --rev HEAD scan may fail (exit 2), with a message.
declare -A REV_MAY_FAIL=([corrupt_object]=1 [truncated_pack]=1 [bare_and_shallow_refs]=1
	[gitdir_file]=1 [git_config_commands]=1)
# Cases with a commit that git itself refuses to name: deputy's --rev scan
# says why (exit 2); its working-tree scan reads the files as a plain folder.
declare -A HAS_REV=([git_config_commands]=1)

listing() {
	(cd "$1" && find . -printf '%p %y %s %m %l\n' 2>/dev/null | LC_ALL=C sort &&
		find . -type f -readable -size -64M -print0 2>/dev/null | LC_ALL=C sort -z |
		xargs -0 -r sha256sum 2>/dev/null)
}

# controls FILE: prints the first offending byte's offset, or nothing.
controls() {
	python3 - "$1" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
m = re.search(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]", data)
if m:
    print("byte %r at offset %d: %r" % (m.group(0), m.start(), data[max(0, m.start() - 30):m.start() + 10]))
PY
}

# scan NAME REPO LABEL ARGS...: one scan under a time cap (the text one also
# under strace); checks.
scan() {
	local name=$1 repo=$2 label=$3 out="$WORK/$1.$3"
	shift 3
	local start rc took execs
	local tracer=()
	# LeakSanitizer cannot work under ptrace: the traced run leaves leaks to the others
	[ "$label" = text ] && tracer=(env "ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
		strace -f -qq -e trace=execve,connect -o "$out.trace")
	start=$(date +%s)
	timeout -k 5 "$CAP" "${tracer[@]}" "$DEPUTY" scan "$@" "$repo" >"$out.out" 2>"$out.err"
	rc=$?
	took=$(( $(date +%s) - start ))
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		fail "$name ($label): no result within ${CAP}s"
		return
	fi
	ok
	if [ "$rc" -le 1 ] || { [ "$rc" -eq 2 ] && [ -n "${REV_MAY_FAIL[$name]:-}" ] &&
		[ "$label" = rev ] && [ -s "$out.err" ]; }; then ok
	else fail "$name ($label): exit $rc ($(head -c 300 "$out.err"))"; fi
	if [ "$label" = text ]; then
		execs=$(grep -c 'execve(' "$out.trace")
		if [ "$execs" -eq 1 ]; then ok
		else fail "$name ($label): $execs execve calls: $(grep execve "$out.trace" | tail -2)"; fi
		if grep -q 'connect(' "$out.trace"; then
			fail "$name ($label): connect() $(grep connect "$out.trace" | head -2)"
		else ok; fi
	fi
	for f in "$out.out" "$out.err"; do
		local bad
		bad=$(controls "$f")
		if [ -z "$bad" ]; then ok; else fail "$name ($label): a control byte in $(basename "$f"): $bad"; fi
	done
	echo "  $name ($label): exit $rc in ${took}s" >&2
}

# The sanitizer pass (DEPUTY_TEST_QUICK) runs the cases that feed the
# parsers odd bytes and deep nesting; the ones about sizes, history and git
# plumbing (gigabytes written, 100,000 commits) run in the plain pass only.
QUICK=" ansi_names bidi_names invalid_utf8 include_bomb include_outside symlinks deep_toml "
QUICK+=" deep_json deep_r deep_yaml deep_python control_lines nul_bytes long_name review_file_big "
only=("$@")
if [ ${#only[@]} -eq 0 ]; then
	for c in "${CASES[@]}"; do
		[ -n "${DEPUTY_TEST_QUICK:-}" ] && [[ $QUICK != *" $c "* ]] && continue
		only+=("$c")
	done
fi
for name in "${only[@]}"; do
	repo="$WORK/$name/repo"
	mkdir -p "$WORK/$name"
	if ! ( "case_$name" "$repo" ) >"$WORK/$name.build" 2>&1; then
		fail "$name: the case could not be built: $(tail -3 "$WORK/$name.build")"
		continue
	fi
	echo "  $name: built in $SECONDS s since start" >&2
	listing "$repo" >"$WORK/$name.before"
	scan "$name" "$repo" text
	if [ -n "${SAYS[$name]:-}" ]; then
		if grep -qiE -- "${SAYS[$name]}" "$WORK/$name.text.out" "$WORK/$name.text.err"; then ok
		else fail "$name: no diagnostic matching '${SAYS[$name]}'"; tail -5 "$WORK/$name.text.out" >&2; fi
	fi
	scan "$name" "$repo" json --format json
	if [ -s "$WORK/$name.json.out" ]; then
		if python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$WORK/$name.json.out" 2>/dev/null
		then ok; else fail "$name: the JSON output does not parse"; fi
	fi
	# a revision too, where there is one (a corrupt one may fail, with a message)
	if [ -n "${REV_MAY_FAIL[$name]:-}" ] || [ -n "${HAS_REV[$name]:-}" ] ||
		git -C "$repo" rev-parse -q --verify HEAD >/dev/null 2>&1; then
		scan "$name" "$repo" rev --rev HEAD
	fi
	listing "$repo" >"$WORK/$name.after"
	if cmp -s "$WORK/$name.before" "$WORK/$name.after"; then ok
	else fail "$name: the repository changed"; diff "$WORK/$name.before" "$WORK/$name.after" | head -5 >&2; fi
	if [ -e "$MARK" ]; then fail "$name: a hook, filter or configured command ran"; rm -f "$MARK"; else ok; fi
	# the big ones go at once: the next cases need the room
	chmod -R u+rwX "$WORK/$name" 2>/dev/null
	rm -rf "$WORK/$name"
done
finish
