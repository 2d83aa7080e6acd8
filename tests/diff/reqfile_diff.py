#!/usr/bin/env python3
"""Differential test: deputy's requirement-file reader against pip's own.

Usage: reqfile_diff.py PATH/TO/reqfile_dump [--keep]

Writes hand-written edge cases and generated lines (fixed seed) into requirement
files in a temporary folder, reads each with pip 23.2 (parse_requirements plus
install_req_from_parsed_requirement, which applies pip's vendored packaging 21.3)
and with deputy's reqfile_dump, and compares name, extras, specifier set, marker,
URL, hashes, editable and constraint flags, the file each came from, the files
included and the index options. A file pip refuses must get an error diagnostic
from deputy; a file pip accepts must get none. Exits 1 on any disagreement.
"""
import contextlib
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import warnings

warnings.simplefilter("ignore")

from pip._internal.cli import cmdoptions  # noqa: E402
from pip._internal.network.session import PipSession  # noqa: E402
from pip._internal.req import req_file  # noqa: E402
from pip._internal.req.constructors import install_req_from_parsed_requirement  # noqa: E402
from pip._internal.utils.urls import path_to_url  # noqa: E402
from pip._vendor.packaging.utils import canonicalize_name  # noqa: E402

import logging  # noqa: E402

logging.disable(logging.CRITICAL)

SEED = 508
NAMES = ["requests", "Django", "Foo_Bar", "foo.bar", "foo-bar", "A", "a1", "zope.interface",
         "Foo__Bar--baz", "x_Y.z", "Setup_Tools", "numpy", "scikit-learn", "PyYAML", "b2"]
EXTRAS = ["security", "socks", "Test_1", "a.b", "dev"]
VERSIONS = ["1.0", "2.3.4", "1.0a1", "1.0.post1", "1.0.dev2", "1!2.0", "1.0rc2", "v1.0",
            "2023.10.1", "0.0.1b3"]
LOCAL_VERSIONS = ["1.0+local.7", "2.0+abc", "1.0+ubuntu-1"]
WILDCARDS = ["1.*", "1.2.*", "0.*"]
COMPAT = ["1.0", "2.3.4", "1.4.5a1", "0.9.post2", "3.1.dev0"]
VARIABLES = ["python_version", "python_full_version", "os_name", "sys_platform",
             "platform_release", "platform_system", "platform_version", "platform_machine",
             "platform_python_implementation", "implementation_name",
             "implementation_version", "extra", "os.name", "sys.platform",
             "platform.machine", "python_implementation"]
MARKER_OPS = ["==", "!=", "<", "<=", ">", ">=", "~=", "===", "in", "not in"]
MARKER_VALUES = ["3.8", "3", "nt", "posix", "linux", "win32", "x86_64", "CPython", "test",
                 "2.7.18", "cpython", "Darwin", ""]
HEX = "0123456789abcdef"


def sp(rng):
    return rng.choice(["", "", " ", "  ", "\t"])


def gen_name(rng):
    return rng.choice(NAMES)


def gen_extras(rng):
    if rng.random() < 0.6:
        return ""
    items = rng.sample(EXTRAS, rng.randint(1, 3))
    return "[" + sp(rng) + (sp(rng) + "," + sp(rng)).join(items) + sp(rng) + "]"


def gen_one_spec(rng):
    op = rng.choice(["==", "!=", "<=", ">=", "<", ">", "~=", "==="])
    if op == "~=":
        v = rng.choice(COMPAT)
    elif op in ("==", "!="):
        v = rng.choice(VERSIONS + LOCAL_VERSIONS + WILDCARDS)
    else:
        v = rng.choice(VERSIONS)
    return op + rng.choice(["", "", " "]) + v


def gen_spec(rng):
    if rng.random() < 0.25:
        return ""
    specs = [gen_one_spec(rng) for _ in range(rng.randint(1, 3))]
    text = (sp(rng).replace("\t", " ") + "," + sp(rng).replace("\t", " ")).join(specs)
    if rng.random() < 0.2:
        return " (" + text + ")"
    return sp(rng).replace("\t", " ") + text


def gen_value(rng):
    q = rng.choice(["'", '"'])
    return q + rng.choice(MARKER_VALUES) + q


def gen_item(rng):
    var = rng.choice(VARIABLES)
    op = rng.choice(MARKER_OPS)
    ws = lambda: rng.choice(["", " ", "  "])  # noqa: E731
    if op in ("in", "not in"):
        ws = lambda: rng.choice([" ", "  "])  # noqa: E731
    if rng.random() < 0.2:
        return gen_value(rng) + ws() + op + ws() + var
    return var + ws() + op + ws() + gen_value(rng)


def gen_marker(rng, depth=0):
    parts = []
    for i in range(rng.randint(1, 3)):
        if i:
            parts.append(rng.choice([" and ", " or ", "  and  ", " or "]))
        if depth < 3 and rng.random() < 0.3:
            inner = gen_marker(rng, depth + 1)
            parts.append("(" + rng.choice(["", " "]) + inner + rng.choice(["", " "]) + ")")
            if rng.random() < 0.1:
                parts[-1] = "(" + parts[-1] + ")"
        else:
            parts.append(gen_item(rng))
    return "".join(parts)


def gen_hashes(rng):
    out = []
    for _ in range(rng.randint(1, 2)):
        algo = rng.choice(["sha256", "sha384", "sha512"])
        digest = "".join(rng.choice(HEX) for _ in range(16))
        out.append(rng.choice(["--hash=", "--hash "]) + algo + ":" + digest)
    return " " + " ".join(out)


def gen_url_line(rng):
    name = gen_name(rng)
    kind = rng.randint(0, 6)
    if kind == 0:
        return f"{name}{gen_extras(rng)} @ https://example.com/pkgs/{name}-1.0.tar.gz"
    if kind == 1:
        ref = rng.choice(["", "@v1.0", "@main", "@3f2a9c1"])
        return f"git+https://github.com/org/{name}.git{ref}#egg={name}"
    if kind == 2:
        return (f"git+ssh://git@github.com/org/repo.git@{rng.choice(['v2', 'abc123'])}"
                f"#egg={name}&subdirectory=sub/dir")
    if kind == 3:
        return f"https://files.example.org/{name}-2.0.zip"
    if kind == 4:
        return f"{name} @ git+https://gitlab.com/g/{name}.git@v1.2.3"
    if kind == 5:
        return f"hg+https://hg.example.org/{name}@tip#egg={name}"
    return f"{name} @ https://${{PIP_TOKEN}}@private.example/{name}-1.0.tar.gz"


def gen_line(rng):
    r = rng.random()
    if r < 0.15:
        line = gen_url_line(rng)
        if rng.random() < 0.3 and " @ " in line:
            line += " ; " + gen_marker(rng)
    elif r < 0.2:
        line = rng.choice(["-e ./pkg", "-e .", "-e pkg2", "--editable=./pkg",
                           "./pkg", "./pkg[a,b]", "pkg2/", ".",
                           "-e git+https://github.com/o/r.git@v1#egg=Some_Pkg",
                           "-e git://github.com/o/r.git#egg=rr",
                           "./dist/foo_bar-1.0-py3-none-any.whl",
                           "./dist/thing-1.0.tar.gz",
                           "file:./pkg#egg=pkg"])
    else:
        line = gen_name(rng) + gen_extras(rng) + gen_spec(rng)
        if rng.random() < 0.4:
            line += sp(rng) + ";" + sp(rng) + gen_marker(rng)
        if rng.random() < 0.2 and ";" not in line:
            line += gen_hashes(rng)
    if rng.random() < 0.15:
        line += rng.choice(["  # a comment", " #x", "\t# tab comment"])
    if rng.random() < 0.1 and " " in line.strip():
        # split at a space with a backslash continuation
        spaces = [i for i, c in enumerate(line) if c == " "]
        i = rng.choice(spaces)
        line = line[:i] + " \\\n" + line[i:]
    return line


OPTION_LINES = [
    "-i https://pypi.example.org/simple",
    "--index-url=https://mirror.example/simple",
    "--extra-index-url https://extra.example/simple",
    "--trusted-host extra.example",
    "-f https://links.example/wheels",
    "--find-links=./wheels",
    "--no-index",
    "--pre",
    "--prefer-binary",
    "--require-hashes",
    "--only-binary=:all:",
    "--no-binary numpy,scipy",
    "--use-feature=fast-deps",
    "--index https://abbrev.example/simple",
    "--pre --prefer-binary",
]

GOOD_EDGE = [
    "requests",
    "  requests  ",
    "Setup_Tools",
    "setup-tools",
    "foo>=1.0,<2",
    "foo >= 1.0 , < 2",
    "foo(>=1.0,<2)",
    "foo (>=1.0)",
    "foo[]",
    "foo[ a , b ]",
    "foo[a]>=1",
    "foo===1.0",
    "foo===weird-ver",
    "foo~=1.0",
    "foo~=1.4.5a1",
    "foo==1.*",
    "foo!=1.2.*",
    "foo==1.0+local.1",
    "foo==abc",
    "foo>=1,>=1",
    "foo<1.0.*",
    "a;python_version>\"3\" and (os_name==\"nt\" or os_name==\"posix\")",
    "a; (os_name=='a')",
    "a; os_name=='a' and ((os_name=='b' or os_name=='c'))",
    "a; ((os_name=='a'))",
    "a;os.name=='x'",
    "a;'x' not in os_name",
    "a;os_name=='a'or os_name=='b'",
    "a;os_name=='a'oros_name=='b'",
    "a; extra == 'test'",
    "a; python_version in '3.8 3.9'",
    "a; platform_python_implementation=='CPython' and implementation_version>='3'",
    "a; python_full_version ~= '3.8.1'",
    "a; python_version === '3.8'",
    "foo==1.0 ; python_version < '3.8'",
    "foo;python_version<'3.8'",
    "foo @ https://example.com/foo.zip",
    "foo@https://example.com/foo.zip",
    "foo[bar] @ https://example.com/foo.zip ; os_name == 'nt'",
    "foo @ file:///tmp/foo",
    "https://example.com/pkg-1.0.tar.gz",
    "https://example.com/pkg-1.0.tar.gz#egg=pkg",
    "https://example.com/pkg-1.0.tar.gz ; python_version > '3'",
    "git+https://github.com/o/r.git@v1.0#egg=r",
    "git+https://github.com/o/r.git#egg=r&subdirectory=s",
    "git+https://github.com/o/r@feature/x#egg=r",
    "git+ssh://git@github.com/o/r.git@deadbeef#egg=r",
    "svn+https://svn.example/r@42#egg=r",
    "bzr+https://bzr.example/r@7#egg=r",
    "foo --hash=sha256:abcd",
    "foo --hash=sha256:abcd --hash=sha512:ef",
    "foo --hash sha384:0123",
    "foo --global-option=--build",
    "foo -C key=val",
    "foo --config-settings key=val",
    "foo -i https://ignored.example",
    "foo#not-a-comment",
    "foo # a comment",
    "foo\t# a comment",
    "# only a comment",
    "   # indented comment",
    "-e ./pkg",
    "-e .",
    "-e ./pkg[a]",
    "-e git+https://github.com/o/r.git@main#egg=r",
    "-e git://github.com/o/r.git#egg=r",
    "-e hg+https://hg.example/r#egg=r",
    "-e git+https://github.com/o/r.git#egg=r[x]",
    "--editable ./pkg",
    "-e./pkg",
    "./pkg",
    "./pkg[a,b]",
    "pkg2/",
    ".",
    "./dist/foo_bar-1.0-py3-none-any.whl",
    "./dist/thing-1.0.tar.gz",
    "thing-1.0.tar.gz",
    "foo \\\n    >=1.0",
    "foo\\\n>=1.0",
    "foo \\\n  # comment after continuation",
    "foo \\",
    "${PIP_TOKEN_VAR} --hash=sha256:ab",
    "foo @ https://${PIP_TOKEN}@private.example/foo.zip",
    "foo; os_name == \"a#b\"",
    "-i https://pypi.example/simple extra-positional",
    "-r sub/inc.txt",
    "-c sub/cons.txt",
    "--requirement=sub/inc.txt",
    "-rsub/inc.txt",
]

BAD_EDGE = [
    "foo-",
    "_foo",
    "foo>=1,",
    "foo,>=1",
    "foo;",
    "foo (>=1",
    "foo()",
    "foo>=1.0 <2",
    "foo~=1",
    "foo==1.0[bar]",
    "foo; os_name =='x",
    "foo; os_name = 'x'",
    "foo; bogus == 'x'",
    "foo; os_name not  in 'x'",
    "foo; os_name == 'a' and",
    "foo; (os_name == 'a'",
    "foo; os_name == 'a')",
    "foo @",
    "foo @ notaurl",
    "foo @ http:///nohost",
    "--no-such-option",
    "--pre=1",
    "-e",
    "-i",
    "-x foo",
    "foo --hash=md5:abc",
    "foo --hash=sha256",
    "foo --global-option=\"unclosed",
    "foo --hash=sha256:a\\",
    "-C novalue",
    "--use-feature=nope",
    "-e https://example.com/x.zip",
    "-e git+https://github.com/o/r.git",
    "--only-binary -x",
    "bad line here",
    "${TOKEN}pkg",
    "--no https://ambiguous.example",
    "--e ./pkg",
    "foo[bar",
    "foo[bar,]",
    "foo==1.0 )",
    "foo ==1 ;",
    "foo; python_version > 3",
]


def write(path, text):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def pip_read(path):
    """What pip makes of @path: requirements, files read, options; or an error."""
    opened = []
    options = []
    real_get = req_file.get_file_content
    real_handle_option = req_file.handle_option_line

    def get_file_content(url, session):
        opened.append(url)
        return real_get(url, session)

    def handle_option_line(opts, filename, lineno, *args, **kwargs):
        if opts.index_url:
            options.append(("--index-url", opts.index_url))
        for v in opts.extra_index_urls or []:
            options.append(("--extra-index-url", v))
        for v in opts.trusted_hosts or []:
            options.append(("--trusted-host", v))
        for v in opts.find_links or []:
            options.append(("--find-links", v))
        # optparse shares the default list between lines, so features pile up
        for v in opts.features_enabled or []:
            if ("--use-feature", v) not in options:
                options.append(("--use-feature", v))
        for flag in ("no_index", "pre", "prefer_binary", "require_hashes"):
            if getattr(opts, flag):
                options.append(("--" + flag.replace("_", "-"), ""))

    req_file.get_file_content = get_file_content
    req_file.handle_option_line = handle_option_line
    # --use-feature's default list is one object shared by every parse: empty it
    cmdoptions.use_new_feature.keywords["default"].clear()
    out = []
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            prs = list(req_file.parse_requirements(path, session=PipSession()))
        for pr in prs:
            ireq = install_req_from_parsed_requirement(pr)
            req = ireq.req
            if req is not None:
                extras = sorted(set(req.extras))
            else:
                extras = sorted(set(e.lower() for e in ireq.extras))
            hashes = sorted(set(f"{algo}:{d}" for algo, ds in
                                ((pr.options or {}).get("hashes") or {}).items() for d in ds))
            out.append({
                "name": req.name if req is not None else "",
                "extras": extras,
                "specifier": str(req.specifier) if req is not None else "",
                "marker": str(ireq.markers) if ireq.markers else None,
                "url": ireq.link.url if ireq.link else None,
                "hashes": hashes,
                "editable": bool(pr.is_editable),
                "constraint": bool(pr.constraint),
                "comes_from": pr.comes_from.split(" ", 1)[1].rsplit(" (line", 1)[0],
            })
    except Exception as e:  # pip refuses the file
        return {"error": f"{type(e).__name__}: {e}"}
    finally:
        req_file.get_file_content = real_get
        req_file.handle_option_line = real_handle_option
    return {"requirements": out, "files": opened, "options": sorted(options)}


def deputy_read(tool, path):
    res = subprocess.run([tool, path], capture_output=True, text=True, timeout=60)
    if res.returncode != 0:
        raise RuntimeError(f"reqfile_dump failed on {path}: {res.stderr}")
    return json.loads(res.stdout)


def deputy_url(url):
    """pip turns a local path into a file: URL relative to the working folder."""
    if url is None:
        return None
    if ":" in url.split("/")[0] or url.startswith("file:"):
        return url
    return path_to_url(url)


def compare(path, pip, dep, ncases, problems):
    errors = [d for d in dep["diagnostics"] if d["level"] == "error"]
    if "error" in pip:
        if not errors:
            problems.append(f"{path}: pip refuses it ({pip['error'][:200]}) "
                            "but deputy reports no error")
        return
    if errors:
        problems.append(f"{path}: pip accepts it but deputy reports {errors}")
        return
    preqs, dreqs = pip["requirements"], dep["requirements"]
    if len(preqs) != len(dreqs):
        problems.append(f"{path}: pip finds {len(preqs)} requirements, deputy {len(dreqs)}: "
                        f"{[p['name'] for p in preqs]} vs {[d['name'] for d in dreqs]}")
        return
    for p, d in zip(preqs, dreqs):
        where = f"{path}: {d['comes_from']}:{d['line']}: {d['raw']!r}"
        wheel = (d["url"] or "").endswith(".whl")
        got = {
            "name": canonicalize_name(d["name"]) if wheel else d["name"],
            "extras": d["extras"],
            "specifier": d["specifier"],
            "marker": d["marker"],
            "url": deputy_url(d["url"]),
            "hashes": d["hashes"],
            "editable": d["editable"],
            "constraint": d["constraint"],
            "comes_from": d["comes_from"],
        }
        want = dict(p)
        if wheel:
            want["name"] = canonicalize_name(want["name"])
        if canonicalize_name(d["name"]) != d["normalized"] and not wheel:
            problems.append(f"{where}: normalized {d['normalized']!r} is not PEP 503")
        for key in want:
            if want[key] != got[key]:
                problems.append(f"{where}: {key}: pip {want[key]!r}, deputy {got[key]!r}")
    if pip["files"] != [f["path"] for f in dep["files"]]:
        problems.append(f"{path}: files read: pip {pip['files']}, deputy "
                        f"{[f['path'] for f in dep['files']]}")
    dopts = []
    for o in dep["options"]:
        pair = (o["option"], o["value"])
        if o["option"] in ("--no-binary", "--only-binary"):
            continue
        if o["option"] == "--use-feature" and pair in dopts:
            continue
        dopts.append(pair)
    dopts.sort()
    if pip["options"] != dopts:
        problems.append(f"{path}: options: pip {pip['options']}, deputy {dopts}")


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    tool = os.path.abspath(sys.argv[1])
    keep = "--keep" in sys.argv
    rng = random.Random(SEED)
    tmp = tempfile.mkdtemp(prefix="reqfile-diff-")
    os.chdir(tmp)
    write("pkg/setup.py", "from setuptools import setup\nsetup(name='pkg')\n")
    write("pkg2/pyproject.toml", "[project]\nname = 'pkg2'\n")
    write("setup.py", "from setuptools import setup\nsetup(name='root')\n")
    write("sub/inc.txt", "included-one==1.0\n-c ../cons.txt\n-r deeper/more.txt\n")
    write("sub/deeper/more.txt", "deep_pkg[x] >= 2 ; os_name == 'posix'\n")
    write("sub/cons.txt", "constrained<3\n")
    write("cons.txt", "Constrained_Pkg==1.2.3 --hash=sha256:00ff\n")

    files = []   # (path, number of requirement lines in it)
    for i, line in enumerate(GOOD_EDGE):
        files.append((f"edge_good_{i:03}.txt", line + "\n", 1))
    for i, line in enumerate(BAD_EDGE):
        files.append((f"edge_bad_{i:03}.txt", line + "\n", 1))
    generated = 0
    for i in range(40):
        lines = []
        for _ in range(15):
            if rng.random() < 0.1:
                lines.append(rng.choice(OPTION_LINES))
            else:
                lines.append(gen_line(rng))
                generated += 1
        if rng.random() < 0.3:
            lines.insert(rng.randint(0, len(lines)), rng.choice(["-r sub/inc.txt",
                                                                 "-c cons.txt"]))
        if rng.random() < 0.2:
            lines.insert(rng.randint(0, len(lines)), "")
        files.append((f"gen_{i:03}.txt", "\n".join(lines) + "\n", len(lines)))
    # the same generated lines one per file, so that a line pip refuses is
    # compared alone rather than sinking its whole file
    for i in range(520):
        files.append((f"single_{i:03}.txt", gen_line(rng) + "\n", 1))
    files.append(("crlf.txt", "foo==1.0\r\nbar>=2\r\n# c\r\nbaz \\\r\n  <3\r\n", 3))
    files.append(("bom.txt", "\ufeffbom-pkg==1.0\n", 1))

    if os.environ.get("DEPUTY_TEST_QUICK"):
        # the sanitizer pass of scripts/test: every edge case, a quarter of the rest
        files = [f for i, f in enumerate(files)
                 if not f[0].startswith(("gen_", "single_")) or i % 4 == 0]
    ncases = 0
    refused = 0
    problems = []
    for path, text, n in files:
        write(path, text)
        pip = pip_read(path)
        dep = deputy_read(tool, path)
        before = len(problems)
        compare(path, pip, dep, ncases, problems)
        refused += "error" in pip
        ncases += n
        if keep and len(problems) > before:
            print(f"--- {path}\n{text}")
    for p in problems:
        print("DISAGREE", p)
    print(f"{len(files)} files, {refused} of them refused by pip")
    print(f"{ncases} cases compared, {len(problems)} disagreements")
    if not keep:
        subprocess.run(["rm", "-rf", tmp])
    else:
        print("kept", tmp)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
