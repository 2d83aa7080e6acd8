#!/usr/bin/env bash
# The UI half of the hostile repositories (issue #9): the hostile cases of
# tests/hostile/cases.sh whose text reaches the screen, each opened from a
# shell in a tmux pane. Before deputy starts the shell sets a known pane title
# and prints a marker line; deputy is then walked through the list, the
# detail pane, the file view, the help, a search and every shipped theme,
# and each screen is captured as text (capture-pane -p) and with its
# attributes (-e). On every capture: no control character (C0 but newline,
# DEL, C1) nor bidi or zero-width character, only SGR sequences in -e, and
# every cell's colours and attributes one of the active theme's element
# styles; the pane title never changes. Over each case's captures: the
# repository's hostile characters show as deputy's visible escapes (\e,
# \x07, \u{202e}, \xff; core/base/escape.c). After q: the shell's screen is
# back as it was, marker line in place, and the title is unchanged.
source "$(dirname "$0")/lib.sh"

HERE=$(cd "$(dirname "$0")" && pwd)
THEMES="$HERE/../../themes"
MARK="$WORK/MARK-must-not-exist"
source "$HERE/../hostile/cases.sh"
TITLE=deputy-test-title
MARKER=hostile-ui-marker-line
COLS=100
ROWS=30

# What each case must show, one extended regex a line: the escapes deputy draws for
# the repository's hostile bytes (ESC as \e, BEL as \x07, bidi controls and C1 as
# \u{XXXX}, invalid UTF-8 as \xNN).
declare -A SHOWS=(
	[ansi_names]='^ +\\e\]52;c;cGF5bG9hZA==\\x07 *$
\| evil\\e\[31mred\\e\[0m==1\.0 *$
\| x\\e\]0;pwned\\x07==1 *$
\| clear\\e\[2J\\e\[H==1 *$'
	[bidi_names]='\| reque\\u\{202e\}sts==1\.0 *$
\| \\u\{2066\}flask\\u\{2069\}==2\.0 *$
\| pkg\\u\{009b\}31m==1 *$
\| zw\\u\{200b\}j==1 *$'
	[ansi_file_names]='^ File( \(line marked\))?: requirements/(x\\e\]0;pwned\\x07|y\\e\[2Jz)\.txt   q
requirements/x\\e\]0;pwned\\x07\.txt
requirements/y\\e\[2Jz\.txt
requirements/new\\nline\.txt'
	[ansi_commit_author]='^Blame: [0-9a-f]{8} Mal\\e\]0;pwned\\x07lory <m\\e\[31m@x>
^ +msg \\e\[2J\\e\]0;title\\x07 end *$'
	[invalid_utf8]='\| caf\\xe9==1\.0 *$
\| \\xff\\xfe\\xfd==2 *$
\| ok==1 # \\xc3\( \\xe2\\x82 \\xf0\\x90\\x80 *$
\| \\xed\\xa0\\x80x==1 *$
\| library\(\\xff\\xfe\) *$'
	[control_lines]='http://evil\.example/\\e\[31mx\.R
install_github\("a/b\\e\]0;x\\x07"\)
\| req\\rests==1 *$
\| num\\x08py==1 *$
\| \\x7fdel==1 *$
\| form\\x0cfeed==1 *$
\| vt\\x0b==1 *$'
	[submodule_url]='^skipped: git submodule
^note: submodule from ext::sh -c touch% '
	[long_name]='^ +b{80,}… *$
^ +1 \| a{80,}… *$'
	[review_file_big]='^ gone05000\\u\{202e\} \(pypi\) \[unpinned\] *$
^   in r\\e\[Kq\.txt *$
^   accepted by r\\u\{009b\}31m on 2026-01-01: ok \\u\{202e\} *$
^ gone05004\\e\]0;pwned\\x07 \(pypi\) \[typo\\e\[31msquat\] *$'
)
# A word to search for in each case.
declare -A WORD=([ansi_names]=cGF5 [bidi_names]=requirements [ansi_file_names]=pwned
	[ansi_commit_author]=requests [invalid_utf8]=ok [control_lines]=evil
	[submodule_url]=flask [long_name]=bbbb [review_file_big]=zq00001)
# deputy's arguments beyond the repository.
declare -A ARGS=([submodule_url]='--rev HEAD')
ORDER=(ansi_names bidi_names ansi_file_names ansi_commit_author invalid_utf8 control_lines
	submodule_url long_name review_file_big)
# Cases whose review file has stale decisions: their page (S) is walked too.
declare -A STALE=([review_file_big]=1)
# The sanitizer pass of scripts/test (DEPUTY_TEST_QUICK) walks the first two
# cases only: the rest is the same code under other input.
[ -z "${DEPUTY_TEST_QUICK:-}" ] || ORDER=("${ORDER[@]:0:2}")

# Runs deputy from the pane's shell; its exit status lands in $WORK/exit-status.
DEPUTY_PATH="$(cd "$(dirname "$DEPUTY")" && pwd)/$(basename "$DEPUTY")"
cat >"$WORK/run.sh" <<RUN
env -u NO_COLOR LANG=C.UTF-8 LC_ALL=C.UTF-8 HOME="$WORK" "$DEPUTY_PATH" "\$@"
echo \$? >"$WORK/exit-status"
RUN

# A process costs a tenth of a second on a loaded machine: the waits and the
# parsing use the shell's builtins, and each look at the pane is one tmux call.
# nap SECONDS: sleeps (read times out on a pipe nobody writes).
exec {NAP_FD}<> <(:)
nap() {
	read -r -t "$1" -u "$NAP_FD" _
}

# grab [KEYS...]: sends KEYS, pauses, and reads the screen as text and with
# attributes and the pane's title into GRAB_P, GRAB_E and GRAB_TITLE.
SEP='=@=hostile-ui=@='
grab() {
	local part=0 line
	local -a parts=("" "" "")
	[ $# -gt 0 ] && "${TMUX_CMD[@]}" send-keys -t ui "$@"
	nap 0.08
	"${TMUX_CMD[@]}" capture-pane -p -t ui \; display-message -p "$SEP" \; \
		capture-pane -p -e -t ui \; display-message -p "$SEP" \; \
		display-message -p -t ui '#{pane_title}' >"$WORK/grab" 2>/dev/null
	while IFS= read -r line; do
		if [ "$line" = "$SEP" ]; then
			part=$((part + 1))
		else
			parts[part]+="$line"$'\n'
		fi
	done <"$WORK/grab"
	GRAB_P=${parts[0]} GRAB_E=${parts[1]} GRAB_TITLE=${parts[2]%$'\n'}
	printf '%s' "$GRAB_P" >"$SCREEN"
}

# steady: true when the screen, looked at again after a pause, is GRAB_P still.
steady() {
	local line again=
	nap 0.05
	"${TMUX_CMD[@]}" capture-pane -p -t ui >"$WORK/again" 2>/dev/null
	while IFS= read -r line; do again+="$line"$'\n'; done <"$WORK/again"
	[ "$again" = "$GRAB_P" ]
}

# grab_settled: grabs until the screen holds still.
grab_settled() {
	local i
	for ((i = 0; i < 20; i++)); do
		grab
		steady && return 0
	done
	return 1
}

# shoot LABEL: saves the last grab with the active theme for the checks, and
# checks the pane's title.
shoot() {
	local label=$1 file
	STEP=$((STEP + 1))
	printf -v file '%s/%02d' "$CASE_DIR" "$STEP"
	printf '%s' "$GRAB_P" >"$file.p"
	printf '%s' "$GRAB_E" >"$file.e"
	printf '%s\t%s\t%s\n' "$CASE $label" "$THEMES/$THEME.json" "$file" >>"$WORK/manifest"
	if [ "$GRAB_TITLE" = "$TITLE" ]; then ok; else fail "$CASE $label: the pane title became '$GRAB_TITLE'"; fi
}

# step [-u REGEX] LABEL KEYS...: sends KEYS, waits until the screen changed
# (or four looks showed no change; with -u: until a line matches REGEX, at
# most about 8 s) and holds still, and shoots it. Nothing once deputy has
# left (the keys would go to the shell).
step() {
	local until='' label i previous=$GRAB_P limit=20
	if [ "$1" = -u ]; then until=$2 limit=40; shift 2; fi
	label=$1
	shift
	[ -n "$GONE" ] && return
	if [ -e "$WORK/exit-status" ]; then
		GONE=1
		fail "$CASE: deputy left before the step $label"
		return
	fi
	grab "$@"
	for ((i = 0; i < limit; i++)); do
		if [ -n "$until" ]; then
			grep -qE -- "$until" <<<"$GRAB_P" && steady && break
		elif [ "$i" -ge 3 ] || [ "$GRAB_P" != "$previous" ]; then
			steady && break
		fi
		grab
	done
	[ "$i" -lt "$limit" ] || fail "$CASE $label: the screen did not settle${until:+ on '$until'}"
	shoot "$label"
}

# close_view LABEL: q, when the file view is open (q elsewhere leaves deputy).
close_view() {
	if [[ $GRAB_P =~ (^|$'\n')\ File(\ \(line\ marked\))?:\  ]]; then step "$1" q; fi
}

# The checks on each screen (python: the SGR parser). Reads the manifest's
# lines "LABEL<tab>THEME.json<tab>FILE" (FILE.p, FILE.e: the captures), prints
# "ok" or "fail: WHY" per check, then "end".
check_captures() {
	python3 - "$1" "$THEMES/default.json" <<'PY'
import json, re, sys

NAMES = {"black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7}
ATTRS = {"bold": 1, "dim": 2, "italic": 3, "underline": 4, "reverse": 7, "standout": 7}
SGR_ON = {1, 2, 3, 4, 5, 7, 8, 9}
SGR_OFF = {22: (1, 2), 23: (3,), 24: (4,), 25: (5,), 27: (7,), 28: (8,), 29: (9,)}

def colour(v):
    return -1 if v == "default" else NAMES[v] if isinstance(v, str) else int(v)

def styles(path, default):
    # Every style the theme gives an element (at 256 colours), plus plain and
    # bold text (the scanning screen and the too-small message).
    elements = dict(default)
    elements.update(json.load(open(path))["elements"])
    out = {(-1, -1, frozenset()), (-1, -1, frozenset({1}))}
    for name, s in elements.items():
        base = default.get(name, {})
        fg = colour(s.get("fg", base.get("fg", "default")))
        bg = colour(s.get("bg", base.get("bg", "default")))
        attrs = frozenset(ATTRS[a] for a in s.get("attrs", base.get("attrs", [])))
        out.add((fg, bg, attrs))
    return out

def show(style):
    fg, bg, attrs = style
    return "fg %s bg %s attrs %s" % (fg, bg, sorted(attrs) or "none")

# C0 but newline, DEL, C1, and the invisible format characters deputy escapes
# (bidi controls, zero widths: core/base/escape.c). tmux acts on C0 and C1
# and keeps none of them, but it keeps bidi controls as they came.
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\xad\u200b-\u200f\u2028-\u202e"
                     "\u2060-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]")
SGR = re.compile("\x1b\\[([0-9;:]*)m")

def cells(text):
    # (style, character) for every character of an -e capture; raises on
    # anything but SGR.
    fg, bg, attrs = -1, -1, set()
    pos = 0
    for m in SGR.finditer(text):
        yield from (((fg, bg, frozenset(attrs)), c) for c in text[pos:m.start()])
        pos = m.end()
        params = [int(p.split(":")[0] or 0) for p in (m.group(1) or "0").split(";")]
        i = 0
        while i < len(params):
            p = params[i]
            if p == 0:
                fg, bg, attrs = -1, -1, set()
            elif p in SGR_ON:
                attrs.add(p)
            elif p in SGR_OFF:
                attrs.difference_update(SGR_OFF[p])
            elif 30 <= p <= 37:
                fg = p - 30
            elif 40 <= p <= 47:
                bg = p - 40
            elif 90 <= p <= 97:
                fg = p - 90 + 8
            elif 100 <= p <= 107:
                bg = p - 100 + 8
            elif p in (39, 49):
                fg, bg = (-1, bg) if p == 39 else (fg, -1)
            elif p in (38, 48) and i + 2 < len(params) and params[i + 1] == 5:
                fg, bg = (params[i + 2], bg) if p == 38 else (fg, params[i + 2])
                i += 2
            elif p in (38, 48) and i + 4 < len(params) and params[i + 1] == 2:
                fg, bg = ("rgb", bg) if p == 38 else (fg, "rgb")
                i += 4
            else:
                raise ValueError("SGR parameter %d in %r" % (p, m.group(0)))
            i += 1
    yield from (((fg, bg, frozenset(attrs)), c) for c in text[pos:])

default = json.load(open(sys.argv[2]))["elements"]
for line in open(sys.argv[1]):
    label, theme, base = line.rstrip("\n").split("\t")
    allowed = styles(theme, default)
    tag = "%s [%s]" % (label, theme.rsplit("/", 1)[-1][:-5])
    for kind in ("p", "e"):
        raw = open(base + "." + kind, "rb").read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            print("fail: %s: -%s capture is not UTF-8: %r" % (tag, kind, raw[max(0, e.start - 20):e.start + 5]))
            continue
        rest = SGR.sub("", text) if kind == "e" else text
        m = CONTROL.search(rest)
        if m:
            where = rest[max(0, m.start() - 20):m.start() + 10]
            print("fail: %s: control or format character U+%04X in the -%s capture: %r"
                  % (tag, ord(m.group(0)), kind, where))
        else:
            print("ok")
    try:
        seen = {}
        for style, c in cells(open(base + ".e", encoding="utf-8", errors="replace").read()):
            if c != "\n":
                seen.setdefault(style, []).append(c)
    except ValueError as e:
        print("fail: %s: -e capture: %s" % (tag, e))
        continue
    bad = [s for s in seen if s not in allowed]
    if bad:
        for s in bad:
            print("fail: %s: %s is no style of the theme, on %r"
                  % (tag, show(s), "".join(seen[s])[:60]))
    else:
        print("ok")
    if theme.endswith("/mono.json") and any(s[0] != -1 or s[1] != -1 for s in seen):
        print("fail: %s: a colour with the mono theme" % tag)
    else:
        print("ok")
print("end")
PY
}

# The file view open, or its refusal.
VIEW='^ File( \(line marked\))?: |nothing to show'

# tree_rows: the number of rows in the tree pane of $SCREEN.
tree_rows() {
	awk '/^ Files \(/ { on = 1; next } /^ Detail: / { on = 0 } on && NF { n++ } END { print n + 0 }' "$SCREEN"
}

# run_case NAME: builds the case, runs deputy on it from the pane's shell,
# walks its screens and checks them.
run_case() {
	CASE=$1
	CASE_DIR="$WORK/cases/$CASE"
	STEP=0
	THEME=default
	GONE=
	local repo="$CASE_DIR/repo" rows i status line flags=
	mkdir -p "$CASE_DIR"
	if ! ( "case_$CASE" "$repo" ) >"$CASE_DIR/build.log" 2>&1; then
		fail "$CASE: the case could not be built: $(tail -3 "$CASE_DIR/build.log")"
		return
	fi
	rm -f "$WORK/exit-status"
	start_command "$COLS" "$ROWS" env -u NO_COLOR LANG=C.UTF-8 LC_ALL=C.UTF-8 HOME="$WORK" \
		HISTFILE=/dev/null PS1='$ ' bash --norc --noprofile -i
	wait_for '^\$ ?$' 10 || { fail "$CASE: no shell prompt"; return; }
	# 1. A known title and a marker line, then the command typed (not yet run).
	keys -l "printf '\\033]2;$TITLE\\033\\\\'; echo $MARKER"
	keys Enter
	wait_for "^$MARKER\$" 5 || fail "$CASE: the marker line was not printed"
	line=$(pane_format '#{pane_title}')
	if [ "$line" = "$TITLE" ]; then ok; else fail "$CASE: the shell could not set the title: '$line'"; fi
	line="sh $WORK/run.sh ${ARGS[$CASE]:-} $repo"
	keys -l "$line"
	# The whole command echoed, not just its start: this screen is what the
	# one after q is compared with (a wrapped line is joined to look).
	for ((i = 0; i < 100; i++)); do
		capture
		tr -d '\n' <"$SCREEN" | grep -qF -- "$line" && break
		sleep 0.05
	done
	cp "$SCREEN" "$CASE_DIR/before"
	keys Enter

	# 2. The screens that show repository text.
	if ! wait_for '(flagged|nothing flagged) *$' 30; then
		fail "$CASE: deputy did not start"
		"${TMUX_CMD[@]}" kill-server >/dev/null 2>&1
		return
	fi
	grab_settled
	shoot list
	[[ $GRAB_P == *" nothing flagged"* ]] || flags=1
	rows=$(tree_rows)
	for ((i = 1; i < rows && i <= 8; i++)); do step "j$i" j; done
	[ -n "$flags" ] && step n n
	step g g
	step -u "$VIEW" view-top v
	close_view view-close
	step G G
	step -u "$VIEW" view-bottom v
	close_view view-close
	step detail-focus Tab
	step detail-pgdn NPage
	step tree-focus Tab
	step -u 'Keys: Esc, \? or q closes this help' help '?'
	step help-close '?'
	step -u '^ /_' search-prompt /
	step -u "^ /${WORD[$CASE]}_" search-typed -l "${WORD[$CASE]}"
	step -u 'Ctrl-N / Ctrl-P: next / previous match' search-kept Enter
	if [ -n "${STALE[$CASE]:-}" ]; then
		step -u '^ Stale decisions ' stale S
		step stale-pgdn NPage
		step stale-close S
	fi
	for THEME in light high-contrast mono colour-blind; do
		step -u "theme: $THEME " theme t
		if [ "$THEME" = mono ]; then
			step -u "$VIEW" view v
			close_view view-close
		fi
	done

	# 3. The escapes, over all the case's screens (each screen's bytes and
	# colours are checked at the end, in one go).
	cat "$CASE_DIR"/*.p >"$CASE_DIR/all"
	while IFS= read -r line; do
		if grep -qE -- "$line" "$CASE_DIR/all"; then ok
		else fail "$CASE: no screen shows a line matching '$line'"; fi
	done <<<"${SHOWS[$CASE]}"

	# 4. q: the shell's screen is back, marker in place, title unchanged.
	[ -z "$GONE" ] && keys q
	status=$(wait_exit 20) || status=none
	if [ "$status" = 0 ]; then ok; else fail "$CASE: deputy's exit status: $status"; fi
	wait_for '^\$ ?$' 5 >/dev/null
	grab_settled
	printf '%s' "$GRAB_P" >"$CASE_DIR/after"
	check_restored "$CASE_DIR/before" "$CASE_DIR/after"
	line=$(pane_format '#{pane_title}')
	if [ "$line" = "$TITLE" ]; then ok; else fail "$CASE: after exit the pane title is '$line'"; fi
	if [ -e "$MARK" ]; then fail "$CASE: a hook, filter or configured command ran"; else ok; fi
	"${TMUX_CMD[@]}" kill-server >/dev/null 2>&1
}

# check_restored BEFORE AFTER: AFTER begins with BEFORE's lines (the marker on
# its line, the typed command), then the next prompt and nothing else.
check_restored() {
	local n
	n=$(grep -c . "$1")
	if [ "$(head -n "$n" "$2")" = "$(head -n "$n" "$1")" ]; then ok
	else fail "$CASE: after exit the shell's lines differ: $(diff "$1" "$2" | head -6 | tr '\n' '|')"; fi
	if [ "$(grep -n "^$MARKER\$" "$2" | cut -d: -f1)" = "$(grep -n "^$MARKER\$" "$1" | cut -d: -f1)" ]
	then ok; else fail "$CASE: after exit the marker line moved or went"; fi
	if [ "$(tail -n +$((n + 1)) "$2" | grep -v '^$')" = '$' ]; then ok
	else fail "$CASE: after exit the screen holds more than the prompt: $(tail -n +$((n + 1)) "$2" | grep . | head -3 | tr '\n' '|')"; fi
}

# Each failure names its case, step and what was seen; lib.sh's on_fail would
# print the last screen looked at, which is not the failing one.
on_fail() {
	:
}

for c in "${ORDER[@]}"; do
	run_case "$c"
done
# 3. Every screen's bytes and colours.
ended=
while IFS= read -r line; do
	case $line in
	ok) ok ;;
	end) ended=1 ;;
	*) fail "${line#fail: }" ;;
	esac
done < <(check_captures "$WORK/manifest")
if [ -n "$ended" ]; then ok; else fail "the screen checks did not finish"; fi
finish
