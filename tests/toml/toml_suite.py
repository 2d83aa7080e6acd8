#!/usr/bin/env python3
"""The TOML compliance suite (toml-test) against deputy's reader.

Usage: toml_suite.py PATH/TO/toml_dump PATH/TO/toml-test

Every file listed in tests/files-toml-1.0.0 is read by toml_dump: a valid/
file must decode to its .json (compared semantically, see tagged.py), an
invalid/ file must be rejected. Exits 1 on any failure, and when the suite is
missing (it lives outside the repository, in ../shared/corpus/toml-test).
"""
import json
import os
import subprocess
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tagged  # noqa: E402


def run_dump(dump, paths):
    """{path: (ok, value_or_error)} for @paths, read by one toml_dump process."""
    proc = subprocess.run([dump, "--lines", *paths], capture_output=True, timeout=120)
    lines = proc.stdout.decode("utf-8").splitlines()
    if proc.returncode != 0 or len(lines) != len(paths) or proc.stderr:
        sys.exit(f"toml_dump failed (exit {proc.returncode}, {len(lines)} of {len(paths)} "
                 f"results): {proc.stderr.decode('utf-8', 'replace')[-2000:]}")
    out = {}
    for path, line in zip(paths, lines):
        r = json.loads(line)
        out[path] = (r["ok"], r["value"] if r["ok"] else r["error"])
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    dump, suite = sys.argv[1], sys.argv[2]
    listing = os.path.join(suite, "tests", "files-toml-1.0.0")
    if not os.path.isfile(listing):
        print(f"FAIL: the TOML compliance suite is missing: {listing} not found "
              f"(expected toml-test in ../shared/corpus/toml-test next to the repository)")
        return 1
    with open(listing, encoding="utf-8") as f:
        names = [n.strip() for n in f if n.strip().endswith(".toml")]
    paths = [os.path.join(suite, "tests", n) for n in names]
    results = {}
    for i in range(0, len(paths), 200):
        results.update(run_dump(dump, paths[i:i + 200]))
    failures = []
    n_valid = n_invalid = 0
    for name, path in zip(names, paths):
        ok, got = results[path]
        if name.startswith("valid/"):
            n_valid += 1
            if not ok:
                failures.append(f"{name}: rejected: {got}")
                continue
            with open(path[:-5] + ".json", encoding="utf-8") as f:
                want = json.load(f)
            diff = tagged.difference(got, want)
            if diff:
                failures.append(f"{name}: {diff}")
        else:
            n_invalid += 1
            if ok:
                failures.append(f"{name}: accepted an invalid file")
    for line in failures:
        print("FAIL", line)
    print(f"toml-test 1.0.0: {len(names) - len(failures)} of {len(names)} files passed "
          f"({n_valid} valid, {n_invalid} invalid)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
