#!/usr/bin/env python3
"""Writes data/python-stdlib.txt: Python standard-library module names, then
the names people type for them.

The first section is sys.stdlib_module_names of the running interpreter (run it
with the newest CPython at hand that still ships the modules removed by PEP 594,
i.e. 3.11 or 3.12), one top-level module a line, sorted. The second section,
after a line "[aliases]", holds "name<TAB>module" lines: a name that is not a
module of this interpreter but that people ask PyPI for when they mean a module
(Python 2 names, short forms, modules removed before this interpreter).
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
    if args.output:
        out.close()
    print("gen-python-stdlib: %d modules, %d aliases" % (len(modules), len(aliases)),
          file=sys.stderr)


if __name__ == "__main__":
    main()
