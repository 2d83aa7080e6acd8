#!/usr/bin/env python3
"""Writes data/cran-packages.txt: the CRAN packages that Debian packages as
`r-cran-*`, one name a line, lower case, sorted, without duplicates.

Debian lowercases CRAN names in its package names (r-cran-mass is MASS), so the
list cannot keep CRAN's spelling: deputy compares CRAN names case-insensitively.
The input is the output of `apt-cache pkgnames r-cran-`, read from the file
named as argument or from standard input; names that do not start with
"r-cran-" are ignored.

    apt-cache pkgnames r-cran- | python3 scripts/gen-cran-packages.py -o data/cran-packages.txt
"""
import argparse
import re
import sys

PREFIX = "r-cran-"
# A CRAN name: letters, digits and dots, starting with a letter (Writing R
# Extensions, "The DESCRIPTION file"); Debian's lower-case form of it.
NAME = re.compile(r"^[a-z][a-z0-9.]*[a-z0-9]$")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("input", nargs="?", help="apt-cache pkgnames output (default: stdin)")
    ap.add_argument("-o", "--output", required=True)
    args = ap.parse_args()

    src = open(args.input, encoding="utf-8") if args.input else sys.stdin
    names = set()
    with src:
        for line in src:
            line = line.strip().lower()
            if not line.startswith(PREFIX):
                continue
            name = line[len(PREFIX):]
            if not NAME.match(name):
                sys.stderr.write("gen-cran-packages: skipping %r\n" % line)
                continue
            names.add(name)
    if not names:
        sys.exit("gen-cran-packages: no r-cran-* names in the input "
                 "(run apt-get update first?)")
    with open(args.output, "w", encoding="ascii", newline="\n") as f:
        for name in sorted(names):
            f.write(name + "\n")


if __name__ == "__main__":
    main()
