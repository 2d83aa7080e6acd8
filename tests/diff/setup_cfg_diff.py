#!/usr/bin/env python3
"""Differential test: deputy's setup.cfg reader against setuptools 65's own.

Usage: setup_cfg_diff.py PATH/TO/setup_cfg_dump [--keep] [--show N]
(--keep: leave the files in their temporary folder; --show: how many
disagreements to print in full, 6 unless told)

Writes hand-written edge cases and generated setup.cfg files (fixed seed) into
a temporary folder and reads each as `pip install .` has setuptools read it:
Distribution().parse_config_files([path]) runs configparser, gets every option
of every section, hands the [options...] sections to config/setupcfg.py and
reads install_requires and extras_require with _reqs.parse(); then, as
finalize_options() does, _reqs.parse() checks setup_requires and
tests_require. "file:" directives are recorded, not read. (read_configuration()
is not what pip sees: it returns the raw lists and can ignore option errors.)
Deputy's view comes from setup_cfg_dump. Compared, per list (install_requires,
setup_requires, tests_require, each extra): the requirements (canonical name,
extras, specifier set, marker and URL as packaging 21.3 prints them) and the
"file:" paths. A file setuptools refuses must get an error diagnostic from
deputy; a file it accepts must get none. Exits 1 on any disagreement.
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import warnings

warnings.simplefilter("ignore")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pkg_resources.extern.packaging.requirements import Requirement  # noqa: E402
from pkg_resources.extern.packaging.utils import canonicalize_name  # noqa: E402
from setuptools import _reqs  # noqa: E402
from setuptools.config import expand, setupcfg  # noqa: E402
from setuptools.dist import Distribution  # noqa: E402

from reqfile_diff import gen_extras, gen_marker, gen_name, gen_spec  # noqa: E402

SEED = 1965
N_GENERATED = 1800
BATCH = 150

# Known, documented exceptions: none. (A name here would be a file of the
# corpus whose disagreement is explained in a comment beside it.)
KNOWN = {}

# ---- setuptools' view ----

recorded = {"label": None, "files": {}}
_parse_requirements_list = setupcfg.ConfigOptionsHandler._parse_requirements_list
_finalize_requires = Distribution._finalize_requires


def parse_requirements_list(self, label, value):
    recorded["label"] = label
    try:
        return _parse_requirements_list(self, label, value)
    finally:
        recorded["label"] = None


def read_files(filepaths, root_dir=None):
    """expand.read_files(): the paths a "file:" names, without reading them."""
    paths = [p for p in filepaths if p]
    recorded["files"].setdefault(recorded["label"], []).extend(paths)
    return ""


def finalize_requires(self):
    self.diff_lists = {"install_requires": list(self.install_requires or [])}
    for extra, reqs in (self.extras_require or {}).items():
        self.diff_lists[f"extras_require[{extra}]"] = list(reqs)
    return _finalize_requires(self)


setupcfg.ConfigOptionsHandler._parse_requirements_list = parse_requirements_list
expand.read_files = read_files
Distribution._finalize_requires = finalize_requires


def requirement_view(text):
    req = Requirement(text)
    return {
        "name": canonicalize_name(req.name),
        "extras": sorted(req.extras),
        "specifier": str(req.specifier),
        "marker": str(req.marker) if req.marker else None,
        "url": req.url,
    }


def setuptools_read(path):
    recorded["files"] = {}
    dist = Distribution()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            dist.parse_config_files([path])
            lists = dict(dist.diff_lists)
            for name in ("setup_requires", "tests_require"):
                value = getattr(dist, name, None)
                if value is not None:
                    list(_reqs.parse(value))      # finalize_options()' check_requirements
                    lists[name] = list(value)
    except Exception as e:  # setuptools refuses the file
        return {"error": f"{type(e).__name__}: {e}"}
    out = {}
    for label, strings in lists.items():
        reqs = [requirement_view(s) for s in _reqs.parse_strings(strings)]
        files = recorded["files"].get(label, [])
        if reqs or files:
            out[label] = {"requirements": reqs, "includes": files}
    return {"lists": out}


def deputy_view(result):
    out = {}
    for lst in result["lists"]:
        label = lst["option"] if lst["extra"] is None else f"extras_require[{lst['extra']}]"
        reqs = [{"name": canonicalize_name(r["name"]), "extras": r["extras"],
                 "specifier": r["specifier"], "marker": r["marker"], "url": r["url"]}
                for r in lst["requirements"]]
        if reqs or lst["includes"]:
            out.setdefault(label, {"requirements": [], "includes": []})
            out[label]["requirements"] += reqs
            out[label]["includes"] += lst["includes"]
    return out


def deputy_read(tool, paths):
    res = subprocess.run([tool] + paths, capture_output=True, timeout=300)
    if res.returncode != 0:
        raise RuntimeError(f"setup_cfg_dump failed: {res.stderr.decode(errors='replace')}")
    return json.loads(res.stdout.decode("utf-8", "replace"))


# ---- the corpus ----

def pick(rng, weighted):
    """One of @weighted's keys, each as likely as its weight."""
    r = rng.random() * sum(weighted.values())
    for key, w in weighted.items():
        r -= w
        if r < 0:
            return key
    return key


INDENTS = [" ", "  ", "    ", "\t", " \t", "\t ", "        ", "\f ", "\v ", "\xa0",
           "\u3000", "\u2003 "]
BLANKS = ["", "   ", "\t", "\xa0", "\u3000 ", "\f", " \v ", "\x1c", "\x85", "\u2028"]
# white space of fewer characters than bytes, or wider on screen than it counts
NARROW = ["\t", "\u3000", "\xa0", "\t ", "\u2003", " \u3000", "\x85"]
COMMENTS = ["# a comment", "; a comment", "#", ";", "#no space", "  # indented",
            "\t; indented", "#key = value"]
BAD_REQS = ["bad spec ==", "foo>=", "-e .", "./local/pkg", "foo @", "foo[bar", ">=1.0",
            "foo;", "foo (>=1", "foo==1.0 )", "foo~=1", "foo @ notaurl", "foo; os_name = 'x'",
            "requests[", "-r other.txt", "foo\x1fbar", "foo\xa0>=1", "foo\x00"]
URL_REQS = ["pkg @ https://example.com/pkg-1.0.tar.gz",
            "pkg @ https://example.com/a%%20b-1.0.zip",
            "pkg@https://example.com/pkg.zip#egg=pkg",
            "pkg @ git+https://github.com/o/r.git@v1.0",
            "pkg[x] @ https://example.com/p.whl ; python_version >= '3.8'",
            "pkg @ file:///tmp/pkg"]
EXTRA_NAMES = ["dev", "test", "docs", "all", "with space", "Mixed_Case", "dash-name",
               "dot.name", "install_requires", "__name__", "dash_name", "x", "base", "local"]
DELIMS = ["=", " = ", "= ", " =", ":", " : ", ": ", "\t=\t", " =  "]
UNRELATED = [
    "[flake8]\nmax-line-length = 100\nexclude = .git,build\n",
    "[tool:pytest]\naddopts = -ra --strict-markers\ntestpaths =\n    tests\n",
    "[coverage:run]\nbranch = True\n",
    "[mypy]\nstrict = true\n",
    "[pycodestyle]\nformat = %%(path)s:%%(row)d\n",
    "[bdist_wheel]\nuniversal = 1\n",
    "[isort]\nprofile = black\nknown_first_party = demo\n",
    "[aliases]\ntest = pytest\n",
]
ODD_SECTIONS = {
    "[flake8]\nformat = %(path)s:%(row)d: %(code)s\n": 1,       # a real-world refusal
    "[options.packages.find]\nwhere = src\n": 2,
    "[options.entry_points]\nconsole_scripts =\n    demo = demo:main\n": 2,
    "[options.package_data]\n* = *.txt\n": 1,
    "[options.data_files]\n": 1,
    "[options.packages__find]\nwhere = src\n": 1,
    "[options.bogus]\n": 1,
    "[options.extras]\ndev = pytest\n": 1,
    "[metadata.extra]\n": 1,
    "[optionsfoo]\n": 1,
    "[Options]\ninstall_requires = not-read\n": 1,
    "[a]b]\nkey = value\n": 1,
    "[ spaced name ]\nkey = value\n": 1,
    "[sec;tion]\nk = v\n": 1,
    "[sec#tion] trailing words\nk = v\n": 1,
    "[\u00fcn\u00efcode]\nk = v\n": 1,
    "[]\n": 1,
    "  [indented]\nk = v\n": 1,
    "[global]\n": 0.3,
}


class Gen:
    """Writes one setup.cfg: sections as text with "\n" line ends, rendered at the end."""

    def __init__(self, rng):
        self.rng = rng
        self.parts = []
        self.default_keys = []
        self.local_keys = []     # options of [options] that its values refer to

    def sp(self):
        return self.rng.choice(["", "", " ", "  ", "\t"])

    def requirement(self, one_line=False):
        rng = self.rng
        r = rng.random()
        if r < 0.007:
            return rng.choice(BAD_REQS)
        if r < 0.01:
            return rng.choice(["a%", "b%(", "c%()s", "d%(x)d", "%(missing)s"])
        if r < 0.09:
            return rng.choice(URL_REQS)
        if r < 0.13 and (self.default_keys or self.local_keys):
            key = rng.choice(self.default_keys + self.local_keys)
            key = key.upper() if rng.random() < 0.05 else key   # names are case-sensitive
            return rng.choice([f"%({key})s", f"{gen_name(rng)}%({key})s"])
        text = gen_name(rng) + gen_extras(rng) + gen_spec(rng)
        if rng.random() < (0.03 if one_line else 0.25):
            text += self.sp() + ";" + self.sp() + gen_marker(rng)
        if rng.random() < 0.08:
            text += pick(rng, {"  # why": 3, " #x": 2, " \\": 1})
        return text

    def indent(self, at_least=0):
        ind = self.rng.choice(INDENTS)
        while len(ind) <= at_least:
            ind += self.rng.choice(INDENTS)
        return ind

    def value_lines(self, key_indent):
        """The continuation lines of a multi-line value."""
        rng = self.rng
        lines = []
        for _ in range(rng.randint(1, 5)):
            kind = pick(rng, {"req": 10, "blank": 1.5, "comment": 1.5, "shallow": 0.5,
                              "split": 0.2, "joined": 0.8, "ctrl": 0.5, "not-deeper": 0.15})
            ind = self.indent(key_indent)
            if kind == "blank":
                lines.append(rng.choice(BLANKS))
            elif kind == "comment":
                lines.append(rng.choice(["", ind]) + rng.choice(COMMENTS))
            elif kind == "not-deeper":
                # no more characters of indentation than the key: a new entry
                lines.append(rng.choice(NARROW)[:key_indent] + self.requirement())
            elif kind == "shallow":
                # a line less indented than the last, still deeper than the key
                lines.append(" " * (key_indent + 1) + self.requirement())
            elif kind == "split":
                lines.append(ind + self.requirement(True) + "; " + self.requirement(True))
            elif kind == "joined":
                # split at a space the requirement can do without, so that the
                # character the "\\" takes with it is that one
                req = self.requirement()
                spaces = [i for i, c in enumerate(req) if c == " " and 0 < i < len(req) - 1 and
                          (req[i + 1] in "<>=!~[(" or req[i - 1] == ",")] or [len(req)]
                cut = rng.choice(spaces)
                lines.append(ind + req[:cut] + pick(rng, {" \\": 6, "  \\": 2, "\\": 1}))
                lines.append(ind + req[cut:])
            elif kind == "ctrl":
                sep = rng.choice(["\f", "\v", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"])
                lines.append(ind + self.requirement() + sep + self.requirement())
            else:
                lines.append(ind + self.requirement())
        return lines

    def option(self, key, key_indent=0, requirements=True):
        rng = self.rng
        head = " " * key_indent + key + rng.choice(DELIMS)
        style = pick(rng, {"one": 3, "multi": 5, "first": 2, "file": 1 if requirements else 0.1,
                           "empty": 0.4})
        if style == "file":
            paths = rng.sample(["requirements.txt", "reqs/dev.txt", "a.txt", "b c.txt",
                                "", " spaced.txt "], rng.randint(1, 3))
            return [head + rng.choice(["file:", "file: ", "file:  "]) + ",".join(paths)]
        if style == "empty":
            return [head.rstrip()]
        if style == "one":
            items = [self.requirement(True) for _ in range(rng.randint(1, 3))]
            return [head + rng.choice([";", "; ", " ; ", ";;", "; "]).join(items) +
                    rng.choice(["", "", ";", " "])]
        first = self.requirement() if style == "first" else ""
        return [(head + first).rstrip()] + self.value_lines(key_indent)

    def default_section(self):
        rng = self.rng
        lines = ["[DEFAULT]"]
        keys = rng.sample(["base", "common", "pin", "deps", "extra_pkg"], rng.randint(1, 3))
        for key in keys:
            value = pick(rng, {gen_name(rng): 4, gen_name(rng) + gen_spec(rng): 3, "%%(base)s": 1,
                               "%(base)s": 1, "==1.0": 0.3, "six\n    attrs": 1})
            lines.append(key + rng.choice(DELIMS) + value)
        self.default_keys += keys
        if rng.random() < 0.3:
            # a chain d1 -> d2 -> ... -> dN -> a name: nested N deep from install_requires
            n = rng.randint(8, 12)
            for i in range(1, n):
                lines.append(f"d{i} = %(d{i + 1})s")
            lines.append(f"d{n} = {gen_name(rng)}")
            self.default_keys.append("d1")
        if rng.random() < 0.05:
            lines.append("loop = %(loop)s")
        return "\n".join(lines) + "\n"

    def options_section(self):
        rng = self.rng
        name = pick(rng, {"options": 20, "options.options": 0.3, "optionsoptions": 0.2})
        key_indent = rng.choice([0, 0, 0, 0, 2])
        lines = [f"[{name}]"]
        if rng.random() < 0.1:
            lines.append(" " * key_indent + "local = " + gen_name(rng))
            self.local_keys.append("local")
        keys = ["install_requires", "setup_requires", "tests_require", "install-requires",
                "setup-requires", "tests-require", "Install_requires", "zip_safe",
                "py_modules", "include_package_data"]
        chosen = rng.sample(keys, rng.randint(1, 5))
        if rng.random() < 0.05:
            chosen.append(rng.choice(chosen))             # written twice: an error
        for key in chosen:
            if key == "zip_safe":
                lines.append(" " * key_indent + "zip_safe = False")
            elif key == "py_modules":
                # not python_requires: setuptools checks it (SpecifierSet), deputy does not
                lines.append(" " * key_indent + "py_modules = demo")
            elif key == "include_package_data":
                lines.append(" " * key_indent + "include_package_data" + rng.choice(DELIMS) +
                             "True")
            else:
                lines += self.option(key, key_indent, "install" in key.lower())
        return "\n".join(lines) + "\n"

    def extras_section(self):
        rng = self.rng
        name = pick(rng, {"options.extras_require": 20, "options..extras_require.": 0.5,
                          "options.extras_require ": 0.3})
        lines = [f"[{name}]"]
        for extra in rng.sample(EXTRA_NAMES, rng.randint(1, 3)):
            lines += self.option(extra)
        return "\n".join(lines) + "\n"

    def damage(self, text):
        """Now and then, something configparser refuses or reads oddly."""
        rng = self.rng
        lines = text.split("\n")
        kind = pick(rng, {"none": 40, "garbage": 1, "empty-key": 0.5, "orphan": 0.5,
                          "dup-section": 0.6, "bom": 0.2, "bad-utf8": 0.3, "bad-continue": 0.8})
        i = rng.randrange(len(lines))
        if kind == "garbage":
            lines.insert(i, rng.choice(["this line is garbage", "[unclosed", "  [also bad"]))
        elif kind == "empty-key":
            lines.insert(i, rng.choice(["= value", ": value"]))
        elif kind == "orphan":
            lines.insert(0, rng.choice(["key = before any section", "  indented orphan"]))
        elif kind == "dup-section":
            heads = [line for line in lines if line.startswith("[")]
            if heads:
                lines.insert(i, rng.choice(heads))
        elif kind == "bad-continue":
            lines.insert(i, "garbage without delimiter")
            lines.insert(i + 1, "    continues-the-open-option")
        text = "\n".join(lines)
        if kind == "bom":
            text = "\ufeff" + text
        data = text.encode("utf-8")
        if kind == "bad-utf8":
            at = rng.randrange(len(data) + 1)
            data = data[:at] + rng.choice([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xc0\xaf"]) + \
                data[at:]
        return data

    def file(self):
        rng = self.rng
        if rng.random() < 0.25:
            self.parts.append(self.default_section())
        sections = [("metadata", 0.6), ("options", 0.85), ("extras", 0.5),
                    ("unrelated", 0.5), ("odd", 0.15)]
        for kind, chance in sections:
            if rng.random() >= chance:
                continue
            if kind == "metadata":
                self.parts.append("[metadata]\nname = demo\nversion = 1.0\n")
            elif kind == "options":
                self.parts.append(self.options_section())
            elif kind == "extras":
                self.parts.append(self.extras_section())
            elif kind == "unrelated":
                self.parts.append(rng.choice(UNRELATED))
            else:
                self.parts.append(pick(rng, ODD_SECTIONS))
        rng.shuffle(self.parts)
        text = rng.choice(["", "", "# setup.cfg\n", "\n\n", "; top\n"]) + \
            rng.choice(["\n", "", "\n\n"]).join(self.parts)
        return render(rng, self.damage(text))


def render(rng, data):
    """The line ends: "\n", "\r\n", "\r", or a mix; maybe none at the end."""
    mode = pick(rng, {"lf": 12, "crlf": 3, "cr": 1.5, "mixed": 3})
    lines = data.split(b"\n")
    ends = {"lf": [b"\n"], "crlf": [b"\r\n"], "cr": [b"\r"], "mixed": [b"\n", b"\r\n", b"\r"]}
    out = b"".join(line + rng.choice(ends[mode]) for line in lines[:-1]) + lines[-1]
    return out if rng.random() < 0.9 or not out.endswith(b"\n") else out.rstrip(b"\r\n")


EDGE = [
    "[options]\ninstall_requires = requests>=2.8\n",
    "[options]\ninstall_requires =\n    requests>=2.8  # http\n    # a comment line\n\n"
    "    Django[bcrypt] ~= 4.2 ; python_version >= \"3.8\"\n\tnumpy\n",
    "[options]\ninstall_requires = a; python_version<\"3.8\"\n",
    "[options]\ninstall-requires = a\ninstall_requires = b\n",
    "[options]\ninstall_requires = b\ninstall-requires = a\n",
    "[DEFAULT]\ninstall_requires = x\n[options]\ninstall-requires = b\n",
    "[DEFAULT]\nbase = requests\n[options]\ninstall_requires = %(base)s; six\n",
    "[DEFAULT]\nbase = requests\n[options.extras_require]\ndev = %(base)s[socks]\n",
    "[DEFAULT]\nbase = %(missing)s\n",
    "[DEFAULT]\nbase = %(missing)s\n[metadata]\nname = demo\n",
    "[DEFAULT]\nbase = %(own)s\n[options]\nown = x\n[metadata]\nown = y\n",
    "[DEFAULT]\nbase = %(own)s\n[options]\nown = x\n",
    "[options]\na = %(b)s\nb = %(a)s\n",
    "[options]\ninstall_requires = %%(x)s\n",
    "[options]\ninstall_requires =\n  pkg @ https://x.example/a%%20b.whl\n",
    "[options]\ninstall_requires =\n  pkg @ https://x.example/a%%20b.whl\n  odd%1\n",
    "[options]\ninstall_requires = a%(\n  b)s\n",
    "[options]\ninstall_requires = a\\\n",
    "[options]\ninstall_requires =\n  a\\\n  b\n",
    "[options]\ninstall_requires =\n  ab\\\n  >=1\n",
    "[options]\ninstall_requires =\n  \u00e9\\\n  b\n",
    "[options]\ninstall_requires =\n  a \\ # comment\n  >=1\n",
    "[options]\ninstall_requires = a\\; b\n",
    "[options]\ninstall_requires =\n  a\\\n  \\\n  \\\n  b\n",
    "[options]\ninstall_requires = #c\f b\n",
    "[options]\nsetup_requires = #c\f b\n",
    "[options]\nsetup_requires = file: a.txt\n",
    "[options]\ninstall_requires = file: a.txt, , b.txt,\n",
    "[options]\ninstall_requires =\n  file: a.txt\n",
    "[options]\ninstall_requires = file: a.txt,\n  b.txt\n",
    "[options.extras_require]\ndev = file: dev.txt\n",
    "[options]\ninstall_requires = a\fb\n",
    "[options]\ninstall_requires = a\x1fb\n",
    "[options]\ninstall_requires = a\u00a0b\n",
    "[options]\ninstall_requires = a;\u00a0b\n",
    "[options]\ninstall_requires =\n\u3000a\n\u3000 b\n",
    "[options]\n  install_requires = a\n  b\n",
    "[options]\n  install_requires = a\n   b\n",
    "[options]\n  install_requires = a\n\u3000b\n",
    "[options]\n  install_requires = a\n\u3000\u3000\u3000b\n",
    "[options]\n install_requires = a\n\u3000\u3000b\n",
    "[options]\n  install_requires = a\n\tfoo==1\n",
    "[options]\nlocal = six\ninstall_requires = %(local)s\n[options.extras_require]\n"
    "dev = %(local)s\n",
    "[options]\nlocal = six\ninstall_requires = %(LOCAL)s\n",
    "[DEFAULT]\nbase = six\n[options.extras_require]\nbase = attrs\ndev = %(base)s\n",
    "[options]\ninstall_requires = a\n\v b\n",
    "[options]\ninstall_requires = a\n\x1c b\n",
    "[options]\ninstall_requires = a\n  [options.extras_require]\n",
    "[options]\ninstall_requires = a\n\n\n  b\n",
    "[options]\ninstall_requires = a\n  # c\n  b\n",
    "[options]\ninstall_requires = a\n# c\n  b\n",
    "[options]\ninstall_requires = a\nbad line\n  b\n",
    "[options]\n= a\n  install_requires = b\n",
    "[options]\ninstall_requires: a\n",
    "[options]\ninstall_requires:=a\n",
    "[options]\ninstall_requires=: a\n",
    "[options]\ninstall requires = a\n",
    "[options]\nInstall_requires = a\n",
    "[options]\ninstall_requires = a\n[options]\n",
    "[DEFAULT]\na = 1\n[DEFAULT]\nb = 2\n[options]\ninstall_requires = c\n",
    "[DEFAULT]\na = 1\n[DEFAULT]\na = 2\n",
    "[options.options]\ninstall_requires = a\n[options]\ninstall_requires = b\n",
    "[options]\ninstall_requires = b\n[options.options]\ninstall_requires = a\n",
    "[options..extras_require.]\ndash-name = a\ndash_name = b\n",
    "[options.extras_require]\ndash-name = a\ndash_name = b\n",
    "[options.extras_require]\n__name__ = a\n",
    "[options.bogus]\n",
    "[metadata.x]\n",
    "[optionsX]\n",
    "[options ]\n",
    "key = value\n[options]\n",
    "# only a comment\n",
    "",
    "\n\n",
    "[DEFAULT]\nbase = %\n",
    "[x]\na = %\n[options]\n",
    "[x]\na = 100%%\n",
    "[options]\ninstall_requires = a; b; c\n",
    "[options]\ninstall_requires = ;;a;;\n",
    "[options]\ninstall_requires =\n",
    "[options]\ntests_require =\n  pytest\n  bad spec ==\n",
    "[options]\ninstall_requires = pkg @ https://example.com/p.zip#egg=p\n",
    "[options]\ninstall_requires = pkg #x\n",
    "[options]\ninstall_requires = pkg\t#x\n",
    "[a]b]\nk = v\n[options]\ninstall_requires = a\n",
    "[]]\n[options]\ninstall_requires = a\n",
    "[options]\u3000\ninstall_requires\u3000=\u3000a\u3000\n",
    "[options]\ninstall_requires = %(f)s\nf = file: a.txt\n",
    "[DEFAULT]\ninstall-requires = x\n[options]\ninstall_requires = y\n",
    "[options]\ninstall_requires =\n  # only a comment\n",
    "[options]\ninstall_requires = a\n\x0c\x0c\n  b\n",
    "[options]\ninstall_requires = a ;b;\tc ; \n",
    "[options]\ninstall_requires = a\n[options.extras_require]\n[options]\n",
]
EDGE_BYTES = [
    b"[options]\r\ninstall_requires =\r\n  a\r\n  b\r\n",
    b"[options]\rinstall_requires =\r  a\r\r  b\r",
    b"[options]\ninstall_requires =\r\n  a\r  b\n",
    b"[options]\r\r\ninstall_requires = a\r\r\n",
    b"\xef\xbb\xbf[options]\ninstall_requires = a\n",
    b"[options]\ninstall_requires = a\xff\n",
    b"[options]\ninstall_requires = a\n\xed\xa0\x80\n",
    b"[options]\ninstall_requires = a\x00\n",
    b"[options]\ninstall_requires = a \\\r\n  b\r\n",
]


def corpus(rng):
    files = []
    for i, text in enumerate(EDGE):
        files.append((f"edge_{i:03}.cfg", text.encode("utf-8")))
    for i, data in enumerate(EDGE_BYTES):
        files.append((f"edge_bytes_{i:03}.cfg", data))
    for i in range(N_GENERATED):
        files.append((f"gen_{i:04}.cfg", Gen(rng).file()))
    if os.environ.get("DEPUTY_TEST_QUICK"):
        # the sanitizer pass of scripts/test: every edge case, a quarter of the rest
        files = [f for i, f in enumerate(files) if not f[0].startswith("gen_") or i % 4 == 0]
    return files


# ---- comparison ----

def compare(name, st, dp, problems):
    errors = [d for d in dp["diagnostics"] if d["level"] == "error"]
    if dp.get("failure"):
        problems.append((name, f"setup_cfg_dump: {dp['failure']}"))
    elif "error" in st:
        if not errors:
            problems.append((name, f"setuptools refuses it ({st['error'][:200]}) "
                                   "but deputy reports no error"))
    elif errors:
        problems.append((name, f"setuptools accepts it but deputy reports {errors}"))
    else:
        mine = deputy_view(dp)
        for label in sorted(set(st["lists"]) | set(mine)):
            want = st["lists"].get(label)
            got = mine.get(label)
            if want != got:
                problems.append((name, f"{label}: setuptools {json.dumps(want)}\n"
                                       f"    deputy {json.dumps(got)}"))
                break


def show(tmp, name, why, dp):
    with open(os.path.join(tmp, name), "rb") as f:
        data = f.read()
    print(f"DISAGREE {name}: {why}")
    print("  file: " + repr(data[:600]) + (" ..." if len(data) > 600 else ""))
    diags = [f"{d['level']} {d['line']}:{d['column']}: {d['message']}" for d in dp["diagnostics"]]
    print("  deputy's diagnostics: " + (json.dumps(diags) if diags else "none"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dump", help="the setup_cfg_dump program")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    parser.add_argument("--show", type=int, default=6, help="disagreements shown in full")
    args = parser.parse_args()
    tool = os.path.abspath(args.dump)
    tmp = tempfile.mkdtemp(prefix="setup-cfg-diff-")
    os.chdir(tmp)
    files = corpus(random.Random(SEED))
    for name, data in files:
        with open(name, "wb") as f:
            f.write(data)
    deputy = {}
    for i in range(0, len(files), BATCH):
        for result in deputy_read(tool, [name for name, _ in files[i:i + BATCH]]):
            deputy[result["path"]] = result
    problems = []
    refused = compared = 0
    for name, _ in files:
        st = setuptools_read(name)
        refused += "error" in st
        compared += sum(len(v["requirements"]) for v in st.get("lists", {}).values())
        before = len(problems)
        compare(name, st, deputy[name], problems)
        if len(problems) > before and name in KNOWN:
            del problems[before:]
    for name, why in problems[:args.show]:
        show(tmp, name, why, deputy[name])
    for name, why in problems[args.show:]:
        print(f"DISAGREE {name}: {why.splitlines()[0][:160]}")
    print(f"{len(files)} files ({len(files) - len(EDGE) - len(EDGE_BYTES)} generated), "
          f"{refused} of them refused by setuptools")
    print(f"{compared} requirements compared, {len(problems)} disagreements")
    if args.keep:
        print("kept", tmp)
    else:
        shutil.rmtree(tmp)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
