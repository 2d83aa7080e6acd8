#!/usr/bin/env python3
"""Writes data/python-stdlib.txt: Python standard-library module names, then
the names people type for them.

The first section is sys.stdlib_module_names of the running interpreter (run it
with the newest CPython at hand that still ships the modules removed by PEP 594,
i.e. 3.11 or 3.12), one top-level module a line, sorted. The second section,
after a line "[aliases]", holds "name<TAB>module" lines: a name that is not a
module of this interpreter but that people ask PyPI for when they mean a module
(Python 2 names, short forms, modules removed before this interpreter). The
third, after "[since]", holds "module<TAB>3.N" lines: the first CPython 3
release with a module that Python 2.7 did not have (what a backport on PyPI
serves: a requirement limited to older Pythons by its marker is no shadow).
Lines starting with "#" are comments.

    python3 scripts/gen-python-stdlib.py -o data/python-stdlib.txt
"""
import argparse
import sys

# Names people type when they mean a standard-library module. Each was checked
# to be neither a module of the interpreter nor (for the short forms) a real
# project people would mean instead; several are exactly the 2017 look-alikes.
SHORT_FORMS = {
    "telnet": "telnetlib",      # SK-CSIRT 2017 look-alike
    "bzip": "bz2",              # SK-CSIRT 2017 look-alike
    "bzip2": "bz2",
    "sqlite": "sqlite3",
    "concurrent-futures": "concurrent.futures",
    "xml-etree": "xml.etree",
    "os-path": "os.path",
    "urllib-request": "urllib.request",
    "urllib-parse": "urllib.parse",
    "email-mime": "email.mime",
}

# Python 2 module names and what Python 3 calls them (PEP 3108).
PYTHON2 = {
    "__builtin__": "builtins",
    "anydbm": "dbm",
    "basehttpserver": "http.server",
    "cgihttpserver": "http.server",
    "commands": "subprocess",
    "configparser": "configparser",
    "cookie": "http.cookies",
    "cookielib": "http.cookiejar",
    "copy_reg": "copyreg",
    "cpickle": "pickle",
    "cstringio": "io",
    "dbhash": "dbm",
    "dumbdbm": "dbm.dumb",
    "dummy_thread": "_thread",
    "exceptions": "builtins",
    "gdbm": "dbm.gnu",
    "htmlentitydefs": "html.entities",
    "htmlparser": "html.parser",
    "httplib": "http.client",
    "markupbase": "_markupbase",
    "md5": "hashlib",
    "mimetools": "email",
    "mimewriter": "email",
    "mimify": "email",
    "multifile": "email",
    "new": "types",
    "popen2": "subprocess",
    "queue": "queue",
    "repr": "reprlib",
    "robotparser": "urllib.robotparser",
    "sets": "builtins",
    "sha": "hashlib",
    "simplehttpserver": "http.server",
    "simplexmlrpcserver": "xmlrpc.server",
    "socketserver": "socketserver",
    "stringio": "io",
    "thread": "_thread",
    "tkinter": "tkinter",
    "tkmessagebox": "tkinter.messagebox",
    "urllib2": "urllib",
    "urlparse": "urllib.parse",
    "userdict": "collections",
    "userlist": "collections",
    "userstring": "collections",
    "whichdb": "dbm",
    "xmlrpclib": "xmlrpc.client",
}

# Modules removed from CPython before 3.11 (so absent from its list) that old
# requirement files still name.
REMOVED = {
    "binhex": "binhex",          # removed in 3.11
    "dummy_threading": "dummy_threading",  # removed in 3.9
    "formatter": "formatter",    # removed in 3.10
    "macpath": "macpath",        # removed in 3.8
    "parser": "parser",          # removed in 3.10
    "symbol": "symbol",          # removed in 3.10
}


# Top-level modules that Python 2.7 lacks, with the CPython 3 release that
# brought each ("New in version 3.N" in the library reference; the renamed
# Python 2 modules of PEP 3108 count from 3.0). A module not listed here was in
# Python 2.7 already (ensurepip since 2.7.9), so no Python needs it from PyPI.
SINCE = {
    "_thread": 0, "builtins": 0, "configparser": 0, "copyreg": 0, "html": 0,
    "http": 0, "queue": 0, "reprlib": 0, "socketserver": 0, "tkinter": 0,
    "winreg": 0, "xmlrpc": 0,
    "concurrent": 2,
    "faulthandler": 3, "ipaddress": 3, "lzma": 3, "venv": 3,
    "asyncio": 4, "enum": 4, "pathlib": 4, "selectors": 4,
    "statistics": 4, "tracemalloc": 4,
    "typing": 5, "zipapp": 5,
    "secrets": 6,
    "contextvars": 7, "dataclasses": 7,
    "graphlib": 9, "zoneinfo": 9,
    "tomllib": 11,
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--output", help="output file (default: stdout)")
    args = ap.parse_args()

    modules = sorted(sys.stdlib_module_names)
    known = {m.lower() for m in modules}
    aliases = {}
    for table in (SHORT_FORMS, PYTHON2, REMOVED):
        for name, module in table.items():
            if name.lower() in known:
                continue        # already a module name here (e.g. "queue")
            aliases[name] = module

    out = open(args.output, "w", encoding="ascii", newline="\n") if args.output else sys.stdout
    v = sys.version_info
    out.write("# sys.stdlib_module_names of CPython %d.%d, one top-level module a line\n"
              % (v.major, v.minor))
    for m in modules:
        out.write(m + "\n")
    out.write("[aliases]\n")
    out.write("# name people type<TAB>the module they mean\n")
    for name in sorted(aliases):
        out.write("%s\t%s\n" % (name, aliases[name]))
    out.write("[since]\n")
    out.write("# module<TAB>the first CPython 3 release with it (Python 2.7 lacked it)\n")
    for m in sorted(SINCE):
        if m not in known:
            sys.exit("gen-python-stdlib: %s is not a module of this interpreter" % m)
        out.write("%s\t3.%d\n" % (m, SINCE[m]))
    if args.output:
        out.close()
    print("gen-python-stdlib: %d modules, %d aliases" % (len(modules), len(aliases)),
          file=sys.stderr)


if __name__ == "__main__":
    main()
