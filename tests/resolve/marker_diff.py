"""Differential test: deputy's marker evaluator (marker_eval) against pip's
vendored packaging 21.3 Marker.evaluate, same environment, a few thousand
generated markers. Usage: marker_diff.py MARKER_EVAL"""
import random
import subprocess
import sys

from pip._vendor.packaging.markers import Marker

ENV = {
    "implementation_name": "cpython",
    "implementation_version": "3.8.10",
    "os_name": "posix",
    "platform_machine": "x86_64",
    "platform_python_implementation": "CPython",
    "platform_release": "",
    "platform_system": "Linux",
    "platform_version": "",
    "python_full_version": "3.8.10",
    "python_version": "3.8",
    "sys_platform": "linux",
    "extra": "",
}
VARIABLES = list(ENV) + ["os.name", "sys.platform", "platform.version", "platform.machine",
                         "platform.python_implementation", "python_implementation"]
OPS = ["==", "!=", "<", "<=", ">", ">=", "~=", "===", "in", "not in"]
VERSIONS = ["3", "3.8", "3.8.10", "3.8.9", "3.8.11", "3.9", "3.10", "3.7", "2.7", "3.08",
            "3.8.*", "3.*", "3.9.*", "3.8.1*", "v3.8", "3.8.0", "3.8.10.0", "3.8rc1", "3.8.10rc1",
            "3.8.10.post1", "3.8.10.dev0", "3.8.10+local", "3.8+abc", "1!3.8", "3.8.10a", "3.8a.*",
            "3.8.10-1", "3.8.10.POST2", "3.8.10c1", "3.8.10preview1", "3.8.dev", "3.8.",
            " 3.8 ", "=3.8", "3.8a1.*", "3.8.10+LOCAL.1", "4", "0", "", "3.8.10 ", "3 .8"]
STRINGS = ["linux", "win32", "darwin", "posix", "nt", "Linux", "Windows", "CPython", "PyPy",
           "cpython", "x86_64", "aarch64", "AMD64", "lin", "", "socks", "test", "LINUX",
           "li\\tnux", "a b", "posix ", "x86"]


def quote(s):
    if '"' not in s:
        return '"%s"' % s
    return "'%s'" % s


def value(rng):
    return quote(rng.choice(VERSIONS if rng.random() < 0.55 else STRINGS))


def item(rng):
    var = rng.choice(VARIABLES)
    op = rng.choice(OPS)
    r = rng.random()
    if r < 0.75:
        return "%s %s %s" % (var, op, value(rng))
    if r < 0.9:
        return "%s %s %s" % (value(rng), op, var)
    if r < 0.95:
        return "%s%s%s" % (var, op, value(rng))
    return "%s %s %s" % (rng.choice([var, value(rng)]), op, rng.choice([var, value(rng)]))


def marker(rng, depth=0):
    parts = [item(rng) if depth > 2 or rng.random() < 0.7 else "(" + marker(rng, depth + 1) + ")"]
    while rng.random() < 0.35:
        parts.append(rng.choice(["and", "or"]))
        parts.append(item(rng) if depth > 2 or rng.random() < 0.8 else "(" + marker(rng, depth + 1) + ")")
    return " ".join(parts)


def reference(m):
    try:
        return "true" if Marker(m).evaluate(ENV) else "false"
    except Exception:
        return "error"


def main():
    rng = random.Random(508)
    cases = [
        'python_version < "3.10"', 'extra == "socks"', 'sys_platform == "win32"',
        'python_version >= "3.8" and os_name == "posix"', 'platform_system != "Windows"',
        'python_full_version ~= "3.8.0"', '"3.9" > python_version', 'os_name ~= "posix"',
        '"a" == "b"', '"posix" == "os_name"', 'python_version', '', 'python_version ==',
        'python_version == "3.8" or', '(python_version == "3.8"', 'os_name  not  in "x"',
        'python_version=="3.8"and os_name=="posix"', 'extra != "x" and python_version < "4"',
        'python_version in "3.8 3.9"', 'python_version not in "2.7"',
        'sys.platform == "linux"', 'python_implementation == "CPython"',
    ]
    while len(cases) < 3000:
        cases.append(marker(rng))
    out = subprocess.run([sys.argv[1]], input="".join(c + "\n" for c in cases),
                         capture_output=True, text=True, check=True).stdout.splitlines()
    if len(out) != len(cases):
        print("driver printed %d lines for %d markers" % (len(out), len(cases)))
        return 1
    bad = [(c, o, reference(c)) for c, o in zip(cases, out) if o != reference(c)]
    for c, o, want in bad[:40]:
        print("marker %r: deputy %s, packaging %s" % (c, o, want))
    counts = {k: sum(1 for c in cases if reference(c) == k) for k in ("true", "false", "error")}
    print("%d markers, %d differ; packaging says %s" % (len(cases), len(bad), counts))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
