#!/usr/bin/env python3
"""Writes data/cran-known.txt: R package names that Debian's r-cran-* and
r-bioc-* packages name in their DESCRIPTION files (Package, Depends, Imports,
LinkingTo, Suggests, Enhances) and that data/cran-packages.txt and
data/r-base-packages.txt do not hold, one a line, spelled as written, sorted
case-insensitively.

CRAN and Bioconductor ask that what a package depends on or suggests be on a
mainstream repository (CRAN or Bioconductor) or in its Additional_repositories,
so each name is a real package, named by its own author or by the author of a
package that uses it: not a look-alike. deputy never flags such a name as a
typosquat; it is not a target either (the popular set stays cran-packages.txt).

The input is a folder of the .deb files, fetched with apt-get download (about
1.5 GB for Debian 12's 1,108 r-cran and 170 r-bioc packages; nothing is
installed):

    mkdir debs && cd debs && apt-get download $(apt-cache pkgnames r-cran-) \
        $(apt-cache pkgnames r-bioc-)
    python3 scripts/gen-cran-known.py debs -o data/cran-known.txt
"""
import argparse
import io
import os
import re
import subprocess
import sys
import tarfile

FIELDS = ("Package", "Depends", "Imports", "LinkingTo", "Suggests", "Enhances")
# A package name (Writing R Extensions, "The DESCRIPTION file").
NAME = re.compile(r"^[A-Za-z][A-Za-z0-9.]*[A-Za-z0-9]$")


def read_dcf(text):
    """The fields of the first record of a DCF text (continuation lines joined)."""
    fields, key = {}, None
    for line in text.splitlines():
        if not line.strip():
            if fields:
                break
            continue
        if line[0] in " \t" and key:
            fields[key] += " " + line.strip()
        elif ":" in line:
            key, value = line.split(":", 1)
            fields[key] = value.strip()
    return fields


def descriptions(deb):
    """The DESCRIPTION files of the R packages inside @deb."""
    tar_bytes = subprocess.run(["dpkg-deb", "--fsys-tarfile", deb], check=True,
                               capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(tar_bytes)) as tar:
        for member in tar:
            parts = member.name.split("/")
            # ./usr/lib/R/site-library/PKG/DESCRIPTION
            if member.isfile() and parts[-1] == "DESCRIPTION" and "site-library" in parts and \
                    parts.index("site-library") == len(parts) - 3:
                yield tar.extractfile(member).read().decode("utf-8", "replace")


def listed(path):
    """The lower-case names of a data file (first column)."""
    with open(path, encoding="utf-8") as f:
        return {line.split("\t")[0].strip().lower() for line in f
                if line.strip() and not line.startswith("#")}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("debs", help="folder of r-cran-*.deb and r-bioc-*.deb files")
    ap.add_argument("-o", "--output", required=True)
    args = ap.parse_args()

    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")
    known = listed(os.path.join(here, "cran-packages.txt")) | \
        listed(os.path.join(here, "r-base-packages.txt")) | {"r"}
    names, n_debs, n_desc = {}, 0, 0
    for entry in sorted(os.listdir(args.debs)):
        if not (entry.startswith(("r-cran-", "r-bioc-")) and entry.endswith(".deb")):
            continue
        n_debs += 1
        for text in descriptions(os.path.join(args.debs, entry)):
            n_desc += 1
            fields = read_dcf(text)
            for field in FIELDS:
                for item in fields.get(field, "").split(","):
                    name = re.split(r"[\s(]", item.strip(), maxsplit=1)[0]
                    if NAME.match(name) and name.lower() not in known:
                        names.setdefault(name.lower(), name)
    if n_desc == 0:
        sys.exit("gen-cran-known: no DESCRIPTION in %s" % args.debs)
    with open(args.output, "w", encoding="ascii", newline="\n") as f:
        for key in sorted(names):
            f.write(names[key] + "\n")
    print("gen-cran-known: %d packages, %d DESCRIPTION files, %d names" %
          (n_debs, n_desc, len(names)), file=sys.stderr)


if __name__ == "__main__":
    main()
