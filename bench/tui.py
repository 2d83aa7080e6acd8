#!/usr/bin/env python3
"""bench/tui: the time a key takes on the audit screen, on a scan ten times
larger than another, for the keys that move through it: n (next flagged
entry), j (down a row), PgDn and a / search typed and confirmed.

usage: tui.py TUI_DRIVE [--quick]

TUI_DRIVE is bench/tui_drive (built next to deputy): it scans a folder and
runs the audit screen's own loop on a virtual screen (ncurses writing a
200x50 screen to /dev/null, keys read from a file), timing the screen's run.
For each size the screen is run with a search that takes the cursor to the
middle of the tree then "q", and with the same search, K keys and "q"; the
time of one key is the difference over K (best of three runs each, the
machine being noisy). Starting in the middle keeps the keys away from the
top, where a row found by a walk from the first row would look cheap.

The generated folders hold requirement files of 100 pinned lines, one line
in 20 a look-alike or known-malicious name, so that a scan has ten findings
for every 100 declarations: 100,000 declarations and 10,000 findings for the
large scan, a tenth of that for the small one (--quick: 10,000 and 1,000;
with DEPUTY_TEST_QUICK as well: 2,000 and 200). The target is a time per key
independent of the number of findings: the large scan's time per key at most
1.5 times the small one's, for each key.
"""
import os
import random
import shutil
import sys
import tempfile

from benchlib import best_child, quick, result, tiny, tool_argument

CLEAN = ["requests", "numpy", "pandas", "flask", "django", "urllib3", "boto3",
         "pyyaml", "scipy", "click", "attrs", "rich", "httpx", "lxml", "tqdm"]
FLAGGED = ["reqeusts", "colourama", "urlib3", "djanga", "numpyy"]
LINES_PER_FILE = 100
PGDN = "\x1b[6~"           # what xterm sends for PgDn
QUERY = "reqeusts"         # a flagged name: one row in 100 holds it


def generate(root, files, seed=1):
    """@files requirement files of LINES_PER_FILE lines in nested folders."""
    rng = random.Random(seed)
    for f in range(files):
        folder = os.path.join(root, f"group{f // 50}", f"service{f}")
        os.makedirs(folder)
        lines = []
        for i in range(LINES_PER_FILE):
            if i % 20 == 0:
                name = FLAGGED[(f + i // 20) % len(FLAGGED)]
            else:
                name = CLEAN[rng.randrange(len(CLEAN))]
            lines.append(f"{name}=={rng.randint(1, 9)}.{rng.randint(0, 20)}")
        with open(os.path.join(folder, "requirements.txt"), "w") as out:
            out.write("\n".join(lines) + "\n")


def drive(tool, folder, files, keys, work):
    """Seconds of the screen's run with a search for the middle file of the
    @files, @keys, then q; and the scan's declaration and finding counts."""
    path = os.path.join(work, "keys")
    with open(path, "w") as out:
        out.write(f"/service{files // 2}/requirements\r" + keys + "q")
    env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8", TERM="xterm-256color")
    _, _, out = best_child([tool, folder, path], 1, env=env)
    fields = out.decode().split()
    return float(fields[5]), int(fields[1]), int(fields[3])


def main():
    tool = tool_argument(__doc__)
    # From the middle of the small tree (files / 10 files of 101 rows, one row
    # in 20 flagged) no key reaches its end.
    if tiny():
        files, counts, runs = 20, {"n": 2, "j": 40, "PgDn": 1, "/ search": 1}, 1
    elif quick():
        files, counts, runs = 100, {"n": 20, "j": 400, "PgDn": 8, "/ search": 4}, 2
    else:
        files, counts, runs = 1000, {"n": 200, "j": 4000, "PgDn": 80, "/ search": 40}, 3
    keys = {
        "n": lambda k: "n" * k,
        "j": lambda k: "j" * k,
        "PgDn": lambda k: PGDN * k,
        # j steps off the match, or the next search (from the cursor) stays on it
        "/ search": lambda k: ("/" + QUERY + "\r" + "j") * k,
    }
    # keystrokes each repetition makes: "/", the query, Enter (and j)
    strokes = {"n": 1, "j": 1, "PgDn": 1, "/ search": len(QUERY) + 3}
    work = tempfile.mkdtemp(prefix="deputy-bench-tui-")
    try:
        per_key = {}
        for size, nfiles in (("small", files // 10), ("large", files)):
            folder = os.path.join(work, size)
            generate(folder, nfiles)
            _, decl, found = drive(tool, folder, nfiles, "", work)
            base = min(drive(tool, folder, nfiles, "", work)[0] for _ in range(runs))
            print(f"{size}: {decl} declarations, {found} findings; "
                  f"start-up, search to the middle and quit {base * 1000:.1f} ms", flush=True)
            for name, make in keys.items():
                k = counts[name]
                took = min(drive(tool, folder, nfiles, make(k), work)[0] for _ in range(runs))
                per = max(took - base, 0.0) / (k * strokes[name])
                per_key.setdefault(name, {})[size] = per
                print(f"  {name}: {k * strokes[name]} keys in {(took - base) * 1000:.1f} ms, "
                      f"{per * 1e6:.1f} us a key", flush=True)
            shutil.rmtree(folder)
        for name in keys:
            small, large = per_key[name]["small"], per_key[name]["large"]
            ratio = large / small if small > 0 else float("inf")
            result(f"tui: {name}, time per key, large vs small scan",
                   f"{large * 1e6:.1f} us", f"{small * 1e6:.1f} us", f"{ratio:.2f}x",
                   "<= 1.5x", ratio <= 1.5)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
