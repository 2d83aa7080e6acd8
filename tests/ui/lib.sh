# Helpers for the UI tests (tig's style): the real deputy binary in a detached
# tmux session of fixed size, keys sent with send-keys, the screen read with
# capture-pane. Each test is a bash script taking the deputy binary and
# tests/repo/make-fixture.sh as arguments and sourcing this file.
# shellcheck shell=bash
set -uo pipefail

DEPUTY=${1:?deputy binary}
MAKE_FIXTURE=${2:?make-fixture.sh}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/deputy-ui-XXXXXX")
SOCKET="deputy-test-$$"
SCREEN="$WORK/screen.txt"
TMUX_CMD=(tmux -L "$SOCKET" -f "$WORK/tmux.conf")

cleanup() {
	"${TMUX_CMD[@]}" kill-server >/dev/null 2>&1
	# tmux leaves the socket file of a private server behind.
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCKET"
	rm -rf "$WORK"
}
trap cleanup EXIT

# No status bar (the pane is the whole window), keep the pane after the
# program exits so its exit status can be read, and keep the server when a
# test kills its session to start another (an exiting server can take the
# next new-session down with it).
cat >"$WORK/tmux.conf" <<'CONF'
set -s exit-empty off
set -g status off
set -g remain-on-exit on
set -g default-terminal tmux-256color
set -g history-limit 0
CONF

source "$(dirname "${BASH_SOURCE[0]}")/../check.sh"

on_fail() {
	if [ -f "$SCREEN" ]; then
		echo "--- screen ---" >&2
		cat "$SCREEN" >&2
		echo "--------------" >&2
	fi
}

make_fixture() {
	bash "$MAKE_FIXTURE" "$WORK/repo" >"$WORK/fixture.log" 2>&1 ||
		{ echo "make-fixture.sh failed:" >&2; cat "$WORK/fixture.log" >&2; exit 1; }
}

# start_deputy COLS ROWS ARGS...: runs deputy ARGS in a UTF-8 locale; its exit
# status lands in $WORK/exit-status when it ends.
start_deputy() {
	local cols=$1 rows=$2
	shift 2
	start_command "$cols" "$rows" env -u NO_COLOR LANG=C.UTF-8 LC_ALL=C.UTF-8 HOME="$WORK" \
		"$DEPUTY" "$@"
}

# start_command COLS ROWS COMMAND...: the same for any command line.
start_command() {
	local cols=$1 rows=$2
	shift 2
	local cmd
	rm -f "$WORK/exit-status"
	cmd="$(printf '%q ' "$@"); echo \$? >$(printf '%q' "$WORK/exit-status")"
	# after a kill-server the old server may still be exiting, and a client
	# that reaches it fails ("server exited unexpectedly"): try again
	local try
	for ((try = 0; try < 20; try++)); do
		"${TMUX_CMD[@]}" new-session -d -s ui -x "$cols" -y "$rows" "$cmd" 2>"$WORK/tmux.err" &&
			return 0
		"${TMUX_CMD[@]}" has-session -t ui 2>/dev/null && break
		sleep 0.1
	done
	echo "tmux new-session failed: $(cat "$WORK/tmux.err")" >&2
	exit 1
}

capture() {
	"${TMUX_CMD[@]}" capture-pane -p -t ui >"$SCREEN" 2>/dev/null
}

keys() {
	"${TMUX_CMD[@]}" send-keys -t ui "$@"
}

pane_format() {
	"${TMUX_CMD[@]}" display-message -p -t ui "$1" 2>/dev/null
}

# wait_for PATTERN [SECONDS]: until the screen has a line matching the
# extended regex PATTERN; 0 when it appeared, 1 after the timeout.
wait_for() {
	local pattern=$1 limit=$(( ${2:-10} * 20 )) i
	for ((i = 0; i < limit; i++)); do
		capture
		if grep -qE -- "$pattern" "$SCREEN"; then
			return 0
		fi
		sleep 0.05
	done
	return 1
}

# wait_gone PATTERN [SECONDS]: until no line matches.
wait_gone() {
	local pattern=$1 limit=$(( ${2:-10} * 20 )) i
	for ((i = 0; i < limit; i++)); do
		capture
		if ! grep -qE -- "$pattern" "$SCREEN"; then
			return 0
		fi
		sleep 0.05
	done
	return 1
}

# expect WHAT PATTERN: the screen (waited for) has a line matching PATTERN.
expect() {
	if wait_for "$2" 5; then ok; else fail "$1: no line matching '$2'"; fi
}

# expect_not WHAT PATTERN: no line matches PATTERN (after the screen settled).
expect_not() {
	if wait_gone "$2" 2; then ok; else fail "$1: unexpected line matching '$2'"; fi
}

# wait_status PATTERN [SECONDS] [SESSION]: until the last line (the status
# line) matches. ncurses writes a large screen in more than one write, so the
# top rows can be on the screen before the status line is.
wait_status() {
	local pattern=$1 limit=$(( ${2:-10} * 20 )) session=${3:-ui} i
	for ((i = 0; i < limit; i++)); do
		"${TMUX_CMD[@]}" capture-pane -p -t "$session" >"$SCREEN" 2>/dev/null
		tail -n 1 "$SCREEN" | grep -qE -- "$pattern" && return 0
		sleep 0.05
	done
	return 1
}

# The status line: the last line of the screen.
status_line() {
	capture
	tail -n 1 "$SCREEN"
}

# next_flag [KEY]: presses n (or KEY) and waits until the status line shows a
# flag position and is no longer what it was before the key: ncurses draws it
# last, so $SCREEN then holds the whole screen of the entry the key went to
# (not the old one). 1 after 5 s. Call it on a settled screen.
next_flag() {
	local before line i
	before=$(status_line)
	keys "${1:-n}"
	for ((i = 0; i < 100; i++)); do
		capture
		line=$(tail -n 1 "$SCREEN")
		if [ "$line" != "$before" ] && [[ $line =~ flag\ [0-9]+\ of\ [0-9]+\ *$ ]]; then
			return 0
		fi
		sleep 0.05
	done
	return 1
}

# wait_exit [SECONDS]: until the program in the pane exited; prints its status.
wait_exit() {
	local limit=$(( ${1:-10} * 20 )) i
	for ((i = 0; i < limit; i++)); do
		if [ -s "$WORK/exit-status" ]; then
			cat "$WORK/exit-status"
			return 0
		fi
		sleep 0.05
	done
	return 1
}

# The number of flagged entries, read from the status line ("flag i of N" or "N flagged").
flag_total() {
	local line
	line=$(status_line)
	if [[ $line =~ flag\ [0-9]+\ of\ ([0-9]+) ]]; then
		echo "${BASH_REMATCH[1]}"
	elif [[ $line =~ ([0-9]+)\ flagged ]]; then
		echo "${BASH_REMATCH[1]}"
	else
		echo 0
	fi
}

# walk_flags: presses n through every flagged entry. For each it checks the
# status line counts "flag i of N", focuses the detail pane (Tab) and checks
# it shows at least one finding line ("SEVERITY  title [rule]"), then scrolls
# it one page (PgDn, then Tab back) so that later findings are seen too. Every
# screen is appended to $WORK/walk.txt, each preceded by a "=== flag i" line.
walk_flags() {
	local total i w
	total=$(flag_total)
	: >"$WORK/walk.txt"
	if [ "$total" -gt 0 ]; then ok; else fail "the status line counts no flagged entries"; fi
	for ((i = 1; i <= total; i++)); do
		keys n
		if wait_for "flag $i of $total *\$" 5; then ok; else fail "after $i x n: 'flag $i of $total'"; fi
		# The blame is looked up once the keys stop and redraws the detail
		# (its lines push the findings down) without touching the status
		# line: wait until it is in, then for Tab's screen, whose status line
		# is drawn after all of that, before reading the detail.
		wait_gone 'Blame: looking it up' 5 >/dev/null
		keys Tab
		wait_status 'focus: detail' 5 || fail "flag $i: Tab did not focus the detail"
		if grep -qE "$FINDING_LINE" "$SCREEN"; then
			ok
		else
			fail "flag $i: the detail shows no finding line (SEVERITY  title [rule])"
		fi
		echo "=== flag $i" >>"$WORK/walk.txt"
		cat "$SCREEN" >>"$WORK/walk.txt"
		# PgDn clears Tab's message (or says "end of the detail"): until the
		# status line changed, the screen is not the scrolled one yet.
		keys NPage
		for ((w = 0; w < 100; w++)); do
			capture
			tail -n 1 "$SCREEN" | grep -q 'focus: detail' || break
			sleep 0.05
		done
		wait_gone 'Blame: looking it up' 5 >/dev/null
		cat "$SCREEN" >>"$WORK/walk.txt"
		keys Tab
		wait_for 'focus: tree' 5 >/dev/null
	done
	WALK_TOTAL=$total
}

# A finding's first line in the detail pane.
FINDING_LINE='^ (CRITICAL|HIGH|MEDIUM|LOW|INFO)  .+ \[[a-z0-9-]+\]'
