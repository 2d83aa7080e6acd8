#!/usr/bin/env python3
"""Writes data/pypi-names.tsv.gz: every existing PyPI project with the month of its last release.

Input: a package table whose first line names the columns and which has at least
`name` and `month` (the month of the project's last release, "YYYY-MM", may be
empty); tab-separated. Output: gzip (no file name, no time stamp, so the same
input gives the same bytes) of `normalized-name<TAB>YYYY-MM` lines (the month
may be empty), sorted by name in byte order, names normalised after PEP 503.
When two rows normalise to one name, the later month is kept.

    scripts/gen-pypi-names.py TABLE.tsv -o data/pypi-names.tsv.gz
"""
import argparse
import csv
import gzip
import re
import sys


def normalize(name):
    # PEP 503: runs of "-", "_", "." become one "-", then lower case.
    return re.sub(r"[-_.]+", "-", name).lower()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("table", help="tab-separated package table with name and month columns")
    ap.add_argument("-o", "--output", required=True)
    args = ap.parse_args()

    csv.field_size_limit(sys.maxsize)
    month_of = {}
    with open(args.table, newline="", encoding="utf-8") as f:
        rows = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(rows)
        i_name, i_month = header.index("name"), header.index("month")
        for row in rows:
            if len(row) <= i_name:
                continue
            name = normalize(row[i_name].strip())
            if not re.fullmatch(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?", name) or len(name) > 200:
                sys.exit("gen-pypi-names: unexpected name %r" % row[i_name])
            month = row[i_month].strip() if len(row) > i_month else ""
            if month and not re.fullmatch(r"(19|20)\d\d-(0[1-9]|1[0-2])", month):
                sys.exit("gen-pypi-names: unexpected month %r for %s" % (month, name))
            if month > month_of.get(name, ""):
                month_of[name] = month
            else:
                month_of.setdefault(name, "")

    text = "".join("%s\t%s\n" % (n, month_of[n]) for n in sorted(month_of))
    with open(args.output, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz:
            gz.write(text.encode("ascii"))


if __name__ == "__main__":
    main()
