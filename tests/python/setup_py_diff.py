#!/usr/bin/env python3
"""Differential test: what deputy reads from setup.py against Python's ast.

Usage: setup_py_diff.py PATH/TO/setup_py_dump [--keep DIR] [ROOT...]

Writes hand-written setup.py variants and generated ones (random.Random(5):
nested literals, every string prefix and quote, escapes, implicit
concatenation, '+', variables assigned once / twice / in a block / mutated,
function calls, comprehensions, **kwargs, f-strings) to a temporary folder,
runs setup_py_dump on them, and computes the same events from ast.parse:
the setup() calls, the four requirement keywords, "dynamic" where the value
(or one item of a literal list or dict) is not one of the literal forms
below, each requirement line as setuptools'
parse_strings() splits it, and each value that is not a string. Every file
must parse with ast (a generated one that does not is regenerated). Exits 1
on any disagreement, printing the first differing line of each file.
Every setup.py under the ROOTs given is compared too (one Python 3 cannot
parse is listed and not counted).

The literal forms, as deputy reads them: ast.literal_eval's constants,
lists, tuples, sets and dicts (no ** or * inside), a sign before a number,
'+' of two lists, two tuples, two strs or two bytes, and names bound once in
the file by a module-level assignment, never used with '.' or '[' and never
declared global.
"""
import ast
import io
import os
import random
import subprocess
import sys
import tempfile
import tokenize
from collections import Counter

KEYWORDS = ("install_requires", "setup_requires", "tests_require", "extras_require")
SETUP_MODULES = ("setuptools", "distutils.core")
MAX_DEPTH = 90


def quoted(s):
    if isinstance(s, str):
        s = s.encode("utf-8", "surrogatepass")
    return "'" + "".join(
        chr(c) if 0x20 <= c < 0x7F and c not in (0x5C, 0x27) else "\\x%02x" % c for c in s
    ) + "'"


class File:
    def __init__(self, data):
        self.data = data
        encoding = tokenize.detect_encoding(io.BytesIO(data).readline)[0]
        self.lines = data.decode(encoding).replace("\r\n", "\n").split("\n")
        self.tree = ast.parse(data)
        self.bindings = Counter()
        self.mutated = set()
        self.values = {}
        self.setup_names = {"setup"}
        self.modules = set(SETUP_MODULES)
        self.resolving = set()
        self.cache = {}
        self.out = []
        self.scan()

    def pos(self, node):
        line = self.lines[node.lineno - 1].encode("utf-8", "surrogatepass")
        col = len(line[: node.col_offset].decode("utf-8", "surrogatepass")) + 1
        return "%d:%d" % (node.lineno, col)

    def scan(self):
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
                self.bindings[node.id] += 1
            elif isinstance(node, ast.alias) and node.name != "*":
                self.bindings[node.asname or node.name.split(".")[0]] += 1
            elif isinstance(node, ast.ExceptHandler) and node.name:
                self.bindings[node.name] += 1
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self.bindings[node.name] += 1
            elif isinstance(node, (ast.Global, ast.Nonlocal)):
                self.mutated.update(node.names)
            elif isinstance(node, (ast.Attribute, ast.Subscript)) and isinstance(node.value, ast.Name):
                self.mutated.add(node.value.id)
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module in SETUP_MODULES:
                for a in node.names:
                    if a.name == "setup":
                        self.setup_names.add(a.asname or "setup")
                    elif a.name == "*":
                        self.setup_names.add("setup")
            elif isinstance(node, ast.Import):
                for a in node.names:
                    if a.name in SETUP_MODULES:
                        self.modules.add(a.asname or a.name)
        for stmt in self.tree.body:
            if isinstance(stmt, ast.Assign) and all(isinstance(t, ast.Name) for t in stmt.targets):
                for t in stmt.targets:
                    self.values[t.id] = stmt.value
            elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value:
                self.values[stmt.target.id] = stmt.value

    # values: (kind, payload, node); kind is Python's type name, or "dyn"
    def ev(self, node, depth=0):
        dyn = ("dyn", None, node)
        if depth > MAX_DEPTH:
            return dyn
        if isinstance(node, ast.Constant):
            if node.value is Ellipsis:
                return dyn
            return (type(node.value).__name__, node.value, node)
        if isinstance(node, ast.Name):
            return self.resolve(node, depth)
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            if any(isinstance(e, ast.Starred) for e in node.elts):
                return dyn
            kind = {ast.List: "list", ast.Tuple: "tuple", ast.Set: "set"}[type(node)]
            return (kind, [self.ev(e, depth + 1) for e in node.elts], node)
        if isinstance(node, ast.Dict):
            if any(k is None for k in node.keys):
                return dyn
            return ("dict", [(self.ev(k, depth + 1), self.ev(v, depth + 1))
                             for k, v in zip(node.keys, node.values)], node)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            o = node.operand
            if isinstance(o, ast.Constant) and type(o.value) in (int, float, complex):
                return (type(o.value).__name__, None, node)
            return dyn
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            a = self.ev(node.left, depth + 1)
            b = self.ev(node.right, depth + 1)
            if a[0] != b[0] or a[0] not in ("list", "tuple", "str", "bytes"):
                return dyn
            return (a[0], a[1] + b[1], node)
        return dyn

    def resolve(self, node, depth):
        name = node.id
        if (self.bindings[name] != 1 or name in self.mutated or name not in self.values
                or name in self.resolving):
            return ("dyn", None, node)
        if name not in self.cache:
            self.resolving.add(name)
            try:
                self.cache[name] = self.ev(self.values[name], depth + 1)
            finally:
                self.resolving.discard(name)
        if self.cache[name][0] == "dyn":
            return ("dyn", None, node)
        return self.cache[name]

    def is_setup(self, func):
        if isinstance(func, ast.Name):
            return func.id in self.setup_names
        if isinstance(func, ast.Attribute) and func.attr == "setup":
            parts = []
            v = func.value
            while isinstance(v, ast.Attribute):
                parts.append(v.attr)
                v = v.value
            if isinstance(v, ast.Name):
                parts.append(v.id)
                return ".".join(reversed(parts)) in self.modules
        return False

    def collect(self, kw, v, lines, depth=0):
        if v[0] == "str":
            for line in v[1].splitlines():
                line = line.strip()
                if line and not line.startswith("#"):
                    lines.append((line.partition(" #")[0], v[2]))
        elif v[0] == "dyn":
            self.out.append("dynamic %s %d" % (kw, v[2].lineno))
        elif v[0] in ("list", "tuple", "set") and depth < 100:
            for item in v[1]:
                self.collect(kw, item, lines, depth + 1)
        else:
            self.out.append("bad %s %s" % (v[0], self.pos(v[2])))

    def requirements(self, kw, v):
        lines = []
        self.collect(kw, v, lines)
        it = iter(lines)
        for item, node in it:
            stop = False
            while item.endswith("\\"):
                try:
                    item = item[:-2].strip() + next(it)[0]
                except StopIteration:
                    stop = True
                    break
            if stop:
                return
            self.out.append("req %s %s" % (quoted(item), self.pos(node)))

    def keyword(self, kw, at, v):
        self.out.append("kw %s %s" % (kw, self.pos(at)))
        if v[0] == "dyn":
            self.out.append("dynamic %s %d" % (kw, at.lineno))
        elif kw != "extras_require":
            self.requirements(kw, v)
        elif v[0] != "dict":
            self.out.append("bad %s %s" % (v[0], self.pos(v[2])))
        else:
            for k, val in v[1]:
                if k[0] == "dyn":
                    self.out.append("dynamic %s %d" % (kw, k[2].lineno))
                    continue
                if k[0] != "str":
                    self.out.append("bad %s %s" % (k[0], self.pos(k[2])))
                    continue
                self.out.append("extra %s %s" % (quoted(k[1]), self.pos(k[2])))
                self.requirements(kw, val)

    def events(self):
        calls = [n for n in ast.walk(self.tree) if isinstance(n, ast.Call) and self.is_setup(n.func)]
        calls.sort(key=lambda n: (n.lineno, n.col_offset))
        for call in calls:
            self.out.append("call %s" % self.pos(call))
            for k in call.keywords:
                if k.arg is None:
                    v = self.ev(k.value)
                    if v[0] != "dict":
                        self.out.append("kw ** %s" % self.pos(k))
                        self.out.append("dynamic ** %d" % k.lineno)
                        continue
                    for key, val in v[1]:
                        if key[0] == "str" and key[1] in KEYWORDS:
                            self.keyword(key[1], key[2], val)
                elif k.arg in KEYWORDS:
                    self.keyword(k.arg, k, self.ev(k.value))
        return self.out


# ----------------------------------------------------------------- the corpus

HAND = {
"plain": '''\
from setuptools import setup, find_packages

setup(
    name="demo",
    version="1.0",
    packages=find_packages(),
    install_requires=[
        "requests>=2.8",  # http
        'urllib3<2; python_version < "3.8"',
        "colorama",
    ],
    extras_require={
        "socks": ["PySocks>=1.5.6, !=1.5.7"],
        "tests:python_version<'3.8'": "mock",
    },
)
''',
"variables": '''\
import setuptools

REQUIRES = ["click>=7", "jinja2"]
TESTS: list = ("pytest", "pytest-cov")
EXTRAS = {"docs": ["sphinx"], "dev": TESTS + ("black",)}

setuptools.setup(
    name="x",
    install_requires=REQUIRES + ["markupsafe"],
    tests_require=TESTS,
    extras_require=EXTRAS,
)
''',
"dynamic_read": '''\
from setuptools import setup

with open("requirements.txt") as f:
    requirements = f.read().splitlines()

setup(name="y", install_requires=requirements, setup_requires=["wheel"])
''',
"dynamic_calls": '''\
from setuptools import setup
import os

def reqs(path):
    return [l.strip() for l in open(path)]

setup(
    install_requires=reqs("requirements.txt"),
    tests_require=[r for r in ["a", "b"]],
    setup_requires=["setuptools_scm"] if os.name == "nt" else [],
    extras_require={"x": reqs("x.txt")},
)
''',
"alias": '''\
from setuptools import setup as s
s(install_requires="six\\nattrs >= 19 # comment\\n\\n# whole comment\\n  pyyaml  ")
''',
"distutils": '''\
from distutils.core import setup as du_setup
import distutils.core
du_setup(install_requires=('a', 'b'))
distutils.core.setup(setup_requires=['c' 'd', "e" "f"])
''',
"kwargs": '''\
from setuptools import setup
kwargs = dict(install_requires=["a"])
LITERAL = {"install_requires": ["b"], "name": "n", "tests_require": "c"}
setup(**kwargs)
setup(**LITERAL)
setup(**{"setup_requires": ["d"]}, name="z")
''',
"twice": '''\
from setuptools import setup
DEPS = ["a"]
DEPS = ["b"]
OTHER = ["c"]
OTHER += ["d"]
MUT = ["e"]
MUT.append("f")
if True:
    INBLOCK = ["g"]
GOOD = ["h"]
setup(install_requires=DEPS, setup_requires=OTHER, tests_require=MUT,
      extras_require={"a": INBLOCK, "b": GOOD})
''',
"prefixes": '''\
from setuptools import setup
setup(install_requires=[r"raw\\d", u"unicode", R'R', U"U", """triple
second""", \'\'\'tq\'\'\', "esc\\x41\\101\\u00e9\\U0001F600\\t"],
      tests_require=[b"bytes", 1, None, True, 2.5, -3, {"a": 1}, 1j],
      setup_requires=f"fstring")
''',
"continuation": '''\
from setuptools import setup
setup(install_requires=["foo \\\\", "bar", "# comment", "baz #trailing", "  ", "qux \\\\"])
''',
"nested": '''\
from setuptools import setup
A = ["a1", ("a2", ["a3", {"a4"}])]
B = A + [["b1"]]
C = B
setup(install_requires=C, extras_require={"k": ("x",), 3: "y", "m": [[["deep"]]]})
''',
"latin1": '''\
# -*- coding: latin-1 -*-
from setuptools import setup
setup(install_requires=["café-pkg", "plain"])
''',
"crlf": "from setuptools import setup\r\nsetup(\r\n    install_requires=[\r\n        'a',\r\n        '''b\r\nc''',\r\n    ],\r\n)\r\n",
"unicode_cols": '''\
from setuptools import setup
NOTE = "déjà vu"
setup(name="é", install_requires=["naïve", "x"], tests_require=["ünïcode" , "ok"])
''',
"not_setup": '''\
def setup(app):
    pass
app.setup(install_requires=["not read"])
setup(install_requires=["read"])
''',
"walrus_and_for": '''\
from setuptools import setup
X = ["x"]
Y = ["y"]
Z = ["z"]
W = ["w"]
for X in []:
    pass
if (Y := ["y2"]):
    pass
[Z for Z in range(3)]
import W
setup(install_requires=X, setup_requires=Y, tests_require=Z, extras_require={"w": W})
''',
"cycle": '''\
from setuptools import setup
A = B
B = A
C = ["c"] + ("d",)
D = "s" + "t"
E = b"e" + b"f"
F = -1
G = [*C]
H = {**{}}
setup(install_requires=A, setup_requires=C, tests_require=[D, E, F],
      extras_require={"g": G, "h": H})
''',
"main_guard": '''\
#!/usr/bin/env python
import setuptools as st

REQS = """
    numpy>=1.20  # arrays
    scipy
    pandas; python_version >= "3.8"
"""

if __name__ == "__main__":
    st.setup(install_requires=REQS, extras_require={
        "plot": "matplotlib",
        "all:sys_platform == 'win32'": ["pywin32"],
    })
''',
"global": '''\
from setuptools import setup
REQS = ["a"]
def f():
    global REQS
setup(install_requires=REQS, tests_require=["t"], **{'extras_require': {"x": ["y"]}})
''',
}

NAMES = ["requests", "numpy", "Flask", "django", "six", "attrs", "PyYAML", "click",
         "python-dateutil", "zope.interface", "typing_extensions", "my_pkg"]
SPECS = ["", ">=1.0", "==2.3.4", "~=1.4", "<3,>=2", " >= 1.0 , < 2", "!=1.5"]
MARKERS = ["", "; python_version < '3.8'", ';sys_platform=="win32"']
OTHER_KW = ["name='pkg'", "version='0.1'", "packages=find_packages()", "zip_safe=False",
            "classifiers=['A :: B']", "entry_points={'console_scripts': ['x=y:z']}"]


class Gen:
    def __init__(self, rng):
        self.rng = rng
        self.vars = []

    def req_text(self):
        r = self.rng
        t = r.choice(NAMES)
        if r.random() < 0.2:
            t += "[%s]" % r.choice(["security", "socks,tests"])
        t += r.choice(SPECS) + r.choice(MARKERS)
        if r.random() < 0.1:
            t += r.choice([" # note", "\n" + r.choice(NAMES), "\n# comment\n" + r.choice(NAMES)])
        return t

    def encode(self, text):
        r = self.rng
        kind = r.random()
        if kind < 0.1 and "\n" not in text and "\\" not in text:
            prefix = r.choice(["r", "R", "u", "U"])
        else:
            prefix = ""
        quote = r.choice(["'", '"', "'''", '"""'])
        out = []
        for ch in text:
            if ch == "\n":
                out.append("\\n" if len(quote) == 1 or r.random() < 0.5 else "\n")
            elif ch == quote[0] or ch == "\\":
                out.append("\\" + ch)
            elif prefix == "" and r.random() < 0.05:
                out.append(r.choice(["\\x%02x" % ord(ch), "\\%03o" % ord(ch),
                                     "\\u%04x" % ord(ch), "\\U%08x" % ord(ch)]))
            else:
                out.append(ch)
        body = "".join(out)
        if prefix in ("r", "R") and (quote[0] in body or "\\" in body):
            prefix = ""
        return prefix + quote + body + quote

    def string(self):
        r = self.rng
        text = self.req_text()
        if r.random() < 0.15 and len(text) > 2:
            cut = r.randrange(1, len(text))
            sep = r.choice([" ", "\n        ", " # c\n  "])
            return "(%s%s%s)" % (self.encode(text[:cut]), sep, self.encode(text[cut:]))
        if r.random() < 0.03:
            return "f" + self.encode(text).lstrip("rRuU")
        return self.encode(text)

    def dynamic(self):
        return self.rng.choice([
            "open('requirements.txt').read().splitlines()",
            "[r for r in ['a', 'b']]",
            "get_reqs()",
            "REQS_FILE.split()",
            "list(BASE)",
            "['a'] if PY2 else ['b']",
            "os.environ['X']",
            "['a'] * 2",
            "[*BASE, 'x']",
            "undefined_name",
        ])

    def scalar(self):
        return self.rng.choice(["1", "-2", "3.5", "None", "True", "b'raw'", "1e3", "0x1F", "2j"])

    def seq(self, depth):
        r = self.rng
        n = r.randrange(0, 5)
        items = [self.value(depth + 1) for _ in range(n)]
        sep = r.choice([", ", ",\n    ", " ,  # c\n        "])
        kind = r.random()
        trail = "," if items and r.random() < 0.4 else ""
        if kind < 0.6:
            return "[" + sep.join(items) + trail + "]"
        if kind < 0.85:
            if len(items) == 1:
                trail = ","
            return "(" + sep.join(items) + trail + ")"
        if not items:
            return "[]"
        return "{" + sep.join(items) + trail + "}"

    def value(self, depth=0):
        r = self.rng
        x = r.random()
        if depth > 3 or x < 0.55:
            return self.string()
        if x < 0.75:
            return self.seq(depth)
        if x < 0.8 and self.vars:
            return r.choice(self.vars)
        if x < 0.85:
            return self.scalar()
        if x < 0.9:
            return self.seq(depth) + " + " + self.seq(depth)
        if x < 0.93:
            return self.dynamic()
        return self.string()

    def extras(self, depth=0):
        r = self.rng
        if r.random() < 0.08:
            return self.value()
        entries = []
        for _ in range(r.randrange(0, 4)):
            key = r.choice(["'tests'", '"docs"', "'ssl:sys_platform == \"win32\"'", "\"dev\"",
                            "1", "'x' 'y'"])
            entries.append("%s: %s" % (key, self.value(depth + 1)))
        if r.random() < 0.1:
            entries.append("**MORE")
        return "{" + ", ".join(entries) + "}"

    def file(self):
        r = self.rng
        self.vars = []
        head = r.choice([
            ("from setuptools import setup, find_packages", "setup"),
            ("from setuptools import setup as _setup\nfrom setuptools import find_packages", "_setup"),
            ("import setuptools\nfrom setuptools import find_packages", "setuptools.setup"),
            ("import setuptools as st\nfind_packages = st.find_packages", "st.setup"),
            ("from distutils.core import setup\nfind_packages = lambda: []", "setup"),
        ])
        lines = [head[0], "import os", ""]
        for i in range(r.randrange(0, 5)):
            name = "VAR%d" % i
            form = r.random()
            value = self.value()
            if form < 0.55:
                lines.append("%s = %s" % (name, value))
            elif form < 0.62:
                lines.append("%s: list = %s" % (name, value))
            elif form < 0.68:
                lines.append("%s = %s = %s" % (name, name + "_B", value))
            elif form < 0.75:
                lines.append("%s = %s\n%s = %s" % (name, value, name, self.value()))
            elif form < 0.8:
                lines.append("%s = %s\n%s += ['more']" % (name, value, name))
            elif form < 0.85:
                lines.append("%s = %s\n%s.append('more')" % (name, value, name))
            elif form < 0.9:
                lines.append("if os.name == 'nt':\n    %s = %s\nelse:\n    %s = []" % (name, value, name))
            elif form < 0.95:
                lines.append("%s = %s" % (name, self.dynamic()))
            else:
                lines.append("def f%d():\n    %s = %s\n%s = %s" % (i, name, value, name, value))
            self.vars.append(name)
        args = []
        kws = list(KEYWORDS)
        r.shuffle(kws)
        for kw in kws[: r.randrange(1, 5)]:
            value = self.extras() if kw == "extras_require" else self.value()
            args.append("%s=%s" % (kw, value))
        for other in r.sample(OTHER_KW, r.randrange(0, 3)):
            args.insert(r.randrange(0, len(args) + 1), other)
        if r.random() < 0.1:
            args.append("**extra_args")
        if r.random() < 0.05:
            args.append("**{'tests_require': %s}" % self.value())
        sep = r.choice([", ", ",\n    ", ",  # why\n    "])
        call = "%s(%s%s)" % (head[1], "\n    " if "\n" in sep else "", sep.join(args))
        if r.random() < 0.2:
            call = "if __name__ == '__main__':\n    " + call.replace("\n", "\n    ")
        lines.append(call)
        return "\n".join(lines) + "\n"


def corpus():
    files = [(name + ".py", text.encode("latin-1" if name == "latin1" else "utf-8"))
             for name, text in HAND.items()]
    rng = random.Random(5)
    gen = Gen(rng)
    made = 0
    while made < 120:
        text = gen.file()
        try:
            ast.parse(text)
        except SyntaxError:
            continue
        files.append(("gen%03d.py" % made, text.encode("utf-8")))
        made += 1
    return files


def main():
    dump = sys.argv[1]
    args = sys.argv[2:]
    keep = None
    if "--keep" in args:
        keep = args[args.index("--keep") + 1]
        del args[args.index("--keep"):args.index("--keep") + 2]
    files = corpus()
    for root in args:
        for folder, _, names in sorted(os.walk(root)):
            if "setup.py" not in names:
                continue
            path = os.path.join(folder, "setup.py")
            with open(path, "rb") as f:
                data = f.read()
            try:
                ast.parse(data)
            except (SyntaxError, ValueError) as e:
                print("skipped %s: %s" % (path, e))
                continue
            files.append(("real%03d_setup.py" % len(files), data))
    with tempfile.TemporaryDirectory() as tmp:
        folder = keep or tmp
        os.makedirs(folder, exist_ok=True)
        paths = []
        for name, data in files:
            path = os.path.join(folder, name)
            with open(path, "wb") as f:
                f.write(data)
            paths.append(path)
        res = subprocess.run([dump] + paths, capture_output=True)
        if res.returncode != 0:
            print("setup_py_dump failed:", res.stderr.decode(errors="replace"))
            return 1
        ours = {}
        current = None
        for line in res.stdout.decode("utf-8", "surrogateescape").split("\n"):
            if line.startswith("== "):
                current = line[3:]
                ours[current] = []
            elif line:
                ours[current].append(line)
        failures = 0
        events = 0
        dynamic = 0
        for (name, data), path in zip(files, paths):
            theirs = File(data).events()
            mine = ours.get(path, ["(no output)"])
            events += len(theirs)
            dynamic += sum(1 for e in theirs if e.startswith("dynamic"))
            if mine != theirs:
                failures += 1
                for i in range(max(len(mine), len(theirs))):
                    a = mine[i] if i < len(mine) else "(end)"
                    b = theirs[i] if i < len(theirs) else "(end)"
                    if a != b:
                        print("%s: event %d: deputy %r, ast %r" % (name, i, a, b))
                        break
    print("%d files, %d events (%d dynamic), %d disagreements" % (len(files), events, dynamic, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
