#!/usr/bin/env bash
# Scanning a large repository (issue #8): the screen appears at once and
# shows how far the scan has come (dependency files read, declarations
# found) while it runs; q cancels it, and deputy exits saying so; left alone,
# the scan ends in the audit screen on the same terminal.
source "$(dirname "$0")/lib.sh"

P="$WORK/big"
python3 - "$P" <<'PY'
import os, sys
for d in range(40):
    p = os.path.join(sys.argv[1], "d%d" % d, "requirements")
    os.makedirs(p)
    for f in range(500):
        with open(os.path.join(p, "r%d.txt" % f), "w") as out:
            out.write("pkg%d-%d==1.0\nflask>=2\n" % (d, f))
PY

start_command 100 30 env -u NO_COLOR LANG=C.UTF-8 LC_ALL=C.UTF-8 HOME="$WORK" \
	sh -c "\"$DEPUTY\" \"$P\" 2>\"$WORK/err\""
expect "the progress screen" '^ *Scanning .*big'
expect "with counts" '[0-9]+ dependency files read, [0-9]+ declarations found'
expect "and how to cancel" 'q or Esc cancels'
keys q
status=$(wait_exit 20)
expect_eq() { if [ "$2" == "$3" ]; then ok; else fail "$1: got '$2', want '$3'"; fi; }
expect_eq "cancelling exits cleanly" "$status" 0
grep -q "the scan of .*big was cancelled" "$WORK/err" && ok || fail "no word of the cancel: $(cat "$WORK/err")"
"${TMUX_CMD[@]}" kill-server >/dev/null 2>&1

# Left alone, the audit screen follows on the same terminal.
rm -rf "$P"/d{5..39}
start_deputy 100 30 "$P"
expect "the audit screen after the scan" 'Files \([0-9]+ flagged'
keys q
status=$(wait_exit 10)
expect_eq "then q quits" "$status" 0
finish
