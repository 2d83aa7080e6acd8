#!/usr/bin/env python3
"""Writes data/pypi-popular.tsv: the most downloaded PyPI projects with their rank.

Input: a package table whose first line names the columns and which has at least
`name` and `rank_among_15000_most_downloaded` (tab-separated; rows without a rank
are skipped). Output, on stdout or to -o: `normalized-name<TAB>rank`, one a line,
sorted by name (byte order), names normalised after PEP 503. When two rows
normalise to one name, the better (smaller) rank is kept.

    scripts/gen-pypi-popular.py TABLE.tsv -o data/pypi-popular.tsv
"""
import argparse
import csv
import re
import sys


def normalize(name):
    # PEP 503: runs of "-", "_", "." become one "-", then lower case.
    return re.sub(r"[-_.]+", "-", name).lower()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("table", help="tab-separated package table with a rank column")
    ap.add_argument("-o", "--output", help="output file (default: stdout)")
    args = ap.parse_args()

    csv.field_size_limit(sys.maxsize)
    best = {}
    with open(args.table, newline="", encoding="utf-8") as f:
        rows = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(rows)
        i_name = header.index("name")
        i_rank = header.index("rank_among_15000_most_downloaded")
        for row in rows:
            if len(row) <= max(i_name, i_rank) or not row[i_rank].strip():
                continue
            rank = int(row[i_rank])
            if rank <= 0:
                continue
            name = normalize(row[i_name].strip())
            if not name or not re.fullmatch(r"[a-z0-9-]+", name):
                sys.exit("gen-pypi-popular: unexpected name %r" % row[i_name])
            if name not in best or rank < best[name]:
                best[name] = rank

    out = open(args.output, "w", encoding="ascii", newline="\n") if args.output else sys.stdout
    for name in sorted(best):
        out.write("%s\t%d\n" % (name, best[name]))
    if args.output:
        out.close()
    print("gen-pypi-popular: %d names" % len(best), file=sys.stderr)


if __name__ == "__main__":
    main()
