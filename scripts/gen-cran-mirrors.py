#!/usr/bin/env python3
"""Writes data/cran-mirrors.txt: the CRAN mirrors R knows, one a line as
"host/path/" (scheme left out, lower case), sorted, without duplicates.

The input is the CRAN_mirrors.csv that R installs in its doc folder (the list
chooseCRANmirror() offers); its URL column gives each mirror. The nonstandard-repo
rule accepts a repository URL that starts with one of these.

    python3 scripts/gen-cran-mirrors.py \
        "$(Rscript -e 'cat(file.path(R.home("doc"), "CRAN_mirrors.csv"))')" \
        -o data/cran-mirrors.txt
"""
import argparse
import csv
import re
import sys

URL = re.compile(r"^(?:https?|ftp)://([^/?#]+)(/[^?#]*)?$", re.I)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("input", help="R's CRAN_mirrors.csv")
    ap.add_argument("-o", "--output", required=True)
    args = ap.parse_args()

    mirrors = set()
    with open(args.input, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            m = URL.match((row.get("URL") or "").strip())
            if not m:
                continue
            path = m.group(2) or "/"
            if not path.endswith("/"):
                path += "/"
            mirrors.add((m.group(1) + path).lower())
    if not mirrors:
        sys.exit("gen-cran-mirrors: no mirror URL in " + args.input)
    with open(args.output, "w", encoding="ascii", newline="\n") as f:
        for m in sorted(mirrors):
            f.write(m + "\n")


if __name__ == "__main__":
    main()
