#!/usr/bin/env python3
"""bench/requirements: deputy's requirement-file reader against pip's own
parse_requirements() on 100,000 requirement lines (--quick: 5,000).

usage: requirements.py REQFILE_DUMP [--quick]

The lines come from the generator of the differential test
(tests/diff/reqfile_diff.py, fixed seed): names with extras, every kind of
specifier, markers, hashes, URLs, editables, comments, continuations. Each
distinct line is first checked alone with pip, so that the big file holds
only lines pip accepts (one refused line makes pip refuse the whole file).
Timed: pip's parse_requirements() plus install_req_from_parsed_requirement()
(the packaging parse pip does for each line), against the time deputy's
detector spends (reqfile_dump's "parse_seconds"), best of three each.
Then both results are compared with the differential test's own compare():
the benchmark fails on any disagreement. Target: deputy at least 20x faster.
"""
import os
import random
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "diff"))
import benchlib  # noqa: E402
import reqfile_diff as rd  # noqa: E402

TARGET = 20.0


def pip_accepts(path, session):
    """True when pip reads @path without an error."""
    try:
        with rd.contextlib.redirect_stderr(rd.io.StringIO()):
            for pr in rd.req_file.parse_requirements(path, session=session):
                rd.install_req_from_parsed_requirement(pr)
    except Exception:  # noqa: BLE001 (pip raises many kinds)
        return False
    return True


def pool_of_lines(rng, size, session):
    """@size distinct generated lines that pip accepts on their own."""
    lines, seen = [], set()
    while len(lines) < size:
        line = rd.gen_line(rng)
        if line in seen or line.lstrip().startswith(("-e", "--editable", ".", "file:")):
            continue      # local paths: pip would look for them on disk
        seen.add(line)
        rd.write("one.txt", line + "\n")
        if pip_accepts("one.txt", session):
            lines.append(line)
    return lines


def main():
    tool = benchlib.tool_argument(__doc__)
    quick = benchlib.quick()
    nlines = (1000 if benchlib.tiny() else 5000) if quick else 100000
    rng = random.Random(20)
    tmp = tempfile.mkdtemp(prefix="bench-requirements-")
    os.chdir(tmp)
    session = rd.PipSession()
    pool = pool_of_lines(rng, (60 if benchlib.tiny() else 300) if quick else 2000, session)
    body = ["--index-url https://pypi.example/simple"]
    while len(body) < nlines:
        r = rng.random()
        if r < 0.05:
            body.append("# " + rng.choice(["pinned for the api", "see issue 12", "dev"]))
        elif r < 0.07:
            body.append("")
        else:
            body.append(rng.choice(pool))
    rd.write("requirements.txt", "\n".join(body) + "\n")

    def pip_parse():
        prs = list(rd.req_file.parse_requirements("requirements.txt", session=session))
        return [rd.install_req_from_parsed_requirement(pr) for pr in prs]

    runs = 1 if quick else 3
    pip_s, ireqs = benchlib.time_call(pip_parse, runs)
    dep_s = None
    for _ in range(runs):
        dep = rd.deputy_read(tool, "requirements.txt")
        dep_s = dep["parse_seconds"] if dep_s is None else min(dep_s, dep["parse_seconds"])
    problems = []
    rd.compare("requirements.txt", rd.pip_read("requirements.txt"), dep, 0, problems)
    for p in problems[:20]:
        print("DISAGREE", p)
    os.chdir("/")
    rd.subprocess.run(["rm", "-rf", tmp])

    ratio = pip_s / dep_s if dep_s > 0 else float("inf")
    print(f"{len(body)} lines ({len(ireqs)} requirements, {len(pool)} distinct lines); "
          f"pip {benchlib.seconds(pip_s)}, deputy {benchlib.seconds(dep_s)}; "
          f"{len(problems)} disagreements")
    benchlib.result(f"requirements: parse {nlines // 1000}k lines",
                    benchlib.seconds(dep_s), f"pip {benchlib.seconds(pip_s)}",
                    f"{ratio:.0f}x faster", f">= {TARGET:.0f}x", ratio >= TARGET)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
