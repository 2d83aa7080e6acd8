#!/usr/bin/env bash
# The audit screen on every kind of terminal: TERM=xterm-256color, xterm and
# vt100, with and without NO_COLOR, in a UTF-8 and in the C locale, at 80x24
# and 200x60, and with --ascii. Each starts, draws the tree and the status
# line, uses ASCII line drawing where it must (no byte above 0x7f on the
# screen), no colour with NO_COLOR or on vt100, only the 8 basic colours on
# xterm, never cuts a wide character, and quits with q. The sessions run side
# by side in one tmux server to keep the test fast.
source "$(dirname "$0")/lib.sh"

# A plain folder with wide names: a CJK folder, a CJK R package, and one long
# enough to be cut with an ellipsis in any tree pane.
LONG="a$(printf '数据%.0s' {1..45})"
mkdir -p "$WORK/wide/日本語フォルダ"
printf 'requests==2.31.0\nurlib3==1.26.0\nnumpy==1.26.4\n' >"$WORK/wide/requirements.txt"
printf 'flask==3.0.0\n' >"$WORK/wide/日本語フォルダ/requirements.txt"
printf 'library(dplyr)\n# 中文 🎉\nlibrary("数据包")\nlibrary("%s")\n' "$LONG" >"$WORK/wide/analysis.R"

# run NAME COLS ROWS TERM NO_COLOR(0/1) LOCALE ARGS...: starts a session.
declare -A COLS ASCII NOCOLOR TERMS THEMES
run() {
	local name=$1 cols=$2 rows=$3 term=$4 nocolor=$5 locale=$6
	shift 6
	local colour_env=(-u NO_COLOR)
	[ "$nocolor" = 1 ] && colour_env=(NO_COLOR=1)
	COLS[$name]=$cols
	NOCOLOR[$name]=$nocolor
	TERMS[$name]=$term
	ASCII[$name]=0
	if [ "$locale" = C ] || [[ " $* " == *" --ascii "* ]]; then
		ASCII[$name]=1
	fi
	local cmd
	cmd="$(printf '%q ' env "${colour_env[@]}" TERM="$term" LANG="$locale" LC_ALL="$locale" \
		HOME="$WORK" "$DEPUTY" "$@" "$WORK/wide"); echo \$? >$(printf '%q' "$WORK/exit-$name")"
	"${TMUX_CMD[@]}" new-session -d -s "$name" -x "$cols" -y "$rows" "$cmd" ||
		{ echo "tmux new-session failed" >&2; exit 1; }
}

cap() {   # cap NAME [-e]: the screen of session NAME into $SCREEN
	"${TMUX_CMD[@]}" capture-pane -p ${2:+"$2"} -t "$1" >"$SCREEN" 2>/dev/null
}

wait_in() {   # wait_in NAME PATTERN: until the screen has a matching line
	local i
	for ((i = 0; i < 200; i++)); do
		cap "$1"
		grep -qE -- "$2" "$SCREEN" && return 0
		sleep 0.05
	done
	return 1
}

# Each terminal meets both sizes and both themes in each locale.
n=0
t=0
for term in xterm-256color xterm vt100; do
	for nocolor in 0 1; do
		for locale in C.UTF-8 C; do
			if (((nocolor + t) % 2)); then size=(200 60); else size=(80 24); fi
			if (((n + nocolor) % 2)); then theme=default; else theme=colour-blind; fi
			run "s$n" "${size[@]}" "$term" "$nocolor" "$locale" --theme "$theme"
			THEMES[s$n]=$theme
			n=$((n + 1))
		done
	done
	t=$((t + 1))
done
run ascii80 80 24 xterm-256color 0 C.UTF-8 --ascii
run ascii200 200 60 xterm-256color 0 C.UTF-8 --ascii --theme high-contrast

for name in "${!COLS[@]}"; do
	what="$name (TERM=${TERMS[$name]} theme ${THEMES[$name]:-} NO_COLOR=${NOCOLOR[$name]} ascii=${ASCII[$name]} ${COLS[$name]} columns)"
	if wait_in "$name" '^ Files \('; then ok; else fail "$what: no tree title"; continue; fi
	wait_in "$name" 'requirements\.txt' >/dev/null || fail "$what: no requirements.txt row"
	# The tree can be on the screen before ncurses has written the last line
	# (a large terminal takes more than one write): wait for the status line.
	if wait_status '(flagged|flag [0-9]+ of [0-9]+) *$' 10 "$name"; then
		ok
	else
		fail "$what: no status line"
	fi
	# Every line fits the terminal, measured in display columns.
	width=$(LC_ALL=C.UTF-8 wc -L <"$SCREEN")
	if [ "$width" -le "${COLS[$name]}" ]; then ok; else fail "$what: a line is $width columns wide"; fi
	if [ "${ASCII[$name]}" = 1 ]; then
		if LC_ALL=C grep -q $'[\x80-\xff]' "$SCREEN"; then
			fail "$what: bytes above 0x7f on an ASCII screen"
		else
			ok
		fi
		grep -qE '^ .  - requirements\.txt' "$SCREEN" && ok || fail "$what: no ASCII fold mark"
		grep -qE 'a\?+\.\.\.' "$SCREEN" && ok || fail "$what: the long name is not cut with ..."
	else
		grep -qE '^ .  ▾ requirements\.txt' "$SCREEN" && ok || fail "$what: no ▾ fold mark"
		grep -q '数据包' "$SCREEN" && ok || fail "$what: no CJK package name"
		# Cut after a whole character: "a数据数据…数…" never shows half a 数.
		grep -qE 'a(数据)*数?…' "$SCREEN" && ok || fail "$what: the long name is not cut with …"
		if [ "${COLS[$name]}" -ge 110 ]; then
			grep -q '│' "$SCREEN" && ok || fail "$what: no │ between the panes"
		fi
	fi
	# The SGR parameters on the screen: attributes only without colours.
	cap "$name" -e
	params=$(grep -oE $'\e\\[[0-9;]*m' "$SCREEN" | tr -d $'\e[m' | tr ';' '\n' | sort -u | tr '\n' ' ')
	if [ "${NOCOLOR[$name]}" = 1 ] || [ "${TERMS[$name]}" = vt100 ]; then
		if grep -qE '(^| )(3[0-8]|4[0-8]|9[0-7]|10[0-7])( |$)' <<<"$params"; then
			fail "$what: colours with NO_COLOR or on vt100 (SGR $params)"
		else
			ok
		fi
		grep -qE '(^| )7( |$)' <<<"$params" && ok || fail "$what: no reverse video (SGR $params)"
	elif [ "${TERMS[$name]}" = xterm ]; then
		# 256-colour numbers map to the 8 basic colours: no "38;5;N".
		if grep -qE '(^| )(38|48)( |$)' <<<"$params"; then
			fail "$what: 256-colour escapes on an 8-colour terminal (SGR $params)"
		else
			ok
		fi
		grep -qE '(^| )3[0-7]( |$)' <<<"$params" && ok || fail "$what: no colours (SGR $params)"
	elif [ "${THEMES[$name]:-}" = colour-blind ]; then
		# Its 256-colour numbers are used as they are.
		grep -qE '(^| )38( |$)' <<<"$params" && ok || fail "$what: no 256 colours (SGR $params)"
	else
		grep -qE '(^| )3[0-7]( |$)' <<<"$params" && ok || fail "$what: no colours (SGR $params)"
	fi
	"${TMUX_CMD[@]}" send-keys -t "$name" q
done

for name in "${!COLS[@]}"; do
	for ((i = 0; i < 100; i++)); do
		[ -s "$WORK/exit-$name" ] && break
		sleep 0.05
	done
	status=$(cat "$WORK/exit-$name" 2>/dev/null)
	if [ "$status" = 0 ]; then ok; else fail "$name: exit status '${status:-none}' after q"; fi
done
finish
