#!/usr/bin/env python3
"""Differential test: deputy's TOML reader against Python's tomllib.

Usage: toml_diff.py PATH/TO/toml_dump [--keep]

Writes hand-written documents (pyproject.toml files in the PEP 621, Poetry,
PDM, uv, Hatch and setuptools styles, Pipfiles, edge cases of the spec) and
generated ones (fixed seed: random documents, then the same documents cut
short and corrupted, and short sequences of headers and dotted keys over a few
names, which meet the redefinition rules) to a temporary folder, reads each with tomllib and with
toml_dump, and compares: both must accept or both reject, and accepted
documents must decode to the same tagged JSON (tagged.py; fractions of a
second compared to the microsecond, tomllib's precision).

Two known, intended differences: tomllib keeps integers of any size, the spec
(and deputy) refuse those outside 64 bits, so such documents must be rejected;
tomllib.loads() refuses a leading byte order mark that toml-test requires us to
skip, so the reference is given the text after it.
Exits 1 on any disagreement.
"""
import json
import os
import random
import subprocess
import sys
import tempfile
import tomllib

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tagged  # noqa: E402

SEED = 1000

HAND = {}

HAND["pep621.toml"] = '''\
[build-system]
requires = ["setuptools>=61.0", "wheel"]
build-backend = "setuptools.build_meta"

[project]
name = "spam-eggs"
version = "2020.0.0"
description = "Lovely Spam! Wonderful Spam!"
readme = "README.rst"
requires-python = ">=3.8"
license = {file = "LICENSE.txt"}
keywords = ["egg", "bacon", "sausage", "tomatoes", "Lobster Thermidor"]
authors = [
  {email = "hi@pradyunsg.me"},
  {name = "Tzu-ping Chung"}
]
maintainers = [
  {name = "Brett Cannon", email = "brett@python.org"}
]
classifiers = [
  "Development Status :: 4 - Beta",
  "Programming Language :: Python"
]
dependencies = [
  "httpx",
  "gidgethub[httpx]>4.0.0",
  "django>2.1; os_name != 'nt'",
  "django>2.0; os_name == 'nt'",
]
dynamic = ["version"]

[project.optional-dependencies]
gui = ["PyQt5"]
cli = [
  "rich",
  "click",
]

[project.urls]
Homepage = "https://example.com"
Documentation = "https://readthedocs.org"
"Bug Tracker" = "https://github.com/me/spam/issues"

[project.scripts]
spam-cli = "spam:main_cli"

[project.gui-scripts]
spam-gui = "spam:main_gui"

[project.entry-points."spam.magical"]
tomatoes = "spam:main_tomatoes"
'''

HAND["poetry.toml"] = '''\
[tool.poetry]
name = "poetry-demo"
version = "0.1.0"
description = ""
authors = ["Sébastien Eustace <sebastien@eustace.io>"]
readme = "README.md"
packages = [{include = "poetry_demo"}]

[tool.poetry.dependencies]
python = "^3.9"
requests = { version = "^2.13.0", optional = true }
pendulum = { git = "https://github.com/sdispater/pendulum.git", branch = "develop" }
flask = { git = "https://github.com/pallets/flask.git", rev = "38eb5d3b" }
numpy = { git = "https://github.com/numpy/numpy.git", tag = "v0.13.2" }
my-package = { path = "../my-package/", develop = false }
my-wheel = { url = "https://example.com/my-package-0.1.0.tar.gz" }
foo = [
    {version = "<=1.9", python = ">=3.6,<3.8"},
    {version = "^2.0", python = ">=3.8"}
]
torch = { version = "^2.0", source = "pytorch" }

[tool.poetry.group.dev.dependencies]
pytest = "^6.0.0"
pytest-mock = "*"

[tool.poetry.group.docs]
optional = true

[tool.poetry.group.docs.dependencies]
mkdocs = "*"

[tool.poetry.dev-dependencies]
black = {version = "^22.3", allow-prereleases = true}

[[tool.poetry.source]]
name = "pytorch"
url = "https://download.pytorch.org/whl/cpu"
priority = "explicit"

[[tool.poetry.source]]
name = "private"
url = "http://pypi.internal.example/simple/"
priority = "supplemental"

[tool.poetry.extras]
mysql = ["mysqlclient"]

[tool.poetry.scripts]
my_package_cli = 'my_package.console:run'

[build-system]
requires = ["poetry-core"]
build-backend = "poetry.core.masonry.api"
'''

HAND["pdm.toml"] = '''\
[project]
name = "pdm-demo"
version = "0.1.0"
dependencies = ["requests~=2.31", "click>=8"]
requires-python = ">=3.10"

[project.optional-dependencies]
socks = ["PySocks >= 1.5.6, != 1.5.7, < 2"]

[tool.pdm.dev-dependencies]
test = ["pytest", "pytest-cov"]
lint = [
    "flake8",
    "-e file:///${PROJECT_ROOT}/packages/foo#egg=foo",
]

[tool.pdm.scripts]
start = "flask run -p 54321"
test = {cmd = "pytest tests", env = {PYTHONPATH = "src"}}

[[tool.pdm.source]]
name = "private"
url = "https://private.pypi.org/simple"
verify_ssl = true

[build-system]
requires = ["pdm-backend"]
build-backend = "pdm.backend"
'''

HAND["uv.toml"] = '''\
[project]
name = "uv-demo"
version = "0.1.0"
requires-python = ">=3.12"
dependencies = [
    "fastapi>=0.110",
    "httpx",
    "my-lib",
]

[dependency-groups]
dev = ["pytest>=8", {include-group = "lint"}]
lint = ["ruff"]

[tool.uv]
dev-dependencies = ["mypy==1.9.0"]
index-url = "https://pypi.org/simple"
override-dependencies = ["werkzeug==2.3.0"]

[tool.uv.sources]
my-lib = { git = "https://github.com/example/my-lib", rev = "0123456789abcdef0123456789abcdef01234567" }
local-thing = { path = "./libs/local-thing", editable = true }
torch = [
  { index = "pytorch-cpu", marker = "platform_system != 'Darwin'" },
  { index = "pytorch-cu124", marker = "platform_system == 'Linux'" },
]

[[tool.uv.index]]
name = "pytorch-cpu"
url = "https://download.pytorch.org/whl/cpu"
explicit = true

[[tool.uv.index]]
name = "pytorch-cu124"
url = "https://download.pytorch.org/whl/cu124"
explicit = true
'''

HAND["hatch.toml"] = '''\
[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[project]
name = "hatch-demo"
dynamic = ["version"]
dependencies = []

[tool.hatch.version]
path = "src/hatch_demo/__about__.py"

[tool.hatch.envs.default]
dependencies = [
  "coverage[toml]>=6.5",
  "pytest",
]
[tool.hatch.envs.default.scripts]
test = "pytest {args:tests}"
cov = [
  "test-cov",
  "cov-report",
]

[[tool.hatch.envs.all.matrix]]
python = ["3.8", "3.9", "3.10", "3.11"]

[tool.hatch.envs.lint]
detached = true
dependencies = ["black>=23.1.0", "mypy>=1.0.0", "ruff>=0.0.243"]

[tool.coverage.run]
source_pkgs = ["hatch_demo", "tests"]
branch = true
parallel = true
omit = ["src/hatch_demo/__about__.py"]

[tool.coverage.report]
exclude_lines = ["no cov", "if __name__ == .__main__.:", "if TYPE_CHECKING:"]
'''

HAND["setuptools.toml"] = '''\
[build-system]
requires = ["setuptools>=64", "setuptools_scm>=8"]
build-backend = "setuptools.build_meta"

[project]
name = "setuptools-demo"
dynamic = ["version", "dependencies", "optional-dependencies"]

[tool.setuptools]
zip-safe = false
include-package-data = true
package-dir = {"" = "src"}

[tool.setuptools.packages.find]
where = ["src"]
exclude = ["tests*"]

[tool.setuptools.dynamic]
version = {attr = "my_package.VERSION"}
dependencies = {file = ["requirements.txt"]}
optional-dependencies.dev = { file = ["dev-requirements.txt"] }
optional-dependencies.docs = { file = ["docs/requirements.txt"] }

[tool.setuptools.package-data]
"*" = ["*.txt", "*.rst"]
mypkg = ["data/*.json"]

[tool.setuptools_scm]
version_file = "src/my_package/_version.py"

[tool.black]
line-length = 88
target-version = ['py37', 'py38']
include = '\\.pyi?$'
extend-exclude = \'\'\'
/(
  | profiling
)/
\'\'\'

[tool.pytest.ini_options]
minversion = "6.0"
addopts = "-ra -q"
testpaths = [
    "tests",
    "integration",
]

[tool.ruff]
select = ["E", "F", "I"]
ignore = ["E501"]
[tool.ruff.per-file-ignores]
"__init__.py" = ["F401"]
'''

HAND["Pipfile"] = '''\
[[source]]
url = "https://pypi.org/simple"
verify_ssl = true
name = "pypi"

[[source]]
url = "http://mirror.internal:8080/simple"
verify_ssl = false
name = "internal"

[packages]
requests = "*"
django = ">=4.2,<5"
"flask" = {version = "==2.3.2", extras = ["async"]}
records = {git = "https://github.com/kennethreitz/records.git", ref = "v0.5.0", editable = true}
private-lib = {version = "*", index = "internal"}
pywinusb = {version = "*", sys_platform = "== 'win32'"}
e1839a8 = {path = ".", editable = true}

[dev-packages]
pytest = ">=7"
"pytest-cov" = "*"

[requires]
python_version = "3.11"

[scripts]
tests = "pytest -q"
'''

HAND["Pipfile-minimal"] = '''\
[packages]
numpy="==1.26.4"
[dev-packages]
[requires]
python_full_version = "3.11.4"
'''

HAND["spec-strings.toml"] = r"""
str1 = "I'm a string. \"You can quote me\". Name\tJos\u00E9\nLocation\tSF."
str2 = Q3
Roses are red
Violets are blueQ3
str3 = Q3\
       The quick brown \


       fox jumps over \
         the lazy dog.\
       Q3
str4 = Q3Here are two quotation marks: "". Simple enough.Q3
str5 = Q3Here are three quotation marks: ""\".Q3
str6 = Q3Here are fifteen quotation marks: ""\"""\"""\"""\"""\".Q3
str7 = Q3"This," she said, "is just a pointless statement."Q3
winpath  = 'C:\Users\nodejs\templates'
quoted   = 'Tom "Dubs" Preston-Werner'
regex    = '<\i\c*\s*>'
lines  = A3
The first newline is
trimmed in raw strings.
   All other whitespace
   is preserved.
A3
quot15 = A3Here are fifteen quotation marks: Q3Q3Q3Q3Q3A3
apos15 = "Here are fifteen apostrophes: A3A3A3A3A3"
str = A3'That,' she said, 'is still pointless.'A3
""".replace("Q3", '"' * 3).replace("A3", "'" * 3)

HAND["spec-tables.toml"] = '''
[dog."tater.man"]
type.name = "pug"
[a.b.c]
[ d.e.f ]
[ g .  h  . i ]
[ j . "ʞ" . 'l' ]
[x.y.z.w]
[x]
[fruit]
apple.color = "red"
apple.taste.sweet = true
[fruit.apple.texture]
smooth = true
[[products]]
name = "Hammer"
sku = 738594937
[[products]]
[[products]]
name = "Nail"
color = "gray"
[[fruits]]
name = "apple"
[fruits.physical]
color = "red"
[[fruits.varieties]]
name = "red delicious"
[[fruits.varieties]]
name = "granny smith"
[[fruits]]
name = "banana"
[[fruits.varieties]]
name = "plantain"
'''

HAND["numbers.toml"] = '''
int1 = +99
int2 = 42
int3 = 0
int4 = -17
int5 = 1_000
int6 = 5_349_221
int7 = 53_49_221
int8 = 1_2_3_4_5
hex1 = 0xDEADBEEF
hex2 = 0xdeadbeef
hex3 = 0xdead_beef
oct1 = 0o01234567
oct2 = 0o755
bin1 = 0b11010110
max = 9223372036854775807
min = -9223372036854775808
hexmax = 0x7FFFFFFFFFFFFFFF
flt1 = +1.0
flt2 = 3.1415
flt3 = -0.01
flt4 = 5e+22
flt5 = 1e06
flt6 = -2E-2
flt7 = 6.626e-34
flt8 = 224_617.445_991_228
flt9 = -0.0
flt10 = +0.0
big = 1e999
tiny = 4.9e-324
sf1 = inf
sf2 = +inf
sf3 = -inf
sf4 = nan
sf5 = +nan
sf6 = -nan
'''

HAND["dates.toml"] = '''
odt1 = 1979-05-27T07:32:00Z
odt2 = 1979-05-27T00:32:00-07:00
odt3 = 1979-05-27T00:32:00.999999-07:00
odt4 = 1979-05-27 07:32:00Z
odt5 = 1979-05-27t07:32:00z
odt6 = 1979-05-27T07:32:00.123456789+05:45
ldt1 = 1979-05-27T07:32:00
ldt2 = 1979-05-27T00:32:00.999999
ld1 = 1979-05-27
lt1 = 07:32:00
lt2 = 00:32:00.999999
leap = 2000-02-29
leap2 = 2024-02-29T23:59:59
arr = [1979-05-27, 07:32:00, 1979-05-27 07:32:00]
'''

HAND["inline.toml"] = '''
name = { first = "Tom", last = "Preston-Werner" }
point = { x = 1, y = 2 }
animal = { type.name = "pug" }
nested = { a = { b = { c = [1, { d = 2 }] } } }
empty = {}
"quoted key" = { "with space" = 1, 'lit' = 2, a.b."c" = 3 }
arr = [ { x = 1 }, { x = 2 }, ]
multi = [
  1, # one
  2, # two
  # nothing
]
mixed = [ 1, "two", 3.0, [4], { five = 5 }, true, 1979-05-27 ]
'''

HAND["crlf.toml"] = "a = 1\r\n[t]\r\nb = \"\"\"x\r\ny\"\"\"\r\nc = '''p\r\nq'''\r\n# comment\r\n"
HAND["bom.toml"] = "\ufeffa = 1\n"
HAND["empty.toml"] = ""
HAND["keys.toml"] = '''
"" = "empty"
1234 = "digits"
1.2 = "dotted digits"
true = "bool key"
inf = 1
- = "dash"
_ = "underscore"
"\\u00e9" = "escaped"
"è" = "raw"
'''

INVALID = [
    # redefinitions
    "[a]\nb = 1\n[a]\nc = 2\n",
    "[a]\nb = 1\n[a.b]\n",
    "a.b = 1\n[a]\n",
    "a.b = 1\n[a.b]\n",
    "[a.b.c]\n[a]\nb.c.d = 1\n",
    "[[a]]\n[a]\n",
    "[a]\n[[a]]\n",
    "a = [1]\n[[a]]\n",
    "a = {}\n[a]\n",
    "a = {}\n[a.b]\n",
    "a = {b = 1}\na.c = 2\n",
    "a = {b = {c = 1}, b.d = 2}\n",
    "a = 1\na = 2\n",
    "a = 1\n[a.b]\n",
    "a = {b = 1, b = 2}\n",
    "[t]\na.b = 1\n[t.a]\n",
    "[[t.a]]\n[t]\na.x = 1\n",
    "a = [{}]\n[a.b]\n",
    "x.y = 1\nx = 2\n",
    # syntax
    "a = \n", "= 1\n", "a 1\n", "a = 1 b = 2\n", "[a\n", "[a]]\n", "[[a]\n", "[ [a]]\n",
    "[]\n", "[a.]\n", "a. = 1\n", ".a = 1\n", "a..b = 1\n", "a = {b = 1,}\n",
    "a = {b = 1\n}\n", "a = {\nb = 1}\n", "a = [1 2]\n", "a = [1,,2]\n", "a = [,]\n",
    "a = \"abc\n", "a = 'abc\n", "a = \"\"\"abc\n", "a = '''abc\n", "a = \"\\x41\"\n",
    "a = \"\\uD800\"\n", "a = \"\\U00110000\"\n", "a = \"\\u12\"\n", "a = \"\\e\"\n",
    "a = \"\"\"a\"\"\"\"\"\"\n", "a = '''a''''''\n", "a = \"tab\x01\"\n", "a = 'del\x7f'\n",
    "# comment \x00\n", "a = 1 # \x1f\n", "a = 1\rb = 2\n", "a = \"\"\"\\ x\"\"\"\n",
    "a = 01\n", "a = -01\n", "a = 1__0\n", "a = _1\n", "a = 1_\n", "a = 0x\n", "a = +0x1\n",
    "a = 0X10\n", "a = 0b2\n", "a = 0o8\n", "a = 1.\n", "a = .1\n", "a = 1e\n", "a = 1e_1\n",
    "a = 1._1\n", "a = 1.1.1\n", "a = 9223372036854775808\n", "a = -9223372036854775809\n",
    "a = 0x8000000000000000\n", "a = infinity\n", "a = NaN\n", "a = Inf\n", "a = tru\n",
    "a = truee\n", "a = TRUE\n", "a = 1979-02-29\n", "a = 1979-13-01\n", "a = 1979-00-01\n",
    "a = 1979-01-32\n", "a = 1979-1-01\n", "a = 24:00:00\n", "a = 12:60:00\n",
    "a = 12:00:60\n", "a = 12:00\n", "a = 1979-05-27T07:32\n", "a = 1979-05-27T07:32:00+24:00\n",
    "a = 1979-05-27T07:32:00.Z\n", "a = 1979-05-27T\n", "a = 1979-05-27 07:32:00 Z\n",
    "a = 1979-05-27T07:32:00+0100\n", "a = 1900-02-29\n", "é = 1\n", "a = \xff\n",
    "a = \"\xc3\x28\"\n", "a = \"\xed\xa0\x80\"\n", "\"\"\"a\"\"\" = 1\n", "a = [1]]\n",
    "a = {}}\n", "a = 1 ]\n", "[a] b = 1\n", "a = \"x\" \"y\"\n", "\ufeff\ufeffa = 1\n",
    "a = 1\n\ufeff", "[[]]\n", "a = [\n1,\n2\n", "a = {b = [1,\n2]\n",
]

VALID_EXTRA = [
    "a = [\n1,\n2]\n", "a = {b = [1,\n2]}\n", "a = {b = \"\"\"x\ny\"\"\"}\n",
    "[a.b.c]\n[a]\nb.d = 1\n", "[a.b]\n[a]\n", "[a]\n[a.b]\n", "[[a]]\n[a.b]\n[[a]]\n[a.b]\n",
    "a.b.c = 1\na.b.d = 2\n", "[x]\na.b = 1\n[x.a.c]\n", "a = \"\"\"\"\"\"\n",
    "a = ''''''\n", "a = \"\"\"a\"\"\"\"\"\n", "a = '''a'''''\n", "a = \"\"\"\\\n\n\"\"\"\n",
    "a = \"\"\"\\   \n   b\"\"\"\n", "a = 0x0001\n", "a = 0b0\n", "a = -0\n", "a = +0\n",
    "a = 0.0e0\n", "a = 1E+01\n", "a=1#c\n", "\t a\t=\t1\t\n", "a = 1979-05-27 # c\n",
    "a = 2000-02-29T12:00:00.5\n", "a = 00:00:00.000000001\n", "a.\"b.c\".d = 1\n",
    "a = [[[[]]]]\n", "a = [{}, []]\n", "a = 1\n\n\n", "# only a comment", "\n\n\n",
    "a = \"\\u0000\"\n", "\"\\u0000\" = 1\n", "a = \"\\U0001F600\"\n", "a = \"\\\"\"\n",
    "a = 1 # \u00e9 \t\n",
]


def q_basic(rng, s):
    out = []
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append(rng.choice(["\\n", "\\u000A", "\\U0000000a"]))
        elif ord(ch) < 0x20 or ch == "\x7f":
            out.append(rng.choice(["\\u%04x" % ord(ch), "\\U%08X" % ord(ch)]))
        elif ord(ch) > 0x7f and rng.random() < 0.3:
            out.append("\\u%04X" % ord(ch) if ord(ch) < 0x10000 else "\\U%08x" % ord(ch))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


CHARS = "abcXYZ019 _-.'\"\\\t\n\x01\x7féßü€𝄞#=[]{},"


def rand_text(rng, n=8):
    return "".join(rng.choice(CHARS) for _ in range(rng.randint(0, n)))


def rand_string(rng):
    s = rand_text(rng)
    kind = rng.randrange(4)
    if kind == 0 or any(c in s for c in "\x01\x7f"):
        return q_basic(rng, s)
    if kind == 1 and "'" not in s and "\n" not in s:
        return "'" + s + "'"
    if kind == 2:
        body = q_basic(rng, s)[1:-1]
        return '"""' + rng.choice(["", "\n"]) + body + '"""'
    if kind == 3 and "'''" not in s and not s.endswith("'"):
        return "'''" + rng.choice(["", "\n"]) + s + "'''"
    return q_basic(rng, s)


def rand_digits(rng, n, alphabet="0123456789"):
    return "".join(rng.choice(alphabet) for _ in range(n))


def underscore(rng, digits):
    if len(digits) < 2 or rng.random() < 0.6:
        return digits
    i = rng.randrange(1, len(digits))
    return digits[:i] + "_" + digits[i:]


def rand_int(rng):
    k = rng.randrange(6)
    if k == 0:
        return str(rng.choice([0, 1, -1, 7, 42, 2**63 - 1, -2**63, 2**63, -2**63 - 1]))
    if k == 1:
        return rng.choice(["0x", "0o", "0b"]) + rand_digits(rng, rng.randint(1, 6), "01")
    if k == 2:
        return "0x" + underscore(rng, rand_digits(rng, rng.randint(1, 17), "0123456789abcdefABCDEF"))
    d = str(rng.randint(0, 10**rng.randint(1, 19)))
    return rng.choice(["", "+", "-"]) + underscore(rng, d)


def rand_float(rng):
    k = rng.randrange(5)
    if k == 0:
        return rng.choice(["inf", "+inf", "-inf", "nan", "+nan", "-nan", "0.0", "-0.0", "1e0"])
    sign = rng.choice(["", "+", "-"])
    ip = str(rng.randint(0, 10**rng.randint(1, 6)))
    s = sign + underscore(rng, ip)
    if k != 1:
        s += "." + underscore(rng, rand_digits(rng, rng.randint(1, 8)))
    if k != 2:
        s += rng.choice("eE") + rng.choice(["", "+", "-"]) + underscore(rng, rand_digits(rng, rng.randint(1, 3)))
    return s


def rand_date(rng):
    y = rng.choice([1900, 1979, 2000, 2023, 2024, 9999, 1])
    m = rng.randint(1, 12)
    d = rng.randint(1, 31) if rng.random() < 0.3 else rng.randint(1, 28)
    return "%04d-%02d-%02d" % (y, m, d)


def rand_time(rng):
    t = "%02d:%02d:%02d" % (rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59))
    if rng.random() < 0.4:
        t += "." + rand_digits(rng, rng.randint(1, 10))
    return t


def rand_datetime(rng):
    k = rng.randrange(4)
    if k == 0:
        return rand_date(rng)
    if k == 1:
        return rand_time(rng)
    s = rand_date(rng) + rng.choice("Tt ") + rand_time(rng)
    if k == 3:
        s += rng.choice(["Z", "z", "+00:00", "-00:00", "+05:30", "-12:45", "+23:59"])
    return s


def rand_key(rng):
    k = rng.randrange(6)
    if k < 3:
        return rng.choice(["a", "b", "name", "version", "dependencies", "x-y", "k_2", "1", "tool"])
    if k == 3:
        return q_basic(rng, rng.choice(["a", "a b", "é", "a.b", "", "\n", "name"]))
    if k == 4:
        return "'" + rng.choice(["a", "a b", "ü", "x.y", ""]) + "'"
    return rand_key(rng) + rng.choice([".", " . ", "."]) + rand_key(rng)


def rand_value(rng, depth=0):
    k = rng.randrange(9 if depth < 3 else 7)
    if k == 0:
        return rand_string(rng)
    if k == 1:
        return rand_int(rng)
    if k == 2:
        return rand_float(rng)
    if k == 3:
        return rng.choice(["true", "false"])
    if k == 4:
        return rand_datetime(rng)
    if k in (5, 6):
        return rand_string(rng)
    if k == 7:
        items = [rand_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
        if rng.random() < 0.5:
            sep = rng.choice([",\n  ", ", # c\n", ",", " , "])
            trail = rng.choice(["", ",", ",\n", "\n"])
            return "[" + rng.choice(["", "\n", " "]) + sep.join(items) + trail + "]"
        return "[" + ", ".join(items) + "]"
    pairs = ["%s = %s" % (rand_key(rng), rand_value(rng, depth + 1)) for _ in range(rng.randint(0, 3))]
    return "{" + rng.choice(["", " "]) + ", ".join(pairs) + rng.choice(["", " "]) + "}"


def rand_doc(rng):
    lines = []
    for _ in range(rng.randint(1, 12)):
        k = rng.randrange(10)
        if k < 6:
            lines.append("%s = %s" % (rand_key(rng), rand_value(rng)))
        elif k < 8:
            lines.append("[%s]" % rand_key(rng))
        elif k == 8:
            lines.append("[[%s]]" % rand_key(rng))
        else:
            lines.append(rng.choice(["", "# note", "  # é", "\t"]))
        if rng.random() < 0.1:
            lines[-1] += " # trailing"
    return rng.choice(["\n", "\r\n"]).join(lines) + rng.choice(["", "\n"])


# Lines over a few names, so that tables meet again: the redefinition rules.
STRUCTURE = ["[a]", "[a.b]", "[a.b.c]", "[b]", "[[a]]", "[[a.b]]", "[[b]]", "[a.b.c.d]",
             "a = 1", "b = 1", "c = 1", "a.b = 1", "b.c = 1", "a.b.c = 1", "b.c.d = 1",
             "a = {}", "b = {c = 1}", "a = [{}]", "b = []", "a = {b.c = 1}", "c.d = {}",
             "a.c = 1", "c = [{d = 1}]", "d = 1"]


def structure_doc(rng):
    return "\n".join(rng.choice(STRUCTURE) for _ in range(rng.randint(2, 6))) + "\n"


def mutate(rng, text):
    k = rng.randrange(4)
    if not text:
        return "x"
    i = rng.randrange(len(text))
    if k == 0:
        return text[:i]
    if k == 1:
        return text[:i] + text[i + 1:]
    if k == 2:
        return text[:i] + rng.choice("\"'[]{}=,.#\n\\ \t\r_+-:0xeZ\x00") + text[i:]
    lines = text.split("\n")
    j = rng.randrange(len(lines))
    lines.insert(j, lines[rng.randrange(len(lines))])
    return "\n".join(lines)


def documents():
    docs = [(name, text.encode("utf-8")) for name, text in HAND.items()]
    for i, text in enumerate(INVALID):
        docs.append((f"invalid-{i}.toml", text.encode("utf-8", "surrogateescape")
                     if "\xff" not in text and "\xc3\x28" not in text and "\xed" not in text
                     else text.encode("latin-1")))
    for i, text in enumerate(VALID_EXTRA):
        docs.append((f"valid-{i}.toml", text.encode("utf-8")))
    rng = random.Random(SEED)
    for i in range(900):
        text = rand_doc(rng)
        docs.append((f"gen-{i}.toml", text.encode("utf-8")))
        if rng.random() < 0.5:
            docs.append((f"gen-{i}-mut.toml", mutate(rng, text).encode("utf-8")))
    for i in range(1500):
        docs.append((f"structure-{i}.toml", structure_doc(rng).encode("utf-8")))
    for name, text in list(HAND.items())[:8]:
        for j in range(15):
            docs.append((f"{name}-mut-{j}", mutate(rng, text).encode("utf-8")))
    return docs


def out_of_64_bits(value):
    if isinstance(value, dict):
        return any(out_of_64_bits(v) for v in value.values())
    if isinstance(value, list):
        return any(out_of_64_bits(v) for v in value)
    return isinstance(value, int) and not isinstance(value, bool) and \
        not -2**63 <= value < 2**63


def reference(data):
    try:
        text = data.decode("utf-8")
        # toml-test wants a leading BOM skipped; tomllib.loads() refuses it
        value = tomllib.loads(text[1:] if text.startswith("\ufeff") else text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return False, None
    if out_of_64_bits(value):
        return False, None
    return True, tagged.from_python(value)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    dump = sys.argv[1]
    keep = "--keep" in sys.argv
    docs = documents()
    tmp = tempfile.mkdtemp(prefix="toml-diff-")
    paths = []
    for i, (name, data) in enumerate(docs):
        path = os.path.join(tmp, f"{i:04d}-{name.replace('/', '_')}")
        with open(path, "wb") as f:
            f.write(data)
        paths.append(path)
    got = {}
    for i in range(0, len(paths), 300):
        chunk = paths[i:i + 300]
        proc = subprocess.run([dump, "--lines", *chunk], capture_output=True, timeout=120)
        lines = proc.stdout.decode("utf-8").splitlines()
        if proc.returncode != 0 or len(lines) != len(chunk) or proc.stderr:
            print(proc.stderr.decode("utf-8", "replace")[-3000:])
            sys.exit(f"toml_dump failed (exit {proc.returncode})")
        for path, line in zip(chunk, lines):
            got[path] = json.loads(line)
    failures = []
    counts = {"valid": 0, "invalid": 0}
    for (name, data), path in zip(docs, paths):
        ok, want = reference(data)
        counts["valid" if ok else "invalid"] += 1
        mine = got[path]
        if ok and not mine["ok"]:
            failures.append(f"{name}: tomllib accepts, deputy rejects: {mine['error']}")
        elif not ok and mine["ok"]:
            failures.append(f"{name}: tomllib rejects, deputy accepts")
        elif ok:
            diff = tagged.difference(mine["value"], want, frac_digits=6)
            if diff:
                failures.append(f"{name}: {diff}")
    for f in failures:
        print("FAIL", f)
    print(f"toml vs tomllib: {len(docs) - len(failures)} of {len(docs)} documents agree "
          f"({counts['valid']} valid, {counts['invalid']} invalid per tomllib)"
          + (f"; files kept in {tmp}" if keep else ""))
    if not keep:
        for p in paths:
            os.unlink(p)
        os.rmdir(tmp)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
