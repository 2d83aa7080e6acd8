#!/usr/bin/env python3
"""Writes data/known-malicious.json: a hand-curated list of PyPI packages that
were publicly reported as malicious, in the OSV schema (a JSON array of entries).

The list below is the source: every entry names the public report it comes from.
Add an entry only with a report a reader can open. database_specific.imitates is
the package the malicious one pretended to be, or null when it imitated nothing
(a hijacked project, a dependency-confusion upload).

With --lookalikes, every row of the labelled development set of documented
malicious look-alikes (bench/lookalikes/pypi-malicious.tsv: name, imitated
package, year, public source) that the list above lacks is added too: its id is
the OpenSSF malicious-packages id (MAL-YYYY-NNNN) when the source cites one,
else DEPUTY-LA-NNNN, and its references are the URLs the source gives (for a
MAL id, the report's file in the OpenSSF repository).

    python3 scripts/gen-known-malicious.py --lookalikes bench/lookalikes/pypi-malicious.tsv \
        -o data/known-malicious.json
"""
import argparse
import json
import re
import sys

OSSF_REPORT = "https://github.com/ossf/malicious-packages/blob/main/osv/malicious/pypi/%s/%s.json"

SKCSIRT_2017 = "https://www.nbu.gov.sk/skcsirt-sa-20170909-pypi/"

SKCSIRT_DETAILS = (
    "One of ten look-alike packages reported by SK-CSIRT, the Slovak national security "
    "authority (advisory SK-CSIRT-SA-2017-0001), and removed from PyPI by the Python "
    "Security Response Team in September 2017. Installing it ran code in setup.py that "
    "sent the package name, the user name and the host name to a remote server, then "
    "installed the real package so that nothing looked wrong.")

# (name as published, imitated package) from the SK-CSIRT advisory.
SKCSIRT_NAMES = [
    ("acqusition", "acquisition"),
    ("apidev-coop", "apidev-coop_cms"),
    ("bzip", "bz2file"),
    ("crypt", "crypto"),
    ("django-server", "django-server-guardian-api"),
    ("pwd", "pwdhash"),
    ("setup-tools", "setuptools"),
    ("telnet", "telnetsrvlib"),
    ("urlib3", "urllib3"),
    ("urllib", "urllib3"),
]


def entry(id_, name, imitates, published, summary, details, refs):
    return {
        "id": id_,
        "published": published,
        "summary": summary,
        "details": details,
        "affected": [{"package": {"ecosystem": "PyPI", "name": name}}],
        "references": [{"type": "REPORT", "url": u} for u in refs],
        "database_specific": {"imitates": imitates},
    }


def entries():
    out = []
    for i, (name, imitates) in enumerate(SKCSIRT_NAMES, 1):
        out.append(entry("DEPUTY-2017-%04d" % i, name, imitates, "2017-09-09T00:00:00Z",
                         "%s: look-alike of %s that reported installs to a remote server"
                         % (name, imitates),
                         SKCSIRT_DETAILS, [SKCSIRT_2017]))
    out.append(entry(
        "DEPUTY-2018-0001", "colourama", "colorama", "2018-10-27T00:00:00Z",
        "colourama: look-alike of colorama that hijacked cryptocurrency addresses",
        "A British spelling of colorama, uploaded to PyPI and reported in October 2018. "
        "On Windows it installed a script that watched the clipboard and replaced any "
        "Bitcoin address copied there with the attacker's.",
        ["https://github.com/tartley/colorama/issues/202"]))
    out.append(entry(
        "DEPUTY-2019-0001", "jeIlyfish", "jellyfish", "2019-12-01T00:00:00Z",
        "jeIlyfish: look-alike of jellyfish (capital I for the first l) that stole SSH and GPG keys",
        "Uploaded to PyPI in December 2018 and found a year later: the first 'l' of "
        "jellyfish is a capital 'I'. Its code downloaded and ran a payload that collected "
        "SSH and GPG keys and sent them to a remote server.",
        ["https://github.com/jamesturk/jellyfish/issues/126",
         "https://github.com/dateutil/dateutil/issues/984"]))
    out.append(entry(
        "DEPUTY-2019-0002", "python3-dateutil", "python-dateutil", "2019-12-01T00:00:00Z",
        "python3-dateutil: look-alike of python-dateutil that pulled in jeIlyfish",
        "Uploaded to PyPI in November 2019 by the author of jeIlyfish. It imported the "
        "malicious jeIlyfish package, which stole SSH and GPG keys.",
        ["https://github.com/dateutil/dateutil/issues/984"]))
    out.append(entry(
        "DEPUTY-2022-0001", "ctx", None, "2022-05-24T00:00:00Z",
        "ctx: hijacked project whose new releases sent environment variables away",
        "The maintainer's e-mail domain had expired; an attacker registered it, reset the "
        "PyPI password and in May 2022 uploaded releases that sent every environment "
        "variable (cloud keys among them) to a remote server. PyPI removed the project.",
        ["https://python-security.readthedocs.io/pypi-vuln/index-2022-05-24-ctx-domain-takeover.html",
         "https://github.com/advisories/GHSA-4g82-3jcr-q52w"]))
    out.append(entry(
        "DEPUTY-2022-0002", "torchtriton", None, "2022-12-31T00:00:00Z",
        "torchtriton: dependency-confusion upload that stole files from PyTorch nightly users",
        "PyTorch nightly builds depended on torchtriton from PyTorch's own index. Someone "
        "uploaded a torchtriton to PyPI; because pip looks at every index it is given and "
        "PyPI takes precedence there, installs of the nightlies between 25 and 30 December "
        "2022 ran the PyPI copy, which sent system information and files (SSH keys among "
        "them) to a remote server.",
        ["https://pytorch.org/blog/compromised-nightly-dependency/"]))
    return out


def normalize(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def lookalike_entries(path, known):
    """Entries for the rows of the development set whose name @known lacks."""
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            name, imitates, year, source = line.rstrip("\n").split("\t")
            if normalize(name) in known:
                continue
            known.add(normalize(name))
            mal = re.search(r"\bMAL-\d{4}-\d+\b", source)
            urls = re.findall(r"https?://[^\s;,)]+", source)
            if mal:
                urls.append(OSSF_REPORT % (normalize(name), mal.group(0)))
                id_ = mal.group(0)
            else:
                id_ = "DEPUTY-LA-%04d" % (len(out) + 1)
            inferred = "target inferred from the name" in source
            out.append(entry(
                id_, name, imitates, "%s-01-01T00:00:00Z" % year,
                "%s: malicious look-alike of %s%s" % (
                    name, imitates, " (target inferred from the name)" if inferred else ""),
                "Publicly reported as malicious: %s" % source, urls))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--output", help="output file (default: stdout)")
    ap.add_argument("--lookalikes", help="the labelled development set to add from")
    args = ap.parse_args()
    items = entries()
    if args.lookalikes:
        known = {normalize(a["package"]["name"]) for e in items for a in e["affected"]}
        items += lookalike_entries(args.lookalikes, known)
    text = json.dumps(items, indent=1, ensure_ascii=True) + "\n"
    if args.output:
        with open(args.output, "w", encoding="ascii", newline="\n") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
