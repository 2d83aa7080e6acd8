#!/usr/bin/env python3
"""Writes data/r-base-packages.txt: the packages that come with R itself, as
"name<TAB>priority" lines (priority "base" or "recommended"), in R's spelling,
sorted case-insensitively. Lines starting with "#" are comments.

The names come from R's own list, tools:::.get_standard_package_names(), which
names the recommended packages even where they are not installed (Debian ships
them as separate r-cran-* packages). Rscript is looked up on PATH.

    python3 scripts/gen-r-base-packages.py -o data/r-base-packages.txt
"""
import argparse
import subprocess
import sys

EXPR = (
    'p <- tools:::.get_standard_package_names(); '
    'cat(paste(p$base, "base", sep = "\\t"), '
    'paste(p$recommended, "recommended", sep = "\\t"), sep = "\\n"); '
    'cat("#version\\t", R.version$major, ".", R.version$minor, "\\n", sep = "")'
)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--rscript", default="Rscript", help="the Rscript to run")
    args = ap.parse_args()

    try:
        out = subprocess.run([args.rscript, "--vanilla", "-e", EXPR], check=True,
                             capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        sys.exit("gen-r-base-packages: cannot run %s: %s" % (args.rscript, e))
    rows, version = [], "?"
    for line in out.splitlines():
        name, _, priority = line.partition("\t")
        if name == "#version":
            version = priority
        elif priority in ("base", "recommended") and name:
            rows.append((name, priority))
    if not any(p == "base" for _, p in rows):
        sys.exit("gen-r-base-packages: R listed no base packages")
    rows.sort(key=lambda r: (r[0].lower(), r[0]))
    with open(args.output, "w", encoding="ascii", newline="\n") as f:
        f.write("# R %s: tools:::.get_standard_package_names()\n" % version)
        for name, priority in rows:
            f.write("%s\t%s\n" % (name, priority))


if __name__ == "__main__":
    main()
