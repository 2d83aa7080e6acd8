#!/usr/bin/env python3
"""Differential test: deputy's Python tokenizer against Python's tokenize.

Usage: pytok_diff.py PATH/TO/pytok_dump [ROOT...]

Tokenizes every .py file under ROOT (default: this Python's standard library,
sysconfig's 'stdlib' path, recursively), plus generated files (random runs of
awkward fragments with a fixed seed: stray quotes, backslashes, CR, form feeds,
NUL, bad UTF-8, odd numbers, non-ASCII names; latin-1 cookies; CRLF copies of
some library files) with tokenize.tokenize and with
pytok_dump, and compares type name (tok.type, so OP for every operator),
string, start and end of every token but the ENCODING one. A file tokenize
accepts must give the same tokens and no error diagnostic; a file tokenize
rejects must give the tokens tokenize yielded before raising, then at least
one error diagnostic. Files in a source encoding deputy does not decode are
listed with the reason and not counted. Exits 1 on any disagreement.
"""
import codecs
import io
import multiprocessing
import os
import subprocess
import sys
import random
import sysconfig
import tempfile
import tokenize

DECODED = {"utf-8", "iso8859-1", "ascii"}  # codecs.lookup() names


def python_tokens(data):
    """(records as bytes, encoding, error or None)."""
    out = []
    encoding = "utf-8"
    error = None
    try:
        for tok in tokenize.tokenize(io.BytesIO(data).readline):
            if tok.type == tokenize.ENCODING:
                encoding = tok.string
                continue
            out.append("%s\x1f%s\x1f%d\x1f%d\x1f%d\x1f%d\x1e" % (
                tokenize.tok_name[tok.type], tok.string, tok.start[0], tok.start[1],
                tok.end[0], tok.end[1]))
    except (SyntaxError, tokenize.TokenError, UnicodeDecodeError) as e:
        error = "%s: %s" % (type(e).__name__, e)
    try:
        text = "".join(out).encode(encoding, "surrogateescape")
    except (LookupError, UnicodeEncodeError):
        text = "".join(out).encode("utf-8", "surrogateescape")
    return text, encoding, error


def first_difference(ours, theirs):
    a = ours.split(b"\x1e")
    b = theirs.split(b"\x1e")
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return "token %d: deputy %r, tokenize %r" % (i, x[:160], y[:160])
    return "token %d: deputy has %d tokens, tokenize %d" % (
        min(len(a), len(b)), len(a) - 1, len(b) - 1)


def check_batch(args):
    dump, paths = args
    proc = subprocess.run([dump], input="".join(p + "\n" for p in paths).encode(),
                          stdout=subprocess.PIPE, check=False)
    stream = io.BytesIO(proc.stdout)
    results = []
    for path in paths:
        header = stream.readline().split()
        if len(header) != 4 or header[0] != b"@@" or int(header[1]) < 0:
            results.append(("bad", path, "pytok_dump gave no output (exit %d)" % proc.returncode))
            continue
        ours = stream.read(int(header[1]))
        errors, first_error = int(header[2]), int(header[3])
        with open(path, "rb") as f:
            data = f.read()
        theirs, encoding, error = python_tokens(data)
        if error is None and codecs.lookup(encoding).name not in DECODED:
            results.append(("skip", path, "source encoding %s is not decoded by deputy" % encoding))
            continue
        if error is None:
            if ours != theirs:
                results.append(("bad", path, first_difference(ours, theirs)))
            elif errors:
                results.append(("bad", path, "tokenize accepts it, deputy reports an error "
                                "on line %d" % first_error))
            else:
                results.append(("ok", path, ""))
        else:
            if not ours.startswith(theirs):
                results.append(("bad", path, "before tokenize's %s: %s" % (
                    error, first_difference(ours[:len(theirs)], theirs))))
            elif not errors:
                results.append(("bad", path, "tokenize rejects it (%s), deputy reports "
                                "no error" % error))
            else:
                results.append(("rejected", path, error))
    return results


FRAGMENTS = [
    "x", " ", "  ", "\t", "\f", "\n", "\r\n", "\r", "\\\n", "\\\r\n", "\\", "#c",
    "# \u00e9\n", "'", '"', "'''", '"""', "b'", "rb'", 'Rb"', "f'", "u'", "ur'", "bu'",
    "fR'''", "abc", "\u00e9", "\u00e41", "\u00b2", "\u0663", "\u00b7", "e\u0301", "$", "?",
    "!", "`", "\x00", "\x0b", "\u00a0", "\u3000", "(", ")", "[", "]", "{", "}", "()",
    "[x]", "0", "1", "07", "0x", "0x_1", "0b2", "0o7", "1_", "1__0", "1.", ".5", "1e", "1e5",
    "1e+", "1.e5j", "1j", "1.5J", "...", "..", ".", "**=", "//=", "->", ":=", "!=", "<>", "@=",
    "=", "==", ":", ",", ";", "~", "if", "def", "    ", "        ", "\\'", '\\"', "\\x",
    "'''a'''", '"""\n"""', "z", "_", "__", "\u2028", "\x85", "\U0001d4b3",
]


def generate(folder, library, seed=3131, count=3000):
    rng = random.Random(seed)
    for i in range(count):
        text = "".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 40)))
        data = text.encode("utf-8")
        if i % 10 == 0:
            data = data.replace("\u00e9".encode(), b"\xff").replace(b"\xc2", b"\xc2\xc2")
        if i % 25 == 0:
            cookie = rng.choice(["latin-1", "iso-8859-1", "latin1", "ascii", "utf8", "l1"])
            data = b"# -*- coding: %s -*-\n" % cookie.encode() + text.encode("latin-1", "replace")
        if i % 40 == 0:
            data = b"\xef\xbb\xbf" + data
        with open(os.path.join(folder, "gen%05d.py" % i), "wb") as f:
            f.write(data)
    for i, path in enumerate(rng.sample(library, min(300, len(library)))):
        with open(path, "rb") as f:
            data = f.read().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        with open(os.path.join(folder, "crlf%05d.py" % i), "wb") as f:
            f.write(data)


def main():
    dump = os.path.abspath(sys.argv[1])
    roots = sys.argv[2:] or [sysconfig.get_paths()["stdlib"]]
    files = []
    for root in roots:
        for d, dirs, names in os.walk(root):
            dirs.sort()
            files.extend(os.path.join(d, n) for n in sorted(names) if n.endswith(".py"))
    files = [f for f in files if os.path.isfile(f)]
    if os.environ.get("DEPUTY_TEST_QUICK"):
        files = files[::8]   # the sanitizer pass of scripts/test: an eighth of the library
    tmp = tempfile.TemporaryDirectory(prefix="pytok-diff-")
    generate(tmp.name, files)
    files += sorted(os.path.join(tmp.name, n) for n in os.listdir(tmp.name))
    batches = [(dump, files[i:i + 200]) for i in range(0, len(files), 200)]
    counts = {"ok": 0, "rejected": 0, "skip": 0, "bad": 0}
    with multiprocessing.Pool(max(1, os.cpu_count() or 1)) as pool:
        for results in pool.imap_unordered(check_batch, batches):
            for kind, path, why in results:
                counts[kind] += 1
                if kind == "bad":
                    print("DISAGREE %s: %s" % (path, why))
                elif kind == "skip":
                    print("skipped %s: %s" % (path, why))
                elif kind == "rejected":
                    print("rejected by both %s: %s" % (path, why))
    compared = counts["ok"] + counts["rejected"] + counts["bad"]
    print("%d files compared, %d disagreements (%d rejected by both, %d skipped)" % (
        compared, counts["bad"], counts["rejected"], counts["skip"]))
    return 1 if counts["bad"] or compared == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
